/* Slicing str, bytes and bytearray (get, set, delete with steps).
 * Expected values from CPython 3.11. */
#include "strhelp.h"

/* slice(a, b, c) with stolen arguments (NULL = None) */
static PyObject *SL(PyObject *a, PyObject *b, PyObject *c) {
    PyObject *s = PySlice_New(a, b, c);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return s;
}

#define GET(obj, slice, want) \
    do { \
        PyObject *_k = (slice); \
        EXPECT(PyObject_GetItem((obj), _k), want); \
        Py_XDECREF(_k); \
    } while (0)

int main(void) {
    BEGIN_TEST();
    PyObject *s = SU("h\xc3\xa9llo w\xf0\x9f\x98\x80rld", 15);
    GET(s, SL(I(1), I(4), NULL), "'\xc3\xa9ll'");
    GET(s, SL(NULL, NULL, I(-1)), "'dlr\xf0\x9f\x98\x80w oll\xc3\xa9h'");
    GET(s, SL(I(-3), NULL, NULL), "'rld'");
    GET(s, SL(NULL, NULL, I(3)), "'hlwl'");
    GET(s, SL(I(5), I(2), NULL), "''");
    GET(s, SL(I(-100), I(100), I(4)), "'hor'");
    PyObject *k = SL(NULL, NULL, NULL);
    PyObject *whole = PyObject_GetItem(s, k);
    CHECK(whole == s);
    Py_XDECREF(whole);
    Py_DECREF(k);
    k = SL(NULL, NULL, I(0));
    EXPECT_ERR(PyObject_GetItem(s, k), PyExc_ValueError, "slice step cannot be zero");
    Py_DECREF(k);
    k = SL(SU("a", 1), NULL, NULL);
    EXPECT_ERR(PyObject_GetItem(s, k), PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    Py_DECREF(k);
    PyObject *l = SU("x\xed\xa0\x80y", 5); /* lone surrogate survives slicing */
    GET(l, SL(I(1), NULL, NULL), "'\\ud800y'");
    Py_DECREF(l);

    PyObject *b = BY("abcdef", 6);
    GET(b, SL(I(1), NULL, I(2)), "b'bdf'");
    GET(b, SL(NULL, NULL, I(-2)), "b'fdb'");
    GET(b, SL(I(10), NULL, NULL), "b''");

    PyObject *ba = BA("abcdef", 6);
    GET(ba, SL(I(1), I(3), NULL), "bytearray(b'bc')");
    k = SL(I(1), I(3), NULL);
    PyObject *v = BY("XYZ", 3);
    CHECK(PyObject_SetItem(ba, k, v) == 0);
    CHECK_REPR(ba, "bytearray(b'aXYZdef')");
    Py_DECREF(v);
    Py_DECREF(k);
    k = SL(NULL, NULL, I(2));
    v = BY("123", 3);
    CHECK(PyObject_SetItem(ba, k, v) == -1);
    CHECK_ERRMSG("attempt to assign bytes of size 3 to extended slice of size 4");
    Py_DECREF(v);
    v = BY("1234", 4);
    CHECK(PyObject_SetItem(ba, k, v) == 0);
    CHECK_REPR(ba, "bytearray(b'1X2Z3e4')");
    Py_DECREF(v);
    CHECK(PyObject_DelItem(ba, k) == 0);
    CHECK_REPR(ba, "bytearray(b'XZe')");
    Py_DECREF(k);
    k = SL(I(0), I(1), NULL);
    v = LI(2, I(65), I(66));
    CHECK(PyObject_SetItem(ba, k, v) == 0);
    CHECK_REPR(ba, "bytearray(b'ABZe')");
    Py_DECREF(v);
    CHECK(PyObject_DelItem(ba, k) == 0);
    CHECK_REPR(ba, "bytearray(b'BZe')");
    Py_DECREF(k);
    k = SL(I(1), I(1), NULL);
    v = BA("__", 2);
    CHECK(PyObject_SetItem(ba, k, v) == 0);
    CHECK_REPR(ba, "bytearray(b'B__Ze')");
    Py_DECREF(v);
    Py_DECREF(k);
    k = SL(NULL, NULL, NULL);
    v = SU("no", 2);
    CHECK(PyObject_SetItem(ba, k, v) == -1);
    CHECK_ERRMSG("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    Py_DECREF(v);
    v = BY("", 0);
    CHECK(PyObject_SetItem(ba, k, v) == 0);
    CHECK_REPR(ba, "bytearray(b'')");
    Py_DECREF(v);
    Py_DECREF(k);

    Py_DECREF(ba);
    Py_DECREF(b);
    Py_DECREF(s);
    END_TEST();
}
