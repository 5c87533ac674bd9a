/* slice and range seen from C: constructors, reprs, index arithmetic of
 * PySlice_Unpack/AdjustIndices/GetIndicesEx, range items, slices, membership,
 * iteration and the errors CPython 3.11 raises. */
#include "check.h"

static PyObject *tup(int n, long a, long b, long c) {
    PyObject *t = PyTuple_New(n);
    long v[3] = {a, b, c};
    for (int i = 0; i < n; i++) PyTuple_SetItem(t, i, PyLong_FromLong(v[i]));
    return t;
}

static PyObject *call(PyObject *callable, PyObject *args) {
    PyObject *r = PyObject_CallObject(callable, args);
    Py_XDECREF(args);
    return r;
}

static PyObject *meth(PyObject *o, const char *name, PyObject *arg) {
    PyObject *f = PyObject_GetAttrString(o, name);
    if (!f) return NULL;
    PyObject *r = arg ? PyObject_CallOneArg(f, arg) : PyObject_CallNoArgs(f);
    Py_DECREF(f);
    return r;
}

static long as_long_steal(PyObject *o) {
    if (!o) return -999;
    long v = PyLong_AsLong(o);
    Py_DECREF(o);
    return v;
}

int main(void) {
    BEGIN_TEST();
    PyObject *slice = (PyObject *)&PySlice_Type, *range = (PyObject *)&PyRange_Type;

    /* ---- slice ---- */
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PyObject *s = PySlice_New(one, two, NULL);
    CHECK(PySlice_Check(s));
    CHECK_REPR(s, "slice(1, 2, None)");
    CHECK_REPR((PyObject *)&PySlice_Type, "<class 'slice'>");
    CHECK(PyObject_Hash(s) == -1);
    CHECK_ERRMSG("unhashable type: 'slice'");
    PyObject *h = PyObject_GetAttrString((PyObject *)&PySlice_Type, "__hash__");
    CHECK(h == Py_None);
    Py_XDECREF(h);
    PyObject *a = PyObject_GetAttrString(s, "start");
    CHECK(a == one);
    Py_XDECREF(a);
    a = PyObject_GetAttrString(s, "step");
    CHECK(a == Py_None);
    Py_XDECREF(a);
    CHECK(PyObject_SetAttrString(s, "start", two) == -1);
    CHECK_ERRMSG("readonly attribute");
    PyObject *s2 = PySlice_New(one, two, Py_None);
    CHECK(PyObject_RichCompareBool(s, s2, Py_EQ) == 1);
    Py_DECREF(s2);
    s2 = PySlice_New(one, PyLong_FromLong(3), NULL);  /* leaks nothing: see below */
    Py_DECREF(((PySliceObject *)s2)->stop);          /* the 3 we created */
    CHECK(PyObject_RichCompareBool(s, s2, Py_LT) == 1);
    Py_DECREF(s2);
    a = meth(s, "__reduce__", NULL);
    CHECK_REPR(a, "(<class 'slice'>, (1, 2, None))");
    Py_XDECREF(a);
    Py_DECREF(s);

    PyObject *t = call(slice, PyTuple_New(0));
    CHECK(t == NULL);
    CHECK_ERRMSG("slice expected at least 1 argument, got 0");
    t = call(slice, PyTuple_New(4));
    CHECK(t == NULL);
    CHECK_ERRMSG("slice expected at most 3 arguments, got 4");
    s = call(slice, tup(1, 5, 0, 0));
    CHECK_REPR(s, "slice(None, 5, None)");
    Py_XDECREF(s);

    Py_ssize_t start, stop, step, len;
    s = PySlice_New(NULL, NULL, PyLong_FromLong(-1));
    Py_DECREF(((PySliceObject *)s)->step);
    CHECK(PySlice_Unpack(s, &start, &stop, &step) == 0);
    CHECK(start == PY_SSIZE_T_MAX && stop == PY_SSIZE_T_MIN && step == -1);
    CHECK(PySlice_AdjustIndices(10, &start, &stop, step) == 10);
    CHECK(start == 9 && stop == -1);
    CHECK(PySlice_GetIndicesEx(s, 10, &start, &stop, &step, &len) == 0);
    CHECK(start == 9 && stop == -1 && step == -1 && len == 10);
    PyObject *ten = PyLong_FromLong(10);
    a = meth(s, "indices", ten);
    CHECK_REPR(a, "(9, -1, -1)");
    Py_XDECREF(a);
    PyObject *neg = PyLong_FromLong(-1);
    CHECK(meth(s, "indices", neg) == NULL);
    CHECK_ERRMSG("length should not be negative");
    PyObject *str = PyUnicode_FromString("a");
    CHECK(meth(s, "indices", str) == NULL);
    CHECK_ERRMSG("'str' object cannot be interpreted as an integer");
    Py_DECREF(s);

    s = PySlice_New(one, two, PyLong_FromLong(0));
    Py_DECREF(((PySliceObject *)s)->step);
    CHECK(PySlice_Unpack(s, &start, &stop, &step) == -1);
    CHECK_ERRMSG("slice step cannot be zero");
    CHECK(PySlice_GetIndicesEx(s, 5, &start, &stop, &step, &len) == -1 && len == 0);
    CHECK_ERRMSG("slice step cannot be zero");
    Py_DECREF(s);
    s = PySlice_New(str, NULL, NULL);
    CHECK(PySlice_Unpack(s, &start, &stop, &step) == -1);
    CHECK_ERRMSG("slice indices must be integers or None or have an __index__ method");
    Py_DECREF(s);
    /* clamping: -100:100 of a 10-sequence */
    s = PySlice_New(PyLong_FromLong(-100), PyLong_FromLong(100), NULL);
    Py_DECREF(((PySliceObject *)s)->start);
    Py_DECREF(((PySliceObject *)s)->stop);
    CHECK(PySlice_GetIndicesEx(s, 10, &start, &stop, &step, &len) == 0);
    CHECK(start == 0 && stop == 10 && step == 1 && len == 10);
    CHECK(PySlice_GetIndices(s, 10, &start, &stop, &step) == -1);
    CHECK(!PyErr_Occurred());
    Py_DECREF(s);
    s = PySlice_New(one, NULL, NULL);
    CHECK(PySlice_GetIndices(s, 10, &start, &stop, &step) == 0);
    CHECK(start == 1 && stop == 10 && step == 1);
    Py_DECREF(s);
    CHECK(PySlice_Unpack(one, &start, &stop, &step) == -1);
    CHECK_ERRMSG("bad argument to internal function");

    /* ---- range ---- */
    PyObject *r = call(range, tup(3, 0, 10, 3));
    CHECK(PyRange_Check(r));
    CHECK_REPR(r, "range(0, 10, 3)");
    CHECK(PyObject_Size(r) == 4);
    a = PySequence_GetItem(r, 3);
    CHECK_REPR(a, "9");
    Py_XDECREF(a);
    a = PyObject_GetItem(r, neg);
    CHECK_REPR(a, "9");
    Py_XDECREF(a);
    CHECK(PyObject_GetItem(r, ten) == NULL);
    CHECK_ERRMSG("range object index out of range");
    CHECK(PyObject_GetItem(r, str) == NULL);
    CHECK_ERRMSG("range indices must be integers or slices, not str");
    s = PySlice_New(one, PyLong_FromLong(3), NULL);
    Py_DECREF(((PySliceObject *)s)->stop);
    a = PyObject_GetItem(r, s);
    CHECK_REPR(a, "range(3, 9, 3)");
    Py_XDECREF(a);
    Py_DECREF(s);
    s = PySlice_New(NULL, NULL, neg);
    a = PyObject_GetItem(r, s);
    CHECK_REPR(a, "range(9, -3, -3)");
    Py_XDECREF(a);
    Py_DECREF(s);
    PyObject *six = PyLong_FromLong(6), *seven = PyLong_FromLong(7);
    CHECK(PySequence_Contains(r, six) == 1);
    CHECK(PySequence_Contains(r, seven) == 0);
    /* 6.0 in r and r.index(6.0) need int/float comparison (core numbers work). */
    PyObject *f6 = PyFloat_FromDouble(6.5);
    CHECK(PySequence_Contains(r, f6) == 0);
    CHECK(as_long_steal(meth(r, "index", six)) == 2);
    CHECK(as_long_steal(meth(r, "count", six)) == 1);
    CHECK(as_long_steal(meth(r, "count", seven)) == 0);
    CHECK(meth(r, "index", seven) == NULL);
    CHECK_ERRMSG("7 is not in range");
    CHECK(meth(r, "index", str) == NULL);
    CHECK_ERRMSG("sequence.index(x): x not in sequence");
    Py_DECREF(f6);

    PyObject *it = PyObject_GetIter(r);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'range_iterator'>");
    CHECK(as_long_steal(meth(it, "__length_hint__", NULL)) == 4);
    long sum = 0;
    PyObject *x;
    while ((x = PyIter_Next(it)) != NULL) {
        sum = sum * 10 + PyLong_AsLong(x);
        Py_DECREF(x);
    }
    CHECK(sum == 369 && !PyErr_Occurred());
    Py_DECREF(it);
    it = meth(r, "__reversed__", NULL);
    sum = 0;
    while (it && (x = PyIter_Next(it)) != NULL) {
        sum = sum * 10 + PyLong_AsLong(x);
        Py_DECREF(x);
    }
    CHECK(sum == 9630);
    Py_XDECREF(it);

    PyObject *r2 = call(range, tup(3, 0, 11, 3));
    CHECK(PyObject_RichCompareBool(r, r2, Py_EQ) == 1);
    CHECK(PyObject_Hash(r) == PyObject_Hash(r2));
    PyObject *key = tup(3, 4, 0, 3);
    CHECK(PyObject_Hash(r) == PyObject_Hash(key));
    Py_DECREF(key);
    CHECK(PyObject_RichCompare(r, r2, Py_LT) == NULL);
    CHECK_ERRMSG("'<' not supported between instances of 'range' and 'range'");
    Py_DECREF(r2);
    r2 = call(range, tup(2, 5, 2, 0));
    PyObject *r3 = call(range, tup(1, 0, 0, 0));
    CHECK(PyObject_RichCompareBool(r2, r3, Py_EQ) == 1);
    CHECK(PyObject_IsTrue(r2) == 0);
    CHECK(PyObject_IsTrue(r) == 1);
    CHECK_REPR(r3, "range(0, 0)");
    Py_DECREF(r2);
    Py_DECREF(r3);
    a = meth(r, "__reduce__", NULL);
    CHECK_REPR(a, "(<class 'range'>, (0, 10, 3))");
    Py_XDECREF(a);
    a = PyObject_GetAttrString(r, "step");
    CHECK_REPR(a, "3");
    Py_XDECREF(a);
    Py_DECREF(r);

    r = call(range, tup(3, 10, 0, -3));
    CHECK_REPR(r, "range(10, 0, -3)");
    CHECK(PyObject_Size(r) == 4);
    a = PySequence_GetItem(r, 3);
    CHECK_REPR(a, "1");
    Py_XDECREF(a);
    CHECK(PySequence_Contains(r, seven) == 1);
    CHECK(PySequence_Contains(r, six) == 0);
    Py_DECREF(r);

    CHECK(call(range, PyTuple_New(0)) == NULL);
    CHECK_ERRMSG("range expected at least 1 argument, got 0");
    CHECK(call(range, tup(3, 1, 2, 0)) == NULL);
    CHECK_ERRMSG("range() arg 3 must not be zero");
    t = PyTuple_New(1);
    Py_INCREF(str);
    PyTuple_SetItem(t, 0, str);
    CHECK(call(range, t) == NULL);
    CHECK_ERRMSG("'str' object cannot be interpreted as an integer");
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "stop", one);
    t = PyTuple_New(0);
    CHECK(PyObject_Call(range, t, kw) == NULL);
    CHECK_ERRMSG("range() takes no keyword arguments");
    Py_DECREF(t);
    Py_DECREF(kw);

    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(ten);
    Py_DECREF(neg);
    Py_DECREF(six);
    Py_DECREF(seven);
    Py_DECREF(str);
    END_TEST();
}
