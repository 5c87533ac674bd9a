/* tuple: construction, C API (steals vs borrows), slicing, methods,
 * iteration and errors, checked against CPython 3.11. */
#include "containers.h"

int main(void) {
    BEGIN_TEST();
    /* PyTuple_New / SetItem steals / GetItem borrows. */
    PyObject *t = PyTuple_New(3);
    PyObject *a = L(1), *b = S("x"), *c = PyList_New(0);
    Py_INCREF(b);
    CHECK(PyTuple_SetItem(t, 0, a) == 0);
    CHECK(PyTuple_SetItem(t, 1, b) == 0);
    CHECK(PyTuple_SetItem(t, 2, c) == 0);
    CHECK(Py_REFCNT(b) == 2);
    CHECK(PyTuple_GetItem(t, 1) == b);
    CHECK(Py_REFCNT(b) == 2);
    CHECK(PyTuple_Size(t) == 3);
    CHECK_REPR(t, "(1, 'x', [])");
    /* SetItem on a shared tuple: SystemError, and the item is still stolen. */
    Py_INCREF(t);
    Py_INCREF(b);
    CHECK_FAIL_INT(PyTuple_SetItem(t, 0, b), PyExc_SystemError, "bad argument to internal function");
    CHECK(Py_REFCNT(b) == 2);
    Py_DECREF(t);
    Py_INCREF(b);
    CHECK_FAIL_INT(PyTuple_SetItem(t, 3, b), PyExc_IndexError, "tuple assignment index out of range");
    CHECK(Py_REFCNT(b) == 2);
    CHECK_FAIL(PyTuple_GetItem(t, 3), PyExc_IndexError, "tuple index out of range");
    CHECK_FAIL(PyTuple_GetItem(t, -1), PyExc_IndexError, "tuple index out of range");
    CHECK_FAIL(PyTuple_GetItem(c, 0), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyTuple_Size(c), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PyTuple_New(-1), PyExc_SystemError, "bad argument to internal function");
    /* The stolen item goes away with the tuple. */
    Py_DECREF(t);
    CHECK(Py_REFCNT(b) == 1);
    Py_DECREF(b);

    /* GetSlice and _PyTuple_Resize. */
    t = PyTuple_New(4);
    for (int i = 0; i < 4; i++) PyTuple_SetItem(t, i, L(i * 10));
    CHECK_NEW(PyTuple_GetSlice(t, 1, 3), "(10, 20)");
    CHECK_NEW(PyTuple_GetSlice(t, -5, 99), "(0, 10, 20, 30)");
    CHECK_NEW(PyTuple_GetSlice(t, 3, 1), "()");
    PyObject *whole = PyTuple_GetSlice(t, 0, 4);
    CHECK(whole == t);
    Py_XDECREF(whole);
    CHECK_FAIL(PyTuple_GetSlice(c = PyList_New(0), 0, 1), PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(c);
    CHECK(_PyTuple_Resize(&t, 6) == 0);
    CHECK(PyTuple_GET_ITEM(t, 4) == NULL);
    PyTuple_SET_ITEM(t, 4, L(40));
    PyTuple_SET_ITEM(t, 5, L(50));
    CHECK_REPR(t, "(0, 10, 20, 30, 40, 50)");
    CHECK(_PyTuple_Resize(&t, 2) == 0);
    CHECK_REPR(t, "(0, 10)");
    Py_INCREF(t);
    PyObject *t2 = t;
    CHECK_FAIL_INT(_PyTuple_Resize(&t2, 3), PyExc_SystemError, "bad argument to internal function");
    CHECK(t2 == NULL);
    CHECK(Py_REFCNT(t) == 1);
    PyObject *nul = NULL;
    CHECK_FAIL_INT(_PyTuple_Resize(&nul, 3), PyExc_SystemError, "bad argument to internal function");

    /* tuple(iterable), methods, slicing. */
    PyObject *lst = PyList_New(0);
    for (int i = 0; i < 5; i++) { PyObject *x = L(i % 3); PyList_Append(lst, x); Py_DECREF(x); }
    PyObject *tt = PyObject_CallOneArg((PyObject *)&PyTuple_Type, lst);
    CHECK_REPR(tt, "(0, 1, 2, 0, 1)");
    PyObject *same = PyObject_CallOneArg((PyObject *)&PyTuple_Type, tt);
    CHECK(same == tt);
    Py_XDECREF(same);
    CHECK_NEW(PyObject_CallNoArgs((PyObject *)&PyTuple_Type), "()");
    PyObject *five = L(5), *zero = L(0), *one = L(1), *two = L(2), *m1 = L(-1), *str = S("a");
    CHECK_FAIL(PyObject_CallOneArg((PyObject *)&PyTuple_Type, five), PyExc_TypeError, "'int' object is not iterable");
    PyObject *args2 = tup2(one, two);
    CHECK_FAIL(PyObject_Call((PyObject *)&PyTuple_Type, args2, NULL), PyExc_TypeError, "tuple expected at most 1 argument, got 2");
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "a", one);
    PyObject *empty = PyTuple_New(0);
    CHECK_FAIL(PyObject_Call((PyObject *)&PyTuple_Type, empty, kw), PyExc_TypeError, "tuple() takes no keyword arguments");
    CHECK_NEW(callm(tt, "index", 1, two), "2");
    CHECK_NEW(callm(tt, "index", 2, one, two), "4");
    PyObject *m2 = L(-2);
    CHECK_NEW(callm(tt, "index", 3, zero, m2, five), "3");
    CHECK_FAIL(callm(tt, "index", 3, zero, m1, five), PyExc_ValueError, "tuple.index(x): x not in tuple");
    Py_DECREF(m2);
    CHECK_FAIL(callm(tt, "index", 1, five), PyExc_ValueError, "tuple.index(x): x not in tuple");
    CHECK_FAIL(callm(tt, "index", 0), PyExc_TypeError, "index expected at least 1 argument, got 0");
    CHECK_FAIL(callm(tt, "index", 2, one, str), PyExc_TypeError, "slice indices must be integers or have an __index__ method");
    CHECK_NEW(callm(tt, "count", 1, one), "2");
    CHECK_FAIL(callm(tt, "count", 0), PyExc_TypeError, "tuple.count() takes exactly one argument (0 given)");
    CHECK_NEW(callm(tt, "__getnewargs__", 0), "((0, 1, 2, 0, 1),)");
    CHECK_NEW(callm(tt, "__getitem__", 1, m1), "1");
    CHECK_NEW(callm(tt, "__len__", 0), "5");
    CHECK_NEW(callm(tt, "__contains__", 1, two), "True");
    CHECK_NEW(callm(tt, "__contains__", 1, five), "False");
    CHECK_NEW(callm(tt, "__add__", 1, args2), "(0, 1, 2, 0, 1, 1, 2)");
    CHECK_NEW(callm(tt, "__mul__", 1, two), "(0, 1, 2, 0, 1, 0, 1, 2, 0, 1)");
    CHECK_NEW(callm(tt, "__mul__", 1, m1), "()");
    CHECK_NEW(callm(tt, "__rmul__", 1, zero), "()");
    CHECK_NEW(callm(tt, "__sizeof__", 0), "64");
    CHECK_NEW(callm(args2, "__hash__", 0), "-3550055125485641917");
    CHECK_FAIL(callm(tt, "__add__", 1, lst), PyExc_TypeError, "can only concatenate tuple (not \"list\") to tuple");
    CHECK_FAIL(callm(tt, "__getitem__", 1, str), PyExc_TypeError, "tuple indices must be integers or slices, not str");
    CHECK_FAIL(callm(tt, "__getitem__", 1, five), PyExc_IndexError, "tuple index out of range");
    CHECK_FAIL(PyObject_GetItem(tt, five), PyExc_IndexError, "tuple index out of range");
    CHECK_NEW(PyObject_GetItem(tt, m1), "1");
    CHECK_NEW(PyObject_RichCompare(tt, args2, Py_LT), "True");
    CHECK_NEW(PyObject_RichCompare(tt, tt, Py_EQ), "True");

    /* Iteration: tuple_iterator with __length_hint__. */
    PyObject *it = PyObject_GetIter(tt);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'tuple_iterator'>");
    CHECK_NEW(callm(it, "__length_hint__", 0), "5");
    PyObject *x = PyIter_Next(it);
    CHECK_REPR(x, "0");
    Py_XDECREF(x);
    CHECK_NEW(callm(it, "__length_hint__", 0), "4");
    int n = 0;
    while ((x = PyIter_Next(it)) != NULL) { n++; Py_DECREF(x); }
    CHECK(n == 4 && !PyErr_Occurred());
    CHECK_NEW(callm(it, "__length_hint__", 0), "0");
    CHECK_FAIL(PyObject_CallNoArgs((PyObject *)Py_TYPE(it)), PyExc_TypeError, "cannot create 'tuple_iterator' instances");
    Py_DECREF(it);

    Py_DECREF(five); Py_DECREF(zero); Py_DECREF(one); Py_DECREF(two); Py_DECREF(m1); Py_DECREF(str);
    Py_DECREF(args2); Py_DECREF(kw); Py_DECREF(empty); Py_DECREF(lst); Py_DECREF(tt); Py_DECREF(t);
    END_TEST();
}
