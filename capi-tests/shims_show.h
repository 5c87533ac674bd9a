/* Output helpers for the shims tests (test_shims_*.c). The tests print what
 * they observe; their .expected files were produced by compiling the same
 * sources against CPython 3.11 (with -D'Pyrite_LiveObjects()=0'), so every
 * value and message is CPython's. */
#ifndef PYRITE_SHIMS_SHOW_H
#define PYRITE_SHIMS_SHOW_H
#include "check.h"

/* Print and clear the pending exception as "TypeName: message". */
static inline void show_error(const char *label) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (t == NULL) {
        printf("%s: failed without exception\n", label);
        check_failures++;
        return;
    }
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = v ? PyObject_Str(v) : NULL;
    printf("%s: %s: %s\n", label, ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "<str failed>");
    if (s == NULL) PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

/* Print repr(o) (consuming o), or the exception when o is NULL. */
static inline void show(const char *label, PyObject *o) {
    if (o == NULL) {
        show_error(label);
        return;
    }
    if (PyErr_Occurred()) {
        printf("%s: result with an exception set\n", label);
        check_failures++;
        PyErr_Clear();
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    if (r == NULL) PyErr_Clear();
    Py_XDECREF(r);
    Py_DECREF(o);
}

/* For functions returning true on success: print "ok" or the exception. */
static inline int show_ok(const char *label, int ok) {
    if (ok) {
        if (PyErr_Occurred()) {
            printf("%s: success with an exception set\n", label);
            check_failures++;
            PyErr_Clear();
        }
        printf("%s: ok\n", label);
    } else {
        show_error(label);
    }
    return ok;
}

#endif
