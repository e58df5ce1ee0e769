"""Property: the fast pattern recogniser never vouches for a pattern that stix2-patterns (the OASIS grammar)
refuses, and a pattern our validator accepts is one stix2-patterns accepts (ours may be stricter: it adds the
hash checks of stix2-validator, never the other way round)."""

from hypothesis import given
from hypothesis import strategies as st
from stix2patterns.validator import run_validator

from hotline.stix.patterns import _fast_valid, pattern_problems
from tests.stix.strategies import PROPERTY
from tests.stix.test_pattern_fast_path import JOINS, NOISE, OPS, PATHS, TYPES, VALUES


def _vocabulary(choices) -> st.SearchStrategy:
    common, rare = choices
    return st.sampled_from(common) | st.sampled_from(rare)


comparisons = st.builds(
    lambda t, p, o, v, wrap: f"({t}:{p} {o} {v})" if wrap else f"{t}:{p} {o} {v}",
    _vocabulary(TYPES), _vocabulary(PATHS), _vocabulary(OPS), _vocabulary(VALUES), st.booleans(),
)  # fmt: skip


@st.composite
def patterns(draw) -> str:
    observations = []
    for _ in range(draw(st.integers(1, 3))):
        inner = draw(comparisons)
        for _ in range(draw(st.integers(0, 2))):
            inner += draw(_vocabulary(JOINS)) + draw(comparisons)
        observations.append(f"[{inner}]")
    pattern = observations[0]
    for observation in observations[1:]:
        pattern += draw(_vocabulary(JOINS)) + observation
    for _ in range(draw(st.integers(0, 2))):  # character-level damage
        position = draw(st.integers(0, len(pattern)))
        if draw(st.booleans()):
            pattern = (
                pattern[:position] + draw(st.sampled_from(NOISE) | st.text(max_size=2)) + pattern[position:]
            )
        else:
            pattern = pattern[:position] + pattern[position + 1 :]
    return pattern


def reference_accepts(pattern: str) -> bool:
    try:
        return run_validator(pattern, stix_version="2.1") == []
    except Exception:  # stix2-patterns crashes on a few inputs; those are not "accepted"
        return False


@PROPERTY
@given(patterns())
def test_the_fast_path_vouches_only_for_what_the_reference_accepts(pattern):
    if _fast_valid(pattern):
        assert reference_accepts(pattern)


@PROPERTY
@given(patterns())
def test_what_we_accept_the_reference_accepts(pattern):
    if pattern_problems(pattern) == ():
        assert reference_accepts(pattern)


@PROPERTY
@given(st.text(max_size=80))
def test_any_text_gets_problems_or_none_never_an_exception(pattern):
    problems = pattern_problems(pattern)
    assert isinstance(problems, tuple) and all(isinstance(p, str) for p in problems)
