/* Initialise and finalise the runtime many times in one process: every
 * lifetime readies the static types afresh and leaves no objects behind. */
#include "check.h"

static int one_lifetime(void) {
    Py_Initialize();
    if (!Py_IsInitialized()) return 1;
    PyObject *d = PyDict_New();
    PyObject *l = PyList_New(0);
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo");
    PyObject *n = PyLong_FromLong(123456789);
    if (!d || !l || !s || !n) return 1;
    if (PyList_Append(l, s) < 0 || PyDict_SetItem(d, s, l) < 0) return 1;
    PyObject *mro = PyObject_GetAttrString((PyObject *)&PyBool_Type, "__mro__");
    if (!mro) return 1;
    PyObject *r = PyObject_Repr(d);
    if (!r || strcmp(PyUnicode_AsUTF8(r), "{'h\xc3\xa9llo': ['h\xc3\xa9llo']}") != 0) return 1;
    Py_DECREF(r);
    Py_DECREF(mro);
    Py_DECREF(d);
    Py_DECREF(l);
    Py_DECREF(s);
    Py_DECREF(n);
    if (PyErr_Occurred()) return 1;
    return Py_FinalizeEx() < 0;
}

int main(void) {
    /* Warm up once, then every later lifetime must end where the first did. */
    if (one_lifetime()) { fprintf(stderr, "first lifetime failed\n"); return 1; }
    Py_ssize_t objs = Pyrite_LiveObjects();
    Py_ssize_t bytes = Pyrite_LiveBytes();
    for (int i = 0; i < 200; i++) {
        if (one_lifetime()) { fprintf(stderr, "lifetime %d failed\n", i); return 1; }
    }
    CHECK(Py_IsInitialized() == 0);
    CHECK(Pyrite_LiveObjects() == objs);
    if (Pyrite_LiveBytes() != bytes) {
        fprintf(stderr, "live bytes %zd after first lifetime, %zd after 200 more\n", bytes, Pyrite_LiveBytes());
        check_failures++;
    }
    printf("ok\n");
    return check_failures ? 1 : 0;
}
