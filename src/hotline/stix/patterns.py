"""STIX patterning: syntax check of ``indicator.pattern`` (``pattern_type == "stix"``).

The authority is ``stix2-patterns`` (the OASIS ANTLR grammar), with the checks ``stix2-validator``
adds (hash values, observable type and property names). ANTLR's Python runtime parses about a
thousand patterns a second, so:

* the common shape of indicator patterns — ``[type:path op 'value' AND|OR ...]`` observations joined
  by AND/OR, with ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``LIKE``, ``MATCHES`` — is recognised by a
  small hand-written recogniser (``_fast_valid``) that only ever says "valid"; it accepts a subset of
  the grammar, token for token as ANTLR's lexer would read it (tests/stix/test_pattern_fast_path.py
  checks it against ANTLR);
* anything else (qualifiers, FOLLOWEDBY, IN, NOT, other literals, comments, or an invalid pattern)
  goes to ANTLR, parsed once, and the verdict of recent patterns is cached.
"""

import re
from functools import lru_cache

from antlr4 import CommonTokenStream, InputStream, ParseTreeWalker
from stix2patterns.exceptions import STIXPatternErrorListener
from stix2patterns.helpers import brackets_check
from stix2patterns.v20.validator import run_validator as _run_validator20
from stix2patterns.v21 import object_validator
from stix2patterns.v21.grammars.STIXPatternLexer import STIXPatternLexer
from stix2patterns.v21.grammars.STIXPatternParser import STIXPatternParser
from stix2patterns.v21.inspector import InspectionListener
from stix2patterns.v21.validator import DuplicateQualifierTypeError, ValidationListener

__all__ = ["pattern_problems"]

_KEYWORDS = frozenset(
    [
        "AND",
        "OR",
        "NOT",
        "FOLLOWEDBY",
        "LIKE",
        "MATCHES",
        "ISSUPERSET",
        "ISSUBSET",
        "EXISTS",
        "LAST",
        "IN",
        "START",
        "STOP",
        "SECONDS",
        "true",
        "false",
        "WITHIN",
        "REPEATS",
        "TIMES",
    ]
)
_TOKEN_RE = re.compile(
    r"[ \t\r\n]*(?:"
    r"(?P<str>'(?:[^'\\]|\\['\\])*')"
    r"|(?P<int>0(?![0-9])|[1-9][0-9]*)"
    r"|(?P<id>[a-zA-Z_][a-zA-Z0-9_-]*)"
    r"|(?P<op>!=|<=|>=|<>|==|[=<>])"
    r"|(?P<punct>[\[\]():.*])"
    r")",
    re.DOTALL,
)
_TRAILING_WS_RE = re.compile(r"[ \t\r\n]*\Z")
_EQUALITY = frozenset({"=", "==", "!=", "<>"})

# The rules stix2-validator applies to the object types and property names a pattern mentions.
_TYPE_NAME_RE = re.compile(r"-?[a-z0-9]+(?:-[a-z0-9]+)*-?\Z")
_PROPERTY_NAME_RE = re.compile(r"[a-z0-9_]{3,250}\Z")


def _parse_21(pattern: str) -> list[str]:
    errors = STIXPatternErrorListener()
    lexer = STIXPatternLexer(InputStream(pattern))
    lexer.removeErrorListeners()
    lexer.addErrorListener(errors)
    parser = STIXPatternParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(errors)
    tree = parser.pattern()
    if errors.err_strings:
        return list(errors.err_strings)
    inspector = InspectionListener()
    ParseTreeWalker.DEFAULT.walk(inspector, tree)
    data = inspector.pattern_data()
    problems = list(object_validator.verify_object(data))
    try:
        ParseTreeWalker.DEFAULT.walk(ValidationListener(), tree)
    except DuplicateQualifierTypeError as exc:
        problems.append(str(exc))
    for obj_type, comparisons in data.comparisons.items():
        if not (3 <= len(obj_type) <= 250 and _TYPE_NAME_RE.match(obj_type)):
            problems.append(f"{obj_type!r} is not a valid observable type name")
        for path, _op, _value in comparisons:
            prop = path[0]
            if isinstance(prop, str) and not _PROPERTY_NAME_RE.match(prop):
                problems.append(f"{prop!r} is not a valid observable property name")
    return problems


def _tokens(pattern: str) -> list[tuple[str, str]] | None:
    """(kind, text) tokens of ``pattern``, or None if it holds anything the fast path does not know."""
    tokens = []
    pos = 0
    match = _TOKEN_RE.match
    while True:
        m = match(pattern, pos)
        if m is None or m.end() == pos:
            break
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "id" and text in _KEYWORDS:
            if text not in ("AND", "OR", "LIKE", "MATCHES", "true", "false"):
                return None
            kind = "bool" if text in ("true", "false") else "kw"
        tokens.append((kind, text))
        pos = m.end()
    if _TRAILING_WS_RE.match(pattern, pos) is None:
        return None
    return tokens


class _Undecided(Exception):
    """The fast path cannot vouch for this pattern; ANTLR decides."""


def _unquote(literal: str) -> str:
    return literal[1:-1].replace("\\'", "'").replace("\\\\", "\\")


def _fast_valid(pattern: str) -> bool:
    """True only if ``pattern`` is certainly valid; False means "ask ANTLR"."""
    tokens = _tokens(pattern)
    if not tokens:
        return False
    tokens.append(("end", ""))
    try:
        pos = _observations(tokens, 0)
    except (_Undecided, IndexError):
        return False
    return tokens[pos][0] == "end"


def _observations(tokens: list, pos: int) -> int:
    while True:
        if tokens[pos][1] != "[" or tokens[pos][0] != "punct":
            raise _Undecided
        pos = _comparisons(tokens, pos + 1)
        if tokens[pos] != ("punct", "]"):
            raise _Undecided
        pos += 1
        if tokens[pos][0] == "kw" and tokens[pos][1] in ("AND", "OR"):
            pos += 1
            continue
        return pos


def _comparisons(tokens: list, pos: int) -> int:
    while True:
        if tokens[pos] == ("punct", "("):
            pos = _comparisons(tokens, pos + 1)
            if tokens[pos] != ("punct", ")"):
                raise _Undecided
            pos += 1
        else:
            pos = _comparison(tokens, pos)
        if tokens[pos][0] == "kw" and tokens[pos][1] in ("AND", "OR"):
            pos += 1
            continue
        return pos


def _comparison(tokens: list, pos: int) -> int:
    kind, obj_type = tokens[pos]
    if kind != "id" or tokens[pos + 1] != ("punct", ":"):
        raise _Undecided
    if not (3 <= len(obj_type) <= 250 and _TYPE_NAME_RE.match(obj_type)):
        raise _Undecided
    pos += 2
    path: list = []
    kind, text = tokens[pos]
    if kind == "str":
        path.append(_unquote(text))
    elif kind == "id" and "-" not in text:
        path.append(text)
    else:
        raise _Undecided
    if not _PROPERTY_NAME_RE.match(path[0]):
        raise _Undecided
    pos += 1
    while True:
        step = tokens[pos]
        if step == ("punct", "."):
            kind, text = tokens[pos + 1]
            if kind == "str":
                path.append(_unquote(text))
            elif kind == "id" and "-" not in text:
                path.append(text)
            else:
                raise _Undecided
            pos += 2
        elif step == ("punct", "["):
            kind, text = tokens[pos + 1]
            if tokens[pos + 2] != ("punct", "]") or not (kind == "int" or (kind, text) == ("punct", "*")):
                raise _Undecided
            path.append(int(text) if kind == "int" else None)
            pos += 3
        else:
            break
    kind, op = tokens[pos]
    value_kind, value = tokens[pos + 1]
    if kind == "op":
        allowed = ("str", "int", "bool") if op in _EQUALITY else ("str", "int")
    elif kind == "kw" and op in ("LIKE", "MATCHES"):
        allowed = ("str",)
    else:
        raise _Undecided
    if value_kind not in allowed:
        raise _Undecided
    if "hashes" in path:
        _check_hash(path[-1], value)
    return pos + 2


def _check_hash(selector: object, literal: str) -> None:
    """The check stix2-patterns makes of ``hashes.<algorithm>`` comparisons (object_validator)."""
    if selector is None:  # [*]
        return
    if type(selector) is not str:
        raise _Undecided
    known = object_validator.HASHES_REGEX.get(selector.upper().replace("-", "").replace("'", ""))
    if known is not None and not re.match(known[0], literal.replace("'", "")):
        raise _Undecided


@lru_cache(maxsize=65536)
def pattern_problems(pattern: str, version: str = "2.1") -> tuple[str, ...]:
    """Why ``pattern`` is not a valid STIX pattern of ``version`` ("2.0" or "2.1"); empty if it is."""
    if version != "2.0" and _fast_valid(pattern):
        return ()
    if not pattern.strip():
        return ("the pattern is empty",)
    if not brackets_check(pattern):
        return ("the pattern must start with '[' (an observation expression), optionally after '('",)
    try:
        problems = _run_validator20(InputStream(pattern)) if version == "2.0" else _parse_21(pattern)
    except Exception as exc:  # the generated parser can fail in odd ways on odd input
        return (f"the pattern cannot be parsed: {exc}",)
    return tuple(_tidy(p) for p in problems)


def _tidy(message: str) -> str:
    return message[6:] if message.startswith("FAIL: ") else message
