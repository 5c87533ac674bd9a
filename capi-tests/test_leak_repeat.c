/* Run a workload touching every core type, method calls, errors and types
 * built from C several times: after a warm-up run, live objects AND live bytes
 * must come back to exactly the same values after every further run. */
#define PY_SSIZE_T_CLEAN
#include "check.h"

static PyObject *meth(PyObject *self, PyObject *args) {
    int a = 0;
    const char *s = "";
    if (!PyArg_ParseTuple(args, "i|s", &a, &s)) return NULL;
    return Py_BuildValue("(is)", a * 2, s);
}
static PyMethodDef methods[] = {{"meth", meth, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};

static int workload(void) {
    PyObject *objs[32];
    int n = 0;
    objs[n++] = PyLong_FromLong(7);
    objs[n++] = PyLong_FromString("123456789012345678901234567890", NULL, 10);
    objs[n++] = PyFloat_FromDouble(2.5);
    objs[n++] = PyComplex_FromDoubles(1.0, -2.0);
    objs[n++] = PyUnicode_FromString("h\xc3\xa9llo w\xc3\xb6rld \xf0\x9f\x98\x80");
    objs[n++] = PyBytes_FromStringAndSize("by\0tes", 6);
    objs[n++] = PyByteArray_FromStringAndSize("abc", 3);
    objs[n++] = Py_BuildValue("(iOs)", 1, Py_None, "x");
    objs[n++] = Py_BuildValue("[i,i,i]", 3, 1, 2);
    objs[n++] = Py_BuildValue("{s:i,s:[i]}", "a", 1, "b", 2);
    objs[n++] = PySet_New(objs[8]);
    objs[n++] = PyFrozenSet_New(objs[7]);
    objs[n++] = PySlice_New(objs[0], NULL, NULL);
    objs[n++] = PyObject_CallFunction((PyObject *)&PyRange_Type, "iii", 0, 100, 3);
    for (int i = 0; i < n; i++) {
        if (objs[i] == NULL) return 1;
        PyObject *r = PyObject_Repr(objs[i]);
        PyObject *s = PyObject_Str(objs[i]);
        if (!r || !s) return 1;
        Py_DECREF(r);
        Py_DECREF(s);
        Py_hash_t h = PyObject_Hash(objs[i]);
        if (h == -1) PyErr_Clear();
        PyObject *it = PyObject_GetIter(objs[i]);
        if (it) {
            PyObject *x;
            while ((x = PyIter_Next(it)) != NULL) Py_DECREF(x);
            Py_DECREF(it);
        }
        PyErr_Clear();
    }
    PyObject *up = PyObject_CallMethod(objs[4], "upper", NULL);
    PyObject *parts = PyObject_CallMethod(objs[4], "split", "s", " ");
    PyObject *sorted = PyObject_CallMethod(objs[8], "sort", NULL);
    PyObject *sum = PyNumber_Multiply(objs[1], objs[1]);
    PyObject *quo = PyNumber_TrueDivide(objs[0], objs[2]);
    if (!up || !parts || !sorted || !sum || !quo) return 1;
    Py_DECREF(up); Py_DECREF(parts); Py_DECREF(sorted); Py_DECREF(sum); Py_DECREF(quo);
    /* errors */
    if (PyObject_GetItem(objs[9], objs[4]) != NULL) return 1;
    PyErr_Clear();
    if (PyNumber_Add(objs[0], objs[4]) != NULL) return 1;
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError, "bad %s %d %R", "thing", 42, objs[7]);
    PyErr_Clear();
    /* a module with a function, called through the C API */
    static PyModuleDef def = {PyModuleDef_HEAD_INIT, "leakmod", NULL, -1, methods, NULL, NULL, NULL, NULL};
    PyObject *m = PyModule_Create(&def);
    if (!m) return 1;
    PyObject *f = PyObject_GetAttrString(m, "meth");
    PyObject *r = f ? PyObject_CallFunction(f, "is", 21, "z") : NULL;
    if (!r) return 1;
    Py_DECREF(r);
    Py_DECREF(f);
    /* module functions hold their module: break the cycle by hand until the
     * cycle collector exists */
    PyObject_SetAttrString(m, "meth", Py_None);
    Py_DECREF(m);
    for (int i = 0; i < n; i++) Py_DECREF(objs[i]);
    return PyErr_Occurred() != NULL;
}

int main(void) {
    BEGIN_TEST();
    CHECK(workload() == 0);
    Py_ssize_t objs = Pyrite_LiveObjects();
    Py_ssize_t bytes = Pyrite_LiveBytes();
    for (int i = 0; i < 5; i++) {
        CHECK(workload() == 0);
        if (Pyrite_LiveObjects() != objs || Pyrite_LiveBytes() != bytes) {
            fprintf(stderr, "run %d: live objects %zd -> %zd, live bytes %zd -> %zd\n", i, objs,
                    Pyrite_LiveObjects(), bytes, Pyrite_LiveBytes());
            check_failures++;
            break;
        }
    }
    END_TEST();
}
