"""Generate a large CoachDesk vault for the benchmarks.

    python bench/generate.py [--scale smoke|medium|full] [--out DIR] [--seed N]

The vault is a real one: created with :meth:`Vault.create` (cheap test KDF), schema and
search triggers from the shipped migrations, clients and contracts saved through the
repositories (validation included), and the bulk records (sessions, action items,
emotion entries, feedback) built as domain dataclasses, validated, and written with the
repositories' own column mapping (:class:`coachdesk.vault.store.Table`) in large
``executemany`` batches, one transaction per batch. The FTS5 index is filled by the
real triggers, so search sees exactly what the app would have written.

Text is sampled sentence by sentence from the fictional demo engagements
(:mod:`coachdesk.demo`), so the full-text index holds real words in realistic
proportions. Client sizes are skewed (log-normal), as a real practice has a few long
engagements and many short ones; :func:`generate` reports the largest client, which
the benchmarks use for the workspace and report timings.

Everything is seeded: the same scale, seed and ``today`` give the same vault.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from coachdesk.core.emotions import MOOD_WORDS, SCALE_MAX, family_of
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    EmotionEntry,
    EmotionSource,
    FeedbackEntry,
    Focus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionFormat,
    SessionState,
    SessionTemplate,
)
from coachdesk.core.validation import validate
from coachdesk.demo import demo_engagements
from coachdesk.vault import keys
from coachdesk.vault.migrations import latest_version
from coachdesk.vault.store import ACTION_ITEMS, EMOTIONS, FEEDBACK, SESSIONS, Store, Table
from coachdesk.vault.vault import DB_NAME, Vault

PASSPHRASE = "benchmark passphrase only"  # noqa: S105 - a throwaway bench vault
GENERATOR_VERSION = 4
"""Bump when the generated content changes, so cached vaults are rebuilt."""

BATCH_SESSIONS = 2_000
BATCH_EMOTIONS = 10_000


@dataclass(frozen=True)
class Scale:
    """How much to generate. ``note_bytes`` bounds the text of one session (all fields)."""

    name: str
    clients: int
    sessions: int
    emotions: int
    feedback: int
    actions_per_session: int = 2
    note_bytes: tuple[int, int] = (2048, 4096)


SCALES: dict[str, Scale] = {
    "smoke": Scale("smoke", clients=6, sessions=60, emotions=240, feedback=24),
    "medium": Scale("medium", clients=60, sessions=4_000, emotions=20_000, feedback=1_200),
    "full": Scale("full", clients=300, sessions=20_000, emotions=100_000, feedback=6_000),
}


@dataclass
class GeneratedVault:
    """What was generated, as written to ``bench-meta.json`` beside the vault."""

    folder: str
    scale: str
    seed: int
    today: str
    passphrase: str
    schema_version: int
    generator_version: int
    seconds: float
    db_bytes: int
    counts: dict[str, int]
    largest_client_id: int
    largest_client_sessions: int
    largest_client_emotions: int
    smallest_client_id: int
    vocabulary: list[str] = field(default_factory=list)
    """Words that occur in the generated text, for realistic search queries."""

    @property
    def path(self) -> Path:
        return Path(self.folder)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> GeneratedVault:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(**data)


# -- text sampled from the demo engagements ---------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s])")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def _sentences(texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        for block in text.split("\n\n"):
            out.extend(s.strip() for s in _SENTENCE_END.split(" ".join(block.split())))
    return [s for s in out if len(s) >= 12]


class Corpus:
    """Pools of sentences and short phrases, by kind of field, from the demo data."""

    def __init__(self, today: date) -> None:
        engagements = demo_engagements(today)
        sessions = [s for e in engagements for s in e.sessions]
        emotions = [x for e in engagements for x in e.emotions]
        feedback = [f for e in engagements for f in e.feedback]
        contracts = [e.contract for e in engagements if e.contract is not None]
        self.session_prose = _sentences(
            getattr(s, name)
            for s in sessions
            for name in (
                "shared_summary",
                "decisions",
                "insights",
                "comfort_zone_steps",
                "next_steps",
                "grow_goal",
                "grow_reality",
                "grow_options",
                "grow_way_forward",
            )
        )
        self.private_prose = _sentences(s.private_notes for s in sessions) or self.session_prose
        self.agendas = [s.agenda for s in sessions if s.agenda] or ["Review of the last weeks."]
        self.focus_areas = sorted({s.focus_area for s in sessions if s.focus_area}) or ["Focus"]
        self.actions = sorted({a.text for e in engagements for a in e.action_items}) or ["Act"]
        self.emotion_fields: dict[str, list[str]] = {
            name: [v for v in (getattr(x, name) for x in emotions) if v] or ["-"]
            for name in (
                "situation",
                "trigger",
                "body_sensation",
                "thought",
                "reaction",
                "perceived_by_others",
                "regulation_strategy",
            )
        }
        self.feedback_fields: dict[str, list[str]] = {
            name: [v for v in (getattr(f, name) for f in feedback) if v] or ["Observed."]
            for name in ("from_role", "observed_behaviour", "perceived_impact")
        }
        self.contracts = contracts
        self.outcomes = [o for c in contracts for o in c.outcomes]
        self.milestones = [m for c in contracts for m in c.milestones]
        self.risks = [r for c in contracts for r in c.risks]
        self.intakes = [e.client.intake_notes for e in engagements if e.client.intake_notes]
        self.tags = sorted({t for e in engagements for t in e.client.tags})
        self.roles = sorted({e.client.role for e in engagements if e.client.role})
        counts: dict[str, int] = {}
        for text in self.session_prose + self.private_prose:
            for word in _WORD.findall(text.casefold()):
                counts[word] = counts.get(word, 0) + 1
        # Words a coach would type: real words of the notes, common and rare alike.
        self.vocabulary = sorted(counts)

    def prose(self, rng: random.Random, pool: Sequence[str], size: int) -> str:
        """About ``size`` characters of sentences from ``pool``, in paragraphs of 2–5."""
        paragraphs: list[str] = []
        sentences: list[str] = []
        total = 0
        limit = rng.randint(2, 5)
        while total < size:
            sentence = rng.choice(pool)
            sentences.append(sentence)
            total += len(sentence) + 1
            if len(sentences) >= limit:
                paragraphs.append(" ".join(sentences))
                sentences, limit = [], rng.randint(2, 5)
        if sentences:
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)


# -- people and organisations --------------------------------------------------------------

_FIRST = [
    "Marta",
    "Eleni",
    "Daniel",
    "Sofía",
    "Tomasz",
    "Ingrid",
    "Kwame",
    "Aisha",
    "Lukas",
    "Chiara",
    "Mateus",
    "Yuki",
    "Nadia",
    "Oskar",
    "Priya",
    "Rafael",
    "Signe",
    "Tobias",
    "Ursula",
    "Viktor",
    "Wen",
    "Ximena",
    "Youssef",
    "Zofia",
    "Anders",
    "Bea",
    "Camille",
    "Dmitri",
    "Efua",
    "Farid",
    "Grete",
    "Hana",
    "Ilse",
    "Jonas",
    "Katarzyna",
    "Léa",
    "Malik",
    "Nora",
    "Olu",
    "Pilar",
    "Quentin",
    "Rosa",
    "Søren",
    "Tamar",
    "Umberto",
    "Vera",
    "Willem",
    "Xavier",
    "Yara",
    "Zeynep",
]
_LAST = [
    "Lindqvist",
    "Papadaki",
    "Okafor",
    "Herrera",
    "Wierzbicki",
    "Müller",
    "Dubois",
    "Nakamura",
    "Haddad",
    "Rossi",
    "Novak",
    "Sørensen",
    "Kowalczyk",
    "Ferreira",
    "Ivanova",
    "Mensah",
    "O'Brien",
    "García",
    "Schmidt",
    "Laurent",
    "Andersson",
    "Petrović",
    "Kaya",
    "Costa",
    "Bergström",
    "van Dijk",
    "Moreau",
    "Yilmaz",
    "Horvath",
    "Nowak",
    "Jensen",
    "Fischer",
    "Silva",
    "Dimitriou",
    "Ahmed",
    "Bianchi",
    "Eriksen",
    "Weber",
    "Martin",
    "Kovács",
]
_ORG_STEM = [
    "Nordhavn",
    "Alder",
    "Brightwater",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbour",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orchid",
    "Pioneer",
    "Quarry",
    "Riverside",
    "Solstice",
    "Tidal",
    "Umbra",
    "Vantage",
    "Willow",
    "Zenith",
]
_ORG_KIND = [
    "Freight AB",
    "Logistics",
    "Health Trust",
    "Bank plc",
    "Software GmbH",
    "Foods SA",
    "Energy",
    "Insurance",
    "Retail Group",
    "Pharma",
    "Engineering",
    "Capital",
    "Telecom",
    "Media",
    "Consulting",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _organisation(rng: random.Random) -> str:
    return f"{rng.choice(_ORG_STEM)} {rng.choice(_ORG_KIND)}"


# -- sizes -------------------------------------------------------------------------------


def _split(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """``total`` split by ``weights`` (largest remainder), each part at least ``minimum``."""
    n = len(weights)
    base = min(minimum, total // max(n, 1))
    rest = total - base * n
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [base + p for p in parts]


# -- the generator -----------------------------------------------------------------------


class _Generator:
    def __init__(self, scale: Scale, seed: int, today: date) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.corpus = Corpus(today)

    # records ---------------------------------------------------------------------------

    def client(self, index: int, focus: Focus, status: ClientStatus, start: date) -> Client:
        rng = self.rng
        name = _person(rng)
        organisation = _organisation(rng)
        slug = re.sub(r"[^a-z]+", ".", name.casefold()).strip(".") or "client"
        return Client(
            name=name,
            organisation=organisation,
            role=rng.choice(self.corpus.roles),
            sponsor_organisation=organisation,
            sponsor_contact=f"{_person(rng)}, HR Director",
            email=f"{slug}.{index}@example.org",
            phone=f"+44 20 7946 {rng.randint(0, 999):04d}",
            status=status,
            focus=focus,
            tags=rng.sample(self.corpus.tags, k=min(3, len(self.corpus.tags))),
            intake_notes=self.corpus.prose(
                rng, _sentences(self.corpus.intakes) or self.corpus.session_prose, 600
            ),
            created_at=datetime.combine(start - timedelta(days=10), dtime(9, 30)),
        )

    def contract(self, client_id: int, start: date, end: date, sessions: int) -> Contract:
        rng = self.rng
        model = rng.choice(self.corpus.contracts)
        outcomes: list[Outcome] = []
        for position, source in enumerate(rng.sample(self.corpus.outcomes, k=rng.randint(2, 4))):
            span = max((end - start).days, 30)
            readings = [
                OutcomeReading(
                    on=start + timedelta(days=span * k // 6),
                    value=float(rng.randint(0, 10)),
                    note=rng.choice(("", "Self-rated", "From the tally sheet", "Sponsor view")),
                )
                for k in range(rng.randint(3, 6))
            ]
            outcomes.append(
                Outcome(
                    id=position + 1,
                    statement=source.statement,
                    measure=source.measure,
                    baseline=source.baseline,
                    target=source.target,
                    current=readings[-1].value if readings else source.current,
                    history=[r for r in readings if r.on <= self.today],
                    deadline=end,
                    owner=source.owner,
                )
            )
        milestones = []
        for k, source in enumerate(rng.sample(self.corpus.milestones, k=rng.randint(3, 6))):
            due = start + timedelta(days=(end - start).days * (k + 1) // 7)
            milestones.append(
                Milestone(
                    outcome_id=rng.choice(outcomes).id,
                    title=source.title,
                    due=due,
                    done_on=due - timedelta(days=rng.randint(-3, 5)) if due < self.today else None,
                    evidence=source.evidence if due < self.today else "",
                )
            )
        risks = [
            Risk(
                description=r.description,
                likelihood=rng.choice(list(RiskLevel)),
                impact=rng.choice(list(RiskLevel)),
                mitigation=r.mitigation,
                status=rng.choice(list(RiskStatus)),
            )
            for r in rng.sample(self.corpus.risks, k=rng.randint(1, 3))
        ]
        contract = Contract(
            client_id=client_id,
            title=model.title,
            start_date=start,
            end_date=end,
            session_count=sessions + 2,
            session_length_minutes=model.session_length_minutes,
            cadence=model.cadence,
            format=model.format,
            fees=model.fees,
            cancellation_terms=model.cancellation_terms,
            confidentiality=model.confidentiality,
            confidentiality_limits=model.confidentiality_limits,
            sponsor_reporting=model.sponsor_reporting,
            coach_responsibilities=model.coach_responsibilities,
            client_responsibilities=model.client_responsibilities,
            status=ContractStatus.SIGNED,
            signed_date=start - timedelta(days=4),
            outcomes=outcomes,
            milestones=milestones,
            risks=risks,
        )
        # Outcome ids are local (1…n) until stored: milestones are remapped by add_copy.
        return contract

    def session(self, client_id: int, number: int, when: datetime, outcomes: list[int]) -> Session:
        rng, corpus = self.rng, self.corpus
        size = rng.randint(*self.scale.note_bytes)
        grow = rng.random() < 0.3
        prose = corpus.session_prose
        session = Session(
            client_id=client_id,
            started_at=when,
            duration_minutes=rng.choice((45, 60, 60, 90)),
            # Past sessions were held (every eleventh cancelled late), later ones planned.
            state=(
                SessionState.PLANNED
                if when.date() > self.today
                else SessionState.CANCELLED_LATE
                if number % 11 == 0
                else SessionState.HELD
            ),
            number=number,
            format=rng.choice(list(SessionFormat)),
            agenda=rng.choice(corpus.agendas),
            template=SessionTemplate.GROW if grow else SessionTemplate.FREE,
            shared_summary=corpus.prose(rng, prose, int(size * 0.28)),
            private_notes=corpus.prose(rng, corpus.private_prose, int(size * 0.32)),
            decisions=corpus.prose(rng, prose, int(size * 0.08)),
            insights=corpus.prose(rng, corpus.private_prose, int(size * 0.08)),
            comfort_zone_steps=corpus.prose(rng, prose, int(size * 0.04)),
            focus_area=rng.choice(corpus.focus_areas),
            process_rating=rng.randint(4, 10) if when.date() <= self.today else None,
            result_rating=rng.randint(2, 10) if when.date() <= self.today else None,
            outcome_ids=rng.sample(outcomes, k=min(len(outcomes), rng.randint(0, 2))),
            next_steps=corpus.prose(rng, prose, int(size * 0.06)),
        )
        if grow:
            quarter = int(size * 0.035)
            session.grow_goal = corpus.prose(rng, prose, quarter)
            session.grow_reality = corpus.prose(rng, prose, quarter)
            session.grow_options = corpus.prose(rng, prose, quarter)
            session.grow_way_forward = corpus.prose(rng, prose, quarter)
        return session

    def emotion(self, client_id: int, when: datetime) -> EmotionEntry:
        rng, pools = self.rng, self.corpus.emotion_fields
        word = rng.choice(MOOD_WORDS)

        def near(value: int) -> int:
            moved = abs(value) + rng.choice((-1, 0, 0, 1))
            return (1 if value > 0 else -1) * min(max(moved, 1), SCALE_MAX)

        pleasantness, energy = near(word.pleasantness), near(word.energy)
        intensity = min(round(math.hypot(pleasantness, energy)) + rng.randint(0, 2), 10)
        regulated = rng.random() < 0.6
        family = family_of(word.word)
        return EmotionEntry(
            client_id=client_id,
            occurred_at=when,
            source=rng.choice(list(EmotionSource)),
            situation=rng.choice(pools["situation"]),
            trigger=rng.choice(pools["trigger"]),
            label=word.word,
            family=family.value if family is not None else "",
            pleasantness=pleasantness,
            energy=energy,
            intensity=intensity,
            body_sensation=rng.choice(pools["body_sensation"]),
            thought=rng.choice(pools["thought"]),
            reaction=rng.choice(pools["reaction"]),
            perceived_by_others=rng.choice(pools["perceived_by_others"]),
            regulation_strategy=rng.choice(pools["regulation_strategy"]) if regulated else "",
            regulation_effect=rng.randint(3, 9) if regulated else None,
            intensity_after=max(intensity - rng.randint(0, 4), 0) if regulated else None,
        )

    def feedback(self, client_id: int, when: date, outcome_id: int | None) -> FeedbackEntry:
        rng, pools = self.rng, self.corpus.feedback_fields
        return FeedbackEntry(
            client_id=client_id,
            received_on=when,
            from_role=rng.choice(pools["from_role"]),
            from_name=_person(rng),
            observed_behaviour=rng.choice(pools["observed_behaviour"]),
            perceived_impact=rng.choice(pools["perceived_impact"]),
            outcome_id=outcome_id,
        )


def _insert_many(conn: Any, table: Table[Any], records: Sequence[Any]) -> list[int]:
    """Insert validated records with the repository's own SQL; returns their new ids.

    The tables are only appended to here (no deletes), so the new ids are the rowids
    after the current maximum, in order; checked afterwards.
    """
    for record in records:
        validate(record)
    first = int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table.name}").fetchone()[0]) + 1
    conn.executemany(table.insert_sql, [table.values(r) for r in records])
    last = int(conn.execute(f"SELECT max(id) FROM {table.name}").fetchone()[0])
    if last != first + len(records) - 1:
        raise RuntimeError(f"unexpected ids in {table.name}: {first}…{last}")
    ids = list(range(first, last + 1))
    for record, new_id in zip(records, ids, strict=True):
        record.id = new_id
    return ids


def generate(
    folder: Path,
    scale: Scale,
    *,
    seed: int = 8,
    today: date | None = None,
    log: Any = None,
) -> GeneratedVault:
    """Create a vault in ``folder`` (new or empty) filled to ``scale``."""
    started = time.perf_counter()
    today = today or date.today()
    say = log or (lambda _msg: None)
    gen = _Generator(scale, seed, today)
    rng = gen.rng
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=keys.TEST_KDF)
    conn = vault.connection
    # Generation only: the data is throwaway until the final checkpoint, so skip the
    # per-commit fsync and give SQLite room for FTS5's merges.
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -131072")
    store = Store(conn)
    n = scale.clients
    weights = sorted((rng.lognormvariate(0, 0.5) for _ in range(n)), reverse=True)
    session_counts = _split(scale.sessions, weights, 1)
    emotion_counts = _split(scale.emotions, weights, 1)
    order = list(range(n))
    rng.shuffle(order)  # the largest client is not client 1
    focuses = [Focus.PEOPLE_MANAGEMENT] * 5 + [Focus.SELF_MANAGEMENT] * 4 + [Focus.OTHER]
    statuses = [ClientStatus.ACTIVE] * 7 + [
        ClientStatus.PROSPECT,
        ClientStatus.PAUSED,
        ClientStatus.CLOSED,
    ]
    plans: list[dict[str, Any]] = []
    for rank in order:
        sessions = session_counts[rank]
        weeks = max(sessions, 4) * 7 // 6  # roughly weekly, with gaps
        start = today - timedelta(days=weeks * 7)
        status = ClientStatus.ACTIVE if rank == 0 else rng.choice(statuses)
        focus = Focus.PEOPLE_MANAGEMENT if rank == 0 else rng.choice(focuses)
        plans.append(
            {
                "rank": rank,
                "sessions": sessions,
                "emotions": emotion_counts[rank],
                "start": start,
                "end": today + timedelta(days=rng.randint(30, 120)),
                "status": status,
                "focus": focus,
            }
        )

    say(f"clients and contracts ({n}) …")
    with store.transaction():
        for index, plan in enumerate(plans):
            client = gen.client(index, plan["focus"], plan["status"], plan["start"])
            plan["client_id"] = store.clients.save(client)
            contract = gen.contract(plan["client_id"], plan["start"], plan["end"], plan["sessions"])
            mapping = store.contracts.add_copy(contract, plan["client_id"])
            plan["outcomes"] = sorted(mapping.values())

    # A real vault grows one record at a time, every client's records interleaved in
    # time; inserting in global time order gives the same page layout (a client's
    # sessions scattered over the whole table), not one tidy block per client.
    say(f"sessions ({scale.sessions}) and action items …")
    all_sessions: list[Session] = []
    for plan in plans:
        total = plan["sessions"]
        span = (today - plan["start"]).days
        for k in range(total):
            # The last two are scheduled (in the future); the others spread over the past.
            day = (
                plan["start"] + timedelta(days=span * k // max(total - 2, 1))
                if k < total - 2
                else today + timedelta(days=7 * (k - total + 3))
            )
            when = datetime.combine(day, dtime(rng.choice((8, 9, 11, 14, 16)), 0))
            all_sessions.append(gen.session(plan["client_id"], k + 1, when, plan["outcomes"]))
    all_sessions.sort(key=lambda s: s.started_at)
    last_of_client: dict[int, int] = {}
    for s in all_sessions:
        last_of_client[s.client_id or 0] = s.number or 0
    counts = {"session_outcomes": 0, "action_items": 0}
    for first in range(0, len(all_sessions), BATCH_SESSIONS):
        batch = all_sessions[first : first + BATCH_SESSIONS]
        with store.transaction():
            _insert_many(conn, SESSIONS, batch)
            links = [(s.id, o) for s in batch for o in s.outcome_ids]
            conn.executemany(
                "INSERT INTO session_outcomes (session_id, outcome_id) VALUES (?, ?)", links
            )
            counts["session_outcomes"] += len(links)
            actions: list[ActionItem] = []
            for s in batch:
                if s.started_at.date() > today:
                    continue
                recent = (s.number or 0) > last_of_client[s.client_id or 0] - 6
                for _ in range(scale.actions_per_session):
                    actions.append(
                        ActionItem(
                            client_id=s.client_id,
                            session_id=s.id,
                            owner=rng.choice(
                                (ActionOwner.CLIENT, ActionOwner.CLIENT, ActionOwner.COACH)
                            ),
                            text=rng.choice(gen.corpus.actions),
                            due=s.started_at.date() + timedelta(days=rng.randint(5, 21)),
                            status=ActionStatus.OPEN
                            if recent
                            else rng.choice(
                                (ActionStatus.DONE, ActionStatus.DONE, ActionStatus.DROPPED)
                            ),
                            reviewed_session_id=None if recent else s.id,
                        )
                    )
            _insert_many(conn, ACTION_ITEMS, actions)
            counts["action_items"] += len(actions)
    del all_sessions

    say(f"emotion entries ({scale.emotions}) …")
    moments: list[tuple[datetime, int]] = []
    for plan in plans:
        span_minutes = max((today - plan["start"]).days, 1) * 24 * 60
        base = datetime.combine(plan["start"], dtime(0, 0))
        for _ in range(plan["emotions"]):
            when = base + timedelta(minutes=rng.randrange(0, span_minutes, 5))
            moments.append((when, plan["client_id"]))
    moments.sort()
    for first in range(0, len(moments), BATCH_EMOTIONS):
        entries = [gen.emotion(cid, when) for when, cid in moments[first : first + BATCH_EMOTIONS]]
        with store.transaction():
            _insert_many(conn, EMOTIONS, entries)

    say(f"feedback ({scale.feedback}) …")
    people = [p for p in plans if p["focus"] == Focus.PEOPLE_MANAGEMENT] or plans
    fb_counts = _split(scale.feedback, [float(p["sessions"]) for p in people], 0)
    feedback: list[FeedbackEntry] = []
    for plan, count in zip(people, fb_counts, strict=True):
        span = max((today - plan["start"]).days, 1)
        for _ in range(count):
            when = plan["start"] + timedelta(days=rng.randrange(span))
            outcome = rng.choice(plan["outcomes"]) if rng.random() < 0.7 else None
            feedback.append(gen.feedback(plan["client_id"], when, outcome))
    feedback.sort(key=lambda f: f.received_on)
    with store.transaction():
        _insert_many(conn, FEEDBACK, feedback)

    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    table_counts = {
        name: int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
        for name in (
            "clients",
            "contracts",
            "outcomes",
            "outcome_readings",
            "milestones",
            "risks",
            "sessions",
            "session_outcomes",
            "action_items",
            "emotion_entries",
            "feedback_entries",
            "search_index",
        )
    }
    vault.lock()
    largest = max(plans, key=lambda p: (p["sessions"], p["emotions"]))
    smallest = min(plans, key=lambda p: (p["sessions"], p["emotions"]))
    info = GeneratedVault(
        folder=str(folder),
        scale=scale.name,
        seed=seed,
        today=today.isoformat(),
        passphrase=PASSPHRASE,
        schema_version=latest_version(),
        generator_version=GENERATOR_VERSION,
        seconds=round(time.perf_counter() - started, 2),
        db_bytes=(folder / DB_NAME).stat().st_size,
        counts=table_counts,
        largest_client_id=int(largest["client_id"]),
        largest_client_sessions=int(largest["sessions"]),
        largest_client_emotions=int(largest["emotions"]),
        smallest_client_id=int(smallest["client_id"]),
        vocabulary=gen.corpus.vocabulary,
    )
    return info


def cache_key(scale: Scale, seed: int) -> str:
    """Cached vaults are reused only for the same content and the same schema version."""
    return f"{scale.name}-s{seed}-g{GENERATOR_VERSION}-v{latest_version()}"


def cached_vault(
    cache_dir: Path, scale: Scale, *, seed: int = 8, log: Any = None
) -> GeneratedVault:
    """The generated vault for ``scale`` from ``cache_dir``, generating it on first use.

    Generated into a scratch folder and renamed into place, so an interrupted or a
    concurrent run never leaves a half-built vault under the final name.
    """
    say = log or (lambda _msg: None)
    final = cache_dir / cache_key(scale, seed)
    meta = final / "bench-meta.json"
    if meta.is_file():
        info = GeneratedVault.load(meta)
        info.folder = str(final / "vault")
        return info
    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = cache_dir / f".building-{final.name}-{time.time_ns()}"
    scratch.mkdir()
    try:
        say(f"generating the {scale.name} vault (cached in {final}) …")
        info = generate(scratch / "vault", scale, seed=seed, log=say)
        info.save(scratch / "bench-meta.json")
        try:
            scratch.rename(final)
        except OSError:  # another run finished first: use theirs
            shutil.rmtree(scratch, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    info = GeneratedVault.load(meta)
    info.folder = str(final / "vault")
    return info


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--out", type=Path, help="a new or empty folder for the vault")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    if args.out is None:
        info = cached_vault(
            Path(__file__).resolve().parent / ".cache", scale, seed=args.seed, log=log
        )
    else:
        info = generate(args.out, scale, seed=args.seed, log=log)
        info.save(args.out.parent / f"{args.out.name}-bench-meta.json")
    print(
        f"{info.folder}: {info.db_bytes / 1e6:.1f} MB in {info.seconds:.1f} s; "
        f"largest client {info.largest_client_id} ({info.largest_client_sessions} sessions, "
        f"{info.largest_client_emotions} emotion entries); "
        + ", ".join(f"{k} {v}" for k, v in info.counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
