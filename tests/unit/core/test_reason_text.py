"""Record text quoted in a progress reason is cut between words, never inside one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coachdesk.core.progress import REASON_TEXT_MAX, _quote

RISK = (
    "Coaching conversations stay comfortable and reflective and do not lead to change "
    "in how the leadership team works together day to day"
)


def test_a_long_risk_is_cut_after_a_whole_word() -> None:
    quoted = _quote(RISK)
    assert quoted.endswith("…") and len(quoted) <= REASON_TEXT_MAX
    assert RISK.startswith(quoted[:-1])
    assert RISK[len(quoted) - 1] == " "  # the cut falls between two words
    assert _quote("short  and\nsweet") == "short and sweet"


@given(st.lists(st.text("abcdefgh", min_size=1, max_size=15), min_size=1, max_size=40))
def test_cut_text_is_a_prefix_of_whole_words(words: list[str]) -> None:
    line = " ".join(words)
    quoted = _quote(line)
    assert len(quoted) <= REASON_TEXT_MAX
    if quoted == line:
        return
    kept = quoted[:-1]
    assert line.startswith(kept)
    assert line[len(kept)] == " " or len(kept) >= REASON_TEXT_MAX // 2  # a giant word
