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

static int warn_formatted(PyObject *category, PyObject *source, Py_ssize_t stack_level, const char *format, va_list va) {
    PyObject *msg = pyrite_c_PyUnicode_FromFormatV(format, va);
    if (msg == NULL) return -1;
    int r = Pyrite_WarnObject(category, msg, stack_level, source);
    Py_DECREF(msg);
    return r;
}

int pyrite_c_PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = warn_formatted(category, NULL, stack_level, format, va);
    va_end(va);
    return r;
}

/* `source` (the object being finalized) reaches warnings._showwarnmsg when
 * the Python warnings module is loaded, as in CPython. */
int pyrite_c_PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = warn_formatted(PyExc_ResourceWarning, source, stack_level, format, va);
    va_end(va);
    return r;
}

int pyrite_c_PyErr_WarnExplicitFormat(PyObject *category, const char *filename, int lineno,
                                      const char *module, PyObject *registry, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *msg = pyrite_c_PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (msg == NULL) return -1;
    PyObject *file = PyUnicode_DecodeFSDefault(filename);
    PyObject *mod = NULL;
    int r = -1;
    if (file == NULL) goto done;
    if (module != NULL) {
        mod = PyUnicode_FromString(module);
        if (mod == NULL) goto done;
    }
    r = PyErr_WarnExplicitObject(category, msg, file, lineno, mod, registry);
done:
    Py_DECREF(msg);
    Py_XDECREF(file);
    Py_XDECREF(mod);
    return r;
}
