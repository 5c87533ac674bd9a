/* Helpers for pyrite's C API tests: each test is a C program against
 * Python.h; tests/capi.rs builds and runs them, and compares stdout with the
 * .expected file beside the test when there is one.
 *
 * CHECK(cond)            fail (exit 1) if cond is false
 * CHECK_EXC(expr, exc)   expr must fail with exception exc pending (then cleared)
 * CHECK_REPR(obj, text)  repr(obj) must equal text (obj is not consumed)
 * CHECK_STR(obj, text)   str(obj) must equal text
 * CHECK_ERRMSG(text)     the pending exception's str() equals text (then cleared)
 * BEGIN_TEST / END_TEST  Py_Initialize, and at the end: no pending error, live
 *                        objects back to their start, Py_FinalizeEx. (Live
 *                        bytes are checked by test_leak_repeat.c after a warm-up
 *                        run: tables such as the interned-string set keep the
 *                        size they grew to.)
 */
#ifndef PYRITE_CHECK_H
#define PYRITE_CHECK_H
#include <Python.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            if (PyErr_Occurred()) PyErr_Print(); \
            check_failures++; \
        } \
    } while (0)

static inline const char *check_utf8(PyObject *s) {
    const char *c = s ? PyUnicode_AsUTF8(s) : NULL;
    return c ? c : "<error>";
}

static inline int check_text(PyObject *(*f)(PyObject *), PyObject *obj, const char *want, const char *file, int line) {
    PyObject *r = obj ? f(obj) : NULL;
    if (r == NULL) {
        fprintf(stderr, "%s:%d: repr/str failed\n", file, line);
        if (PyErr_Occurred()) PyErr_Print();
        check_failures++;
        return 0;
    }
    int ok = strcmp(check_utf8(r), want) == 0;
    if (!ok) {
        fprintf(stderr, "%s:%d: got %s, want %s\n", file, line, check_utf8(r), want);
        check_failures++;
    }
    Py_DECREF(r);
    return ok;
}
#define CHECK_REPR(obj, text) check_text(PyObject_Repr, (obj), (text), __FILE__, __LINE__)
#define CHECK_STR(obj, text) check_text(PyObject_Str, (obj), (text), __FILE__, __LINE__)

static inline void check_errmsg(const char *want, const char *file, int line) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (t == NULL) {
        fprintf(stderr, "%s:%d: no exception pending, want '%s'\n", file, line, want);
        check_failures++;
        return;
    }
    PyObject *s = PyObject_Str(v);
    if (s == NULL || strcmp(check_utf8(s), want) != 0) {
        fprintf(stderr, "%s:%d: message '%s', want '%s'\n", file, line, check_utf8(s), want);
        check_failures++;
    }
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}
#define CHECK_ERRMSG(text) check_errmsg((text), __FILE__, __LINE__)

#define CHECK_EXC(expr, exc) \
    do { \
        int _failed_ = (expr); \
        if (!_failed_ || !PyErr_Occurred() || !PyErr_ExceptionMatches(exc)) { \
            fprintf(stderr, "%s:%d: expected %s from %s\n", __FILE__, __LINE__, #exc, #expr); \
            if (PyErr_Occurred()) PyErr_Print(); \
            check_failures++; \
        } \
        PyErr_Clear(); \
    } while (0)

static Py_ssize_t check_live_start;

#define BEGIN_TEST() \
    do { \
        Py_Initialize(); \
        check_live_start = Pyrite_LiveObjects(); \
    } while (0)

#define END_TEST() \
    do { \
        if (PyErr_Occurred()) { \
            fprintf(stderr, "exception left pending at end of test\n"); \
            PyErr_Print(); \
            check_failures++; \
        } \
        Py_ssize_t _live_ = Pyrite_LiveObjects(); \
        if (_live_ != check_live_start) { \
            fprintf(stderr, "live objects: %zd at start, %zd at end\n", check_live_start, _live_); \
            check_failures++; \
        } \
        if (Py_FinalizeEx() < 0) check_failures++; \
        return check_failures ? 1 : 0; \
    } while (0)

#endif
