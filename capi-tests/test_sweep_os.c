/* PyOS_strtol/strtoul, PyOS_mystricmp/mystrnicmp, Py_hexdigits and
 * PyOS_FSPath; results printed and compared with CPython 3.11's output. */
#include "check.h"
#include <errno.h>

static PyObject *fspath_ok(PyObject *self, PyObject *unused) { return PyUnicode_FromString("/tmp/p"); }
static PyObject *fspath_bad(PyObject *self, PyObject *unused) { return PyLong_FromLong(3); }
static PyMethodDef ok_methods[] = {{"__fspath__", fspath_ok, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyMethodDef bad_methods[] = {{"__fspath__", fspath_bad, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyType_Slot ok_slots[] = {{Py_tp_methods, ok_methods}, {0, NULL}};
static PyType_Slot bad_slots[] = {{Py_tp_methods, bad_methods}, {0, NULL}};
static PyType_Spec ok_spec = {"sweep.PathOk", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, ok_slots};
static PyType_Spec bad_spec = {"sweep.PathBad", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, bad_slots};

static void show_l(const char *s, int base) {
    char *end = NULL;
    errno = 0;
    long v = PyOS_strtol(s, &end, base);
    printf("strtol(\"%s\", %d) = %ld, used %d, errno %s\n", s, base, v, (int)(end - s), errno == ERANGE ? "ERANGE" : "0");
}
static void show_ul(const char *s, int base) {
    char *end = NULL;
    errno = 0;
    unsigned long v = PyOS_strtoul(s, &end, base);
    printf("strtoul(\"%s\", %d) = %lu, used %d, errno %s\n", s, base, v, (int)(end - s), errno == ERANGE ? "ERANGE" : "0");
}

int main(void) {
    BEGIN_TEST();
    PyObject *ok_t = PyType_FromSpec(&ok_spec), *bad_t = PyType_FromSpec(&bad_spec);
    check_live_start = Pyrite_LiveObjects();

    const char *cases[] = {"123", "  -42xyz", "+7", "0x1F", "0o17", "0b101", "0x", "0xg", "0123", "000", "0",
                           "zz", "ZZ", "-", "", "  ", "12_3", "9223372036854775807", "9223372036854775808",
                           "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
                           "18446744073709551616", "99999999999999999999999abc", "0b2", "1e5", "\t\n 5 "};
    int bases[] = {0, 10, 16, 8, 2, 36, 1, 37};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        for (size_t j = 0; j < sizeof(bases) / sizeof(bases[0]); j++) {
            show_l(cases[i], bases[j]);
            show_ul(cases[i], bases[j]);
        }
    CHECK(PyOS_strtol("42", NULL, 10) == 42);

    const char *words[] = {"abc", "ABC", "abd", "ab", "", "aBcD", "a[", "A{"};
    for (size_t i = 0; i < 8; i++)
        for (size_t j = 0; j < 8; j++)
            printf("stricmp(%s, %s) = %d, strnicmp 2 = %d, 0 = %d\n", words[i], words[j],
                   PyOS_mystricmp(words[i], words[j]), PyOS_mystrnicmp(words[i], words[j], 2),
                   PyOS_mystrnicmp(words[i], words[j], 0));

    printf("hexdigits %s\n", Py_hexdigits);

    PyObject *s = PyUnicode_FromString("a/b"), *b = PyBytes_FromString("c"), *n = PyLong_FromLong(1);
    PyObject *x = PyOS_FSPath(s);
    CHECK(x == s);
    Py_XDECREF(x);
    x = PyOS_FSPath(b);
    CHECK(x == b);
    Py_XDECREF(x);
    CHECK(PyOS_FSPath(n) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("expected str, bytes or os.PathLike object, not int");
    PyObject *okp = PyObject_CallNoArgs(ok_t), *badp = PyObject_CallNoArgs(bad_t);
    x = PyOS_FSPath(okp);
    CHECK_REPR(x, "'/tmp/p'");
    Py_XDECREF(x);
    CHECK(PyOS_FSPath(badp) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("expected PathBad.__fspath__() to return str or bytes, not int");
    Py_DECREF(okp);
    Py_DECREF(badp);
    Py_DECREF(s);
    Py_DECREF(b);
    Py_DECREF(n);
    END_TEST();
}
