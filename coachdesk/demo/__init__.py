"""Fictional demo data: five executive-coaching engagements that look current on any day.

Used by ``coachdesk demo`` (and the app's "add demo clients") so a coach can try every
screen and report without typing a client in. Everything here is invented: people,
organisations, numbers; email addresses use the reserved ``example.org``/``example.com``
domains and phone numbers the ranges set aside for drama.

One module per engagement (each a ``build(calendar, rng)`` and the items its client
agreed the sponsor sees); :mod:`coachdesk.demo.common` holds what they share; this
module assembles them. Dates are placed relative to ``today`` (three engagements in
progress, one that ended two weeks ago, one whose extension is still a draft), and the
small details that vary (times of day, where an emotion sits on the Mood Meter,
intensities) come from :class:`random.Random` with fixed seeds, so the same ``today``
always gives the same data. Outcomes and sessions carry ids numbered from 1 within each
engagement so that the links between records resolve in memory; ``client_id`` and
``contract_id`` stay None, and the storage layer stores everything as new records and
remaps the ids.

Pure Python over :mod:`coachdesk.core` only (an import-linter contract): no I/O, no
vault, no Qt. It sits beside the domain, not in it, so ``core`` holds rules, not data.
"""

from __future__ import annotations

import random
from datetime import date
from types import ModuleType

from coachdesk.core.audience import Audience
from coachdesk.core.model import Engagement, SessionState
from coachdesk.demo import (
    daniel_okafor,
    eleni_papadaki,
    marta_lindqvist,
    sofia_herrera_vidal,
    tomasz_wierzbicki,
)
from coachdesk.demo.common import Calendar

__all__ = ["ENGAGEMENTS", "demo_engagements"]

ENGAGEMENTS: tuple[ModuleType, ...] = (
    marta_lindqvist,
    eleni_papadaki,
    daniel_okafor,
    sofia_herrera_vidal,
    tomasz_wierzbicki,
)
"""The engagement modules, in the order the coach sees them."""

_SEED = 5_318_008
"""Base seed; each engagement adds its position, so one client's details never depend
on how many random numbers another client used."""


def demo_engagements(today: date) -> list[Engagement]:
    """Five fictional engagements, dated around ``today``; the same ``today`` gives the
    same data (fresh objects on every call, so callers may change them)."""
    calendar = Calendar(today)
    engagements = []
    for position, module in enumerate(ENGAGEMENTS):
        # Not for security: a seeded generator is the point, so the demo is reproducible.
        engagement: Engagement = module.build(calendar, random.Random(_SEED + position))  # noqa: S311
        _mark_audiences(engagement, module.SPONSOR_SEES, module.COACH_ONLY_RISKS)
        for session in engagement.sessions:
            # The sessions written up were held; the few others say their state.
            if session.shared_summary:
                session.state = SessionState.HELD
        engagements.append(engagement)
    return engagements


def _mark_audiences(
    engagement: Engagement,
    sponsor_sees: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]],
    coach_only_risks: tuple[int, ...],
) -> None:
    """Who sees what, as each client agreed it (1-based positions in the contract).

    Only work results reach the sponsor: nothing about health, energy, mood, sleep or
    the emotion log, nor about other people's performance or what a stakeholder
    interview said. Risks that are the coach's own observations are coach only;
    everything else stays client-visible (the default).
    """
    contract = engagement.contract
    if contract is None:
        return
    outcomes, milestones, risks = sponsor_sees
    for positions, parts in (
        (outcomes, contract.outcomes),
        (milestones, contract.milestones),
        (risks, contract.risks),
    ):
        for position in positions:
            parts[position - 1].audience = Audience.SPONSOR
    for position in coach_only_risks:
        contract.risks[position - 1].audience = Audience.COACH
    contract.sponsor_confirmed_on = contract.signed_date or contract.start_date
