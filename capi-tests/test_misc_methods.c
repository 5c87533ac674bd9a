/* Built-in functions and descriptors made from C: PyCFunction_*, PyCMethod_New,
 * PyDescr_New*, PyMember_GetOne/SetOne, PyDictProxy_New, PyWrapper_New,
 * staticmethod/classmethod objects. */
#include "check.h"

typedef struct {
    PyObject_HEAD
    long value;
    PyObject *obj;
} Thing;

static PyMemberDef thing_members[] = {
    {"value", T_LONG, offsetof(Thing, value), 0, "a long"},
    {"ro", T_LONG, offsetof(Thing, value), READONLY, NULL},
    {"obj", T_OBJECT, offsetof(Thing, obj), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static void thing_dealloc(PyObject *o) {
    Py_XDECREF(((Thing *)o)->obj);
    PyObject_Free(o);
}

static PyTypeObject Thing_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_dealloc = thing_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};

static PyObject *twice(PyObject *self, PyObject *arg) {
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(2 * v);
}
static PyObject *get_value(PyObject *self, PyObject *noargs) {
    return PyLong_FromLong(((Thing *)self)->value);
}
static PyObject *type_name(PyObject *cls, PyObject *noargs) {
    return PyUnicode_FromString(((PyTypeObject *)cls)->tp_name);
}
static PyObject *gs_get(PyObject *self, void *closure) {
    return PyLong_FromLong(((Thing *)self)->value + (long)(intptr_t)closure);
}

static PyMethodDef twice_def = {"twice", twice, METH_O, "Double it."};
static PyMethodDef value_def = {"get_value", get_value, METH_NOARGS, NULL};
static PyMethodDef cls_def = {"type_name", type_name, METH_NOARGS | METH_CLASS, NULL};
static PyMethodDef bad_def = {"bad", get_value, METH_NOARGS | METH_METHOD, NULL};
static PyGetSetDef gs_def = {"plus_ten", gs_get, NULL, NULL, (void *)10};

int main(void) {
    /* Ready the test's type before the live-object count starts: its dict
     * and MRO live as long as the type. */
    Py_Initialize();
    CHECK(PyType_Ready(&Thing_Type) == 0);
    BEGIN_TEST();
    Thing *th = (Thing *)PyType_GenericNew(&Thing_Type, NULL, NULL);
    th->value = 21;
    PyObject *inst = (PyObject *)th;
    PyObject *x, *seven = PyLong_FromLong(7);

    /* ---- built-in functions ---- */
    PyObject *f = PyCFunction_New(&twice_def, NULL);
    CHECK(PyCFunction_Check(f));
    CHECK_REPR(f, "<built-in function twice>");
    x = PyObject_CallOneArg(f, seven);
    CHECK_REPR(x, "14");
    Py_XDECREF(x);
    CHECK(PyCFunction_GetFunction(f) == (PyCFunction)twice);
    CHECK(PyCFunction_GetSelf(f) == NULL);
    CHECK(PyCFunction_GetFlags(f) == METH_O);
    CHECK(PyCFunction_GET_FUNCTION(f) == (PyCFunction)twice);
    Py_DECREF(f);
    PyObject *mod = PyUnicode_FromString("mymod");
    f = PyCFunction_NewEx(&value_def, inst, mod);
    CHECK(PyCFunction_GetSelf(f) == inst);
    x = PyObject_CallNoArgs(f);
    CHECK_REPR(x, "21");
    Py_XDECREF(x);
    x = PyObject_GetAttrString(f, "__module__");
    CHECK(x == mod);
    Py_XDECREF(x);
    Py_DECREF(f);
    Py_DECREF(mod);
    CHECK(PyCMethod_New(&bad_def, inst, NULL, NULL) == NULL);
    CHECK_ERRMSG("attempting to create PyCMethod with a METH_METHOD flag but no class");
    CHECK(PyCFunction_GetFunction(Py_None) == NULL);
    CHECK_ERRMSG("bad argument to internal function");
    CHECK(PyCFunction_GetFlags(Py_None) == -1);
    CHECK_ERRMSG("bad argument to internal function");

    /* ---- descriptors ---- */
    PyObject *d = PyDescr_NewMethod(&Thing_Type, &value_def);
    CHECK_REPR(d, "<method 'get_value' of 'test.Thing' objects>");
    x = PyObject_CallOneArg(d, inst);
    CHECK_REPR(x, "21");
    Py_XDECREF(x);
    CHECK(PyObject_CallOneArg(d, seven) == NULL);
    CHECK_ERRMSG("descriptor 'get_value' for 'test.Thing' objects doesn't apply to a 'int' object");
    Py_XDECREF(d);

    d = PyDescr_NewClassMethod(&Thing_Type, &cls_def);
    CHECK_REPR(d, "<method 'type_name' of 'test.Thing' objects>");
    x = Py_TYPE(d)->tp_descr_get(d, NULL, (PyObject *)&Thing_Type);
    PyObject *y = x ? PyObject_CallNoArgs(x) : NULL;
    CHECK_REPR(y, "'test.Thing'");
    Py_XDECREF(y);
    Py_XDECREF(x);
    Py_XDECREF(d);

    d = PyDescr_NewMember(&Thing_Type, &thing_members[0]);
    CHECK_REPR(d, "<member 'value' of 'test.Thing' objects>");
    x = Py_TYPE(d)->tp_descr_get(d, inst, (PyObject *)&Thing_Type);
    CHECK_REPR(x, "21");
    Py_XDECREF(x);
    CHECK(Py_TYPE(d)->tp_descr_set(d, inst, seven) == 0 && th->value == 7);
    Py_XDECREF(d);

    d = PyDescr_NewGetSet(&Thing_Type, &gs_def);
    CHECK_REPR(d, "<attribute 'plus_ten' of 'test.Thing' objects>");
    x = Py_TYPE(d)->tp_descr_get(d, inst, (PyObject *)&Thing_Type);
    CHECK_REPR(x, "17");
    Py_XDECREF(x);
    CHECK(Py_TYPE(d)->tp_descr_set(d, inst, seven) == -1);
    CHECK_ERRMSG("attribute 'plus_ten' of 'test.Thing' objects is not writable");
    Py_XDECREF(d);

    /* ---- PyMember_GetOne / SetOne ---- */
    x = PyMember_GetOne((const char *)inst, &thing_members[0]);
    CHECK_REPR(x, "7");
    Py_XDECREF(x);
    PyObject *big = PyLong_FromLong(99);
    CHECK(PyMember_SetOne((char *)inst, &thing_members[0], big) == 0 && th->value == 99);
    CHECK(PyMember_SetOne((char *)inst, &thing_members[1], big) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    CHECK_ERRMSG("readonly attribute");
    CHECK(PyMember_SetOne((char *)inst, &thing_members[0], NULL) == -1);
    CHECK_ERRMSG("can't delete numeric/char attribute");
    x = PyMember_GetOne((const char *)inst, &thing_members[2]);
    CHECK(x == Py_None);
    Py_XDECREF(x);
    CHECK(PyMember_SetOne((char *)inst, &thing_members[2], big) == 0 && th->obj == big);
    CHECK(PyMember_SetOne((char *)inst, &thing_members[2], NULL) == 0 && th->obj == NULL);
    Py_DECREF(big);

    /* ---- mappingproxy ---- */
    PyObject *dict = PyDict_New();
    PyDict_SetItemString(dict, "a", seven);
    PyObject *mp = PyDictProxy_New(dict);
    CHECK_REPR(mp, "mappingproxy({'a': 7})");
    CHECK(PyObject_SetItem(mp, seven, seven) == -1);
    CHECK_ERRMSG("'mappingproxy' object does not support item assignment");
    Py_XDECREF(mp);
    PyObject *lst = PyList_New(0);
    CHECK(PyDictProxy_New(lst) == NULL);
    CHECK_ERRMSG("mappingproxy() argument must be a mapping, not list");
    Py_DECREF(lst);
    Py_DECREF(dict);

    /* ---- method-wrapper ---- */
    PyObject *rargs = PyTuple_New(1);
    PyTuple_SetItem(rargs, 0, PyLong_FromLong(5));
    PyObject *r = PyObject_CallObject((PyObject *)&PyRange_Type, rargs);
    Py_DECREF(rargs);
    PyObject *slot = PyObject_GetAttrString((PyObject *)&PyRange_Type, "__len__");
    CHECK_REPR(slot, "<slot wrapper '__len__' of 'range' objects>");
    PyObject *w = PyWrapper_New(slot, r);
    x = w ? PyObject_CallNoArgs(w) : NULL;
    CHECK_REPR(x, "5");
    Py_XDECREF(x);
    Py_XDECREF(w);
    CHECK(PyWrapper_New(slot, seven) == NULL);
    PyErr_Clear();
    Py_XDECREF(slot);
    Py_DECREF(r);

    /* ---- staticmethod / classmethod ---- */
    f = PyCFunction_New(&twice_def, NULL);
    PyObject *sm = PyStaticMethod_New(f);
    CHECK_REPR(sm, "<staticmethod(<built-in function twice>)>");
    x = Py_TYPE(sm)->tp_descr_get(sm, inst, (PyObject *)&Thing_Type);
    CHECK(x == f);
    Py_XDECREF(x);
    x = PyObject_GetAttrString(sm, "__func__");
    CHECK(x == f);
    Py_XDECREF(x);
    Py_XDECREF(sm);
    PyObject *cm = PyClassMethod_New(f);
    CHECK_REPR(cm, "<classmethod(<built-in function twice>)>");
    x = PyObject_GetAttrString(cm, "__func__");
    CHECK(x == f);
    Py_XDECREF(x);
    Py_XDECREF(cm);
    cm = PyObject_CallOneArg((PyObject *)&PyClassMethod_Type, f);
    CHECK_REPR(cm, "<classmethod(<built-in function twice>)>");
    Py_XDECREF(cm);
    PyObject *empty = PyTuple_New(0);
    CHECK(PyObject_CallObject((PyObject *)&PyClassMethod_Type, empty) == NULL);
    CHECK_ERRMSG("classmethod expected 1 argument, got 0");
    Py_DECREF(empty);
    Py_DECREF(f);

    Py_DECREF(seven);
    Py_DECREF(inst);
    END_TEST();
}
