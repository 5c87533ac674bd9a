/* int.to_bytes / int.from_bytes through the C API (expected values from CPython 3.11). */
#include "check.h"

static void check_call(const char *num, Py_ssize_t n, const char *order, int sig, const char *want) {
    PyObject *v = PyLong_FromString(num, NULL, 10);
    PyObject *m = PyObject_GetAttrString(v, "to_bytes");
    PyObject *args = Py_BuildValue("(ns)", n, order);
    PyObject *kw = Py_BuildValue("{s:O}", "signed", sig ? Py_True : Py_False);
    PyObject *r = PyObject_Call(m, args, kw);
    char got[256];
    if (r) {
        PyObject *s = PyObject_Repr(r);
        snprintf(got, sizeof got, "%s", PyUnicode_AsUTF8(s));
        Py_DECREF(s);
    } else {
        PyObject *t, *e, *tb;
        PyErr_Fetch(&t, &e, &tb);
        PyErr_NormalizeException(&t, &e, &tb);
        PyObject *s = PyObject_Str(e);
        snprintf(got, sizeof got, "%s: %s", ((PyTypeObject *)t)->tp_name, PyUnicode_AsUTF8(s));
        Py_DECREF(s); Py_XDECREF(t); Py_XDECREF(e); Py_XDECREF(tb);
    }
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "(%s).to_bytes(%zd, %s, signed=%d): got %s, want %s\n", num, n, order, sig, got, want);
        check_failures++;
    }
    Py_XDECREF(r); Py_DECREF(kw); Py_DECREF(args); Py_DECREF(m); Py_DECREF(v);
}

static void check_from(const char *data, Py_ssize_t n, const char *order, int sig, const char *want) {
    PyObject *b = PyBytes_FromStringAndSize(data, n);
    PyObject *m = PyObject_GetAttrString((PyObject *)&PyLong_Type, "from_bytes");
    PyObject *args = Py_BuildValue("(Os)", b, order);
    PyObject *kw = Py_BuildValue("{s:O}", "signed", sig ? Py_True : Py_False);
    PyObject *r = PyObject_Call(m, args, kw);
    if (r == NULL) { PyErr_Print(); check_failures++; } else { CHECK_STR(r, want); Py_DECREF(r); }
    Py_DECREF(kw); Py_DECREF(args); Py_DECREF(m); Py_DECREF(b);
}

int main(void) {
    BEGIN_TEST();
    check_call("0", 1, "big", 0, "b'\\x00'");
    check_call("1", 2, "little", 0, "b'\\x01\\x00'");
    check_call("255", 1, "big", 0, "b'\\xff'");
    check_call("-1", 1, "big", 1, "b'\\xff'");
    check_call("-129", 2, "big", 1, "b'\\xff\\x7f'");
    check_call("18446744073709551615", 8, "little", 0, "b'\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff'");
    check_call("12345678901234567890123", 10, "big", 0, "b'\\x02\\x9dB\\xb6NvqBD\\xcb'");
    check_call("-604462909807314587353088", 10, "little", 1, "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80'");
    check_call("256", 1, "big", 0, "OverflowError: int too big to convert");
    check_call("-1", 1, "big", 0, "OverflowError: can't convert negative int to unsigned");
    check_call("128", 1, "big", 1, "OverflowError: int too big to convert");
    check_call("1", -1, "big", 0, "ValueError: length argument must be non-negative");
    check_from("\x01\x00", 2, "big", 0, "256");
    check_from("\xff\xff", 2, "big", 1, "-1");
    check_from("\x00\x80", 2, "little", 1, "-32768");
    check_from("", 0, "big", 0, "0");
    END_TEST();
}
