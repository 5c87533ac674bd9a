/* The sys module from C: attributes a program reads (types, values that
 * must agree with CPython 3.11, field names of the struct sequences), the
 * functions that need no evaluator with their error messages, audit hooks,
 * unraisable exceptions through sys.unraisablehook, and PySys_Write*.
 * Expected output recorded from CPython 3.11 (same program built against
 * its headers and libpython3.11:
 *   gcc capi-tests/test_sys_module.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out).
 * What legitimately differs (implementation name, paths, the version's
 * build text, env-dependent flags) is printed only as types and shapes. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static PyObject *sysget(const char *name) {
    PyObject *v = PySys_GetObject(name); /* borrowed */
    if (v == NULL) printf("  sys.%s missing\n", name);
    return v;
}

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        printf("%s -> %s: %s\n", label, t ? ((PyTypeObject *)t)->tp_name : "?", s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        PyErr_Clear();
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s -> %s\n", label, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    Py_XDECREF(r);
    PyErr_Clear();
}

static void type_of(const char *name) {
    PyObject *v = sysget(name);
    if (v) printf("type(sys.%s) = %s\n", name, Py_TYPE(v)->tp_name);
}

static void repr_of(const char *name) {
    PyObject *v = sysget(name);
    if (v) show(name, v);
}

/* Call sys.<name>(*args) with a Py_BuildValue tuple and show the result. */
static void call(const char *label, const char *name, PyObject *args, PyObject *kw) {
    PyObject *f = sysget(name);
    if (f == NULL || args == NULL) {
        PyErr_Clear();
        Py_XDECREF(args);
        return;
    }
    PyObject *r = PyObject_Call(f, args, kw);
    show(label, r);
    Py_XDECREF(r);
    Py_DECREF(args);
}

static void fields(const char *name) {
    PyObject *v = sysget(name);
    if (!v) return;
    PyObject *m = PyObject_GetAttrString((PyObject *)Py_TYPE(v), "__match_args__");
    show(name, m);
    Py_XDECREF(m);
    PyObject *n = PyObject_GetAttrString((PyObject *)Py_TYPE(v), "n_fields");
    printf("  n_fields=%ld len=%zd\n", n ? PyLong_AsLong(n) : -1L, PySequence_Length(v));
    Py_XDECREF(n);
    PyErr_Clear();
}

static int audit_hook(const char *event, PyObject *args, void *data) {
    if (strncmp(event, "test.", 5) == 0 || strncmp(event, "my.", 3) == 0) {
        PyObject *r = PyObject_Repr(args);
        printf("audit %s %s data=%s\n", event, r ? PyUnicode_AsUTF8(r) : "?", (const char *)data);
        Py_XDECREF(r);
        if (strcmp(event, "test.refuse") == 0) {
            PyErr_SetString(PyExc_PermissionError, "refused by hook");
            return -1;
        }
    }
    return 0;
}

static PyObject *my_unraisable(PyObject *self, PyObject *arg) {
    static const char *names[] = {"exc_type", "exc_value", "err_msg", "object"};
    printf("unraisablehook(%s):", Py_TYPE(arg)->tp_name);
    for (int i = 0; i < 4; i++) {
        PyObject *v = PyObject_GetAttrString(arg, names[i]);
        PyObject *r = v ? PyObject_Repr(v) : NULL;
        printf(" %s=%s", names[i], r ? PyUnicode_AsUTF8(r) : "?");
        Py_XDECREF(r);
        Py_XDECREF(v);
        PyErr_Clear();
    }
    printf("\n");
    Py_RETURN_NONE;
}

static PyObject *fake_write(PyObject *self, PyObject *arg) {
    printf("%s", PyUnicode_AsUTF8(arg));
    return PyLong_FromSsize_t(PyUnicode_GetLength(arg));
}

static PyObject *fake_flush(PyObject *self, PyObject *unused) {
    Py_RETURN_NONE;
}

static PyMethodDef hook_def = {"my_unraisable", my_unraisable, METH_O, NULL};
static PyMethodDef fake_methods[] = {
    {"write", fake_write, METH_O, NULL},
    {"flush", fake_flush, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void) {
    Py_Initialize();

    printf("== attributes\n");
    const char *typed[] = {"argv", "orig_argv", "path", "meta_path", "path_hooks", "path_importer_cache",
                           "modules", "version", "hexversion", "api_version", "implementation", "platform",
                           "byteorder", "maxsize", "maxunicode", "executable", "_base_executable", "prefix",
                           "base_prefix", "exec_prefix", "base_exec_prefix", "platlibdir", "copyright",
                           "dont_write_bytecode", "pycache_prefix", "warnoptions", "_xoptions",
                           "builtin_module_names", "stdlib_module_names", "float_repr_style", "abiflags",
                           "displayhook", "__displayhook__", "excepthook", "__excepthook__",
                           "unraisablehook", "__unraisablehook__", NULL};
    for (int i = 0; typed[i]; i++) type_of(typed[i]);
    repr_of("version_info");
    repr_of("hexversion");
    repr_of("api_version");
    repr_of("platform");
    repr_of("byteorder");
    repr_of("maxsize");
    repr_of("maxunicode");
    repr_of("float_repr_style");
    repr_of("float_info");
    repr_of("int_info");
    repr_of("hash_info");
    repr_of("platlibdir");
    repr_of("pycache_prefix");
    repr_of("abiflags");
    fields("version_info");
    fields("flags");
    fields("hash_info");
    fields("thread_info");
    fields("float_info");
    fields("int_info");
    PyObject *ti = sysget("thread_info");
    if (ti) {
        show("thread_info[:2]", PyTuple_GetSlice(ti, 0, 2));
    }
    printf("Py_GetPlatform() == sys.platform: %d\n", strcmp(Py_GetPlatform(), PyUnicode_AsUTF8(sysget("platform"))) == 0);
    printf("Py_GetCopyright() == sys.copyright: %d\n", strcmp(Py_GetCopyright(), PyUnicode_AsUTF8(sysget("copyright"))) == 0);
    printf("Py_GetVersion() == sys.version: %d\n", strcmp(Py_GetVersion(), PyUnicode_AsUTF8(sysget("version"))) == 0);
    printf("compiler and build info in the version: %d %d\n", strstr(Py_GetVersion(), Py_GetCompiler()) != NULL,
           strstr(Py_GetVersion(), Py_GetBuildInfo()) != NULL);
    PyObject *version = sysget("version");
    printf("version starts with '3.11.7 (': %d\n", version && strncmp(PyUnicode_AsUTF8(version), "3.11.7 (", 8) == 0);
    PyObject *impl = sysget("implementation");
    if (impl) {
        PyObject *d = PyObject_GetAttrString(impl, "__dict__");
        PyObject *keys = d ? PyDict_Keys(d) : NULL;
        if (keys) PyList_Sort(keys);
        show("implementation keys", keys);
        Py_XDECREF(keys);
        PyObject *v = PyObject_GetAttrString(impl, "version");
        printf("implementation.version == version_info: %d\n", PyObject_RichCompareBool(v, sysget("version_info"), Py_EQ));
        Py_XDECREF(v);
        PyObject *tag = PyObject_GetAttrString(impl, "cache_tag");
        printf("cache_tag ends with '-311': %d\n", tag && PyUnicode_Tailmatch(tag, PyUnicode_FromString("-311"), 0, 100, 1) == 1);
        Py_XDECREF(tag);
        Py_XDECREF(d);
        printf("type(implementation).__name__: ");
        PyObject *n = PyObject_GetAttrString((PyObject *)Py_TYPE(impl), "__name__");
        show("", n);
        Py_XDECREF(n);
        show("SimpleNamespace(1)", PyObject_CallFunction((PyObject *)Py_TYPE(impl), "i", 1));
        PyObject *kw = Py_BuildValue("{s:i,s:s}", "b", 2, "a", "x");
        PyObject *empty = PyTuple_New(0);
        PyObject *ns = PyObject_Call((PyObject *)Py_TYPE(impl), empty, kw);
        show("SimpleNamespace(b=2, a='x')", ns);
        PyObject *ns2 = PyObject_Call((PyObject *)Py_TYPE(impl), empty, kw);
        printf("equal namespaces: %d\n", PyObject_RichCompareBool(ns, ns2, Py_EQ));
        PyObject_SetAttrString(ns2, "c", Py_None);
        printf("after setattr equal: %d\n", PyObject_RichCompareBool(ns, ns2, Py_EQ));
        show("ns2", ns2);
        show("ns.__reduce__()", PyObject_CallMethod(ns, "__reduce__", NULL));
        Py_XDECREF(ns);
        Py_XDECREF(ns2);
        Py_DECREF(kw);
        Py_DECREF(empty);
    }
    PyObject *bmn = sysget("builtin_module_names");
    const char *builtin[] = {"sys", "marshal", "errno", "_warnings", "builtins", NULL};
    for (int i = 0; builtin[i]; i++) {
        PyObject *s = PyUnicode_FromString(builtin[i]);
        printf("'%s' in builtin_module_names: %d\n", builtin[i], PySequence_Contains(bmn, s));
        Py_DECREF(s);
    }
    PyObject *sorted = PySequence_List(bmn);
    PyList_Sort(sorted);
    PyObject *st = PyList_AsTuple(sorted);
    printf("builtin_module_names sorted: %d\n", PyObject_RichCompareBool(st, bmn, Py_EQ));
    Py_DECREF(st);
    Py_DECREF(sorted);
    PyObject *smn = sysget("stdlib_module_names");
    printf("len(stdlib_module_names) = %zd\n", PySet_Size(smn));
    const char *stdmods[] = {"os", "sys", "_warnings", "asyncio", "antigravity", "pyrite", NULL};
    for (int i = 0; stdmods[i]; i++) {
        PyObject *s = PyUnicode_FromString(stdmods[i]);
        printf("'%s' in stdlib_module_names: %d\n", stdmods[i], PySet_Contains(smn, s));
        Py_DECREF(s);
    }
    PyObject *modules = sysget("modules");
    printf("modules['sys'] is a module named sys: %d\n",
           PyModule_Check(PyDict_GetItemString(modules, "sys")) &&
               strcmp(PyModule_GetName(PyDict_GetItemString(modules, "sys")), "sys") == 0);
    PyObject *w = PyDict_GetItemString(modules, "_warnings");
    printf("modules['_warnings'] present: %d\n", w != NULL);
    printf("__displayhook__ is displayhook: %d\n", sysget("__displayhook__") == sysget("displayhook"));
    printf("__excepthook__ is excepthook: %d\n", sysget("__excepthook__") == sysget("excepthook"));
    printf("__unraisablehook__ is unraisablehook: %d\n", sysget("__unraisablehook__") == sysget("unraisablehook"));
    show("type(sys.flags)()", PyObject_CallNoArgs((PyObject *)Py_TYPE(sysget("flags"))));
    show("type(sys.version_info)()", PyObject_CallNoArgs((PyObject *)Py_TYPE(sysget("version_info"))));
    PyObject *flags = sysget("flags");
    const char *fixed_flags[] = {"debug", "inspect", "interactive", "optimize", "verbose", "bytes_warning",
                                 "quiet", "isolated", "dev_mode", "warn_default_encoding", "safe_path",
                                 "int_max_str_digits", NULL};
    for (int i = 0; fixed_flags[i]; i++) {
        PyObject *v = PyObject_GetAttrString(flags, fixed_flags[i]);
        printf("flags.%s = ", fixed_flags[i]);
        show("", v);
        Py_XDECREF(v);
    }

    printf("== functions\n");
    call("getrecursionlimit()", "getrecursionlimit", PyTuple_New(0), NULL);
    call("setrecursionlimit(0)", "setrecursionlimit", Py_BuildValue("(i)", 0), NULL);
    call("setrecursionlimit(1.5)", "setrecursionlimit", Py_BuildValue("(d)", 1.5), NULL);
    call("setrecursionlimit('a')", "setrecursionlimit", Py_BuildValue("(s)", "a"), NULL);
    call("setrecursionlimit(2**40)", "setrecursionlimit", Py_BuildValue("(L)", 1LL << 40), NULL);
    call("setrecursionlimit(2500)", "setrecursionlimit", Py_BuildValue("(i)", 2500), NULL);
    call("getrecursionlimit()", "getrecursionlimit", PyTuple_New(0), NULL);
    call("setrecursionlimit(1000)", "setrecursionlimit", Py_BuildValue("(i)", 1000), NULL);
    call("getswitchinterval()", "getswitchinterval", PyTuple_New(0), NULL);
    call("setswitchinterval(0)", "setswitchinterval", Py_BuildValue("(i)", 0), NULL);
    call("setswitchinterval('a')", "setswitchinterval", Py_BuildValue("(s)", "a"), NULL);
    call("setswitchinterval(0.25)", "setswitchinterval", Py_BuildValue("(d)", 0.25), NULL);
    call("getswitchinterval()", "getswitchinterval", PyTuple_New(0), NULL);
    call("setswitchinterval(0.005)", "setswitchinterval", Py_BuildValue("(d)", 0.005), NULL);
    call("intern(b'x')", "intern", Py_BuildValue("(y)", "x"), NULL);
    call("intern('spam')", "intern", Py_BuildValue("(s)", "spam"), NULL);
    call("getsizeof(1.0)", "getsizeof", Py_BuildValue("(d)", 1.0), NULL);
    call("getsizeof([])", "getsizeof", Py_BuildValue("([])"), NULL);
    call("getsizeof(())", "getsizeof", Py_BuildValue("(())"), NULL);
    call("getsizeof({})", "getsizeof", Py_BuildValue("({})"), NULL);
    call("getsizeof('abc')", "getsizeof", Py_BuildValue("(s)", "abc"), NULL);
    call("getsizeof(2**100)", "getsizeof", Py_BuildValue("(N)", PyLong_FromString("1267650600228229401496703205376", NULL, 10)), NULL);
    call("getsizeof(1, 2, 3)", "getsizeof", Py_BuildValue("(iii)", 1, 2, 3), NULL);
    call("getsizeof()", "getsizeof", PyTuple_New(0), NULL);
    PyObject *kw = Py_BuildValue("{s:i}", "object", 7);
    call("getsizeof(object=7)", "getsizeof", PyTuple_New(0), kw);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "bogus", 7);
    call("getsizeof(bogus=7)", "getsizeof", Py_BuildValue("(i)", 1), kw);
    Py_DECREF(kw);
    call("getdefaultencoding()", "getdefaultencoding", PyTuple_New(0), NULL);
    call("getdefaultencoding(1)", "getdefaultencoding", Py_BuildValue("(i)", 1), NULL);
    call("getfilesystemencoding()", "getfilesystemencoding", PyTuple_New(0), NULL);
    call("getfilesystemencodeerrors()", "getfilesystemencodeerrors", PyTuple_New(0), NULL);
    call("exit()", "exit", PyTuple_New(0), NULL);
    call("exit(3)", "exit", Py_BuildValue("(i)", 3), NULL);
    call("exit('bye')", "exit", Py_BuildValue("(s)", "bye"), NULL);
    call("exit(1, 2)", "exit", Py_BuildValue("(ii)", 1, 2), NULL);
    call("get_int_max_str_digits()", "get_int_max_str_digits", PyTuple_New(0), NULL);
    call("set_int_max_str_digits(5)", "set_int_max_str_digits", Py_BuildValue("(i)", 5), NULL);
    call("set_int_max_str_digits()", "set_int_max_str_digits", PyTuple_New(0), NULL);
    kw = Py_BuildValue("{s:i}", "maxdigits", 0);
    call("set_int_max_str_digits(maxdigits=0)", "set_int_max_str_digits", PyTuple_New(0), kw);
    Py_DECREF(kw);
    call("get_int_max_str_digits()", "get_int_max_str_digits", PyTuple_New(0), NULL);
    call("set_int_max_str_digits(4300)", "set_int_max_str_digits", Py_BuildValue("(i)", 4300), NULL);
    call("is_finalizing()", "is_finalizing", PyTuple_New(0), NULL);
    call("call_tracing(len, [1])", "call_tracing", Py_BuildValue("(O[i])", sysget("getsizeof"), 1), NULL);
    call("call_tracing(getsizeof, (1.0,))", "call_tracing", Py_BuildValue("(O(d))", sysget("getsizeof"), 1.0), NULL);
    call("audit(1)", "audit", Py_BuildValue("(i)", 1), NULL);
    call("audit()", "audit", PyTuple_New(0), NULL);
    call("excepthook(1)", "excepthook", Py_BuildValue("(i)", 1), NULL);
    call("unraisablehook(1)", "unraisablehook", Py_BuildValue("(i)", 1), NULL);
    call("getprofile()", "getprofile", PyTuple_New(0), NULL);
    call("gettrace()", "gettrace", PyTuple_New(0), NULL);
    call("getdlopenflags()", "getdlopenflags", PyTuple_New(0), NULL);
    call("get_asyncgen_hooks()", "get_asyncgen_hooks", PyTuple_New(0), NULL);
    call("set_asyncgen_hooks(1)", "set_asyncgen_hooks", Py_BuildValue("(i)", 1), NULL);
    call("set_asyncgen_hooks(1, 2, 3)", "set_asyncgen_hooks", Py_BuildValue("(iii)", 1, 2, 3), NULL);
    kw = Py_BuildValue("{s:i}", "finalizer", 1);
    call("set_asyncgen_hooks(finalizer=1)", "set_asyncgen_hooks", PyTuple_New(0), kw);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "bogus", 1);
    call("set_asyncgen_hooks(bogus=1)", "set_asyncgen_hooks", PyTuple_New(0), kw);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:O}", "firstiter", Py_None);
    call("set_asyncgen_hooks(None, firstiter=None)", "set_asyncgen_hooks", Py_BuildValue("(O)", Py_None), kw);
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:O,s:O}", "firstiter", sysget("getsizeof"), "finalizer", sysget("intern"));
    call("set_asyncgen_hooks(firstiter=getsizeof, finalizer=intern)", "set_asyncgen_hooks", PyTuple_New(0), kw);
    Py_DECREF(kw);
    call("get_asyncgen_hooks()", "get_asyncgen_hooks", PyTuple_New(0), NULL);
    kw = Py_BuildValue("{s:O,s:O}", "firstiter", Py_None, "finalizer", Py_None);
    call("set_asyncgen_hooks(firstiter=None, finalizer=None)", "set_asyncgen_hooks", PyTuple_New(0), kw);
    Py_DECREF(kw);
    call("get_asyncgen_hooks()", "get_asyncgen_hooks", PyTuple_New(0), NULL);
    call("get_coroutine_origin_tracking_depth()", "get_coroutine_origin_tracking_depth", PyTuple_New(0), NULL);
    call("set_coroutine_origin_tracking_depth(-1)", "set_coroutine_origin_tracking_depth", Py_BuildValue("(i)", -1), NULL);
    kw = Py_BuildValue("{s:i}", "depth", 3);
    call("set_coroutine_origin_tracking_depth(depth=3)", "set_coroutine_origin_tracking_depth", PyTuple_New(0), kw);
    Py_DECREF(kw);
    call("get_coroutine_origin_tracking_depth()", "get_coroutine_origin_tracking_depth", PyTuple_New(0), NULL);
    call("set_coroutine_origin_tracking_depth(0)", "set_coroutine_origin_tracking_depth", Py_BuildValue("(i)", 0), NULL);
    call("exc_info()", "exc_info", PyTuple_New(0), NULL);
    call("exception()", "exception", PyTuple_New(0), NULL);
    PyObject *handled = PyObject_CallFunction(PyExc_KeyError, "s", "handled");
    PyErr_SetHandledException(handled);
    call("exception() while handling", "exception", PyTuple_New(0), NULL);
    call("exc_info() while handling", "exc_info", PyTuple_New(0), NULL);
    PyErr_SetHandledException(NULL);
    Py_DECREF(handled);
    call("exception() after", "exception", PyTuple_New(0), NULL);
    PyObject *rc = PyObject_CallOneArg(sysget("getrefcount"), Py_None);
    printf("getrefcount(None) is int > 1: %d\n", rc && PyLong_Check(rc) && PyLong_AsLong(rc) > 1);
    Py_XDECREF(rc);
    PyObject *ab = PyObject_CallNoArgs(sysget("getallocatedblocks"));
    printf("getallocatedblocks() is int: %d\n", ab && PyLong_Check(ab));
    Py_XDECREF(ab);

    printf("== set/get object\n");
    PyObject *val = PyUnicode_FromString("value");
    printf("PySys_SetObject: %d\n", PySys_SetObject("pyrite_test_attr", val));
    show("PySys_GetObject", PySys_GetObject("pyrite_test_attr"));
    Py_INCREF(PySys_GetObject("pyrite_test_attr"));
    printf("PySys_SetObject(NULL): %d\n", PySys_SetObject("pyrite_test_attr", NULL));
    printf("deleted: %d, error: %d\n", PySys_GetObject("pyrite_test_attr") == NULL, PyErr_Occurred() != NULL);
    printf("delete missing: %d, error: %d\n", PySys_SetObject("pyrite_no_such_attr", NULL), PyErr_Occurred() != NULL);
    PyErr_Clear();
    Py_DECREF(val);
    printf("missing: %d\n", PySys_GetObject("no_such_attribute") == NULL);
    PyErr_SetString(PyExc_KeyError, "kept");
    PySys_GetObject("version");
    printf("pending error kept: %d\n", PyErr_ExceptionMatches(PyExc_KeyError));
    PyErr_Clear();

    printf("== warn and X options\n");
    PySys_ResetWarnOptions();
    printf("HasWarnOptions: %d\n", PySys_HasWarnOptions());
    PySys_AddWarnOption(L"ignore::DeprecationWarning");
    PyObject *wo = PyUnicode_FromString("error");
    PySys_AddWarnOptionUnicode(wo);
    Py_DECREF(wo);
    printf("HasWarnOptions: %d\n", PySys_HasWarnOptions());
    repr_of("warnoptions");
    PySys_ResetWarnOptions();
    repr_of("warnoptions");
    PySys_SetPath(L"/a/b:relative::/c");
    repr_of("path");
    PyObject *xo = PySys_GetXOptions();
    printf("GetXOptions is sys._xoptions: %d\n", xo == sysget("_xoptions"));

    printf("== audit hooks\n");
    printf("PySys_AddAuditHook: %d\n", PySys_AddAuditHook(audit_hook, "hookdata"));
    printf("PySys_Audit: %d\n", PySys_Audit("test.event", "(isO)", 1, "two", Py_None));
    printf("PySys_Audit single: %d\n", PySys_Audit("test.single", "i", 5));
    printf("PySys_Audit no format: %d\n", PySys_Audit("test.none", NULL));
    printf("PySys_Audit refused: %d\n", PySys_Audit("test.refuse", "()"));
    show("after refuse", NULL);
    call("audit('my.event', 1, 'a')", "audit", Py_BuildValue("(sis)", "my.event", 1, "a"), NULL);
    call("audit(1)", "audit", Py_BuildValue("(i)", 1), NULL);

    printf("== unraisable\n");
    PyObject *hook = PyCFunction_New(&hook_def, NULL);
    PySys_SetObject("unraisablehook", hook);
    PyErr_SetString(PyExc_ValueError, "boom");
    PyErr_WriteUnraisable(Py_None);
    printf("error after: %d\n", PyErr_Occurred() != NULL);
    PyErr_SetString(PyExc_RuntimeError, "with object");
    PyObject *obj = PyUnicode_FromString("the object");
    PyErr_WriteUnraisable(obj);
    PyErr_SetString(PyExc_KeyError, "msg");
    _PyErr_WriteUnraisableMsg("in custom place", obj);
    PyErr_WriteUnraisable(obj); /* nothing pending: nothing happens */
    Py_DECREF(hook);
    /* The default hook, with sys.stderr replaced by an object whose write prints. */
    PyObject *fake = PyModule_New("fakefile");
    PyModule_AddFunctions(fake, fake_methods);
    PySys_SetObject("unraisablehook", sysget("__unraisablehook__"));
    PyObject *saved_err = PySys_GetObject("stderr");
    Py_XINCREF(saved_err);
    PySys_SetObject("stderr", fake);
    PyErr_SetString(PyExc_ValueError, "default hook");
    PyErr_WriteUnraisable(obj);
    PyErr_SetString(PyExc_OSError, "no object");
    PyErr_WriteUnraisable(NULL);
    PyErr_SetObject(PyExc_KeyError, obj);
    _PyErr_WriteUnraisableMsg("while testing", NULL);
    PyErr_SetNone(PyExc_StopIteration);
    _PyErr_WriteUnraisableMsg("with both", obj);

    printf("== PySys_Write\n");
    PySys_WriteStderr("to stderr %d %s\n", 42, "x");
    PySys_FormatStderr("format %S %d\n", obj, 7);
    PySys_SetObject("stderr", saved_err);
    Py_XDECREF(saved_err);
    Py_DECREF(obj);
    Py_DECREF(fake);
    fflush(stdout);
    printf("done\n");
    Py_FinalizeEx();
    return 0;
}
