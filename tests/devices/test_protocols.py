"""Each protocol fed frames written from the makers' manuals (not from our encoder)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError
from devices.scales import PROTOCOLS, Reading, get_protocol, protocol_names
from devices.scales.base import LineSettings, parse_number, to_grams


def cks(frame: bytes) -> bytes:
    """Toledo: two's complement of the 7 low bits of the sum of all preceding bytes."""
    return bytes(((0x80 - (sum(frame) & 0x7F)) & 0x7F,))


def xor_hex(body: bytes) -> bytes:
    """XK3190: XOR of the body, high and low nibble as ASCII (0-9 +30h, A-F +37h)."""
    x = 0
    for b in body:
        x ^= b
    return bytes((n + 0x30) if n <= 9 else (n + 0x37) for n in (x >> 4, x & 0x0F))


def one(name: str, data: bytes, unit: str | None = None) -> Reading:
    got = PROTOCOLS[name].parse(data, unit)
    assert len(got) == 1, got
    return got[0]


def fields(r: Reading) -> tuple:
    return (r.grams, r.stable, r.overload, r.net, r.tare_grams)


def test_registry_names_match_contract():
    assert protocol_names() == [
        "toledo-continuous",
        "toledo-8217",
        "mt-sics",
        "and",
        "cas",
        "ohaus",
        "adam",
        "yaohua-tf0",
        "yaohua-tf1",
        "yaohua-tf2",
        "stgs",
    ]
    assert isinstance(get_protocol("STGS"), PROTOCOLS["stgs"])
    with pytest.raises(DeviceError) as e:
        get_protocol("nope")
    assert e.value.code == "unknown_protocol"
    with pytest.raises(ValueError):
        get_protocol("stgs", unit="stone")


# -- Toledo continuous ---------------------------------------------------------------------------

# SWA 0x2D: bit5 + x1 build (01 in bits 3-4) + decimals 101 (XXX.XXX); SWB 0x30: bit5 + kg
T_1234 = b"\x02\x2d\x30\x20" + b"001234" + b"000000" + b"\r"
# SWA 0x3C: x5 build (11), decimals 100 (XXXX.XX); SWB 0x2B: net, negative, motion, lb
T_NEG_LB = b"\x02\x3c\x2b\x20" + b"000250" + b"000100" + b"\r"
# SWB 0x34: kg + out of range
T_OVER = b"\x02\x2d\x34\x20" + b"999999" + b"000000" + b"\r"


def test_toledo_continuous_frames():
    r = one("toledo-continuous", T_1234 + cks(T_1234))
    assert fields(r) == (1234, True, False, False, 0)
    assert r.division_grams == 1
    r = one("toledo-continuous", T_NEG_LB + cks(T_NEG_LB))
    # 2.50 lb = 1133.98 g -> 1134; tare 1.00 lb = 453.59 -> 454; 5 x 0.01 lb = 22.7 -> 23
    assert fields(r) == (-1134, False, False, True, 454)
    assert r.division_grams == 23
    r = one("toledo-continuous", T_OVER + cks(T_OVER))
    assert (r.grams, r.stable, r.overload) == (0, False, True)


def test_toledo_continuous_without_checksum_and_grams_unit():
    data = T_1234 * 3
    p = PROTOCOLS["toledo-continuous"]()
    assert [r.grams for r in p.feed(data)] + [r.grams for r in p.flush()] == [1234] * 3
    assert p.checksum is False and p.bad_frames == 0
    grams = b"\x02\x22\x30\x21" + b"   750" + b"     0" + b"\r"  # SWC 001 = grams, XXXXXX
    assert one("toledo-continuous", grams + cks(grams)).grams == 750
    hundreds = b"\x02\x28\x30\x20" + b"000012" + b"000000" + b"\r"  # XXXX00 kg
    assert one("toledo-continuous", hundreds + cks(hundreds)).grams == 1_200_000


def test_toledo_continuous_bad_checksum_dropped_and_counted():
    good = T_1234 + cks(T_1234)
    bad = T_1234 + bytes(((cks(T_1234)[0] + 1) & 0x7F,))
    p = PROTOCOLS["toledo-continuous"]()
    got = p.feed(good + good + bad + good)
    assert [r.grams for r in got] == [1234, 1234, 1234]
    assert p.bad_frames == 1 and p.checksum is True


def test_toledo_continuous_parity_bit_masked():
    """Read at 8N1 a 7E1 line keeps the parity bit in bit 7 of the status bytes."""
    frame = b"\x02\xad\xb0\xa0" + b"001234000000\r"
    assert one("toledo-continuous", frame + cks(T_1234)).grams == 1234


# -- Toledo 8217 ------------------------------------------------------------------------------


def test_toledo_8217():
    r = one("toledo-8217", b"\x0201.234\r")
    assert fields(r) == (1234, True, False, False, None)
    assert one("toledo-8217", b"\x0202.50\r", unit="lb").grams == 1134
    p = PROTOCOLS["toledo-8217"]()
    got = p.feed(b"\x0201.234\r" + b"\x02?A\r" + b"\x02?B\r" + b"\x02?D\r" + b"\x02?`\r")
    assert [fields(r) for r in got] == [
        (1234, True, False, False, None),
        (1234, False, False, False, None),  # 0x41 motion: no weight, last kept, not stable
        (0, False, True, False, None),  # 0x42 over capacity
        (0, False, True, False, None),  # 0x44 under zero
        (1234, False, False, True, None),  # 0x60 net, no weight sent: not stable
    ]
    assert got[4].net is True and got[4].stable is False
    assert PROTOCOLS["toledo-8217"].poll == b"W"
    assert PROTOCOLS["toledo-8217"].settings == LineSettings(9600, 7, "E", 1)


# -- MT-SICS ----------------------------------------------------------------------------------


def test_mt_sics():
    assert fields(one("mt-sics", b"S S     100.00 g\r\n")) == (100, True, False, False, None)
    assert fields(one("mt-sics", b"S D      1.234 kg\r\n")) == (1234, False, False, False, None)
    assert one("mt-sics", b"S S     -12.50 g\r\n").grams == -13  # half away from zero
    assert one("mt-sics", b"S S     -12.49 g\r\n").grams == -12
    assert fields(one("mt-sics", b"S +\r\n"))[:3] == (0, False, True)
    assert fields(one("mt-sics", b"S -\r\n"))[:3] == (0, False, True)
    p = PROTOCOLS["mt-sics"]()
    assert p.feed(b"S I\r\n") == [] and p.skipped == 1
    assert one("mt-sics", b"S S     100.00 g\r\n").division_grams == 1
    assert one("mt-sics", b"S S      1.25 kg\r\n").division_grams == 10
    assert PROTOCOLS["mt-sics"].poll == b"SI\r\n"


# -- A&D --------------------------------------------------------------------------------------


def test_and():
    assert fields(one("and", b"ST,+00123.45  g\r\n")) == (123, True, False, False, None)
    assert fields(one("and", b"US,-0001.234 kg\r\n")) == (-1234, False, False, False, None)
    assert fields(one("and", b"ST,+0002.500 lb\r\n"))[0] == 1134
    assert fields(one("and", b"OL,+999999.9  g\r\n"))[:3] == (0, False, True)
    assert fields(one("and", b"OL,-9999999E+19  g\r\n"))[:3] == (0, False, True)
    p = PROTOCOLS["and"]()
    assert p.feed(b"QT,+00012345 PC\r\n") == [] and p.skipped == 1
    assert PROTOCOLS["and"].settings.label() == "2400 7E1"


# -- CAS --------------------------------------------------------------------------------------


def test_cas_22_bytes():
    f = b"ST,GS,\x01\xe0,+012.345 kg\r\n"  # lamp: bit7, stable, bit5
    assert len(f) == 22
    assert fields(one("cas", f)) == (12345, True, False, False, None)
    f = b"US,NT,\x01\xa2,-000.120 kg\r\n"  # lamp: tare set, not stable
    assert fields(one("cas", f)) == (-120, False, False, True, None)
    f = b"ST,GS,\x01\xa0,+012.345 kg\r\n"  # header says ST but the stable lamp is off
    assert one("cas", f).stable is False
    f = b"OL,GS,\x01\xa0,         kg\r\n"
    assert fields(one("cas", f))[:3] == (0, False, True)
    assert fields(one("cas", b"ST,GS,\x01\xe0,+0001.50 lb\r\n"))[0] == 680


# -- generic ST,GS ----------------------------------------------------------------------------


def test_stgs_variants():
    assert fields(one("stgs", b"ST,GS,+  12.345kg\r\n")) == (12345, True, False, False, None)
    assert fields(one("stgs", b"US,NT,-   0.005kg\r\n")) == (-5, False, False, True, None)
    assert fields(one("stgs", b"OL,GS,+       kg\r\n"))[:3] == (0, False, True)
    assert one("stgs", b"US,GS, 12.345,kg\r\n").grams == 12345  # Tiger TI-02
    assert one("stgs", b"ST,NT,+0012.34kg\r\n").net is True  # A&D AD-4404 format
    assert one("stgs", b"ST,GS 1.000KG\r\n").grams == 1000  # KERN
    assert one("stgs", b"ST,GS,+   1.50lb\r\n").grams == 680
    assert one("stgs", b"ST,GS,+   1250\r\n", unit="g").grams == 1250  # no unit: --unit
    assert one("stgs", b"ST,GS,+  1.250\r\n").grams == 1250  # no unit: kg
    assert one("stgs", b"ST,GS,+  1.005kg\r\n").division_grams == 1
    assert one("stgs", b"ST,GS,+  1.05kg\r\n").division_grams == 10


# -- OHAUS ------------------------------------------------------------------------------------


def test_ohaus():
    # Defender 3000: polarity, space, weight 7, space, unit 5, stability, legend 3
    assert fields(one("ohaus", b"-  12.345 kg   ?NET\r\n")) == (-12345, False, False, True, None)
    assert fields(one("ohaus", b"    1.234 kg    G  \r\n")) == (1234, True, False, False, None)
    # Defender 5000: '-' right before the digits, unit right-justified, '?', legend
    assert one("ohaus", b"     -1.234    kg ? N\r\n").grams == -1234
    p = PROTOCOLS["ohaus"]()
    got = p.feed(b"    0.500 kg     T \r\n" + b"    1.000 kg     N \r\n")
    assert [fields(r) for r in got] == [(1000, True, False, True, 500)]


# -- Adam ---------------------------------------------------------------------------------------


def test_adam():
    assert fields(one("adam", b"+      123.45 g \r\n")) == (123, None, False, False, None)
    assert one("adam", b"-       1.234kg\r\n").grams == -1234
    assert one("adam", b"        1.234kg\r\n").grams == 1234
    assert one("adam", b"G/W  + 5.00 lb\r\n").grams == 2268
    assert one("adam", b"N/W  + 1.00 kg\r\n").net is True


# -- Yaohua -------------------------------------------------------------------------------------


def test_yaohua_tf0():
    body = b"+0012343"
    assert xor_hex(body) == b"1C"  # worked by hand: see the manual's XOR rule
    r = one("yaohua-tf0", b"\x02" + body + b"1C\x03")
    assert fields(r) == (1234, None, False, False, None)
    body = b"-0005672"  # 5.67 kg, negative
    assert one("yaohua-tf0", b"\x02" + body + xor_hex(body) + b"\x03").grams == -5670
    assert one("yaohua-tf0", b"\x02" + body + xor_hex(body) + b"\x03").division_grams == 10
    p = PROTOCOLS["yaohua-tf0"]()
    assert p.feed(b"\x02+00123431D\x03") == [] and p.bad_frames == 1


def test_yaohua_tf1_tf2_examples_from_manual():
    assert one("yaohua-tf1", b"=000.3000").grams == 3000
    assert one("yaohua-tf1", b"=00.1000-").grams == -1000
    assert one("yaohua-tf2", b"=0003.000").grams == 3000
    assert one("yaohua-tf2", b"=-0001.00").grams == -1000
    assert one("yaohua-tf1", b"=543.2100").grams == 12345
    assert one("yaohua-tf2", b"=0012.345", unit="lb").grams == 5600
    p = PROTOCOLS["yaohua-tf1"]()
    assert [r.grams for r in p.feed(b"=000.3000=000.3000=000.30")] == [3000, 3000]
    assert [r.grams for r in p.feed(b"00=")] == [3000]


# -- generic stream behaviour -------------------------------------------------------------------

MANUAL_STREAMS = {
    "toledo-continuous": [T_1234 + cks(T_1234), T_NEG_LB + cks(T_NEG_LB)],
    "toledo-8217": [b"\x0201.234\r", b"\x02?A\r"],
    "mt-sics": [b"S S     100.00 g\r\n", b"S D     -1.234 kg\r\n"],
    "and": [b"ST,+00123.45  g\r\n", b"US,-0001.234 kg\r\n"],
    "cas": [b"ST,GS,\x01\xe0,+012.345 kg\r\n", b"US,NT,\x01\xa2,-000.120 kg\r\n"],
    "ohaus": [b"-  12.345 kg   ?NET\r\n", b"    1.234 kg    G  \r\n"],
    "adam": [b"+      123.45 g \r\n", b"-       1.234kg\r\n"],
    "yaohua-tf0": [b"\x02+00123431C\x03", b"\x02-0005672" + xor_hex(b"-0005672") + b"\x03"],
    "yaohua-tf1": [b"=000.3000", b"=00.1000-"],
    "yaohua-tf2": [b"=0003.000", b"=-0001.00"],
    "stgs": [b"ST,GS,+  12.345kg\r\n", b"US,NT,-   0.005kg\r\n"],
}
GARBAGE = b"\x00\xff\x13\x11"


@pytest.mark.parametrize("name", list(PROTOCOLS))
def test_split_frames_and_garbage_resync(name):
    frames = MANUAL_STREAMS[name] * 5
    clean = PROTOCOLS[name].parse(b"".join(frames))
    assert len(clean) == len(frames)
    # garbage between frames (and a garbage line for line protocols)
    noisy = GARBAGE.join(frames) + GARBAGE
    if name not in ("toledo-continuous", "toledo-8217", "cas") and not name.startswith("yaohua"):
        noisy = b"\x00\x01nonsense line\r\n" + noisy
    assert [fields(r) for r in PROTOCOLS[name].parse(noisy)] == [fields(r) for r in clean]
    # the same bytes one at a time (every frame split across reads)
    p = PROTOCOLS[name]()
    got = []
    for i in range(len(noisy)):
        got += p.feed(noisy[i : i + 1])
    got += p.flush()
    assert [fields(r) for r in got] == [fields(r) for r in clean]


@pytest.mark.parametrize("name", list(PROTOCOLS))
def test_reset_midstream_drops_a_partial_first_frame(name):
    frame = MANUAL_STREAMS[name][0]
    p = PROTOCOLS[name]()
    p.reset(midstream=True)
    got = p.feed(frame[3:] + frame + frame) + p.flush()
    assert [fields(r) for r in got] == [fields(r) for r in PROTOCOLS[name].parse(frame * 2)]


# -- units -----------------------------------------------------------------------------------------


def test_unit_arithmetic():
    assert parse_number(b"-  12.345") == (-12345, 3)
    assert to_grams(12345, 3, "kg") == 12345
    assert to_grams(1, 0, "lb") == 454
    assert to_grams(-1, 0, "lb") == -454
    assert to_grams(5, 1, "g") == 1  # 0.5 g rounds away from zero
    assert to_grams(-5, 1, "g") == -1
    assert to_grams(25, 1, "oz") == 71  # 2.5 oz = 70.87 g


# -- encode/parse round trip (what the simulator relies on) -----------------------------------


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(list(PROTOCOLS)),
    grams=st.integers(-99_999, 99_999),
    stable=st.booleans(),
    net=st.booleans(),
    cut=st.integers(1, 40),
)
def test_encode_parse_round_trip(name, grams, stable, net, cut):
    enc = PROTOCOLS[name]()
    opts = {"checksum": True} if name == "toledo-continuous" else {}
    data = b"".join(enc.encode(g, stable=stable, net=net, **opts) for g in (grams, grams + 1))
    p = PROTOCOLS[name]()
    got = []
    for i in range(0, len(data), cut):
        got += p.feed(data[i : i + cut])
    got += p.flush()
    assert len(got) == 2
    r = got[0]
    if name == "toledo-8217" and (grams < 0 or not stable):
        assert r.stable is False
        return
    assert r.grams == grams and not r.overload
    if PROTOCOLS[name].has_stable_flag:
        assert r.stable is stable
    else:
        assert r.stable is None
    assert p.bad_frames == 0
