/* Helpers for the container tests (test_containers_*.c): calling methods by
 * name with borrowed arguments, and checking a new reference's repr. */
#ifndef PYRITE_CONTAINERS_H
#define PYRITE_CONTAINERS_H
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* setenv */
#endif
#include "check.h"
#include <stdarg.h>

#define L(v) PyLong_FromLong(v)
#define S(s) PyUnicode_FromString(s)

/* obj.name(*args) with `n` borrowed arguments; a new reference or NULL. */
static inline PyObject *callm(PyObject *obj, const char *name, int n, ...) {
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) return NULL;
    PyObject *args = PyTuple_New(n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        PyObject *a = va_arg(ap, PyObject *);
        Py_INCREF(a);
        PyTuple_SetItem(args, i, a);
    }
    va_end(ap);
    PyObject *r = PyObject_Call(m, args, NULL);
    Py_DECREF(args);
    Py_DECREF(m);
    return r;
}

/* obj.name(*args, **kw), args a tuple (borrowed), kw a dict or NULL. */
static inline PyObject *callkw(PyObject *obj, const char *name, PyObject *args, PyObject *kw) {
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Call(m, args, kw);
    Py_DECREF(m);
    return r;
}

/* A new 2-tuple of borrowed items. */
static inline PyObject *tup2(PyObject *a, PyObject *b) {
    PyObject *t = PyTuple_New(2);
    Py_INCREF(a);
    Py_INCREF(b);
    PyTuple_SetItem(t, 0, a);
    PyTuple_SetItem(t, 1, b);
    return t;
}

/* slice(start, stop, step) from borrowed objects (NULL means None). */
static inline PyObject *make_slice(PyObject *start, PyObject *stop, PyObject *step) {
    return PySlice_New(start, stop, step);
}

/* Check the repr of a new reference, then release it. */
static inline void check_repr_steal(PyObject *obj, const char *want, const char *file, int line) {
    if (obj == NULL) {
        fprintf(stderr, "%s:%d: got NULL, want %s\n", file, line, want);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
        return;
    }
    check_text(PyObject_Repr, obj, want, file, line);
    Py_DECREF(obj);
}
#define CHECK_NEW(expr, text) check_repr_steal((expr), (text), __FILE__, __LINE__)

/* expr must return NULL with exception `exc` whose message is `msg`. */
#define CHECK_FAIL(expr, exc, msg) \
    do { \
        PyObject *_r_ = (PyObject *)(expr); \
        if (_r_ != NULL) { \
            fprintf(stderr, "%s:%d: expected failure from %s\n", __FILE__, __LINE__, #expr); \
            check_failures++; \
            Py_DECREF(_r_); \
        } else if (!PyErr_ExceptionMatches(exc)) { \
            fprintf(stderr, "%s:%d: wrong exception from %s\n", __FILE__, __LINE__, #expr); \
            PyErr_Print(); \
            check_failures++; \
        } else { \
            CHECK_ERRMSG(msg); \
        } \
        PyErr_Clear(); \
    } while (0)

/* Same for functions returning int (-1 on error). */
#define CHECK_FAIL_INT(expr, exc, msg) \
    do { \
        int _r_ = (int)(expr); \
        if (_r_ != -1) { \
            fprintf(stderr, "%s:%d: expected -1 from %s, got %d\n", __FILE__, __LINE__, #expr, _r_); \
            check_failures++; \
        } else if (!PyErr_ExceptionMatches(exc)) { \
            fprintf(stderr, "%s:%d: wrong exception from %s\n", __FILE__, __LINE__, #expr); \
            PyErr_Print(); \
            check_failures++; \
        } else { \
            CHECK_ERRMSG(msg); \
        } \
        PyErr_Clear(); \
    } while (0)

/* The pending exception must be KeyError with args[0] whose repr is `want`
 * (what CPython's str(KeyError) shows); it is cleared. */
static inline void check_keyerror(const char *want, const char *file, int line) {
    PyObject *t, *v, *tb;
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) {
        fprintf(stderr, "%s:%d: expected KeyError\n", file, line);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
        PyErr_Clear();
        return;
    }
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *args = PyException_GetArgs(v);
    if (args == NULL || PyTuple_Size(args) != 1) {
        fprintf(stderr, "%s:%d: KeyError without one argument\n", file, line);
        check_failures++;
    } else {
        check_text(PyObject_Repr, PyTuple_GetItem(args, 0), want, file, line);
    }
    Py_XDECREF(args);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}
#define CHECK_KEYERROR(expr, want) \
    do { \
        PyObject *_r_ = (PyObject *)(expr); \
        if (_r_ != NULL) { \
            fprintf(stderr, "%s:%d: expected failure from %s\n", __FILE__, __LINE__, #expr); \
            check_failures++; \
            Py_DECREF(_r_); \
        } \
        check_keyerror((want), __FILE__, __LINE__); \
    } while (0)
#define CHECK_KEYERROR_INT(expr, want) \
    do { \
        if ((expr) != -1) { \
            fprintf(stderr, "%s:%d: expected -1 from %s\n", __FILE__, __LINE__, #expr); \
            check_failures++; \
        } \
        check_keyerror((want), __FILE__, __LINE__); \
    } while (0)

#endif
