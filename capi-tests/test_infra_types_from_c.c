/* Types defined in C, the way extension modules define them: a static
 * PyTypeObject with methods of every calling convention, members of several
 * T_* codes, getset attributes and number/sequence/mapping/iterator/compare/
 * hash slots; a static subclass; and the same type again as a heap type from
 * PyType_FromSpec / PyType_FromSpecWithBases. Every expected string was taken
 * from CPython 3.11 running this very file (and, for message formats, from
 * collections.deque, whose tp_name is dotted like ours). */
#include "check.h"
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    long value;
    int ivalue;
    double dvalue;
    PyObject *obj;
    PyObject *objex;
    char flag;
    Py_ssize_t ssize;
    short sh;
    unsigned int ui;
    long long ll;
    long iterpos;
    long counter;
} ThingObject;

static PyTypeObject ThingType;
static PyTypeObject SubThingType;

static PyObject *long_or_null(long v) { return PyLong_FromLong(v); }

/* ---- methods, one per calling convention ---- */

static PyObject *thing_reset(PyObject *self, PyObject *Py_UNUSED(ignored)) {
    ((ThingObject *)self)->value = 0;
    Py_RETURN_NONE;
}

static PyObject *thing_add(PyObject *self, PyObject *arg) {
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    ((ThingObject *)self)->value += v;
    return long_or_null(((ThingObject *)self)->value);
}

static PyObject *thing_sum(PyObject *self, PyObject *args) {
    long total = ((ThingObject *)self)->value;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        long v = PyLong_AsLong(PyTuple_GET_ITEM(args, i));
        if (v == -1 && PyErr_Occurred()) return NULL;
        total += v;
    }
    return long_or_null(total);
}

/* Returns (number of positional args, number of keyword args). */
static PyObject *thing_kw(PyObject *self, PyObject *args, PyObject *kwargs) {
    PyObject *t = PyTuple_New(2);
    PyTuple_SET_ITEM(t, 0, PyLong_FromSsize_t(PyTuple_GET_SIZE(args)));
    PyTuple_SET_ITEM(t, 1, PyLong_FromSsize_t(kwargs ? PyDict_Size(kwargs) : 0));
    return t;
}

/* Returns (nargs, number of keywords, last keyword name or None). */
static PyObject *thing_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *t = PyTuple_New(3);
    PyTuple_SET_ITEM(t, 0, PyLong_FromSsize_t(nargs));
    PyTuple_SET_ITEM(t, 1, PyLong_FromSsize_t(nkw));
    PyTuple_SET_ITEM(t, 2, Py_NewRef(nkw ? PyTuple_GET_ITEM(kwnames, nkw - 1) : Py_None));
    (void)args;
    return t;
}

/* METH_CLASS: self is the class. */
static PyObject *thing_make(PyObject *cls, PyObject *args) {
    PyObject *r = PyTuple_New(2);
    PyTuple_SET_ITEM(r, 0, Py_NewRef(cls));
    PyTuple_SET_ITEM(r, 1, PyLong_FromSsize_t(PyTuple_GET_SIZE(args)));
    return r;
}

/* METH_STATIC: self is NULL. */
static PyObject *thing_stat(PyObject *self, PyObject *args) {
    if (self != NULL) {
        PyErr_SetString(PyExc_SystemError, "static method got a self");
        return NULL;
    }
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(args));
}

static PyMethodDef thing_methods[] = {
    {"reset", thing_reset, METH_NOARGS, "reset() -> None"},
    {"add", thing_add, METH_O, NULL},
    {"sum", thing_sum, METH_VARARGS, NULL},
    {"kw", (PyCFunction)(void (*)(void))thing_kw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast", (PyCFunction)(void (*)(void))thing_fast, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"make", thing_make, METH_CLASS | METH_VARARGS, NULL},
    {"stat", thing_stat, METH_STATIC | METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef thing_members[] = {
    {"value", T_LONG, offsetof(ThingObject, value), 0, NULL},
    {"ivalue", T_INT, offsetof(ThingObject, ivalue), 0, NULL},
    {"dvalue", T_DOUBLE, offsetof(ThingObject, dvalue), 0, NULL},
    {"obj", T_OBJECT, offsetof(ThingObject, obj), 0, NULL},
    {"objex", T_OBJECT_EX, offsetof(ThingObject, objex), 0, NULL},
    {"flag", T_BOOL, offsetof(ThingObject, flag), 0, NULL},
    {"ssize", T_PYSSIZET, offsetof(ThingObject, ssize), READONLY, NULL},
    {"sh", T_SHORT, offsetof(ThingObject, sh), 0, NULL},
    {"ui", T_UINT, offsetof(ThingObject, ui), 0, NULL},
    {"ll", T_LONGLONG, offsetof(ThingObject, ll), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- getset ---- */

static PyObject *thing_get_counter(PyObject *self, void *closure) {
    return PyLong_FromLong(((ThingObject *)self)->counter + (long)(Py_ssize_t)closure);
}

static int thing_set_counter(PyObject *self, PyObject *value, void *closure) {
    (void)closure;
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete counter");
        return -1;
    }
    long v = PyLong_AsLong(value);
    if (v == -1 && PyErr_Occurred()) return -1;
    ((ThingObject *)self)->counter = v;
    return 0;
}

static PyObject *thing_get_kind(PyObject *self, void *closure) {
    (void)closure;
    return PyUnicode_FromString(Py_TYPE(self)->tp_name);
}

static PyGetSetDef thing_getset[] = {
    {"counter", thing_get_counter, thing_set_counter, NULL, NULL},
    {"counter100", thing_get_counter, NULL, NULL, (void *)100},
    {"kind", thing_get_kind, NULL, "the type's name", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- slots ---- */

static PyObject *thing_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    (void)args;
    (void)kwargs;
    ThingObject *self = (ThingObject *)type->tp_alloc(type, 0);
    if (self == NULL) return NULL;
    self->ssize = 42;
    self->dvalue = 1.5;
    return (PyObject *)self;
}

/* Thing(value=0): at most one positional argument or the keyword `value`. */
static int thing_init(PyObject *self, PyObject *args, PyObject *kwargs) {
    PyObject *v = NULL;
    if (PyTuple_GET_SIZE(args) > 1) {
        PyErr_SetString(PyExc_TypeError, "Thing() takes at most 1 argument");
        return -1;
    }
    if (PyTuple_GET_SIZE(args) == 1) v = PyTuple_GET_ITEM(args, 0);
    if (kwargs != NULL && PyDict_Size(kwargs) > 0) {
        PyObject *key = PyUnicode_FromString("value");
        PyObject *kv = PyDict_GetItem(kwargs, key);
        Py_DECREF(key);
        if (kv == NULL || PyDict_Size(kwargs) > 1 || v != NULL) {
            PyErr_SetString(PyExc_TypeError, "Thing() got an unexpected keyword argument");
            return -1;
        }
        v = kv;
    }
    if (v != NULL) {
        long x = PyLong_AsLong(v);
        if (x == -1 && PyErr_Occurred()) return -1;
        ((ThingObject *)self)->value = x;
    }
    return 0;
}

static void thing_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    ThingObject *t = (ThingObject *)self;
    Py_CLEAR(t->obj);
    Py_CLEAR(t->objex);
    tp->tp_free(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

static PyObject *thing_repr(PyObject *self) {
    char buf[100];
    snprintf(buf, sizeof buf, "<Thing value=%ld>", ((ThingObject *)self)->value);
    return PyUnicode_FromString(buf);
}

static int is_thing(PyObject *o) {
    return PyObject_TypeCheck(o, &ThingType) || strcmp(Py_TYPE(o)->tp_name, "HeapThing") == 0 ||
           strcmp(Py_TYPE(o)->tp_name, "infra.heap.HeapThing") == 0 ||
           strcmp(Py_TYPE(o)->tp_name, "infra.heap.HeapSub") == 0;
}

static PyObject *thing_richcompare(PyObject *a, PyObject *b, int op) {
    if (!is_thing(a) || !is_thing(b)) Py_RETURN_NOTIMPLEMENTED;
    long x = ((ThingObject *)a)->value, y = ((ThingObject *)b)->value;
    Py_RETURN_RICHCOMPARE(x, y, op);
}

static Py_hash_t thing_hash(PyObject *self) {
    long v = ((ThingObject *)self)->value;
    return v == -1 ? -2 : (Py_hash_t)v;
}

static PyObject *thing_nb_add(PyObject *a, PyObject *b) {
    long x, y;
    if (!is_thing(a)) Py_RETURN_NOTIMPLEMENTED;
    x = ((ThingObject *)a)->value;
    if (is_thing(b)) {
        y = ((ThingObject *)b)->value;
    } else if (PyLong_Check(b)) {
        y = PyLong_AsLong(b);
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *r = PyObject_CallNoArgs((PyObject *)Py_TYPE(a));
    if (r) ((ThingObject *)r)->value = x + y;
    return r;
}

static Py_ssize_t thing_length(PyObject *self) {
    return (Py_ssize_t)((ThingObject *)self)->value;
}

static PyObject *thing_subscript(PyObject *self, PyObject *key) {
    long k = PyLong_AsLong(key);
    if (k == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(k * ((ThingObject *)self)->value);
}

/* Iterating a Thing counts down from value to 1 (the object is its own
 * iterator). */
static PyObject *thing_iter(PyObject *self) {
    ((ThingObject *)self)->iterpos = ((ThingObject *)self)->value;
    return Py_NewRef(self);
}

static PyObject *thing_iternext(PyObject *self) {
    ThingObject *t = (ThingObject *)self;
    if (t->iterpos <= 0) return NULL;
    return PyLong_FromLong(t->iterpos--);
}

static PyNumberMethods thing_as_number = {.nb_add = thing_nb_add};
static PySequenceMethods thing_as_sequence = {.sq_length = thing_length};
static PyMappingMethods thing_as_mapping = {.mp_subscript = thing_subscript};

static PyTypeObject ThingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "infra.Thing",
    .tp_basicsize = sizeof(ThingObject),
    .tp_dealloc = thing_dealloc,
    .tp_repr = thing_repr,
    .tp_as_number = &thing_as_number,
    .tp_as_sequence = &thing_as_sequence,
    .tp_as_mapping = &thing_as_mapping,
    .tp_hash = thing_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A thing.",
    .tp_richcompare = thing_richcompare,
    .tp_iter = thing_iter,
    .tp_iternext = thing_iternext,
    .tp_methods = thing_methods,
    .tp_members = thing_members,
    .tp_getset = thing_getset,
    .tp_init = thing_init,
    .tp_new = thing_new,
};

static PyObject *sub_extra(PyObject *self, PyObject *Py_UNUSED(ignored)) {
    return PyLong_FromLong(((ThingObject *)self)->value * 2);
}

static PyMethodDef sub_methods[] = {
    {"extra", sub_extra, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SubThingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "infra.SubThing",
    .tp_basicsize = sizeof(ThingObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = sub_methods,
    .tp_base = &ThingType,
};

/* ---- the heap-type version ---- */

static PyType_Slot heap_slots[] = {
    {Py_tp_dealloc, (void *)thing_dealloc},
    {Py_tp_repr, (void *)thing_repr},
    {Py_tp_methods, thing_methods},
    {Py_tp_members, thing_members},
    {Py_tp_getset, thing_getset},
    {Py_tp_new, (void *)thing_new},
    {Py_tp_init, (void *)thing_init},
    {Py_tp_richcompare, (void *)thing_richcompare},
    {Py_nb_add, (void *)thing_nb_add},
    {Py_sq_length, (void *)thing_length},
    {Py_mp_subscript, (void *)thing_subscript},
    {Py_tp_doc, (void *)"A heap thing."},
    {0, NULL},
};

static PyType_Spec heap_spec = {
    .name = "infra.heap.HeapThing",
    .basicsize = sizeof(ThingObject),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = heap_slots,
};

static PyType_Slot heap_sub_slots[] = {
    {Py_tp_methods, sub_methods},
    {0, NULL},
};

static PyType_Spec heap_sub_spec = {
    .name = "infra.heap.HeapSub",
    .basicsize = sizeof(ThingObject),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = heap_sub_slots,
};

/* ---- helpers ---- */

static PyObject *call_method(PyObject *obj, const char *name, PyObject *args, PyObject *kwargs) {
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Call(m, args, kwargs);
    Py_DECREF(m);
    return r;
}

static PyObject *tuple_of_longs(int n, long a, long b, long c) {
    PyObject *t = PyTuple_New(n);
    long v[3] = {a, b, c};
    for (int i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, PyLong_FromLong(v[i]));
    return t;
}

static PyObject *type_dict_item(PyTypeObject *tp, const char *name) {
    PyObject *d = PyObject_GetAttrString((PyObject *)tp, "__dict__");
    if (d == NULL) return NULL;
    PyObject *k = PyUnicode_FromString(name);
    PyObject *r = PyObject_GetItem(d, k);
    Py_DECREF(k);
    Py_DECREF(d);
    return r;
}

static void check_attr_repr(PyObject *o, const char *name, const char *want) {
    PyObject *a = PyObject_GetAttrString(o, name);
    CHECK(a != NULL);
    if (a) {
        CHECK_REPR(a, want);
        Py_DECREF(a);
    }
}

static void set_attr_long(PyObject *o, const char *name, long v) {
    PyObject *x = PyLong_FromLong(v);
    CHECK(PyObject_SetAttrString(o, name, x) == 0);
    Py_DECREF(x);
}

/* The behaviour shared by the static and the heap version of Thing. */
static void exercise(PyObject *type, const char *qual) {
    char want[200];
    PyObject *empty = PyTuple_New(0);

    /* Creation by calling the type: tp_new + tp_init. */
    PyObject *t = PyObject_CallNoArgs(type);
    CHECK(t != NULL && Py_TYPE(t) == (PyTypeObject *)type);
    CHECK_REPR(t, "<Thing value=0>");
    PyObject *args = tuple_of_longs(1, 7, 0, 0);
    PyObject *t7 = PyObject_Call(type, args, NULL);
    Py_DECREF(args);
    CHECK_REPR(t7, "<Thing value=7>");
    PyObject *kwargs = PyDict_New();
    PyObject *nine = PyLong_FromLong(9);
    PyDict_SetItemString(kwargs, "value", nine);
    PyObject *t9 = PyObject_Call(type, empty, kwargs);
    CHECK_REPR(t9, "<Thing value=9>");
    Py_DECREF(kwargs);

    /* METH_NOARGS through a bound method. */
    PyObject *r = call_method(t7, "reset", empty, NULL);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK_REPR(t7, "<Thing value=0>");
    args = tuple_of_longs(1, 1, 0, 0);
    CHECK(call_method(t7, "reset", args, NULL) == NULL);
    snprintf(want, sizeof want, "%s.reset() takes no arguments (1 given)", qual);
    CHECK_ERRMSG(want);

    /* METH_O. */
    r = call_method(t7, "add", args, NULL);
    CHECK_REPR(r, "1");
    Py_XDECREF(r);
    CHECK(call_method(t7, "add", empty, NULL) == NULL);
    snprintf(want, sizeof want, "%s.add() takes exactly one argument (0 given)", qual);
    CHECK_ERRMSG(want);
    PyObject *two = tuple_of_longs(2, 1, 2, 0);
    CHECK(call_method(t7, "add", two, NULL) == NULL);
    snprintf(want, sizeof want, "%s.add() takes exactly one argument (2 given)", qual);
    CHECK_ERRMSG(want);

    /* METH_VARARGS. */
    PyObject *three = tuple_of_longs(3, 10, 20, 30);
    r = call_method(t7, "sum", three, NULL);
    CHECK_REPR(r, "61");
    Py_XDECREF(r);
    kwargs = PyDict_New();
    PyDict_SetItemString(kwargs, "x", nine);
    CHECK(call_method(t7, "sum", three, kwargs) == NULL);
    /* (METH_VARARGS names the bare function here, as CPython does.) */
    CHECK_ERRMSG("sum() takes no keyword arguments");
    CHECK(call_method(t7, "reset", empty, kwargs) == NULL);
    snprintf(want, sizeof want, "%s.reset() takes no keyword arguments", qual);
    CHECK_ERRMSG(want);

    /* METH_VARARGS | METH_KEYWORDS. */
    r = call_method(t7, "kw", three, kwargs);
    CHECK_REPR(r, "(3, 1)");
    Py_XDECREF(r);
    r = call_method(t7, "kw", empty, NULL);
    CHECK_REPR(r, "(0, 0)");
    Py_XDECREF(r);

    /* METH_FASTCALL | METH_KEYWORDS, through PyObject_Call and vectorcall. */
    r = call_method(t7, "fast", two, kwargs);
    CHECK_REPR(r, "(2, 1, 'x')");
    Py_XDECREF(r);
    PyObject *m = PyObject_GetAttrString(t7, "fast");
    PyObject *vargs[3] = {nine, nine, nine};
    PyObject *kwnames = PyTuple_New(1);
    PyTuple_SET_ITEM(kwnames, 0, PyUnicode_FromString("key"));
    r = PyObject_Vectorcall(m, vargs, 2, kwnames);
    CHECK_REPR(r, "(2, 1, 'key')");
    Py_XDECREF(r);
    r = PyObject_Vectorcall(m, vargs, 3, NULL);
    CHECK_REPR(r, "(3, 0, None)");
    Py_XDECREF(r);
    Py_DECREF(kwnames);
    Py_XDECREF(m);

    /* METH_CLASS from the type and from an instance. */
    r = call_method(type, "make", two, NULL);
    CHECK(r != NULL && PyTuple_GET_ITEM(r, 0) == type);
    Py_XDECREF(r);
    r = call_method(t7, "make", empty, NULL);
    CHECK(r != NULL && PyTuple_GET_ITEM(r, 0) == type);
    Py_XDECREF(r);

    /* METH_STATIC. */
    r = call_method(type, "stat", three, NULL);
    CHECK_REPR(r, "3");
    Py_XDECREF(r);
    r = call_method(t7, "stat", two, NULL);
    CHECK_REPR(r, "2");
    Py_XDECREF(r);

    /* Descriptors in the type's dict, called unbound. */
    PyObject *d = type_dict_item((PyTypeObject *)type, "add");
    snprintf(want, sizeof want, "<method 'add' of '%s' objects>", ((PyTypeObject *)type)->tp_name);
    CHECK_REPR(d, want);
    PyObject *pair = PyTuple_New(2);
    PyTuple_SET_ITEM(pair, 0, Py_NewRef(t7));
    PyTuple_SET_ITEM(pair, 1, PyLong_FromLong(5));
    r = PyObject_Call(d, pair, NULL);
    CHECK_REPR(r, "6");
    Py_XDECREF(r);
    Py_DECREF(pair);
    CHECK(PyObject_Call(d, empty, NULL) == NULL);
    snprintf(want, sizeof want, "unbound method %s.add() needs an argument", qual);
    CHECK_ERRMSG(want);
    pair = tuple_of_longs(2, 1, 2, 0);
    CHECK(PyObject_Call(d, pair, NULL) == NULL);
    snprintf(want, sizeof want, "descriptor 'add' for '%s' objects doesn't apply to a 'int' object",
             ((PyTypeObject *)type)->tp_name);
    CHECK_ERRMSG(want);
    Py_DECREF(pair);
    Py_XDECREF(d);

    d = type_dict_item((PyTypeObject *)type, "value");
    snprintf(want, sizeof want, "<member 'value' of '%s' objects>", ((PyTypeObject *)type)->tp_name);
    CHECK_REPR(d, want);
    Py_XDECREF(d);
    d = type_dict_item((PyTypeObject *)type, "counter");
    snprintf(want, sizeof want, "<attribute 'counter' of '%s' objects>", ((PyTypeObject *)type)->tp_name);
    CHECK_REPR(d, want);
    Py_XDECREF(d);
    d = type_dict_item((PyTypeObject *)type, "make");
    snprintf(want, sizeof want, "<method 'make' of '%s' objects>", ((PyTypeObject *)type)->tp_name);
    CHECK_REPR(d, want);
    Py_XDECREF(d);
    d = type_dict_item((PyTypeObject *)type, "stat");
    CHECK(d != NULL && strcmp(Py_TYPE(d)->tp_name, "staticmethod") == 0);
    Py_XDECREF(d);

    /* Slot wrappers made from the slots. */
    static const char *wrapped[] = {"__add__", "__radd__", "__len__", "__getitem__", "__repr__",
                                    "__eq__", "__lt__", "__init__", NULL};
    for (int i = 0; wrapped[i]; i++) {
        d = type_dict_item((PyTypeObject *)type, wrapped[i]);
        snprintf(want, sizeof want, "<slot wrapper '%s' of '%s' objects>", wrapped[i],
                 ((PyTypeObject *)type)->tp_name);
        CHECK_REPR(d, want);
        Py_XDECREF(d);
    }
    m = PyObject_GetAttrString(t9, "__add__");
    r = PyObject_CallOneArg(m, nine);
    CHECK_REPR(r, "<Thing value=18>");
    Py_XDECREF(r);
    Py_XDECREF(m);
    m = PyObject_GetAttrString(t9, "__len__");
    r = PyObject_CallNoArgs(m);
    CHECK_REPR(r, "9");
    Py_XDECREF(r);
    Py_XDECREF(m);

    /* The protocols through the abstract API. */
    r = Py_TYPE(t9)->tp_as_number->nb_add(t9, t9);
    CHECK_REPR(r, "<Thing value=18>");
    Py_XDECREF(r);
    CHECK(PyObject_Length(t9) == 9);
    r = PyObject_GetItem(t9, nine);
    CHECK_REPR(r, "81");
    Py_XDECREF(r);
    CHECK(PyObject_RichCompareBool(t9, t9, Py_EQ) == 1);
    CHECK(PyObject_RichCompareBool(t7, t9, Py_LT) == 1);
    CHECK(PyObject_RichCompareBool(t9, t7, Py_LE) == 0);
    CHECK(PyObject_RichCompareBool(t9, nine, Py_EQ) == 0);
    CHECK(PyObject_RichCompare(t9, nine, Py_LT) == NULL);
    snprintf(want, sizeof want, "'<' not supported between instances of '%s' and 'int'",
             ((PyTypeObject *)type)->tp_name);
    CHECK_ERRMSG(want);

    /* Members. */
    check_attr_repr(t9, "value", "9");
    check_attr_repr(t9, "ssize", "42");
    check_attr_repr(t9, "dvalue", "1.5");
    check_attr_repr(t9, "obj", "None");
    check_attr_repr(t9, "flag", "False");
    set_attr_long(t9, "ivalue", -3);
    check_attr_repr(t9, "ivalue", "-3");
    set_attr_long(t9, "sh", 1000);
    check_attr_repr(t9, "sh", "1000");
    set_attr_long(t9, "ll", 1234567890123LL);
    check_attr_repr(t9, "ll", "1234567890123");
    set_attr_long(t9, "ui", 7);
    check_attr_repr(t9, "ui", "7");
    CHECK(PyObject_SetAttrString(t9, "flag", Py_True) == 0);
    check_attr_repr(t9, "flag", "True");
    CHECK(PyObject_SetAttrString(t9, "obj", nine) == 0);
    check_attr_repr(t9, "obj", "9");
    CHECK(PyObject_GetAttrString(t9, "objex") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    snprintf(want, sizeof want, "'%s' object has no attribute 'objex'", ((PyTypeObject *)type)->tp_name);
    CHECK_ERRMSG(want);
    CHECK(PyObject_SetAttrString(t9, "objex", nine) == 0);
    check_attr_repr(t9, "objex", "9");
    CHECK(PyObject_DelAttrString(t9, "objex") == 0);
    CHECK(PyObject_DelAttrString(t9, "objex") == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    CHECK_ERRMSG("objex");
    CHECK(PyObject_SetAttrString(t9, "ssize", nine) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    CHECK_ERRMSG("readonly attribute");
    CHECK(PyObject_DelAttrString(t9, "value") == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("can't delete numeric/char attribute");
    PyObject *s = PyUnicode_FromString("x");
    CHECK(PyObject_SetAttrString(t9, "value", s) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("'str' object cannot be interpreted as an integer");
    CHECK(PyObject_SetAttrString(t9, "dvalue", s) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("must be real number, not str");
    CHECK(PyObject_SetAttrString(t9, "flag", s) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("attribute value type must be bool");
    Py_DECREF(s);

    /* Getset. */
    set_attr_long(t9, "counter", 5);
    check_attr_repr(t9, "counter", "5");
    check_attr_repr(t9, "counter100", "105");
    snprintf(want, sizeof want, "'%s'", ((PyTypeObject *)type)->tp_name);
    check_attr_repr(t9, "kind", want);
    CHECK(PyObject_DelAttrString(t9, "counter") == -1);
    CHECK_ERRMSG("cannot delete counter");
    CHECK(PyObject_SetAttrString(t9, "kind", nine) == -1);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    snprintf(want, sizeof want, "attribute 'kind' of '%s' objects is not writable", ((PyTypeObject *)type)->tp_name);
    CHECK_ERRMSG(want);

    /* No instance dict: unknown attributes cannot be set. */
    CHECK(PyObject_SetAttrString(t9, "nope", nine) == -1);
    snprintf(want, sizeof want, "'%s' object has no attribute 'nope'", ((PyTypeObject *)type)->tp_name);
    CHECK_ERRMSG(want);

    Py_DECREF(nine);
    Py_DECREF(three);
    Py_DECREF(two);
    Py_DECREF(args);
    Py_DECREF(kwargs);
    Py_DECREF(empty);
    Py_DECREF(t);
    Py_DECREF(t7);
    Py_DECREF(t9);
}

int main(void) {
    BEGIN_TEST();
    CHECK(PyType_Ready(&ThingType) == 0);
    CHECK(PyType_Ready(&SubThingType) == 0);
    PyObject *heap = PyType_FromSpec(&heap_spec);
    CHECK(heap != NULL);
    PyObject *bases = PyTuple_New(1);
    PyTuple_SET_ITEM(bases, 0, Py_NewRef(heap));
    PyObject *heap_sub = PyType_FromSpecWithBases(&heap_sub_spec, bases);
    CHECK(heap_sub != NULL);
    Py_DECREF(bases);
    /* Types live until finalisation: count objects from here. */
    check_live_start = Pyrite_LiveObjects();

    /* The static type. */
    CHECK_REPR((PyObject *)&ThingType, "<class 'infra.Thing'>");
    CHECK(PyType_HasFeature(&ThingType, Py_TPFLAGS_READY));
    CHECK(!PyType_HasFeature(&ThingType, Py_TPFLAGS_HEAPTYPE));
    check_attr_repr((PyObject *)&ThingType, "__name__", "'Thing'");
    check_attr_repr((PyObject *)&ThingType, "__qualname__", "'Thing'");
    check_attr_repr((PyObject *)&ThingType, "__module__", "'infra'");
    check_attr_repr((PyObject *)&ThingType, "__doc__", "'A thing.'");
    exercise((PyObject *)&ThingType, "Thing");

    /* Iteration: tp_iter / tp_iternext. */
    PyObject *args = tuple_of_longs(1, 3, 0, 0);
    PyObject *t3 = PyObject_Call((PyObject *)&ThingType, args, NULL);
    Py_DECREF(args);
    PyObject *it = PyObject_GetIter(t3);
    CHECK(it == t3);
    PyObject *item;
    long total = 0, count = 0;
    while ((item = PyIter_Next(it)) != NULL) {
        total = total * 10 + PyLong_AsLong(item);
        count++;
        Py_DECREF(item);
    }
    CHECK(!PyErr_Occurred() && count == 3 && total == 321);
    Py_XDECREF(it);
    CHECK(PyObject_Hash(t3) == 3);
    ((ThingObject *)t3)->value = -1;
    CHECK(PyObject_Hash(t3) == -2);
    Py_DECREF(t3);

    /* The static subclass: inherits slots, methods, members. */
    CHECK(SubThingType.tp_basicsize == ThingType.tp_basicsize);
    check_attr_repr((PyObject *)&SubThingType, "__mro__",
                    "(<class 'infra.SubThing'>, <class 'infra.Thing'>, <class 'object'>)");
    args = tuple_of_longs(1, 4, 0, 0);
    PyObject *sub = PyObject_Call((PyObject *)&SubThingType, args, NULL);
    Py_DECREF(args);
    CHECK(sub != NULL && Py_TYPE(sub) == &SubThingType);
    CHECK(PyObject_TypeCheck(sub, &ThingType));
    CHECK(PyObject_IsInstance(sub, (PyObject *)&ThingType) == 1);
    CHECK_REPR(sub, "<Thing value=4>");
    PyObject *empty = PyTuple_New(0);
    PyObject *r = call_method(sub, "extra", empty, NULL);
    CHECK_REPR(r, "8");
    Py_XDECREF(r);
    args = tuple_of_longs(1, 6, 0, 0);
    r = call_method(sub, "add", args, NULL);
    CHECK_REPR(r, "10");
    Py_XDECREF(r);
    Py_DECREF(args);
    check_attr_repr(sub, "value", "10");
    CHECK(PyObject_Length(sub) == 10);
    r = Py_TYPE(sub)->tp_as_number->nb_add(sub, sub);
    CHECK(r != NULL && Py_TYPE(r) == &SubThingType);
    CHECK_REPR(r, "<Thing value=20>");
    Py_XDECREF(r);
    CHECK(PyObject_GetAttrString((PyObject *)&ThingType, "extra") == NULL);
    CHECK_ERRMSG("type object 'infra.Thing' has no attribute 'extra'");
    Py_DECREF(sub);

    /* The heap type from a spec with a dotted name. */
    PyTypeObject *ht = (PyTypeObject *)heap;
    CHECK(PyType_HasFeature(ht, Py_TPFLAGS_HEAPTYPE));
    CHECK(PyType_GetFlags(ht) & Py_TPFLAGS_HEAPTYPE);
    CHECK_REPR(heap, "<class 'infra.heap.HeapThing'>");
    check_attr_repr(heap, "__name__", "'HeapThing'");
    check_attr_repr(heap, "__qualname__", "'HeapThing'");
    check_attr_repr(heap, "__module__", "'infra.heap'");
    check_attr_repr(heap, "__doc__", "'A heap thing.'");
    /* Instances keep their heap type alive. */
    Py_ssize_t type_refs = Py_REFCNT(heap);
    PyObject *h = PyObject_CallNoArgs(heap);
    CHECK(Py_REFCNT(heap) == type_refs + 1);
    Py_XDECREF(h);
    CHECK(Py_REFCNT(heap) == type_refs);
    exercise(heap, "HeapThing");
    CHECK(Py_REFCNT(heap) == type_refs);

    /* A heap subclass from PyType_FromSpecWithBases. */
    check_attr_repr(heap_sub, "__mro__",
                    "(<class 'infra.heap.HeapSub'>, <class 'infra.heap.HeapThing'>, <class 'object'>)");
    check_attr_repr(heap_sub, "__module__", "'infra.heap'");
    args = tuple_of_longs(1, 21, 0, 0);
    h = PyObject_Call(heap_sub, args, NULL);
    Py_DECREF(args);
    CHECK_REPR(h, "<Thing value=21>");
    r = call_method(h, "extra", empty, NULL);
    CHECK_REPR(r, "42");
    Py_XDECREF(r);
    CHECK(PyObject_IsInstance(h, heap) == 1);
    CHECK(Py_REFCNT(heap_sub) >= 2);
    Py_XDECREF(h);
    Py_DECREF(empty);

    END_TEST();
}
