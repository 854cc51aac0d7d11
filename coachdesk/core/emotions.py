"""Emotion vocabulary: Mood Meter quadrants and words, Plutchik's families.

Clients often struggle to name what they feel. The emotion log therefore asks for two
numbers (pleasantness and energy, each −5…+5, as on the Mood Meter) and then offers the
words that sit near that point, so a label is one click away. Plutchik's wheel gives a
second, coarser grouping (eight families, three intensities each) that reports use to
show which kinds of emotion recur.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType

SCALE_MIN = -5
"""Lowest pleasantness or energy on the Mood Meter scale."""
SCALE_MAX = 5
"""Highest pleasantness or energy on the Mood Meter scale."""


class Quadrant(StrEnum):
    """Mood Meter quadrant: where pleasantness and energy put a feeling."""

    RED = "red"  # high energy, unpleasant
    YELLOW = "yellow"  # high energy, pleasant
    BLUE = "blue"  # low energy, unpleasant
    GREEN = "green"  # low energy, pleasant
    NEUTRAL = "neutral"  # on an axis: pleasantness or energy exactly 0


def quadrant_of(pleasantness: float, energy: float) -> Quadrant:
    """The quadrant of a point; a point on either axis is neutral, not forced to a side."""
    if pleasantness == 0 or energy == 0:
        return Quadrant.NEUTRAL
    if energy > 0:
        return Quadrant.YELLOW if pleasantness > 0 else Quadrant.RED
    return Quadrant.GREEN if pleasantness > 0 else Quadrant.BLUE


@dataclass(frozen=True, slots=True)
class MoodWord:
    """A Mood Meter word with its approximate place on the two scales."""

    word: str
    pleasantness: int
    energy: int

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.pleasantness, self.energy)


def _grid(rows: tuple[tuple[str, ...], ...], pleasant: bool, energetic: bool) -> list[MoodWord]:
    """Lay out a 5×5 quadrant of the Mood Meter.

    Rows run from the highest-energy row to the lowest (for the upper quadrants) or from
    the row nearest the axis to the lowest (lower quadrants); columns run from most
    unpleasant to most pleasant, as the printed Mood Meter does.
    """
    words: list[MoodWord] = []
    for row_index, row in enumerate(rows):
        energy = (5 - row_index) if energetic else -(row_index + 1)
        for column_index, word in enumerate(row):
            pleasantness = (column_index + 1) if pleasant else (column_index - 5)
            words.append(MoodWord(word, pleasantness, energy))
    return words


_RED = _grid(
    (
        ("enraged", "panicked", "stressed", "jittery", "shocked"),
        ("livid", "furious", "frustrated", "tense", "stunned"),
        ("fuming", "frightened", "angry", "nervous", "restless"),
        ("anxious", "apprehensive", "worried", "irritated", "annoyed"),
        ("repulsed", "troubled", "concerned", "uneasy", "peeved"),
    ),
    pleasant=False,
    energetic=True,
)
_YELLOW = _grid(
    (
        ("surprised", "upbeat", "festive", "exhilarated", "ecstatic"),
        ("hyper", "cheerful", "motivated", "inspired", "elated"),
        ("energised", "lively", "excited", "optimistic", "enthusiastic"),
        ("pleased", "focused", "happy", "proud", "thrilled"),
        ("pleasant", "joyful", "hopeful", "playful", "blissful"),
    ),
    pleasant=True,
    energetic=True,
)
_BLUE = _grid(
    (
        ("disgusted", "glum", "disappointed", "down", "apathetic"),
        ("pessimistic", "morose", "discouraged", "sad", "bored"),
        ("alienated", "miserable", "lonely", "disheartened", "tired"),
        ("despondent", "depressed", "sullen", "exhausted", "fatigued"),
        ("despairing", "hopeless", "desolate", "spent", "drained"),
    ),
    pleasant=False,
    energetic=False,
)
_GREEN = _grid(
    (
        ("at ease", "easygoing", "content", "loving", "fulfilled"),
        ("calm", "secure", "satisfied", "grateful", "touched"),
        ("relaxed", "chilled", "restful", "blessed", "balanced"),
        ("mellow", "thoughtful", "peaceful", "comfortable", "carefree"),
        ("sleepy", "complacent", "tranquil", "cosy", "serene"),
    ),
    pleasant=True,
    energetic=False,
)

MOOD_WORDS: tuple[MoodWord, ...] = tuple(_RED + _YELLOW + _BLUE + _GREEN)
"""Every Mood Meter word, 25 per quadrant."""

MOOD_METER: Mapping[Quadrant, tuple[str, ...]] = MappingProxyType(
    {
        Quadrant.RED: tuple(w.word for w in _RED),
        Quadrant.YELLOW: tuple(w.word for w in _YELLOW),
        Quadrant.BLUE: tuple(w.word for w in _BLUE),
        Quadrant.GREEN: tuple(w.word for w in _GREEN),
    }
)
"""Words per quadrant, for pickers that show one colour at a time."""

_MOOD_BY_WORD: Mapping[str, MoodWord] = MappingProxyType({w.word: w for w in MOOD_WORDS})


def _normalise(word: str) -> str:
    return " ".join(word.split()).casefold()


def mood_word(word: str) -> MoodWord | None:
    """Look a label up on the Mood Meter (case and spacing ignored); None if it is free text."""
    return _MOOD_BY_WORD.get(_normalise(word))


def suggested_words(pleasantness: float, energy: float, limit: int | None = None) -> list[str]:
    """Mood Meter words ordered by closeness to a point, nearest first.

    Ties keep the Mood Meter's own order, so the list is stable from one call to the next.
    ``limit`` cuts the list; None returns all words.
    """
    ranked = sorted(
        MOOD_WORDS,
        key=lambda w: math.hypot(w.pleasantness - pleasantness, w.energy - energy),
    )
    words = [w.word for w in ranked]
    return words if limit is None else words[: max(limit, 0)]


class PlutchikFamily(StrEnum):
    """Plutchik's eight basic emotion families."""

    JOY = "joy"
    TRUST = "trust"
    FEAR = "fear"
    SURPRISE = "surprise"
    SADNESS = "sadness"
    DISGUST = "disgust"
    ANGER = "anger"
    ANTICIPATION = "anticipation"


PLUTCHIK: Mapping[PlutchikFamily, tuple[str, str, str]] = MappingProxyType(
    {
        PlutchikFamily.JOY: ("serenity", "joy", "ecstasy"),
        PlutchikFamily.TRUST: ("acceptance", "trust", "admiration"),
        PlutchikFamily.FEAR: ("apprehension", "fear", "terror"),
        PlutchikFamily.SURPRISE: ("distraction", "surprise", "amazement"),
        PlutchikFamily.SADNESS: ("pensiveness", "sadness", "grief"),
        PlutchikFamily.DISGUST: ("boredom", "disgust", "loathing"),
        PlutchikFamily.ANGER: ("annoyance", "anger", "rage"),
        PlutchikFamily.ANTICIPATION: ("interest", "anticipation", "vigilance"),
    }
)
"""Each family's words from mild to intense, as on Plutchik's wheel."""

_RELATED: Mapping[PlutchikFamily, tuple[str, ...]] = MappingProxyType(
    {
        PlutchikFamily.JOY: (
            "happy", "joyful", "cheerful", "elated", "ecstatic", "blissful", "pleased",
            "content", "serene", "thrilled", "upbeat", "festive", "exhilarated", "glad",
        ),
        PlutchikFamily.TRUST: ("trusting", "secure", "accepted", "admiring", "loving"),
        PlutchikFamily.FEAR: (
            "afraid", "scared", "frightened", "terrified", "panicked", "anxious", "nervous",
            "worried", "apprehensive", "jittery", "uneasy",
        ),
        PlutchikFamily.SURPRISE: ("surprised", "amazed", "astonished", "shocked", "stunned"),
        PlutchikFamily.SADNESS: (
            "sad", "grieving", "pensive", "glum", "down", "disappointed", "discouraged",
            "disheartened", "lonely", "miserable", "depressed", "despondent", "despairing",
            "hopeless", "desolate", "morose", "sullen",
        ),
        PlutchikFamily.DISGUST: ("disgusted", "repulsed", "bored", "loathing"),
        PlutchikFamily.ANGER: (
            "angry", "annoyed", "irritated", "frustrated", "furious", "livid", "fuming",
            "enraged", "peeved", "raging",
        ),
        PlutchikFamily.ANTICIPATION: (
            "interested", "curious", "eager", "hopeful", "optimistic", "excited",
            "motivated", "enthusiastic", "vigilant", "expectant",
        ),
    }
)  # fmt: skip

_FAMILY_BY_WORD: Mapping[str, PlutchikFamily] = MappingProxyType(
    {
        **{word: family for family, words in _RELATED.items() for word in words},
        # The wheel's own words win over the everyday synonyms above.
        **{word: family for family, words in PLUTCHIK.items() for word in words},
    }
)


def family_of(word: str) -> PlutchikFamily | None:
    """The Plutchik family a word belongs to, or None when the word is not known.

    Knows the wheel's 24 intensity words and common everyday words (many Mood Meter words
    among them), so a label picked on the Mood Meter can suggest its family.
    """
    return _FAMILY_BY_WORD.get(_normalise(word))


@dataclass(frozen=True)
class WeekMean:
    """The mean pleasantness and energy of one ISO week's entries (Monday to Sunday)."""

    monday: date
    pleasantness: float
    energy: float
    count: int

    @property
    def middle(self) -> datetime:
        """Thursday noon: where the week's mean sits on a time axis."""
        return datetime.combine(self.monday + timedelta(days=3), time(12))


def weekly_means(entries: Iterable[tuple[datetime, float, float]]) -> list[WeekMean]:
    """Mean pleasantness and energy per ISO week of (when, pleasantness, energy), oldest
    first; weeks without entries are left out. Single entries zigzag between the
    extremes of the Mood Meter; a week's mean shows where the client's weeks go."""
    weeks: dict[date, list[tuple[float, float]]] = {}
    for when, pleasantness, energy in entries:
        day = when.date()
        monday = day - timedelta(days=day.weekday())
        weeks.setdefault(monday, []).append((pleasantness, energy))
    return [
        WeekMean(
            monday,
            sum(p for p, _ in values) / len(values),
            sum(e for _, e in values) / len(values),
            len(values),
        )
        for monday, values in sorted(weeks.items())
    ]
