"""What the demo engagements share: a calendar counted from today's week, the emotion-log
builder, and the coach's standard contract terms (a coach adapts one template per client)."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coachdesk.core.emotions import SCALE_MAX, family_of, mood_word
from coachdesk.core.model import EmotionEntry, EmotionSource, OutcomeReading

# --- Helpers -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calendar:
    """Days counted from the Monday of today's week, so every offset has a fixed weekday
    (0 is a Monday, -3 a Friday, 4 a Friday) and the text can say "on Tuesday". An offset
    of 0 or less is never after today; 7 or more is always after it."""

    today: date

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    def day(self, offset: int) -> date:
        return self.monday + timedelta(days=offset)

    def workday(self, offset: int) -> date:
        """The day at ``offset``, moved back to the Friday if it falls on a weekend."""
        day = self.day(offset)
        return day - timedelta(days=max(day.weekday() - 4, 0))

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        """Date and time on the working day at ``offset``."""
        return datetime.combine(self.workday(offset), time(hour, minute))

    def ahead(self, days: int, hour: int, minute: int = 0) -> datetime:
        """Date and time ``days`` after today, moved on to the Monday from a weekend, so
        a planned session is always in the coming week whatever today is."""
        day = self.today + timedelta(days=days)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        return datetime.combine(day, time(hour, minute))

    def behind(self, hour: int, minute: int = 0) -> datetime:
        """Date and time on the working day before today."""
        day = self.today - timedelta(days=1)
        day -= timedelta(days=max(day.weekday() - 4, 0))
        return datetime.combine(day, time(hour, minute))


def p(text: str) -> str:
    """Source text wrapped for the editor, as the coach would have typed it: lines of a
    paragraph joined with spaces, paragraphs (blank lines) kept."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(block for block in blocks if block)


def readings(calendar: Calendar, points: Sequence[tuple[int, float, str]]) -> list[OutcomeReading]:
    return [
        OutcomeReading(on=calendar.workday(offset), value=value, note=note)
        for offset, value, note in points
    ]


@dataclass(frozen=True, slots=True)
class Episode:
    """One emotion-log entry as written here; :func:`emotion_log` adds the numbers."""

    day: int
    hour: int
    label: str
    """A Mood Meter word: the entry is placed near it on the two scales."""
    situation: str
    trigger: str
    body: str
    thought: str
    reaction: str
    perceived: str = ""
    strategy: str = ""
    """How the client regulated it; empty when they did not (or, for a stakeholder's
    report, when nobody knows)."""
    helped: bool = True
    """False when the strategy did not bring the intensity down."""
    source: EmotionSource = EmotionSource.SELF_REPORT


def near(value: int, rng: random.Random) -> int:
    """A Mood Meter coordinate nudged by at most one point, staying on its side of the
    axis (so the entry keeps its quadrant) and on the scale."""
    moved = abs(value) + rng.choice((-1, 0, 0, 1))
    return (1 if value > 0 else -1) * min(max(moved, 1), SCALE_MAX)


def emotion_log(
    calendar: Calendar, rng: random.Random, episodes: Sequence[Episode]
) -> list[EmotionEntry]:
    """Entries in time order: each near its label's place on the Mood Meter, intensity
    growing with the distance from the centre, and where the client regulated it, the
    effect and (usually lower) intensity afterwards."""
    entries: list[EmotionEntry] = []
    for episode in episodes:
        word = mood_word(episode.label)
        if word is None:
            raise ValueError(f"demo emotion label is not a Mood Meter word: {episode.label}")
        pleasantness = near(word.pleasantness, rng)
        energy = near(word.energy, rng)
        intensity = min(round(math.hypot(pleasantness, energy)) + rng.randint(0, 2), 10)
        effect: int | None = None
        after: int | None = None
        if episode.strategy and not episode.helped:
            effect, after = rng.randint(0, 2), intensity
        elif episode.strategy and pleasantness < 0:
            drop = rng.randint(1, max(intensity // 2, 1) + 1)
            after = max(intensity - drop, 0)
            effect = min(3 + drop + rng.randint(0, 2), 10)
        elif episode.strategy:  # savouring a pleasant feeling keeps most of it
            effect = rng.randint(5, 8)
            after = max(intensity - rng.randint(0, 2), 0)
        family = family_of(episode.label)
        entries.append(
            EmotionEntry(
                occurred_at=datetime.combine(
                    calendar.day(episode.day), time(episode.hour, rng.randrange(0, 60, 5))
                ),
                source=episode.source,
                situation=episode.situation,
                trigger=episode.trigger,
                label=episode.label,
                family=family.value if family is not None else "",
                pleasantness=pleasantness,
                energy=energy,
                intensity=intensity,
                body_sensation=episode.body,
                thought=episode.thought,
                reaction=episode.reaction,
                perceived_by_others=episode.perceived,
                regulation_strategy=episode.strategy,
                regulation_effect=effect,
                intensity_after=after,
            )
        )
    entries.sort(key=lambda entry: entry.occurred_at)
    return entries


# --- The coach's standard terms ------------------------------------------------------
# A coach uses one contract template and adapts it per client, so the demo does too.


def cancellation(notice_hours: int) -> str:
    return p(f"""
        Sessions cancelled or moved with at least {notice_hours} hours' notice are
        rescheduled at no charge. Sessions cancelled later, or missed, count as held unless
        the reason is illness, a family emergency or an event outside the client's control.
        Either party may end the engagement with 30 days' written notice; sessions already
        paid for and not yet held are then refunded pro rata.

        Unused sessions expire on the end date unless client, sponsor and coach agree an
        extension in writing.
    """)


def confidentiality(sponsor: str) -> str:
    return p(f"""
        Everything the client says in sessions, and every note the coach keeps, is
        confidential between the client and the coach. Notes are stored encrypted on the
        coach's own computer and are not shared with {sponsor}, the client's manager or
        anyone else without the client's explicit written consent.

        The coach discusses the work in professional supervision without names or details
        that could identify the client or the organisation.
    """)


CONFIDENTIALITY_LIMITS = p("""
    Confidentiality does not apply where the coach believes there is a serious risk of harm
    to the client or to others, where the coach learns of a serious crime or a safeguarding
    concern, or where disclosure is required by law or a court order. Where it is safe to do
    so, the coach will tell the client first and agree with them how it is raised.

    If the client describes a serious breach of the organisation's code of conduct, the
    coach will encourage the client to raise it through the proper channel; the coach does
    not carry such information to the sponsor.
""")

COACH_RESPONSIBILITIES = p("""
    Prepare for each session and hold a focused, confidential space. Ask, challenge and
    support rather than advise, and offer a view only when the client asks for one and
    labels it as such. Keep session records securely and delete them at the end of the
    retention period. Work within the ICF Code of Ethics and in regular supervision.
    Raise promptly any conflict of interest, and refer the client on if the work calls for
    therapy, medical or legal advice or other specialist help.
""")

CLIENT_RESPONSIBILITIES = p("""
    Come to each session with the topic they want to work on. Carry out the actions they
    commit to between sessions, or bring back what got in the way. Say openly what is and
    is not working in the coaching. Gather feedback from colleagues as agreed for the
    mid-point and final reviews. Own the decisions and the results: the coach does not
    decide for the client or speak for them in the organisation.
""")


def sponsor_reporting(sponsor_contact: str, extra: str = "") -> str:
    return p(f"""
        Three-way meetings with the client and {sponsor_contact} at the start, at the
        mid-point and at the end. Between them the sponsor receives only attendance
        (sessions held against sessions planned) and the progress on the agreed outcomes as
        the client reports it. Session content, notes and the emotion log are never
        reported. The client reads any written report before it goes to the sponsor and
        may ask for changes. {extra}
    """)
