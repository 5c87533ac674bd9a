/* Warnings from C: the default filters, every action ("default", "error",
 * "ignore", "always", "once", "module"), exact-text filters, registries,
 * the display (file:line: Category: message, and the source line read from
 * the file), PyErr_WarnEx / WarnExplicit / WarnExplicitObject / WarnFormat /
 * WarnExplicitFormat, and _warnings.warn / warn_explicit with their errors.
 * sys.stderr is replaced by an object whose write() prints to stdout, so
 * the display is compared too. Expected output recorded from CPython 3.11
 * (same program built against its headers and libpython3.11:
 *   gcc capi-tests/test_warnings_capi.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static PyObject *fake_write(PyObject *self, PyObject *arg) {
    printf("%s", PyUnicode_AsUTF8(arg));
    return PyLong_FromSsize_t(PyUnicode_GetLength(arg));
}

static PyObject *fake_flush(PyObject *self, PyObject *unused) {
    Py_RETURN_NONE;
}

static PyMethodDef fake_methods[] = {
    {"write", fake_write, METH_O, NULL},
    {"flush", fake_flush, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *filters, *warnings_mod;

static void result(const char *label, int r) {
    printf("%s -> %d", label, r);
    if (PyErr_Occurred()) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        printf(" %s: %s", ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        PyErr_Clear();
    }
    printf("\n");
}

static void obj_result(const char *label, PyObject *o) {
    result(label, o == NULL ? -1 : 0);
    Py_XDECREF(o);
}

static void mutated(void) {
    PyObject *r = PyObject_CallMethod(warnings_mod, "_filters_mutated", NULL);
    Py_XDECREF(r);
}

/* Put a filter in front: (action, message, category, module, lineno). */
static void push_filter(const char *action, PyObject *msg, PyObject *cat, PyObject *mod, int lineno) {
    PyObject *f = Py_BuildValue("(sOOOi)", action, msg ? msg : Py_None, cat, mod ? mod : Py_None, lineno);
    PyList_Insert(filters, 0, f);
    Py_DECREF(f);
    mutated();
}

static void pop_filter(void) {
    PySequence_DelItem(filters, 0);
    mutated();
}

int main(void) {
    Py_Initialize();
    PyObject *modules = PySys_GetObject("modules");
    warnings_mod = PyDict_GetItemString(modules, "_warnings");
    if (warnings_mod == NULL) {
        printf("no _warnings module\n");
        return 1;
    }
    filters = PyObject_GetAttrString(warnings_mod, "filters");
    PyObject *r = PyObject_Repr(filters);
    printf("default filters: %s\n", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    PyObject *da = PyObject_GetAttrString(warnings_mod, "_defaultaction");
    r = PyObject_Repr(da);
    printf("_defaultaction: %s\n", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    Py_DECREF(da);
    PyObject *fake = PyModule_New("fakefile");
    PyModule_AddFunctions(fake, fake_methods);
    PySys_SetObject("stderr", fake);

    printf("== defaults\n");
    result("WarnEx UserWarning", PyErr_WarnEx(PyExc_UserWarning, "hello", 1));
    result("WarnEx UserWarning again", PyErr_WarnEx(PyExc_UserWarning, "hello", 1));
    result("WarnEx NULL category", PyErr_WarnEx(NULL, "runtime by default", 1));
    result("WarnEx DeprecationWarning", PyErr_WarnEx(PyExc_DeprecationWarning, "deprecated", 1));
    result("WarnEx PendingDeprecationWarning", PyErr_WarnEx(PyExc_PendingDeprecationWarning, "pending", 1));
    result("WarnEx ImportWarning", PyErr_WarnEx(PyExc_ImportWarning, "import", 1));
    result("WarnEx ResourceWarning", PyErr_WarnEx(PyExc_ResourceWarning, "resource", 1));
    result("WarnEx stacklevel 0", PyErr_WarnEx(PyExc_SyntaxWarning, "level zero", 0));
    result("WarnEx stacklevel 5", PyErr_WarnEx(PyExc_BytesWarning, "level five", 5));
    PyObject *reg = PySys_GetObject("__warningregistry__");
    printf("sys.__warningregistry__ is a dict: %d\n", reg != NULL && PyDict_Check(reg));
    PyObject *key = Py_BuildValue("(sOi)", "hello", PyExc_UserWarning, 1);
    printf("registry has ('hello', UserWarning, 1): %d\n", reg && PyDict_GetItem(reg, key) == Py_True);
    Py_DECREF(key);
    result("WarnFormat", PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "formatted %d %s %R", 5, "x", Py_None));
    result("ResourceWarning (ignored by default)", PyErr_ResourceWarning(NULL, 1, "res %d", 1));

    printf("== explicit locations\n");
    result("WarnExplicit", PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "myfile.py", 42, NULL, NULL));
    result("WarnExplicit module", PyErr_WarnExplicit(PyExc_DeprecationWarning, "dep in main", "main.py", 3, "__main__", NULL));
    result("WarnExplicit module other", PyErr_WarnExplicit(PyExc_DeprecationWarning, "dep elsewhere", "lib.py", 3, "lib", NULL));
    result("WarnExplicit derives __main__? no", PyErr_WarnExplicit(PyExc_DeprecationWarning, "dep from __main__.py", "__main__.py", 3, NULL, NULL));
    PyObject *registry = PyDict_New();
    PyObject *msg = PyUnicode_FromString("with registry");
    PyObject *fn = PyUnicode_FromString("reg.py");
    result("WarnExplicitObject", PyErr_WarnExplicitObject(PyExc_UserWarning, msg, fn, 7, NULL, registry));
    result("WarnExplicitObject again (registry)", PyErr_WarnExplicitObject(PyExc_UserWarning, msg, fn, 7, NULL, registry));
    result("WarnExplicitObject other line", PyErr_WarnExplicitObject(PyExc_UserWarning, msg, fn, 8, NULL, registry));
    printf("registry size: %zd\n", PyDict_Size(registry));
    PyObject *bad_registry = PyList_New(0);
    result("WarnExplicitObject list registry", PyErr_WarnExplicitObject(PyExc_UserWarning, msg, fn, 9, NULL, bad_registry));
    Py_DECREF(bad_registry);
    result("WarnExplicitObject module None", PyErr_WarnExplicitObject(PyExc_UserWarning, msg, fn, 10, Py_None, NULL));
    result("WarnExplicitFormat", PyErr_WarnExplicitFormat(PyExc_UserWarning, "fmt.py", 11, "fmtmod", NULL, "value=%d", 99));
    PyObject *inst = PyObject_CallFunction(PyExc_FutureWarning, "s", "an instance");
    result("WarnExplicitObject instance", PyErr_WarnExplicitObject(PyExc_UserWarning, inst, fn, 12, NULL, NULL));
    Py_DECREF(inst);

    printf("== source lines\n");
    const char *src = "/tmp/pyrite_test_warnings_source.py";
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s.%ld", src, (long)getpid());
    FILE *fp = fopen(tmp, "w");
    fputs("first = 1\n    \tindented = 2\nthird\n", fp);
    fclose(fp);
    rename(tmp, src);
    result("source line 1", PyErr_WarnExplicit(PyExc_UserWarning, "line one", src, 1, "m", NULL));
    result("source line 2", PyErr_WarnExplicit(PyExc_UserWarning, "line two", src, 2, "m", NULL));
    result("source line 3", PyErr_WarnExplicit(PyExc_UserWarning, "line three", src, 3, "m", NULL));
    result("source line 9", PyErr_WarnExplicit(PyExc_UserWarning, "line nine", src, 9, "m", NULL));
    result("source line 0", PyErr_WarnExplicit(PyExc_UserWarning, "line zero", src, 0, "m", NULL));

    printf("== actions\n");
    push_filter("error", NULL, PyExc_UserWarning, NULL, 0);
    result("error", PyErr_WarnEx(PyExc_UserWarning, "now an error", 1));
    result("error subclass", PyErr_WarnExplicit(PyExc_BytesWarning, "not a UserWarning", "f.py", 1, NULL, NULL));
    pop_filter();
    push_filter("ignore", NULL, PyExc_Warning, NULL, 0);
    result("ignore", PyErr_WarnEx(PyExc_UserWarning, "ignored", 1));
    pop_filter();
    push_filter("always", NULL, PyExc_UserWarning, NULL, 0);
    result("always 1", PyErr_WarnExplicit(PyExc_UserWarning, "again and again", "a.py", 1, NULL, registry));
    result("always 2", PyErr_WarnExplicit(PyExc_UserWarning, "again and again", "a.py", 1, NULL, registry));
    pop_filter();
    push_filter("once", NULL, PyExc_RuntimeWarning, NULL, 0);
    result("once line 1", PyErr_WarnExplicit(PyExc_RuntimeWarning, "only once", "o.py", 1, NULL, NULL));
    result("once line 2", PyErr_WarnExplicit(PyExc_RuntimeWarning, "only once", "o2.py", 2, NULL, NULL));
    result("once other text", PyErr_WarnExplicit(PyExc_RuntimeWarning, "once more", "o.py", 3, NULL, NULL));
    pop_filter();
    push_filter("module", NULL, PyExc_UnicodeWarning, NULL, 0);
    PyObject *modreg = PyDict_New();
    result("module line 1", PyErr_WarnExplicit(PyExc_UnicodeWarning, "per module", "mod.py", 1, NULL, modreg));
    result("module line 2", PyErr_WarnExplicit(PyExc_UnicodeWarning, "per module", "mod.py", 2, NULL, modreg));
    result("module new registry", PyErr_WarnExplicit(PyExc_UnicodeWarning, "per module", "mod.py", 3, NULL, NULL));
    Py_DECREF(modreg);
    pop_filter();
    PyObject *text = PyUnicode_FromString("exact text");
    push_filter("error", text, PyExc_Warning, NULL, 0);
    result("exact text matches", PyErr_WarnExplicit(PyExc_UserWarning, "exact text", "e.py", 1, NULL, NULL));
    result("exact text prefix only", PyErr_WarnExplicit(PyExc_UserWarning, "exact text and more", "e.py", 1, NULL, NULL));
    pop_filter();
    PyObject *modname = PyUnicode_FromString("special");
    push_filter("error", NULL, PyExc_Warning, modname, 0);
    result("module filter matches", PyErr_WarnExplicit(PyExc_UserWarning, "from special", "special.py", 1, NULL, NULL));
    result("module filter other", PyErr_WarnExplicit(PyExc_UserWarning, "from other", "other.py", 1, NULL, NULL));
    pop_filter();
    push_filter("error", NULL, PyExc_Warning, NULL, 5);
    result("line filter 5", PyErr_WarnExplicit(PyExc_UserWarning, "on five", "l.py", 5, NULL, NULL));
    result("line filter 6", PyErr_WarnExplicit(PyExc_UserWarning, "on six", "l.py", 6, NULL, NULL));
    pop_filter();
    push_filter("bogus", NULL, PyExc_Warning, NULL, 0);
    result("unknown action", PyErr_WarnExplicit(PyExc_UserWarning, "bogus action", "b.py", 1, NULL, NULL));
    pop_filter();
    PyObject *notuple = PyUnicode_FromString("not a filter");
    PyList_Insert(filters, 0, notuple);
    result("bad filter item", PyErr_WarnEx(PyExc_UserWarning, "bad item", 1));
    PySequence_DelItem(filters, 0);
    Py_DECREF(notuple);
    push_filter("error", NULL, PyExc_Warning, NULL, 0);
    PyObject *f0 = PyList_GetItem(filters, 0);
    PyObject *bad = Py_BuildValue("(iOOOi)", 1, Py_None, PyExc_Warning, Py_None, 0);
    PyList_SetItem(filters, 0, bad);
    (void)f0;
    result("non-str action", PyErr_WarnEx(PyExc_UserWarning, "int action", 1));
    pop_filter();

    printf("== compiler warnings\n");
    PyObject *co = Py_CompileString("x = 1\nx is 1\n", "<cw>", Py_file_input);
    obj_result("compile with a SyntaxWarning", co);
    push_filter("error", NULL, PyExc_SyntaxWarning, NULL, 0);
    co = Py_CompileString("x = 1\nx is 1\n", "<cw>", Py_file_input);
    if (co == NULL && PyErr_ExceptionMatches(PyExc_SyntaxError)) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        const char *attrs[] = {"msg", "filename", "lineno", "offset", "end_lineno", "end_offset", "text", NULL};
        printf("compile under error filter -> %s:", ((PyTypeObject *)t)->tp_name);
        for (int i = 0; attrs[i]; i++) {
            PyObject *a = PyObject_GetAttrString(v, attrs[i]);
            PyObject *ar = a ? PyObject_Repr(a) : NULL;
            printf(" %s=%s", attrs[i], ar ? PyUnicode_AsUTF8(ar) : "?");
            Py_XDECREF(ar);
            Py_XDECREF(a);
        }
        printf("\n");
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
    } else {
        obj_result("compile under error filter", co);
    }
    pop_filter();

    printf("== _warnings functions\n");
    PyObject *warn = PyObject_GetAttrString(warnings_mod, "warn");
    PyObject *warn_explicit = PyObject_GetAttrString(warnings_mod, "warn_explicit");
    obj_result("warn('plain')", PyObject_CallFunction(warn, "s", "plain"));
    obj_result("warn('cat', RuntimeWarning)", PyObject_CallFunction(warn, "sO", "cat", PyExc_RuntimeWarning));
    obj_result("warn('bad', 1)", PyObject_CallFunction(warn, "si", "bad", 1));
    obj_result("warn('bad', int)", PyObject_CallFunction(warn, "sO", "bad", (PyObject *)&PyLong_Type));
    obj_result("warn(UserWarning instance)", PyObject_CallFunction(warn, "N", PyObject_CallFunction(PyExc_UserWarning, "s", "instance msg")));
    obj_result("warn()", PyObject_CallFunction(warn, NULL));
    obj_result("warn(1, 2, 3, 4, 5)", PyObject_CallFunction(warn, "iiiii", 1, 2, 3, 4, 5));
    PyObject *empty = PyTuple_New(0);
    PyObject *kw = Py_BuildValue("{s:s,s:O,s:i}", "message", "by keyword", "category", PyExc_UserWarning, "stacklevel", 2);
    obj_result("warn(message=..., stacklevel=2)", PyObject_Call(warn, empty, kw));
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:s,s:i}", "message", "x", "bogus", 1);
    obj_result("warn(bogus=1)", PyObject_Call(warn, empty, kw));
    Py_DECREF(kw);
    obj_result("warn('x', stacklevel='a')", PyObject_CallFunction(warn, "sOs", "x", Py_None, "a"));
    obj_result("warn_explicit(...)", PyObject_CallFunction(warn_explicit, "sOsi", "explicit call", PyExc_UserWarning, "we.py", 3));
    obj_result("warn_explicit(module)", PyObject_CallFunction(warn_explicit, "sOsis", "with module", PyExc_UserWarning, "we.py", 4, "mymod"));
    obj_result("warn_explicit(filename=1)", PyObject_CallFunction(warn_explicit, "sOii", "bad file", PyExc_UserWarning, 1, 4));
    obj_result("warn_explicit(registry=[])", PyObject_CallFunction(warn_explicit, "sOsiO[]", "bad registry", PyExc_UserWarning, "we.py", 5, Py_None));
    obj_result("warn_explicit(module_globals=1)", PyObject_CallFunction(warn_explicit, "sOsiOOi", "bad globals", PyExc_UserWarning, "we.py", 6, Py_None, Py_None, 1));
    obj_result("warn_explicit(module_globals={})", PyObject_CallFunction(warn_explicit, "sOsiOO{}", "empty globals", PyExc_UserWarning, "we.py", 7, Py_None, Py_None));
    obj_result("warn_explicit(too few)", PyObject_CallFunction(warn_explicit, "sO", "few", PyExc_UserWarning));
    obj_result("_filters_mutated()", PyObject_CallMethod(warnings_mod, "_filters_mutated", NULL));
    Py_DECREF(empty);
    Py_DECREF(warn);
    Py_DECREF(warn_explicit);

    Py_DECREF(text);
    Py_DECREF(modname);
    Py_DECREF(msg);
    Py_DECREF(fn);
    Py_DECREF(registry);
    Py_DECREF(filters);
    PySys_SetObject("stderr", NULL);
    Py_DECREF(fake);
    remove(src);
    printf("done\n");
    Py_FinalizeEx();
    return 0;
}
