/* PySys_Audit (CPython's Python/sysmodule.c variadic entry point).
 *
 * Design note. Nothing is built when no audit hook is installed (the common
 * case costs one call). Otherwise the arguments are built with
 * Py_VaBuildValue and, as in CPython, a result that is not a tuple becomes
 * a 1-tuple; the hooks run in Rust (Pyrite_SysAuditTuple). Returns 0, or -1
 * with the exception a hook raised.
 */
#include "shims.h"

int pyrite_c_PySys_Audit(const char *event, const char *format, ...) {
    if (event == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (!Pyrite_SysAuditActive()) return 0;
    PyObject *args;
    if (format != NULL && *format != '\0') {
        va_list va;
        va_start(va, format);
        args = pyrite_c_Py_VaBuildValue(format, va);
        va_end(va);
        if (args == NULL) return -1;
        if (!PyTuple_Check(args)) {
            PyObject *t = PyTuple_New(1);
            if (t == NULL) {
                Py_DECREF(args);
                return -1;
            }
            PyTuple_SET_ITEM(t, 0, args);
            args = t;
        }
    } else {
        args = PyTuple_New(0);
        if (args == NULL) return -1;
    }
    int r = Pyrite_SysAuditTuple(event, args);
    Py_DECREF(args);
    return r;
}
