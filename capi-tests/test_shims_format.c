/* PyUnicode_FromFormat(V), PyBytes_FromFormat(V), PyErr_Format(V),
 * PyErr_WarnFormat, PyOS_(v)snprintf and PySys_Write* / PySys_Format*:
 * every unit with widths and precisions, and the error cases, compared
 * with CPython 3.11's output. */
#include "shims_show.h"

/* Unknown units are tested on purpose. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

#define U(...) show(#__VA_ARGS__, PyUnicode_FromFormat(__VA_ARGS__))
#define B(...) show(#__VA_ARGS__, PyBytes_FromFormat(__VA_ARGS__))

static PyObject *ufmt_v(const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    PyObject *r = PyUnicode_FromFormatV(fmt, va);
    va_end(va);
    return r;
}
static PyObject *bfmt_v(const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    PyObject *r = PyBytes_FromFormatV(fmt, va);
    va_end(va);
    return r;
}
static PyObject *err_v(PyObject *exc, const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    PyObject *r = PyErr_FormatV(exc, fmt, va);
    va_end(va);
    return r;
}
static int snprintf_v(char *buf, size_t n, const char *fmt, ...) {
    va_list va;
    va_start(va, fmt);
    int r = PyOS_vsnprintf(buf, n, fmt, va);
    va_end(va);
    return r;
}

static void unicode_numbers(void) {
    U("plain text");
    U("");
    U("%d %i %u %x", -42, 7, 4000000000u, 255);
    U("%ld %li %lu", LONG_MIN, -1L, ULONG_MAX);
    U("%lld %lli %llu", LLONG_MIN, 5LL, ULLONG_MAX);
    U("%zd %zi %zu", PY_SSIZE_T_MIN, (Py_ssize_t)-3, (size_t)-1);
    U("[%5d]", 42);
    U("[%05d]", 42);
    U("[%05d]", -3);
    U("[%.3d]", 7);
    U("[%.3d]", -3);
    U("[%8.5d]", 42);
    U("[%08.5d]", 42);
    U("[%5x]", 255);
    U("[%03u]", 7u);
    U("[%5ld]", 12L);
    U("[%3zd]", (Py_ssize_t)123456);
    U("[%1d]", 0);
    U("%%");
    U("100%% sure");
    U("abc%");
    U("%c%c%c", 'A', 0xe9, 0x1f600);
    U("[%5c]", 'x');
    U("%c", 0x110000);
    U("%c", -1);
    U("a%yb", 5);
    U("a%lxb", 5L);
    U("a%.3%sb", "x");
    U("a%-5db", 5);
    U("%d%q%d", 1, 2);
    U("caf\xc3\xa9");
    U("%99999999999999999999d", 1);
    U("%.99999999999999999999d", 1);
    show("%p NULL", PyUnicode_FromFormat("%p", NULL));
    show("%p", PyUnicode_FromFormat("%p", (void *)0xabc));
}

static void unicode_strings(void) {
    PyObject *str = PyUnicode_FromString("h\xc3\xa9llo w\xc3\xb6rld");
    PyObject *num = PyLong_FromLong(-17);
    PyObject *lst = Py_BuildValue("[s,i]", "a'b", 2);
    PyObject *quote = PyUnicode_FromString("it's \xe2\x82\xac");

    U("%s|%s", "h\xc3\xa9llo", "");
    U("[%.3s]", "abcdef");
    U("[%5s]", "ab");
    U("[%5.1s]", "abc");
    U("[%.0s]", "abc");
    U("[%s]", "\xff" "ab");
    U("[%.2s]", "h\xc3\xa9");
    U("[%U]", str);
    U("[%15U]", str);
    U("[%.4U]", str);
    U("[%8.2U]", str);
    U("[%V]", str, "unused");
    U("[%V]", NULL, "fallback");
    U("[%.3V]", NULL, "fallback");
    U("[%6V]", NULL, "fb");
    U("[%S] [%R] [%A]", num, num, num);
    U("[%S]", lst);
    U("[%R]", lst);
    U("[%A]", quote);
    U("[%R]", quote);
    U("[%.4R]", quote);
    U("[%12S]", num);
    U("[%S] [%R]", NULL, NULL);
    U("%s=%R (%d)", "key", str, 3);
    show("V", ufmt_v("%d-%s-%U", 1, "two", str));
    show("V error", ufmt_v("%c", 0x110000));

    Py_DECREF(str);
    Py_DECREF(num);
    Py_DECREF(lst);
    Py_DECREF(quote);
}

static void bytes_format(void) {
    B("plain");
    B("%d %ld %zd", -5, LONG_MIN, PY_SSIZE_T_MAX);
    B("%u %lu %zu", 4000000000u, ULONG_MAX, (size_t)7);
    B("%i %x", -9, 255);
    B("%c%c", 'h', 255);
    B("%c", 256);
    B("%c", -1);
    B("[%s]", "abc");
    B("[%.2s]", "abcdef");
    B("[%5s]", "ab");
    B("[%5d]", 3);
    B("%%|100%%");
    B("%lld", 5LL);
    B("a%qb", 1);
    B("tail%");
    B("h\xc3\xa9");
    show("%p", PyBytes_FromFormat("%p", (void *)0xabc));
    show("V", bfmt_v("%s-%d", "x", 42));
}

static void errors_and_output(void) {
    PyObject *obj = PyUnicode_FromString("obj");
    show("PyErr_Format returns", PyErr_Format(PyExc_ValueError, "bad %s: %d (%R)", "thing", 5, obj));
    PyErr_Format(PyExc_TypeError, "%U and %S", obj, obj);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    show("value", Py_NewRef(v));
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);

    /* A pending exception is replaced, not chained. */
    PyErr_SetString(PyExc_KeyError, "old");
    PyErr_Format(PyExc_RuntimeError, "new %d", 1);
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *ctx = PyException_GetContext(v);
    printf("replaced: %s, context is NULL: %d\n", ((PyTypeObject *)t)->tp_name, ctx == NULL);
    Py_XDECREF(ctx);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);

    show("FormatV", err_v(PyExc_OverflowError, "v %s %zd", "args", (Py_ssize_t)-2));
    show("Format bad unit", PyErr_Format(PyExc_ValueError, "%c", -5));
    Py_DECREF(obj);

    char buf[8];
    int n = PyOS_snprintf(buf, sizeof buf, "hello %s", "world");
    printf("snprintf: %d [%s]\n", n, buf);
    n = PyOS_snprintf(buf, sizeof buf, "%d", 42);
    printf("snprintf: %d [%s]\n", n, buf);
    n = snprintf_v(buf, sizeof buf, "%s-%s", "abcd", "efgh");
    printf("vsnprintf: %d [%s]\n", n, buf);

    /* sys output goes to stderr here: CPython buffers sys.stdout, so the
     * order against printf would differ. */
    PySys_WriteStderr("PySys_WriteStderr %d\n", 1);
    PySys_FormatStderr("PySys_FormatStderr %S\n", Py_None);
    char big[1500];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    PySys_WriteStderr("%s\n", big);
    PySys_WriteStderr("\n");
    printf("warn: %d\n", PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "careful with %d", 3));
    /* The warning was recorded in sys.__warningregistry__ (no frame: sys's
     * dict is the globals); drop it so no object outlives the test. */
    PySys_SetObject("__warningregistry__", NULL);
    CHECK(!PyErr_Occurred());
}

int main(void) {
    BEGIN_TEST();
    unicode_numbers();
    unicode_strings();
    bytes_format();
    errors_and_output();
    END_TEST();
}
