"""How far the work is from the planned result.

Everything here is a pure function of the records and ``today``, so the same numbers
appear on screen, in the progress report and in the sponsor report, and tests can pin
any day. The entry point is :func:`engagement_progress`.

The core idea: an outcome that is 30% of the way from baseline to target while 70% of
the contract time has gone is behind. The difference (the *gap*) decides the status,
with the thresholds below. Reasons are written for the coach and may be printed in
reports shared with the client or the sponsor, so they name outcomes by position
("Outcome 2") and risks by their description, never anything from session notes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from coachdesk.core.attendance import SessionCounts, held_sessions, session_counts
from coachdesk.core.model import (
    Contract,
    ContractStatus,
    Engagement,
    Milestone,
    Outcome,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
)

# --- Thresholds ------------------------------------------------------------------------

GAP_AT_RISK = -0.15
"""An outcome more than 15 points (of 100) behind the time elapsed is at risk."""
GAP_OFF_TRACK = -0.35
"""An outcome more than 35 points behind the time elapsed is off track."""
TARGET_REACHED = 1.0
"""The fraction of the way at which an outcome counts as reached. An outcome short of it
when the contract has ended, or after the outcome's own deadline, is off track."""
OVERDUE_MILESTONES_AT_RISK = 1
"""This many overdue milestones make the engagement at risk…"""
OVERDUE_MILESTONES_OFF_TRACK = 3
"""…and this many, off track."""
RISK_LEVEL_SCORE: Mapping[str, int] = MappingProxyType(
    {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}
)
"""Likelihood and impact as numbers; exposure is their product (1…9)."""
HIGH_EXPOSURE = 6
"""Exposure from which an open risk is flagged and puts the engagement at risk: high
likelihood with at least medium impact, or the other way round."""
BALANCE_LEAN_POINTS = 2.0
"""When mean result and mean process ratings differ by more than this many points
(0–10 scale), sessions lean towards one side."""
REASON_TEXT_MAX = 100
"""Longest piece of a record's text (a risk description) quoted in a reason."""


class ProgressStatus(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


_SEVERITY = {ProgressStatus.ON_TRACK: 0, ProgressStatus.AT_RISK: 1, ProgressStatus.OFF_TRACK: 2}


def worst_status(statuses: Iterable[ProgressStatus]) -> ProgressStatus:
    """The most serious of several statuses; on track when there are none."""
    return max(statuses, key=_SEVERITY.__getitem__, default=ProgressStatus.ON_TRACK)


# --- Numbers -------------------------------------------------------------------------


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def clamp01(value: float) -> float:
    """Clamp to 0…1, for bars and percentages on screen."""
    return min(max(value, 0.0), 1.0)


def fraction_of_way(
    baseline: float | None, target: float | None, current: float | None
) -> float | None:
    """How far ``current`` has come from ``baseline`` towards ``target``; raw, not clamped.

    0 at the baseline, 1 at the target, above 1 past it, below 0 when things moved the
    wrong way. Works for targets below the baseline ("reduce X"). None when a number is
    missing or baseline equals target (there is no way to measure).
    """
    if baseline is None or target is None or current is None:
        return None
    if not all(math.isfinite(v) for v in (baseline, target, current)) or target == baseline:
        return None
    return (current - baseline) / (target - baseline)


def time_elapsed(start: date | None, end: date | None, today: date) -> float | None:
    """Share of the time from ``start`` to ``end`` gone by ``today``: 0 before the start,
    1 from the end on. None when a date is missing or the end is before the start."""
    if start is None or end is None or end < start:
        return None
    if today <= start:
        return 1.0 if today >= end else 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days


def contract_started(contract: Contract, today: date) -> bool:
    """Started unless a start date is set and still ahead."""
    return contract.start_date is None or today >= contract.start_date


def contract_ended(contract: Contract, today: date) -> bool:
    """Ended when marked ended, or once its end date has passed."""
    return contract.status == ContractStatus.ENDED or (
        contract.end_date is not None and today > contract.end_date
    )


def _percent(fraction: float) -> str:
    return f"{round(clamp01(fraction) * 100)}%"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _either(words: Sequence[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _quote(text: str) -> str:
    """A record's text on one line and shortened, fit to stand in a reason."""
    line = " ".join(text.split())
    if len(line) <= REASON_TEXT_MAX:
        return line
    cut = line[: REASON_TEXT_MAX - 1]
    space = cut.rfind(" ")
    if space > REASON_TEXT_MAX // 2:  # whole words: "chang…" reads as nothing
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


# --- Outcomes ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutcomeProgress:
    """Where one outcome stands against the contract's clock."""

    position: int
    """1-based place in the contract's list: reasons call it "Outcome <position>"."""
    outcome_id: int | None
    statement: str
    baseline: float | None
    target: float | None
    current: float | None
    fraction_raw: float | None
    """From baseline (0) to target (1); may be below 0 or above 1."""
    fraction_of_way: float | None
    """``fraction_raw`` clamped to 0…1, for display."""
    time_elapsed: float | None
    """Share of the contract time gone, 0…1."""
    gap: float | None
    """``fraction_of_way`` minus ``time_elapsed``: negative means behind."""
    reached: bool
    status: ProgressStatus
    reasons: list[str]

    @property
    def measurable(self) -> bool:
        return self.fraction_raw is not None


def outcome_progress(
    outcome: Outcome, contract: Contract, today: date, position: int = 1
) -> OutcomeProgress:
    """Progress of one outcome of ``contract``; ``position`` names it in reasons."""
    return _assess_outcome(outcome, contract, today, position)[0]


def _assess_outcome(
    outcome: Outcome, contract: Contract, today: date, position: int
) -> tuple[OutcomeProgress, list[tuple[ProgressStatus, str]]]:
    """The outcome's progress and its findings, each reason with its own status."""
    name = f"Outcome {position}"
    raw = fraction_of_way(outcome.baseline, outcome.target, outcome.current)
    shown = clamp01(raw) if raw is not None else None
    elapsed = time_elapsed(contract.start_date, contract.end_date, today)
    gap = shown - elapsed if shown is not None and elapsed is not None else None
    reached = raw is not None and raw >= TARGET_REACHED
    findings: list[tuple[ProgressStatus, str]] = []

    if raw is None:
        missing = [
            label
            for label, value in (
                ("baseline", outcome.baseline),
                ("target", outcome.target),
                ("current value", outcome.current),
            )
            if not _finite(value)
        ]
        if missing:
            findings.append((ProgressStatus.ON_TRACK, f"{name} has no {_either(missing)} yet"))
        else:
            findings.append((ProgressStatus.ON_TRACK, f"{name} has the same baseline and target"))
    elif not reached:
        deadline_passed = outcome.deadline is not None and today > outcome.deadline
        if contract_ended(contract, today):
            findings.append(
                (
                    ProgressStatus.OFF_TRACK,
                    f"The contract has ended with {name} at {_percent(raw)} of the way",
                )
            )
        elif deadline_passed:
            findings.append(
                (
                    ProgressStatus.OFF_TRACK,
                    f"{name} is past its deadline at {_percent(raw)} of the way",
                )
            )
        elif gap is not None and elapsed is not None and gap < GAP_AT_RISK:
            status = ProgressStatus.OFF_TRACK if gap < GAP_OFF_TRACK else ProgressStatus.AT_RISK
            findings.append(
                (
                    status,
                    f"{name} is {_percent(raw)} of the way with "
                    f"{_percent(elapsed)} of the contract time gone",
                )
            )
        if raw < 0:
            findings.append((ProgressStatus.AT_RISK, f"{name} has moved away from its target"))

    findings = _by_severity(findings)
    progress = OutcomeProgress(
        position=position,
        outcome_id=outcome.id,
        statement=outcome.statement,
        baseline=outcome.baseline,
        target=outcome.target,
        current=outcome.current,
        fraction_raw=raw,
        fraction_of_way=shown,
        time_elapsed=elapsed,
        gap=gap,
        reached=reached,
        status=worst_status(status for status, _ in findings),
        reasons=[reason for _, reason in findings],
    )
    return progress, findings


# --- Milestones ----------------------------------------------------------------------


class MilestoneState(StrEnum):
    DONE = "done"
    DUE = "due"  # not done, due today or later
    OVERDUE = "overdue"  # not done, due before today
    UNDATED = "undated"  # not done, no due date


def milestone_state(milestone: Milestone, today: date) -> MilestoneState:
    if milestone.done:
        return MilestoneState.DONE
    if milestone.due is None:
        return MilestoneState.UNDATED
    return MilestoneState.OVERDUE if milestone.due < today else MilestoneState.DUE


@dataclass(frozen=True, slots=True)
class MilestoneSummary:
    """Milestones grouped by state; due and overdue ones ordered by due date."""

    done: list[Milestone]
    due: list[Milestone]
    overdue: list[Milestone]
    undated: list[Milestone]

    @property
    def total(self) -> int:
        return len(self.done) + len(self.due) + len(self.overdue) + len(self.undated)

    @property
    def done_count(self) -> int:
        return len(self.done)

    @property
    def due_count(self) -> int:
        return len(self.due)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


def summarise_milestones(milestones: Sequence[Milestone], today: date) -> MilestoneSummary:
    groups: dict[MilestoneState, list[Milestone]] = {state: [] for state in MilestoneState}
    for milestone in milestones:
        groups[milestone_state(milestone, today)].append(milestone)

    def by_due(m: Milestone) -> date:
        return m.due or date.max

    def by_done(m: Milestone) -> date:
        return m.done_on or date.max

    return MilestoneSummary(
        done=sorted(groups[MilestoneState.DONE], key=by_done),
        due=sorted(groups[MilestoneState.DUE], key=by_due),
        overdue=sorted(groups[MilestoneState.OVERDUE], key=by_due),
        undated=groups[MilestoneState.UNDATED],
    )


# --- Risks ---------------------------------------------------------------------------


def risk_exposure(risk: Risk) -> int:
    """Likelihood × impact, 1…9 (an unknown level counts as medium)."""
    medium = RISK_LEVEL_SCORE[RiskLevel.MEDIUM]
    return RISK_LEVEL_SCORE.get(risk.likelihood, medium) * RISK_LEVEL_SCORE.get(risk.impact, medium)


def open_risks(risks: Sequence[Risk]) -> list[Risk]:
    """Risks still open, highest exposure first."""
    found = [risk for risk in risks if risk.status == RiskStatus.OPEN]
    return sorted(found, key=risk_exposure, reverse=True)


def is_high_exposure(risk: Risk) -> bool:
    return risk_exposure(risk) >= HIGH_EXPOSURE


# --- Sessions ------------------------------------------------------------------------


class BalanceLean(StrEnum):
    PROCESS = "process"
    RESULT = "result"
    BALANCED = "balanced"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True, slots=True)
class SessionRatings:
    """One point of the process/result chart."""

    session_id: int | None
    number: int | None
    started_at: datetime
    process: int | None
    result: int | None


@dataclass(frozen=True, slots=True)
class ProcessResultBalance:
    """Whether sessions feel good (process) and also move things (result).

    Each mean is over the sessions that have that rating.
    """

    series: list[SessionRatings]
    """Every session held, in time order, rated or not."""
    process_mean: float | None
    result_mean: float | None
    balance: float | None
    """``result_mean − process_mean``: negative when sessions lean towards process."""
    lean: BalanceLean
    verdict: str


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def process_result_balance(sessions: Sequence[Session]) -> ProcessResultBalance:
    """Over the sessions held only: a cancelled or missed session has nothing to rate."""
    ordered = held_sessions(sessions)
    series = [
        SessionRatings(s.id, s.number, s.started_at, s.process_rating, s.result_rating)
        for s in ordered
    ]
    process_mean = _mean([p.process for p in series if p.process is not None])
    result_mean = _mean([p.result for p in series if p.result is not None])
    balance: float | None = None
    if process_mean is None and result_mean is None:
        lean, verdict = BalanceLean.NOT_ENOUGH_DATA, "No sessions rated yet"
    elif result_mean is None:
        lean, verdict = BalanceLean.NOT_ENOUGH_DATA, "Only process ratings so far"
    elif process_mean is None:
        lean, verdict = BalanceLean.NOT_ENOUGH_DATA, "Only result ratings so far"
    else:
        balance = result_mean - process_mean
        if balance < -BALANCE_LEAN_POINTS:
            lean = BalanceLean.PROCESS
            verdict = (
                f"Sessions lean towards process: results are rated {-balance:.1f} points "
                "lower on average"
            )
        elif balance > BALANCE_LEAN_POINTS:
            lean = BalanceLean.RESULT
            verdict = (
                f"Sessions lean towards results: the process is rated {balance:.1f} points "
                "lower on average"
            )
        else:
            lean, verdict = BalanceLean.BALANCED, "Process and results are in balance"
    return ProcessResultBalance(series, process_mean, result_mean, balance, lean, verdict)


# --- The whole engagement ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EngagementProgress:
    """The progress picture of one engagement on one day."""

    today: date
    status: ProgressStatus
    reasons: list[str]
    """Most serious first, in words a coach (and a sponsor) understands."""
    outcomes: list[OutcomeProgress]
    milestones: MilestoneSummary
    open_risks: list[Risk]
    """Open risks, highest exposure first."""
    high_risks: list[Risk]
    """The open risks with high exposure (see :data:`HIGH_EXPOSURE`)."""
    balance: ProcessResultBalance
    sessions: SessionCounts
    time_elapsed: float | None
    """Share of the contract time gone; None without a contract or its dates."""
    has_contract: bool
    started: bool
    ended: bool


def _by_severity(findings: list[tuple[ProgressStatus, str]]) -> list[tuple[ProgressStatus, str]]:
    return sorted(findings, key=lambda finding: -_SEVERITY[finding[0]])


def engagement_progress(engagement: Engagement, today: date) -> EngagementProgress:
    """Status and reasons for the engagement's current contract on ``today``.

    The status is the most serious of:
    - each outcome's status (gap against time elapsed, see :data:`GAP_AT_RISK` and
      :data:`GAP_OFF_TRACK`; short of target once the contract or the outcome's deadline
      has passed is off track; moving away from the target is at risk);
    - overdue milestones (:data:`OVERDUE_MILESTONES_AT_RISK`,
      :data:`OVERDUE_MILESTONES_OFF_TRACK`);
    - open risks with high exposure (at risk).
    Before the contract starts (or without one) no outcome can be behind yet; the
    reasons say so, and only milestones and open risks can change the status.
    """
    contract = engagement.contract
    findings: list[tuple[ProgressStatus, str]] = []
    outcomes: list[OutcomeProgress] = []
    milestones = summarise_milestones([], today)
    risks: list[Risk] = []
    elapsed: float | None = None
    started = ended = False

    if contract is None:
        findings.append((ProgressStatus.ON_TRACK, "No contract yet"))
    else:
        started = contract_started(contract, today)
        ended = contract_ended(contract, today)
        elapsed = time_elapsed(contract.start_date, contract.end_date, today)
        if not started:
            findings.append((ProgressStatus.ON_TRACK, "The contract has not started yet"))
        if not contract.outcomes:
            findings.append((ProgressStatus.ON_TRACK, "No outcomes agreed yet"))
        for position, outcome in enumerate(contract.outcomes, start=1):
            progress, outcome_findings = _assess_outcome(outcome, contract, today, position)
            outcomes.append(progress)
            findings.extend(outcome_findings)
        if ended and outcomes and all(p.reached for p in outcomes):
            findings.append(
                (ProgressStatus.ON_TRACK, "The contract has ended with every outcome reached")
            )

        milestones = summarise_milestones(contract.milestones, today)
        overdue = milestones.overdue_count
        if overdue >= OVERDUE_MILESTONES_AT_RISK:
            status = (
                ProgressStatus.OFF_TRACK
                if overdue >= OVERDUE_MILESTONES_OFF_TRACK
                else ProgressStatus.AT_RISK
            )
            findings.append((status, f"{_plural(overdue, 'milestone')} overdue"))

        risks = open_risks(contract.risks)
        for risk in risks:
            if is_high_exposure(risk):
                findings.append(
                    (ProgressStatus.AT_RISK, f"High risk open: {_quote(risk.description)}")
                )

    high = [risk for risk in risks if is_high_exposure(risk)]
    status = worst_status(s for s, _ in findings)
    reasons = [reason for _, reason in _by_severity(findings)]
    if not reasons:
        reasons = ["Outcomes, milestones and risks are on track"]
    return EngagementProgress(
        today=today,
        status=status,
        reasons=reasons,
        outcomes=outcomes,
        milestones=milestones,
        open_risks=risks,
        high_risks=high,
        balance=process_result_balance(engagement.sessions),
        sessions=session_counts(engagement.sessions, contract, today),
        time_elapsed=elapsed,
        has_contract=contract is not None,
        started=started,
        ended=ended,
    )


# --- The status in words -------------------------------------------------------------


def status_headline(progress: EngagementProgress, *, closed: bool = False) -> str:
    """The status as the coach and the reports should say it, never a hollow "On track":
    "No contract" without one; for an engagement that has ended (or a closed client) how
    it ended; otherwise on track, at risk or off track."""
    if not progress.has_contract:
        return "No contract"
    if progress.ended or closed:
        total = len(progress.outcomes)
        if not total:
            return "Ended"
        reached = sum(1 for p in progress.outcomes if p.reached)
        return f"Ended: {reached} of {total} outcomes reached"
    return {
        ProgressStatus.ON_TRACK: "On track",
        ProgressStatus.AT_RISK: "At risk",
        ProgressStatus.OFF_TRACK: "Off track",
    }[progress.status]


def final_distances(progress: EngagementProgress) -> list[str]:
    """Where each outcome ended, for an engagement that is over."""
    lines = []
    for p in progress.outcomes:
        if p.reached:
            lines.append(f"Outcome {p.position}: target reached")
        elif p.fraction_raw is None:
            lines.append(f"Outcome {p.position}: not measured")
        else:
            lines.append(f"Outcome {p.position}: ended {_percent(p.fraction_raw)} of the way")
    return lines
