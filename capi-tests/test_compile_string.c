/* Py_CompileString* from C: code objects and their attributes, the start
 * symbols, compiler flags, and the SyntaxError family with every location
 * attribute. Expected output recorded from CPython 3.11 (same program built
 * against its headers and libpython3.11:
 *   gcc capi-tests/test_compile_string.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>

static void show(PyObject *o) {
    PyObject *r = PyObject_Repr(o);
    if (!r) { PyErr_Clear(); printf("<repr failed>"); return; }
    printf("%s", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
}

static void attr(PyObject *o, const char *name) {
    PyObject *v = PyObject_GetAttrString(o, name);
    printf(" %s=", name);
    if (!v) { PyErr_Clear(); printf("<missing>"); return; }
    show(v);
    Py_DECREF(v);
}

static void code_info(PyObject *co) {
    printf("code:");
    attr(co, "co_name");
    attr(co, "co_filename");
    attr(co, "co_firstlineno");
    attr(co, "co_argcount");
    attr(co, "co_flags");
    attr(co, "co_names");
    attr(co, "co_varnames");
    attr(co, "co_stacksize");
    printf("\n");
}

static void error_info(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    printf("%s:", ((PyTypeObject *)t)->tp_name);
    attr(v, "msg");
    attr(v, "filename");
    attr(v, "lineno");
    attr(v, "offset");
    attr(v, "end_lineno");
    attr(v, "end_offset");
    attr(v, "text");
    printf("\n");
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

static void try_compile(const char *src, int start, int flags) {
    PyCompilerFlags cf = {flags, 11};
    PyObject *co = Py_CompileStringExFlags(src, "<test>", start, &cf, -1);
    if (co) {
        code_info(co);
        Py_DECREF(co);
    } else {
        error_info();
    }
}

int main(void) {
    Py_Initialize();
    try_compile("x = 1\nprint(x + y)\n", Py_file_input, 0);
    try_compile("a * b + c", Py_eval_input, 0);
    try_compile("z = 3", Py_single_input, 0);
    try_compile("def f(a, b=2):\n    return a + b\n", Py_file_input, 0);
    try_compile("from __future__ import annotations\nx: int = 1\n", Py_file_input, 0);
    try_compile("async def g():\n    await h()\n", Py_file_input, 0);
    /* the SyntaxError family */
    try_compile("x = (1, 2\n", Py_file_input, 0);
    try_compile("if x\n    pass\n", Py_file_input, 0);
    try_compile("f(x for x in y, 1)\n", Py_file_input, 0);
    try_compile("print 'hello'\n", Py_file_input, 0);
    try_compile("s = 'abc\n", Py_file_input, 0);
    try_compile("if x:\npass\n", Py_file_input, 0);
    try_compile("if x:\n\tpass\n        pass\n", Py_file_input, 0);
    try_compile("  x = 1\n", Py_file_input, 0);
    try_compile("f() = 1\n", Py_file_input, 0);
    try_compile("x = 'é'; return 1\n", Py_file_input, 0);
    try_compile("def f(a):\n    global a\n", Py_file_input, 0);
    try_compile("nonlocal x\n", Py_file_input, 0);
    try_compile("for x in y:\n    pass\nbreak\n", Py_file_input, 0);
    try_compile("1 +", Py_eval_input, 0);
    try_compile("x = 1", Py_eval_input, 0);
    try_compile("await x\n", Py_file_input, 0);
    try_compile("await x\n", Py_file_input, 0x2000 /* PyCF_ALLOW_TOP_LEVEL_AWAIT */);
    /* other entry points */
    PyObject *co = Py_CompileString("y = 2\n", "file.py", Py_file_input);
    code_info(co);
    Py_DECREF(co);
    PyObject *fn = PyUnicode_FromString("obj.py");
    co = Py_CompileStringObject("def k(): pass\n", fn, Py_file_input, NULL, 0);
    code_info(co);
    Py_DECREF(co);
    Py_DECREF(fn);
    Py_FinalizeEx();
    return 0;
}
