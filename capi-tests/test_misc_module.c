/* Module objects and extension module definition from C: PyModule_* API,
 * single-phase (PyModule_Create2) and multi-phase (PyModuleDef_Init,
 * PyModule_FromDefAndSpec2, PyModule_ExecDef) initialisation, module state,
 * PyState_*, and capsules published through a module. */
#include "check.h"

typedef struct { long calls; long exec_ran; } modstate;

static PyObject *f_hello(PyObject *self, PyObject *noargs) {
    modstate *st = PyModule_GetState(self);
    if (st) st->calls++;
    return PyUnicode_FromString("hello");
}
static PyObject *f_echo(PyObject *self, PyObject *arg) {
    Py_INCREF(arg);
    return arg;
}
static PyMethodDef methods[] = {
    {"hello", f_hello, METH_NOARGS, "Say hello."},
    {"echo", f_echo, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
static PyMethodDef bad_methods[] = {
    {"bad", f_echo, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static int freed = 0;
static void m_free(void *m) { freed++; }

static struct PyModuleDef single = {
    PyModuleDef_HEAD_INIT, "single", "A single-phase module.", sizeof(modstate), methods,
    NULL, NULL, NULL, m_free,
};

static int exec_one(PyObject *m) {
    modstate *st = PyModule_GetState(m);
    st->exec_ran++;
    return PyModule_AddIntConstant(m, "answer", 42);
}
static int exec_fail(PyObject *m) { return -1; }
static int exec_fail_set(PyObject *m) {
    PyErr_SetString(PyExc_RuntimeError, "exec failed");
    return -1;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_one},
    {0, NULL},
};
static struct PyModuleDef multi = {
    PyModuleDef_HEAD_INIT, "multi", "A multi-phase module.", sizeof(modstate), methods, slots,
    NULL, NULL, NULL,
};

static PyObject *created_with_spec = NULL;
static PyObject *create(PyObject *spec, PyModuleDef *def) {
    created_with_spec = spec;
    PyObject *name = PyObject_GetAttrString(spec, "name");
    if (!name) return NULL;
    PyObject *m = PyModule_NewObject(name);
    Py_DECREF(name);
    return m;
}
static PyModuleDef_Slot create_slots[] = {
    {Py_mod_create, create},
    {Py_mod_exec, exec_one},
    {0, NULL},
};
static struct PyModuleDef multi_create = {
    PyModuleDef_HEAD_INIT, "multi_create", NULL, sizeof(modstate), NULL, create_slots,
    NULL, NULL, NULL,
};
static PyModuleDef_Slot fail_slots[] = {
    {Py_mod_exec, exec_fail},
    {0, NULL},
};
static struct PyModuleDef multi_fail = {
    PyModuleDef_HEAD_INIT, "multi_fail", NULL, 0, NULL, fail_slots, NULL, NULL, NULL,
};
static PyModuleDef_Slot fail_set_slots[] = {
    {Py_mod_exec, exec_fail_set},
    {0, NULL},
};
static struct PyModuleDef multi_fail_set = {
    PyModuleDef_HEAD_INIT, "multi_fail_set", NULL, 0, NULL, fail_set_slots, NULL, NULL, NULL,
};
static PyModuleDef_Slot bad_slots[] = {
    {99, NULL},
    {0, NULL},
};
static struct PyModuleDef multi_bad = {
    PyModuleDef_HEAD_INIT, "multi_bad", NULL, 0, NULL, bad_slots, NULL, NULL, NULL,
};

static int capsule_destroyed = 0;
static void capsule_dtor(PyObject *c) {
    capsule_destroyed++;
    CHECK(PyCapsule_GetContext(c) == (void *)&capsule_destroyed);
}

/* The module's spec: any object with a `name` attribute (here a module). */
static PyObject *make_spec(const char *name) {
    PyObject *spec = PyModule_New("spec");
    PyObject *n = PyUnicode_FromString(name);
    PyObject_SetAttrString(spec, "name", n);
    Py_DECREF(n);
    return spec;
}

int main(void) {
    BEGIN_TEST();

    /* ---- plain module objects ---- */
    PyObject *m = PyModule_New("foo");
    CHECK(PyModule_Check(m) && PyModule_CheckExact(m));
    CHECK_REPR(m, "<module 'foo'>");
    CHECK(strcmp(PyModule_GetName(m), "foo") == 0);
    PyObject *d = PyModule_GetDict(m);
    CHECK(PyDict_Check(d) && PyDict_Size(d) == 5);
    CHECK_REPR(d, "{'__name__': 'foo', '__doc__': None, '__package__': None, '__loader__': None, '__spec__': None}");
    PyObject *x = PyObject_GetAttrString(m, "__dict__");
    CHECK(x == d);
    Py_XDECREF(x);
    CHECK(PyObject_GetAttrString(m, "y") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    CHECK_ERRMSG("module 'foo' has no attribute 'y'");
    CHECK(PyModule_GetFilenameObject(m) == NULL);
    CHECK_ERRMSG("module filename missing");
    CHECK(PyModule_GetFilename(m) == NULL);
    CHECK_ERRMSG("module filename missing");
    PyObject *f = PyUnicode_FromString("/x/y.py");
    CHECK(PyModule_AddObjectRef(m, "__file__", f) == 0);
    CHECK_REPR(m, "<module 'foo' from '/x/y.py'>");
    x = PyModule_GetFilenameObject(m);
    CHECK(x == f);
    Py_XDECREF(x);
    CHECK(strcmp(PyModule_GetFilename(m), "/x/y.py") == 0);
    Py_DECREF(f);
    CHECK(PyModule_AddIntConstant(m, "ONE", 1) == 0);
    CHECK(PyModule_AddStringConstant(m, "S", "s") == 0);
    x = PyObject_GetAttrString(m, "ONE");
    CHECK_REPR(x, "1");
    Py_XDECREF(x);
    PyObject *v = PyUnicode_FromString("v");
    Py_INCREF(v);
    CHECK(PyModule_AddObject(m, "V", v) == 0);   /* steals on success */
    CHECK(PyModule_AddObject(Py_None, "V", v) == -1); /* not stolen on failure */
    CHECK_ERRMSG("PyModule_AddObjectRef() first argument must be a module");
    Py_DECREF(v);
    CHECK(PyModule_AddObjectRef(m, "W", NULL) == -1);
    CHECK_ERRMSG("PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
    CHECK(PyModule_AddType(m, &PyRange_Type) == 0);
    x = PyObject_GetAttrString(m, "range");
    CHECK(x == (PyObject *)&PyRange_Type);
    Py_XDECREF(x);
    CHECK(PyModule_SetDocString(m, "Docs.") == 0);
    x = PyObject_GetAttrString(m, "__doc__");
    CHECK_REPR(x, "'Docs.'");
    Py_XDECREF(x);
    PyObject *dir = PyObject_Dir(m);
    CHECK_REPR(dir, "['ONE', 'S', 'V', '__doc__', '__file__', '__loader__', '__name__', '__package__', '__spec__', 'range']");
    Py_XDECREF(dir);
    CHECK(PyModule_AddFunctions(m, bad_methods) == -1);
    CHECK_ERRMSG("module functions cannot set METH_CLASS or METH_STATIC");
    CHECK(PyModule_GetDef(m) == NULL && !PyErr_Occurred());
    CHECK(PyModule_GetState(m) == NULL && !PyErr_Occurred());
    Py_DECREF(m);

    CHECK(PyModule_GetDict(Py_None) == NULL);
    CHECK_ERRMSG("bad argument to internal function");
    CHECK(PyModule_GetName(Py_None) == NULL);
    CHECK_ERRMSG("bad argument type for built-in operation");
    CHECK(PyModule_GetState(Py_None) == NULL);
    CHECK_ERRMSG("bad argument type for built-in operation");

    /* module(name, doc) from Python's side */
    PyObject *args = PyTuple_New(2);
    PyTuple_SetItem(args, 0, PyUnicode_FromString("made"));
    PyTuple_SetItem(args, 1, PyUnicode_FromString("doc"));
    m = PyObject_CallObject((PyObject *)&PyModule_Type, args);
    Py_DECREF(args);
    CHECK_REPR(m, "<module 'made'>");
    x = PyObject_GetAttrString(m, "__doc__");
    CHECK_REPR(x, "'doc'");
    Py_XDECREF(x);
    Py_XDECREF(m);
    args = PyTuple_New(0);
    CHECK(PyObject_CallObject((PyObject *)&PyModule_Type, args) == NULL);
    CHECK_ERRMSG("module() missing required argument 'name' (pos 1)");
    Py_DECREF(args);
    args = PyTuple_New(1);
    PyTuple_SetItem(args, 0, PyLong_FromLong(1));
    CHECK(PyObject_CallObject((PyObject *)&PyModule_Type, args) == NULL);
    CHECK_ERRMSG("module() argument 'name' must be str, not int");
    Py_DECREF(args);

    /* ---- single-phase ---- */
    m = PyModule_Create(&single);
    CHECK(m != NULL);
    CHECK_REPR(m, "<module 'single'>");
    CHECK(PyModule_GetDef(m) == &single);
    modstate *st = PyModule_GetState(m);
    CHECK(st != NULL && st->calls == 0 && st->exec_ran == 0);
    x = PyObject_GetAttrString(m, "__doc__");
    CHECK_REPR(x, "'A single-phase module.'");
    Py_XDECREF(x);
    PyObject *hello = PyObject_GetAttrString(m, "hello");
    CHECK_REPR(hello, "<built-in function hello>");
    x = PyObject_GetAttrString(hello, "__module__");
    CHECK_REPR(x, "'single'");
    Py_XDECREF(x);
    x = PyObject_CallNoArgs(hello);
    CHECK_REPR(x, "'hello'");
    Py_XDECREF(x);
    CHECK(st->calls == 1);
    CHECK(PyCFunction_GetSelf(hello) == m);
    Py_XDECREF(hello);

    /* PyState_* (single-phase modules only) */
    CHECK(single.m_base.m_index > 0);
    CHECK(PyState_FindModule(&single) == NULL);
    CHECK(PyState_AddModule(m, &single) == 0);
    CHECK(PyState_FindModule(&single) == m);

    /* a capsule published by the module, imported back by name */
    static int payload = 7;
    PyObject *cap = PyCapsule_New(&payload, "single._C_API", capsule_dtor);
    CHECK(PyCapsule_CheckExact(cap));
    CHECK(PyCapsule_SetContext(cap, &capsule_destroyed) == 0);
    CHECK(PyModule_AddObject(m, "_C_API", cap) == 0);
    CHECK(PyCapsule_Import("single._C_API", 0) == &payload);
    CHECK(PyCapsule_Import("single.nope", 0) == NULL);
    CHECK_ERRMSG("module 'single' has no attribute 'nope'");
    CHECK(PyCapsule_Import("single.hello", 0) == NULL);
    CHECK_ERRMSG("PyCapsule_Import \"single.hello\" is not valid");
    CHECK(PyCapsule_Import("nomod._C_API", 0) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_ImportError));
    CHECK_ERRMSG("No module named 'nomod'");

    CHECK(PyState_RemoveModule(&single) == 0);
    CHECK(PyState_FindModule(&single) == NULL);
    CHECK(capsule_destroyed == 0);
    CHECK(freed == 0);
    /* The functions hold the module (m_self): break the cycle by hand
     * until the cycle collector exists. */
    CHECK(PyObject_DelAttrString(m, "hello") == 0 && PyObject_DelAttrString(m, "echo") == 0);
    Py_DECREF(m);
    CHECK(capsule_destroyed == 1);
    CHECK(freed == 1);

    /* ---- multi-phase ---- */
    PyObject *def = PyModuleDef_Init(&multi);
    CHECK(def == (PyObject *)&multi);
    CHECK_REPR((PyObject *)Py_TYPE(def), "<class 'moduledef'>");
    PyObject *spec = make_spec("multi");
    m = PyModule_FromDefAndSpec(&multi, spec);
    CHECK_REPR(m, "<module 'multi'>");
    st = PyModule_GetState(m);
    CHECK(st != NULL && st->exec_ran == 0);
    CHECK(PyObject_GetAttrString(m, "answer") == NULL);
    PyErr_Clear();
    CHECK(PyModule_ExecDef(m, &multi) == 0);
    CHECK(st->exec_ran == 1);
    x = PyObject_GetAttrString(m, "answer");
    CHECK_REPR(x, "42");
    Py_XDECREF(x);
    x = PyObject_GetAttrString(m, "echo");
    CHECK_REPR(x, "<built-in function echo>");
    Py_XDECREF(x);
    CHECK(PyState_FindModule(&multi) == NULL);
    CHECK(PyState_AddModule(m, &multi) == -1);
    CHECK_ERRMSG("PyState_AddModule called on module with slots");
    CHECK(PyModule_Create(&multi) == NULL);
    CHECK_ERRMSG("module multi: PyModule_Create is incompatible with m_slots");
    CHECK(PyObject_DelAttrString(m, "hello") == 0 && PyObject_DelAttrString(m, "echo") == 0);
    Py_DECREF(m);
    Py_DECREF(spec);

    spec = make_spec("viacreate");
    m = PyModule_FromDefAndSpec2(&multi_create, spec, PYTHON_API_VERSION);
    CHECK(created_with_spec == spec);
    CHECK_REPR(m, "<module 'viacreate'>");
    CHECK(PyModule_ExecDef(m, &multi_create) == 0);
    st = PyModule_GetState(m);
    CHECK(st != NULL && st->exec_ran == 1);
    Py_XDECREF(m);
    Py_DECREF(spec);

    spec = make_spec("failing");
    m = PyModule_FromDefAndSpec(&multi_fail, spec);
    CHECK(PyModule_ExecDef(m, &multi_fail) == -1);
    CHECK_ERRMSG("execution of module failing failed without setting an exception");
    Py_XDECREF(m);
    m = PyModule_FromDefAndSpec(&multi_fail_set, spec);
    CHECK(PyModule_ExecDef(m, &multi_fail_set) == -1);
    CHECK_ERRMSG("exec failed");
    Py_XDECREF(m);
    CHECK(PyModule_FromDefAndSpec(&multi_bad, spec) == NULL);
    CHECK_ERRMSG("module failing uses unknown slot ID 99");
    Py_DECREF(spec);
    CHECK(PyModule_FromDefAndSpec(&multi, Py_None) == NULL);
    CHECK_ERRMSG("'NoneType' object has no attribute 'name'");

    /* ---- capsules ---- */
    static int a = 1, b = 2;
    cap = PyCapsule_New(&a, "mod.cap", NULL);
    CHECK(PyCapsule_IsValid(cap, "mod.cap"));
    CHECK(!PyCapsule_IsValid(cap, "other"));
    CHECK(!PyCapsule_IsValid(cap, NULL));
    CHECK(!PyCapsule_IsValid(Py_None, "mod.cap"));
    CHECK(PyCapsule_GetPointer(cap, "mod.cap") == &a);
    CHECK(PyCapsule_GetPointer(cap, "other") == NULL);
    CHECK_ERRMSG("PyCapsule_GetPointer called with incorrect name");
    CHECK(PyCapsule_GetPointer(Py_None, "x") == NULL);
    CHECK_ERRMSG("PyCapsule_GetPointer called with invalid PyCapsule object");
    CHECK(strcmp(PyCapsule_GetName(cap), "mod.cap") == 0);
    CHECK(PyCapsule_GetContext(cap) == NULL && !PyErr_Occurred());
    CHECK(PyCapsule_GetDestructor(cap) == NULL && !PyErr_Occurred());
    CHECK(PyCapsule_SetPointer(cap, &b) == 0);
    CHECK(PyCapsule_GetPointer(cap, "mod.cap") == &b);
    CHECK(PyCapsule_SetPointer(cap, NULL) == -1);
    CHECK_ERRMSG("PyCapsule_SetPointer called with null pointer");
    CHECK(PyCapsule_SetName(cap, NULL) == 0);
    CHECK(PyCapsule_GetPointer(cap, NULL) == &b);
    char want[64];
    snprintf(want, sizeof want, "<capsule object NULL at %p>", (void *)cap);
    CHECK_REPR(cap, want);
    CHECK(PyCapsule_SetName(cap, "n") == 0);
    snprintf(want, sizeof want, "<capsule object \"n\" at %p>", (void *)cap);
    CHECK_REPR(cap, want);
    CHECK(PyCapsule_SetDestructor(cap, capsule_dtor) == 0);
    CHECK(PyCapsule_GetDestructor(cap) == capsule_dtor);
    CHECK(PyCapsule_SetContext(cap, &capsule_destroyed) == 0);
    Py_DECREF(cap);
    CHECK(capsule_destroyed == 2);
    CHECK(PyCapsule_New(NULL, "x", NULL) == NULL);
    CHECK_ERRMSG("PyCapsule_New called with null pointer");
    CHECK(PyCapsule_GetName(Py_None) == NULL);
    CHECK_ERRMSG("PyCapsule_GetName called with invalid PyCapsule object");
    CHECK(PyCapsule_SetContext(Py_None, NULL) == -1);
    CHECK_ERRMSG("PyCapsule_SetContext called with invalid PyCapsule object");
    CHECK_REPR((PyObject *)&PyCapsule_Type, "<class 'PyCapsule'>");
    END_TEST();
}
