/* PyFile_WriteObject / PyFile_WriteString / PyFile_GetLine (what print() and
 * input() are built on) on a file-like object made from C. Expected output
 * recorded from CPython 3.11 (same program built against its headers and
 * libpython3.11:
 *   gcc capi-tests/test_builtins_fileobject.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static char written[4096];
static PyObject *lines; /* list of objects readline() returns, front first */

static PyObject *f_write(PyObject *self, PyObject *arg) {
    PyObject *r = PyObject_Repr(arg);
    if (!r) return NULL;
    strncat(written, "[", sizeof(written) - strlen(written) - 1);
    strncat(written, PyUnicode_AsUTF8(r), sizeof(written) - strlen(written) - 1);
    strncat(written, "]", sizeof(written) - strlen(written) - 1);
    Py_DECREF(r);
    return PyLong_FromLong(1);
}

static PyObject *f_readline(PyObject *self, PyObject *args) {
    PyObject *n = NULL;
    if (!PyArg_ParseTuple(args, "|O", &n)) return NULL;
    if (n) { printf("  readline(%ld)\n", PyLong_AsLong(n)); }
    if (PyList_GET_SIZE(lines) == 0) return PyUnicode_FromString("");
    PyObject *v = PyList_GET_ITEM(lines, 0);
    Py_INCREF(v);
    PySequence_DelItem(lines, 0);
    return v;
}

static PyMethodDef f_methods[] = {
    {"write", f_write, METH_O, NULL},
    {"readline", f_readline, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot f_slots[] = {{Py_tp_methods, f_methods}, {0, NULL}};
static PyType_Spec f_spec = {"test.File", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, f_slots};

static void report(const char *what, PyObject *r, int rc) {
    printf("%s: ", what);
    if (r) {
        PyObject *s = PyObject_Repr(r);
        printf("= %s", s ? PyUnicode_AsUTF8(s) : "<repr failed>");
        Py_XDECREF(s);
        Py_DECREF(r);
    } else if (rc == 0) {
        printf("= 0");
    } else {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        printf("! %s: %s", t ? ((PyTypeObject *)t)->tp_name : "(no exception)", s ? PyUnicode_AsUTF8(s) : "");
        Py_XDECREF(s); Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
    }
    printf(" | written %s\n", written);
    written[0] = 0;
}

int main(void) {
    Py_Initialize();
    PyObject *tp = PyType_FromSpec(&f_spec);
    PyObject *f = PyObject_CallNoArgs(tp);
    PyObject *notfile = PyLong_FromLong(7);
    PyObject *hello = PyUnicode_FromString("h\xc3\xa9llo");
    lines = PyList_New(0);

    report("WriteObject raw", NULL, PyFile_WriteObject(hello, f, Py_PRINT_RAW));
    report("WriteObject repr", NULL, PyFile_WriteObject(hello, f, 0));
    report("WriteObject int raw", NULL, PyFile_WriteObject(notfile, f, Py_PRINT_RAW));
    report("WriteObject NULL file", NULL, PyFile_WriteObject(hello, NULL, 0));
    report("WriteObject no write", NULL, PyFile_WriteObject(hello, notfile, 0));
    report("WriteString", NULL, PyFile_WriteString("abc\n", f));
    report("WriteString no write", NULL, PyFile_WriteString("abc", notfile));
    PyErr_SetString(PyExc_ValueError, "pending");
    report("WriteString with pending error", NULL, PyFile_WriteString("abc", f));

    const char *texts[] = {"line one\n", "no newline", "\n", "x\n", "y\n", "z\n"};
    for (int i = 0; i < 6; i++) {
        PyObject *s = PyUnicode_FromString(texts[i]);
        PyList_Append(lines, s);
        Py_DECREF(s);
    }
    PyObject *b = PyBytes_FromString("bytes\n");
    PyList_Append(lines, b);
    PyList_Append(lines, notfile);
    Py_DECREF(b);
    report("GetLine -1", PyFile_GetLine(f, -1), -1);
    report("GetLine -1 no newline", PyFile_GetLine(f, -1), -1);
    report("GetLine -1 empty line", PyFile_GetLine(f, -1), -1);
    report("GetLine 0", PyFile_GetLine(f, 0), -1);
    report("GetLine 5", PyFile_GetLine(f, 5), -1);
    report("GetLine -3", PyFile_GetLine(f, -3), -1);
    report("GetLine bytes", PyFile_GetLine(f, -1), -1);
    report("GetLine int", PyFile_GetLine(f, -1), -1);
    report("GetLine EOF", PyFile_GetLine(f, -1), -1);
    report("GetLine EOF n=0", PyFile_GetLine(f, 0), -1);
    report("GetLine no readline", PyFile_GetLine(notfile, -1), -1);

    Py_DECREF(hello); Py_DECREF(notfile); Py_DECREF(f); Py_DECREF(tp); Py_DECREF(lines);
    Py_Finalize();
    return 0;
}
