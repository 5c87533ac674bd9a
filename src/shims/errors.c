/* Raising and warning with a printf-style message (CPython's
 * Python/errors.c and _warnings.c variadic entry points).
 *
 * Design note. The message is built by PyUnicode_FromFormatV (so the units
 * are PyUnicode_FromFormat's: %S, %R, %U, %zd ...). A pending exception is
 * cleared first, as CPython does, so formatting runs with no error set and
 * the new exception does not chain onto a stale one.
 */
#include "shims.h"

PyObject *pyrite_c_PyErr_FormatV(PyObject *exception, const char *format, va_list va) {
    PyErr_Clear();
    PyObject *msg = pyrite_c_PyUnicode_FromFormatV(format, va);
    if (msg != NULL) {
        PyErr_SetObject(exception, msg);
        Py_DECREF(msg);
    }
    return NULL;
}

PyObject *pyrite_c_PyErr_Format(PyObject *exception, const char *format, ...) {
    va_list va;
    va_start(va, format);
    pyrite_c_PyErr_FormatV(exception, format, va);
    va_end(va);
    return NULL;
}

static int warn_formatted(PyObject *category, Py_ssize_t stack_level, const char *format, va_list va) {
    PyObject *msg = pyrite_c_PyUnicode_FromFormatV(format, va);
    if (msg == NULL) return -1;
    const char *text = PyUnicode_AsUTF8(msg);
    int r = text == NULL ? -1 : PyErr_WarnEx(category, text, stack_level);
    Py_DECREF(msg);
    return r;
}

int pyrite_c_PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = warn_formatted(category, stack_level, format, va);
    va_end(va);
    return r;
}

/* The `source` object (the resource being finalized) is not attached to the
 * warning yet: PyErr_WarnEx has no place for it. */
int pyrite_c_PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = warn_formatted(PyExc_ResourceWarning, stack_level, format, va);
    va_end(va);
    return r;
}
