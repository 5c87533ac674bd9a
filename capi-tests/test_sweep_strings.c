/* PyUnicode_Partition/RPartition/Translate/Resize, PyBytes_Repr,
 * PyBuffer_FillContiguousStrides and PyBuffer_SizeFromFormat; output
 * recorded from CPython 3.11. */
#include "check.h"

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        /* CPython's SystemError names its C source line: print the type only. */
        if (t == PyExc_SystemError)
            printf("%s: SystemError\n", label);
        else
            printf("%s: %s: %s\n", label, ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    Py_DECREF(o);
}

int main(void) {
    BEGIN_TEST();
    PyObject *s = PyUnicode_FromString("a-b-c\xc3\xa9-d");
    PyObject *dash = PyUnicode_FromString("-"), *xx = PyUnicode_FromString("xx"), *empty = PyUnicode_FromString("");
    PyObject *n = PyLong_FromLong(1);
    show("partition", PyUnicode_Partition(s, dash));
    show("rpartition", PyUnicode_RPartition(s, dash));
    show("partition missing", PyUnicode_Partition(s, xx));
    show("rpartition missing", PyUnicode_RPartition(s, xx));
    PyObject *t = PyUnicode_Partition(s, xx);
    CHECK(t && PyTuple_GET_ITEM(t, 0) == s);
    Py_XDECREF(t);
    show("partition empty sep", PyUnicode_Partition(s, empty));
    show("partition int sep", PyUnicode_Partition(s, n));
    show("partition int str", PyUnicode_Partition(n, dash));

    PyObject *table = Py_BuildValue("{i:s,i:i,i:O}", 'a', "AA", 'b', 'B', 'c', Py_None);
    show("translate", PyUnicode_Translate(s, table, NULL));
    show("translate strict", PyUnicode_Translate(s, table, "strict"));
    show("translate int", PyUnicode_Translate(n, table, NULL));
    show("translate ignore", PyUnicode_Translate(s, table, "ignore"));
    show("translate replace", PyUnicode_Translate(s, table, "replace"));
    show("translate bogus", PyUnicode_Translate(s, table, "bogus"));
    PyObject *table2 = Py_BuildValue("{i:O,i:O,i:s}", 'c', Py_None, 0xe9, Py_None, '-', "+");
    show("translate run", PyUnicode_Translate(s, table2, NULL));
    show("translate run replace", PyUnicode_Translate(s, table2, "replace"));
    Py_DECREF(table2);
    PyObject *badtable = Py_BuildValue("{i:i}", 'a', 0x110000);
    show("translate out of range", PyUnicode_Translate(s, badtable, NULL));
    Py_DECREF(badtable);
    Py_DECREF(table);

    PyObject *r = PyUnicode_FromString("hello");
    CHECK(PyUnicode_Resize(&r, 3) == 0);
    show("resize 3", Py_NewRef(r));
    CHECK(PyUnicode_Resize(&r, 5) == 0);
    CHECK(PyUnicode_GET_LENGTH(r) == 5);
    CHECK(PyUnicode_READ_CHAR(r, 0) == 'h' && PyUnicode_READ_CHAR(r, 2) == 'l');
    CHECK(PyUnicode_Resize(&r, 0) == 0);
    show("resize 0", Py_NewRef(r));
    CHECK(PyUnicode_Resize(&r, -1) == -1);
    show("resize -1", NULL);
    Py_DECREF(r);
    PyObject *nn = n;
    Py_INCREF(nn);
    CHECK(PyUnicode_Resize(&nn, 2) == -1);
    show("resize int", NULL);
    Py_DECREF(nn);
    CHECK(PyUnicode_Resize(NULL, 2) == -1);
    show("resize NULL", NULL);

    const char *raw[] = {"ab", "a'b", "a\"b", "a'\"b", "\x01\xff\\\n\t"};
    for (int i = 0; i < 5; i++) {
        PyObject *b = PyBytes_FromString(raw[i]);
        show("bytes repr smart", PyBytes_Repr(b, 1));
        show("bytes repr plain", PyBytes_Repr(b, 0));
        Py_DECREF(b);
    }

    Py_ssize_t shape[3] = {2, 3, 4}, strides[3];
    PyBuffer_FillContiguousStrides(3, shape, strides, 8, 'C');
    printf("C strides %zd %zd %zd\n", strides[0], strides[1], strides[2]);
    PyBuffer_FillContiguousStrides(3, shape, strides, 8, 'F');
    printf("F strides %zd %zd %zd\n", strides[0], strides[1], strides[2]);
    PyBuffer_FillContiguousStrides(3, shape, strides, 2, 'A');
    printf("A strides %zd %zd %zd\n", strides[0], strides[1], strides[2]);

    const char *fmts[] = {"B", "i", "d", "bi", "ib", "<bi", "=l", "@l", "3s", "3sd", "2h", "?q", "0i", "P", "4x", "e", " i i ", ">Q"};
    for (int i = 0; i < 18; i++)
        printf("calcsize(%s) = %zd\n", fmts[i], PyBuffer_SizeFromFormat(fmts[i]));
    CHECK(PyBuffer_SizeFromFormat("y") == -1 && PyErr_Occurred());
    PyErr_Clear();
    CHECK(PyBuffer_SizeFromFormat("<P") == -1 && PyErr_Occurred());
    PyErr_Clear();
    CHECK(PyBuffer_SizeFromFormat("3") == -1 && PyErr_Occurred());
    PyErr_Clear();

    Py_DECREF(s);
    Py_DECREF(dash);
    Py_DECREF(xx);
    Py_DECREF(empty);
    Py_DECREF(n);
    END_TEST();
}
