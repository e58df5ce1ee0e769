"""loads() accepts strict JSON only and says what is wrong and where; dumps() writes compact UTF-8."""

import pytest

from hotline.stix import EnvelopeError, StixError, dumps, loads


def test_bytes_and_str_parse():
    assert loads(b'{"a": [1, 2.5, "x\\u00e9", true, null]}') == {"a": [1, 2.5, "xé", True, None]}
    assert loads('{"a": "é"}') == {"a": "é"}


def test_syntax_error_has_line_and_column():
    with pytest.raises(EnvelopeError, match=r"invalid JSON at line 2, column 9: Expecting ',' delimiter"):
        loads(b'{"a": 1,\n "b": 2 "c": 3}')


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}'])
def test_nan_and_infinity_are_refused(text):
    with pytest.raises(EnvelopeError, match="is not allowed"):
        loads(text)


def test_number_overflowing_to_infinity_is_refused():
    with pytest.raises(EnvelopeError, match="out of range"):
        loads("[1e400]")


def test_integers_beyond_53_bits_are_refused():
    assert loads(b"[9007199254740991, -9007199254740991]") == [2**53 - 1, -(2**53 - 1)]
    with pytest.raises(EnvelopeError, match="integer 9007199254740992 is beyond"):
        loads(b"[9007199254740992]")
    with pytest.raises(EnvelopeError, match="invalid JSON"):
        loads(b"[" + b"9" * 5000 + b"]")


def test_duplicate_keys_are_refused():
    with pytest.raises(EnvelopeError, match="duplicate key 'id'"):
        loads('{"objects": [{"id": "a", "type": "x", "id": "b"}]}')


def test_invalid_utf8_is_refused():
    with pytest.raises(EnvelopeError, match=r"not valid UTF-8 \(byte offset 7"):
        loads(b'{"a": "\xff"}')


def test_encoded_surrogate_is_refused():
    with pytest.raises(EnvelopeError, match="not valid UTF-8"):
        loads(b'["\xed\xa0\x80"]')  # UTF-8 of U+D800


@pytest.mark.parametrize("text", ['["\\ud800"]', '{"\\udc00x": 1}', '["a\\ud83d b"]'])
def test_escaped_lone_surrogate_is_refused(text):
    with pytest.raises(EnvelopeError, match="lone UTF-16 surrogate"):
        loads(text)


def test_escaped_surrogate_pair_is_fine():
    assert loads('["\\ud83d\\ude00", "\\\\ud800"]') == ["😀", "\\ud800"]


def test_nesting_limit():
    assert loads("[" * 64 + "]" * 64) is not None
    with pytest.raises(EnvelopeError, match="nesting is deeper than 64 levels"):
        loads("[" * 65 + "]" * 65)
    with pytest.raises(EnvelopeError, match="deeper than 3 levels"):
        loads('{"a": {"b": {"c": {}}}}', max_depth=3)


def test_brackets_inside_strings_do_not_count():
    assert loads('{"a": "[[[[[[[[[[\\"{{{{{{"}', max_depth=1) == {"a": '[[[[[[[[[["{{{{{{'}


def test_very_deep_nesting_is_refused_without_recursion():
    with pytest.raises(EnvelopeError, match="nesting is deeper than 64 levels"):
        loads("[" * 100_000)


def test_byte_order_mark_is_ignored():
    assert loads(b"\xef\xbb\xbf{}") == {}


def test_empty_input():
    with pytest.raises(EnvelopeError, match="line 1, column 1: Expecting value"):
        loads(b"")


def test_dumps_is_compact_utf8():
    assert dumps({"name": "Tế bào", "n": [1, 2]}) == '{"name":"Tế bào","n":[1,2]}'.encode()


def test_dumps_refuses_nan():
    with pytest.raises(StixError):
        dumps({"x": float("nan")})
