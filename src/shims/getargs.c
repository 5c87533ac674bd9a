/* Argument parsing for C functions: PyArg_Parse* and friends (CPython's
 * Python/getargs.c, written afresh for pyrite).
 *
 * Design note. A format string is walked once per call; each format unit
 * consumes one Python value and one or more C pointers from the va_list
 * (passed by pointer, `va_list *`, so nested tuples consume from the same
 * list). Anything a unit acquires that the caller must not keep when the
 * whole parse fails (a Py_buffer, a PyMem buffer of "es", an "O&" converter
 * returning Py_CLEANUP_SUPPORTED) is recorded in a cleanup list, released on
 * failure and dropped (left to the caller) on success.
 *
 * Errors follow CPython 3.11 word for word. A unit that fails with an
 * exception already set keeps that exception; otherwise it returns a short
 * description ("must be str, not int") that `set_arg_error` turns into
 * "fname() argument N must be str, not int" (TypeError), or SystemError when
 * the description starts with '(' (a misuse of the API, not of the call).
 *
 * The `_SizeT` entry points set FLAG_SIZE_T: with it '#' lengths are
 * Py_ssize_t; without it (no PY_SSIZE_T_CLEAN) a '#' unit raises SystemError,
 * as 3.11 does. 'u' and 'Z' (Py_UNICODE, deprecated) raise SystemError.
 */
#include "shims.h"
#include <ctype.h>

#define FLAG_COMPAT 1
#define FLAG_SIZE_T 2
#define MAX_LEVELS 32
#define MSGBUF 512

#ifndef Py_CLEANUP_SUPPORTED
#define Py_CLEANUP_SUPPORTED 0x20000
#endif

/* ------------------------------------------------------------ cleanup list */

typedef int (*destroy_fn)(PyObject *, void *);

typedef struct {
    void *item;
    destroy_fn destroy;
} cleanup_entry;

typedef struct {
    int used;
    int capacity;
    cleanup_entry *entries;
    cleanup_entry small[8];
} cleanup_list;

static void cleanup_init(cleanup_list *c) {
    c->used = 0;
    c->capacity = 8;
    c->entries = c->small;
}

static int cleanup_add(cleanup_list *c, void *item, destroy_fn destroy) {
    if (c->used == c->capacity) {
        int ncap = c->capacity * 2;
        cleanup_entry *n = PyMem_Malloc(sizeof(cleanup_entry) * (size_t)ncap);
        if (n == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(n, c->entries, sizeof(cleanup_entry) * (size_t)c->used);
        if (c->entries != c->small) PyMem_Free(c->entries);
        c->entries = n;
        c->capacity = ncap;
    }
    c->entries[c->used].item = item;
    c->entries[c->used].destroy = destroy;
    c->used++;
    return 0;
}

static int destroy_pymem(PyObject *unused, void *p) {
    PyMem_Free(p);
    return 0;
}

static int destroy_buffer(PyObject *unused, void *p) {
    PyBuffer_Release((Py_buffer *)p);
    return 0;
}

/* Finish a parse: on failure release what was acquired, in reverse order. */
static int cleanup_finish(int ok, cleanup_list *c) {
    if (!ok) {
        for (int i = c->used - 1; i >= 0; i--) {
            c->entries[i].destroy(NULL, c->entries[i].item);
        }
    }
    if (c->entries != c->small) PyMem_Free(c->entries);
    return ok;
}

/* ------------------------------------------------------------ messages */

static const char *type_name_or_none(PyObject *arg) {
    return arg == Py_None ? "None" : Py_TYPE(arg)->tp_name;
}

/* A unit's failure description: "must be EXPECTED, not TYPE", or EXPECTED
 * itself when it starts with '(' (an API misuse, reported as SystemError). */
static const char *describe(const char *expected, PyObject *arg, char *msgbuf) {
    if (expected[0] == '(') {
        snprintf(msgbuf, MSGBUF, "%.100s", expected);
    } else {
        snprintf(msgbuf, MSGBUF, "must be %.50s, not %.50s", expected, type_name_or_none(arg));
    }
    return msgbuf;
}

/* Raise the error for argument `iarg` (1-based; 0 for a lone PyArg_Parse
 * argument) unless the unit already raised one. `levels` locates the item
 * inside nested tuples. `custom` is the text after ';' in the format. */
static void set_arg_error(Py_ssize_t iarg, const char *msg, const int *levels, const char *fname,
                          const char *custom) {
    char buf[MSGBUF];
    size_t n = 0;
    if (PyErr_Occurred()) return;
    if (custom == NULL) {
        if (fname != NULL) n += (size_t)snprintf(buf + n, sizeof buf - n, "%.200s() ", fname);
        if (iarg != 0) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "argument %zd", iarg);
            for (int i = 0; i < MAX_LEVELS && levels[i] > 0 && n < 220; i++) {
                n += (size_t)snprintf(buf + n, sizeof buf - n, ", item %d", levels[i] - 1);
            }
        } else {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "argument");
        }
        if (n < sizeof buf) snprintf(buf + n, sizeof buf - n, " %.256s", msg);
        custom = buf;
    }
    PyErr_SetString(msg[0] == '(' ? PyExc_SystemError : PyExc_TypeError, custom);
}

#define NEED_SIZE_T()                                                                              \
    do {                                                                                           \
        if (!(flags & FLAG_SIZE_T)) {                                                              \
            PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats"); \
            return msgbuf;                                                                         \
        }                                                                                          \
    } while (0)

/* ------------------------------------------------------------ buffers */

/* A C-contiguous buffer of any bytes-like object; on failure *err says what
 * was expected (the exception of PyObject_GetBuffer stays set). */
static int get_contiguous(PyObject *arg, Py_buffer *view, const char **err) {
    if (PyObject_GetBuffer(arg, view, PyBUF_SIMPLE) != 0) {
        *err = "bytes-like object";
        return -1;
    }
    if (!PyBuffer_IsContiguous(view, 'C')) {
        PyBuffer_Release(view);
        *err = "contiguous buffer";
        return -1;
    }
    return 0;
}

/* Pointer and length of a read-only bytes-like object (one whose buffer
 * needs no release, so the pointer stays valid while `arg` lives). */
static Py_ssize_t readonly_buffer(PyObject *arg, const void **p, const char **err) {
    PyBufferProcs *pb = Py_TYPE(arg)->tp_as_buffer;
    Py_buffer view;
    *p = NULL;
    if (pb != NULL && pb->bf_releasebuffer != NULL) {
        *err = "read-only bytes-like object";
        return -1;
    }
    if (get_contiguous(arg, &view, err) < 0) return -1;
    *p = view.buf;
    PyBuffer_Release(&view);
    return view.len;
}

/* ------------------------------------------------------------ format units */

static int is_end_of_format(char c) { return c == '\0' || c == ':' || c == ';'; }

static const char *convert_item(PyObject *arg, const char **p_format, va_list *p_va, int flags, int *levels,
                                char *msgbuf, cleanup_list *cl);

/* "(...)": a sequence whose items are parsed by the enclosed units. */
static const char *convert_tuple(PyObject *arg, const char **p_format, va_list *p_va, int flags, int *levels,
                                 char *msgbuf, cleanup_list *cl) {
    const char *f = *p_format;
    int level = 0, n = 0;
    for (;;) {
        char c = *f++;
        if (c == '(') {
            if (level == 0) n++;
            level++;
        } else if (c == ')') {
            if (level == 0) break;
            level--;
        } else if (c == ':' || c == ';' || c == '\0') {
            break;
        } else if (level == 0 && isalpha((unsigned char)c) && c != 'e') {
            n++;
        }
    }
    int fast = PyTuple_Check(arg) || PyList_Check(arg);
    if ((!fast && !PySequence_Check(arg)) || PyBytes_Check(arg)) {
        levels[0] = 0;
        snprintf(msgbuf, MSGBUF, "must be %d-item sequence, not %.50s", n, type_name_or_none(arg));
        return msgbuf;
    }
    Py_ssize_t len = fast ? Py_SIZE(arg) : PySequence_Size(arg);
    if (len != n) {
        levels[0] = 0;
        if (len < 0) PyErr_Clear();
        snprintf(msgbuf, MSGBUF, "must be sequence of length %d, not %zd", n, len);
        return msgbuf;
    }
    f = *p_format;
    for (int i = 0; i < n; i++) {
        PyObject *item;
        if (PyTuple_Check(arg)) {
            item = Py_NewRef(PyTuple_GET_ITEM(arg, i));
        } else if (PyList_Check(arg)) {
            item = Py_NewRef(PyList_GET_ITEM(arg, i));
        } else {
            item = PySequence_GetItem(arg, i);
        }
        if (item == NULL) {
            PyErr_Clear();
            levels[0] = i + 1;
            levels[1] = 0;
            snprintf(msgbuf, MSGBUF, "is not retrievable");
            return msgbuf;
        }
        const char *msg = convert_item(item, &f, p_va, flags, levels + 1, msgbuf, cl);
        Py_DECREF(item);
        if (msg != NULL) {
            levels[0] = i + 1;
            return msg;
        }
    }
    *p_format = f;
    return NULL;
}

/* "es", "et", "es#", "et#": a str encoded (or, for 't', bytes taken as is)
 * into a char buffer, allocated with PyMem_Malloc unless the caller gave one. */
static const char *convert_encoded(PyObject *arg, const char **p_format, va_list *p_va, int flags, char *msgbuf,
                                   cleanup_list *cl) {
    const char *f = *p_format;
    const char *encoding = va_arg(*p_va, const char *);
    int recode;
    if (encoding == NULL) encoding = "utf-8";
    if (*f == 's') {
        recode = 1;
    } else if (*f == 't') {
        recode = 0;
    } else {
        return describe("(unknown parser marker combination)", arg, msgbuf);
    }
    char **buffer = va_arg(*p_va, char **);
    f++;
    if (buffer == NULL) return describe("(buffer is NULL)", arg, msgbuf);

    PyObject *s;
    const char *ptr;
    Py_ssize_t size;
    if (!recode && (PyBytes_Check(arg) || PyByteArray_Check(arg))) {
        s = Py_NewRef(arg);
        if (PyBytes_Check(arg)) {
            size = PyBytes_GET_SIZE(arg);
            ptr = PyBytes_AS_STRING(arg);
        } else {
            size = PyByteArray_GET_SIZE(arg);
            ptr = PyByteArray_AS_STRING(arg);
        }
    } else if (PyUnicode_Check(arg)) {
        s = PyUnicode_AsEncodedString(arg, encoding, NULL);
        if (s == NULL) return describe("(encoding failed)", arg, msgbuf);
        if (!PyBytes_Check(s)) {
            Py_DECREF(s);
            return describe("(encoder failed to return bytes)", arg, msgbuf);
        }
        size = PyBytes_GET_SIZE(s);
        ptr = PyBytes_AS_STRING(s);
    } else {
        return describe(recode ? "str" : "str, bytes or bytearray", arg, msgbuf);
    }

    if (*f == '#') {
        f++;
        if (!(flags & FLAG_SIZE_T)) {
            Py_DECREF(s);
            PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
            return msgbuf;
        }
        Py_ssize_t *psize = va_arg(*p_va, Py_ssize_t *);
        if (psize == NULL) {
            Py_DECREF(s);
            return describe("(buffer_len is NULL)", arg, msgbuf);
        }
        if (*buffer == NULL) {
            *buffer = PyMem_Malloc((size_t)size + 1);
            if (*buffer == NULL) {
                Py_DECREF(s);
                PyErr_NoMemory();
                return msgbuf;
            }
            if (cleanup_add(cl, *buffer, destroy_pymem) < 0) {
                Py_DECREF(s);
                return msgbuf;
            }
        } else if (size + 1 > *psize) {
            Py_DECREF(s);
            PyErr_Format(PyExc_ValueError, "encoded string too long (%zd, maximum length %zd)", size, *psize - 1);
            return msgbuf;
        }
        memcpy(*buffer, ptr, (size_t)size);
        (*buffer)[size] = '\0';
        *psize = size;
    } else {
        if ((Py_ssize_t)strlen(ptr) != size) {
            Py_DECREF(s);
            return describe("encoded string without null bytes", arg, msgbuf);
        }
        *buffer = PyMem_Malloc((size_t)size + 1);
        if (*buffer == NULL) {
            Py_DECREF(s);
            PyErr_NoMemory();
            return msgbuf;
        }
        if (cleanup_add(cl, *buffer, destroy_pymem) < 0) {
            Py_DECREF(s);
            return msgbuf;
        }
        memcpy(*buffer, ptr, (size_t)size + 1);
    }
    Py_DECREF(s);
    *p_format = f;
    return NULL;
}

/* One unit that is not a tuple. Returns NULL on success, else a description
 * (see set_arg_error) with or without an exception set. */
static const char *convert_simple(PyObject *arg, const char **p_format, va_list *p_va, int flags, char *msgbuf,
                                  cleanup_list *cl) {
    const char *f = *p_format;
    char c = *f++;

    switch (c) {
    case 'b': {
        unsigned char *p = va_arg(*p_va, unsigned char *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v < 0) {
            PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is less than minimum");
            return msgbuf;
        }
        if (v > UCHAR_MAX) {
            PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
            return msgbuf;
        }
        *p = (unsigned char)v;
        break;
    }
    case 'B': {
        unsigned char *p = va_arg(*p_va, unsigned char *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned char)v;
        break;
    }
    case 'h': {
        short *p = va_arg(*p_va, short *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v < SHRT_MIN) {
            PyErr_SetString(PyExc_OverflowError, "signed short integer is less than minimum");
            return msgbuf;
        }
        if (v > SHRT_MAX) {
            PyErr_SetString(PyExc_OverflowError, "signed short integer is greater than maximum");
            return msgbuf;
        }
        *p = (short)v;
        break;
    }
    case 'H': {
        unsigned short *p = va_arg(*p_va, unsigned short *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned short)v;
        break;
    }
    case 'i': {
        int *p = va_arg(*p_va, int *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v > INT_MAX) {
            PyErr_SetString(PyExc_OverflowError, "signed integer is greater than maximum");
            return msgbuf;
        }
        if (v < INT_MIN) {
            PyErr_SetString(PyExc_OverflowError, "signed integer is less than minimum");
            return msgbuf;
        }
        *p = (int)v;
        break;
    }
    case 'I': {
        unsigned int *p = va_arg(*p_va, unsigned int *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned int)v;
        break;
    }
    case 'n': {
        Py_ssize_t *p = va_arg(*p_va, Py_ssize_t *);
        Py_ssize_t v = -1;
        PyObject *i = PyNumber_Index(arg);
        if (i != NULL) {
            v = PyLong_AsSsize_t(i);
            Py_DECREF(i);
        }
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'l': {
        long *p = va_arg(*p_va, long *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'k': {
        unsigned long *p = va_arg(*p_va, unsigned long *);
        if (!PyLong_Check(arg)) return describe("int", arg, msgbuf);
        *p = PyLong_AsUnsignedLongMask(arg);
        break;
    }
    case 'L': {
        long long *p = va_arg(*p_va, long long *);
        long long v = PyLong_AsLongLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'K': {
        unsigned long long *p = va_arg(*p_va, unsigned long long *);
        if (!PyLong_Check(arg)) return describe("int", arg, msgbuf);
        *p = PyLong_AsUnsignedLongLongMask(arg);
        break;
    }
    case 'f': {
        float *p = va_arg(*p_va, float *);
        double v = PyFloat_AsDouble(arg);
        if (v == -1.0 && PyErr_Occurred()) return msgbuf;
        *p = (float)v;
        break;
    }
    case 'd': {
        double *p = va_arg(*p_va, double *);
        double v = PyFloat_AsDouble(arg);
        if (v == -1.0 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'D': {
        Py_complex *p = va_arg(*p_va, Py_complex *);
        Py_complex v = PyComplex_AsCComplex(arg);
        if (PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'c': {
        char *p = va_arg(*p_va, char *);
        if (PyBytes_Check(arg) && PyBytes_GET_SIZE(arg) == 1) {
            *p = PyBytes_AS_STRING(arg)[0];
        } else if (PyByteArray_Check(arg) && PyByteArray_GET_SIZE(arg) == 1) {
            *p = PyByteArray_AS_STRING(arg)[0];
        } else {
            return describe("a byte string of length 1", arg, msgbuf);
        }
        break;
    }
    case 'C': {
        int *p = va_arg(*p_va, int *);
        if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1) {
            return describe("a unicode character", arg, msgbuf);
        }
        *p = (int)PyUnicode_READ_CHAR(arg, 0);
        break;
    }
    case 'p': {
        int *p = va_arg(*p_va, int *);
        int v = PyObject_IsTrue(arg);
        if (v < 0) return msgbuf;
        *p = v;
        break;
    }
    case 'y': {
        void **p = va_arg(*p_va, void **);
        const char *err = NULL;
        if (*f == '*') {
            f++;
            if (get_contiguous(arg, (Py_buffer *)p, &err) < 0) return describe(err, arg, msgbuf);
            if (cleanup_add(cl, p, destroy_buffer) < 0) return describe("(cleanup problem)", arg, msgbuf);
            break;
        }
        Py_ssize_t count = readonly_buffer(arg, (const void **)p, &err);
        if (count < 0) return describe(err, arg, msgbuf);
        if (*f == '#') {
            f++;
            NEED_SIZE_T();
            Py_ssize_t *psize = va_arg(*p_va, Py_ssize_t *);
            *psize = count;
        } else if (strlen((const char *)*p) != (size_t)count) {
            PyErr_SetString(PyExc_ValueError, "embedded null byte");
            return msgbuf;
        }
        break;
    }
    case 's':
    case 'z': {
        if (*f == '*') {
            Py_buffer *p = va_arg(*p_va, Py_buffer *);
            f++;
            if (c == 'z' && arg == Py_None) {
                PyBuffer_FillInfo(p, NULL, NULL, 0, 1, 0);
            } else if (PyUnicode_Check(arg)) {
                Py_ssize_t len;
                const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
                if (s == NULL) return describe("(unicode conversion error)", arg, msgbuf);
                PyBuffer_FillInfo(p, arg, (void *)s, len, 1, 0);
            } else {
                const char *err = NULL;
                if (get_contiguous(arg, p, &err) < 0) return describe(err, arg, msgbuf);
            }
            if (cleanup_add(cl, p, destroy_buffer) < 0) return describe("(cleanup problem)", arg, msgbuf);
        } else if (*f == '#') {
            const void **p = va_arg(*p_va, const void **);
            f++;
            NEED_SIZE_T();
            Py_ssize_t *psize = va_arg(*p_va, Py_ssize_t *);
            if (c == 'z' && arg == Py_None) {
                *p = NULL;
                *psize = 0;
            } else if (PyUnicode_Check(arg)) {
                Py_ssize_t len;
                const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
                if (s == NULL) return describe("(unicode conversion error)", arg, msgbuf);
                *p = s;
                *psize = len;
            } else {
                const char *err = NULL;
                Py_ssize_t count = readonly_buffer(arg, p, &err);
                if (count < 0) return describe(err, arg, msgbuf);
                *psize = count;
            }
        } else {
            const char **p = va_arg(*p_va, const char **);
            if (c == 'z' && arg == Py_None) {
                *p = NULL;
            } else if (PyUnicode_Check(arg)) {
                Py_ssize_t len;
                const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
                if (s == NULL) return describe("(unicode conversion error)", arg, msgbuf);
                if (strlen(s) != (size_t)len) {
                    PyErr_SetString(PyExc_ValueError, "embedded null character");
                    return msgbuf;
                }
                *p = s;
            } else {
                return describe(c == 'z' ? "str or None" : "str", arg, msgbuf);
            }
        }
        break;
    }
    case 'e': {
        *p_format = f;
        return convert_encoded(arg, p_format, p_va, flags, msgbuf, cl);
    }
    case 'u':
    case 'Z':
        PyErr_Format(PyExc_SystemError, "format unit '%c' (Py_UNICODE) is not supported", c);
        return msgbuf;
    case 'S': {
        PyObject **p = va_arg(*p_va, PyObject **);
        if (!PyBytes_Check(arg)) return describe("bytes", arg, msgbuf);
        *p = arg;
        break;
    }
    case 'Y': {
        PyObject **p = va_arg(*p_va, PyObject **);
        if (!PyByteArray_Check(arg)) return describe("bytearray", arg, msgbuf);
        *p = arg;
        break;
    }
    case 'U': {
        PyObject **p = va_arg(*p_va, PyObject **);
        if (!PyUnicode_Check(arg)) return describe("str", arg, msgbuf);
        *p = arg;
        break;
    }
    case 'O': {
        if (*f == '!') {
            PyTypeObject *type = va_arg(*p_va, PyTypeObject *);
            PyObject **p = va_arg(*p_va, PyObject **);
            f++;
            if (type == NULL) return describe("(NULL type passed for 'O!')", arg, msgbuf);
            if (!PyType_IsSubtype(Py_TYPE(arg), type)) return describe(type->tp_name, arg, msgbuf);
            *p = arg;
        } else if (*f == '&') {
            destroy_fn convert = va_arg(*p_va, destroy_fn);
            void *addr = va_arg(*p_va, void *);
            f++;
            if (convert == NULL) return describe("(NULL converter passed for 'O&')", arg, msgbuf);
            int r = convert(arg, addr);
            if (r == 0) return describe("(unspecified)", arg, msgbuf);
            if (r == Py_CLEANUP_SUPPORTED && cleanup_add(cl, addr, convert) < 0) {
                return describe("(cleanup problem)", arg, msgbuf);
            }
        } else {
            PyObject **p = va_arg(*p_va, PyObject **);
            *p = arg;
        }
        break;
    }
    case 'w': {
        Py_buffer *p = va_arg(*p_va, Py_buffer *);
        if (*f != '*') return describe("(invalid use of 'w' format character)", arg, msgbuf);
        f++;
        if (PyObject_GetBuffer(arg, p, PyBUF_WRITABLE) < 0) {
            PyErr_Clear();
            return describe("read-write bytes-like object", arg, msgbuf);
        }
        if (!PyBuffer_IsContiguous(p, 'C')) {
            PyBuffer_Release(p);
            return describe("contiguous buffer", arg, msgbuf);
        }
        if (cleanup_add(cl, p, destroy_buffer) < 0) return describe("(cleanup problem)", arg, msgbuf);
        break;
    }
    default:
        return describe("(impossible<bad format char>)", arg, msgbuf);
    }
    *p_format = f;
    return NULL;
}

static const char *convert_item(PyObject *arg, const char **p_format, va_list *p_va, int flags, int *levels,
                                char *msgbuf, cleanup_list *cl) {
    const char *f = *p_format;
    const char *msg;
    if (*f == '(') {
        f++;
        msg = convert_tuple(arg, &f, p_va, flags, levels, msgbuf, cl);
        if (msg == NULL) f++;
    } else {
        msg = convert_simple(arg, &f, p_va, flags, msgbuf, cl);
        if (msg != NULL) levels[0] = 0;
    }
    if (msg == NULL) *p_format = f;
    return msg;
}

/* Skip one unit for an optional argument not given (keywords parsing):
 * consume its C pointers. Returns an error text for a malformed format. */
static const char *skip_item(const char **p_format, va_list *p_va, int flags) {
    const char *f = *p_format;
    char c = *f++;
    switch (c) {
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k': case 'L': case 'K':
    case 'n': case 'f': case 'd': case 'D': case 'c': case 'C': case 'p': case 'S': case 'Y': case 'U':
        (void)va_arg(*p_va, void *);
        break;
    case 'e':
        (void)va_arg(*p_va, const char *);
        if (*f != 's' && *f != 't') return "impossible<bad format char>";
        f++;
        /* fall through */
    case 's': case 'z': case 'y': case 'u': case 'Z': case 'w':
        (void)va_arg(*p_va, char **);
        if (*f == '#') {
            if (!(flags & FLAG_SIZE_T)) return "PY_SSIZE_T_CLEAN macro must be defined for '#' formats";
            (void)va_arg(*p_va, Py_ssize_t *);
            f++;
        } else if ((c == 's' || c == 'z' || c == 'y' || c == 'w') && *f == '*') {
            f++;
        }
        break;
    case 'O':
        if (*f == '!' || *f == '&') {
            f++;
            (void)va_arg(*p_va, void *);
            (void)va_arg(*p_va, void *);
        } else {
            (void)va_arg(*p_va, PyObject **);
        }
        break;
    case '(':
        for (;;) {
            if (*f == ')') break;
            if (is_end_of_format(*f)) return "Unmatched left paren in format string";
            const char *msg = skip_item(&f, p_va, flags);
            if (msg) return msg;
        }
        f++;
        break;
    case ')':
        return "Unmatched right paren in format string";
    default:
        return "impossible<bad format char>";
    }
    *p_format = f;
    return NULL;
}

/* ------------------------------------------------------------ positional parsing */

static int parse_positional(PyObject *args, const char *format, va_list *p_va, int flags) {
    char msgbuf[MSGBUF];
    int levels[MAX_LEVELS];
    const char *fname = NULL, *custom = NULL;
    const char *formatsave = format;
    int min = -1, max = 0, level = 0, endfmt = 0, compat = flags & FLAG_COMPAT;
    cleanup_list cl;

    if (format == NULL || (!compat && args == NULL)) {
        PyErr_BadInternalCall();
        return 0;
    }
    while (!endfmt) {
        char c = *format++;
        switch (c) {
        case '(':
            if (level == 0) max++;
            level++;
            if (level >= 30) {
                PyErr_SetString(PyExc_SystemError, "too many tuple nesting levels in argument format string");
                return 0;
            }
            break;
        case ')':
            if (level == 0) {
                PyErr_SetString(PyExc_SystemError, "excess ')' in getargs format");
                return 0;
            }
            level--;
            break;
        case '\0':
            endfmt = 1;
            break;
        case ':':
            fname = format;
            endfmt = 1;
            break;
        case ';':
            custom = format;
            endfmt = 1;
            break;
        case '|':
            if (level == 0) min = max;
            break;
        default:
            if (level == 0 && isalpha((unsigned char)c) && c != 'e') max++;
            break;
        }
    }
    if (level != 0) {
        PyErr_SetString(PyExc_SystemError, "missing ')' in getargs format");
        return 0;
    }
    if (min < 0) min = max;
    format = formatsave;
    cleanup_init(&cl);

    if (compat) {
        if (max == 0) {
            if (args == NULL) return cleanup_finish(1, &cl);
            PyErr_Format(PyExc_TypeError, "%.200s%s takes no arguments", fname == NULL ? "function" : fname,
                         fname == NULL ? "" : "()");
            return cleanup_finish(0, &cl);
        }
        if (min == 1 && max == 1) {
            if (args == NULL) {
                PyErr_Format(PyExc_TypeError, "%.200s%s takes at least one argument",
                             fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
                return cleanup_finish(0, &cl);
            }
            const char *msg = convert_item(args, &format, p_va, flags, levels, msgbuf, &cl);
            if (msg == NULL) return cleanup_finish(1, &cl);
            set_arg_error(levels[0], msg, levels + 1, fname, custom);
            return cleanup_finish(0, &cl);
        }
        PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
        return cleanup_finish(0, &cl);
    }

    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return cleanup_finish(0, &cl);
    }
    Py_ssize_t len = PyTuple_GET_SIZE(args);
    if (len < min || max < len) {
        if (custom == NULL) {
            int bound = len < min ? min : max;
            PyErr_Format(PyExc_TypeError, "%.150s%s takes %s %d argument%s (%zd given)",
                         fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                         min == max ? "exactly" : len < min ? "at least" : "at most", bound, bound == 1 ? "" : "s",
                         len);
        } else {
            PyErr_SetString(PyExc_TypeError, custom);
        }
        return cleanup_finish(0, &cl);
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (*format == '|') format++;
        const char *msg = convert_item(PyTuple_GET_ITEM(args, i), &format, p_va, flags, levels, msgbuf, &cl);
        if (msg) {
            set_arg_error(i + 1, msg, levels, fname, custom);
            return cleanup_finish(0, &cl);
        }
    }
    if (*format != '\0' && !isalpha((unsigned char)*format) && *format != '(' && *format != '|' && *format != ':' &&
        *format != ';') {
        PyErr_Format(PyExc_SystemError, "bad format string: %.200s", formatsave);
        return cleanup_finish(0, &cl);
    }
    return cleanup_finish(1, &cl);
}

/* ------------------------------------------------------------ keywords parsing */

static int parse_keywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list *p_va,
                          int flags) {
    char msgbuf[MSGBUF];
    int levels[MAX_LEVELS];
    const char *fname, *custom, *p;
    int min = INT_MAX, max = INT_MAX, i, pos, len, skip = 0;
    Py_ssize_t nargs, nkwargs;
    cleanup_list cl;

    if (args == NULL || !PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs)) || format == NULL ||
        kwlist == NULL) {
        PyErr_BadInternalCall();
        return 0;
    }
    fname = strchr(format, ':');
    custom = NULL;
    if (fname) {
        fname++;
    } else {
        custom = strchr(format, ';');
        if (custom) custom++;
    }
    for (pos = 0; kwlist[pos] && !*kwlist[pos]; pos++) {
    }
    for (len = pos; kwlist[len]; len++) {
        if (!*kwlist[len]) {
            PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }
    cleanup_init(&cl);
    nargs = PyTuple_GET_SIZE(args);
    nkwargs = kwargs == NULL ? 0 : PyDict_Size(kwargs);
    if (nargs + nkwargs > len) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()", len,
                     nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
        return cleanup_finish(0, &cl);
    }

    for (i = 0; i < len; i++) {
        PyObject *cur;
        if (*format == '|') {
            if (min != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)");
                return cleanup_finish(0, &cl);
            }
            min = i;
            format++;
            if (max != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)");
                return cleanup_finish(0, &cl);
            }
        }
        if (*format == '$') {
            if (max != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)");
                return cleanup_finish(0, &cl);
            }
            max = i;
            format++;
            if (max < pos) {
                PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
                return cleanup_finish(0, &cl);
            }
            if (skip) break;
            if (max < nargs) {
                if (max == 0) {
                    PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments",
                                 fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
                } else {
                    PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                                 fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                                 min != INT_MAX ? "at most" : "exactly", max, max == 1 ? "" : "s", nargs);
                }
                return cleanup_finish(0, &cl);
            }
        }
        if (is_end_of_format(*format)) {
            PyErr_Format(PyExc_SystemError, "More keyword list entries (%d) than format specifiers (%d)", len, i);
            return cleanup_finish(0, &cl);
        }
        if (!skip) {
            if (i < nargs) {
                cur = PyTuple_GET_ITEM(args, i);
            } else if (nkwargs && i >= pos) {
                PyObject *key = PyUnicode_FromString(kwlist[i]);
                if (key == NULL) return cleanup_finish(0, &cl);
                cur = PyDict_GetItemWithError(kwargs, key);
                Py_DECREF(key);
                if (cur) {
                    --nkwargs;
                } else if (PyErr_Occurred()) {
                    return cleanup_finish(0, &cl);
                }
            } else {
                cur = NULL;
            }
            if (cur) {
                const char *msg = convert_item(cur, &format, p_va, flags, levels, msgbuf, &cl);
                if (msg) {
                    set_arg_error(i + 1, msg, levels, fname, custom);
                    return cleanup_finish(0, &cl);
                }
                continue;
            }
            if (i < min) {
                if (i < pos) {
                    skip = 1;
                } else {
                    PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%s' (pos %d)",
                                 fname == NULL ? "function" : fname, fname == NULL ? "" : "()", kwlist[i], i + 1);
                    return cleanup_finish(0, &cl);
                }
            }
            if (!nkwargs && !skip) return cleanup_finish(1, &cl);
        }
        const char *msg = skip_item(&format, p_va, flags);
        if (msg) {
            PyErr_Format(PyExc_SystemError, "%s: '%s'", msg, format);
            return cleanup_finish(0, &cl);
        }
    }

    if (skip) {
        int m = pos < min ? pos : min;
        PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()", m < i ? "at least" : "exactly",
                     m, m == 1 ? "" : "s", nargs);
        return cleanup_finish(0, &cl);
    }
    if (!is_end_of_format(*format) && *format != '|' && *format != '$') {
        PyErr_Format(PyExc_SystemError, "more argument specifiers than keyword list entries (remaining format:'%s')",
                     format);
        return cleanup_finish(0, &cl);
    }
    if (nkwargs > 0) {
        PyObject *key;
        Py_ssize_t j = 0;
        for (i = pos; i < nargs; i++) {
            PyObject *k = PyUnicode_FromString(kwlist[i]);
            if (k == NULL) return cleanup_finish(0, &cl);
            PyObject *cur = PyDict_GetItemWithError(kwargs, k);
            Py_DECREF(k);
            if (cur) {
                PyErr_Format(PyExc_TypeError, "argument for %.200s%s given by name ('%s') and position (%d)",
                             fname == NULL ? "function" : fname, fname == NULL ? "" : "()", kwlist[i], i + 1);
                return cleanup_finish(0, &cl);
            }
            if (PyErr_Occurred()) return cleanup_finish(0, &cl);
        }
        while (PyDict_Next(kwargs, &j, &key, NULL)) {
            int match = 0;
            if (!PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "keywords must be strings");
                return cleanup_finish(0, &cl);
            }
            p = PyUnicode_AsUTF8(key);
            if (p == NULL) {
                PyErr_Clear();
            } else {
                for (i = pos; i < len; i++) {
                    if (strcmp(p, kwlist[i]) == 0) {
                        match = 1;
                        break;
                    }
                }
            }
            if (!match) {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                             fname == NULL ? "this function" : fname, fname == NULL ? "" : "()");
                return cleanup_finish(0, &cl);
            }
        }
    }
    return cleanup_finish(1, &cl);
}

/* ------------------------------------------------------------ entry points */

#define DEFINE_PARSE(NAME, FLAGS)                                                                                      \
    int NAME(PyObject *args, const char *format, ...) {                                                                \
        va_list va;                                                                                                    \
        va_start(va, format);                                                                                          \
        int r = parse_positional(args, format, &va, (FLAGS));                                                          \
        va_end(va);                                                                                                    \
        return r;                                                                                                      \
    }
#define DEFINE_VAPARSE(NAME, FLAGS)                                                                                    \
    int NAME(PyObject *args, const char *format, va_list va) {                                                         \
        va_list lva;                                                                                                   \
        va_copy(lva, va);                                                                                              \
        int r = parse_positional(args, format, &lva, (FLAGS));                                                         \
        va_end(lva);                                                                                                   \
        return r;                                                                                                      \
    }
#define DEFINE_PARSE_KW(NAME, FLAGS)                                                                                   \
    int NAME(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...) {                                   \
        va_list va;                                                                                                    \
        va_start(va, kwlist);                                                                                          \
        int r = parse_keywords(args, kw, format, kwlist, &va, (FLAGS));                                                \
        va_end(va);                                                                                                    \
        return r;                                                                                                      \
    }
#define DEFINE_VAPARSE_KW(NAME, FLAGS)                                                                                 \
    int NAME(PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va) {                            \
        va_list lva;                                                                                                   \
        va_copy(lva, va);                                                                                              \
        int r = parse_keywords(args, kw, format, kwlist, &lva, (FLAGS));                                               \
        va_end(lva);                                                                                                   \
        return r;                                                                                                      \
    }

DEFINE_PARSE(pyrite_c_PyArg_Parse, FLAG_COMPAT)
DEFINE_PARSE(pyrite_c__PyArg_Parse_SizeT, FLAG_COMPAT | FLAG_SIZE_T)
DEFINE_PARSE(pyrite_c_PyArg_ParseTuple, 0)
DEFINE_PARSE(pyrite_c__PyArg_ParseTuple_SizeT, FLAG_SIZE_T)
DEFINE_VAPARSE(pyrite_c_PyArg_VaParse, 0)
DEFINE_VAPARSE(pyrite_c__PyArg_VaParse_SizeT, FLAG_SIZE_T)
DEFINE_PARSE_KW(pyrite_c_PyArg_ParseTupleAndKeywords, 0)
DEFINE_PARSE_KW(pyrite_c__PyArg_ParseTupleAndKeywords_SizeT, FLAG_SIZE_T)
DEFINE_VAPARSE_KW(pyrite_c_PyArg_VaParseTupleAndKeywords, 0)
DEFINE_VAPARSE_KW(pyrite_c__PyArg_VaParseTupleAndKeywords_SizeT, FLAG_SIZE_T)

int pyrite_c_PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...) {
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < min || n > max) {
        int few = n < min;
        Py_ssize_t bound = few ? min : max;
        const char *qual = min == max ? "" : few ? "at least " : "at most ";
        if (name != NULL) {
            PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, qual, bound,
                         bound == 1 ? "" : "s", n);
        } else {
            PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd", qual, bound,
                         bound == 1 ? "" : "s", n);
        }
        return 0;
    }
    va_list va;
    va_start(va, max);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject **o = va_arg(va, PyObject **);
        *o = PyTuple_GET_ITEM(args, i);
    }
    va_end(va);
    return 1;
}

int pyrite_c_PyArg_ValidateKeywordArguments(PyObject *kwargs) {
    PyObject *key;
    Py_ssize_t pos = 0;
    if (kwargs == NULL || !PyDict_Check(kwargs)) {
        PyErr_BadInternalCall();
        return 0;
    }
    while (PyDict_Next(kwargs, &pos, &key, NULL)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
    }
    return 1;
}

int pyrite_c__PyArg_NoKeywords(const char *funcname, PyObject *kwargs) {
    if (kwargs == NULL) return 1;
    if (!PyDict_CheckExact(kwargs)) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (PyDict_Size(kwargs) == 0) return 1;
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
    return 0;
}

int pyrite_c__PyArg_NoKwnames(const char *funcname, PyObject *kwnames) {
    if (kwnames == NULL) return 1;
    if (!PyTuple_CheckExact(kwnames)) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (PyTuple_GET_SIZE(kwnames) == 0) return 1;
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", funcname);
    return 0;
}

int pyrite_c__PyArg_NoPositional(const char *funcname, PyObject *args) {
    if (args == NULL) return 1;
    if (!PyTuple_CheckExact(args)) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (PyTuple_GET_SIZE(args) == 0) return 1;
    PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", funcname);
    return 0;
}
