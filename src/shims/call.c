/* Calling from C with a format or a NULL-terminated list (CPython's
 * Objects/call.c variadic helpers, written afresh for pyrite).
 *
 * Design note. A format's top-level values become the positional arguments
 * ("ii" → f(a, b)); when they are exactly one tuple, its items are the
 * arguments ("(ii)" or "O" with a tuple → f(*t)), as CPython does for
 * compatibility; an empty or NULL format calls with no arguments. A NULL
 * callable (or object, or name) passes on an exception already set, or
 * raises SystemError "null argument to internal routine".
 */
#include "shims.h"

static PyObject *null_error(void) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
    return NULL;
}

static PyObject *call_format(PyObject *callable, const char *format, va_list va, int size_t_flag) {
    if (callable == NULL) return null_error();
    if (format == NULL || *format == '\0') return PyObject_CallNoArgs(callable);
    Py_ssize_t n;
    PyObject **stack = pyrite_shims_build_stack(format, va, size_t_flag, &n);
    if (stack == NULL) return NULL;
    PyObject *r;
    if (n == 1 && PyTuple_Check(stack[0])) {
        PyObject *t = stack[0];
        r = PyObject_Vectorcall(callable, &PyTuple_GET_ITEM(t, 0), (size_t)PyTuple_GET_SIZE(t), NULL);
    } else {
        r = PyObject_Vectorcall(callable, stack, (size_t)n, NULL);
    }
    for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(stack[i]);
    if (n > 0) PyMem_Free(stack);
    return r;
}

static PyObject *call_method_format(PyObject *obj, const char *name, const char *format, va_list va,
                                    int size_t_flag) {
    if (obj == NULL || name == NULL) return null_error();
    PyObject *callable = PyObject_GetAttrString(obj, name);
    if (callable == NULL) return NULL;
    PyObject *r;
    if (!PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable", Py_TYPE(callable)->tp_name);
        r = NULL;
    } else {
        r = call_format(callable, format, va, size_t_flag);
    }
    Py_DECREF(callable);
    return r;
}

PyObject *pyrite_c_PyObject_CallFunction(PyObject *callable, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_format(callable, format, va, 0);
    va_end(va);
    return r;
}

PyObject *pyrite_c__PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_format(callable, format, va, 1);
    va_end(va);
    return r;
}

PyObject *pyrite_c_PyEval_CallFunction(PyObject *callable, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_format(callable, format, va, 0);
    va_end(va);
    return r;
}

PyObject *pyrite_c_PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_format(obj, name, format, va, 0);
    va_end(va);
    return r;
}

PyObject *pyrite_c__PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_format(obj, name, format, va, 1);
    va_end(va);
    return r;
}

PyObject *pyrite_c_PyEval_CallMethod(PyObject *obj, const char *name, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_format(obj, name, format, va, 0);
    va_end(va);
    return r;
}

/* Call with the PyObject * arguments of `va` up to a NULL. */
static PyObject *call_list(PyObject *callable, va_list va) {
    PyObject *small[8];
    PyObject **args = small;
    Py_ssize_t n = 0;
    va_list count;
    va_copy(count, va);
    while (va_arg(count, PyObject *) != NULL) n++;
    va_end(count);
    if (n > (Py_ssize_t)(sizeof small / sizeof small[0])) {
        args = PyMem_Malloc((size_t)n * sizeof(PyObject *));
        if (args == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) args[i] = va_arg(va, PyObject *);
    PyObject *r = PyObject_Vectorcall(callable, args, (size_t)n, NULL);
    if (args != small) PyMem_Free(args);
    return r;
}

PyObject *pyrite_c_PyObject_CallFunctionObjArgs(PyObject *callable, ...) {
    if (callable == NULL) return null_error();
    va_list va;
    va_start(va, callable);
    PyObject *r = call_list(callable, va);
    va_end(va);
    return r;
}

PyObject *pyrite_c_PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...) {
    if (obj == NULL || name == NULL) return null_error();
    PyObject *callable = PyObject_GetAttr(obj, name);
    if (callable == NULL) return NULL;
    va_list va;
    va_start(va, name);
    PyObject *r = call_list(callable, va);
    va_end(va);
    Py_DECREF(callable);
    return r;
}

PyObject *pyrite_c_PyTuple_Pack(Py_ssize_t n, ...) {
    PyObject *t = PyTuple_New(n);
    if (t == NULL) return NULL;
    va_list va;
    va_start(va, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = va_arg(va, PyObject *);
        if (o == NULL) {
            va_end(va);
            Py_DECREF(t);
            PyErr_BadInternalCall();
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, Py_NewRef(o));
    }
    va_end(va);
    return t;
}
