/* PySeqIter_New and PyCallIter_New: the generic iterators, their argument
 * checks, and iteration over every container type. */
#include "containers.h"

/* A callable returning 1, 2, 3, ...; raises StopIteration after `stop_at`. */
typedef struct {
    PyObject_HEAD
    long n, stop_at;
} Counter;

static PyObject *counter_call(PyObject *self, PyObject *args, PyObject *kw) {
    Counter *c = (Counter *)self;
    if (c->stop_at && c->n >= c->stop_at) {
        PyErr_SetNone(PyExc_StopIteration);
        return NULL;
    }
    if (c->n < 0) {
        PyErr_SetString(PyExc_ValueError, "counter broke");
        return NULL;
    }
    return PyLong_FromLong(++c->n);
}

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "counter",
    .tp_basicsize = sizeof(Counter),
    .tp_call = counter_call,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *counter(long stop_at) {
    Counter *c = (Counter *)PyType_GenericAlloc(&Counter_Type, 0);
    c->n = 0;
    c->stop_at = stop_at;
    return (PyObject *)c;
}

/* Drain an iterator into a list. */
static PyObject *drain(PyObject *it) {
    PyObject *l = PyList_New(0), *x;
    while ((x = PyIter_Next(it)) != NULL) {
        PyList_Append(l, x);
        Py_DECREF(x);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(l);
        return NULL;
    }
    return l;
}

int main(void) {
    BEGIN_TEST();
    PyType_Ready(&Counter_Type);
    check_live_start = Pyrite_LiveObjects();
    PyObject *one = L(1), *two = L(2), *three = L(3);

    /* Sequence iterator over a list and a tuple. */
    PyObject *t = tup2(one, two);
    PyObject *it = PySeqIter_New(t);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'iterator'>");
    CHECK_NEW(callm(it, "__length_hint__", 0), "2");
    CHECK(PySeqIter_Check(it) && !PyCallIter_Check(it));
    CHECK_NEW(drain(it), "[1, 2]");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    CHECK_NEW(callm(it, "__length_hint__", 0), "0");
    Py_DECREF(it);
    PyObject *l = PyList_New(0);
    PyList_Append(l, three);
    it = PySeqIter_New(l);
    CHECK_NEW(drain(it), "[3]");
    Py_DECREF(it);
    PyObject *d = PyDict_New();
    CHECK_FAIL(PySeqIter_New(d), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PySeqIter_New(one), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PySeqIter_New(NULL), PyExc_SystemError, "bad argument to internal function");

    /* Callable iterator: stops at the sentinel, or at StopIteration. */
    PyObject *cnt = counter(0);
    it = PyCallIter_New(cnt, three);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'callable_iterator'>");
    CHECK(PyCallIter_Check(it));
    CHECK_NEW(drain(it), "[1, 2]");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    Py_DECREF(cnt);
    cnt = counter(4);
    PyObject *never = S("never");
    it = PyCallIter_New(cnt, never);
    CHECK_NEW(drain(it), "[1, 2, 3, 4]");
    Py_DECREF(it);
    ((Counter *)cnt)->n = -5;
    ((Counter *)cnt)->stop_at = 0;
    it = PyCallIter_New(cnt, never);
    CHECK_FAIL(PyIter_Next(it), PyExc_ValueError, "counter broke");
    Py_DECREF(it);
    CHECK_FAIL(PyCallIter_New(NULL, never), PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(cnt);
    Py_DECREF(never);

    /* Every container iterates through PyObject_GetIter. */
    PyDict_SetItem(d, one, two);
    PyDict_SetItem(d, three, one);
    PyObject *s = PySet_New(t);
    PyObject *fs = PyFrozenSet_New(t);
    PyObject *objs[] = {t, l, d, s, fs};
    const char *want[] = {"[1, 2]", "[3]", "[1, 3]", "[1, 2]", "[1, 2]"};
    for (int i = 0; i < 5; i++) {
        it = PyObject_GetIter(objs[i]);
        CHECK(it != NULL && PyIter_Check(it));
        CHECK_NEW(drain(it), want[i]);
        Py_XDECREF(it);
    }
    /* Iterators keep their container alive. */
    it = PyObject_GetIter(l);
    Py_DECREF(l);
    CHECK_NEW(PyIter_Next(it), "3");
    Py_DECREF(it);

    Py_DECREF(s); Py_DECREF(fs); Py_DECREF(d); Py_DECREF(t);
    Py_DECREF(one); Py_DECREF(two); Py_DECREF(three);
    END_TEST();
}
