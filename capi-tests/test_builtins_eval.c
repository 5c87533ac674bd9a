/* The builtins module from Python code run by the evaluator (PyRun_StringFlags
 * with fresh globals, so names resolve through the interpreter's builtins):
 * exceptions raised by builtins caught by Python code, comprehensions.
 * Builtins calling back into Python functions (lambda keys, map/filter
 * functions, property getters) are in tests/builtins/programs/callbacks.py:
 * the evaluator raises RecursionError for any call from C into a Python
 * function so far (list.sort(key=lambda ...) too). Expected output recorded from CPython 3.11 (same
 * program built against its headers and libpython3.11:
 *   gcc capi-tests/test_builtins_eval.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>

static const char *programs[] = {
    "r = [sorted(map(abs, [-3, 1, -2])), sum(range(10)), list(zip('ab', reversed('xy')))]",
    "r = list(enumerate(filter(None, [0, 5, 0, 6]), 1))",
    "r = list(zip(*[[1, 2], [3, 4]], strict=True))",
    "r = []\ntry:\n    next(iter([]))\nexcept StopIteration as e:\n    r.append(repr(e))\n",
    "r = []\nfor bad in ([], [1, 2]):\n    try:\n        list(zip([1], bad, strict=True))\n    except ValueError as e:\n        r.append(str(e))\n",
    "r = getattr(1, 'nope', 'dflt'), hasattr([], 'append'), callable(lambda: 0)",
    "r = [i for i, c in enumerate('abc', start=10) if c != 'b']",
    "r = sum([0.5, 1, 2**70]), sum([[1], [2]], []), round(2.675, 2)",
    "r = divmod(-7, 2), pow(3, -1, 7), abs(-2.5), chr(0x263a), ord('\\u263a')",
    "r = max(())",
    "r = sorted([1, 'a'])",
    "r = len(5)",
    "f = lambda: staticmethod(len)\nr = f().__func__, f()([1, 2])",
};

static void show_result(PyObject *g) {
    PyObject *r = PyDict_GetItemString(g, "r");
    if (!r) { printf("  (no r)\n"); return; }
    PyObject *s = PyObject_Repr(r);
    if (!s) { PyErr_Clear(); printf("  <repr failed>\n"); return; }
    printf("  = %s\n", PyUnicode_AsUTF8(s));
    Py_DECREF(s);
}

int main(void) {
    Py_Initialize();
    for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
        PyObject *g = PyDict_New();
        printf("%zu:\n", i);
        PyObject *res = PyRun_StringFlags(programs[i], Py_file_input, g, g, NULL);
        if (res) {
            Py_DECREF(res);
            show_result(g);
        } else {
            PyObject *t, *v, *tb;
            PyErr_Fetch(&t, &v, &tb);
            PyErr_NormalizeException(&t, &v, &tb);
            PyObject *s = v ? PyObject_Str(v) : NULL;
            printf("  ! %s: %s\n", ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "");
            Py_XDECREF(s); Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
        }
        Py_DECREF(g);
    }
    Py_Finalize();
    return 0;
}
