/* Helpers for the generated number tests (test_numbers_{int,float,complex}.c,
 * written by gen_numbers_tests.py from python3's own answers).
 *
 * Every object made by a helper goes to a pool released by pool_clear(), so a
 * check is one line: check_ok(line, EXPR, "repr") or check_err(line, EXPR,
 * PyExc_X, "message"); EXPR returns a new reference or NULL.
 */
#ifndef PYRITE_NUMBERS_UTIL_H
#define PYRITE_NUMBERS_UTIL_H
#include "check.h"
#include <math.h>
#include <stdarg.h>

static PyObject *pool[8192];
static int npool;
static int nchecks;

static inline PyObject *keep(PyObject *o) {
    if (o != NULL && npool < 8192) pool[npool++] = o;
    return o;
}
static inline void pool_clear(void) {
    while (npool > 0) Py_DECREF(pool[--npool]);
}
static inline PyObject *I(const char *s) { return keep(PyLong_FromString(s, NULL, 10)); }
static inline PyObject *F(double d) { return keep(PyFloat_FromDouble(d)); }
static inline PyObject *C(double re, double im) { return keep(PyComplex_FromDoubles(re, im)); }
static inline PyObject *S(const char *s) { return keep(PyUnicode_FromString(s)); }
static inline PyObject *B(int b) { PyObject *o = b ? Py_True : Py_False; Py_INCREF(o); return keep(o); }
static inline PyObject *N(void) { Py_INCREF(Py_None); return keep(Py_None); }
static inline PyObject *LIST(int n, ...) {
    PyObject *l = keep(PyList_New(0));
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) PyList_Append(l, va_arg(ap, PyObject *));
    va_end(ap);
    return l;
}
static inline PyObject *TUP(int n, ...) {
    PyObject *t = keep(PyTuple_New(n));
    int bad = 0;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        PyObject *a = va_arg(ap, PyObject *);
        if (a == NULL) {
            bad = 1;
            continue;
        }
        Py_INCREF(a);
        PyTuple_SetItem(t, i, a);
    }
    va_end(ap);
    return bad ? NULL : t;
}
/* kwargs: NULL-terminated name/value pairs */
static inline PyObject *KW(const char *name, ...) {
    PyObject *d = keep(PyDict_New());
    va_list ap;
    va_start(ap, name);
    while (name != NULL) {
        PyDict_SetItemString(d, name, va_arg(ap, PyObject *));
        name = va_arg(ap, const char *);
    }
    va_end(ap);
    return d;
}
/* obj.name(*args, **kw): a new reference or NULL */
static inline PyObject *METH(PyObject *obj, const char *name, PyObject *args, PyObject *kw) {
    if (obj == NULL || args == NULL) return NULL;
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Call(m, args, kw);
    Py_DECREF(m);
    return r;
}
static inline PyObject *CALL(PyObject *callable, PyObject *args, PyObject *kw) {
    if (args == NULL) return NULL;
    return PyObject_Call(callable, args, kw);
}
static inline PyObject *CMP(PyObject *a, PyObject *b, int op) {
    if (a == NULL || b == NULL) return NULL;
    return PyObject_RichCompare(a, b, op);
}

static inline void check_ok(int line, PyObject *r, const char *want) {
    nchecks++;
    if (r == NULL) {
        fprintf(stderr, "line %d: unexpected error, want %s\n", line, want);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
        return;
    }
    PyObject *s = PyObject_Repr(r);
    if (s == NULL || strcmp(check_utf8(s), want) != 0) {
        fprintf(stderr, "line %d: got %s, want %s\n", line, s ? check_utf8(s) : "<repr failed>", want);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
    }
    Py_XDECREF(s);
    Py_DECREF(r);
}

static inline void check_err(int line, PyObject *r, PyObject *exc, const char *msg) {
    nchecks++;
    if (r != NULL) {
        PyObject *s = PyObject_Repr(r);
        fprintf(stderr, "line %d: got %s, want an exception (%s)\n", line, s ? check_utf8(s) : "?", msg);
        Py_XDECREF(s);
        Py_DECREF(r);
        check_failures++;
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (t != exc) {
        fprintf(stderr, "line %d: wrong exception type %s, want %s (%s)\n", line,
                t ? ((PyTypeObject *)t)->tp_name : "<none>", ((PyTypeObject *)exc)->tp_name, msg);
        check_failures++;
    }
    PyObject *s = v ? PyObject_Str(v) : NULL;
    if (s == NULL || strcmp(check_utf8(s), msg) != 0) {
        fprintf(stderr, "line %d: message '%s', want '%s'\n", line, s ? check_utf8(s) : "<none>", msg);
        check_failures++;
    }
    PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

static inline void check_hash(int line, PyObject *o, long long want) {
    nchecks++;
    Py_hash_t h = o ? PyObject_Hash(o) : -1;
    if ((long long)h != want) {
        fprintf(stderr, "line %d: hash %lld, want %lld\n", line, (long long)h, want);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
    }
}

#endif
