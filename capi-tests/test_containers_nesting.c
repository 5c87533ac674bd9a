/* Deeply nested containers are destroyed without overflowing the native
 * stack (the trashcan defers nested deallocations), and nothing leaks. */
#include "containers.h"

#define DEPTH 300000

int main(void) {
    BEGIN_TEST();
    /* [[[...]]] */
    PyObject *l = PyList_New(0);
    for (int i = 0; i < DEPTH; i++) {
        PyObject *outer = PyList_New(1);
        PyList_SET_ITEM(outer, 0, l);
        l = outer;
    }
    Py_DECREF(l);
    CHECK(Pyrite_LiveObjects() == check_live_start);
    /* ((((...),),),) */
    PyObject *t = PyTuple_New(0);
    for (int i = 0; i < DEPTH; i++) {
        PyObject *outer = PyTuple_New(1);
        PyTuple_SET_ITEM(outer, 0, t);
        t = outer;
    }
    /* Hashing it is bounded too (CPython 3.11 crashes here). */
    CHECK(PyObject_Hash(t) == -1 && PyErr_ExceptionMatches(PyExc_RecursionError));
    CHECK_ERRMSG("maximum recursion depth exceeded");
    /* So is repr. */
    CHECK_FAIL(PyObject_Repr(t), PyExc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    Py_DECREF(t);
    CHECK(Pyrite_LiveObjects() == check_live_start);
    /* {'k': {'k': ...}} */
    PyObject *d = PyDict_New();
    for (int i = 0; i < DEPTH; i++) {
        PyObject *outer = PyDict_New();
        PyDict_SetItemString(outer, "k", d);
        Py_DECREF(d);
        d = outer;
    }
    Py_DECREF(d);
    CHECK(Pyrite_LiveObjects() == check_live_start);
    /* frozenset({(frozenset({(...,)}),)}) */
    PyObject *f = PyFrozenSet_New(NULL);
    for (int i = 0; i < DEPTH / 2; i++) {
        PyObject *t1 = PyTuple_New(1);
        PyTuple_SET_ITEM(t1, 0, f);
        PyObject *outer = PyFrozenSet_New(NULL);
        CHECK(PySet_Add(outer, t1) == 0);
        Py_DECREF(t1);
        f = outer;
    }
    Py_DECREF(f);
    CHECK(Pyrite_LiveObjects() == check_live_start);
    END_TEST();
}
