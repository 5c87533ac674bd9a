/* Py_BuildValue and friends: every format unit, containers, separators,
 * the NULL-argument rules, "N" released on every error path, and the '#'
 * units with and without PY_SSIZE_T_CLEAN (this file does not define it,
 * so plain Py_BuildValue / PyArg_ParseTuple must refuse '#'). Output
 * compared with CPython 3.11's. */
#include "shims_show.h"

#ifndef PYRITE
/* CPython declares the _SizeT names only under PY_SSIZE_T_CLEAN. */
int _PyArg_ParseTuple_SizeT(PyObject *, const char *, ...);
#endif

static PyObject *make_pair(void *arg) { return Py_BuildValue("(si)", (const char *)arg, 42); }
static PyObject *make_fail(void *arg) {
    PyErr_SetString(PyExc_RuntimeError, "converter failed");
    return NULL;
}

static PyObject *va_build(const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    PyObject *r = Py_VaBuildValue(fmt, va);
    va_end(va);
    return r;
}

static PyObject *va_build_sizet(const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    PyObject *r = _Py_VaBuildValue_SizeT(fmt, va);
    va_end(va);
    return r;
}

static void scalars(void) {
    show("empty", Py_BuildValue(""));
    show("spaces", Py_BuildValue(" "));
    show("i", Py_BuildValue("i", 5));
    show("ii", Py_BuildValue("ii", 1, 2));
    show("(i)", Py_BuildValue("(i)", 1));
    show("()", Py_BuildValue("()"));
    show("b B h H", Py_BuildValue("bBhH", -1, 255, -32768, 65535));
    show("i I", Py_BuildValue("iI", INT_MIN, UINT_MAX));
    show("l k", Py_BuildValue("lk", LONG_MIN, ULONG_MAX));
    show("L K", Py_BuildValue("LK", LLONG_MIN, ULLONG_MAX));
    show("n", Py_BuildValue("nn", PY_SSIZE_T_MIN, PY_SSIZE_T_MAX));
    show("f d", Py_BuildValue("fd", 0.25f, -1.5));
    Py_complex c = {1.0, -2.5};
    show("D", Py_BuildValue("D", &c));
    show("c", Py_BuildValue("c", 'x'));
    show("c 0", Py_BuildValue("c", 0));
    show("C", Py_BuildValue("C", 0xe9));
    show("C astral", Py_BuildValue("C", 0x1f600));
    show("C too big", Py_BuildValue("C", 0x110000));
    show("C negative", Py_BuildValue("C", -1));
    show("s", Py_BuildValue("s", "h\xc3\xa9llo"));
    show("z", Py_BuildValue("z", "zed"));
    show("U", Py_BuildValue("U", "you"));
    show("s NULL", Py_BuildValue("s", NULL));
    show("z NULL", Py_BuildValue("z", NULL));
    show("y", Py_BuildValue("y", "by\"tes'"));
    show("y NULL", Py_BuildValue("y", NULL));
    show("s bad utf-8", Py_BuildValue("s", "\xff"));
    show("u", Py_BuildValue("u", L"wide \u00e9"));
    show("u NULL", Py_BuildValue("u", NULL));
}

static void objects(void) {
    PyObject *o = PyLong_FromLong(12345);
    Py_ssize_t before = Py_REFCNT(o);
    show("O", Py_BuildValue("O", o));
    show("S", Py_BuildValue("S", o));
    Py_INCREF(o);
    show("N", Py_BuildValue("N", o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    show("O&", Py_BuildValue("O&", make_pair, (void *)"conv"));
    show("O& fails", Py_BuildValue("O&", make_fail, NULL));
    show("O NULL", Py_BuildValue("O", NULL));
    show("S NULL", Py_BuildValue("S", NULL));
    show("N NULL", Py_BuildValue("N", NULL));
    PyErr_SetString(PyExc_ValueError, "earlier error");
    show("O NULL with error set", Py_BuildValue("O", NULL));
    PyErr_SetString(PyExc_ValueError, "earlier error");
    show("(iO) NULL with error set", Py_BuildValue("(iO)", 1, NULL));

    /* "N" is released on every error path. */
    Py_INCREF(o);
    show("N then bad char", Py_BuildValue("(NQ)", o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_INCREF(o);
    show("N then NULL", Py_BuildValue("[N,O]", o, NULL));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_INCREF(o);
    show("NULL then N", Py_BuildValue("(O(iN))", NULL, 1, o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_INCREF(o);
    show("N in dict after NULL", Py_BuildValue("{O:i,s:N}", NULL, 1, "k", o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_INCREF(o);
    PyObject *l = PyList_New(0);
    show("N value, unhashable key", Py_BuildValue("{O:N}", l, o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_INCREF(o);
    show("N top level after NULL", Py_BuildValue("ON", NULL, o));
    printf("refcount back: %d\n", Py_REFCNT(o) == before);
    Py_DECREF(l);
    Py_DECREF(o);
}

static void containers(void) {
    show("list", Py_BuildValue("[i,i]", 1, 2));
    show("empty list", Py_BuildValue("[]"));
    show("dict", Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2));
    show("empty dict", Py_BuildValue("{}"));
    show("nested", Py_BuildValue("((ii)[s{s:i}])", 1, 2, "x", "k", 3));
    show("separators", Py_BuildValue("i, i : i\t,i", 1, 2, 3, 4));
    show("tuple in list", Py_BuildValue("[(i),()]", 7));
    show("bad char", Py_BuildValue("iQ", 1));
    show("bad char alone", Py_BuildValue("Q"));
    show("unmatched (", Py_BuildValue("(i", 1));
    show("unmatched [", Py_BuildValue("[i", 1));
    show("unmatched {", Py_BuildValue("{s:i", "a", 1));
    show("odd dict", Py_BuildValue("{i}", 1));
    show("excess )", Py_BuildValue("i)", 1));
    show("mismatched close", Py_BuildValue("(i]", 1));
}

static void sizes(void) {
    show("s# plain", Py_BuildValue("s#", "abc", 2));
    show("y# plain", Py_BuildValue("y#", "abc", 2));
    show("(is#) plain", Py_BuildValue("(is#)", 1, "abc", 2));
    show("s# SizeT", _Py_BuildValue_SizeT("s#", "abc", (Py_ssize_t)2));
    show("z# SizeT", _Py_BuildValue_SizeT("z#", "abc", (Py_ssize_t)1));
    show("U# SizeT", _Py_BuildValue_SizeT("U#", "abc", (Py_ssize_t)3));
    show("y# SizeT", _Py_BuildValue_SizeT("y#", "a\0c", (Py_ssize_t)3));
    show("u# SizeT", _Py_BuildValue_SizeT("u#", L"wide", (Py_ssize_t)2));
    show("s# NULL SizeT", _Py_BuildValue_SizeT("s#", NULL, (Py_ssize_t)5));
    show("s# -1 SizeT", _Py_BuildValue_SizeT("s#", "all", (Py_ssize_t)-1));
    show("Va", va_build("(is)", 3, "three"));
    show("Va #", va_build("s#", "abc", 1));
    show("Va SizeT", va_build_sizet("s#i", "abc", (Py_ssize_t)1, 9));

    const char *s;
    int n;
    PyObject *a = Py_BuildValue("(s)", "abc");
    show_ok("ParseTuple s# plain", PyArg_ParseTuple(a, "s#", &s, &n));
    show_ok("ParseTuple y# plain", PyArg_ParseTuple(a, "y#", &s, &n));
    Py_ssize_t sn = 0;
    if (show_ok("ParseTuple s# SizeT", _PyArg_ParseTuple_SizeT(a, "s#", &s, &sn))) printf("  n=%zd\n", sn);
    static char *kwlist[] = {"a", "b", NULL};
    show_ok("skip # plain", PyArg_ParseTupleAndKeywords(a, NULL, "s|s#:g", kwlist, &s, &s, &n));
    Py_DECREF(a);
}

int main(void) {
    BEGIN_TEST();
    scalars();
    objects();
    containers();
    sizes();
    END_TEST();
}
