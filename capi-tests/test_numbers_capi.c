/* The C conversion API of int, float and complex, and the number protocol's
 * edge cases: CPython 3.11's results and messages (checked against
 * libpython3.11), the small-int cache (no allocation, identity), and
 * __index__/__int__/__float__ on a type made from a spec. */
#include "numbers_util.h"
#include <limits.h>
#include <stdint.h>

static PyObject *index_of(PyObject *self) { return PyLong_FromLong(42); }
static PyObject *float_of(PyObject *self) { return PyFloat_FromDouble(2.5); }
static PyObject *bad_index(PyObject *self) { return PyFloat_FromDouble(1.0); }

static PyObject *make_type(const char *name, int slot, void *fn) {
    PyType_Slot slots[] = {{slot, fn}, {0, NULL}};
    PyType_Spec spec = {name, sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
    return PyType_FromSpec(&spec);
}

static PyObject *make_sub(const char *name, PyTypeObject *base) {
    PyType_Slot slots[] = {{0, NULL}};
    PyType_Spec spec = {name, 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
    PyObject *bases = PyTuple_New(1);
    Py_INCREF(base);
    PyTuple_SetItem(bases, 0, (PyObject *)base);
    PyObject *t = PyType_FromSpecWithBases(&spec, bases);
    Py_DECREF(bases);
    return t;
}

#define ERR(expr, exc, msg) \
    do { \
        nchecks++; \
        (void)(expr); \
        if (!PyErr_Occurred()) { \
            fprintf(stderr, "line %d: no error from %s\n", __LINE__, #expr); \
            check_failures++; \
        } else { \
            CHECK(PyErr_ExceptionMatches(exc)); \
            CHECK_ERRMSG(msg); \
        } \
    } while (0)
#define EQ(a, b) \
    do { \
        nchecks++; \
        CHECK((a) == (b)); \
        CHECK(!PyErr_Occurred()); \
    } while (0)

int main(void) {
    BEGIN_TEST();
    /* Heap types live in reference cycles (their MRO holds them) until a
     * collection: make them before the leak baseline. */
    PyObject *THasIndex = make_type("m.HasIndex", Py_nb_index, (void *)index_of);
    PyObject *THasFloat = make_type("m.HasFloat", Py_nb_float, (void *)float_of);
    PyObject *TBadIndex = make_type("m.BadIndex", Py_nb_index, (void *)bad_index);
    PyObject *MyInt = make_sub("m.MyInt", &PyLong_Type);
    PyObject *MyFloat = make_sub("m.MyFloat", &PyFloat_Type);
    PyObject *MyComplex = make_sub("m.MyComplex", &PyComplex_Type);
    CHECK(MyInt && MyFloat && MyComplex);
    check_live_start = Pyrite_LiveObjects();

    /* ---- small ints: cached, never allocated ---- */
    PyObject *a = PyLong_FromLong(5), *b = PyLong_FromLong(5);
    EQ(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    a = PyLong_FromLong(-5);
    b = PyLong_FromSsize_t(-5);
    EQ(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    a = PyLong_FromLong(256);
    b = PyLong_FromUnsignedLongLong(256);
    EQ(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    a = PyLong_FromLong(257);
    b = PyLong_FromLong(257);
    EQ(a != b, 1);
    Py_DECREF(a);
    Py_DECREF(b);
    {
        Py_ssize_t bytes0 = Pyrite_LiveBytes(), objs0 = Pyrite_LiveObjects();
        PyObject *held[262];
        for (int i = 0; i < 262; i++) held[i] = PyLong_FromLong(i - 5);
        EQ(Pyrite_LiveBytes(), bytes0);
        EQ(Pyrite_LiveObjects(), objs0);
        PyObject *two = PyLong_FromLong(2), *three = PyLong_FromLong(3);
        PyObject *sum = PyNumber_Add(two, three);
        EQ(sum, held[10]);
        PyObject *neg = PyNumber_Negative(held[8]);
        EQ(neg, held[2]);
        PyObject *zero = PyNumber_Subtract(three, three);
        EQ(zero, held[5]);
        PyObject *fromd = PyLong_FromDouble(7.9);
        EQ(fromd, held[12]);
        EQ(Pyrite_LiveBytes(), bytes0);
        Py_DECREF(two);
        Py_DECREF(three);
        Py_DECREF(sum);
        Py_DECREF(neg);
        Py_DECREF(zero);
        Py_DECREF(fromd);
        for (int i = 0; i < 262; i++) Py_DECREF(held[i]);
        EQ(Pyrite_LiveBytes(), bytes0);
        PyObject *big = PyLong_FromLong(1000);
        CHECK(Pyrite_LiveBytes() > bytes0);
        Py_DECREF(big);
        EQ(Pyrite_LiveBytes(), bytes0);
    }

    /* ---- int from C ---- */
    check_ok(__LINE__, PyLong_FromLong(LONG_MIN), "-9223372036854775808");
    check_ok(__LINE__, PyLong_FromLong(LONG_MAX), "9223372036854775807");
    check_ok(__LINE__, PyLong_FromUnsignedLong(ULONG_MAX), "18446744073709551615");
    check_ok(__LINE__, PyLong_FromLongLong(LLONG_MIN), "-9223372036854775808");
    check_ok(__LINE__, PyLong_FromUnsignedLongLong(ULLONG_MAX), "18446744073709551615");
    check_ok(__LINE__, PyLong_FromSsize_t(-1073741824), "-1073741824");
    check_ok(__LINE__, PyLong_FromSize_t(SIZE_MAX), "18446744073709551615");
    check_ok(__LINE__, PyLong_FromDouble(-1e20), "-100000000000000000000");
    check_ok(__LINE__, PyLong_FromDouble(1.5e300), "1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240");
    check_err(__LINE__, PyLong_FromDouble(HUGE_VAL), PyExc_OverflowError, "cannot convert float infinity to integer");
    check_err(__LINE__, PyLong_FromDouble(NAN), PyExc_ValueError, "cannot convert float NaN to integer");
    check_ok(__LINE__, PyLong_FromVoidPtr((void *)0x1234), "4660");
    {
        char *end = NULL;
        const char *src = "  0x1F  ";
        PyObject *o = PyLong_FromString(src, &end, 0);
        check_ok(__LINE__, o, "31");
        EQ(end, (char *)src + 8);
    }
    check_ok(__LINE__, PyLong_FromString("-1_000_000", NULL, 10), "-1000000");
    check_ok(__LINE__, PyLong_FromString("zz", NULL, 36), "1295");
    check_ok(__LINE__, PyLong_FromString("123456789012345678901234567890", NULL, 0), "123456789012345678901234567890");
    check_err(__LINE__, PyLong_FromString("12x", NULL, 10), PyExc_ValueError, "invalid literal for int() with base 10: '12x'");
    check_err(__LINE__, PyLong_FromString("12", NULL, 1), PyExc_ValueError, "int() arg 2 must be >= 2 and <= 36");
    check_err(__LINE__, PyLong_FromString("  0x1F  zz", NULL, 0), PyExc_ValueError, "invalid literal for int() with base 0: '  0x1F  zz'");
    check_err(__LINE__, PyLong_FromString(NULL, NULL, 0), PyExc_SystemError, "bad argument to internal function");
    check_ok(__LINE__, PyLong_FromUnicodeObject(S(" -42 "), 10), "-42");
    check_ok(__LINE__, PyLong_FromUnicodeObject(S("0b11"), 0), "3");
    check_err(__LINE__, PyLong_FromUnicodeObject(S("x"), 10), PyExc_ValueError, "invalid literal for int() with base 10: 'x'");

    /* ---- int to C ---- */
    PyObject *f15 = F(1.5), *bigv = I("100000000000000000000000"), *negone = I("-1"), *s = S("x");
    EQ(PyLong_AsLong(I("-9223372036854775808")), LONG_MIN);
    ERR(PyLong_AsLong(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    ERR(PyLong_AsLong(bigv), PyExc_OverflowError, "Python int too large to convert to C long");
    ERR(PyLong_AsLong(I("9223372036854775808")), PyExc_OverflowError, "Python int too large to convert to C long");
    ERR(PyLong_AsLong(NULL), PyExc_SystemError, "bad argument to internal function");
    {
        int ov = 7;
        EQ(PyLong_AsLongAndOverflow(bigv, &ov), -1);
        EQ(ov, 1);
        EQ(PyLong_AsLongAndOverflow(I("-100000000000000000000000"), &ov), -1);
        EQ(ov, -1);
        EQ(PyLong_AsLongAndOverflow(I("77"), &ov), 77);
        EQ(ov, 0);
        EQ(PyLong_AsLongLongAndOverflow(bigv, &ov), -1);
        EQ(ov, 1);
        ERR(PyLong_AsLongAndOverflow(f15, &ov), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    }
    EQ(PyLong_AsLongLong(I("-9223372036854775807")), -9223372036854775807LL);
    ERR(PyLong_AsLongLong(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    ERR(PyLong_AsLongLong(bigv), PyExc_OverflowError, "int too big to convert");
    ERR(PyLong_AsLongLong(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsUnsignedLong(I("18446744073709551615")), ULONG_MAX);
    ERR(PyLong_AsUnsignedLong(f15), PyExc_TypeError, "an integer is required");
    ERR(PyLong_AsUnsignedLong(negone), PyExc_OverflowError, "can't convert negative value to unsigned int");
    ERR(PyLong_AsUnsignedLong(bigv), PyExc_OverflowError, "Python int too large to convert to C unsigned long");
    ERR(PyLong_AsUnsignedLong(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsUnsignedLongLong(I("18446744073709551615")), ULLONG_MAX);
    ERR(PyLong_AsUnsignedLongLong(f15), PyExc_TypeError, "an integer is required");
    ERR(PyLong_AsUnsignedLongLong(negone), PyExc_OverflowError, "can't convert negative int to unsigned");
    ERR(PyLong_AsUnsignedLongLong(bigv), PyExc_OverflowError, "int too big to convert");
    ERR(PyLong_AsUnsignedLongLong(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsUnsignedLongMask(negone), ULONG_MAX);
    EQ(PyLong_AsUnsignedLongMask(bigv), 200376420520689664UL);
    EQ(PyLong_AsUnsignedLongLongMask(I("-2")), ULLONG_MAX - 1);
    ERR(PyLong_AsUnsignedLongMask(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    ERR(PyLong_AsUnsignedLongLongMask(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    ERR(PyLong_AsUnsignedLongMask(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsSsize_t(I("-77")), -77);
    ERR(PyLong_AsSsize_t(f15), PyExc_TypeError, "an integer is required");
    ERR(PyLong_AsSsize_t(bigv), PyExc_OverflowError, "Python int too large to convert to C ssize_t");
    ERR(PyLong_AsSsize_t(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsSize_t(I("77")), 77);
    ERR(PyLong_AsSize_t(f15), PyExc_TypeError, "an integer is required");
    ERR(PyLong_AsSize_t(negone), PyExc_OverflowError, "can't convert negative value to size_t");
    ERR(PyLong_AsSize_t(bigv), PyExc_OverflowError, "Python int too large to convert to C size_t");
    EQ(PyLong_AsDouble(I("9007199254740993")), 9007199254740992.0);
    EQ(PyLong_AsDouble(I("-3")), -3.0);
    ERR(PyLong_AsDouble(f15), PyExc_TypeError, "an integer is required");
    {
        PyObject *huge = PyNumber_Power(I("10"), I("400"), Py_None);
        ERR(PyLong_AsDouble(huge), PyExc_OverflowError, "int too large to convert to float");
        Py_XDECREF(huge);
    }
    ERR(PyLong_AsDouble(NULL), PyExc_SystemError, "bad argument to internal function");
    EQ(PyLong_AsVoidPtr(I("4660")), (void *)0x1234);
    EQ(PyLong_AsVoidPtr(negone), (void *)-1);
    ERR(PyLong_AsVoidPtr(f15), PyExc_TypeError, "an integer is required");
    EQ(_PyLong_Sign(negone), -1);
    EQ(_PyLong_Sign(I("0")), 0);
    EQ(_PyLong_Sign(bigv), 1);
    EQ(_PyLong_NumBits(bigv), 77);
    EQ(_PyLong_NumBits(I("0")), 0);
    EQ(_PyLong_NumBits(I("-255")), 8);
    {
        unsigned char buf[4] = {0};
        ERR(_PyLong_AsByteArray((PyLongObject *)bigv, buf, 4, 1, 1), PyExc_OverflowError, "int too big to convert");
        ERR(_PyLong_AsByteArray((PyLongObject *)negone, buf, 4, 1, 0), PyExc_OverflowError, "can't convert negative int to unsigned");
        EQ(_PyLong_AsByteArray((PyLongObject *)negone, buf, 4, 1, 1), 0);
        EQ(buf[0] == 0xff && buf[1] == 0xff && buf[2] == 0xff && buf[3] == 0xff, 1);
        EQ(_PyLong_AsByteArray((PyLongObject *)I("258"), buf, 4, 0, 0), 0);
        EQ(buf[0] == 0 && buf[1] == 0 && buf[2] == 1 && buf[3] == 2, 1);
        ERR(_PyLong_AsByteArray((PyLongObject *)I("128"), buf, 1, 1, 1), PyExc_OverflowError, "int too big to convert");
        EQ(_PyLong_AsByteArray((PyLongObject *)I("-128"), buf, 1, 1, 1), 0);
        EQ(buf[0], 0x80);
    }
    check_ok(__LINE__, _PyLong_FromByteArray((const unsigned char *)"\xff\xfe", 2, 1, 1), "-257");
    check_ok(__LINE__, _PyLong_FromByteArray((const unsigned char *)"\xff\xfe", 2, 0, 0), "65534");
    check_ok(__LINE__, _PyLong_FromByteArray((const unsigned char *)"", 0, 0, 1), "0");
    check_ok(__LINE__, _PyLong_FromByteArray((const unsigned char *)"\x80\0\0\0\0\0\0\0\0\0", 10, 0, 1), "-604462909807314587353088");
    check_ok(__LINE__, PyBool_FromLong(17), "True");
    check_ok(__LINE__, PyBool_FromLong(0), "False");

    /* ---- float ---- */
    EQ(PyFloat_AsDouble(F(2.5)), 2.5);
    EQ(PyFloat_AsDouble(I("3")), 3.0);
    ERR(PyFloat_AsDouble(s), PyExc_TypeError, "must be real number, not str");
    ERR(PyFloat_AsDouble(NULL), PyExc_TypeError, "bad argument type for built-in operation");
    {
        PyObject *huge = PyNumber_Power(I("10"), I("400"), Py_None);
        ERR(PyFloat_AsDouble(huge), PyExc_OverflowError, "int too large to convert to float");
        Py_XDECREF(huge);
    }
    check_ok(__LINE__, PyFloat_FromString(S(" -1.5e3 ")), "-1500.0");
    check_err(__LINE__, PyFloat_FromString(s), PyExc_ValueError, "could not convert string to float: 'x'");
    check_err(__LINE__, PyFloat_FromString(f15), PyExc_TypeError, "float() argument must be a string or a real number, not 'float'");
    EQ(PyFloat_GetMax(), 1.7976931348623157e+308);
    EQ(PyFloat_GetMin(), 2.2250738585072014e-308);
    EQ(PyFloat_AS_DOUBLE(f15), 1.5);
    EQ(PyFloat_Check(f15) && PyFloat_CheckExact(f15), 1);

    /* ---- complex ---- */
    {
        Py_complex c = {1.5, -2.0};
        PyObject *z = keep(PyComplex_FromCComplex(c));
        CHECK_REPR(z, "(1.5-2j)");
        Py_complex back = PyComplex_AsCComplex(z);
        EQ(back.real == 1.5 && back.imag == -2.0, 1);
        EQ(PyComplex_RealAsDouble(z), 1.5);
        EQ(PyComplex_ImagAsDouble(z), -2.0);
        EQ(PyComplex_RealAsDouble(I("7")), 7.0);
        EQ(PyComplex_ImagAsDouble(I("7")), 0.0);
        EQ(PyComplex_ImagAsDouble(s), 0.0);
        ERR(PyComplex_RealAsDouble(s), PyExc_TypeError, "must be real number, not str");
        back = PyComplex_AsCComplex(F(2.5));
        EQ(back.real == 2.5 && back.imag == 0.0, 1);
        back = PyComplex_AsCComplex(s);
        nchecks++;
        CHECK(back.real == -1.0);
        CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
        CHECK_ERRMSG("must be real number, not str");
        EQ(PyComplex_Check(z) && PyComplex_CheckExact(z), 1);
        check_ok(__LINE__, PyComplex_FromDoubles(-0.0, 0.0), "(-0+0j)");
    }

    /* ---- number protocol ---- */
    ERR(PyNumber_Index(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    check_ok(__LINE__, PyNumber_Index(Py_True), "1");
    ERR(PyNumber_AsSsize_t(bigv, PyExc_OverflowError), PyExc_OverflowError, "cannot fit 'int' into an index-sized integer");
    ERR(PyNumber_AsSsize_t(bigv, PyExc_IndexError), PyExc_IndexError, "cannot fit 'int' into an index-sized integer");
    EQ(PyNumber_AsSsize_t(bigv, NULL), PY_SSIZE_T_MAX);
    EQ(PyNumber_AsSsize_t(I("-100000000000000000000000"), NULL), PY_SSIZE_T_MIN);
    EQ(PyNumber_AsSsize_t(I("12"), NULL), 12);
    ERR(PyNumber_AsSsize_t(f15, NULL), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    check_err(__LINE__, PyNumber_Long(s), PyExc_ValueError, "invalid literal for int() with base 10: 'x'");
    check_ok(__LINE__, PyNumber_Long(S("12")), "12");
    check_ok(__LINE__, PyNumber_Long(F(-2.9)), "-2");
    check_err(__LINE__, PyNumber_Long(Py_None), PyExc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    check_err(__LINE__, PyNumber_Float(s), PyExc_ValueError, "could not convert string to float: 'x'");
    check_ok(__LINE__, PyNumber_Float(I("3")), "3.0");
    check_err(__LINE__, PyNumber_Float(Py_None), PyExc_TypeError, "float() argument must be a string or a real number, not 'NoneType'");
    check_err(__LINE__, PyNumber_ToBase(I("10"), 3), PyExc_SystemError, "PyNumber_ToBase: base must be 2, 8, 10 or 16");
    check_err(__LINE__, PyNumber_ToBase(f15, 2), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    check_ok(__LINE__, PyNumber_ToBase(I("-10"), 16), "'-0xa'");
    check_ok(__LINE__, PyNumber_ToBase(I("10"), 2), "'0b1010'");
    check_ok(__LINE__, PyNumber_ToBase(I("8"), 8), "'0o10'");
    check_ok(__LINE__, PyNumber_ToBase(I("-123"), 10), "'-123'");
    EQ(PyNumber_Check(f15), 1);
    EQ(PyNumber_Check(I("1")), 1);
    EQ(PyNumber_Check(C(1, 1)), 1);
    EQ(PyNumber_Check(s), 0);
    EQ(PyIndex_Check(f15), 0);
    EQ(PyIndex_Check(Py_True), 1);
    check_err(__LINE__, PyNumber_Negative(s), PyExc_TypeError, "bad operand type for unary -: 'str'");
    check_err(__LINE__, PyNumber_Positive(s), PyExc_TypeError, "bad operand type for unary +: 'str'");
    check_err(__LINE__, PyNumber_Absolute(s), PyExc_TypeError, "bad operand type for abs(): 'str'");
    check_err(__LINE__, PyNumber_Invert(f15), PyExc_TypeError, "bad operand type for unary ~: 'float'");
    check_err(__LINE__, PyNumber_Power(f15, f15, f15), PyExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    check_err(__LINE__, PyNumber_Power(s, s, f15), PyExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    check_err(__LINE__, PyNumber_Power(s, s, Py_None), PyExc_TypeError, "unsupported operand type(s) for ** or pow(): 'str' and 'str'");
    check_err(__LINE__, PyNumber_Power(s, s, s), PyExc_TypeError, "unsupported operand type(s) for pow(): 'str', 'str', 'str'");
    check_err(__LINE__, PyNumber_InPlacePower(s, f15, Py_None), PyExc_TypeError, "unsupported operand type(s) for **=: 'str' and 'float'");
    check_ok(__LINE__, PyNumber_InPlacePower(I("3"), I("4"), Py_None), "81");
    check_ok(__LINE__, PyNumber_InPlacePower(I("3"), I("4"), I("5")), "1");
    check_err(__LINE__, PyNumber_Divmod(s, f15), PyExc_TypeError, "unsupported operand type(s) for divmod(): 'str' and 'float'");
    check_err(__LINE__, PyNumber_MatrixMultiply(f15, f15), PyExc_TypeError, "unsupported operand type(s) for @: 'float' and 'float'");
    check_err(__LINE__, PyNumber_InPlaceMatrixMultiply(f15, f15), PyExc_TypeError, "unsupported operand type(s) for @=: 'float' and 'float'");
    check_err(__LINE__, PyNumber_InPlaceLshift(f15, f15), PyExc_TypeError, "unsupported operand type(s) for <<=: 'float' and 'float'");
    check_err(__LINE__, PyNumber_InPlaceAdd(Py_None, f15), PyExc_TypeError, "unsupported operand type(s) for +=: 'NoneType' and 'float'");
    check_err(__LINE__, PyNumber_InPlaceMultiply(Py_None, f15), PyExc_TypeError, "unsupported operand type(s) for *=: 'NoneType' and 'float'");
    check_ok(__LINE__, PyNumber_InPlaceAdd(I("2"), F(0.5)), "2.5");
    check_ok(__LINE__, PyNumber_InPlaceSubtract(I("2"), I("5")), "-3");
    check_ok(__LINE__, PyNumber_InPlaceMultiply(I("2"), I("5")), "10");
    check_ok(__LINE__, PyNumber_InPlaceTrueDivide(I("1"), I("4")), "0.25");
    check_ok(__LINE__, PyNumber_InPlaceFloorDivide(I("-7"), I("2")), "-4");
    check_ok(__LINE__, PyNumber_InPlaceRemainder(I("-7"), I("2")), "1");
    check_ok(__LINE__, PyNumber_InPlaceLshift(I("1"), I("70")), "1180591620717411303424");
    check_ok(__LINE__, PyNumber_InPlaceRshift(I("-1"), I("70")), "-1");
    check_ok(__LINE__, PyNumber_InPlaceAnd(I("12"), I("-4")), "12");
    check_ok(__LINE__, PyNumber_InPlaceOr(I("12"), I("3")), "15");
    check_ok(__LINE__, PyNumber_InPlaceXor(Py_True, Py_True), "False");
    check_err(__LINE__, PyNumber_Add(NULL, f15), PyExc_SystemError, "bad argument to internal function");
    check_err(__LINE__, PyNumber_Negative(NULL), PyExc_SystemError, "bad argument to internal function");

    /* ---- pystrtod.h ---- */
    {
        struct { double v; char c; int prec; int flags; const char *want; int type; } cases[] = {
            {1.5, 'r', 0, 0, "1.5", 0}, {1.0, 'r', 0, Py_DTSF_ADD_DOT_0, "1.0", 0}, {1.0, 'r', 0, 0, "1", 0},
            {1e16, 'r', 0, Py_DTSF_ADD_DOT_0, "1e+16", 0}, {-0.0, 'r', 0, Py_DTSF_SIGN, "-0", 0}, {2.5, 'f', 0, 0, "2", 0},
            {2.5, 'f', 0, Py_DTSF_ALT, "2.", 0}, {1234.5678, 'e', 3, Py_DTSF_SIGN, "+1.235e+03", 0},
            {0.0001234, 'g', 3, 0, "0.000123", 0}, {100.0, 'g', 3, Py_DTSF_ALT, "100.", 0},
            {HUGE_VAL, 'f', 2, Py_DTSF_SIGN, "+inf", 1}, {-NAN, 'E', 2, 0, "NAN", 2}, {1e22, 'G', 5, 0, "1E+22", 0},
            {3.0, 'g', 5, Py_DTSF_ADD_DOT_0, "3.0", 0}};
        for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            int ty = -1;
            char *p = PyOS_double_to_string(cases[i].v, cases[i].c, cases[i].prec, cases[i].flags, &ty);
            nchecks++;
            if (p == NULL || strcmp(p, cases[i].want) != 0 || ty != cases[i].type) {
                fprintf(stderr, "PyOS_double_to_string case %u: got '%s' (%d), want '%s' (%d)\n", i, p ? p : "NULL", ty,
                        cases[i].want, cases[i].type);
                check_failures++;
            }
            PyMem_Free(p);
        }
        int ty;
        ERR(PyOS_double_to_string(1.0, 'r', 3, 0, &ty), PyExc_SystemError, "bad argument to internal function");
        ERR(PyOS_double_to_string(1.0, 'x', 3, 0, &ty), PyExc_SystemError, "bad argument to internal function");
        char *end = NULL;
        const char *src = "1.5xyz";
        EQ(PyOS_string_to_double(src, &end, NULL), 1.5);
        EQ(end, (char *)src + 3);
        ERR(PyOS_string_to_double("1.5xyz", NULL, NULL), PyExc_ValueError, "could not convert string to float: '1.5xyz'");
        ERR(PyOS_string_to_double(" 1.5", NULL, NULL), PyExc_ValueError, "could not convert string to float: ' 1.5'");
        EQ(PyOS_string_to_double("1e500", NULL, NULL), HUGE_VAL);
        ERR(PyOS_string_to_double("1e500", NULL, PyExc_OverflowError), PyExc_OverflowError, "value too large to convert to float: '1e500'");
        EQ(PyOS_string_to_double("-inf", NULL, PyExc_OverflowError), -HUGE_VAL);
        ERR(PyOS_string_to_double("x", &end, NULL), PyExc_ValueError, "could not convert string to float: 'x'");
        ERR(PyOS_string_to_double("1_0", NULL, NULL), PyExc_ValueError, "could not convert string to float: '1_0'");
        ERR(_PyLong_AsInt(I("1099511627776")), PyExc_OverflowError, "Python int too large to convert to C int");
        ERR(_PyLong_AsInt(f15), PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        EQ(_PyLong_AsInt(I("-7")), -7);
        EQ(PyLong_AS_LONG(I("-7")), -7);
    }

    /* ---- PyFloat_Pack/Unpack (expected bytes from python3's struct) ---- */
    {
        struct { double x; unsigned char le[2]; double back; } h[] = {
            {1.0, {0x00, 0x3c}, 1.0}, {-2.5, {0x00, 0xc1}, -2.5}, {65504.0, {0xff, 0x7b}, 65504.0},
            {0x1.ffdffae147ae1p+15, {0xff, 0x7b}, 65504.0}, {0x1.01b2b29a4692bp-24, {0x01, 0x00}, 5.960464477539063e-08},
            {0x1.01b2b29a4692bp-25, {0x01, 0x00}, 5.960464477539063e-08}, {0x1.fff5c939522dbp-26, {0x00, 0x00}, 0.0},
            {1e-5, {0xa8, 0x00}, 1.0013580322265625e-05}, {0.1, {0x66, 0x2e}, 0.0999755859375},
            {HUGE_VAL, {0x00, 0x7c}, HUGE_VAL}, {-0.0, {0x00, 0x80}, -0.0}, {0x1.8p-24, {0x02, 0x00}, 1.1920928955078125e-07}};
        for (unsigned i = 0; i < sizeof h / sizeof h[0]; i++) {
            unsigned char buf[2] = {0, 0};
            nchecks++;
            if (PyFloat_Pack2(h[i].x, buf, 1) != 0 || buf[0] != h[i].le[0] || buf[1] != h[i].le[1] ||
                PyFloat_Unpack2(buf, 1) != h[i].back) {
                fprintf(stderr, "PyFloat_Pack2 case %u: %02x%02x\n", i, buf[0], buf[1]);
                check_failures++;
            }
            EQ(PyFloat_Pack2(h[i].x, buf, 0), 0);
            EQ(buf[0] == h[i].le[1] && buf[1] == h[i].le[0], 1);
        }
        unsigned char buf[8];
        ERR(PyFloat_Pack2(65520.0, buf, 1), PyExc_OverflowError, "float too large to pack with e format");
        ERR(PyFloat_Pack2(1e300, buf, 1), PyExc_OverflowError, "float too large to pack with e format");
        ERR(PyFloat_Pack4(1e300, buf, 1), PyExc_OverflowError, "float too large to pack with f format");
        EQ(PyFloat_Pack4(0.1, buf, 0), 0);
        EQ(buf[0] == 0x3d && buf[1] == 0xcc && buf[2] == 0xcc && buf[3] == 0xcd, 1);
        EQ(PyFloat_Unpack4(buf, 0), (double)0.1f);
        EQ(PyFloat_Pack8(0.1, buf, 1), 0);
        EQ(buf[0] == 0x9a && buf[6] == 0xb9 && buf[7] == 0x3f, 1);
        EQ(PyFloat_Unpack8(buf, 1), 0.1);
        EQ(isnan(PyFloat_Unpack2((const unsigned char *)"\x00\x7e", 1)), 1);
    }

    /* ---- __index__, __float__ and a bad __index__ on types made from specs ---- */
    {
        PyObject *T = THasIndex;
        PyObject *o = keep(PyObject_CallNoArgs(T));
        EQ(PyLong_AsLong(o), 42);
        EQ(PyLong_AsUnsignedLongMask(o), 42);
        ERR(PyLong_AsSsize_t(o), PyExc_TypeError, "an integer is required");
        check_ok(__LINE__, PyNumber_Index(o), "42");
        check_ok(__LINE__, PyNumber_Long(o), "42");
        check_ok(__LINE__, PyNumber_Float(o), "42.0");
        EQ(PyFloat_AsDouble(o), 42.0);
        EQ(PyNumber_AsSsize_t(o, NULL), 42);
        check_ok(__LINE__, CALL((PyObject *)&PyLong_Type, TUP(1, o), NULL), "42");
        check_ok(__LINE__, PyNumber_ToBase(o, 16), "'0x2a'");
        check_ok(__LINE__, PyNumber_Multiply(I("2"), I("21")), "42");

        T = THasFloat;
        o = keep(PyObject_CallNoArgs(T));
        EQ(PyFloat_AsDouble(o), 2.5);
        check_ok(__LINE__, PyNumber_Float(o), "2.5");
        check_ok(__LINE__, CALL((PyObject *)&PyFloat_Type, TUP(1, o), NULL), "2.5");
        check_ok(__LINE__, CALL((PyObject *)&PyComplex_Type, TUP(1, o), NULL), "(2.5+0j)");
        ERR(PyLong_AsLong(o), PyExc_TypeError, "'m.HasFloat' object cannot be interpreted as an integer");

        T = TBadIndex;
        o = keep(PyObject_CallNoArgs(T));
        ERR(PyLong_AsLong(o), PyExc_TypeError, "__index__ returned non-int (type float)");
        check_err(__LINE__, PyNumber_Index(o), PyExc_TypeError, "__index__ returned non-int (type float)");
    }

    /* ---- subclasses made from specs ---- */
    {
        PyObject *o = keep(CALL(MyInt, TUP(1, S("12")), NULL));
        CHECK(o && Py_TYPE(o) == (PyTypeObject *)MyInt && PyLong_Check(o) && !PyLong_CheckExact(o));
        CHECK_REPR(o, "12");
        EQ(PyLong_AsLong(o), 12);
        PyObject *ix = keep(PyNumber_Index(o));
        CHECK(ix && PyLong_CheckExact(ix));
        check_ok(__LINE__, PyNumber_Add(o, I("1")), "13");
        check_ok(__LINE__, PyNumber_Negative(o), "-12");
        check_ok(__LINE__, CMP(o, I("12"), Py_EQ), "True");
        check_hash(__LINE__, o, 12);
        check_ok(__LINE__, CALL(MyInt, TUP(1, S("ff")), KW("base", I("16"), NULL)), "255");
        check_ok(__LINE__, CALL(MyInt, TUP(1, S("-123456789012345678901234567890")), NULL), "-123456789012345678901234567890");
        check_ok(__LINE__, CALL(MyInt, TUP(0), NULL), "0");
        check_ok(__LINE__, CALL(MyInt, TUP(1, F(-7.5)), NULL), "-7");
        PyObject *fo = keep(CALL(MyFloat, TUP(1, S("2.5")), NULL));
        CHECK(fo && Py_TYPE(fo) == (PyTypeObject *)MyFloat && PyFloat_Check(fo));
        EQ(PyFloat_AS_DOUBLE(fo), 2.5);
        CHECK_REPR(fo, "2.5");
        PyObject *ff = keep(PyNumber_Float(fo));
        CHECK(ff && PyFloat_CheckExact(ff));
        check_ok(__LINE__, PyNumber_Multiply(fo, I("2")), "5.0");
        PyObject *co = keep(CALL(MyComplex, TUP(2, I("1"), I("2")), NULL));
        CHECK(co && Py_TYPE(co) == (PyTypeObject *)MyComplex && PyComplex_Check(co));
        CHECK_REPR(co, "(1+2j)");
        check_ok(__LINE__, PyNumber_Multiply(co, co), "(-3+4j)");
        check_ok(__LINE__, PyNumber_Positive(co), "(1+2j)");
    }

    pool_clear();
    /* the three types stay alive (counted in the baseline) */
    END_TEST();
}
