from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachdesk.core.emotions import (
    MOOD_METER,
    MOOD_WORDS,
    PLUTCHIK,
    PlutchikFamily,
    Quadrant,
    family_of,
    mood_word,
    quadrant_of,
    suggested_words,
)
from coachdesk.core.model import EmotionEntry


@pytest.mark.parametrize(
    ("pleasantness", "energy", "quadrant"),
    [
        (-5, 5, Quadrant.RED),
        (-1, 1, Quadrant.RED),
        (5, 5, Quadrant.YELLOW),
        (1, 1, Quadrant.YELLOW),
        (-5, -5, Quadrant.BLUE),
        (-1, -1, Quadrant.BLUE),
        (5, -5, Quadrant.GREEN),
        (1, -1, Quadrant.GREEN),
        (0, 0, Quadrant.NEUTRAL),
        (0, 5, Quadrant.NEUTRAL),
        (0, -5, Quadrant.NEUTRAL),
        (5, 0, Quadrant.NEUTRAL),
        (-5, 0, Quadrant.NEUTRAL),
    ],
)
def test_quadrant_of(pleasantness: int, energy: int, quadrant: Quadrant) -> None:
    assert quadrant_of(pleasantness, energy) is quadrant


def test_emotion_entry_quadrant_follows_its_scales() -> None:
    entry = EmotionEntry(occurred_at=datetime(2024, 5, 1, 9), pleasantness=-3, energy=4)
    assert entry.quadrant is Quadrant.RED
    entry.energy = -2
    assert entry.quadrant is Quadrant.BLUE
    entry.pleasantness = 0
    assert entry.quadrant is Quadrant.NEUTRAL


def test_quadrant_values_are_stable_strings() -> None:
    assert [q.value for q in Quadrant] == ["red", "yellow", "blue", "green", "neutral"]


def test_each_quadrant_has_enough_real_words_placed_in_it() -> None:
    for quadrant in (Quadrant.RED, Quadrant.YELLOW, Quadrant.BLUE, Quadrant.GREEN):
        assert len(MOOD_METER[quadrant]) >= 12
    for word in MOOD_WORDS:
        assert word.quadrant is not Quadrant.NEUTRAL
        assert word.word in MOOD_METER[word.quadrant]
        assert -5 <= word.pleasantness <= 5 and -5 <= word.energy <= 5
    assert len({w.word for w in MOOD_WORDS}) == len(MOOD_WORDS), "words repeat"


@pytest.mark.parametrize(
    ("word", "quadrant"),
    [
        ("furious", Quadrant.RED),
        ("anxious", Quadrant.RED),
        ("frustrated", Quadrant.RED),
        ("stressed", Quadrant.RED),
        ("excited", Quadrant.YELLOW),
        ("energised", Quadrant.YELLOW),
        ("optimistic", Quadrant.YELLOW),
        ("proud", Quadrant.YELLOW),
        ("disappointed", Quadrant.BLUE),
        ("sad", Quadrant.BLUE),
        ("tired", Quadrant.BLUE),
        ("discouraged", Quadrant.BLUE),
        ("calm", Quadrant.GREEN),
        ("content", Quadrant.GREEN),
        ("relaxed", Quadrant.GREEN),
        ("grateful", Quadrant.GREEN),
    ],
)
def test_familiar_words_sit_in_their_quadrant(word: str, quadrant: Quadrant) -> None:
    found = mood_word(word)
    assert found is not None
    assert found.quadrant is quadrant


def test_mood_word_ignores_case_and_spacing_and_knows_free_text_is_not_a_word() -> None:
    assert mood_word("  At   EASE ") == mood_word("at ease")
    assert mood_word("at ease") is not None
    assert mood_word("like a wet Monday") is None


def test_suggested_words_start_at_the_point() -> None:
    words = suggested_words(-5, 5)
    assert words[0] == "enraged"
    assert words[:5] == sorted(words[:5], key=lambda w: distance(w, -5, 5))
    assert len(words) == len(MOOD_WORDS)
    top = suggested_words(4, -4, limit=6)
    assert len(top) == 6
    assert all(mood_word(w).quadrant is Quadrant.GREEN for w in top)


def test_suggested_words_near_the_centre_mix_quadrants_and_limit_is_safe() -> None:
    near_centre = suggested_words(0, 0, limit=4)
    assert {mood_word(w).quadrant for w in near_centre} == {
        Quadrant.RED,
        Quadrant.YELLOW,
        Quadrant.BLUE,
        Quadrant.GREEN,
    }
    assert suggested_words(1, 1, limit=0) == []
    assert suggested_words(1, 1, limit=-3) == []


def distance(word: str, pleasantness: float, energy: float) -> float:
    found = mood_word(word)
    assert found is not None
    return math.hypot(found.pleasantness - pleasantness, found.energy - energy)


@given(st.integers(-5, 5), st.integers(-5, 5))
def test_suggested_words_are_ordered_by_distance(pleasantness: int, energy: int) -> None:
    distances = [distance(w, pleasantness, energy) for w in suggested_words(pleasantness, energy)]
    assert distances == sorted(distances)


def test_plutchik_has_eight_families_of_three_intensities() -> None:
    assert {f.value for f in PlutchikFamily} == {
        "joy",
        "trust",
        "fear",
        "surprise",
        "sadness",
        "disgust",
        "anger",
        "anticipation",
    }
    assert set(PLUTCHIK) == set(PlutchikFamily)
    assert PLUTCHIK[PlutchikFamily.JOY] == ("serenity", "joy", "ecstasy")
    assert PLUTCHIK[PlutchikFamily.ANGER] == ("annoyance", "anger", "rage")
    for family, words in PLUTCHIK.items():
        assert len(words) == 3
        for word in words:
            assert family_of(word) is family


@pytest.mark.parametrize(
    ("word", "family"),
    [
        ("Serenity", PlutchikFamily.JOY),
        ("terror", PlutchikFamily.FEAR),
        ("furious", PlutchikFamily.ANGER),
        ("anxious", PlutchikFamily.FEAR),
        ("disappointed", PlutchikFamily.SADNESS),
        ("excited", PlutchikFamily.ANTICIPATION),
        ("boredom", PlutchikFamily.DISGUST),
        ("amazement", PlutchikFamily.SURPRISE),
        ("admiration", PlutchikFamily.TRUST),
    ],
)
def test_family_of(word: str, family: PlutchikFamily) -> None:
    assert family_of(word) is family


def test_family_of_unknown_word_is_none() -> None:
    assert family_of("meh") is None
    assert family_of("") is None
