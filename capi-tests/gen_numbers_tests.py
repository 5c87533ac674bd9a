#!/usr/bin/env python3
"""Generate capi-tests/test_numbers_{int,float,complex}.c from python3's answers.

Each case is a small structured description; the script evaluates it with
CPython 3.11 (the oracle) and writes the C call that does the same through
pyrite's C API, with the expected repr or exception type and message.
Run from the repository root: python3 capi-tests/gen_numbers_tests.py
"""
import math
import operator
import os

BIN = {
    "Add": operator.add, "Subtract": operator.sub, "Multiply": operator.mul,
    "TrueDivide": operator.truediv, "FloorDivide": operator.floordiv,
    "Remainder": operator.mod, "Divmod": divmod, "Lshift": operator.lshift,
    "Rshift": operator.rshift, "And": operator.and_, "Or": operator.or_,
    "Xor": operator.xor, "MatrixMultiply": operator.matmul,
    "Power": lambda a, b: pow(a, b),
}
UN = {
    "Negative": operator.neg, "Positive": operator.pos, "Absolute": abs,
    "Invert": operator.invert, "Index": operator.index, "Long": int, "Float": float,
}
CMPOPS = {"Py_LT": operator.lt, "Py_LE": operator.le, "Py_EQ": operator.eq,
          "Py_NE": operator.ne, "Py_GT": operator.gt, "Py_GE": operator.ge}
TYPES = {"int": ("&PyLong_Type", int), "float": ("&PyFloat_Type", float),
         "complex": ("&PyComplex_Type", complex), "bool": ("&PyBool_Type", bool)}


def cstr(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out += "\\" + ch
        elif 32 <= o < 127:
            out += ch
        else:
            out += "".join('\\%03o' % b for b in ch.encode())
    return out + '"'


def cdouble(x):
    if math.isnan(x):
        return "(-NAN)" if math.copysign(1, x) < 0 else "NAN"
    if math.isinf(x):
        return "HUGE_VAL" if x > 0 else "(-HUGE_VAL)"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    return x.hex()


def mk(v):
    """C expression (borrowed, pooled) for the Python value v."""
    if v is None:
        return "N()"
    if isinstance(v, bool):
        return "B(%d)" % v
    if isinstance(v, int):
        if abs(v) > 10 ** 4000:
            return "keep(PyLong_FromString(%s, NULL, 16))" % cstr(hex(v))
        return "I(%s)" % cstr(str(v))
    if isinstance(v, float):
        return "F(%s)" % cdouble(v)
    if isinstance(v, complex):
        return "C(%s, %s)" % (cdouble(v.real), cdouble(v.imag))
    if isinstance(v, str):
        return "S(%s)" % cstr(v)
    if isinstance(v, list):
        return "LIST(%d%s)" % (len(v), "".join(", " + mk(x) for x in v))
    raise TypeError(v)


def tup(args):
    return "TUP(%d%s)" % (len(args), "".join(", " + mk(a) for a in args))


def kwargs(kw):
    if not kw:
        return "NULL"
    return "KW(%s, NULL)" % ", ".join("%s, %s" % (cstr(k), mk(v)) for k, v in kw.items())


class Gen:
    def __init__(self):
        self.lines = []

    def emit(self, cexpr, thunk):
        try:
            r = thunk()
        except Exception as e:  # the oracle's exception
            self.lines.append("    check_err(__LINE__, %s, PyExc_%s, %s);" % (cexpr, type(e).__name__, cstr(str(e))))
            return
        self.lines.append("    check_ok(__LINE__, %s, %s);" % (cexpr, cstr(repr(r))))

    def bin(self, op, a, b, inplace=False):
        name = ("PyNumber_InPlace" if inplace else "PyNumber_") + op
        extra = ", Py_None" if op == "Power" else ""
        self.emit("%s(%s, %s%s)" % (name, mk(a), mk(b), extra), lambda: BIN[op](a, b))

    def pow3(self, a, b, c):
        self.emit("PyNumber_Power(%s, %s, %s)" % (mk(a), mk(b), mk(c)), lambda: pow(a, b, c))

    def un(self, op, a):
        self.emit("PyNumber_%s(%s)" % (op, mk(a)), lambda: UN[op](a))

    def meth(self, obj, name, *args, **kw):
        self.emit("METH(%s, %s, %s, %s)" % (mk(obj), cstr(name), tup(args), kwargs(kw)),
                  lambda: getattr(obj, name)(*args, **kw))

    def cmeth(self, tname, name, *args, **kw):
        ctype, pytype = TYPES[tname]
        self.emit("METH((PyObject *)%s, %s, %s, %s)" % (ctype, cstr(name), tup(args), kwargs(kw)),
                  lambda: getattr(pytype, name)(*args, **kw))

    def call(self, tname, *args, **kw):
        ctype, pytype = TYPES[tname]
        self.emit("CALL((PyObject *)%s, %s, %s)" % (ctype, tup(args), kwargs(kw)), lambda: pytype(*args, **kw))

    def cmp(self, a, op, b):
        self.emit("CMP(%s, %s, %s)" % (mk(a), mk(b), op), lambda: CMPOPS[op](a, b))

    def attr(self, obj, name):
        self.emit("keep_new(PyObject_GetAttrString(%s, %s))" % (mk(obj), cstr(name)), lambda: getattr(obj, name))

    def str_(self, obj):
        self.emit("PyObject_Str(%s)" % mk(obj), lambda: str(obj))

    def fmt(self, obj, spec):
        self.meth(obj, "__format__", spec)

    def hashop(self, op, a, b):
        """hash(a op b) for results too long to print (int_max_str_digits)."""
        self.lines.append("    check_hash(__LINE__, keep(PyNumber_%s(%s, %s)), %dLL);" % (op, mk(a), mk(b), hash(BIN[op](a, b))))

    def hash(self, obj):
        self.lines.append("    check_hash(__LINE__, %s, %dLL);" % (mk(obj), hash(obj)))

    def write(self, path, doc):
        body = "\n".join(self.lines)
        text = f"""/* {doc}
 * GENERATED by capi-tests/gen_numbers_tests.py from python3 3.11's answers: do not edit. */
#include "numbers_util.h"

static inline PyObject *keep_new(PyObject *o) {{ return o; }}

int main(void) {{
    BEGIN_TEST();
{body}
    pool_clear();
    END_TEST();
}}
"""
        with open(path, "w") as f:
            f.write(text)
        print(path, len(self.lines), "checks")


def gen_int():
    g = Gen()
    big = 2 ** 100 + 12345
    huge = 3 ** 500
    vals = [0, 1, -1, 7, -7, 2 ** 30, -(2 ** 30), 2 ** 62 + 5, -(2 ** 63), big, -big, huge]
    for op in ["Add", "Subtract", "Multiply", "FloorDivide", "Remainder", "Divmod", "TrueDivide", "And", "Or", "Xor"]:
        for a in [0, 7, -7, 2 ** 62 + 5, -big, huge]:
            for b in [3, -3, 2 ** 31 - 1, -(2 ** 64), big, 0]:
                g.bin(op, a, b)
    for a in [0, 1, -1, 5, -5, 2 ** 40 + 1, -big]:
        for b in [0, 1, 3, 64, 100, 31]:
            g.bin("Lshift", a, b)
            g.bin("Rshift", a, b)
    g.bin("Lshift", 1, -1)
    g.bin("Rshift", 1, -1)
    g.bin("Rshift", -big, 2 ** 70)
    g.bin("Rshift", big, 2 ** 70)
    for a in [2, -2, 3, 10, -1, 0, 7]:
        for b in [0, 1, 5, 63, 64, 100, -1, -2]:
            g.bin("Power", a, b)
    g.bin("Power", 0, -1)
    for a, b, c in [(2, 10, 1000), (3, 200, 7), (-3, 5, 7), (3, 5, -7), (2, -1, 7), (2, -1, 4), (2, 3, 0),
                    (5, 0, 1), (12345678901234567890, 98765432109876543210, 10 ** 20 + 7), (2, -3, -7), (3, 2, 1)]:
        g.pow3(a, b, c)
    g.pow3(2, 3, 1.5)
    g.pow3(2.0, 3, 5)
    for op in ["Negative", "Positive", "Absolute", "Invert", "Index", "Long", "Float"]:
        for a in [0, 5, -5, 2 ** 30, -(2 ** 60), big, -big, True]:
            g.un(op, a)
    g.un("Float", 10 ** 400)
    for a in [1, 0, -1, 2 ** 53 + 1, big, 10 ** 30]:
        for b in [1.0, 0.5, -1.0, float(2 ** 53), float(big), 1e30, float("inf"), float("nan")]:
            g.bin("TrueDivide", a, b)
            g.bin("Add", a, b)
            g.cmp(a, "Py_EQ", b)
            g.cmp(a, "Py_LT", b)
            g.cmp(a, "Py_GE", b)
    for a, b in [(1, 3), (10 ** 30, 7), (-(2 ** 80), 3), (2 ** 1100, 2 ** 50), (1, 2 ** 1100), (1, 10 ** 330),
                 (2 ** 1024, 1), (2 ** 53 + 1, 1), (10 ** 400, 10 ** 399), (-(10 ** 320), 3)]:
        g.bin("TrueDivide", a, b)
    for a in vals:
        for b in [0, 1, -1, big, 2 ** 62 + 5]:
            for op in CMPOPS:
                g.cmp(a, op, b)
    g.cmp(1, "Py_EQ", "1")
    g.cmp(1, "Py_LT", "1")
    g.cmp(2 ** 64 + 1, "Py_EQ", float(2 ** 64))
    g.cmp(2 ** 64 + 1, "Py_GT", float(2 ** 64))
    for v in vals + [True, False, 2 ** 61 - 1, 2 ** 61, -(2 ** 61), -2, 10 ** 50]:
        g.hash(v)
        g.str_(v)
    for v in [0, 1, -1, 255, 256, -129, 2 ** 64, -(2 ** 64), big, 12345]:
        g.meth(v, "bit_length")
        g.meth(v, "bit_count")
        g.meth(v, "as_integer_ratio")
        g.meth(v, "conjugate")
        g.meth(v, "__index__")
        g.meth(v, "__trunc__")
        g.meth(v, "__floor__")
        g.meth(v, "__ceil__")
        g.meth(v, "__round__")
        g.meth(v, "__getnewargs__")
        g.meth(v, "__sizeof__")
        for nd in [-1, -2, 0, 2, -20]:
            g.meth(v, "__round__", nd)
        for a in ["real", "imag", "numerator", "denominator"]:
            g.attr(v, a)
    for v, nd in [(15, -1), (25, -1), (-25, -1), (150, -2), (250, -2), (-250, -2), (251, -2), (12345, None)]:
        g.meth(v, "__round__", nd)
    g.meth(5, "__round__", "a")
    g.meth(5, "__round__", 1, 2)
    for data, kw in [([1, 0], {"byteorder": "big"}), ([1, 0], {"byteorder": "little"}), ([255, 254], {"byteorder": "big", "signed": True}),
                     ([255], {"byteorder": "little", "signed": False}), ([], {"byteorder": "big"}), ([1], {"byteorder": "mid"}),
                     ([256], {"byteorder": "big"}), ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], {"byteorder": "big"}), ([128, 0], {"byteorder": "little", "signed": True})]:
        g.cmeth("int", "from_bytes", data, **kw)
    g.cmeth("int", "from_bytes", [1, 2], "big")
    g.cmeth("bool", "from_bytes", [1], "big")
    # int()
    g.call("int")
    for args in [(" 42 ",), ("-0x1f", 16), ("0x1f", 0), ("0b101", 0), ("0o17", 0), ("017", 0), ("0_0", 0), ("1_000",), ("1__0",),
                 ("_1",), ("1_",), ("x",), ("12", 1), ("12", 37), ("z", 36), ("Z", 36), ("", 10), ("  ",), ("+-1",),
                 ("0x", 16), ("0x_f", 16), ("10", 2), ("1" * 4301,), ("1" * 4300 + "x",), ("\u00a012\u2003",),
                 (1.5, 10), (3.99,), (-3.99,), (1e30,), (float("inf"),), (float("nan"),), (True,), (None,), ([],),
                 ("-" + "9" * 40,), ("1e5",), ("12", 8), ("9", 8), ("\u0663\u0664",), ("\uff11\uff10", 16),
                 ("\U0001D7CF\U0001D7D0",), ("1\u00b2",), ("\u0663_\u0664",)]:
        g.call("int", *args)
    g.call("int", "ff", base=16)
    g.call("int", base=16)
    g.call("int", 5, 10, 3)
    g.call("int", "10", bas=3)
    g.call("int", "10", base=2.5)
    g.call("bool", 5)
    g.call("bool")
    g.call("bool", 0)
    # bool arithmetic falls back to int
    for op in ["Add", "And", "Or", "Xor", "Subtract", "Multiply"]:
        for a, b in [(True, True), (True, False), (True, 5), (5, True), (False, -1)]:
            g.bin(op, a, b)
    g.un("Invert", True)
    g.un("Negative", True)
    g.str_(True)
    g.un("Long", True)
    # __format__
    specs = ["", "d", "5", "<5", ">5", "^6", "=+8", "x", "X", "#x", "#X", "o", "#o", "b", "#b", "#010x", "010,", "012,",
             ",", "_", "_x", "_b", "+", " ", "-", "n", "c", "e", ".2f", "%", ".3g", "G", "+c", "#c", ",c", ",x", ",_",
             ".2", "s", "z", "abc", "x,", "*^9,", "0=10", "10", "-010", "_o", ",b", "_n", "==5", "010_"]
    for v in [0, 1234567, -1234567, 255, -255, 65, 2 ** 70]:
        for s in specs:
            g.fmt(v, s)
    # seeded random operands (sizes around the digit and fast-path boundaries)
    import random
    rnd = random.Random(311)
    def rint():
        bits = rnd.choice([1, 29, 30, 31, 59, 60, 61, 63, 64, 65, 90, 200, 700])
        v = rnd.getrandbits(bits)
        return -v if rnd.random() < 0.5 else v
    for _ in range(60):
        a, b = rint(), rint()
        for op in ["Add", "Subtract", "Multiply", "FloorDivide", "Remainder", "And", "Or", "Xor", "TrueDivide"]:
            g.bin(op, a, b)
        g.bin("Rshift", a, rnd.randrange(0, 100))
        g.bin("Lshift", a, rnd.randrange(0, 100))
        g.pow3(a, abs(b) % 1000, rint() or 7)
        g.hash(a)
        g.un("Float", a)
        g.un("Invert", a)
    # Karatsuba and lopsided products, checked through hashes
    for abits, bbits in [(2100, 2100), (2100, 9000), (4000, 4100), (30 * 69, 30 * 69), (30 * 70, 30 * 71), (60000, 61000),
                         (2100, 100000), (300, 50000)]:
        a = rnd.getrandbits(abits) | (1 << (abits - 1))
        b = rnd.getrandbits(bbits) | (1 << (bbits - 1))
        for sa, sb in [(1, 1), (-1, 1), (-1, -1)]:
            g.hashop("Multiply", sa * a, sb * b)
        g.hashop("Add", a, -b)
        g.hashop("Subtract", a, b)
        g.hashop("Multiply", a - 1, a + 1)
        g.hashop("FloorDivide", a * b + 12345, b)
    g.fmt(-1, "c")
    g.fmt(0x110000, "c")
    return g


def gen_float():
    g = Gen()
    vals = [0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 1.5e300, 5e-324, 1.7976931348623157e308,
            float("inf"), float("-inf"), float("nan"), 2.5, 3.0, -7.25, 1 / 3, 1e22, 9007199254740993.0]
    import random, struct
    rnd = random.Random(3110)
    for _ in range(300):
        x = struct.unpack("<d", rnd.getrandbits(64).to_bytes(8, "little"))[0]
        if not math.isnan(x):
            vals.append(x)
    for _ in range(100):
        vals.append(round(rnd.uniform(-1e6, 1e6), rnd.randrange(0, 8)))
    for v in vals:
        g.str_(v)
        g.emit("PyObject_Repr(%s)" % mk(v), lambda v=v: repr(v))
        if not math.isnan(v):
            g.hash(v)
    for op in ["Add", "Subtract", "Multiply", "TrueDivide", "FloorDivide", "Remainder", "Divmod", "Power"]:
        for a in [7.5, -7.5, 0.0, -0.0, 1e308, float("inf"), 3]:
            for b in [2.0, -2.0, 0.0, 0.5, 3, -3, float("inf"), float("nan")]:
                if isinstance(a, int) and isinstance(b, int):
                    continue
                g.bin(op, a, b)
    for a, b in [(10.0, 400), (10.0, 400.0), (-8.0, 1 / 3), (-1.5, 0.5), (0.0, -1), (0.0, -1.5), (-0.0, 3.0), (-0.0, -3),
                 (-2.0, 3), (-2.0, 2), (1.0, float("nan")), (float("nan"), 0.0), (-1.0, float("inf")), (0.5, float("-inf")),
                 (float("-inf"), 3.0), (float("-inf"), -3.0), (float("-inf"), 2.0), (2.0, -1074), (2.0, 1023.5), (10, -2), (2, 0.5)]:
        g.bin("Power", a, b)
    g.pow3(2.0, 3.0, 5.0)
    g.bin("Multiply", 1e308, 10.0)
    g.bin("Add", 1.0, 10 ** 400)
    g.bin("Add", 1.0, "x")
    g.bin("Lshift", 1.0, 1)
    g.bin("MatrixMultiply", 1.0, 1.0)
    for op in ["Negative", "Positive", "Absolute", "Long", "Float", "Index", "Invert"]:
        for v in [1.5, -1.5, -0.0, 1e300, float("inf"), float("nan")]:
            g.un(op, v)
    for a in [1.0, -0.0, float("nan"), float("inf"), 1e300]:
        for b in [1.0, 0, 10 ** 300, float("nan"), -(10 ** 400), 2 ** 1023 * 2]:
            for op in ["Py_EQ", "Py_NE", "Py_LT", "Py_GE"]:
                g.cmp(a, op, b)
    g.cmp(1.0, "Py_LT", "x")
    g.cmp(1.0, "Py_EQ", "x")
    g.cmp(9007199254740992.0, "Py_LT", 9007199254740993)
    g.cmp(0.5, "Py_GT", 0)
    g.cmp(-0.5, "Py_LT", 0)
    g.cmp(-0.5, "Py_GT", -1)
    for v in [2.5, -2.5, 3.5, 1e16, 0.0, -0.0, 1.0000000000000002, 0.1, 5e-324, 1.7976931348623157e308, float("inf"), float("nan"), 0.125, 3.0, -1e-300]:
        g.meth(v, "is_integer")
        g.meth(v, "as_integer_ratio")
        g.meth(v, "hex")
        g.meth(v, "conjugate")
        g.meth(v, "__trunc__")
        g.meth(v, "__floor__")
        g.meth(v, "__ceil__")
        g.meth(v, "__int__")
        g.meth(v, "__float__")
        g.meth(v, "__round__")
        g.meth(v, "__getnewargs__")
        for nd in [0, 1, 2, -1, -2, 400, -400, None]:
            g.meth(v, "__round__", nd)
        g.attr(v, "real")
        g.attr(v, "imag")
    for v, nd in [(0.125, 2), (0.375, 2), (2.675, 2), (1.5, 0), (2.5, 0), (-2.5, 0), (1250.0, -2), (1350.0, -2), (-1250.0, -2),
                  (5e-324, 323), (1.7976931348623157e308, -308), (1.7976931348623157e308, -307), (123.456, -1), (0.5, None),
                  (1.5, None), (-0.5, None), (1e300, None)]:
        g.meth(v, "__round__", nd)
    g.meth(1.5, "__round__", "x")
    for s in ["0x1.8p+0", "0x1p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0X1P+1023", "0x1p1024", "-0x.8p1", "  1.  ",
              "inf", "-Infinity", "nan", "x", "0x", "1p", "0x1.fffffffffffff8p+1023", "0x1.fffffffffffff7p+1023", "0xab.cdp-3",
              "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000081p0"]:
        g.cmeth("float", "fromhex", s)
    for a in ["double", "float", "x", 1]:
        g.cmeth("float", "__getformat__", a)
    # float()
    g.call("float")
    for a in [" 1.5 ", "1_000.5", "1__0", "_1", "1_", "1e5", "-iNF", "+nan", "infinity", "infinit", "x", "", "1.5x", "0x10",
              "\u00a01.5\u2003", "\uff11.\uff15", "\u0661e\u0662", "1e500", "-1e-500", ".5", "5.", "1_0e1_0", "1e", 3, 10 ** 400, True, None, [], 2.5]:
        g.call("float", a)
    g.call("float", 1, 2)
    g.call("float", x=1)
    # __format__
    specs = ["", "f", ".2f", ".0f", "#.0f", "e", ".3e", "E", "g", ".3g", "#g", "G", "%", ".1%", "10.2f", "<10", "^10.1f", "=+10.2f",
             "+", " ", ",.2f", "_.3f", ",", ".3", ".0", "z.1f", "015.3f", "d", "c", ",n", "n", ".2n", ".0e", "#.0e", "010", "x<8g",
             "F", ".10", "e<", ".g"]
    for v in [0.0, -0.0, 1.0, 1234567.891, -0.001234, 1e16, 1e-7, 100000.0, 1e6, 1.5, 2.5, -2.5e-5,
              float("inf"), float("-inf"), float("nan"), 123456789.0]:
        for s in specs:
            g.fmt(v, s)
    for v in vals[-60:]:
        for s in [".3e", ".5g", ".2f", "g", "e", "%", ".0f", ".12g", "#.3g"]:
            g.fmt(v, s)
        g.meth(v, "__round__", rnd.randrange(-5, 6))
        g.meth(v, "hex")
        g.meth(v, "as_integer_ratio")
    for v in [1, -5, 12345]:
        for s in ["e", ".2f", "%", "g", "10.3E"]:
            g.fmt(v, s)
    return g


def gen_complex():
    g = Gen()
    vals = [0j, 1j, -1j, 1 + 2j, -1.5 - 0.5j, complex(-0.0, -0.0), complex(0.0, -0.0), complex(-0.0, 0.0), 1e16 + 1e-5j,
            complex(float("nan"), float("inf")), complex(float("-inf"), float("nan")), 3 + 0j, complex(1, 1e300)]
    for v in vals:
        g.emit("PyObject_Repr(%s)" % mk(v), lambda v=v: repr(v))
        g.str_(v)
        if not (math.isnan(v.real) or math.isnan(v.imag)):
            g.hash(v)
    for op in ["Add", "Subtract", "Multiply", "TrueDivide", "Power", "FloorDivide", "Remainder", "Divmod"]:
        for a in [1 + 2j, -3j, 0j, 2, 1.5]:
            for b in [2 - 1j, 0j, 1j, 3, 0, 0.5, 2 ** 1100]:
                if not isinstance(a, complex) and not isinstance(b, complex):
                    continue
                g.bin(op, a, b)
    for a, b in [(0j, -1), (0j, 1j), (0j, 0j), (0j, 2), (2j, 2.5), (1e200j, 2), (1 + 1j, 101), (1 + 1j, 100), (1 + 1j, -3),
                 (-1, 0.5 + 0j), (1e300 + 1e300j, 1e300 + 0j), ((1 + 1j), 1j)]:
        g.bin("Power", a, b)
    g.pow3(1j, 2, 3)
    for op in ["Negative", "Positive", "Absolute", "Invert", "Long", "Float"]:
        for v in [1 + 2j, -3j, complex(1e308, 1e308), complex(float("inf"), float("nan"))]:
            g.un(op, v)
    for a, b in [(1 + 0j, 1), (1 + 0j, 1.0), (1 + 1j, 1), (1j, 1j), (2 ** 60 + 0j, 2 ** 60 + 1), (1j, "x")]:
        for op in ["Py_EQ", "Py_NE", "Py_LT"]:
            g.cmp(a, op, b)
    for v in [1 + 2j, -3j]:
        g.meth(v, "conjugate")
        g.meth(v, "__getnewargs__")
        g.meth(v, "__complex__")
        g.fmt(v, "")
        g.attr(v, "real")
        g.attr(v, "imag")
    for v in [1 + 2j, -1.5 - 0.5j, 3j, complex(-0.0, 0), 1e20 + 1j, complex(float("nan"), float("inf")), -2j, 1234.5678 - 0.001j]:
        for spec in ["", "10", "<20", "^20", "+", ".2f", ".3", "e", "g", ".0f", "#g", "*>25.2e", ",.2f", "n", "F", "-", " ",
                     "=10", "010", "d", "%", "c", "_.1f", ">+15.3g"]:
            g.fmt(v, spec)
    g.call("complex")
    for args in [(1,), (1, 2), (1.5, -2.5), (1j, 1j), (1 + 2j, 3), (2, 1 + 1j), ("1+2j",), ("  ( -1.5-2e3J )  ",), ("j",), ("-j",),
                 ("+1j",), ("1e5",), ("nan+infj",), ("-inf-nanj",), ("1_0+2_0j",), ("x",), ("1+",), ("1+2",), ("1j+2",), ("",),
                 ("()",), ("1", 2), (1, "x"), ([],), (1, []), (None,), ("1 + 2j",), ("1.e-3-.5J",), ("+1.5e+3+0j",), ("(1+2j",), ("\uff11+\uff12j",)]:
        g.call("complex", *args)
    g.call("complex", real=1, imag=2)
    g.call("complex", imag=2)
    g.call("complex", imag=1j)
    g.call("complex", 1, 2, 3)
    return g


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    gen_int().write(os.path.join(here, "test_numbers_int.c"), "int through the C API: arithmetic, comparisons, hashing, methods, int(), format.")
    gen_float().write(os.path.join(here, "test_numbers_float.c"), "float through the C API: repr, arithmetic, comparisons, methods, float(), format.")
    gen_complex().write(os.path.join(here, "test_numbers_complex.c"), "complex through the C API: repr, arithmetic, comparisons, complex().")
