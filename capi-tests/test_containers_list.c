/* list: C API (steals vs borrows, slices, sort), methods, subscripts with
 * ints and slices, errors, iterators; expected values from CPython 3.11. */
#include "containers.h"

static PyObject *range_list(int n) {
    PyObject *l = PyList_New(n);
    for (int i = 0; i < n; i++) PyList_SET_ITEM(l, i, L(i));
    return l;
}

/* [(i*7 % 5, i) for i in range(20)] */
static PyObject *make_pairs(void) {
    PyObject *l = PyList_New(0);
    for (int i = 0; i < 20; i++) {
        PyObject *k = L((i * 7) % 5), *v = L(i);
        PyObject *p = tup2(k, v);
        PyList_Append(l, p);
        Py_DECREF(p); Py_DECREF(k); Py_DECREF(v);
    }
    return l;
}

/* Key functions for sort, as callable objects: mode 0 negates an int,
 * mode 1 takes item [0] of a tuple, mode 2 appends to the list being sorted. */
static PyObject *sorting_list;
typedef struct {
    PyObject_HEAD
    int mode;
} KeyFunc;

static PyObject *keyfunc_call(PyObject *self, PyObject *args, PyObject *kw) {
    PyObject *x = PyTuple_GetItem(args, 0);
    switch (((KeyFunc *)self)->mode) {
    case 0: return PyLong_FromLong(-PyLong_AsLong(x));
    case 1: x = PyTuple_GetItem(x, 0); Py_INCREF(x); return x;
    default: PyList_Append(sorting_list, x); Py_INCREF(x); return x;
    }
}

static PyTypeObject KeyFunc_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "keyfunc",
    .tp_basicsize = sizeof(KeyFunc),
    .tp_call = keyfunc_call,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *keyfunc(int mode) {
    KeyFunc *k = (KeyFunc *)PyType_GenericAlloc(&KeyFunc_Type, 0);
    k->mode = mode;
    return (PyObject *)k;
}

int main(void) {
    BEGIN_TEST();
    PyType_Ready(&KeyFunc_Type);
    check_live_start = Pyrite_LiveObjects();
    PyObject *zero = L(0), *one = L(1), *two = L(2), *three = L(3), *m1 = L(-1), *m2 = L(-2), *big = L(100), *str = S("a");

    /* New / SetItem steals / GetItem borrows / Append borrows. */
    PyObject *l = PyList_New(2);
    CHECK_REPR(l, "[<NULL>, <NULL>]");
    PyObject *s = S("s");
    Py_INCREF(s);
    CHECK(PyList_SetItem(l, 0, s) == 0);
    CHECK(PyList_SetItem(l, 1, L(7)) == 0);
    CHECK(Py_REFCNT(s) == 2);
    CHECK(PyList_GetItem(l, 0) == s && Py_REFCNT(s) == 2);
    CHECK(PyList_Append(l, s) == 0);
    CHECK(Py_REFCNT(s) == 3);
    CHECK_REPR(l, "['s', 7, 's']");
    Py_INCREF(s);
    CHECK_FAIL_INT(PyList_SetItem(l, 3, s), PyExc_IndexError, "list assignment index out of range");
    CHECK(Py_REFCNT(s) == 3);
    CHECK_FAIL(PyList_GetItem(l, 3), PyExc_IndexError, "list index out of range");
    CHECK_FAIL(PyList_GetItem(s, 0), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Size(s), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Append(s, s), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Append(l, NULL), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Insert(l, 0, NULL), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Insert(s, 0, s), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Sort(s), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_Reverse(NULL), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PyList_AsTuple(s), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PyList_GetSlice(s, 0, 1), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PyList_SetSlice(s, 0, 1, NULL), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PyList_New(-1), PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(l);
    CHECK(Py_REFCNT(s) == 1);
    Py_DECREF(s);

    /* Insert, slices, reverse, sort, as-tuple, extend. */
    l = range_list(3);
    CHECK(PyList_Insert(l, -10, m1) == 0);
    CHECK(PyList_Insert(l, 100, big) == 0);
    CHECK(PyList_Insert(l, -1, str) == 0);
    CHECK_REPR(l, "[-1, 0, 1, 2, 'a', 100]");
    CHECK_NEW(PyList_GetSlice(l, 1, 3), "[0, 1]");
    CHECK_NEW(PyList_GetSlice(l, -4, 99), "[-1, 0, 1, 2, 'a', 100]");
    CHECK_NEW(PyList_GetSlice(l, 4, 2), "[]");
    CHECK(PyList_SetSlice(l, 4, 5, NULL) == 0);
    CHECK_REPR(l, "[-1, 0, 1, 2, 100]");
    PyObject *t = tup2(str, str);
    CHECK(PyList_SetSlice(l, 1, 3, t) == 0);
    CHECK_REPR(l, "[-1, 'a', 'a', 2, 100]");
    CHECK(PyList_SetSlice(l, 1, 3, l) == 0);
    CHECK_REPR(l, "[-1, -1, 'a', 'a', 2, 100, 2, 100]");
    CHECK_FAIL_INT(PyList_SetSlice(l, 0, 1, big), PyExc_TypeError, "can only assign an iterable");
    CHECK(PyList_SetSlice(l, 2, 4, NULL) == 0);
    CHECK(PyList_Reverse(l) == 0);
    CHECK_REPR(l, "[100, 2, 100, 2, -1, -1]");
    CHECK(PyList_Sort(l) == 0);
    CHECK_REPR(l, "[-1, -1, 2, 2, 100, 100]");
    CHECK_NEW(PyList_AsTuple(l), "(-1, -1, 2, 2, 100, 100)");
    CHECK(PyList_Extend(l, t) == 0);
    CHECK_REPR(l, "[-1, -1, 2, 2, 100, 100, 'a', 'a']");
    CHECK_FAIL_INT(PyList_Sort(l), PyExc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    CHECK(PyList_Size(l) == 8);
    CHECK_FAIL_INT(PyList_Extend(l, big), PyExc_TypeError, "'int' object is not iterable");
    CHECK_NEW(_PyList_Extend(l, t), "None");
    CHECK_REPR(l, "[-1, -1, 2, 2, 100, 100, 'a', 'a', 'a', 'a']");
    CHECK_FAIL(_PyList_Extend(t, l), PyExc_SystemError, "bad argument to internal function");
    CHECK(PyList_Clear(l) == 0);
    CHECK_REPR(l, "[]");
    Py_DECREF(l);
    Py_DECREF(t);

    /* Methods. */
    l = range_list(4);
    CHECK_NEW(callm(l, "pop", 0), "3");
    CHECK_NEW(callm(l, "pop", 1, zero), "0");
    CHECK_NEW(callm(l, "pop", 1, m1), "2");
    CHECK_REPR(l, "[1]");
    CHECK_FAIL(callm(l, "pop", 1, big), PyExc_IndexError, "pop index out of range");
    CHECK_FAIL(callm(l, "pop", 2, one, two), PyExc_TypeError, "pop expected at most 1 argument, got 2");
    CHECK_FAIL(callm(l, "pop", 1, str), PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_NEW(callm(l, "pop", 0), "1");
    CHECK_FAIL(callm(l, "pop", 0), PyExc_IndexError, "pop from empty list");
    CHECK_FAIL(callm(l, "insert", 1, one), PyExc_TypeError, "insert expected 2 arguments, got 1");
    CHECK_NEW(callm(l, "append", 1, two), "None");
    PyObject *ta = tup2(str, str);
    CHECK_NEW(callm(l, "extend", 1, ta), "None");
    Py_DECREF(ta);
    CHECK_NEW(callm(l, "remove", 1, str), "None");
    CHECK_NEW(callm(l, "insert", 2, zero, one), "None");
    CHECK_REPR(l, "[1, 2, 'a']");
    CHECK_NEW(callm(l, "remove", 1, two), "None");
    CHECK_FAIL(callm(l, "remove", 1, two), PyExc_ValueError, "list.remove(x): x not in list");
    CHECK_NEW(callm(l, "index", 1, str), "1");
    CHECK_FAIL(callm(l, "index", 1, big), PyExc_ValueError, "100 is not in list");
    CHECK_FAIL(callm(l, "index", 0), PyExc_TypeError, "index expected at least 1 argument, got 0");
    CHECK_NEW(callm(l, "count", 1, one), "1");
    CHECK_NEW(callm(l, "copy", 0), "[1, 'a']");
    CHECK_NEW(callm(l, "clear", 0), "None");
    CHECK_REPR(l, "[]");
    CHECK_NEW(callm(l, "__sizeof__", 0), "40");
    CHECK_FAIL(callm(l, "extend", 1, big), PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(l);
    l = range_list(3);
    CHECK_NEW(callm(l, "__sizeof__", 0), "64");
    PyObject *lc = callm(l, "__mul__", 1, three);
    CHECK_REPR(lc, "[0, 1, 2, 0, 1, 2, 0, 1, 2]");
    CHECK_NEW(callm(lc, "index", 3, two, three, big), "5");
    CHECK_FAIL(callm(lc, "index", 3, zero, m2, big), PyExc_ValueError, "0 is not in list");
    Py_XDECREF(lc);
    CHECK_NEW(callm(l, "__mul__", 1, m1), "[]");
    CHECK_NEW(callm(l, "__add__", 1, l), "[0, 1, 2, 0, 1, 2]");
    t = tup2(one, two);
    CHECK_FAIL(callm(l, "__add__", 1, t), PyExc_TypeError, "can only concatenate list (not \"tuple\") to list");
    PyObject *r = callm(l, "__iadd__", 1, t);
    CHECK(r == l);
    Py_XDECREF(r);
    CHECK_FAIL(callm(l, "__iadd__", 1, big), PyExc_TypeError, "'int' object is not iterable");
    r = callm(l, "__imul__", 1, two);
    CHECK(r == l);
    Py_XDECREF(r);
    CHECK_REPR(l, "[0, 1, 2, 1, 2, 0, 1, 2, 1, 2]");
    CHECK_NEW(callm(l, "__contains__", 1, two), "True");
    CHECK_NEW(callm(l, "__contains__", 1, str), "False");
    CHECK_NEW(callm(l, "__len__", 0), "10");
    r = callm(l, "__imul__", 1, zero);
    Py_XDECREF(r);
    CHECK_REPR(l, "[]");
    Py_DECREF(l);
    Py_DECREF(t);

    /* sort(*, key, reverse): stability, errors. */
    l = make_pairs();
    PyObject *empty = PyTuple_New(0);
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "reverse", Py_True);
    CHECK_NEW(callkw(l, "sort", empty, kw), "None");
    CHECK_REPR(l, "[(4, 17), (4, 12), (4, 7), (4, 2), (3, 19), (3, 14), (3, 9), (3, 4), (2, 16), (2, 11), (2, 6), (2, 1), (1, 18), (1, 13), (1, 8), (1, 3), (0, 15), (0, 10), (0, 5), (0, 0)]");
    Py_DECREF(l);
    l = make_pairs();
    PyObject *firstf = keyfunc(1);
    PyDict_SetItemString(kw, "key", firstf);
    CHECK_NEW(callkw(l, "sort", empty, kw), "None");
    CHECK_REPR(l, "[(4, 2), (4, 7), (4, 12), (4, 17), (3, 4), (3, 9), (3, 14), (3, 19), (2, 1), (2, 6), (2, 11), (2, 16), (1, 3), (1, 8), (1, 13), (1, 18), (0, 0), (0, 5), (0, 10), (0, 15)]");
    Py_DECREF(firstf);
    Py_DECREF(l);
    l = range_list(30);
    PyObject *negf = keyfunc(0);
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "key", negf);
    CHECK_NEW(callkw(l, "sort", empty, kw), "None");
    CHECK_NEW(PyList_GetSlice(l, 0, 5), "[29, 28, 27, 26, 25]");
    PyDict_SetItemString(kw, "reverse", Py_True);
    CHECK_NEW(callkw(l, "sort", empty, kw), "None");
    CHECK_NEW(PyList_GetSlice(l, 0, 5), "[0, 1, 2, 3, 4]");
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "kex", one);
    CHECK_FAIL(callkw(l, "sort", empty, kw), PyExc_TypeError, "'kex' is an invalid keyword argument for sort()");
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "key", one);
    CHECK_FAIL(callkw(l, "sort", empty, kw), PyExc_TypeError, "'int' object is not callable");
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "reverse", str);
    CHECK_FAIL(callkw(l, "sort", empty, kw), PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_FAIL(callm(l, "sort", 1, one), PyExc_TypeError, "sort() takes no positional arguments");
    Py_DECREF(l);
    l = range_list(3);
    sorting_list = l;
    PyObject *medf = keyfunc(2);
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "key", medf);
    CHECK_FAIL(callkw(l, "sort", empty, kw), PyExc_ValueError, "list modified during sort");
    CHECK_REPR(l, "[0, 1, 2]");
    PyList_Append(l, str);
    CHECK_FAIL_INT(PyList_Sort(l), PyExc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    CHECK(PyList_Size(l) == 4);
    Py_DECREF(l);
    Py_DECREF(medf);
    Py_DECREF(negf);

    /* Subscripts: ints and slices, extended slices. */
    l = range_list(10);
    PyObject *sl = make_slice(NULL, NULL, three);
    CHECK_NEW(PyObject_GetItem(l, sl), "[0, 3, 6, 9]");
    CHECK(PyObject_DelItem(l, sl) == 0);
    CHECK_REPR(l, "[1, 2, 4, 5, 7, 8]");
    Py_DECREF(sl);
    sl = make_slice(NULL, NULL, m2);
    CHECK_NEW(PyObject_GetItem(l, sl), "[8, 5, 2]");
    CHECK(PyObject_DelItem(l, sl) == 0);
    CHECK_REPR(l, "[1, 4, 7]");
    Py_DECREF(sl);
    Py_DECREF(l);
    l = range_list(10);
    PyObject *nine = L(9);
    sl = make_slice(one, nine, three);
    PyObject *abc = PyList_New(0);
    PyList_Append(abc, str); PyList_Append(abc, one); PyList_Append(abc, big);
    CHECK(PyObject_SetItem(l, sl, abc) == 0);
    CHECK_REPR(l, "[0, 'a', 2, 3, 1, 5, 6, 100, 8, 9]");
    t = tup2(one, two);
    CHECK_FAIL_INT(PyObject_SetItem(l, sl, t), PyExc_ValueError, "attempt to assign sequence of size 2 to extended slice of size 3");
    CHECK_FAIL_INT(PyObject_SetItem(l, sl, big), PyExc_TypeError, "must assign iterable to extended slice");
    Py_DECREF(sl);
    sl = make_slice(one, three, NULL);
    CHECK(PyObject_SetItem(l, sl, abc) == 0);
    CHECK_REPR(l, "[0, 'a', 1, 100, 3, 1, 5, 6, 100, 8, 9]");
    CHECK_FAIL_INT(PyObject_SetItem(l, sl, big), PyExc_TypeError, "can only assign an iterable");
    CHECK(PyObject_SetItem(l, sl, l) == 0);
    CHECK_NEW(PyList_GetSlice(l, 0, 4), "[0, 0, 'a', 1]");
    Py_DECREF(sl);
    sl = make_slice(NULL, NULL, m1);
    CHECK(PyObject_SetItem(l, sl, l) == 0);
    CHECK_NEW(PyList_GetSlice(l, 0, 3), "[9, 8, 100]");
    Py_DECREF(sl);
    sl = make_slice(str, NULL, NULL);
    CHECK_FAIL(PyObject_GetItem(l, sl), PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    Py_DECREF(sl);
    sl = make_slice(NULL, NULL, zero);
    CHECK_FAIL(PyObject_GetItem(l, sl), PyExc_ValueError, "slice step cannot be zero");
    Py_DECREF(sl);
    CHECK_NEW(PyObject_GetItem(l, m1), "0");
    CHECK_FAIL(PyObject_GetItem(l, big), PyExc_IndexError, "list index out of range");
    CHECK_FAIL(PyObject_GetItem(l, str), PyExc_TypeError, "list indices must be integers or slices, not str");
    CHECK_FAIL_INT(PyObject_SetItem(l, big, one), PyExc_IndexError, "list assignment index out of range");
    CHECK_FAIL_INT(PyObject_DelItem(l, big), PyExc_IndexError, "list assignment index out of range");
    CHECK(PyObject_SetItem(l, m1, str) == 0);
    CHECK(PyObject_DelItem(l, zero) == 0);
    CHECK_NEW(callm(l, "__getitem__", 1, m1), "'a'");
    Py_DECREF(abc); Py_DECREF(t); Py_DECREF(nine); Py_DECREF(l);

    /* list(iterable) / __init__, iterators. */
    t = tup2(one, two);
    l = PyObject_CallOneArg((PyObject *)&PyList_Type, t);
    CHECK_REPR(l, "[1, 2]");
    /* Sizes follow CPython's allocation history (exact preallocation from a
     * length or __length_hint__, rounded to even; growth and cut-back). */
    CHECK_NEW(callm(l, "__sizeof__", 0), "56");
    PyObject *l3 = range_list(3), *l20 = range_list(20);
    PyObject *it3 = PyObject_GetIter(l3);
    PyObject *fromit = PyObject_CallOneArg((PyObject *)&PyList_Type, it3);
    CHECK_NEW(callm(fromit, "__sizeof__", 0), "72");
    Py_DECREF(it3); Py_XDECREF(fromit);
    PyObject *grow = PyList_New(0);
    PyList_Append(grow, one);
    PyObject *it20 = PyObject_GetIter(l20);
    CHECK_NEW(callm(grow, "extend", 1, it20), "None");
    CHECK_NEW(callm(grow, "__sizeof__", 0), "232");
    Py_DECREF(it20); Py_DECREF(grow); Py_DECREF(l20);
    PyObject *fromtuple = PyList_New(0);
    PyObject *t3 = PyList_AsTuple(l3);
    CHECK_NEW(callm(fromtuple, "extend", 1, t3), "None");
    CHECK_NEW(callm(fromtuple, "__sizeof__", 0), "72");
    Py_DECREF(t3); Py_DECREF(fromtuple); Py_DECREF(l3);
    CHECK_NEW(callm(l, "__init__", 1, l), "None");
    CHECK_REPR(l, "[]");
    CHECK_NEW(callm(l, "__init__", 1, t), "None");
    CHECK_FAIL(PyObject_CallOneArg((PyObject *)&PyList_Type, big), PyExc_TypeError, "'int' object is not iterable");
    PyObject *t2 = tup2(one, two);
    CHECK_FAIL(PyObject_Call((PyObject *)&PyList_Type, t2, NULL), PyExc_TypeError, "list expected at most 1 argument, got 2");
    PyDict_Clear(kw);
    PyDict_SetItemString(kw, "a", one);
    CHECK_FAIL(PyObject_Call((PyObject *)&PyList_Type, empty, kw), PyExc_TypeError, "list() takes no keyword arguments");
    CHECK_FAIL(PyObject_Hash(l) == -1 ? NULL : Py_None, PyExc_TypeError, "unhashable type: 'list'");
    PyObject *it = PyObject_GetIter(l);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'list_iterator'>");
    CHECK_NEW(callm(it, "__length_hint__", 0), "2");
    CHECK_NEW(PyIter_Next(it), "1");
    CHECK_NEW(callm(it, "__length_hint__", 0), "1");
    PyList_Append(l, big);
    CHECK_NEW(PyIter_Next(it), "2");
    CHECK_NEW(PyIter_Next(it), "100");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    CHECK_NEW(callm(it, "__length_hint__", 0), "0");
    Py_DECREF(it);
    it = callm(l, "__reversed__", 0);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'list_reverseiterator'>");
    CHECK_NEW(callm(it, "__length_hint__", 0), "3");
    CHECK_NEW(PyIter_Next(it), "100");
    CHECK_NEW(PyIter_Next(it), "2");
    CHECK_NEW(PyIter_Next(it), "1");
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    CHECK_NEW(callm(it, "__length_hint__", 0), "0");
    CHECK_FAIL(PyObject_CallNoArgs((PyObject *)Py_TYPE(it)), PyExc_TypeError, "cannot create 'list_reverseiterator' instances");
    Py_DECREF(it);
    /* A cycle through a list is released by clearing it. */
    PyList_Append(l, l);
    CHECK_REPR(l, "[1, 2, 100, [...]]");
    PyList_Clear(l);
    Py_DECREF(l); Py_DECREF(t); Py_DECREF(t2); Py_DECREF(kw); Py_DECREF(empty);

    Py_DECREF(zero); Py_DECREF(one); Py_DECREF(two); Py_DECREF(three); Py_DECREF(m1); Py_DECREF(m2); Py_DECREF(big); Py_DECREF(str);
    END_TEST();
}
