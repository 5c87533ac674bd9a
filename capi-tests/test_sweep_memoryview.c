/* memoryview essentials and PyMemoryView_FromObject/FromMemory/FromBuffer/
 * GetContiguous. Output recorded from CPython 3.11. */
#include "check.h"

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        printf("%s: %s: %s\n", label, ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    PyErr_Clear();
    Py_XDECREF(r);
    Py_DECREF(o);
}

static void attrs(const char *label, PyObject *m) {
    const char *names[] = {"nbytes", "readonly", "format", "itemsize", "ndim", "shape", "strides", "c_contiguous", "contiguous"};
    char buf[200];
    for (int i = 0; i < 9; i++) {
        snprintf(buf, sizeof buf, "%s.%s", label, names[i]);
        show(buf, PyObject_GetAttrString(m, names[i]));
    }
}

int main(void) {
    BEGIN_TEST();
    PyObject *b = PyBytes_FromString("hello");
    PyObject *m = PyMemoryView_FromObject(b);
    CHECK(m && PyMemoryView_Check(m));
    CHECK(PyMemoryView_GET_BASE(m) == b);
    CHECK(PyMemoryView_GET_BUFFER(m)->len == 5);
    attrs("bytes view", m);
    PyObject *objattr = PyObject_GetAttrString(m, "obj");
    show("obj is b", PyBool_FromLong(objattr == b));
    Py_XDECREF(objattr);
    Py_DECREF(b); /* the view keeps it alive */
    printf("len %zd\n", PyObject_Length(m));
    PyObject *i1 = PyLong_FromLong(1), *im1 = PyLong_FromLong(-1), *i9 = PyLong_FromLong(9);
    show("m[1]", PyObject_GetItem(m, i1));
    show("m[-1]", PyObject_GetItem(m, im1));
    show("m[9]", PyObject_GetItem(m, i9));
    PyObject *sl = PySlice_New(i1, NULL, NULL);
    PyObject *sub = PyObject_GetItem(m, sl);
    show("m[1:].tobytes()", PyObject_CallMethod(sub, "tobytes", NULL));
    Py_DECREF(sl);
    PyObject *two = PyLong_FromLong(2);
    sl = PySlice_New(NULL, NULL, two);
    PyObject *sub2 = PyObject_GetItem(m, sl);
    show("m[::2].tolist()", PyObject_CallMethod(sub2, "tolist", NULL));
    show("m[::2].tobytes()", PyObject_CallMethod(sub2, "tobytes", NULL));
    attrs("m[::2]", sub2);
    Py_DECREF(sl);
    Py_DECREF(two);
    show("tolist", PyObject_CallMethod(m, "tolist", NULL));
    PyObject *hb = PyBytes_FromString("hello");
    show("m == b'hello'", PyObject_RichCompare(m, hb, Py_EQ));
    show("m != b'hello'", PyObject_RichCompare(m, hb, Py_NE));
    show("m == sub", PyObject_RichCompare(m, sub, Py_EQ));
    show("hash equal", PyBool_FromLong(PyObject_Hash(m) == PyObject_Hash(hb)));
    show("bytes(m)", PyObject_Bytes(m));
    Py_DECREF(hb);
    /* Releasing the parent leaves slices usable. */
    show("release", PyObject_CallMethod(m, "release", NULL));
    show("released len", PyLong_FromSsize_t(PyObject_Length(m)));
    show("released tobytes", PyObject_CallMethod(m, "tobytes", NULL));
    show("released == itself", PyObject_RichCompare(m, m, Py_EQ));
    show("sub after release", PyObject_CallMethod(sub, "tobytes", NULL));
    show("release again", PyObject_CallMethod(m, "release", NULL));
    Py_DECREF(m);
    Py_DECREF(sub);
    Py_DECREF(sub2);

    /* Context manager, exports forbid release. */
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    m = PyMemoryView_FromObject(ba);
    attrs("bytearray view", m);
    show("__enter__ is m", PyBool_FromLong(PyObject_CallMethod(m, "__enter__", NULL) == m));
    Py_DECREF(m); /* the reference __enter__ returned */
    Py_buffer view;
    CHECK(PyObject_GetBuffer(m, &view, PyBUF_SIMPLE) == 0);
    show("release while exported", PyObject_CallMethod(m, "release", NULL));
    PyBuffer_Release(&view);
    show("__exit__", PyObject_CallMethod(m, "__exit__", "OOO", Py_None, Py_None, Py_None));
    show("__enter__ released", PyObject_CallMethod(m, "__enter__", NULL));
    PyObject *mw = PyMemoryView_FromObject(ba);
    show("hash writable", PyLong_FromSsize_t(PyObject_Hash(mw)));
    Py_DECREF(mw);
    Py_DECREF(m);
    Py_DECREF(ba);

    /* From memory and from a buffer. */
    char mem[4] = {1, 2, 3, 4};
    m = PyMemoryView_FromMemory(mem, 4, PyBUF_READ);
    attrs("memory ro", m);
    show("memory tolist", PyObject_CallMethod(m, "tolist", NULL));
    show("memory obj", PyObject_GetAttrString(m, "obj"));
    Py_DECREF(m);
    m = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
    show("memory rw readonly", PyObject_GetAttrString(m, "readonly"));
    Py_DECREF(m);
    int ints[3] = {7, -8, 9};
    Py_ssize_t shape[1] = {3}, strides[1] = {sizeof(int)};
    Py_buffer info = {ints, NULL, sizeof ints, sizeof(int), 1, 1, "i", shape, strides, NULL, NULL};
    m = PyMemoryView_FromBuffer(&info);
    attrs("int buffer", m);
    show("int tolist", PyObject_CallMethod(m, "tolist", NULL));
    show("int m[1]", PyObject_GetItem(m, i1));
    Py_DECREF(m);
    info.buf = NULL;
    show("FromBuffer NULL buf", PyMemoryView_FromBuffer(&info));

    /* Errors. */
    show("FromObject int", PyMemoryView_FromObject(i1));
    b = PyBytes_FromString("xyz");
    m = PyMemoryView_GetContiguous(b, PyBUF_READ, 'C');
    show("GetContiguous", PyObject_CallMethod(m, "tobytes", NULL));
    Py_XDECREF(m);
    show("GetContiguous write ro", PyMemoryView_GetContiguous(b, PyBUF_WRITE, 'C'));
    m = PyObject_CallOneArg((PyObject *)&PyMemoryView_Type, b);
    PyObject *i0 = PyLong_FromLong(0);
    show("memoryview(b)[0]", PyObject_GetItem(m, i0));
    Py_DECREF(i0);
    PyObject *key = PyUnicode_FromString("k");
    show("m['k']", PyObject_GetItem(m, key));
    Py_DECREF(key);
    Py_DECREF(m);
    Py_DECREF(b);
    Py_DECREF(i1);
    Py_DECREF(im1);
    Py_DECREF(i9);
    END_TEST();
}
