/* PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_Parse,
 * PyArg_UnpackTuple and the keyword helpers: every format unit, its
 * successes and its errors, compared with CPython 3.11's output.
 * Compiled with PY_SSIZE_T_CLEAN, so '#' lengths are Py_ssize_t. */
#define PY_SSIZE_T_CLEAN
#include "shims_show.h"

static PyObject *T(PyObject *o) { return o; } /* a tuple built by Py_BuildValue("(...)") */

#define P(label, args, fmt, ...) show_ok(label, PyArg_ParseTuple(args, fmt, __VA_ARGS__))

static int cleanups = 0;
static int conv_ok(PyObject *o, void *p) {
    *(long *)p = PyLong_AsLong(o) * 10;
    return !PyErr_Occurred();
}
static int conv_fail_set(PyObject *o, void *p) {
    PyErr_SetString(PyExc_ValueError, "converter says no");
    return 0;
}
static int conv_fail_quiet(PyObject *o, void *p) { return 0; }
static int conv_cleanup(PyObject *o, void *p) {
    if (o == NULL) {
        cleanups++;
        return 0;
    }
    *(PyObject **)p = o;
    return Py_CLEANUP_SUPPORTED;
}

static void integers(void) {
    unsigned char b = 0;
    short h = 0;
    unsigned short H = 0;
    int i = 0;
    unsigned int I = 0;
    long l = 0;
    unsigned long k = 0;
    long long L = 0;
    unsigned long long K = 0;
    Py_ssize_t n = 0;
    PyObject *a;

    a = T(Py_BuildValue("(i)", 255));
    if (P("b 255", a, "b:f", &b)) printf("  b=%d\n", b);
    Py_DECREF(a);
    a = T(Py_BuildValue("(i)", -1));
    P("b -1", a, "b:f", &b);
    if (P("B -1", a, "B:f", &b)) printf("  B=%d\n", b);
    if (P("H -1", a, "H:f", &H)) printf("  H=%u\n", H);
    if (P("I -1", a, "I:f", &I)) printf("  I=%u\n", I);
    if (P("k -1", a, "k:f", &k)) printf("  k=%lu\n", k);
    if (P("K -1", a, "K:f", &K)) printf("  K=%llu\n", K);
    Py_DECREF(a);
    a = T(Py_BuildValue("(i)", 256));
    P("b 256", a, "b:f", &b);
    if (P("B 256", a, "B:f", &b)) printf("  B=%d\n", b);
    Py_DECREF(a);
    a = T(Py_BuildValue("(ii)", 32767, -32768));
    if (P("hh", a, "hh:f", &h, &H)) printf("  h=%d\n", h);
    Py_DECREF(a);
    a = T(Py_BuildValue("(i)", 32768));
    P("h 32768", a, "h:f", &h);
    Py_DECREF(a);
    a = T(Py_BuildValue("(i)", -32769));
    P("h -32769", a, "h:f", &h);
    Py_DECREF(a);
    a = T(Py_BuildValue("(i)", 65537));
    if (P("H 65537", a, "H:f", &H)) printf("  H=%u\n", H);
    Py_DECREF(a);
    a = T(Py_BuildValue("(ii)", INT_MAX, INT_MIN));
    if (P("ii", a, "ii:f", &i, &I)) printf("  i=%d I=%u\n", i, I);
    Py_DECREF(a);
    a = T(Py_BuildValue("(L)", (long long)INT_MAX + 1));
    P("i INT_MAX+1", a, "i:f", &i);
    if (P("I INT_MAX+1", a, "I:f", &I)) printf("  I=%u\n", I);
    Py_DECREF(a);
    a = T(Py_BuildValue("(L)", (long long)INT_MIN - 1));
    P("i INT_MIN-1", a, "i:f", &i);
    Py_DECREF(a);
    a = T(Py_BuildValue("(K)", (unsigned long long)LONG_MAX + 1));
    P("i LONG_MAX+1", a, "i:f", &i);
    P("l LONG_MAX+1", a, "l:f", &l);
    P("L LONG_MAX+1", a, "L:f", &L);
    P("n LONG_MAX+1", a, "n:f", &n);
    if (P("k LONG_MAX+1", a, "k:f", &k)) printf("  k=%lu\n", k);
    if (P("K LONG_MAX+1", a, "K:f", &K)) printf("  K=%llu\n", K);
    Py_DECREF(a);
    a = T(Py_BuildValue("(lLn)", LONG_MIN, LLONG_MIN, PY_SSIZE_T_MAX));
    if (P("lLn", a, "lLn:f", &l, &L, &n)) printf("  l=%ld L=%lld n=%zd\n", l, L, n);
    Py_DECREF(a);
    a = T(Py_BuildValue("(s)", "x"));
    P("b str", a, "b:f", &b);
    P("B str", a, "B:f", &b);
    P("h str", a, "h:f", &h);
    P("H str", a, "H:f", &H);
    P("i str", a, "i:f", &i);
    P("I str", a, "I:f", &I);
    P("l str", a, "l:f", &l);
    P("k str", a, "k:f", &k);
    P("L str", a, "L:f", &L);
    P("K str", a, "K:f", &K);
    P("n str", a, "n:f", &n);
    Py_DECREF(a);
    a = T(Py_BuildValue("(d)", 3.5));
    P("i float", a, "i:f", &i);
    P("k float", a, "k:f", &k);
    P("n float", a, "n:f", &n);
    Py_DECREF(a);
    a = T(Py_BuildValue("(O)", Py_True));
    if (P("i True", a, "i:f", &i)) printf("  i=%d\n", i);
    Py_DECREF(a);
}

static void floats_and_chars(void) {
    float f = 0;
    double d = 0;
    Py_complex c = {0, 0};
    char ch = 0;
    int C = 0, p = -1;
    PyObject *a;

    a = T(Py_BuildValue("(di)", 1.5, 3));
    if (P("f d", a, "fd:f", &f, &d)) printf("  f=%g d=%g\n", f, d);
    Py_DECREF(a);
    a = T(Py_BuildValue("(s)", "x"));
    P("f str", a, "f:f", &f);
    P("d str", a, "d:f", &d);
    P("D str", a, "D:f", &c);
    Py_DECREF(a);
    a = T(Py_BuildValue("(O)", Py_None));
    P("d None", a, "d:f", &d);
    Py_DECREF(a);
    PyObject *cx = PyComplex_FromDoubles(1.0, -2.5);
    a = PyTuple_Pack(1, cx);
    if (P("D complex", a, "D:f", &c)) printf("  D=%g%+gj\n", c.real, c.imag);
    Py_DECREF(a);
    Py_DECREF(cx);
    a = T(Py_BuildValue("(d)", 0.25));
    if (P("D float", a, "D:f", &c)) printf("  D=%g%+gj\n", c.real, c.imag);
    Py_DECREF(a);

    PyObject *ba = PyByteArray_FromStringAndSize("z", 1);
    a = Py_BuildValue("(y)", "a");
    if (P("c bytes", a, "c:f", &ch)) printf("  c=%c\n", ch);
    Py_DECREF(a);
    a = PyTuple_Pack(1, ba);
    if (P("c bytearray", a, "c:f", &ch)) printf("  c=%c\n", ch);
    Py_DECREF(a);
    Py_DECREF(ba);
    a = Py_BuildValue("(y)", "ab");
    P("c bytes 2", a, "c:f", &ch);
    Py_DECREF(a);
    a = Py_BuildValue("(s)", "a");
    P("c str", a, "c:f", &ch);
    Py_DECREF(a);
    a = Py_BuildValue("(s)", "\xc3\xa9");
    if (P("C e-acute", a, "C:f", &C)) printf("  C=%d\n", C);
    Py_DECREF(a);
    a = Py_BuildValue("(s)", "ab");
    P("C str 2", a, "C:f", &C);
    Py_DECREF(a);
    a = Py_BuildValue("(i)", 65);
    P("C int", a, "C:f", &C);
    Py_DECREF(a);

    a = Py_BuildValue("(i)", 0);
    if (P("p 0", a, "p:f", &p)) printf("  p=%d\n", p);
    Py_DECREF(a);
    a = Py_BuildValue("([i])", 7);
    if (P("p [7]", a, "p:f", &p)) printf("  p=%d\n", p);
    Py_DECREF(a);
    a = Py_BuildValue("([])");
    if (P("p []", a, "p:f", &p)) printf("  p=%d\n", p);
    Py_DECREF(a);
}

static void strings(void) {
    const char *s = NULL;
    Py_ssize_t n = -1;
    Py_buffer view;
    PyObject *o = NULL, *a;
    PyObject *ba = PyByteArray_FromStringAndSize("rw", 2);

    a = Py_BuildValue("(s)", "h\xc3\xa9llo");
    if (P("s", a, "s:f", &s)) printf("  s=%s len=%zu\n", s, strlen(s));
    if (P("s#", a, "s#:f", &s, &n)) printf("  n=%zd\n", n);
    if (P("z", a, "z:f", &s)) printf("  z=%s\n", s);
    if (P("s*", a, "s*:f", &view)) {
        printf("  len=%zd readonly=%d\n", view.len, view.readonly);
        PyBuffer_Release(&view);
    }
    P("y str", a, "y:f", &s);
    P("y# str", a, "y#:f", &s, &n);
    P("y* str", a, "y*:f", &view);
    P("S str", a, "S:f", &o);
    P("Y str", a, "Y:f", &o);
    if (P("U str", a, "U:f", &o)) printf("  same=%d\n", o == PyTuple_GET_ITEM(a, 0));
    Py_DECREF(a);

    a = Py_BuildValue("(s#)", "a\0b", (Py_ssize_t)3);
    P("s nul", a, "s:f", &s);
    if (P("s# nul", a, "s#:f", &s, &n)) printf("  n=%zd\n", n);
    Py_DECREF(a);

    a = Py_BuildValue("(y#)", "x\0yz", (Py_ssize_t)4);
    P("s bytes", a, "s:f", &s);
    if (P("s# bytes", a, "s#:f", &s, &n)) printf("  n=%zd\n", n);
    if (P("s* bytes", a, "s*:f", &view)) {
        printf("  len=%zd readonly=%d\n", view.len, view.readonly);
        PyBuffer_Release(&view);
    }
    P("y nul", a, "y:f", &s);
    if (P("y# bytes", a, "y#:f", &s, &n)) printf("  n=%zd\n", n);
    if (P("y* bytes", a, "y*:f", &view)) {
        printf("  len=%zd\n", view.len);
        PyBuffer_Release(&view);
    }
    if (P("S bytes", a, "S:f", &o)) printf("  same=%d\n", o == PyTuple_GET_ITEM(a, 0));
    P("U bytes", a, "U:f", &o);
    P("w* bytes", a, "w*:f", &view);
    Py_DECREF(a);

    a = Py_BuildValue("(y)", "abc");
    if (P("y", a, "y:f", &s)) printf("  y=%s\n", s);
    Py_DECREF(a);

    a = PyTuple_Pack(1, ba);
    P("s bytearray", a, "s:f", &s);
    P("s# bytearray", a, "s#:f", &s, &n);
    P("y# bytearray", a, "y#:f", &s, &n);
    if (P("s* bytearray", a, "s*:f", &view)) {
        printf("  len=%zd readonly=%d\n", view.len, view.readonly);
        PyBuffer_Release(&view);
    }
    if (P("y* bytearray", a, "y*:f", &view)) {
        printf("  len=%zd\n", view.len);
        PyBuffer_Release(&view);
    }
    if (P("w* bytearray", a, "w*:f", &view)) {
        printf("  len=%zd readonly=%d\n", view.len, view.readonly);
        ((char *)view.buf)[0] = 'R';
        PyBuffer_Release(&view);
    }
    if (P("Y bytearray", a, "Y:f", &o)) printf("  same=%d\n", o == ba);
    P("S bytearray", a, "S:f", &o);
    Py_DECREF(a);
    show("bytearray after w*", Py_NewRef(ba));

    a = Py_BuildValue("(O)", Py_None);
    if (P("z None", a, "z:f", &s)) printf("  z=%p\n", (void *)s);
    if (P("z# None", a, "z#:f", &s, &n)) printf("  z=%p n=%zd\n", (void *)s, n);
    if (P("z* None", a, "z*:f", &view)) {
        printf("  len=%zd\n", view.len);
        PyBuffer_Release(&view);
    }
    P("s None", a, "s:f", &s);
    P("s# None", a, "s#:f", &s, &n);
    Py_DECREF(a);

    a = Py_BuildValue("(i)", 5);
    P("s int", a, "s:f", &s);
    P("z int", a, "z:f", &s);
    P("s# int", a, "s#:f", &s, &n);
    P("z# int", a, "z#:f", &s, &n);
    P("s* int", a, "s*:f", &view);
    P("z* int", a, "z*:f", &view);
    P("y int", a, "y:f", &s);
    P("w* int", a, "w*:f", &view);
    P("w int", a, "w:f", &view);
    Py_DECREF(a);
    Py_DECREF(ba);
}

static void encoded(void) {
    char *buf = NULL;
    char small[4];
    Py_ssize_t n = 0;
    PyObject *a = Py_BuildValue("(s)", "h\xc3\xa9llo");

    if (P("es latin-1", a, "es:f", "latin-1", &buf)) {
        printf("  len=%zu byte1=%d\n", strlen(buf), (unsigned char)buf[1]);
        PyMem_Free(buf);
    }
    buf = NULL;
    if (P("es NULL", a, "es:f", NULL, &buf)) {
        printf("  len=%zu\n", strlen(buf));
        PyMem_Free(buf);
    }
    buf = NULL;
    P("es ascii", a, "es:f", "ascii", &buf);
    buf = NULL;
    if (P("es# alloc", a, "es#:f", "utf-8", &buf, &n)) {
        printf("  n=%zd\n", n);
        PyMem_Free(buf);
    }
    buf = small;
    n = sizeof small;
    P("es# small", a, "es#:f", "utf-8", &buf, &n);
    buf = NULL;
    P("es unknown", a, "es:f", "no-such-codec", &buf);
    Py_DECREF(a);

    a = Py_BuildValue("(y)", "raw");
    buf = NULL;
    P("es bytes", a, "es:f", "utf-8", &buf);
    buf = NULL;
    if (P("et bytes", a, "et:f", "utf-8", &buf)) {
        printf("  et=%s\n", buf);
        PyMem_Free(buf);
    }
    buf = NULL;
    if (P("et# bytes", a, "et#:f", "utf-8", &buf, &n)) {
        printf("  et=%s n=%zd\n", buf, n);
        PyMem_Free(buf);
    }
    Py_DECREF(a);

    a = Py_BuildValue("(i)", 1);
    buf = NULL;
    P("et int", a, "et:f", "utf-8", &buf);
    Py_DECREF(a);

    a = Py_BuildValue("(s#)", "a\0b", (Py_ssize_t)3);
    buf = NULL;
    P("es nul", a, "es:f", "utf-8", &buf);
    buf = NULL;
    if (P("es# nul", a, "es#:f", "utf-8", &buf, &n)) {
        printf("  n=%zd\n", n);
        PyMem_Free(buf);
    }
    Py_DECREF(a);
}

static void objects(void) {
    PyObject *o = NULL, *o2 = NULL, *a;
    long v = 0;
    int x = 0, y = 0, z = 0;
    const char *s = NULL;

    a = Py_BuildValue("(iO)", 7, Py_True);
    if (P("O", a, "OO:f", &o, &o2)) printf("  same=%d\n", o2 == Py_True);
    if (P("O!", a, "O!O!:f", &PyLong_Type, &o, &PyLong_Type, &o2)) printf("  ok\n");
    P("O! mismatch", a, "O!O!:f", &PyLong_Type, &o, &PyUnicode_Type, &o2);
    if (P("O&", a, "O&O:f", conv_ok, &v, &o)) printf("  v=%ld\n", v);
    P("O& error", a, "O&O:f", conv_fail_set, &v, &o);
    P("O& quiet", a, "O&O:f", conv_fail_quiet, &v, &o);
    cleanups = 0;
    P("O& cleanup", a, "O&s:f", conv_cleanup, &o, &s);
    printf("  cleanups=%d\n", cleanups);
    cleanups = 0;
    if (P("O& no cleanup", a, "O&O:f", conv_cleanup, &o, &o2)) printf("  cleanups=%d\n", cleanups);
    Py_DECREF(a);

    a = Py_BuildValue("((ii)[is])", 1, 2, 3, "x");
    if (P("tuples", a, "(ii)(is):f", &x, &y, &z, &s)) printf("  %d %d %d %s\n", x, y, z, s);
    P("tuple short", a, "(iii)(is):f", &x, &y, &z, &v, &s);
    P("tuple item", a, "(ii)(ii):f", &x, &y, &z, &v);
    Py_DECREF(a);
    a = Py_BuildValue("(((is)))", 1, "y");
    if (P("nested", a, "((is)):f", &x, &s)) printf("  %d %s\n", x, s);
    Py_DECREF(a);
    a = Py_BuildValue("(((ii)))", 1, 2);
    P("nested item", a, "((is)):f", &x, &s);
    Py_DECREF(a);
    a = Py_BuildValue("(i)", 5);
    P("tuple of int", a, "(ii):f", &x, &y);
    Py_DECREF(a);
    a = Py_BuildValue("(y)", "ab");
    P("tuple of bytes", a, "(cc):f", &x, &y);
    Py_DECREF(a);
    a = Py_BuildValue("(O)", Py_None);
    P("tuple of None", a, "(ii):f", &x, &y);
    Py_DECREF(a);
}

static void counts(void) {
    int x = -1, y = -1, z = -1;
    const char *s;
    PyObject *a0 = PyTuple_New(0);
    PyObject *a1 = Py_BuildValue("(i)", 1);
    PyObject *a3 = Py_BuildValue("(iii)", 1, 2, 3);
    PyObject *as = Py_BuildValue("(i)", 9);

    P("exactly 2 anon", a1, "ii", &x, &y);
    P("exactly 2", a1, "ii:fname", &x, &y);
    P("exactly 1", a0, "i:fname", &x);
    show_ok("exactly 0", PyArg_ParseTuple(a1, ":fname"));
    show_ok("empty ok", PyArg_ParseTuple(a0, ":fname"));
    show_ok("empty ok anon", PyArg_ParseTuple(a0, ""));
    P("at most 2", a3, "i|i:fname", &x, &y);
    P("at most 1", a3, "|i:fname", &x);
    P("at least 2", a1, "ii|i:fname", &x, &y, &z);
    P("at least 1", a0, "i|i:fname", &x, &y);
    x = y = -1;
    if (P("optional", a1, "i|ii:fname", &x, &y, &z)) printf("  x=%d y=%d z=%d\n", x, y, z);
    P("custom count", a3, "i;custom message", &x);
    P("custom type", as, "s;custom message", &s);
    P("bad char", as, "Q:fname", &x);
    P("bad char anon", as, "Q", &x);
    show_ok("not a tuple", PyArg_ParseTuple(as == NULL ? NULL : PyTuple_GET_ITEM(as, 0), "i", &x));
#ifdef PYRITE
    /* CPython aborts the process here (Py_FatalError); pyrite raises. */
    CHECK(!PyArg_ParseTuple(a1, "(i:fname", &x) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(!PyArg_ParseTuple(a1, "i):fname", &x) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    /* CPython crashes on these API misuses; pyrite raises SystemError. */
    PyObject *o = NULL;
    CHECK(!PyArg_ParseTuple(a1, "O!", NULL, &o) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(!PyArg_ParseTuple(a1, "O&", NULL, &o) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(!PyArg_ParseTuple(NULL, "i", &x) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(!PyArg_ParseTuple(a1, NULL) && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(Py_BuildValue(NULL) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(Py_BuildValue("O&", NULL, NULL) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(PyUnicode_FromFormat(NULL) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(PyUnicode_FromFormat("%U", NULL) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(PyUnicode_FromFormat("%U", Py_None) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(PyErr_Format(NULL, "x") == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    CHECK(PyOS_snprintf(NULL, 10, "x") < 0);
#endif

    /* PyArg_Parse: one object, not a tuple */
    PyObject *nine = PyTuple_GET_ITEM(as, 0);
    if (show_ok("Parse i", PyArg_Parse(nine, "i", &x))) printf("  x=%d\n", x);
    show_ok("Parse s", PyArg_Parse(nine, "s:pname", &s));
    show_ok("Parse s anon", PyArg_Parse(nine, "s", &s));
    show_ok("Parse ii", PyArg_Parse(nine, "ii", &x, &y));
    show_ok("Parse none", PyArg_Parse(nine, ":pname"));
    show_ok("Parse NULL", PyArg_Parse(NULL, ""));
    if (show_ok("Parse tuple", PyArg_Parse(a3, "(iii)", &x, &y, &z))) printf("  %d %d %d\n", x, y, z);

    Py_DECREF(a0);
    Py_DECREF(a1);
    Py_DECREF(a3);
    Py_DECREF(as);
}

static void keywords(void) {
    static char *kwlist[] = {"a", "b", "c", NULL};
    static char *posonly[] = {"", "b", NULL};
    static char *kwonly[] = {"a", "b", NULL};
    int a = -1, b = -1;
    const char *c = "unset";
    PyObject *args, *kw;

#define KW(label, args, kw, fmt, list, ...) show_ok(label, PyArg_ParseTupleAndKeywords(args, kw, fmt, list, __VA_ARGS__))
    args = Py_BuildValue("(i)", 1);
    kw = Py_BuildValue("{s:i,s:s}", "b", 2, "c", "see");
    if (KW("kw ok", args, kw, "i|is:kfunc", kwlist, &a, &b, &c)) printf("  a=%d b=%d c=%s\n", a, b, c);
    Py_DECREF(kw);
    a = b = -1;
    if (KW("kw NULL", args, NULL, "i|is:kfunc", kwlist, &a, &b, &c)) printf("  a=%d b=%d\n", a, b);
    kw = Py_BuildValue("{s:i}", "a", 2);
    KW("by name and position", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    KW("by name and position anon", args, kw, "i|is", kwlist, &a, &b, &c);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "d", 2);
    KW("invalid keyword", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    KW("invalid keyword anon", args, kw, "i|is", kwlist, &a, &b, &c);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "c", 5);
    KW("keyword type", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    Py_DECREF(kw);
    kw = Py_BuildValue("{i:i}", 1, 2);
    KW("non-str keyword", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    Py_DECREF(kw);
    Py_DECREF(args);

    args = PyTuple_New(0);
    kw = Py_BuildValue("{s:i}", "a", 3);
    a = -1;
    if (KW("only keywords", args, kw, "i|is:kfunc", kwlist, &a, &b, &c)) printf("  a=%d\n", a);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "b", 3);
    KW("missing required", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    KW("missing required anon", args, kw, "i|is", kwlist, &a, &b, &c);
    KW("posonly missing", args, kw, "i|i:po", posonly, &a, &b);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i,s:i,s:s,s:i}", "a", 1, "b", 2, "c", "x", "d", 4);
    KW("too many keywords", args, kw, "i|is:kfunc", kwlist, &a, &b, &c);
    Py_DECREF(kw);
    KW("missing required no kw", args, NULL, "i|is:kfunc", kwlist, &a, &b, &c);
    Py_DECREF(args);

    args = Py_BuildValue("(iisi)", 1, 2, "x", 4);
    KW("too many args", args, NULL, "i|is:kfunc", kwlist, &a, &b, &c);
    KW("too many args anon", args, NULL, "i|is", kwlist, &a, &b, &c);
    Py_DECREF(args);

    args = Py_BuildValue("(ii)", 1, 2);
    KW("kwonly too many", args, NULL, "i|$i:ko", kwonly, &a, &b);
    KW("kwonly exactly", args, NULL, "i$i:ko", kwonly, &a, &b);
    KW("no positional", args, NULL, "|$ii:ko", kwonly, &a, &b);
    kw = Py_BuildValue("{s:i}", "b", 9);
    Py_DECREF(args);
    args = Py_BuildValue("(i)", 1);
    a = b = -1;
    if (KW("kwonly ok", args, kw, "i|$i:ko", kwonly, &a, &b)) printf("  a=%d b=%d\n", a, b);
    a = b = -1;
    if (KW("posonly ok", args, kw, "i|i:po", posonly, &a, &b)) printf("  a=%d b=%d\n", a, b);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "a", 9);
    KW("posonly by name", args, kw, "i|i:po", posonly, &a, &b);
    Py_DECREF(kw);
    KW("bad kwlist", args, NULL, "i:f", kwonly, &a);
    Py_DECREF(args);
    args = Py_BuildValue("(ii)", 1, 2);
    KW("more specifiers", args, NULL, "iii:f", kwonly, &a, &b, &a);
    Py_DECREF(args);
    args = PyTuple_New(0);
    KW("posonly none given", args, NULL, "ii:po", posonly, &a, &b);
    Py_DECREF(args);

    /* with '#' and optional units skipped */
    static char *kw3[] = {"s", "n", "t", NULL};
    const char *s = NULL;
    Py_ssize_t n = 0;
    args = Py_BuildValue("(s)", "abc");
    if (KW("skip #", args, NULL, "s#|(ii)O:g", kw3, &s, &n, &a, &b, &c)) printf("  n=%zd\n", n);
    kw = Py_BuildValue("{s:(ii)}", "n", 4, 5);
    if (KW("tuple by keyword", args, kw, "s#|(ii)O:g", kw3, &s, &n, &a, &b, &c)) printf("  a=%d b=%d\n", a, b);
    Py_DECREF(kw);
    Py_DECREF(args);
#undef KW
}

static void helpers(void) {
    PyObject *o1 = NULL, *o2 = NULL;
    PyObject *a0 = PyTuple_New(0);
    PyObject *a1 = Py_BuildValue("(i)", 1);
    PyObject *a3 = Py_BuildValue("(iii)", 1, 2, 3);
    if (show_ok("unpack 1", PyArg_UnpackTuple(a1, "uf", 1, 2, &o1, &o2))) printf("  o2=%p\n", (void *)o2);
    show_ok("unpack few", PyArg_UnpackTuple(a0, "uf", 1, 2, &o1, &o2));
    show_ok("unpack many", PyArg_UnpackTuple(a3, "uf", 1, 2, &o1, &o2));
    show_ok("unpack exact", PyArg_UnpackTuple(a1, "uf", 2, 2, &o1, &o2));
    show_ok("unpack exact 1", PyArg_UnpackTuple(a3, "uf", 1, 1, &o1));
    show_ok("unpack anon few", PyArg_UnpackTuple(a0, NULL, 1, 2, &o1, &o2));
    show_ok("unpack anon many", PyArg_UnpackTuple(a3, NULL, 0, 1, &o1));
    show_ok("unpack not tuple", PyArg_UnpackTuple(Py_None, "uf", 0, 1, &o1));

    PyObject *good = Py_BuildValue("{s:i}", "a", 1);
    PyObject *bad = Py_BuildValue("{i:i}", 1, 1);
    PyObject *empty = PyDict_New();
    show_ok("validate good", PyArg_ValidateKeywordArguments(good));
    show_ok("validate bad", PyArg_ValidateKeywordArguments(bad));
    /* (CPython puts its source file and line in this message) */
    printf("validate not dict: %d", PyArg_ValidateKeywordArguments(a1));
    printf(" %d\n", PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    show_ok("nokeywords NULL", _PyArg_NoKeywords("nk", NULL));
    show_ok("nokeywords empty", _PyArg_NoKeywords("nk", empty));
    show_ok("nokeywords", _PyArg_NoKeywords("nk", good));
    show_ok("nopositional NULL", _PyArg_NoPositional("np", NULL));
    show_ok("nopositional empty", _PyArg_NoPositional("np", a0));
    show_ok("nopositional", _PyArg_NoPositional("np", a1));
    Py_DECREF(good);
    Py_DECREF(bad);
    Py_DECREF(empty);
    Py_DECREF(a0);
    Py_DECREF(a1);
    Py_DECREF(a3);
}

static int va_helper(PyObject *args, const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    int r = PyArg_VaParse(args, fmt, va);
    va_end(va);
    return r;
}

static int va_kw_helper(PyObject *args, PyObject *kw, const char *fmt, char **kwlist, ...) {
    va_list va;
    va_start(va, kwlist);
    int r = PyArg_VaParseTupleAndKeywords(args, kw, fmt, kwlist, va);
    va_end(va);
    return r;
}

static void va_forms(void) {
    static char *kwlist[] = {"x", "y", NULL};
    int x = 0;
    const char *s = NULL;
    Py_ssize_t n = 0;
    PyObject *a = Py_BuildValue("(is)", 4, "four");
    if (show_ok("VaParse", va_helper(a, "is#:vf", &x, &s, &n))) printf("  x=%d s=%s n=%zd\n", x, s, n);
    show_ok("VaParse error", va_helper(a, "ii:vf", &x, &x));
    if (show_ok("VaParseKw", va_kw_helper(a, NULL, "is:vk", kwlist, &x, &s))) printf("  x=%d s=%s\n", x, s);
    show_ok("VaParseKw error", va_kw_helper(a, NULL, "i:vk", kwlist, &x));
    Py_DECREF(a);
}

int main(void) {
    BEGIN_TEST();
    integers();
    floats_and_chars();
    strings();
    encoded();
    objects();
    counts();
    keywords();
    helpers();
    va_forms();
    END_TEST();
}
