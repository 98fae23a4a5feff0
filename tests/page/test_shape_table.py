"""The packed arcs (docs/page-format.md, "Packed arcs"): what the page decodes is what was coded."""

from __future__ import annotations

import random

from mapgen.page.shape_table import ARC_END, DIGITS, pack, pack_shape, unpack, unpack_shape


def test_packing_keeps_every_number():
    rng = random.Random(7)
    codes = [[rng.randint(-(2**31), 2**31) for _ in range(rng.randint(2, 30))] for _ in range(200)]
    codes += [[0, 0], [-1, 1, 15, -16, 16, -17, 31, -32, 1023, -1024]]
    assert unpack(pack(codes)) == codes
    assert unpack(pack([])) == []


def test_the_digits_need_no_escape_in_json_or_html():
    # zigzag 0 0 1 2 62 63: one digit each below 32, then 5 bits a digit, lowest first
    assert pack([[0, 0, -1, 1, 31, -32], [5, 6]]) == "AABC-B_B.KM"
    assert set(DIGITS + ARC_END).isdisjoint("\"\\<>&'")


def test_a_shape_packs_its_references_as_steps():
    polygons = [[[0, 1, 2, ~5]], [[7, -1], [3]], [[40_000, ~40_000]]]
    assert unpack_shape(pack_shape(polygons)) == polygons
    # steps 0 1 1 -8, 13 -8 . 4 (~5 is -6): rings by ".", polygons by ","
    assert pack_shape([[[0, 1, 2, ~5]], [[7, -1], [3]]]) == "ACCP,aP.I"
    assert unpack_shape("") == []
