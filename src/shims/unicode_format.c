/* printf-style formatting into Python objects and C buffers:
 * PyUnicode_FromFormat(V), PyBytes_FromFormat(V), PyOS_(v)snprintf and the
 * PySys_Write / PySys_Format family (CPython 3.11's behaviour, written
 * afresh for pyrite).
 *
 * Design note. PyUnicode_FromFormatV collects code points in a growable
 * UCS4 buffer and makes the str once at the end, so %U/%S/%R/%A insert any
 * str (lone surrogates included) and width/precision count code points.
 * Units: %% %c %d %i %u %x (with l, ll, z for d/i/u), %p, %s (UTF-8, bad
 * bytes replaced; precision counts bytes), %U %V %S %R %A; a width pads on
 * the left with spaces ('0' flag: zeros, for numbers), a precision truncates
 * strings and sets the minimum digits of numbers. As in 3.11, an unknown
 * unit copies the rest of the format string verbatim, and the literal text
 * must be ASCII. PyBytes_FromFormatV has its own smaller set (%c %d %u %i %x
 * %s %p %% with l/z for d/u; widths are ignored).
 *
 * PySys_Write* and PySys_Format* write to sys.stdout/sys.stderr, or to the C
 * stream when those are unset; the Write forms truncate at 1000 bytes as
 * CPython does.
 */
#include "shims.h"
#include <ctype.h>

/* ------------------------------------------------------------ UCS4 buffer */

typedef struct {
    Py_UCS4 *data;
    Py_ssize_t len, cap;
    Py_UCS4 small[256];
} ubuf;

static void ub_init(ubuf *b) {
    b->data = b->small;
    b->len = 0;
    b->cap = (Py_ssize_t)(sizeof b->small / sizeof b->small[0]);
}

static void ub_free(ubuf *b) {
    if (b->data != b->small) PyMem_Free(b->data);
}

static int ub_reserve(ubuf *b, Py_ssize_t extra) {
    if (extra > PY_SSIZE_T_MAX / 8 - b->len) {
        PyErr_NoMemory();
        return -1;
    }
    if (b->len + extra <= b->cap) return 0;
    Py_ssize_t ncap = b->cap * 2;
    if (ncap < b->len + extra) ncap = b->len + extra;
    Py_UCS4 *n = PyMem_Malloc((size_t)ncap * sizeof(Py_UCS4));
    if (n == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(n, b->data, (size_t)b->len * sizeof(Py_UCS4));
    if (b->data != b->small) PyMem_Free(b->data);
    b->data = n;
    b->cap = ncap;
    return 0;
}

static int ub_fill(ubuf *b, Py_UCS4 ch, Py_ssize_t n) {
    if (n <= 0) return 0;
    if (ub_reserve(b, n) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) b->data[b->len++] = ch;
    return 0;
}

/* Bytes taken as Latin-1 code points. */
static int ub_latin1(ubuf *b, const char *s, Py_ssize_t n) {
    if (ub_reserve(b, n) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) b->data[b->len++] = (unsigned char)s[i];
    return 0;
}

/* A str, cut to `precision` code points (-1: all) and right-aligned in
 * `width` (-1: none). */
static int ub_str(ubuf *b, PyObject *s, Py_ssize_t width, Py_ssize_t precision) {
    if (s == NULL || !PyUnicode_Check(s)) {
        PyErr_BadInternalCall();
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (precision >= 0 && precision < n) n = precision;
    if (width > n && ub_fill(b, ' ', width - n) < 0) return -1;
    if (ub_reserve(b, n) < 0) return -1;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) b->data[b->len++] = PyUnicode_READ(kind, data, i);
    return 0;
}

/* A UTF-8 C string (at most `precision` bytes), undecodable bytes replaced. */
static int ub_cstr(ubuf *b, const char *s, Py_ssize_t width, Py_ssize_t precision) {
    if (s == NULL) s = "(null)";
    Py_ssize_t n = 0;
    if (precision < 0) {
        n = (Py_ssize_t)strlen(s);
    } else {
        while (n < precision && s[n]) n++;
    }
    PyObject *u = PyUnicode_DecodeUTF8(s, n, "replace");
    if (u == NULL) return -1;
    int r = ub_str(b, u, width, -1);
    Py_DECREF(u);
    return r;
}

/* str()/repr()/ascii() of an object ("<NULL>" for NULL, as CPython). */
static int ub_object(ubuf *b, PyObject *(*conv)(PyObject *), PyObject *obj, Py_ssize_t width, Py_ssize_t precision) {
    PyObject *s = obj == NULL ? PyUnicode_FromString("<NULL>") : conv(obj);
    if (s == NULL) return -1;
    int r = ub_str(b, s, width, precision);
    Py_DECREF(s);
    return r;
}

/* Parse a run of digits into *out; -1 with ValueError `what` on overflow. */
static int parse_number(const char **pf, Py_ssize_t *out, const char *what) {
    const char *f = *pf;
    Py_ssize_t v = 0;
    while (isdigit((unsigned char)*f)) {
        int d = *f - '0';
        if (v > (PY_SSIZE_T_MAX - d) / 10) {
            PyErr_SetString(PyExc_ValueError, what);
            return -1;
        }
        v = v * 10 + d;
        f++;
    }
    *pf = f;
    *out = v;
    return 0;
}

/* "%p" as CPython prints it: always with a leading "0x". */
static int format_pointer(char *out, size_t size, void *p) {
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%p", p);
    if (n >= 2 && tmp[1] == 'X') {
        tmp[1] = 'x';
    } else if (n < 2 || tmp[1] != 'x') {
        return snprintf(out, size, "0x%s", tmp);
    }
    return snprintf(out, size, "%s", tmp);
}

/* One "%..." unit at f; returns the position after it, or NULL on error. */
static const char *unicode_unit(ubuf *b, const char *f, va_list *va) {
    const char *start = f;
    Py_ssize_t width = -1, precision = -1;
    int zeropad = 0, longflag = 0, longlongflag = 0, sizeflag = 0;

    f++;
    if (*f == '0') {
        zeropad = 1;
        f++;
    }
    if (isdigit((unsigned char)*f) && parse_number(&f, &width, "width too big") < 0) return NULL;
    if (*f == '.') {
        f++;
        if (isdigit((unsigned char)*f) && parse_number(&f, &precision, "precision too big") < 0) return NULL;
        if (*f == '%') f--; /* "%.3%s": the unit is bogus, copied below */
    }
    if (*f == '\0') f--; /* "%.123" at the end: likewise */

    if (*f == 'l') {
        if (f[1] == 'd' || f[1] == 'u' || f[1] == 'i') {
            longflag = 1;
            f++;
        } else if (f[1] == 'l' && (f[2] == 'd' || f[2] == 'u' || f[2] == 'i')) {
            longlongflag = 1;
            f += 2;
        }
    } else if (*f == 'z' && (f[1] == 'd' || f[1] == 'u' || f[1] == 'i')) {
        sizeflag = 1;
        f++;
    }

    switch (*f) {
    case 'c': {
        int ch = va_arg(*va, int);
        if (ch < 0 || ch > 0x10ffff) {
            PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
            return NULL;
        }
        if (ub_fill(b, (Py_UCS4)ch, 1) < 0) return NULL;
        break;
    }
    case 'i':
    case 'd':
    case 'u':
    case 'x': {
        char digits[64];
        int len;
        if (*f == 'u') {
            if (longflag) len = snprintf(digits, sizeof digits, "%lu", va_arg(*va, unsigned long));
            else if (longlongflag) len = snprintf(digits, sizeof digits, "%llu", va_arg(*va, unsigned long long));
            else if (sizeflag) len = snprintf(digits, sizeof digits, "%zu", va_arg(*va, size_t));
            else len = snprintf(digits, sizeof digits, "%u", va_arg(*va, unsigned int));
        } else if (*f == 'x') {
            len = snprintf(digits, sizeof digits, "%x", va_arg(*va, int));
        } else {
            if (longflag) len = snprintf(digits, sizeof digits, "%li", va_arg(*va, long));
            else if (longlongflag) len = snprintf(digits, sizeof digits, "%lli", va_arg(*va, long long));
            else if (sizeflag) len = snprintf(digits, sizeof digits, "%zi", va_arg(*va, Py_ssize_t));
            else len = snprintf(digits, sizeof digits, "%i", va_arg(*va, int));
        }
        if (precision < len) precision = len;
        if (width > precision && ub_fill(b, zeropad ? '0' : ' ', width - precision) < 0) return NULL;
        if (precision > len && ub_fill(b, '0', precision - len) < 0) return NULL;
        if (ub_latin1(b, digits, len) < 0) return NULL;
        break;
    }
    case 'p': {
        char digits[80];
        int len = format_pointer(digits, sizeof digits, va_arg(*va, void *));
        if (ub_latin1(b, digits, len) < 0) return NULL;
        break;
    }
    case 's':
        if (ub_cstr(b, va_arg(*va, const char *), width, precision) < 0) return NULL;
        break;
    case 'U':
        if (ub_str(b, va_arg(*va, PyObject *), width, precision) < 0) return NULL;
        break;
    case 'V': {
        PyObject *obj = va_arg(*va, PyObject *);
        const char *s = va_arg(*va, const char *);
        if (obj != NULL) {
            if (ub_str(b, obj, width, precision) < 0) return NULL;
        } else if (ub_cstr(b, s, width, precision) < 0) {
            return NULL;
        }
        break;
    }
    case 'S':
        if (ub_object(b, PyObject_Str, va_arg(*va, PyObject *), width, precision) < 0) return NULL;
        break;
    case 'R':
        if (ub_object(b, PyObject_Repr, va_arg(*va, PyObject *), width, precision) < 0) return NULL;
        break;
    case 'A':
        if (ub_object(b, PyObject_ASCII, va_arg(*va, PyObject *), width, precision) < 0) return NULL;
        break;
    case '%':
        if (ub_fill(b, '%', 1) < 0) return NULL;
        break;
    default: {
        /* Unknown unit: nothing tells how to consume its argument, so the
         * rest of the format is copied as it stands. */
        Py_ssize_t n = (Py_ssize_t)strlen(start);
        if (ub_latin1(b, start, n) < 0) return NULL;
        return start + n;
    }
    }
    return f + 1;
}

PyObject *pyrite_c_PyUnicode_FromFormatV(const char *format, va_list vargs) {
    ubuf b;
    va_list va;
    const char *f = format;
    if (format == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    ub_init(&b);
    va_copy(va, vargs);
    while (*f) {
        if (*f == '%') {
            f = unicode_unit(&b, f, &va);
            if (f == NULL) goto fail;
            continue;
        }
        const char *p = f;
        while (*p && *p != '%') {
            if ((unsigned char)*p > 127) {
                PyErr_Format(PyExc_ValueError,
                             "PyUnicode_FromFormatV() expects an ASCII-encoded format string, got a non-ASCII byte: "
                             "0x%02x",
                             (unsigned char)*p);
                goto fail;
            }
            p++;
        }
        if (ub_latin1(&b, f, p - f) < 0) goto fail;
        f = p;
    }
    va_end(va);
    PyObject *r = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b.data, b.len);
    ub_free(&b);
    return r;
fail:
    va_end(va);
    ub_free(&b);
    return NULL;
}

PyObject *pyrite_c_PyUnicode_FromFormat(const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = pyrite_c_PyUnicode_FromFormatV(format, va);
    va_end(va);
    return r;
}

/* ------------------------------------------------------------ bytes */

typedef struct {
    char *data;
    Py_ssize_t len, cap;
    char small[512];
} bbuf;

static int bb_put(bbuf *b, const char *s, Py_ssize_t n) {
    if (n > PY_SSIZE_T_MAX / 2 - b->len) {
        PyErr_NoMemory();
        return -1;
    }
    if (b->len + n > b->cap) {
        Py_ssize_t ncap = b->cap * 2;
        if (ncap < b->len + n) ncap = b->len + n;
        char *d = PyMem_Malloc((size_t)ncap);
        if (d == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(d, b->data, (size_t)b->len);
        if (b->data != b->small) PyMem_Free(b->data);
        b->data = d;
        b->cap = ncap;
    }
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += n;
    return 0;
}

static PyObject *bytes_format(const char *format, va_list *va) {
    bbuf b;
    char num[80];
    const char *f = format;
    b.data = b.small;
    b.len = 0;
    b.cap = (Py_ssize_t)sizeof b.small;
    while (*f) {
        if (*f != '%') {
            const char *p = f;
            while (*p && *p != '%') p++;
            if (bb_put(&b, f, p - f) < 0) goto fail;
            f = p;
            continue;
        }
        const char *start = f++;
        Py_ssize_t prec = 0;
        int longflag = 0, sizeflag = 0, n;
        while (isdigit((unsigned char)*f)) f++; /* widths are ignored */
        if (*f == '.') {
            f++;
            for (; isdigit((unsigned char)*f); f++) prec = prec * 10 + (*f - '0');
        }
        while (*f && *f != '%' && !isalpha((unsigned char)*f)) f++;
        if (*f == 'l' && (f[1] == 'd' || f[1] == 'u')) {
            longflag = 1;
            f++;
        }
        if (*f == 'z' && (f[1] == 'd' || f[1] == 'u')) {
            sizeflag = 1;
            f++;
        }
        switch (*f) {
        case 'c': {
            int c = va_arg(*va, int);
            char ch;
            if (c < 0 || c > 255) {
                PyErr_SetString(PyExc_OverflowError,
                                "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
                goto fail;
            }
            ch = (char)c;
            if (bb_put(&b, &ch, 1) < 0) goto fail;
            break;
        }
        case 'd':
            if (longflag) n = snprintf(num, sizeof num, "%ld", va_arg(*va, long));
            else if (sizeflag) n = snprintf(num, sizeof num, "%zd", va_arg(*va, Py_ssize_t));
            else n = snprintf(num, sizeof num, "%d", va_arg(*va, int));
            if (bb_put(&b, num, n) < 0) goto fail;
            break;
        case 'u':
            if (longflag) n = snprintf(num, sizeof num, "%lu", va_arg(*va, unsigned long));
            else if (sizeflag) n = snprintf(num, sizeof num, "%zu", va_arg(*va, size_t));
            else n = snprintf(num, sizeof num, "%u", va_arg(*va, unsigned int));
            if (bb_put(&b, num, n) < 0) goto fail;
            break;
        case 'i':
            n = snprintf(num, sizeof num, "%i", va_arg(*va, int));
            if (bb_put(&b, num, n) < 0) goto fail;
            break;
        case 'x':
            n = snprintf(num, sizeof num, "%x", va_arg(*va, int));
            if (bb_put(&b, num, n) < 0) goto fail;
            break;
        case 's': {
            const char *s = va_arg(*va, const char *);
            Py_ssize_t len = 0;
            if (s == NULL) s = "(null)";
            if (prec <= 0) {
                len = (Py_ssize_t)strlen(s);
            } else {
                while (len < prec && s[len]) len++;
            }
            if (bb_put(&b, s, len) < 0) goto fail;
            break;
        }
        case 'p':
            n = format_pointer(num, sizeof num, va_arg(*va, void *));
            if (bb_put(&b, num, n) < 0) goto fail;
            break;
        case '%':
            if (bb_put(&b, "%", 1) < 0) goto fail;
            break;
        default:
            /* Unknown unit: copy the rest of the format and stop. */
            if (bb_put(&b, start, (Py_ssize_t)strlen(start)) < 0) goto fail;
            goto done;
        }
        f++;
    }
done:;
    PyObject *r = PyBytes_FromStringAndSize(b.data, b.len);
    if (b.data != b.small) PyMem_Free(b.data);
    return r;
fail:
    if (b.data != b.small) PyMem_Free(b.data);
    return NULL;
}

PyObject *pyrite_c_PyBytes_FromFormatV(const char *format, va_list vargs) {
    va_list va;
    if (format == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    va_copy(va, vargs);
    PyObject *r = bytes_format(format, &va);
    va_end(va);
    return r;
}

PyObject *pyrite_c_PyBytes_FromFormat(const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = pyrite_c_PyBytes_FromFormatV(format, va);
    va_end(va);
    return r;
}

/* ------------------------------------------------------------ C buffers */

int pyrite_c_PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va) {
    int len;
    if (str == NULL || format == NULL) return -1; /* CPython asserts; no crash here */
    if (size > INT_MAX - 1) {
        len = -666;
    } else {
        va_list lva;
        va_copy(lva, va);
        len = vsnprintf(str, size, format, lva);
        va_end(lva);
    }
    if (size > 0) str[size - 1] = '\0';
    return len;
}

int pyrite_c_PyOS_snprintf(char *str, size_t size, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = pyrite_c_PyOS_vsnprintf(str, size, format, va);
    va_end(va);
    return r;
}

/* ------------------------------------------------------------ sys output */

/* The text goes to sys.stdout / sys.stderr when set, else to the C stream
 * (Pyrite_SysWrite); a pending exception is kept. */
static void sys_write(FILE *fp, const char *format, va_list va) {
    char buffer[1001];
    PyObject *t, *v, *tb;
    if (format == NULL) return;
    PyErr_Fetch(&t, &v, &tb);
    int written = pyrite_c_PyOS_vsnprintf(buffer, sizeof buffer, format, va);
    Pyrite_SysWrite(fp == stderr, buffer, (Py_ssize_t)strlen(buffer));
    if (written < 0 || (size_t)written >= sizeof buffer) {
        static const char trunc[] = "... truncated";
        Pyrite_SysWrite(fp == stderr, trunc, (Py_ssize_t)(sizeof trunc - 1));
    }
    PyErr_Restore(t, v, tb);
}

static void sys_format(FILE *fp, const char *format, va_list va) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *msg = pyrite_c_PyUnicode_FromFormatV(format, va);
    if (msg != NULL) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(msg, &n);
        if (s != NULL) Pyrite_SysWrite(fp == stderr, s, n);
        Py_DECREF(msg);
    }
    PyErr_Clear();
    PyErr_Restore(t, v, tb);
}

void pyrite_c_PySys_WriteStdout(const char *format, ...) {
    va_list va;
    va_start(va, format);
    sys_write(stdout, format, va);
    va_end(va);
}

void pyrite_c_PySys_WriteStderr(const char *format, ...) {
    va_list va;
    va_start(va, format);
    sys_write(stderr, format, va);
    va_end(va);
}

void pyrite_c_PySys_FormatStdout(const char *format, ...) {
    va_list va;
    va_start(va, format);
    sys_format(stdout, format, va);
    va_end(va);
}

void pyrite_c_PySys_FormatStderr(const char *format, ...) {
    va_list va;
    va_start(va, format);
    sys_format(stderr, format, va);
    va_end(va);
}
