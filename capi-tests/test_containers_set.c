/* set and frozenset: CPython's table order (PYTHONHASHSEED=0), C API,
 * operators and methods, hashing, comparisons, iteration and errors. */
#include "containers.h"
#include <stdlib.h>

/* A new set of the given C strings. */
static PyObject *strset(PyTypeObject *tp, const char **xs, int n) {
    PyObject *l = PyList_New(0);
    for (int i = 0; i < n; i++) { PyObject *s = S(xs[i]); PyList_Append(l, s); Py_DECREF(s); }
    PyObject *r = tp == &PySet_Type ? PySet_New(l) : PyFrozenSet_New(l);
    Py_DECREF(l);
    return r;
}

int main(void) {
    setenv("PYTHONHASHSEED", "0", 1);
    BEGIN_TEST();
    PyObject *one = L(1), *two = L(2), *big = L(100);
    PyObject *empty = PyTuple_New(0);

    /* Printed order is CPython's. */
    PyObject *s = PySet_New(NULL);
    PyObject *x10 = L(10), *x100 = L(100), *x1000 = L(1000);
    PySet_Add(s, x10); PySet_Add(s, x100); PySet_Add(s, x1000);
    CHECK_REPR(s, "{1000, 10, 100}");
    Py_DECREF(s); Py_DECREF(x10); Py_DECREF(x100); Py_DECREF(x1000);
    /* Insertion reuses the last dummy slot on the probe path, as CPython. */
    s = PySet_New(NULL);
    long vals[] = {0, 8, 16};
    for (int i = 0; i < 3; i++) { PyObject *x = L(vals[i]); PySet_Add(s, x); Py_DECREF(x); }
    for (int i = 0; i < 2; i++) { PyObject *x = L(vals[i]); PySet_Discard(s, x); Py_DECREF(x); }
    PyObject *x24 = L(24), *x32 = L(32);
    PySet_Add(s, x24); PySet_Add(s, x32);
    CHECK_REPR(s, "{32, 24, 16}");
    Py_DECREF(x24); Py_DECREF(x32); Py_DECREF(s);
    const char *five[] = {"a", "b", "c", "d", "e"};
    s = strset(&PySet_Type, five, 5);
    CHECK_REPR(s, "{'d', 'b', 'c', 'a', 'e'}");
    Py_DECREF(s);
    const char *fruit[] = {"apple", "banana", "cherry", "date", "elder", "fig", "grape"};
    s = strset(&PySet_Type, fruit, 7);
    CHECK_REPR(s, "{'banana', 'apple', 'cherry', 'fig', 'date', 'elder', 'grape'}");
    Py_DECREF(s);
    s = PySet_New(NULL);
    char buf[16];
    for (int i = 0; i < 12; i++) { snprintf(buf, sizeof buf, "k%d", i); PyObject *k = S(buf); PySet_Add(s, k); Py_DECREF(k); }
    CHECK_REPR(s, "{'k1', 'k9', 'k2', 'k3', 'k0', 'k6', 'k10', 'k5', 'k4', 'k8', 'k7', 'k11'}");
    for (int i = 0; i < 12; i += 2) { snprintf(buf, sizeof buf, "k%d", i); PyObject *k = S(buf); CHECK(PySet_Discard(s, k) == 1); Py_DECREF(k); }
    CHECK_REPR(s, "{'k1', 'k9', 'k3', 'k5', 'k7', 'k11'}");
    PyObject *nw = S("new");
    PySet_Add(s, nw);
    CHECK_REPR(s, "{'k1', 'k9', 'new', 'k3', 'k5', 'k7', 'k11'}");
    CHECK_NEW(PySet_Pop(s), "'k1'");
    CHECK_NEW(callm(s, "pop", 0), "'k9'");
    CHECK_REPR(s, "{'new', 'k3', 'k5', 'k7', 'k11'}");
    CHECK(PySet_Discard(s, nw) == 1 && PySet_Discard(s, nw) == 0);
    Py_DECREF(nw);
    Py_DECREF(s);
    s = PySet_New(NULL);
    for (int i = 0; i < 40; i++) { snprintf(buf, sizeof buf, "k%d", i); PyObject *k = S(buf); PySet_Add(s, k); Py_DECREF(k); }
    CHECK_NEW(callm(s, "__sizeof__", 0), "2248");
    for (int i = 0; i < 35; i++) { snprintf(buf, sizeof buf, "k%d", i); PyObject *k = S(buf); PySet_Discard(s, k); Py_DECREF(k); }
    CHECK_REPR(s, "{'k36', 'k37', 'k35', 'k38', 'k39'}");
    CHECK_NEW(callm(s, "__sizeof__", 0), "2248");
    CHECK_NEW(callm(s, "difference_update", 1, empty), "None");
    CHECK_NEW(callm(s, "__sizeof__", 0), "712");
    Py_DECREF(s);

    /* C API: borrowed keys, steals nothing; type checks. */
    s = PySet_New(NULL);
    PyObject *k = S("key");
    CHECK(PySet_Add(s, k) == 0 && Py_REFCNT(k) == 2);
    CHECK(PySet_Add(s, k) == 0 && Py_REFCNT(k) == 2);
    CHECK(PySet_Size(s) == 1 && PySet_GET_SIZE(s) == 1);
    CHECK(PySet_Contains(s, k) == 1 && PySet_Contains(s, one) == 0);
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t h;
    CHECK(_PySet_NextEntry(s, &pos, &key, &h) == 1 && key == k && h == PyObject_Hash(k));
    CHECK(_PySet_NextEntry(s, &pos, &key, &h) == 0);
    PyObject *lst = PyList_New(0);
    CHECK_FAIL_INT(PySet_Add(s, lst), PyExc_TypeError, "unhashable type: 'list'");
    CHECK_FAIL_INT(PySet_Contains(s, lst), PyExc_TypeError, "unhashable type: 'list'");
    CHECK_FAIL_INT(PySet_Discard(s, lst), PyExc_TypeError, "unhashable type: 'list'");
    CHECK_FAIL_INT(PySet_Add(lst, k), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PySet_Size(lst), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PySet_Contains(lst, k), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PySet_Discard(lst, k), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(PySet_Clear(lst), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PySet_Pop(lst), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL_INT(_PySet_NextEntry(lst, &pos, &key, &h), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PySet_New(one), PyExc_TypeError, "'int' object is not iterable");
    PyObject *fs = PyFrozenSet_New(NULL);
    CHECK(PySet_Add(fs, one) == 0); /* a brand-new frozenset may be filled */
    CHECK_REPR(fs, "frozenset({1})");
    Py_INCREF(fs);
    CHECK_FAIL_INT(PySet_Add(fs, two), PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(fs);
    CHECK_FAIL_INT(PySet_Discard(fs, one), PyExc_SystemError, "bad argument to internal function");
    CHECK_FAIL(PySet_Pop(fs), PyExc_SystemError, "bad argument to internal function");
    CHECK(PySet_Contains(fs, one) == 1 && PySet_Size(fs) == 1);
    CHECK(PySet_Clear(s) == 0 && PySet_Size(s) == 0 && Py_REFCNT(k) == 1);
    CHECK_KEYERROR(PySet_Pop(s), "'pop from an empty set'");
    CHECK_REPR(s, "set()");
    PyObject *efs = PyFrozenSet_New(NULL);
    CHECK_REPR(efs, "frozenset()");
    CHECK(PyObject_Hash(efs) == 133146708735736);
    Py_DECREF(efs);
    /* The set's references go away with it. */
    PySet_Add(s, k);
    CHECK(Py_REFCNT(k) == 2);
    Py_DECREF(s);
    CHECK(Py_REFCNT(k) == 1);
    Py_DECREF(k);
    Py_DECREF(fs);

    /* Operators and methods. */
    const char *abcd[] = {"a", "b", "c", "d"}, *cdef[] = {"c", "d", "e", "f"};
    PyObject *a = strset(&PySet_Type, abcd, 4), *b = strset(&PySet_Type, cdef, 4);
    CHECK_NEW(callm(a, "__or__", 1, b), "{'d', 'f', 'b', 'c', 'a', 'e'}");
    CHECK_NEW(callm(a, "__and__", 1, b), "{'d', 'c'}");
    CHECK_NEW(callm(a, "__sub__", 1, b), "{'a', 'b'}");
    CHECK_NEW(callm(a, "__xor__", 1, b), "{'f', 'b', 'a', 'e'}");
    CHECK_NEW(callm(b, "__sub__", 1, a), "{'e', 'f'}");
    CHECK_NEW(callm(a, "__or__", 1, lst), "NotImplemented");
    CHECK_NEW(callm(a, "__ior__", 1, one), "NotImplemented");
    PyObject *xl = PyList_New(0), *yt, *ax, *sx = S("x"), *sy = S("y"), *sa = S("a"), *sz = S("z"), *sc = S("c");
    PyList_Append(xl, sx);
    yt = tup2(sy, sy);
    CHECK_NEW(callm(a, "union", 2, xl, yt), "{'d', 'y', 'x', 'b', 'c', 'a'}");
    CHECK_NEW(callm(a, "union", 0), "{'d', 'c', 'a', 'b'}");
    PyObject *cl = PyList_New(0);
    PyList_Append(cl, sc);
    CHECK_NEW(callm(a, "intersection", 2, b, cl), "{'c'}");
    PyObject *al = PyList_New(0);
    PyList_Append(al, sa);
    CHECK_NEW(callm(a, "difference", 2, b, al), "{'b'}");
    ax = tup2(sa, sz);
    CHECK_NEW(callm(a, "symmetric_difference", 1, ax), "{'d', 'z', 'b', 'c'}");
    CHECK_FAIL(callm(a, "union", 1, one), PyExc_TypeError, "'int' object is not iterable");
    CHECK_FAIL(callm(a, "update", 1, one), PyExc_TypeError, "'int' object is not iterable");
    CHECK_FAIL(callm(a, "issubset", 1, one), PyExc_TypeError, "'int' object is not iterable");
    CHECK_FAIL(callm(a, "add", 0), PyExc_TypeError, "set.add() takes exactly one argument (0 given)");
    PyObject *fa = PyFrozenSet_New(a);
    CHECK_NEW(callm(fa, "__or__", 1, b), "frozenset({'d', 'f', 'b', 'c', 'a', 'e'})");
    CHECK_NEW(callm(b, "__or__", 1, fa), "{'d', 'f', 'b', 'c', 'a', 'e'}");
    PyObject *fxy = tup2(sx, sy), *fxy_s = PyFrozenSet_New(fxy);
    CHECK_NEW(callm(fxy_s, "union", 1, a), "frozenset({'d', 'y', 'c', 'x', 'a', 'b'})");
    PyObject *fc = callm(fa, "copy", 0);
    CHECK(fc == fa);
    Py_XDECREF(fc);
    CHECK(PyObject_Hash(fa) == 5107795510060648369);
    PyObject *f2 = PyObject_CallOneArg((PyObject *)&PyFrozenSet_Type, fa);
    CHECK(f2 == fa);
    Py_XDECREF(f2);
    f2 = PyFrozenSet_New(fa);
    CHECK(f2 != fa);
    CHECK_NEW(PyObject_RichCompare(f2, fa, Py_EQ), "True");
    Py_XDECREF(f2);
    CHECK_NEW(callm(a, "issubset", 1, b), "False");
    CHECK_NEW(callm(a, "issuperset", 1, al), "True");
    CHECK_NEW(callm(a, "isdisjoint", 1, xl), "True");
    CHECK_NEW(callm(a, "isdisjoint", 1, b), "False");
    CHECK_NEW(PyObject_RichCompare(a, fa, Py_EQ), "True");
    CHECK_NEW(PyObject_RichCompare(fa, a, Py_NE), "False");
    CHECK_NEW(PyObject_RichCompare(a, b, Py_LE), "False");
    CHECK_NEW(PyObject_RichCompare(a, a, Py_LT), "False");
    CHECK_NEW(PyObject_RichCompare(a, a, Py_GE), "True");
    CHECK_NEW(PyObject_RichCompare(a, one, Py_EQ), "False");
    CHECK_FAIL(PyObject_RichCompare(a, lst, Py_LT), PyExc_TypeError, "'<' not supported between instances of 'set' and 'list'");
    CHECK_FAIL(PyObject_Hash(a) == -1 ? NULL : Py_None, PyExc_TypeError, "unhashable type: 'set'");
    /* In-place forms. */
    PyObject *c = PySet_New(a);
    PyObject *r = callm(c, "__iand__", 1, b);
    CHECK(r == c);
    Py_XDECREF(r);
    CHECK_REPR(c, "{'d', 'c'}");
    Py_DECREF(c);
    c = PySet_New(a); r = callm(c, "__ior__", 1, b); Py_XDECREF(r);
    CHECK_REPR(c, "{'d', 'f', 'b', 'c', 'a', 'e'}");
    Py_DECREF(c);
    c = PySet_New(a); r = callm(c, "__isub__", 1, b); Py_XDECREF(r);
    CHECK_REPR(c, "{'a', 'b'}");
    Py_DECREF(c);
    c = PySet_New(a); r = callm(c, "__ixor__", 1, b); Py_XDECREF(r);
    CHECK_REPR(c, "{'f', 'b', 'a', 'e'}");
    Py_DECREF(c);
    PyObject *dl = PyList_New(0);
    PyObject *sd = S("d");
    PyList_Append(dl, sd);
    c = PySet_New(a);
    CHECK_NEW(callm(c, "intersection_update", 2, b, dl), "None");
    CHECK_REPR(c, "{'d'}");
    Py_DECREF(c);
    c = PySet_New(a);
    CHECK_NEW(callm(c, "difference_update", 2, b, al), "None");
    CHECK_REPR(c, "{'b'}");
    Py_DECREF(c);
    PyObject *aq = tup2(sa, sy);
    c = PySet_New(a);
    CHECK_NEW(callm(c, "symmetric_difference_update", 1, aq), "None");
    CHECK_REPR(c, "{'d', 'y', 'b', 'c'}");
    Py_DECREF(c);
    /* Dict arguments take CPython's dict paths. */
    PyObject *dct = PyDict_New();
    PyDict_SetItemString(dct, "a", one);
    PyDict_SetItemString(dct, "q", two);
    c = PySet_New(a);
    CHECK_NEW(callm(c, "update", 1, dct), "None");
    CHECK_REPR(c, "{'d', 'c', 'a', 'q', 'b'}");
    Py_DECREF(c);
    CHECK_NEW(callm(a, "difference", 1, dct), "{'d', 'c', 'b'}");
    CHECK_NEW(PySet_New(dct), "{'q', 'a'}");
    CHECK_NEW(callm(a, "symmetric_difference", 1, dct), "{'d', 'q', 'b', 'c'}");

    /* Membership with sets as keys (converted to frozenset). */
    PyObject *fone = PyFrozenSet_New(NULL);
    PySet_Add(fone, one);
    PyObject *sone = PySet_New(fone);
    PyObject *holder = PySet_New(NULL);
    PySet_Add(holder, fone);
    CHECK_NEW(callm(holder, "__contains__", 1, sone), "True");
    CHECK_FAIL_INT(PySet_Contains(holder, sone), PyExc_TypeError, "unhashable type: 'set'");
    CHECK_NEW(callm(sone, "__contains__", 1, sone), "False");
    CHECK_NEW(callm(holder, "remove", 1, sone), "None");
    CHECK(PySet_Size(holder) == 0);
    CHECK_KEYERROR(callm(holder, "remove", 1, sone), "{1}");
    CHECK_NEW(callm(holder, "discard", 1, sone), "None");
    CHECK_FAIL(callm(holder, "discard", 1, lst), PyExc_TypeError, "unhashable type: 'list'");
    CHECK_FAIL(callm(holder, "__contains__", 1, lst), PyExc_TypeError, "unhashable type: 'list'");
    CHECK_KEYERROR(callm(holder, "remove", 1, one), "1");

    /* Constructors. */
    CHECK_NEW(PyObject_CallOneArg((PyObject *)&PySet_Type, yt), "{'y'}");
    CHECK_NEW(PyObject_CallOneArg((PyObject *)&PyFrozenSet_Type, yt), "frozenset({'y'})");
    CHECK_FAIL(PyObject_CallOneArg((PyObject *)&PySet_Type, one), PyExc_TypeError, "'int' object is not iterable");
    PyObject *a2 = tup2(one, two);
    CHECK_FAIL(PyObject_Call((PyObject *)&PySet_Type, a2, NULL), PyExc_TypeError, "set expected at most 1 argument, got 2");
    CHECK_FAIL(PyObject_Call((PyObject *)&PyFrozenSet_Type, a2, NULL), PyExc_TypeError, "frozenset expected at most 1 argument, got 2");
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "a", one);
    CHECK_FAIL(PyObject_Call((PyObject *)&PySet_Type, empty, kw), PyExc_TypeError, "set() takes no keyword arguments");
    CHECK_FAIL(PyObject_Call((PyObject *)&PyFrozenSet_Type, empty, kw), PyExc_TypeError, "frozenset() takes no keyword arguments");
    c = PySet_New(a);
    CHECK_NEW(callm(c, "__init__", 1, yt), "None");
    CHECK_REPR(c, "{'y'}");

    /* Iteration. */
    PyObject *it = PyObject_GetIter(a);
    CHECK_REPR((PyObject *)Py_TYPE(it), "<class 'set_iterator'>");
    CHECK_NEW(callm(it, "__length_hint__", 0), "4");
    CHECK_NEW(PyIter_Next(it), "'d'");
    CHECK_NEW(callm(it, "__length_hint__", 0), "3");
    Py_DECREF(it);
    it = PyObject_GetIter(c);
    PySet_Add(c, sz);
    CHECK_FAIL(PyIter_Next(it), PyExc_RuntimeError, "Set changed size during iteration");
    CHECK_FAIL(PyIter_Next(it), PyExc_RuntimeError, "Set changed size during iteration");
    CHECK_NEW(callm(it, "__length_hint__", 0), "0");
    Py_DECREF(it);
    CHECK_FAIL(PyObject_CallNoArgs((PyObject *)Py_TYPE(it = PyObject_GetIter(c))), PyExc_TypeError, "cannot create 'set_iterator' instances");
    Py_DECREF(it);
    CHECK_NEW(callm(c, "__len__", 0), "2");
    CHECK_NEW(callm(c, "clear", 0), "None");
    CHECK_NEW(callm(c, "__sizeof__", 0), "200");
    /* A set holding a frozenset holding ... prints as CPython. */
    PySet_Add(c, fone);
    PySet_Add(c, one);
    CHECK_REPR(c, "{1, frozenset({1})}");

    Py_DECREF(c); Py_DECREF(kw); Py_DECREF(a2); Py_DECREF(fone); Py_DECREF(sone); Py_DECREF(holder);
    Py_DECREF(dct); Py_DECREF(aq); Py_DECREF(dl); Py_DECREF(sd); Py_DECREF(fxy); Py_DECREF(fxy_s);
    Py_DECREF(fa); Py_DECREF(ax); Py_DECREF(al); Py_DECREF(cl); Py_DECREF(xl); Py_DECREF(yt);
    Py_DECREF(sx); Py_DECREF(sy); Py_DECREF(sa); Py_DECREF(sz); Py_DECREF(sc);
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(lst);
    Py_DECREF(one); Py_DECREF(two); Py_DECREF(big); Py_DECREF(empty);
    END_TEST();
}
