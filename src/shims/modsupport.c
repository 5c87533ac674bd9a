/* Building values from C: Py_BuildValue and friends (CPython's
 * Python/modsupport.c, written afresh for pyrite).
 *
 * Design note. The format is walked recursively: "(...)", "[...]" and
 * "{...}" build containers whose item count is found first by scanning to
 * the matching bracket. Invariant: every C argument the format names is
 * consumed even after an error, so that each "N" argument (a stolen
 * reference) is released exactly once whatever happens; after an error the
 * remaining units are still built (with the exception saved and restored)
 * and dropped. An "O"/"S"/"N" given NULL passes an already set exception on,
 * or raises SystemError "NULL object passed to Py_BuildValue".
 *
 * '#' lengths are Py_ssize_t with the _SizeT entry points (PY_SSIZE_T_CLEAN);
 * without them a '#' raises SystemError, as CPython 3.11 does.
 */
#include "shims.h"

#define FLAG_SIZE_T 1

typedef double promoted_double; /* float arguments arrive promoted to double */

static PyObject *make_value(const char **p_format, va_list *p_va, int flags);

/* Count the values up to `end` (at nesting level 0), or -1 with SystemError. */
static Py_ssize_t count_units(const char *f, char end) {
    Py_ssize_t n = 0;
    int level = 0;
    while (level > 0 || *f != end) {
        switch (*f) {
        case '\0':
            PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
            return -1;
        case '(':
        case '[':
        case '{':
            if (level == 0) n++;
            level++;
            break;
        case ')':
        case ']':
        case '}':
            level--;
            break;
        case '#':
        case '&':
        case ',':
        case ':':
        case ' ':
        case '\t':
            break;
        default:
            if (level == 0) n++;
        }
        f++;
    }
    return n;
}

/* After an error: build and drop the next `n` values (consuming their C
 * arguments, releasing "N" references) and step over `end`. The pending
 * exception is kept. */
static void skip_values(const char **p_format, va_list *p_va, char end, Py_ssize_t n, int flags) {
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyObject *w = make_value(p_format, p_va, flags);
        PyErr_Restore(t, v, tb);
        Py_XDECREF(w);
    }
    if (**p_format != end) {
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return;
    }
    if (end) ++*p_format;
}

static PyObject *make_tuple(const char **p_format, va_list *p_va, char end, Py_ssize_t n, int flags) {
    if (n < 0) return NULL;
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        skip_values(p_format, p_va, end, n, flags);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = make_value(p_format, p_va, flags);
        if (w == NULL) {
            skip_values(p_format, p_va, end, n - i - 1, flags);
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, w);
    }
    if (**p_format != end) {
        Py_DECREF(t);
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return NULL;
    }
    if (end) ++*p_format;
    return t;
}

static PyObject *make_list(const char **p_format, va_list *p_va, char end, Py_ssize_t n, int flags) {
    if (n < 0) return NULL;
    PyObject *l = PyList_New(n);
    if (l == NULL) {
        skip_values(p_format, p_va, end, n, flags);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = make_value(p_format, p_va, flags);
        if (w == NULL) {
            skip_values(p_format, p_va, end, n - i - 1, flags);
            Py_DECREF(l);
            return NULL;
        }
        PyList_SET_ITEM(l, i, w);
    }
    if (**p_format != end) {
        Py_DECREF(l);
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return NULL;
    }
    if (end) ++*p_format;
    return l;
}

static PyObject *make_dict(const char **p_format, va_list *p_va, char end, Py_ssize_t n, int flags) {
    if (n < 0) return NULL;
    if (n % 2) {
        PyErr_SetString(PyExc_SystemError, "Bad dict format");
        skip_values(p_format, p_va, end, n, flags);
        return NULL;
    }
    PyObject *d = PyDict_New();
    if (d == NULL) {
        skip_values(p_format, p_va, end, n, flags);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i += 2) {
        PyObject *k = make_value(p_format, p_va, flags);
        if (k == NULL) {
            skip_values(p_format, p_va, end, n - i - 1, flags);
            Py_DECREF(d);
            return NULL;
        }
        PyObject *v = make_value(p_format, p_va, flags);
        if (v == NULL || PyDict_SetItem(d, k, v) < 0) {
            skip_values(p_format, p_va, end, n - i - 2, flags);
            Py_DECREF(k);
            Py_XDECREF(v);
            Py_DECREF(d);
            return NULL;
        }
        Py_DECREF(k);
        Py_DECREF(v);
    }
    if (**p_format != end) {
        Py_DECREF(d);
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return NULL;
    }
    if (end) ++*p_format;
    return d;
}

/* The length after a '#' (or -1 without one); -2 on error. */
static Py_ssize_t hash_length(const char **p_format, va_list *p_va, int flags) {
    if (**p_format != '#') return -1;
    ++*p_format;
    if (!(flags & FLAG_SIZE_T)) {
        PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
        return -2;
    }
    return va_arg(*p_va, Py_ssize_t);
}

static PyObject *make_value(const char **p_format, va_list *p_va, int flags) {
    for (;;) {
        switch (*(*p_format)++) {
        case '(':
            return make_tuple(p_format, p_va, ')', count_units(*p_format, ')'), flags);
        case '[':
            return make_list(p_format, p_va, ']', count_units(*p_format, ']'), flags);
        case '{':
            return make_dict(p_format, p_va, '}', count_units(*p_format, '}'), flags);
        case 'b':
        case 'B':
        case 'h':
        case 'i':
            return PyLong_FromLong((long)va_arg(*p_va, int));
        case 'H':
            return PyLong_FromLong((long)va_arg(*p_va, unsigned int));
        case 'I':
            return PyLong_FromUnsignedLong((unsigned long)va_arg(*p_va, unsigned int));
        case 'n':
            return PyLong_FromSsize_t(va_arg(*p_va, Py_ssize_t));
        case 'l':
            return PyLong_FromLong(va_arg(*p_va, long));
        case 'k':
            return PyLong_FromUnsignedLong(va_arg(*p_va, unsigned long));
        case 'L':
            return PyLong_FromLongLong(va_arg(*p_va, long long));
        case 'K':
            return PyLong_FromUnsignedLongLong(va_arg(*p_va, unsigned long long));
        case 'f':
        case 'd':
            return PyFloat_FromDouble(va_arg(*p_va, promoted_double));
        case 'D':
            return PyComplex_FromCComplex(*va_arg(*p_va, Py_complex *));
        case 'c': {
            char ch = (char)va_arg(*p_va, int);
            return PyBytes_FromStringAndSize(&ch, 1);
        }
        case 'C':
            return PyUnicode_FromOrdinal(va_arg(*p_va, int));
        case 'u': {
            const wchar_t *w = va_arg(*p_va, const wchar_t *);
            Py_ssize_t n = hash_length(p_format, p_va, flags);
            if (n == -2) return NULL;
            if (w == NULL) Py_RETURN_NONE;
            if (n < 0) n = (Py_ssize_t)wcslen(w);
            return PyUnicode_FromWideChar(w, n);
        }
        case 's':
        case 'z':
        case 'U':
        case 'y': {
            char unit = (*p_format)[-1];
            const char *s = va_arg(*p_va, const char *);
            Py_ssize_t n = hash_length(p_format, p_va, flags);
            if (n == -2) return NULL;
            if (s == NULL) Py_RETURN_NONE;
            if (n < 0) {
                size_t m = strlen(s);
                if (m > (size_t)PY_SSIZE_T_MAX) {
                    PyErr_SetString(PyExc_OverflowError,
                                    unit == 'y' ? "string too long for Python bytes" : "string too long for Python string");
                    return NULL;
                }
                n = (Py_ssize_t)m;
            }
            return unit == 'y' ? PyBytes_FromStringAndSize(s, n) : PyUnicode_FromStringAndSize(s, n);
        }
        case 'N':
        case 'S':
        case 'O': {
            char unit = (*p_format)[-1];
            if (**p_format == '&') {
                PyObject *(*convert)(void *) = va_arg(*p_va, PyObject * (*)(void *));
                void *arg = va_arg(*p_va, void *);
                ++*p_format;
                if (convert == NULL) {
                    PyErr_BadInternalCall();
                    return NULL;
                }
                return convert(arg);
            }
            PyObject *v = va_arg(*p_va, PyObject *);
            if (v != NULL) {
                if (unit != 'N') Py_INCREF(v);
            } else if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
            }
            return v;
        }
        case ':':
        case ',':
        case ' ':
        case '\t':
            break;
        default:
            PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
            return NULL;
        }
    }
}

static PyObject *build(const char *format, va_list va, int flags) {
    const char *f = format;
    if (format == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    Py_ssize_t n = count_units(f, '\0');
    if (n < 0) return NULL;
    if (n == 0) Py_RETURN_NONE;
    va_list lva;
    va_copy(lva, va);
    PyObject *r = n == 1 ? make_value(&f, &lva, flags) : make_tuple(&f, &lva, '\0', n, flags);
    va_end(lva);
    return r;
}

PyObject *pyrite_c_Py_BuildValue(const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = build(format, va, 0);
    va_end(va);
    return r;
}

PyObject *pyrite_c__Py_BuildValue_SizeT(const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = build(format, va, FLAG_SIZE_T);
    va_end(va);
    return r;
}

PyObject *pyrite_c_Py_VaBuildValue(const char *format, va_list va) { return build(format, va, 0); }

PyObject *pyrite_c__Py_VaBuildValue_SizeT(const char *format, va_list va) { return build(format, va, FLAG_SIZE_T); }

PyObject **pyrite_shims_build_stack(const char *format, va_list va, int size_t_flag, Py_ssize_t *nargs) {
    static PyObject *no_args[1];
    int flags = size_t_flag ? FLAG_SIZE_T : 0;
    const char *f = format;
    Py_ssize_t n = count_units(f, '\0');
    if (n < 0) return NULL;
    *nargs = n;
    if (n == 0) return no_args;
    PyObject **stack = PyMem_Malloc((size_t)n * sizeof(PyObject *));
    if (stack == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    va_list lva;
    va_copy(lva, va);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = make_value(&f, &lva, flags);
        if (w == NULL) {
            skip_values(&f, &lva, '\0', n - i - 1, flags);
            for (Py_ssize_t j = 0; j < i; j++) Py_DECREF(stack[j]);
            PyMem_Free(stack);
            va_end(lva);
            return NULL;
        }
        stack[i] = w;
    }
    va_end(lva);
    return stack;
}
