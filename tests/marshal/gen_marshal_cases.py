"""Expected marshal bytes and errors from CPython 3.11 (committed output: cases.txt).

Lines:
  OK <version> <hex of CPython's marshal.dumps(value, version)> <repr, for humans>
  ERR <hex of input> <exception class> <message>   (marshal.loads(input) in CPython)
Run: python3 tests/marshal/gen_marshal_cases.py > tests/marshal/cases.txt
"""
import marshal, random, sys

big = 2**200 + 12345
shared_s = "shared" * 3
shared_t = (1, 2, 3)
lst = [1, "a"]
values = [
    None, True, False, ..., StopIteration,
    0, 1, -1, 255, 256, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**32, 2**63 - 1, -2**63, 2**64, big, -big,
    2**15, 2**30, 2**30 - 1, 2**45, -(2**60), 10**100,
    0.0, -0.0, 1.5, 0.1, 1e300, 1e-300, 5e-324, float("inf"), float("-inf"), float("nan"), 123456789.123,
    1j, -2.5 + 3j, complex(0.0, -0.0), complex(float("inf"), float("nan")),
    "", "a", "hello", "é", "日本語", "\U0001F600", "x" * 255, "x" * 256, "y" * 1000, "\ud800 lone", "mixed é " * 40,
    "\x00\x7f", "not an identifier!",
    b"", b"abc", bytes(range(256)), b"x" * 300,
    (), (1,), (1, 2, 3), tuple(range(300)), ((),), ((1, 2), (3, (4, (5,)))),
    [], [1, 2], [[], [[]]], list(range(20)),
    {}, {1: 2}, {"a": [1, 2], "b": {"c": None}}, {(1, 2): frozenset({1})},
    set(), {1, 2, 3}, frozenset(), frozenset({"a", "b", "c"}), frozenset({1, 2.5, "x", (1, 2)}), {-1, 0, 10**30},
    bytearray(b"buf"), memoryview(b"mv"),
    (shared_s, shared_s), [shared_t, shared_t, shared_t], {"k": lst, "j": lst}, (big, big),
    [1.5, 1.5], ("abc", "abc"), (sys.intern("interned_name"), sys.intern("interned_name")),
]
versions = range(5)
for v in values:
    for ver in versions:
        print("OK", ver, marshal.dumps(v, ver).hex(), ascii(v)[:60])

# Error cases: hand-written bad inputs, then truncations and byte flips of real data.
errs = [
    b"", b"\x00", b"Q", b"i\x01\x02", b"l\xff\xff\xff\x7f", b"l\x01\x00\x00\x00\x00\x00",
    b"l\x01\x00\x00\x00\x00\x80", b"l\x02\x00\x00\x00\x01\x00\x00\x00", b"s\xff\xff\xff\xff", b"s\x05\x00\x00\x00ab",
    b"u\x02\x00\x00\x00\xff\xfe", b"r\x00\x00\x00\x00", b"r\xff\xff\xff\xff", b"(\x02\x00\x00\x00N0",
    b"[\x01\x00\x00\x000", b"<\x01\x00\x00\x000", b"f\x03abc", b"f\x05", b"g\x00\x00", b")\x02N", b"z\x05ab",
    b"(\xff\xff\xff\xff", b"{N", b"{NN", b"0", b"\xa9\x01N" + b"r\x00\x00\x00\x00",
    b"\xdb\x01\x00\x00\x00r\x00\x00\x00\x00", b"y\x00", b"x\x011\x01", b"x\x011\x01x", b"f\x01_", b"I\x01\x02",
    b"[" * 5, b"(\x01\x00\x00\x00" * 2500 + b"N",
]
rng = random.Random(1234)
sources = [marshal.dumps(v, ver) for v in values[:60] for ver in (2, 4)]
for s in sources:
    for _ in range(3):
        n = rng.randrange(len(s) + 1)
        errs.append(s[:n])
        b = bytearray(s)
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
        errs.append(bytes(b))
for e in errs:
    try:
        marshal.loads(e)
        continue  # loads fine: covered as a non-error (no expectation recorded)
    except Exception as x:
        print("ERR", e.hex() or "-", type(x).__name__, str(x).replace("\n", " "))
