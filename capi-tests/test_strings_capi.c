/* The str C API (unicodeobject.h): creation, PEP 393 layout and kinds, access,
 * writing fresh strings, searching, codecs, interning, and CPython's errors
 * for bad arguments. Expected values come from CPython 3.11 (python3 and
 * small C programs against libpython3.11). */
#include "strhelp.h"
#include <wchar.h>

static void test_creation(void) {
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo");
    CHECK(s && PyUnicode_GetLength(s) == 5);
    CHECK(PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND && !PyUnicode_IS_ASCII(s));
    CHECK_REPR(s, "'h\xc3\xa9llo'");
    Py_XDECREF(s);

    s = PyUnicode_FromString("plain");
    CHECK(PyUnicode_IS_COMPACT_ASCII(s) && PyUnicode_GET_LENGTH(s) == 5);
    CHECK(PyUnicode_READ_CHAR(s, 1) == 'l');
    CHECK(strcmp((const char *)PyUnicode_DATA(s), "plain") == 0);
    Py_DECREF(s);

    s = PyUnicode_FromStringAndSize("a\xe2\x82\xac\xf0\x9f\x98\x80zz", 8);
    CHECK(PyUnicode_GetLength(s) == 3 && PyUnicode_KIND(s) == PyUnicode_4BYTE_KIND);
    CHECK(PyUnicode_ReadChar(s, 1) == 0x20ac && PyUnicode_ReadChar(s, 2) == 0x1f600);
    Py_DECREF(s);

    s = PyUnicode_FromStringAndSize("a\0b", 3);
    CHECK(PyUnicode_GetLength(s) == 3 && PyUnicode_ReadChar(s, 1) == 0);
    CHECK_REPR(s, "'a\\x00b'");
    Py_DECREF(s);

    CHECK_EXC(PyUnicode_FromStringAndSize("a", -1) == NULL, PyExc_SystemError);
    EXPECT_EXC_ARGS(PyUnicode_FromString("a\xff"), PyExc_UnicodeDecodeError, "('utf-8', b'a\\xff', 1, 2, 'invalid start byte')");
    CHECK_EXC(PyUnicode_FromString(NULL) == NULL, PyExc_SystemError);

    /* PyUnicode_New picks the kind from maxchar */
    PyObject *n = PyUnicode_New(4, 0x7f);
    CHECK(PyUnicode_IS_COMPACT_ASCII(n) && PyUnicode_GET_LENGTH(n) == 4);
    Py_DECREF(n);
    n = PyUnicode_New(2, 0xff);
    CHECK(PyUnicode_KIND(n) == 1 && !PyUnicode_IS_ASCII(n));
    Py_DECREF(n);
    n = PyUnicode_New(2, 0x100);
    CHECK(PyUnicode_KIND(n) == 2);
    Py_DECREF(n);
    n = PyUnicode_New(2, 0x10000);
    CHECK(PyUnicode_KIND(n) == 4);
    Py_DECREF(n);
    EXPECT_ERR(PyUnicode_New(-1, 0), PyExc_SystemError, "Negative size passed to PyUnicode_New");
    EXPECT_ERR(PyUnicode_New(1, 0x110000), PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");

    /* FromKindAndData: the result uses the smallest kind */
    Py_UCS4 wide[] = {'a', 'b', 0xe9};
    s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, wide, 3);
    CHECK(PyUnicode_KIND(s) == 1);
    CHECK_REPR(s, "'ab\xc3\xa9'");
    Py_DECREF(s);
    Py_UCS2 two[] = {'x', 0x3b1};
    s = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, two, 2);
    CHECK(PyUnicode_KIND(s) == 2);
    CHECK_REPR(s, "'x\xce\xb1'");
    Py_DECREF(s);
    Py_UCS4 asc[] = {'o', 'k'};
    s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, asc, 2);
    CHECK(PyUnicode_IS_COMPACT_ASCII(s));
    Py_DECREF(s);
    Py_UCS2 sur[] = {0xd800, 'a'};
    s = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, sur, 2);
    CHECK_REPR(s, "'\\ud800a'");
    Py_DECREF(s);
    EXPECT_ERR(PyUnicode_FromKindAndData(3, "a", 1), PyExc_SystemError, "invalid kind");
    EXPECT_ERR(PyUnicode_FromKindAndData(1, "a", -1), PyExc_ValueError, "size must be positive");

    EXPECT(PyUnicode_FromOrdinal(0x1f600), "'\xf0\x9f\x98\x80'");
    EXPECT(PyUnicode_FromOrdinal(0xdc80), "'\\udc80'");
    EXPECT(PyUnicode_FromOrdinal(10), "'\\n'");
    EXPECT_ERR(PyUnicode_FromOrdinal(0x110000), PyExc_ValueError, "chr() arg not in range(0x110000)");
    EXPECT_ERR(PyUnicode_FromOrdinal(-1), PyExc_ValueError, "chr() arg not in range(0x110000)");

    PyObject *i = PyLong_FromLong(5);
    s = PyUnicode_FromString("same");
    PyObject *o = PyUnicode_FromObject(s);
    CHECK(o == s);
    Py_XDECREF(o);
    EXPECT_ERR(PyUnicode_FromObject(i), PyExc_TypeError, "Can't convert 'int' object to str implicitly");
    EXPECT_ERR(PyUnicode_FromEncodedObject(s, NULL, NULL), PyExc_TypeError, "decoding str is not supported");
    EXPECT_ERR(PyUnicode_FromEncodedObject(i, NULL, NULL), PyExc_TypeError, "decoding to str: need a bytes-like object, int found");
    PyObject *b = PyBytes_FromString("caf\xc3\xa9");
    EXPECT(PyUnicode_FromEncodedObject(b, NULL, NULL), "'caf\xc3\xa9'");
    EXPECT(PyUnicode_FromEncodedObject(b, "latin-1", NULL), "'caf\xc3\x83\xc2\xa9'");
    EXPECT_EXC_ARGS(PyUnicode_FromEncodedObject(b, "ascii", NULL), PyExc_UnicodeDecodeError,
                    "('ascii', b'caf\\xc3\\xa9', 3, 4, 'ordinal not in range(128)')");
    EXPECT(PyUnicode_FromEncodedObject(b, "ascii", "replace"), "'caf\xef\xbf\xbd\xef\xbf\xbd'");
    PyObject *ba = PyByteArray_FromStringAndSize("xy", 2);
    EXPECT(PyUnicode_FromEncodedObject(ba, "utf-8", "strict"), "'xy'");
    Py_DECREF(ba);
    Py_DECREF(b);
    Py_DECREF(s);
    Py_DECREF(i);

    wchar_t w[] = {'w', 0xe9, 0x1f600, 0};
    EXPECT(PyUnicode_FromWideChar(w, -1), "'w\xc3\xa9\xf0\x9f\x98\x80'");
    EXPECT(PyUnicode_FromWideChar(w, 1), "'w'");
    EXPECT(PyUnicode_FromWideChar(NULL, 0), "''");
    CHECK_EXC(PyUnicode_FromWideChar(NULL, 3) == NULL, PyExc_SystemError);
    wchar_t big[] = {0x110000, 0};
    EXPECT_ERR(PyUnicode_FromWideChar(big, 1), PyExc_ValueError, "character U+110000 is not in range [U+0000; U+10ffff]");
}

static void test_access(void) {
    PyObject *s = PyUnicode_FromString("\xce\xb1\xce\xb2\xce\xb3");
    Py_ssize_t n = -1;
    const char *u = PyUnicode_AsUTF8AndSize(s, &n);
    CHECK(u && n == 6 && strcmp(u, "\xce\xb1\xce\xb2\xce\xb3") == 0);
    CHECK(PyUnicode_AsUTF8(s) == u); /* cached */
    CHECK(PyUnicode_GetLength(s) == 3 && PyUnicode_GetSize(s) == 3);
    CHECK(PyUnicode_ReadChar(s, 2) == 0x3b3);
    EXPECT_ERR(PyUnicode_ReadChar(s, 3) == (Py_UCS4)-1 ? NULL : Py_None, PyExc_IndexError, "string index out of range");
    EXPECT_ERR(PyUnicode_ReadChar(s, -1) == (Py_UCS4)-1 ? NULL : Py_None, PyExc_IndexError, "string index out of range");
    Py_UCS4 buf[4];
    CHECK(PyUnicode_AsUCS4(s, buf, 4, 1) == buf && buf[0] == 0x3b1 && buf[3] == 0);
    CHECK(PyUnicode_AsUCS4(s, buf, 3, 0) == buf && buf[2] == 0x3b3);
    CHECK(PyUnicode_AsUCS4(s, buf, 3, 1) == NULL);
    CHECK_ERRMSG("string is longer than the buffer");
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(s);
    CHECK(copy && copy[1] == 0x3b2 && copy[3] == 0);
    PyMem_Free(copy);
    wchar_t wb[8];
    CHECK(PyUnicode_AsWideChar(s, wb, 8) == 3 && wb[0] == 0x3b1 && wb[3] == 0);
    CHECK(PyUnicode_AsWideChar(s, wb, 2) == 2);
    CHECK(PyUnicode_AsWideChar(s, NULL, 0) == 4);
    Py_ssize_t wn = 0;
    wchar_t *ws = PyUnicode_AsWideCharString(s, &wn);
    CHECK(ws && wn == 3 && ws[2] == 0x3b3 && ws[3] == 0);
    PyMem_Free(ws);
    Py_DECREF(s);

    /* lone surrogates: no UTF-8, but everything else works */
    s = PyUnicode_DecodeUTF8("a\xed\xa0\x80", 4, "surrogatepass");
    CHECK(s && PyUnicode_GetLength(s) == 2 && PyUnicode_ReadChar(s, 1) == 0xd800);
    CHECK(PyUnicode_AsUTF8(s) == NULL);
    check_exc_args(PyExc_UnicodeEncodeError, "('utf-8', 'a\\ud800', 1, 2, 'surrogates not allowed')", __FILE__, __LINE__);
    EXPECT(PyUnicode_AsEncodedString(s, "utf-8", "surrogatepass"), "b'a\\xed\\xa0\\x80'");
    Py_DECREF(s);

    PyObject *z = PyUnicode_FromStringAndSize("a\0b", 3);
    CHECK(PyUnicode_AsWideCharString(z, NULL) == NULL);
    CHECK_ERRMSG("embedded null character");
    Py_DECREF(z);

    PyObject *i = PyLong_FromLong(1);
    CHECK(PyUnicode_GetLength(i) == -1);
    CHECK_ERRMSG("bad argument type for built-in operation");
    CHECK(PyUnicode_ReadChar(i, 0) == (Py_UCS4)-1);
    CHECK_ERRMSG("bad argument type for built-in operation");
    CHECK(PyUnicode_AsUTF8AndSize(i, NULL) == NULL);
    CHECK_ERRMSG("bad argument type for built-in operation");
    CHECK(PyUnicode_AsUCS4Copy(i) == NULL);
    CHECK_EXC(1, PyExc_TypeError);
    Py_DECREF(i);
    CHECK(_PyUnicode_Ready(NULL) == 0);
}

static void test_writing(void) {
    PyObject *n = PyUnicode_New(3, 0xff);
    CHECK(PyUnicode_WriteChar(n, 0, 'a') == 0);
    CHECK(PyUnicode_WriteChar(n, 1, 0xe9) == 0);
    CHECK(PyUnicode_Fill(n, 2, 5, 'z') == 1);
    CHECK_REPR(n, "'a\xc3\xa9z'");
    /* repr hashed nothing; hashing marks the string as used */
    PyObject_Hash(n);
    CHECK(PyUnicode_WriteChar(n, 0, 'b') == -1);
    CHECK_ERRMSG("Cannot modify a string currently used");
    Py_DECREF(n);

    n = PyUnicode_New(3, 127);
    CHECK(PyUnicode_WriteChar(n, 0, 300) == -1);
    CHECK_ERRMSG("character out of range");
    CHECK(PyUnicode_WriteChar(n, 3, 'a') == -1);
    CHECK_ERRMSG("string index out of range");
    Py_INCREF(n);
    CHECK(PyUnicode_WriteChar(n, 0, 'a') == -1);
    CHECK_ERRMSG("Cannot modify a string currently used");
    Py_DECREF(n);

    PyObject *s = PyUnicode_FromString("abc"), *e = PyUnicode_FromString("\xc3\xa9");
    CHECK(PyUnicode_CopyCharacters(n, 0, s, 0, 3) == 3);
    CHECK_REPR(n, "'abc'");
    CHECK(PyUnicode_CopyCharacters(n, 1, s, 2, 5) == 1);
    CHECK_REPR(n, "'acc'");
    CHECK(PyUnicode_CopyCharacters(n, 0, e, 0, 1) == -1);
    CHECK_ERRMSG("Cannot copy latin1 characters into a string of ascii characters");
    CHECK(PyUnicode_CopyCharacters(n, 2, s, 0, 3) == -1);
    CHECK_ERRMSG("Cannot write 3 characters at 2 in a string of 3 characters");
    CHECK(PyUnicode_CopyCharacters(n, 4, s, 0, 3) == -1);
    CHECK_ERRMSG("string index out of range");
    CHECK(PyUnicode_CopyCharacters(n, 0, s, 4, 3) == -1);
    CHECK_ERRMSG("string index out of range");
    CHECK(PyUnicode_Fill(n, 0, 3, 300) == -1);
    CHECK_ERRMSG("fill character is bigger than the string maximum character");
    CHECK(PyUnicode_Fill(n, -1, 3, 'a') == -1);
    CHECK_ERRMSG("string index out of range");
    CHECK(PyUnicode_Fill(n, 5, 3, 'a') == 0);
    Py_DECREF(n);
    Py_DECREF(s);
    Py_DECREF(e);
}

static void test_operations(void) {
    PyObject *a = PyUnicode_FromString("ab"), *e = PyUnicode_FromString("\xf0\x9f\x98\x80"), *i = PyLong_FromLong(1);
    EXPECT(PyUnicode_Concat(a, e), "'ab\xf0\x9f\x98\x80'");
    EXPECT_ERR(PyUnicode_Concat(i, a), PyExc_TypeError, "must be str, not int");
    EXPECT_ERR(PyUnicode_Concat(a, i), PyExc_TypeError, "can only concatenate str (not \"int\") to str");

    PyObject *p = a;
    Py_INCREF(p);
    PyUnicode_Append(&p, e);
    CHECK_REPR(p, "'ab\xf0\x9f\x98\x80'");
    PyUnicode_AppendAndDel(&p, PyUnicode_FromString("!"));
    CHECK_REPR(p, "'ab\xf0\x9f\x98\x80!'");
    PyUnicode_Append(&p, i);
    CHECK(p == NULL);
    CHECK_EXC(1, PyExc_SystemError);
    PyUnicode_Append(&p, a);
    CHECK(p == NULL);
    CHECK_EXC(1, PyExc_SystemError);

    PyObject *l = LI(3, SU("x", 1), SU("y", 1), SU("\xc3\xa9", 2));
    EXPECT(PyUnicode_Join(a, l), "'xabyab\xc3\xa9'");
    EXPECT(PyUnicode_Join(NULL, l), "'x y \xc3\xa9'");
    EXPECT_ERR(PyUnicode_Join(i, l), PyExc_TypeError, "separator: expected str instance, int found");
    EXPECT_ERR(PyUnicode_Join(a, i), PyExc_TypeError, "can only join an iterable");
    Py_DECREF(l);

    PyObject *t = PyUnicode_FromString(" a b\tc ");
    EXPECT(PyUnicode_Split(t, NULL, -1), "['a', 'b', 'c']");
    EXPECT(PyUnicode_Split(t, NULL, 1), "['a', 'b\\tc ']");
    EXPECT(PyUnicode_RSplit(t, NULL, 1), "[' a b', 'c']");
    PyObject *sp = PyUnicode_FromString(" ");
    EXPECT(PyUnicode_Split(t, sp, -1), "['', 'a', 'b\\tc', '']");
    EXPECT_ERR(PyUnicode_Split(i, NULL, -1), PyExc_TypeError, "must be str, not int");
    PyObject *lines = PyUnicode_FromString("a\nb\r\nc");
    EXPECT(PyUnicode_Splitlines(lines, 0), "['a', 'b', 'c']");
    EXPECT(PyUnicode_Splitlines(lines, 1), "['a\\n', 'b\\r\\n', 'c']");
    EXPECT_ERR(PyUnicode_Splitlines(i, 0), PyExc_TypeError, "must be str, not int");

    PyObject *h = PyUnicode_FromString("hello hello"), *ll = PyUnicode_FromString("ll"), *xx = PyUnicode_FromString("LL");
    CHECK(PyUnicode_Find(h, ll, 0, 11, 1) == 2);
    CHECK(PyUnicode_Find(h, ll, 0, 11, -1) == 8);
    CHECK(PyUnicode_Find(h, ll, 3, 9, 1) == -1);
    CHECK(PyUnicode_Find(h, i, 0, 3, 1) == -2);
    CHECK_ERRMSG("must be str, not int");
    CHECK(PyUnicode_FindChar(h, 'o', 0, 11, 1) == 4);
    CHECK(PyUnicode_FindChar(h, 'o', 0, 11, -1) == 10);
    CHECK(PyUnicode_FindChar(h, 'o', 0, 4, 1) == -1);
    CHECK(PyUnicode_Count(h, ll, 0, PY_SSIZE_T_MAX) == 2);
    CHECK(PyUnicode_Count(h, ll, 0, 5) == 1);
    CHECK(PyUnicode_Count(h, i, 0, 5) == -1);
    CHECK_ERRMSG("must be str, not int");
    EXPECT(PyUnicode_Replace(h, ll, xx, -1), "'heLLo heLLo'");
    EXPECT(PyUnicode_Replace(h, ll, xx, 1), "'heLLo hello'");
    EXPECT_ERR(PyUnicode_Replace(h, i, xx, 1), PyExc_TypeError, "must be str, not int");
    PyObject *he = PyUnicode_FromString("he"), *lo = PyUnicode_FromString("lo");
    CHECK(PyUnicode_Tailmatch(h, he, 0, 11, -1) == 1);
    CHECK(PyUnicode_Tailmatch(h, lo, 0, 11, 1) == 1);
    CHECK(PyUnicode_Tailmatch(h, lo, 0, 11, -1) == 0);
    CHECK(PyUnicode_Tailmatch(h, he, 6, 11, -1) == 1);
    CHECK(PyUnicode_Tailmatch(h, i, 0, 11, 1) == -1);
    CHECK_ERRMSG("must be str, not int");
    CHECK(PyUnicode_Contains(h, ll) == 1);
    CHECK(PyUnicode_Contains(h, xx) == 0);
    CHECK(PyUnicode_Contains(h, i) == -1);
    CHECK_ERRMSG("'in <string>' requires string as left operand, not int");
    CHECK(PyUnicode_Contains(i, h) == -1);
    CHECK_ERRMSG("must be str, not int");
    EXPECT(PyUnicode_Substring(h, 1, 4), "'ell'");
    EXPECT(PyUnicode_Substring(h, 6, 100), "'hello'");
    EXPECT(PyUnicode_Substring(h, 4, 2), "''");
    EXPECT(PyUnicode_Substring(h, 20, 30), "''");
    EXPECT_ERR(PyUnicode_Substring(h, -1, 2), PyExc_IndexError, "string index out of range");
    PyObject *same = PyUnicode_Substring(h, 0, 11);
    CHECK(same == h);
    Py_XDECREF(same);

    CHECK(PyUnicode_Compare(he, lo) < 0 && PyUnicode_Compare(lo, he) > 0 && PyUnicode_Compare(he, he) == 0);
    CHECK(PyUnicode_Compare(i, he) == -1);
    CHECK_ERRMSG("Can't compare int and str");
    CHECK(PyUnicode_CompareWithASCIIString(he, "he") == 0);
    CHECK(PyUnicode_CompareWithASCIIString(he, "hf") == -1);
    CHECK(PyUnicode_CompareWithASCIIString(he, "h") == 1);
    CHECK(PyUnicode_CompareWithASCIIString(e, "z") == 1);
    CHECK(_PyUnicode_EqualToASCIIString(he, "he") == 1);
    CHECK(_PyUnicode_EqualToASCIIString(he, "hex") == 0);
    EXPECT(PyUnicode_RichCompare(he, lo, Py_LT), "True");
    EXPECT(PyUnicode_RichCompare(he, lo, Py_EQ), "False");
    EXPECT(PyUnicode_RichCompare(e, he, Py_GE), "True");
    PyObject *ni = PyUnicode_RichCompare(he, i, Py_EQ);
    CHECK(ni == Py_NotImplemented);
    Py_XDECREF(ni);

    PyObject *id = PyUnicode_FromString("_ok1"), *nid = PyUnicode_FromString("1no"), *uid = PyUnicode_FromString("\xc3\xa9t\xc3\xa9");
    CHECK(PyUnicode_IsIdentifier(id) == 1 && PyUnicode_IsIdentifier(nid) == 0 && PyUnicode_IsIdentifier(uid) == 1);

    Py_DECREF(id);
    Py_DECREF(nid);
    Py_DECREF(uid);
    Py_DECREF(he);
    Py_DECREF(lo);
    Py_DECREF(h);
    Py_DECREF(ll);
    Py_DECREF(xx);
    Py_DECREF(lines);
    Py_DECREF(sp);
    Py_DECREF(t);
    Py_DECREF(a);
    Py_DECREF(e);
    Py_DECREF(i);
}

static void test_codecs(void) {
    EXPECT(PyUnicode_Decode("caf\xc3\xa9", 5, NULL, NULL), "'caf\xc3\xa9'");
    EXPECT(PyUnicode_Decode("caf\xc3\xa9", 5, "latin-1", NULL), "'caf\xc3\x83\xc2\xa9'");
    EXPECT(PyUnicode_Decode("caf\xc3\xa9", 5, "ASCII", "ignore"), "'caf'");
    EXPECT_ERR(PyUnicode_Decode("a", 1, "foo", NULL), PyExc_LookupError, "unknown encoding: foo");
    EXPECT_EXC_ARGS(PyUnicode_DecodeUTF8("\xff", 1, NULL), PyExc_UnicodeDecodeError, "('utf-8', b'\\xff', 0, 1, 'invalid start byte')");
    EXPECT_ERR(PyUnicode_DecodeUTF8("\xff", 1, "bogus"), PyExc_LookupError, "unknown error handler name 'bogus'");
    EXPECT(PyUnicode_DecodeUTF8("ok", 2, "bogus"), "'ok'");
    EXPECT_EXC_ARGS(PyUnicode_DecodeUTF8("\xe2\x82(", 3, "strict"), PyExc_UnicodeDecodeError,
                    "('utf-8', b'\\xe2\\x82(', 0, 2, 'invalid continuation byte')");
    EXPECT_EXC_ARGS(PyUnicode_DecodeUTF8("\xf0\x9f\x98", 3, "strict"), PyExc_UnicodeDecodeError,
                    "('utf-8', b'\\xf0\\x9f\\x98', 0, 3, 'unexpected end of data')");
    EXPECT(PyUnicode_DecodeUTF8("a\xff\xe2\x82z", 5, "surrogateescape"), "'a\\udcff\\udce2\\udc82z'");
    EXPECT_EXC_ARGS(PyUnicode_DecodeASCII("a\xff", 2, NULL), PyExc_UnicodeDecodeError,
                    "('ascii', b'a\\xff', 1, 2, 'ordinal not in range(128)')");
    EXPECT(PyUnicode_DecodeASCII("a\xff", 2, "replace"), "'a\xef\xbf\xbd'");
    EXPECT(PyUnicode_DecodeLatin1("\xe9\xff", 2, NULL), "'\xc3\xa9\xc3\xbf'");

    /* str() of the errors is CPython's message */
    CHECK(PyUnicode_DecodeUTF8("a\xff", 2, NULL) == NULL);
    CHECK_ERRMSG("'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
    CHECK(PyUnicode_DecodeUTF8("\xf0\x9f\x98", 3, NULL) == NULL);
    CHECK_ERRMSG("'utf-8' codec can't decode bytes in position 0-2: unexpected end of data");
    PyObject *enc = PyUnicode_FromString("x\xe2\x82\xac\xf0\x9f\x98\x80");
    CHECK(PyUnicode_AsLatin1String(enc) == NULL);
    CHECK_ERRMSG("'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)");
    CHECK(PyUnicode_AsEncodedString(enc, "ascii", "surrogateescape") == NULL);
    CHECK_ERRMSG("'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
    Py_DECREF(enc);
    enc = PyUnicode_DecodeUTF8("a\xed\xb2\x80", 4, "surrogatepass");
    CHECK(PyUnicode_AsUTF8String(enc) == NULL);
    CHECK_ERRMSG("'utf-8' codec can't encode character '\\udc80' in position 1: surrogates not allowed");
    Py_DECREF(enc);

    Py_ssize_t consumed = -5;
    PyObject *r = PyUnicode_DecodeUTF8Stateful("a\xe2\x82", 3, NULL, &consumed);
    CHECK(r && consumed == 1 && PyUnicode_GetLength(r) == 1);
    Py_XDECREF(r);
    r = PyUnicode_DecodeUTF8Stateful("a\xe2\x82\xac", 4, NULL, &consumed);
    CHECK(r && consumed == 4 && PyUnicode_GetLength(r) == 2);
    Py_XDECREF(r);
    CHECK(PyUnicode_DecodeUTF8Stateful("a\xff\xe2", 3, NULL, &consumed) == NULL);
    CHECK_EXC(1, PyExc_UnicodeDecodeError);

    PyObject *s = PyUnicode_FromString("a\xc3\xa9\xe2\x82\xac");
    EXPECT(PyUnicode_AsUTF8String(s), "b'a\\xc3\\xa9\\xe2\\x82\\xac'");
    EXPECT_EXC_ARGS(PyUnicode_AsASCIIString(s), PyExc_UnicodeEncodeError, "('ascii', 'a\xc3\xa9\xe2\x82\xac', 1, 3, 'ordinal not in range(128)')");
    EXPECT_EXC_ARGS(PyUnicode_AsLatin1String(s), PyExc_UnicodeEncodeError, "('latin-1', 'a\xc3\xa9\xe2\x82\xac', 2, 3, 'ordinal not in range(256)')");
    EXPECT(PyUnicode_AsEncodedString(s, "latin-1", "replace"), "b'a\\xe9?'");
    EXPECT(PyUnicode_AsEncodedString(s, "ascii", "xmlcharrefreplace"), "b'a&#233;&#8364;'");
    EXPECT(PyUnicode_AsEncodedString(s, NULL, NULL), "b'a\\xc3\\xa9\\xe2\\x82\\xac'");
    EXPECT_ERR(PyUnicode_AsEncodedString(s, "foo", NULL), PyExc_LookupError, "unknown encoding: foo");
    PyObject *i = PyLong_FromLong(3);
    EXPECT_ERR(PyUnicode_AsUTF8String(i), PyExc_TypeError, "bad argument type for built-in operation");
    Py_DECREF(i);
    Py_DECREF(s);
    CHECK(strcmp(PyUnicode_GetDefaultEncoding(), "utf-8") == 0);
}

static void test_interning(void) {
    PyObject *a = PyUnicode_InternFromString("pyrite_interned_name");
    PyObject *b = PyUnicode_FromString("pyrite_interned_name");
    CHECK(a != b);
    CHECK(PyUnicode_CHECK_INTERNED(a));
    PyUnicode_InternInPlace(&b);
    CHECK(a == b);
    PyObject *c = PyUnicode_FromString("pyrite_interned_name");
    PyUnicode_InternImmortal(&c);
    CHECK(c == a);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    /* interned strings die normally, and the table forgets them */
    PyObject *d = PyUnicode_InternFromString("pyrite_interned_name");
    CHECK(d && PyUnicode_CHECK_INTERNED(d));
    Py_XDECREF(d);
}

static void test_iteration_and_subclass(void) {
    PyObject *s = PyUnicode_FromString("a\xc3\xa9\xf0\x9f\x98\x80");
    PyObject *it = PyObject_GetIter(s);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'str_iterator'>");
    EXPECT(PyIter_Next(it), "'a'");
    EXPECT(PyIter_Next(it), "'\xc3\xa9'");
    EXPECT(M(Py_NewRef(it), "__length_hint__", 0), "1");
    EXPECT(PyIter_Next(it), "'\xf0\x9f\x98\x80'");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    PyObject *asc = PyUnicode_FromString("ab");
    PyObject *ait = PyObject_GetIter(asc);
    CHECK_REPR((PyObject *)Py_TYPE(ait), "<class 'str_ascii_iterator'>");
    EXPECT(PyIter_Next(ait), "'a'");
    Py_DECREF(ait);
    Py_DECREF(asc);
    PyObject *one = I(1);
    EXPECT(PyObject_GetItem(s, one), "'\xc3\xa9'");
    Py_DECREF(one);
    Py_DECREF(s);

    /* class S(str): pass -- a heap type lives in a reference cycle until the
     * cycle collector runs, so only the instances are checked for leaks. */
    Py_ssize_t live0 = Pyrite_LiveObjects();
    PyObject *bases = TU(1, Py_NewRef((PyObject *)&PyUnicode_Type));
    PyObject *S = CALL((PyObject *)&PyType_Type, TU(3, SU("S", 1), bases, PyDict_New()), NULL);
    CHECK(S != NULL);
    Py_ssize_t live1 = Pyrite_LiveObjects();
    PyObject *x = CALL(S, TU(1, SU("h\xc3\xa9llo", 6)), NULL);
    CHECK(x && Py_TYPE(x) == (PyTypeObject *)S && PyUnicode_Check(x) && !PyUnicode_CheckExact(x));
    CHECK_REPR(x, "'h\xc3\xa9llo'");
    CHECK(PyUnicode_GetLength(x) == 5 && PyUnicode_READ_CHAR(x, 1) == 0xe9);
    EXPECT(M(Py_NewRef(x), "upper", 0), "'H\xc3\x89LLO'");
    PyObject *u = M(Py_NewRef(x), "upper", 0);
    CHECK(u && PyUnicode_CheckExact(u));
    Py_XDECREF(u);
    PyObject *plain = PyUnicode_FromString("h\xc3\xa9llo");
    CHECK(PyObject_RichCompareBool(x, plain, Py_EQ) == 1);
    CHECK(PyObject_Hash(x) == PyObject_Hash(plain));
    CHECK(strcmp(PyUnicode_AsUTF8(x), "h\xc3\xa9llo") == 0);
    PyObject *str_of = PyObject_Str(x);
    CHECK(str_of && PyUnicode_CheckExact(str_of));
    Py_XDECREF(str_of);
    Py_DECREF(plain);
    Py_XDECREF(x);
    x = CALL(S, TU(0), NULL);
    CHECK_REPR(x, "''");
    Py_XDECREF(x);
    CHECK(Pyrite_LiveObjects() == live1);
    Py_XDECREF(S);
    check_live_start += Pyrite_LiveObjects() - live0;
}

static void test_char_classes_and_fs(void) {
    CHECK(Py_UNICODE_ISSPACE(' ') && Py_UNICODE_ISSPACE(0x3000) && Py_UNICODE_ISSPACE(0x1c) && !Py_UNICODE_ISSPACE('a'));
    CHECK(Py_UNICODE_ISLOWER('a') && !Py_UNICODE_ISLOWER('A') && Py_UNICODE_ISUPPER(0x394) && Py_UNICODE_ISTITLE(0x1c5));
    CHECK(Py_UNICODE_ISLINEBREAK('\n') && Py_UNICODE_ISLINEBREAK(0x2028) && !Py_UNICODE_ISLINEBREAK(' '));
    CHECK(Py_UNICODE_TOLOWER('A') == 'a' && Py_UNICODE_TOUPPER(0x3b1) == 0x391 && Py_UNICODE_TOUPPER(0xdf) == 0xdf);
    CHECK(Py_UNICODE_TOTITLE(0x1c6) == 0x1c5 && Py_UNICODE_TOTITLE('q') == 'Q');
    CHECK(Py_UNICODE_ISDECIMAL('7') && Py_UNICODE_ISDECIMAL(0x661) && !Py_UNICODE_ISDECIMAL(0xb2));
    CHECK(Py_UNICODE_ISDIGIT(0xb2) && !Py_UNICODE_ISDIGIT(0xbd) && Py_UNICODE_ISNUMERIC(0xbd));
    CHECK(Py_UNICODE_TODECIMAL('7') == 7 && Py_UNICODE_TODECIMAL(0x661) == 1 && Py_UNICODE_TODECIMAL('x') == -1);
    CHECK(Py_UNICODE_TODIGIT(0xb2) == 2 && Py_UNICODE_TODIGIT(0x2462) == 3 && Py_UNICODE_TODIGIT('x') == -1);
    CHECK(Py_UNICODE_TONUMERIC(0xbd) == 0.5 && Py_UNICODE_TONUMERIC('4') == 4.0 && Py_UNICODE_TONUMERIC('x') == -1.0);
    CHECK(Py_UNICODE_ISALPHA(0xe9) && !Py_UNICODE_ISALPHA('1') && Py_UNICODE_ISALNUM('1') && !Py_UNICODE_ISALNUM('-'));
    CHECK(!Py_UNICODE_ISPRINTABLE('\n') && Py_UNICODE_ISPRINTABLE('a') && !Py_UNICODE_ISPRINTABLE(0xd800));
    CHECK(Py_UNICODE_IS_SURROGATE(0xdc80) && Py_UNICODE_IS_HIGH_SURROGATE(0xd83d) && Py_UNICODE_IS_LOW_SURROGATE(0xde00));
    CHECK(Py_UNICODE_JOIN_SURROGATES(0xd83d, 0xde00) == 0x1f600);
    CHECK(Py_UNICODE_HIGH_SURROGATE(0x1f600) == 0xd83d && Py_UNICODE_LOW_SURROGATE(0x1f600) == 0xde00);

    /* the file system encoding: UTF-8 with surrogateescape */
    EXPECT(PyUnicode_DecodeFSDefault("/tmp/caf\xc3\xa9\xff"), "'/tmp/caf\xc3\xa9\\udcff'");
    EXPECT(PyUnicode_DecodeFSDefaultAndSize("ab\xfe", 3), "'ab\\udcfe'");
    PyObject *p = PyUnicode_DecodeFSDefault("x\xff");
    EXPECT(PyUnicode_EncodeFSDefault(p), "b'x\\xff'");
    EXPECT(PyUnicode_DecodeLocale("h\xc3\xa9", NULL), "'h\xc3\xa9'");
    EXPECT(PyUnicode_DecodeLocaleAndSize("h\xff", 2, "surrogateescape"), "'h\\udcff'");
    EXPECT_ERR(PyUnicode_DecodeLocale("h", "bogus"), PyExc_ValueError, "unsupported error handler: bogus");
    EXPECT(PyUnicode_EncodeLocale(p, "surrogateescape"), "b'x\\xff'");
    PyObject *out = NULL;
    CHECK(PyUnicode_FSConverter(p, &out) == Py_CLEANUP_SUPPORTED);
    CHECK_REPR(out, "b'x\\xff'");
    CHECK(PyUnicode_FSConverter(NULL, &out) == 1 && out == NULL);
    PyObject *b = PyBytes_FromString("raw");
    CHECK(PyUnicode_FSDecoder(b, &out) == Py_CLEANUP_SUPPORTED);
    CHECK_REPR(out, "'raw'");
    Py_CLEAR(out);
    PyObject *nul = PyUnicode_FromStringAndSize("a\0b", 3);
    CHECK(PyUnicode_FSConverter(nul, &out) == 0 && out == NULL);
    CHECK_ERRMSG("embedded null byte");
    PyObject *i = PyLong_FromLong(1);
    CHECK(PyUnicode_FSConverter(i, &out) == 0);
    CHECK_ERRMSG("expected str, bytes or os.PathLike object, not int");
    Py_DECREF(i);
    Py_DECREF(nul);
    Py_DECREF(b);
    Py_DECREF(p);
}

int main(void) {
    BEGIN_TEST();
    test_char_classes_and_fs();
    test_creation();
    test_access();
    test_writing();
    test_operations();
    test_codecs();
    test_interning();
    test_iteration_and_subclass();
    END_TEST();
}
