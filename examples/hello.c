/* hello.c: embed pyrite in a C program.
 *
 * Exactly what you would write against CPython: include Python.h, start the
 * runtime, make and inspect objects, call methods by name, handle an error,
 * shut down. Build and run it with:
 *
 *     cargo run --release --example hello_c
 *
 * (examples/hello_c.rs compiles this file against include/ and
 * target/release/libpyrite.so). By hand:
 *
 *     cc examples/hello.c -Iinclude -Ltarget/release -lpyrite \
 *        -Wl,-rpath,target/release -o hello && ./hello
 */
#include <Python.h>
#include <stdio.h>

/* Print `label: repr(obj)`; obj NULL means the call that made it failed:
 * report the pending exception on stderr and clear it. */
static void show(const char *label, PyObject *obj) {
    PyObject *r = obj ? PyObject_Repr(obj) : NULL;
    printf("%-22s %s\n", label, r ? PyUnicode_AsUTF8(r) : "<error>");
    if (r == NULL) {
        fflush(stdout);
        PyErr_Print();
    }
    Py_XDECREF(r);
}

/* obj.name(arg), or obj.name() when arg is NULL: a new reference or NULL. */
static PyObject *call_method(PyObject *obj, const char *name, PyObject *arg) {
    PyObject *method = PyObject_GetAttrString(obj, name);
    if (method == NULL) {
        return NULL;
    }
    PyObject *result = arg ? PyObject_CallOneArg(method, arg) : PyObject_CallNoArgs(method);
    Py_DECREF(method);
    return result;
}

int main(void) {
    Py_Initialize();
    /* Py_GetVersion() starts with the Python version pyrite implements. */
    printf("Python version %.4s\n", Py_GetVersion());

    /* int, str, list, dict. */
    PyObject *answer = PyLong_FromLong(42);
    PyObject *big = PyLong_FromLong(1L << 62);
    PyObject *greeting = PyUnicode_FromString("héllo, wörld ✓");
    show("int:", answer);
    show("big int:", big);
    show("str:", greeting);
    Py_ssize_t length = PyObject_Length(greeting);
    printf("%-22s %zd code points\n", "len(str):", length);
    if (length < 0) {
        fflush(stdout);
        PyErr_Print();
    }

    PyObject *list = PyList_New(0);
    PyList_Append(list, answer);
    PyList_Append(list, greeting);
    PyList_Append(list, Py_None);
    PyList_Append(list, Py_True);
    show("list:", list);
    printf("%-22s %zd\n", "len(list):", PyList_Size(list));

    PyObject *dict = PyDict_New();
    PyDict_SetItemString(dict, "answer", answer);
    PyDict_SetItemString(dict, "greeting", greeting);
    PyDict_SetItemString(dict, "items", list);
    show("dict:", dict);

    /* Methods called by name. */
    PyObject *sum = call_method(answer, "__add__", big);
    show("answer.__add__(big):", sum);
    PyObject *key = PyUnicode_FromString("answer");
    PyObject *got = call_method(dict, "__getitem__", key);
    show("dict['answer']:", got);
    PyObject *type = PyObject_Type(list);
    show("type(list):", type);

    /* Errors are Python exceptions, fetched from C. */
    PyObject *missing = PyUnicode_FromString("missing");
    PyObject *none = call_method(dict, "__getitem__", missing);
    if (none == NULL) {
        PyObject *exc_type, *exc, *tb;
        PyErr_Fetch(&exc_type, &exc, &tb);
        PyErr_NormalizeException(&exc_type, &exc, &tb);
        show("dict['missing'] raised", exc);
        Py_XDECREF(exc_type);
        Py_XDECREF(exc);
        Py_XDECREF(tb);
    }

    Py_XDECREF(missing);
    Py_XDECREF(type);
    Py_XDECREF(got);
    Py_XDECREF(key);
    Py_XDECREF(sum);
    Py_DECREF(dict);
    Py_DECREF(list);
    Py_DECREF(greeting);
    Py_DECREF(big);
    Py_DECREF(answer);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
