"""canonical_json is RFC 8785 (JCS)."""

import pytest

from hotline.stix import StixError, canonical_json


def test_rfc_8785_section_3_2_2_example():
    # The example input of RFC 8785 section 3.2.2 and its canonical form (section 3.2.3).
    value = {
        "numbers": [333333333.33333329, 1e30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": '\u20ac$\u000f\nA\'B"\\\\"/',
        "literals": [None, True, False],
    }
    expected = (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    )
    assert canonical_json(value) == expected.encode("utf-8")


def test_keys_sort_by_utf16_code_units():
    # RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so U+1F600 (D83D DE00) comes before U+FB33,
    # although it comes after it by code point.
    assert (
        canonical_json({"\ufb33": 1, "\U0001f600": 2, "a": 3}) == '{"a":3,"\U0001f600":2,"\ufb33":1}'.encode()
    )


def test_key_order_and_spacing_do_not_matter():
    assert canonical_json({"b": 1, "a": {"d": 2, "c": 3}}) == canonical_json({"a": {"c": 3, "d": 2}, "b": 1})


def test_unrepresentable_number_is_refused():
    with pytest.raises(StixError):
        canonical_json({"n": float("inf")})
