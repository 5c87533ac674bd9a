/* The bytes and bytearray C API, bytearray mutation, iteration, hashing and
 * the buffer protocol (exports lock a bytearray's size). Expected values
 * come from CPython 3.11 (python3 and C programs against libpython3.11). */
#include "strhelp.h"

static void test_bytes_api(void) {
    PyObject *b = PyBytes_FromString("hello");
    CHECK(b && PyBytes_Check(b) && PyBytes_CheckExact(b) && PyBytes_Size(b) == 5 && PyBytes_GET_SIZE(b) == 5);
    CHECK(strcmp(PyBytes_AsString(b), "hello") == 0 && PyBytes_AS_STRING(b)[5] == 0);
    CHECK_REPR(b, "b'hello'");
    CHECK_STR(b, "b'hello'");

    PyObject *u = PyBytes_FromStringAndSize(NULL, 3);
    CHECK(u && PyBytes_Size(u) == 3 && PyBytes_AS_STRING(u)[3] == 0);
    memcpy(PyBytes_AS_STRING(u), "xyz", 3);
    CHECK_REPR(u, "b'xyz'");
    CHECK(_PyBytes_Resize(&u, 6) == 0 && PyBytes_Size(u) == 6);
    memcpy(PyBytes_AS_STRING(u) + 3, "uvw", 3);
    CHECK_REPR(u, "b'xyzuvw'");
    CHECK(_PyBytes_Resize(&u, 2) == 0);
    CHECK_REPR(u, "b'xy'");
    Py_INCREF(u);
    PyObject *keep = u;
    CHECK(_PyBytes_Resize(&u, 4) == -1 && u == NULL);
    CHECK_EXC(1, PyExc_SystemError);
    Py_DECREF(keep);

    PyObject *z = PyBytes_FromStringAndSize("a\0b", 3);
    CHECK_REPR(z, "b'a\\x00b'");
    char *p = NULL;
    Py_ssize_t n = -1;
    CHECK(PyBytes_AsStringAndSize(z, &p, &n) == 0 && n == 3 && p[2] == 'b');
    CHECK(PyBytes_AsStringAndSize(z, &p, NULL) == -1);
    CHECK_ERRMSG("embedded null byte");
    CHECK(PyBytes_AsStringAndSize(b, &p, NULL) == 0 && strcmp(p, "hello") == 0);

    PyObject *s = PyUnicode_FromString("str");
    CHECK(PyBytes_AsString(s) == NULL);
    CHECK_ERRMSG("expected bytes, str found");
    CHECK(PyBytes_Size(s) == -1);
    CHECK_ERRMSG("expected bytes, str found");
    CHECK(PyBytes_AsStringAndSize(s, &p, &n) == -1);
    CHECK_ERRMSG("expected bytes, str found");
    EXPECT_ERR(PyBytes_FromStringAndSize("a", -1), PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    CHECK_EXC(PyBytes_FromString(NULL) == NULL, PyExc_SystemError);

    PyObject *same = PyBytes_FromObject(b);
    CHECK(same == b);
    Py_XDECREF(same);
    PyObject *ba = PyByteArray_FromStringAndSize("ab", 2);
    EXPECT(PyBytes_FromObject(ba), "b'ab'");
    PyObject *l = LI(2, I(104), I(105));
    EXPECT(PyBytes_FromObject(l), "b'hi'");
    Py_DECREF(l);
    PyObject *t = TU(1, I(300));
    EXPECT_ERR(PyBytes_FromObject(t), PyExc_ValueError, "bytes must be in range(0, 256)");
    Py_DECREF(t);
    PyObject *i = PyLong_FromLong(3);
    EXPECT_ERR(PyBytes_FromObject(s), PyExc_TypeError, "cannot convert 'str' object to bytes");
    EXPECT_ERR(PyBytes_FromObject(i), PyExc_TypeError, "cannot convert 'int' object to bytes");

    PyObject *c = PyBytes_FromString("x");
    PyBytes_Concat(&c, b);
    CHECK_REPR(c, "b'xhello'");
    PyBytes_Concat(&c, ba);
    CHECK_REPR(c, "b'xhelloab'");
    PyBytes_ConcatAndDel(&c, PyBytes_FromString("!"));
    CHECK_REPR(c, "b'xhelloab!'");
    PyBytes_Concat(&c, s);
    CHECK(c == NULL);
    CHECK_ERRMSG("can't concat str to bytes");

    PyObject *sep = PyBytes_FromString(", ");
    l = LI(3, BY("a", 1), BA("b", 1), BY("", 0));
    EXPECT(_PyBytes_Join(sep, l), "b'a, b, '");
    EXPECT_ERR(_PyBytes_Join(sep, i), PyExc_TypeError, "can only join an iterable");
    Py_DECREF(l);
    Py_DECREF(sep);

    const char *esc = "a\\n\\x41\\101\\\\\\'\\q";
    EXPECT(PyBytes_DecodeEscape(esc, (Py_ssize_t)strlen(esc), NULL, 0, NULL), "b\"a\\nAA\\\\'\\\\q\"");
    EXPECT_ERR(PyBytes_DecodeEscape("\\x4", 4, NULL, 0, NULL), PyExc_ValueError, "invalid \\x escape at position 0");
    EXPECT_ERR(PyBytes_DecodeEscape("ab\\", 3, NULL, 0, NULL), PyExc_ValueError, "Trailing \\ in string");

    /* hash: cached, equal for equal contents, 0 for b'' */
    PyObject *b2 = PyBytes_FromString("hello");
    CHECK(PyObject_Hash(b) == PyObject_Hash(b2) && PyObject_Hash(b) != -1);
    CHECK(((PyBytesObject *)b)->ob_shash == PyObject_Hash(b));
    PyObject *empty = PyBytes_FromString("");
    CHECK(PyObject_Hash(empty) == 0);
    CHECK(PyObject_RichCompareBool(b, b2, Py_EQ) == 1);
    Py_DECREF(empty);
    Py_DECREF(b2);

    /* iteration */
    PyObject *it = PyObject_GetIter(b);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'bytes_iterator'>");
    EXPECT(PyIter_Next(it), "104");
    EXPECT(M(Py_NewRef(it), "__length_hint__", 0), "4");
    Py_DECREF(it);

    Py_DECREF(i);
    Py_DECREF(ba);
    Py_DECREF(s);
    Py_DECREF(z);
    Py_DECREF(b);
}

static void test_bytearray_api(void) {
    PyObject *a = PyByteArray_FromStringAndSize("abc", 3);
    CHECK(a && PyByteArray_Check(a) && PyByteArray_CheckExact(a) && PyByteArray_Size(a) == 3);
    CHECK(strcmp(PyByteArray_AsString(a), "abc") == 0 && PyByteArray_AS_STRING(a)[3] == 0);
    CHECK_REPR(a, "bytearray(b'abc')");
    CHECK(PyByteArray_Resize(a, 5) == 0 && PyByteArray_GET_SIZE(a) == 5);
    memcpy(PyByteArray_AS_STRING(a) + 3, "de", 2);
    CHECK_REPR(a, "bytearray(b'abcde')");
    CHECK(PyByteArray_Resize(a, 1) == 0);
    CHECK_REPR(a, "bytearray(b'a')");
    CHECK(PyByteArray_Resize(a, -1) == -1);
    CHECK_ERRMSG("Can only resize to positive sizes, got -1");

    PyObject *e = PyByteArray_FromStringAndSize(NULL, 0);
    CHECK(e && PyByteArray_Size(e) == 0 && PyByteArray_AS_STRING(e)[0] == 0 && PyByteArray_AsString(e)[0] == 0);
    CHECK_REPR(e, "bytearray(b'')");
    Py_DECREF(e);
    e = PyByteArray_FromStringAndSize(NULL, 4);
    CHECK(e && PyByteArray_Size(e) == 4);
    Py_DECREF(e);
    EXPECT_ERR(PyByteArray_FromStringAndSize("a", -1), PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");

    PyObject *b = PyBytes_FromString("xy"), *s = PyUnicode_FromString("s"), *i = PyLong_FromLong(2);
    EXPECT(PyByteArray_Concat(a, b), "bytearray(b'axy')");
    EXPECT(PyByteArray_Concat(b, a), "bytearray(b'xya')");
    EXPECT_ERR(PyByteArray_Concat(s, b), PyExc_TypeError, "can't concat bytes to str");
    EXPECT(PyByteArray_FromObject(b), "bytearray(b'xy')");
    EXPECT(PyByteArray_FromObject(i), "bytearray(b'\\x00\\x00')");
    EXPECT_ERR(PyByteArray_FromObject(s), PyExc_TypeError, "string argument without an encoding");
    CHECK(PyByteArray_Size(i) == -1);
    CHECK_EXC(1, PyExc_SystemError);
    CHECK(PyByteArray_AsString(i) == NULL);
    CHECK_EXC(1, PyExc_SystemError);

    /* mutation through methods and the mapping protocol */
    EXPECT(M(Py_NewRef(a), "append", 1, I(98)), "None");
    EXPECT(M(Py_NewRef(a), "extend", 1, BY("cd", 2)), "None");
    EXPECT(M(Py_NewRef(a), "extend", 1, LI(2, I(101), I(102))), "None");
    CHECK_REPR(a, "bytearray(b'abcdef')");
    EXPECT_ERR(M(Py_NewRef(a), "append", 1, I(256)), PyExc_ValueError, "byte must be in range(0, 256)");
    EXPECT_ERR(M(Py_NewRef(a), "append", 1, SU("x", 1)), PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    EXPECT_ERR(M(Py_NewRef(a), "extend", 1, SU("x", 1)), PyExc_TypeError, "expected iterable of integers; got: 'str'");
    EXPECT_ERR(M(Py_NewRef(a), "extend", 1, I(5)), PyExc_TypeError, "can't extend bytearray with int");
    EXPECT(M(Py_NewRef(a), "pop", 0), "102");
    EXPECT(M(Py_NewRef(a), "pop", 1, I(0)), "97");
    EXPECT(M(Py_NewRef(a), "pop", 1, I(-2)), "100");
    CHECK_REPR(a, "bytearray(b'bce')");
    EXPECT_ERR(M(Py_NewRef(a), "pop", 1, I(9)), PyExc_IndexError, "pop index out of range");
    EXPECT(M(Py_NewRef(a), "insert", 2, I(0), I(65)), "None");
    EXPECT(M(Py_NewRef(a), "insert", 2, I(-1), I(66)), "None");
    EXPECT(M(Py_NewRef(a), "insert", 2, I(99), I(67)), "None");
    CHECK_REPR(a, "bytearray(b'AbcBeC')");
    EXPECT(M(Py_NewRef(a), "remove", 1, I(66)), "None");
    EXPECT_ERR(M(Py_NewRef(a), "remove", 1, I(66)), PyExc_ValueError, "value not found in bytearray");
    EXPECT(M(Py_NewRef(a), "reverse", 0), "None");
    CHECK_REPR(a, "bytearray(b'CecbA')");
    PyObject *cp = M(Py_NewRef(a), "copy", 0);
    CHECK(cp && cp != a);
    CHECK_REPR(cp, "bytearray(b'CecbA')");
    Py_XDECREF(cp);

    PyObject *k = PyLong_FromLong(1), *v = PyLong_FromLong(120), *big = PyLong_FromLong(300), *neg = PyLong_FromLong(-1), *far = PyLong_FromLong(10);
    CHECK(PyObject_SetItem(a, k, v) == 0);
    CHECK(PyObject_SetItem(a, neg, v) == 0);
    CHECK_REPR(a, "bytearray(b'Cxcbx')");
    CHECK(PyObject_SetItem(a, k, big) == -1);
    CHECK_ERRMSG("byte must be in range(0, 256)");
    CHECK(PyObject_SetItem(a, far, v) == -1);
    CHECK_ERRMSG("bytearray index out of range");
    CHECK(PyObject_SetItem(a, s, v) == -1);
    CHECK_ERRMSG("bytearray indices must be integers or slices, not str");
    CHECK(PyObject_DelItem(a, k) == 0);
    CHECK_REPR(a, "bytearray(b'Ccbx')");
    CHECK(PyObject_DelItem(a, far) == -1);
    CHECK_ERRMSG("bytearray index out of range");
    EXPECT(PyObject_GetItem(a, neg), "120");
    EXPECT_ERR(PyObject_GetItem(a, far), PyExc_IndexError, "bytearray index out of range");
    Py_DECREF(k);
    Py_DECREF(v);
    Py_DECREF(big);
    Py_DECREF(neg);
    Py_DECREF(far);

    /* += and *= work in place */
    PyObject *r = M(Py_NewRef(a), "__iadd__", 1, BY("!!", 2));
    CHECK(r == a);
    Py_XDECREF(r);
    CHECK_REPR(a, "bytearray(b'Ccbx!!')");
    EXPECT_ERR(M(Py_NewRef(a), "__iadd__", 1, SU("x", 1)), PyExc_TypeError, "can't concat str to bytearray");
    r = M(Py_NewRef(a), "__imul__", 1, I(2));
    CHECK(r == a);
    Py_XDECREF(r);
    CHECK(PyByteArray_Size(a) == 12);
    EXPECT(M(Py_NewRef(a), "clear", 0), "None");
    CHECK_REPR(a, "bytearray(b'')");
    EXPECT_ERR(M(Py_NewRef(a), "pop", 0), PyExc_IndexError, "pop from empty bytearray");

    /* unhashable, iteration sees mutation */
    CHECK(PyObject_Hash(a) == -1);
    CHECK_ERRMSG("unhashable type: 'bytearray'");
    EXPECT(M(Py_NewRef(a), "extend", 1, BY("pq", 2)), "None");
    PyObject *it = PyObject_GetIter(a);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'bytearray_iterator'>");
    EXPECT(PyIter_Next(it), "112");
    EXPECT(M(Py_NewRef(a), "append", 1, I(114)), "None");
    EXPECT(PyIter_Next(it), "113");
    EXPECT(PyIter_Next(it), "114");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);

    Py_DECREF(b);
    Py_DECREF(s);
    Py_DECREF(i);
    Py_DECREF(a);
}

static void test_buffers(void) {
    PyObject *b = PyBytes_FromString("data"), *a = PyByteArray_FromStringAndSize("mut", 3), *i = PyLong_FromLong(1);
    CHECK(PyObject_CheckBuffer(b) && PyObject_CheckBuffer(a) && !PyObject_CheckBuffer(i));
    Py_buffer v;
    CHECK(PyObject_GetBuffer(b, &v, PyBUF_SIMPLE) == 0);
    CHECK(v.obj == b && v.len == 4 && v.readonly == 1 && v.itemsize == 1 && v.ndim == 1);
    CHECK(v.buf == PyBytes_AS_STRING(b) && v.format == NULL && v.shape == NULL && v.strides == NULL);
    CHECK(PyBuffer_IsContiguous(&v, 'C') && PyBuffer_IsContiguous(&v, 'F') && PyBuffer_IsContiguous(&v, 'A'));
    PyBuffer_Release(&v);
    CHECK(v.obj == NULL);
    PyBuffer_Release(&v); /* harmless twice */

    CHECK(PyObject_GetBuffer(b, &v, PyBUF_FULL_RO) == 0);
    CHECK(v.format && strcmp(v.format, "B") == 0 && v.shape && v.shape[0] == 4 && v.strides && v.strides[0] == 1);
    Py_ssize_t idx = 2;
    CHECK(*(char *)PyBuffer_GetPointer(&v, &idx) == 't');
    char out[5] = {0};
    CHECK(PyBuffer_ToContiguous(out, &v, 4, 'C') == 0 && memcmp(out, "data", 4) == 0);
    PyBuffer_Release(&v);

    CHECK(PyObject_GetBuffer(b, &v, PyBUF_WRITABLE) == -1);
    CHECK_ERRMSG("Object is not writable.");
    CHECK(PyObject_GetBuffer(i, &v, PyBUF_SIMPLE) == -1);
    CHECK_ERRMSG("a bytes-like object is required, not 'int'");

    /* a bytearray export is writable and pins the size */
    CHECK(PyObject_GetBuffer(a, &v, PyBUF_WRITABLE | PyBUF_ND) == 0);
    CHECK(v.readonly == 0 && v.len == 3 && v.shape && v.shape[0] == 3 && ((PyByteArrayObject *)a)->ob_exports == 1);
    ((char *)v.buf)[0] = 'M';
    CHECK(PyBuffer_FromContiguous(&v, "xy", 2, 'C') == 0);
    CHECK_REPR(a, "bytearray(b'xyt')");
    CHECK(PyByteArray_Resize(a, 10) == -1);
    CHECK_ERRMSG("Existing exports of data: object cannot be re-sized");
    EXPECT_ERR(M(Py_NewRef(a), "append", 1, I(1)), PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    EXPECT_ERR(M(Py_NewRef(a), "clear", 0), PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    PyObject *zero = PyLong_FromLong(0);
    CHECK(PyObject_DelItem(a, zero) == -1);
    CHECK_ERRMSG("Existing exports of data: object cannot be re-sized");
    CHECK(PyObject_SetItem(a, zero, zero) == 0); /* same size: allowed */
    Py_DECREF(zero);
    PyBuffer_Release(&v);
    CHECK(((PyByteArrayObject *)a)->ob_exports == 0);
    CHECK(PyByteArray_Resize(a, 10) == 0);

    /* PyBuffer_FillInfo for an exporter written in C */
    char raw[3] = {'r', 'a', 'w'};
    CHECK(PyBuffer_FillInfo(&v, NULL, raw, 3, 0, PyBUF_CONTIG) == 0);
    CHECK(v.buf == raw && v.len == 3 && v.readonly == 0 && v.obj == NULL && v.shape[0] == 3);
    PyBuffer_Release(&v);
    CHECK(PyBuffer_FillInfo(&v, b, raw, 3, 1, PyBUF_WRITABLE) == -1);
    CHECK_ERRMSG("Object is not writable.");
    CHECK(PyBuffer_FillInfo(&v, b, raw, 3, 1, PyBUF_SIMPLE) == 0 && v.obj == b);
    PyBuffer_Release(&v);
    CHECK(PyBuffer_FillInfo(NULL, b, raw, 3, 1, PyBUF_SIMPLE) == -1);
    CHECK_ERRMSG("PyBuffer_FillInfo: view==NULL argument is obsolete");

    /* buffers feed constructors and methods */
    EXPECT(CALL((PyObject *)&PyBytes_Type, TU(1, Py_NewRef(a)), NULL), "b'\\x00yt\\x00\\x00\\x00\\x00\\x00\\x00\\x00'");
    EXPECT(M(Py_NewRef(b), "startswith", 1, BA("da", 2)), "True");

    Py_DECREF(i);
    Py_DECREF(a);
    Py_DECREF(b);
}

/* class B(bytes) and class BA(bytearray): only the instances are checked for
 * leaks (heap types live in cycles until the collector runs). */
static void test_subclasses(void) {
    Py_ssize_t live0 = Pyrite_LiveObjects();
    PyObject *B = CALL((PyObject *)&PyType_Type, TU(3, SU("B", 1), TU(1, Py_NewRef((PyObject *)&PyBytes_Type)), PyDict_New()), NULL);
    PyObject *BA_ = CALL((PyObject *)&PyType_Type, TU(3, SU("BA", 2), TU(1, Py_NewRef((PyObject *)&PyByteArray_Type)), PyDict_New()), NULL);
    CHECK(B && BA_);
    Py_ssize_t live1 = Pyrite_LiveObjects();
    PyObject *x = CALL(B, TU(1, BY("ab", 2)), NULL);
    CHECK(x && Py_TYPE(x) == (PyTypeObject *)B && PyBytes_Check(x) && !PyBytes_CheckExact(x));
    CHECK_REPR(x, "b'ab'");
    CHECK(PyBytes_Size(x) == 2 && strcmp(PyBytes_AsString(x), "ab") == 0);
    PyObject *plain = PyBytes_FromString("ab");
    CHECK(PyObject_RichCompareBool(x, plain, Py_EQ) == 1 && PyObject_Hash(x) == PyObject_Hash(plain));
    EXPECT(M(Py_NewRef(x), "upper", 0), "b'AB'");
    Py_DECREF(plain);
    Py_XDECREF(x);
    x = CALL(B, TU(1, I(3)), NULL);
    CHECK_REPR(x, "b'\\x00\\x00\\x00'");
    Py_XDECREF(x);
    x = CALL(BA_, TU(1, BY("ab", 2)), NULL);
    CHECK(x && PyByteArray_Check(x) && !PyByteArray_CheckExact(x));
    CHECK_REPR(x, "BA(b'ab')");
    EXPECT(M(Py_NewRef(x), "append", 1, I(99)), "None");
    CHECK_REPR(x, "BA(b'abc')");
    EXPECT(M(Py_NewRef(x), "upper", 0), "bytearray(b'ABC')");
    Py_XDECREF(x);
    CHECK(Pyrite_LiveObjects() == live1);
    Py_XDECREF(B);
    Py_XDECREF(BA_);
    check_live_start += Pyrite_LiveObjects() - live0;
}

int main(void) {
    BEGIN_TEST();
    test_subclasses();
    test_bytes_api();
    test_bytearray_api();
    test_buffers();
    END_TEST();
}
