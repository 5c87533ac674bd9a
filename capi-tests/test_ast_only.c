/* Py_CompileStringExFlags with PyCF_ONLY_AST: the node objects of every
 * start symbol (class, module, fields, positions, shared context instances)
 * and the errors of a bad source and a bad start. Expected output recorded
 * from CPython 3.11 (same program built against its headers and libpython3.11:
 *   gcc capi-tests/test_ast_only.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>

static void show(PyObject *o) {
    PyObject *r = PyObject_Repr(o);
    if (!r) { PyErr_Clear(); printf("<repr failed>"); return; }
    printf("%s", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
}

static PyObject *get(PyObject *o, const char *name) {
    PyObject *v = PyObject_GetAttrString(o, name);
    if (!v) { PyErr_Clear(); printf(" <no %s>", name); }
    return v;
}

/* Print a node as Class(field=..., lineno=...) for simple values. */
static void node(PyObject *n, int depth) {
    PyObject *tp = (PyObject *)Py_TYPE(n);
    PyObject *name = get(tp, "__name__");
    PyObject *mod = get(tp, "__module__");
    if (!name || !mod) return;
    printf("%s.%s(", PyUnicode_AsUTF8(mod), PyUnicode_AsUTF8(name));
    Py_DECREF(name);
    Py_DECREF(mod);
    PyObject *fields = get(tp, "_fields");
    PyObject *attrs = get(tp, "_attributes");
    if (!fields || !attrs) return;
    PyObject *all = PySequence_Concat(fields, attrs);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(all); i++) {
        PyObject *k = PyTuple_GET_ITEM(all, i);
        PyObject *v = PyObject_GetAttr(n, k);
        printf("%s%s=", i ? ", " : "", PyUnicode_AsUTF8(k));
        if (!v) { PyErr_Clear(); printf("<missing>"); continue; }
        if (PyList_Check(v)) {
            printf("[");
            for (Py_ssize_t j = 0; j < PyList_GET_SIZE(v); j++) {
                if (j) printf(", ");
                PyObject *x = PyList_GET_ITEM(v, j);
                if (depth < 8 && PyObject_HasAttrString(x, "_fields")) node(x, depth + 1); else show(x);
            }
            printf("]");
        } else if (depth < 8 && PyObject_HasAttrString(v, "_fields")) {
            node(v, depth + 1);
        } else {
            show(v);
        }
        Py_DECREF(v);
    }
    printf(")");
    Py_DECREF(all);
    Py_DECREF(fields);
    Py_DECREF(attrs);
}

static void compile_one(const char *src, int start) {
    PyCompilerFlags flags = {PyCF_ONLY_AST, PY_MINOR_VERSION};
    PyObject *t = Py_CompileStringExFlags(src, "<ast>", start, &flags, -1);
    if (!t) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);
        PyErr_NormalizeException(&et, &ev, &tb);
        printf("error %s: ", ((PyTypeObject *)et)->tp_name);
        show(ev);
        printf("\n");
        Py_XDECREF(et); Py_XDECREF(ev); Py_XDECREF(tb);
        return;
    }
    node(t, 0);
    printf("\n");
    Py_DECREF(t);
}

int main(void) {
    Py_Initialize();
    compile_one("x = a + 1\n", Py_file_input);
    compile_one("del x[1:2], y.z\n", Py_file_input);
    compile_one("lambda a, *b, c=3, **d: (a, b)", Py_eval_input);
    compile_one("if x:\n    pass\n", Py_single_input);
    compile_one("(int, str) -> None", Py_func_type_input);
    compile_one("u'x' + f'{y!r}'", Py_eval_input);
    compile_one("x = (", Py_file_input);

    /* The context and operator instances are shared between trees. */
    PyCompilerFlags flags = {PyCF_ONLY_AST, PY_MINOR_VERSION};
    PyObject *a = Py_CompileStringExFlags("a", "<ast>", Py_eval_input, &flags, -1);
    PyObject *b = Py_CompileStringExFlags("b", "<ast>", Py_eval_input, &flags, -1);
    PyObject *ab = PyObject_GetAttrString(a, "body"), *bb = PyObject_GetAttrString(b, "body");
    PyObject *ac = PyObject_GetAttrString(ab, "ctx"), *bc = PyObject_GetAttrString(bb, "ctx");
    printf("shared Load: %d\n", ac == bc);
    Py_DECREF(ac); Py_DECREF(bc); Py_DECREF(ab); Py_DECREF(bb); Py_DECREF(a); Py_DECREF(b);
    Py_Finalize();

    /* A second interpreter life gets working classes again. */
    Py_Initialize();
    compile_one("y.z", Py_eval_input);
    Py_Finalize();
    return 0;
}
