/* Object-model odds and ends C extensions call: PyObject_Bytes,
 * PyObject_DelItemString, PyObject_ClearWeakRefs, async-iterator checks,
 * PyCFunction_Call, _Py_NewReference, the recursion limit and
 * Py_EnterRecursiveCall, Py_ReprEnter/Leave, the hash helpers and
 * PyHash_GetFuncDef, Py_AtExit. Expected values from CPython 3.11. */
#include "check.h"
#include <math.h>
#include <stdlib.h>

static PyObject *bytes_ok(PyObject *self, PyObject *unused) { return PyBytes_FromString("xy"); }
static PyObject *bytes_bad(PyObject *self, PyObject *unused) { return PyLong_FromLong(7); }
static PyObject *sum_args(PyObject *self, PyObject *args) {
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(args));
}

static PyMethodDef good_methods[] = {
    {"__bytes__", bytes_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyMethodDef bad_methods[] = {
    {"__bytes__", bytes_bad, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyType_Slot good_slots[] = {{Py_tp_methods, good_methods}, {0, NULL}};
static PyType_Slot bad_slots[] = {{Py_tp_methods, bad_methods}, {0, NULL}};
static PyType_Spec good_spec = {"sweep.Good", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, good_slots};
static PyType_Spec bad_spec = {"sweep.Bad", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, bad_slots};
static PyMethodDef count_def = {"count", sum_args, METH_VARARGS, NULL};

static void at_exit_1(void) { printf("at exit 1\n"); fflush(stdout); }
static void at_exit_2(void) { printf("at exit 2\n"); fflush(stdout); }

int main(void) {
    BEGIN_TEST();
    PyObject *x, *y;
    /* Heap types live in reference cycles (their MRO): create them first. */
    PyObject *good_t = PyType_FromSpec(&good_spec), *bad_t = PyType_FromSpec(&bad_spec);
    check_live_start = Pyrite_LiveObjects();

    /* ---- PyObject_Bytes ---- */
    x = PyObject_Bytes(NULL);
    CHECK_REPR(x, "b'<NULL>'");
    Py_XDECREF(x);
    y = PyBytes_FromString("ab");
    x = PyObject_Bytes(y);
    CHECK(x == y);
    Py_XDECREF(x);
    PyObject *ba = PyByteArray_FromStringAndSize("cd", 2);
    x = PyObject_Bytes(ba);
    CHECK_REPR(x, "b'cd'");
    Py_XDECREF(x);
    Py_DECREF(ba);
    PyObject *l = Py_BuildValue("[ii]", 1, 255);
    x = PyObject_Bytes(l);
    CHECK_REPR(x, "b'\\x01\\xff'");
    Py_XDECREF(x);
    Py_DECREF(l);
    PyObject *s = PyUnicode_FromString("s");
    CHECK(PyObject_Bytes(s) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("cannot convert 'str' object to bytes");
    PyObject *n = PyLong_FromLong(5);
    CHECK(PyObject_Bytes(n) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("cannot convert 'int' object to bytes");
    PyObject *good = PyObject_CallNoArgs(good_t), *bad = PyObject_CallNoArgs(bad_t);
    x = PyObject_Bytes(good);
    CHECK_REPR(x, "b'xy'");
    Py_XDECREF(x);
    CHECK(PyObject_Bytes(bad) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("__bytes__ returned non-bytes (type int)");
    Py_DECREF(good);
    Py_DECREF(bad);

    /* ---- PyObject_DelItemString ---- */
    PyObject *d = Py_BuildValue("{si}", "a", 1);
    CHECK(PyObject_DelItemString(d, "a") == 0);
    CHECK(PyDict_Size(d) == 0);
    CHECK(PyObject_DelItemString(d, "a") == -1 && PyErr_ExceptionMatches(PyExc_KeyError));
    CHECK_ERRMSG("'a'");
    CHECK(PyObject_DelItemString(NULL, "a") == -1 && PyErr_ExceptionMatches(PyExc_SystemError));
    CHECK_ERRMSG("null argument to internal routine");
    CHECK(PyObject_DelItemString(n, "a") == -1 && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("'int' object does not support item deletion");
    Py_DECREF(d);

    /* ---- weak references: misuse outside tp_dealloc is reported ---- */
    PyObject_ClearWeakRefs(n);
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    PyObject_ClearWeakRefs(NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();

    /* ---- async iteration ---- */
    CHECK(PyAIter_Check(n) == 0);
    CHECK(PyAIter_Check(y) == 0);
    CHECK(PyObject_GetAIter(n) == NULL && PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("'int' object is not an async iterable");

    /* ---- PyCFunction_Call ---- */
    PyObject *f = PyCFunction_NewEx(&count_def, NULL, NULL);
    PyObject *args = Py_BuildValue("(iii)", 1, 2, 3);
    x = PyCFunction_Call(f, args, NULL);
    CHECK_REPR(x, "3");
    Py_XDECREF(x);
    Py_DECREF(args);
    Py_DECREF(f);

    /* ---- _Py_NewReference ---- */
    PyObject *raw = PyObject_Malloc(sizeof(PyObject));
    Py_SET_TYPE(raw, &PyBaseObject_Type);
    _Py_NewReference(raw);
    CHECK(Py_REFCNT(raw) == 1);
    CHECK_REPR(PyObject_Type(raw), "<class 'object'>");
    Py_DECREF(&PyBaseObject_Type);
    Py_DECREF(raw);

    /* ---- recursion limit ---- */
    CHECK(Py_GetRecursionLimit() == 1000);
    Py_SetRecursionLimit(50);
    CHECK(Py_GetRecursionLimit() == 50);
    int depth = 0;
    while (depth < 100 && Py_EnterRecursiveCall(" in sweep") == 0)
        depth++;
    printf("entered %d levels under limit 50\n", depth);
    CHECK(PyErr_ExceptionMatches(PyExc_RecursionError));
    PyObject *et, *ev, *etb, *et2, *ev2, *etb2;
    PyErr_Fetch(&et, &ev, &etb);
    /* The native guard shares the counter: a repr now fails too. */
    PyObject *lst = PyList_New(0);
    CHECK(PyObject_Repr(lst) == NULL && PyErr_ExceptionMatches(PyExc_RecursionError));
    PyErr_Fetch(&et2, &ev2, &etb2);
    while (depth-- > 0)
        Py_LeaveRecursiveCall();
    PyErr_Restore(et, ev, etb);
    CHECK_ERRMSG("maximum recursion depth exceeded in sweep");
    PyErr_Restore(et2, ev2, etb2);
    CHECK_ERRMSG("maximum recursion depth exceeded while getting the repr of an object");
    CHECK_REPR(lst, "[]");
    Py_SetRecursionLimit(1000);
    /* Deep nesting stops with RecursionError, never a crash. */
    PyObject *deep = PyList_New(0), *cur = deep;
    for (int i = 0; i < 5000; i++) {
        PyObject *inner = PyList_New(0);
        PyList_Append(cur, inner);
        Py_DECREF(inner);
        cur = inner;
    }
    CHECK(PyObject_Repr(deep) == NULL && PyErr_ExceptionMatches(PyExc_RecursionError));
    PyErr_Clear();
    Py_DECREF(deep);

    /* ---- Py_ReprEnter / Py_ReprLeave ---- */
    CHECK(Py_ReprEnter(lst) == 0);
    CHECK(Py_ReprEnter(lst) == 1);
    CHECK(Py_ReprEnter(n) == 0);
    Py_ReprLeave(n);
    Py_ReprLeave(lst);
    CHECK(Py_ReprEnter(lst) == 0);
    Py_ReprLeave(lst);
    Py_DECREF(lst);

    /* ---- hashing ---- */
    PyObject *fl = PyFloat_FromDouble(1.5);
    CHECK(_Py_HashDouble(NULL, 1.5) == PyObject_Hash(fl));
    CHECK(_Py_HashDouble(NULL, 1.5) == 1152921504606846977);
    CHECK(_Py_HashDouble(NULL, -1.0) == -2);
    CHECK(_Py_HashDouble(NULL, INFINITY) == 314159);
    CHECK(_Py_HashDouble(NULL, -INFINITY) == -314159);
    CHECK(_Py_HashDouble(fl, NAN) == _Py_HashPointer(fl));
    Py_DECREF(fl);
    CHECK(_Py_HashPointerRaw((void *)0x10) == 1);
    CHECK(_Py_HashPointerRaw((void *)0x1234) == (Py_hash_t)0x4000000000000123);
    CHECK(_Py_HashPointerRaw((void *)-1) == -1);
    CHECK(_Py_HashPointer((void *)-1) == -2);
    CHECK(_Py_HashPointer((void *)0x10) == 1);
    CHECK(_Py_HashBytes("", 0) == 0);
    CHECK(_Py_HashBytes("ab", 2) == PyObject_Hash(y));
    PyHash_FuncDef *def = PyHash_GetFuncDef();
    CHECK(strcmp(def->name, "siphash13") == 0);
    CHECK(def->hash_bits == 64);
    CHECK(def->seed_bits == 128);
    CHECK(def->hash("ab", 2) == PyObject_Hash(y));
    CHECK(sizeof(_Py_HashSecret) == 24);
    const char *seed = getenv("PYTHONHASHSEED");
    if (seed && strcmp(seed, "0") == 0) {
        for (int i = 0; i < 24; i++)
            CHECK(_Py_HashSecret.uc[i] == 0);
    }

    Py_DECREF(y);
    Py_DECREF(s);
    Py_DECREF(n);

    /* ---- Py_AtExit: run after finalisation, last registered first ---- */
    CHECK(Py_AtExit(at_exit_1) == 0);
    CHECK(Py_AtExit(at_exit_2) == 0);
    printf("finalizing\n");
    fflush(stdout);
    END_TEST();
}
