/* PyObject_CallFunction / CallMethod (and the _SizeT and PyEval forms),
 * PyObject_CallFunctionObjArgs / CallMethodObjArgs and PyTuple_Pack:
 * how a format becomes arguments, NULL handling and errors, compared with
 * CPython 3.11's output. The callee is a small heap type whose instances
 * return what they were called with. */
#include "shims_show.h"

#ifndef PYRITE
/* CPython declares the _SizeT names only under PY_SSIZE_T_CLEAN. */
PyObject *_PyObject_CallFunction_SizeT(PyObject *, const char *, ...);
PyObject *_PyObject_CallMethod_SizeT(PyObject *, const char *, const char *, ...);
#endif

static PyObject *echo_call(PyObject *self, PyObject *args, PyObject *kw) {
    return Py_BuildValue("(OO)", args, kw ? kw : Py_None);
}
static PyObject *echo_meth(PyObject *self, PyObject *args) { return Py_NewRef(args); }
static PyObject *echo_ping(PyObject *self, PyObject *unused) { return PyUnicode_FromString("pong"); }

static PyMethodDef echo_methods[] = {
    {"echo", echo_meth, METH_VARARGS, NULL},
    {"ping", echo_ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyType_Slot echo_slots[] = {
    {Py_tp_call, (void *)echo_call},
    {Py_tp_methods, echo_methods},
    {0, NULL},
};
static PyType_Spec echo_spec = {"Echo", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, echo_slots};

static PyObject *echo;

static void call_function(void) {
    PyObject *t = Py_BuildValue("(ii)", 3, 4);
    PyObject *l = Py_BuildValue("[i]", 5);
    show("NULL format", PyObject_CallFunction(echo, NULL));
    show("empty format", PyObject_CallFunction(echo, ""));
    show("i", PyObject_CallFunction(echo, "i", 1));
    show("ii", PyObject_CallFunction(echo, "ii", 1, 2));
    show("(ii)", PyObject_CallFunction(echo, "(ii)", 1, 2));
    show("O tuple", PyObject_CallFunction(echo, "O", t));
    show("O list", PyObject_CallFunction(echo, "O", l));
    show("OO tuple", PyObject_CallFunction(echo, "OO", t, t));
    show("[i]", PyObject_CallFunction(echo, "[i]", 1));
    show("(i)(i)", PyObject_CallFunction(echo, "(i)(i)", 1, 2));
    show("((i))", PyObject_CallFunction(echo, "((i))", 1));
    show("s# plain", PyObject_CallFunction(echo, "s#", "abc", 2));
    show("s# SizeT", _PyObject_CallFunction_SizeT(echo, "s#", "abc", (Py_ssize_t)2));
    show("O NULL", PyObject_CallFunction(echo, "O", NULL));
    show("bad format", PyObject_CallFunction(echo, "iQ", 1));
    show("NULL callable", PyObject_CallFunction(NULL, "i", 1));
    PyErr_SetString(PyExc_ValueError, "from before");
    show("NULL callable, error set", PyObject_CallFunction(NULL, "i", 1));
    PyObject *num = PyLong_FromLong(3);
    show("not callable", PyObject_CallFunction(num, "i", 1));
    show("PyEval_CallFunction", PyEval_CallFunction(echo, "is", 1, "x"));
    show("PyEval_CallFunction empty", PyEval_CallFunction(echo, ""));
    show("PyEval_CallFunction (i)", PyEval_CallFunction(echo, "(i)", 9));
    Py_DECREF(num);
    Py_DECREF(t);
    Py_DECREF(l);
}

static void call_method(void) {
    show("echo ii", PyObject_CallMethod(echo, "echo", "ii", 1, 2));
    show("echo NULL", PyObject_CallMethod(echo, "echo", NULL));
    show("echo (ii)", PyObject_CallMethod(echo, "echo", "(ii)", 1, 2));
    show("echo s", PyObject_CallMethod(echo, "echo", "s", "one"));
    show("ping", PyObject_CallMethod(echo, "ping", NULL));
    show("ping empty", PyObject_CallMethod(echo, "ping", ""));
    show("missing", PyObject_CallMethod(echo, "missing", NULL));
    show("not callable attr", PyObject_CallMethod(echo, "__doc__", NULL));
    show("NULL object", PyObject_CallMethod(NULL, "echo", NULL));
    show("NULL name", PyObject_CallMethod(echo, NULL, NULL));
    show("y# plain", PyObject_CallMethod(echo, "echo", "y#", "ab", 1));
    show("y# SizeT", _PyObject_CallMethod_SizeT(echo, "echo", "y#", "ab", (Py_ssize_t)1));
    show("PyEval_CallMethod", PyEval_CallMethod(echo, "echo", "(si)", "x", 2));
    show("PyEval_CallMethod missing", PyEval_CallMethod(echo, "nope", "i", 1));
}

static void obj_args(void) {
    PyObject *a = PyLong_FromLong(1), *b = PyUnicode_FromString("b");
    PyObject *name = PyUnicode_FromString("echo");
    PyObject *missing = PyUnicode_FromString("missing");
    show("ObjArgs none", PyObject_CallFunctionObjArgs(echo, NULL));
    show("ObjArgs two", PyObject_CallFunctionObjArgs(echo, a, b, NULL));
    show("ObjArgs ten", PyObject_CallFunctionObjArgs(echo, a, b, a, b, a, b, a, b, a, b, NULL));
    show("ObjArgs NULL callable", PyObject_CallFunctionObjArgs(NULL, a, NULL));
    show("MethodObjArgs", PyObject_CallMethodObjArgs(echo, name, a, b, NULL));
    show("MethodObjArgs none", PyObject_CallMethodObjArgs(echo, name, NULL));
    show("MethodObjArgs missing", PyObject_CallMethodObjArgs(echo, missing, NULL));
    show("MethodObjArgs int name", PyObject_CallMethodObjArgs(echo, a, NULL));
    show("MethodObjArgs NULL name", PyObject_CallMethodObjArgs(echo, NULL, NULL));

    show("Pack 0", PyTuple_Pack(0));
    show("Pack 1", PyTuple_Pack(1, a));
    show("Pack 3", PyTuple_Pack(3, a, b, a));
    PyObject *neg = PyTuple_Pack(-1);
    printf("Pack -1: %d %d\n", neg == NULL, PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(name);
    Py_DECREF(missing);
}

int main(void) {
    BEGIN_TEST();
    PyObject *tp = PyType_FromSpec(&echo_spec);
    CHECK(tp != NULL);
    echo = PyObject_CallNoArgs(tp);
    CHECK(echo != NULL);
    /* The type and its instance live to the end (a heap type is in a
     * reference cycle with its MRO): count live objects from here. */
    check_live_start = Pyrite_LiveObjects();
    call_function();
    call_method();
    obj_args();
    END_TEST();
}
