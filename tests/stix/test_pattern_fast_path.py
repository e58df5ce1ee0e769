"""The fast pattern recogniser only ever vouches for patterns that ANTLR (stix2-patterns) accepts."""

import random

import pytest

from hotline.stix.patterns import _fast_valid, _parse_21, pattern_problems

# Each list: values that fit the fast path first, then ones that must make it defer or fail.
TYPES = (
    ["ipv4-addr", "domain-name", "file", "url", "x-foo-bar", "email-addr"],
    ["fi", "File", "x_y", "ipv4-"],
)
PATHS = (
    [
        "value",
        "name",
        "hashes.MD5",
        "hashes.'SHA-256'",
        "parent_ref.name",
        "abc[*].x",
        "abc[0]",
        "'name'",
        "_abc",
    ],
    ["x-y", "na", "Name", "IN", "true", "hashes[0]", "extensions.'a-ext'.x", "hashes.'SHA-1'", "a..b"],
)
VALUES = (
    [
        "'1.2.3.4'",
        "'d41d8cd98f00b204e9800998ecf8427e'",
        "'a\\'b'",
        "'a\\\\b'",
        "5",
        "0",
        "true",
        "'é'",
        "''",
        "'" + "a" * 64 + "'",
    ],
    ["'a\\qb'", "01", "-1", "+1", "1.5", "True", "t'2020-01-01T00:00:00Z'", "h'ab'", "b'AA=='", '"x"', "'a"],
)
OPS = (["=", "==", "!=", "<>", "<", "<=", ">", ">=", "LIKE", "MATCHES"], ["NOT =", "IN", "like", "= ="])
JOINS = ([" AND ", " OR ", "AND", " AND"], [" and ", " FOLLOWEDBY ", " ", ""])
NOISE = list("[]()':.*=<>!-+/ \t\n\u00a0") + ["AND", "OR", "/*", "*/", "//", "\\", "h'", "t'", "0"]


def _pick(rng: random.Random, choices: tuple[list[str], list[str]]) -> str:
    return rng.choice(choices[0] if rng.random() < 0.95 else choices[1])


def _comparison(rng: random.Random) -> str:
    text = f"{_pick(rng, TYPES)}:{_pick(rng, PATHS)} {_pick(rng, OPS)} {_pick(rng, VALUES)}"
    return f"({text})" if rng.random() < 0.1 else text


def _pattern(rng: random.Random) -> str:
    observations = []
    for _ in range(rng.randint(1, 3)):
        comparisons = [_comparison(rng) for _ in range(rng.randint(1, 3))]
        inner = comparisons[0]
        for comparison in comparisons[1:]:
            inner += _pick(rng, JOINS) + comparison
        observations.append(f"[{inner}]")
    pattern = observations[0]
    for observation in observations[1:]:
        pattern += _pick(rng, JOINS) + observation
    while rng.random() < 0.2:  # character-level damage
        i = rng.randrange(len(pattern) + 1)
        if rng.random() < 0.5:
            pattern = pattern[:i] + rng.choice(NOISE) + pattern[i:]
        else:
            pattern = pattern[:i] + pattern[i + 1 :]
    return pattern


def _antlr_accepts(pattern: str) -> bool:
    try:
        return _parse_21(pattern) == []
    except Exception:  # stix2-patterns crashes on a few inputs; those are not "accepted"
        return False


@pytest.mark.parametrize("seed", range(4))
def test_fast_path_accepts_only_what_antlr_accepts(seed):
    rng = random.Random(seed)
    vouched = 0
    for _ in range(1500):
        pattern = _pattern(rng)
        if _fast_valid(pattern):
            vouched += 1
            assert _antlr_accepts(pattern), pattern
    assert vouched > 100  # the generator does produce patterns the fast path handles


@pytest.mark.parametrize(
    "pattern",
    [
        "[ipv4-addr:value = '198.51.100.1' OR ipv4-addr:value = '198.51.100.2']",
        "[domain-name:value = 'example.com'] AND [url:value LIKE 'http://%']",
        "[file:hashes.'SHA-256' = '" + "ab" * 32 + "' AND file:name = 'x.exe']",
        "[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']",
        "[email-addr:value MATCHES '^a.*@example\\\\.com$']",
        "[x-custom-thing:some_prop[*].inner >= 5]",
        "[(file:name = 'a' OR file:name = 'b') AND file:size = 0]",
    ],
)
def test_fast_path_takes_common_shapes(pattern):
    assert _fast_valid(pattern)
    assert _parse_21(pattern) == []


@pytest.mark.parametrize(
    "pattern",
    [
        "[file:name = 'x'] WITHIN 5 SECONDS",  # qualifier: valid, but ANTLR decides
        "[file:name = 'a'] FOLLOWEDBY [file:name = 'b']",
        "[file:hashes.MD5 = 'abc']",  # bad hash: the fast path defers, ANTLR reports
        "[file:name = 'a' and file:name = 'b']",  # keywords are upper case
        "[file:name = 'x'] /* comment */",
    ],
)
def test_fast_path_defers_what_it_does_not_know(pattern):
    assert not _fast_valid(pattern)


def test_pattern_problems_reports_antlr_errors():
    assert pattern_problems("[file:hashes.MD5 = 'abc']") == ("'abc' is not a valid MD5 hash",)
    assert pattern_problems("[file:name = 'x'] WITHIN 5 SECONDS") == ()
    assert pattern_problems("file:name = 'x'")[0].startswith("the pattern must start with '['")
    assert pattern_problems("") == ("the pattern is empty",)  # stix2-patterns itself crashes on ""
