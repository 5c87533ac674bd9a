/* The exception classes with fields of their own (CPython 3.11): their
 * attributes, str(), the errno → OSError subclass mapping, ExceptionGroup,
 * add_note/__notes__, __reduce__/__setstate__, and the pyerrors.h helpers
 * (PyErr_SetFromErrno*, PyErr_SetImportError*, PyErr_SyntaxLocation*,
 * PyUnicode*Error_*). Expected texts are from python3.11. */
#include "check.h"
#include <errno.h>

/* exc(*args, **kw) from up to 5 C values: 'i' long, 's' str, 'n' None, 'o' object. */
static PyObject *make(PyObject *exc, const char *fmt, const void *a0, const void *a1, const void *a2,
                      const void *a3, const void *a4, PyObject *kw) {
    const void *v[5] = {a0, a1, a2, a3, a4};
    int n = (int)strlen(fmt);
    PyObject *t = PyTuple_New(n);
    for (int i = 0; i < n; i++) {
        PyObject *o;
        switch (fmt[i]) {
        case 'i': o = PyLong_FromLong((long)(intptr_t)v[i]); break;
        case 's': o = PyUnicode_FromString((const char *)v[i]); break;
        case 'o': o = (PyObject *)v[i]; Py_INCREF(o); break;
        default: o = Py_None; Py_INCREF(o);
        }
        PyTuple_SetItem(t, i, o);
    }
    PyObject *r = PyObject_Call(exc, t, kw);
    Py_DECREF(t);
    return r;
}
/* o.name() or o.name(arg) (arg consumed when `steal`). */
static PyObject *cm(PyObject *o, const char *name, PyObject *arg, int steal) {
    PyObject *f = PyObject_GetAttrString(o, name);
    PyObject *r = NULL;
    if (f) r = arg ? PyObject_CallOneArg(f, arg) : PyObject_CallNoArgs(f);
    Py_XDECREF(f);
    if (steal) Py_XDECREF(arg);
    return r;
}
#define I(x) ((const void *)(intptr_t)(x))

static void check_attr(PyObject *o, const char *name, const char *want, int line) {
    PyObject *a = PyObject_GetAttrString(o, name);
    if (!a) {
        fprintf(stderr, "line %d: no attribute %s\n", line, name);
        PyErr_Print();
        check_failures++;
        return;
    }
    check_text(PyObject_Repr, a, want, __FILE__, line);
    Py_DECREF(a);
}
#define CHECK_ATTR(o, name, want) check_attr((o), (name), (want), __LINE__)

int main(void) {
    BEGIN_TEST();
    PyObject *e, *kw, *x;

    /* StopIteration / SystemExit */
    e = make(PyExc_StopIteration, "ii", I(1), I(2), 0, 0, 0, NULL);
    CHECK_ATTR(e, "value", "1");
    Py_XDECREF(e);
    e = make(PyExc_StopIteration, "", 0, 0, 0, 0, 0, NULL);
    CHECK_ATTR(e, "value", "None");
    Py_XDECREF(e);
    e = make(PyExc_SystemExit, "ii", I(1), I(2), 0, 0, 0, NULL);
    CHECK_ATTR(e, "code", "(1, 2)");
    Py_XDECREF(e);
    e = make(PyExc_SystemExit, "i", I(3), 0, 0, 0, 0, NULL);
    CHECK_ATTR(e, "code", "3");
    Py_XDECREF(e);
    e = make(PyExc_SystemExit, "", 0, 0, 0, 0, 0, NULL);
    CHECK_ATTR(e, "code", "None");
    Py_XDECREF(e);

    /* KeyError's str is the repr of its key */
    e = make(PyExc_KeyError, "s", "a", 0, 0, 0, 0, NULL);
    CHECK_STR(e, "'a'");
    CHECK_REPR(e, "KeyError('a')");
    Py_XDECREF(e);
    e = make(PyExc_KeyError, "ss", "a", "b", 0, 0, 0, NULL);
    CHECK_STR(e, "('a', 'b')");
    Py_XDECREF(e);

    /* ImportError(msg, name=, path=) */
    kw = PyDict_New();
    x = PyUnicode_FromString("n");
    PyDict_SetItemString(kw, "name", x);
    Py_DECREF(x);
    x = PyUnicode_FromString("p");
    PyDict_SetItemString(kw, "path", x);
    Py_DECREF(x);
    e = make(PyExc_ImportError, "s", "m", 0, 0, 0, 0, kw);
    CHECK_ATTR(e, "msg", "'m'");
    CHECK_ATTR(e, "name", "'n'");
    CHECK_ATTR(e, "path", "'p'");
    CHECK_STR(e, "m");
    x = cm(e, "__reduce__", NULL, 0);
    CHECK_REPR(x, "(<class 'ImportError'>, ('m',), {'name': 'n', 'path': 'p'})");
    Py_XDECREF(x);
    Py_XDECREF(e);
    e = make(PyExc_ModuleNotFoundError, "s", "x", 0, 0, 0, 0, NULL);
    CHECK_ATTR(e, "msg", "'x'");
    CHECK_ATTR(e, "name", "None");
    Py_XDECREF(e);
    e = make(PyExc_ImportError, "ss", "m", "x", 0, 0, 0, NULL);
    CHECK_STR(e, "('m', 'x')");
    Py_XDECREF(e);
    Py_DECREF(kw);
    kw = PyDict_New();
    PyDict_SetItemString(kw, "foo", Py_None);
    CHECK(make(PyExc_ImportError, "s", "m", 0, 0, 0, 0, kw) == NULL);
    CHECK_ERRMSG("'foo' is an invalid keyword argument for ImportError()");
    CHECK(make(PyExc_ValueError, "i", I(1), 0, 0, 0, 0, kw) == NULL);
    CHECK_ERRMSG("ValueError() takes no keyword arguments");
    CHECK(make(PyExc_OSError, "i", I(1), 0, 0, 0, 0, kw) == NULL);
    CHECK_ERRMSG("OSError() takes no keyword arguments");

    /* AttributeError(name=, obj=), NameError(name=) */
    Py_DECREF(kw);
    kw = PyDict_New();
    PyDict_SetItemString(kw, "name", Py_True);
    PyDict_SetItemString(kw, "obj", Py_False);
    e = make(PyExc_AttributeError, "s", "m", 0, 0, 0, 0, kw);
    CHECK_ATTR(e, "name", "True");
    CHECK_ATTR(e, "obj", "False");
    CHECK_REPR(e, "AttributeError('m')");
    Py_XDECREF(e);
    CHECK(make(PyExc_NameError, "s", "m", 0, 0, 0, 0, kw) == NULL);
    CHECK_ERRMSG("'obj' is an invalid keyword argument for NameError()");
    PyMapping_DelItemString(kw, "obj");
    e = make(PyExc_NameError, "s", "m", 0, 0, 0, 0, kw);
    CHECK_ATTR(e, "name", "True");
    Py_XDECREF(e);
    Py_DECREF(kw);

    /* OSError: errno → subclass, str, attributes, args, __reduce__ */
    e = make(PyExc_OSError, "iss", I(ENOENT), "No such file or directory", "x", 0, 0, NULL);
    CHECK(Py_TYPE(e) == (PyTypeObject *)PyExc_FileNotFoundError);
    CHECK_STR(e, "[Errno 2] No such file or directory: 'x'");
    CHECK_REPR(e, "FileNotFoundError(2, 'No such file or directory')");
    CHECK_ATTR(e, "errno", "2");
    CHECK_ATTR(e, "strerror", "'No such file or directory'");
    CHECK_ATTR(e, "filename", "'x'");
    CHECK_ATTR(e, "filename2", "None");
    x = cm(e, "__reduce__", NULL, 0);
    CHECK_REPR(x, "(<class 'FileNotFoundError'>, (2, 'No such file or directory', 'x'))");
    Py_XDECREF(x);
    CHECK(PyObject_GetAttrString(e, "characters_written") == NULL);
    CHECK_ERRMSG("characters_written");
    Py_XDECREF(e);
    e = make(PyExc_OSError, "isnns", I(2), "N", NULL, NULL, "y", NULL);
    CHECK_STR(e, "[Errno 2] N");
    Py_XDECREF(e);
    e = make(PyExc_OSError, "issns", I(2), "N", "x", NULL, "y", NULL);
    CHECK_STR(e, "[Errno 2] N: 'x' -> 'y'");
    CHECK_ATTR(e, "args", "(2, 'N')");
    x = cm(e, "__reduce__", NULL, 0);
    CHECK_REPR(x, "(<class 'FileNotFoundError'>, (2, 'N', 'x', None, 'y'))");
    Py_XDECREF(x);
    Py_XDECREF(e);
    e = make(PyExc_OSError, "isi", I(EAGAIN), "x", I(5), 0, 0, NULL);
    CHECK(Py_TYPE(e) == (PyTypeObject *)PyExc_BlockingIOError);
    CHECK_ATTR(e, "characters_written", "5");
    Py_XDECREF(e);
    e = make(PyExc_OSError, "is", I(EPERM), "x", 0, 0, 0, NULL);
    CHECK_REPR(e, "PermissionError(1, 'x')");
    Py_XDECREF(e);
    e = make(PyExc_FileNotFoundError, "is", I(EACCES), "x", 0, 0, 0, NULL);
    CHECK_REPR(e, "FileNotFoundError(13, 'x')");
    Py_XDECREF(e);
    e = make(PyExc_OSError, "i", I(1), 0, 0, 0, 0, NULL);
    CHECK_STR(e, "1");
    CHECK_ATTR(e, "errno", "None");
    Py_XDECREF(e);
    e = make(PyExc_OSError, "ss", "a", "b", 0, 0, 0, NULL);
    CHECK_ATTR(e, "errno", "'a'");
    CHECK_REPR(e, "OSError('a', 'b')");
    Py_XDECREF(e);
    CHECK(PyExc_IOError == PyExc_OSError && PyExc_EnvironmentError == PyExc_OSError);

    errno = ENOENT;
    CHECK(PyErr_SetFromErrno(PyExc_OSError) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_FileNotFoundError));
    CHECK_ERRMSG("[Errno 2] No such file or directory");
    errno = EACCES;
    CHECK(PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/root/x") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_PermissionError));
    CHECK_ERRMSG("[Errno 13] Permission denied: '/root/x'");
    errno = EEXIST;
    PyObject *f1 = PyUnicode_FromString("a"), *f2 = PyUnicode_FromString("b");
    CHECK(PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, f1, f2) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_FileExistsError));
    CHECK_ERRMSG("[Errno 17] File exists: 'a' -> 'b'");
    errno = ENOENT;
    CHECK(PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, f1) == NULL);
    CHECK_ERRMSG("[Errno 2] No such file or directory: 'a'");

    /* PyErr_SetImportError(Subclass) */
    PyObject *msg = PyUnicode_FromString("no luck");
    CHECK(PyErr_SetImportError(msg, f1, f2) == NULL);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    CHECK(t == PyExc_ImportError);
    CHECK_ATTR(v, "name", "'a'");
    CHECK_ATTR(v, "path", "'b'");
    CHECK_STR(v, "no luck");
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    CHECK(PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg, f1, NULL) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_ModuleNotFoundError));
    PyErr_Clear();
    CHECK(PyErr_SetImportErrorSubclass(PyExc_ValueError, msg, f1, NULL) == NULL);
    CHECK_ERRMSG("expected a subclass of ImportError");
    CHECK(PyErr_SetImportError(NULL, f1, NULL) == NULL);
    CHECK_ERRMSG("expected a message argument");
    Py_DECREF(msg);

    /* SyntaxError */
    PyObject *info = PyTuple_New(4);
    PyTuple_SetItem(info, 0, PyUnicode_FromString("/a/f.py"));
    PyTuple_SetItem(info, 1, PyLong_FromLong(3));
    PyTuple_SetItem(info, 2, PyLong_FromLong(4));
    PyTuple_SetItem(info, 3, PyUnicode_FromString("t"));
    e = make(PyExc_SyntaxError, "so", "m", info, 0, 0, 0, NULL);
    CHECK_STR(e, "m (f.py, line 3)");
    CHECK_ATTR(e, "lineno", "3");
    CHECK_ATTR(e, "offset", "4");
    CHECK_ATTR(e, "text", "'t'");
    CHECK_ATTR(e, "end_lineno", "None");
    CHECK_ATTR(e, "print_file_and_line", "None");
    Py_XDECREF(e);
    Py_DECREF(info);
    e = make(PyExc_SyntaxError, "", 0, 0, 0, 0, 0, NULL);
    CHECK_STR(e, "None");
    Py_XDECREF(e);
    info = PyTuple_New(3);
    for (int i = 0; i < 3; i++) PyTuple_SetItem(info, i, PyLong_FromLong(i));
    CHECK(make(PyExc_SyntaxError, "so", "m", info, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("function takes at least 4 arguments (3 given)");
    Py_DECREF(info);
    info = PyTuple_New(5);
    for (int i = 0; i < 5; i++) PyTuple_SetItem(info, i, PyLong_FromLong(i));
    CHECK(make(PyExc_SyntaxError, "so", "m", info, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("end_offset must be provided when end_lineno is provided");
    Py_DECREF(info);
    CHECK(make(PyExc_SyntaxError, "si", "m", I(5), 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("'int' object is not iterable");
    e = make(PyExc_IndentationError, "s", "m", 0, 0, 0, 0, NULL);
    CHECK_ATTR(e, "msg", "'m'");
    Py_XDECREF(e);

    PyErr_SetString(PyExc_SyntaxError, "invalid syntax");
    PyErr_SyntaxLocationEx("<string>", 7, 3);
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK_STR(v, "invalid syntax (<string>, line 7)");
    CHECK_ATTR(v, "offset", "3");
    CHECK_ATTR(v, "end_lineno", "7");
    CHECK_ATTR(v, "end_offset", "None");
    CHECK_ATTR(v, "text", "None");
    CHECK_ATTR(v, "filename", "'<string>'");
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    /* other exception types gain the attributes */
    PyErr_SetString(PyExc_ValueError, "invalid syntax");
    PyErr_SyntaxLocationEx("<string>", 7, 3);
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK_STR(v, "invalid syntax");
    CHECK_ATTR(v, "lineno", "7");
    CHECK_ATTR(v, "msg", "'invalid syntax'");
    CHECK_ATTR(v, "print_file_and_line", "None");
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    /* the source line comes from the file */
    FILE *fp = fopen("/tmp/pyrite_test_misc_syntax.py", "w");
    fputs("a = 1\nb = = 2\n", fp);
    fclose(fp);
    PyErr_SetString(PyExc_SyntaxError, "invalid syntax");
    PyErr_SyntaxLocation("/tmp/pyrite_test_misc_syntax.py", 2);
    PyErr_Fetch(&t, &v, &tb);
    CHECK_STR(v, "invalid syntax (pyrite_test_misc_syntax.py, line 2)");
    CHECK_ATTR(v, "text", "'b = = 2\\n'");
    CHECK_ATTR(v, "offset", "None");
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    x = PyErr_ProgramText("/tmp/pyrite_test_misc_syntax.py", 1);
    CHECK_REPR(x, "'a = 1\\n'");
    Py_XDECREF(x);
    CHECK(PyErr_ProgramText("/nonexistent/file.py", 1) == NULL && !PyErr_Occurred());
    remove("/tmp/pyrite_test_misc_syntax.py");

    /* Unicode errors */
    e = make(PyExc_UnicodeEncodeError, "ssiis", "ascii", "\xc3\xa9", I(0), I(1), "ordinal not in range(128)", NULL);
    CHECK_STR(e, "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)");
    Py_ssize_t n;
    CHECK(PyUnicodeEncodeError_GetStart(e, &n) == 0 && n == 0);
    CHECK(PyUnicodeEncodeError_GetEnd(e, &n) == 0 && n == 1);
    x = PyUnicodeEncodeError_GetEncoding(e);
    CHECK_REPR(x, "'ascii'");
    Py_XDECREF(x);
    x = PyUnicodeEncodeError_GetReason(e);
    CHECK_REPR(x, "'ordinal not in range(128)'");
    Py_XDECREF(x);
    x = PyUnicodeEncodeError_GetObject(e);
    CHECK_REPR(x, "'\xc3\xa9'");
    Py_XDECREF(x);
    CHECK(PyUnicodeEncodeError_SetEnd(e, 5) == 0);
    CHECK(PyUnicodeEncodeError_GetEnd(e, &n) == 0 && n == 1);  /* clamped to len */
    CHECK_STR(e, "'ascii' codec can't encode characters in position 0-4: ordinal not in range(128)");
    CHECK(PyUnicodeEncodeError_SetReason(e, "why") == 0);
    CHECK_ATTR(e, "reason", "'why'");
    CHECK_ATTR(e, "end", "5");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeEncodeError, "ssiis", "ascii", "ab\xe1\x88\xb4", I(2), I(3), "r", NULL);
    CHECK_STR(e, "'ascii' codec can't encode character '\\u1234' in position 2: r");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeEncodeError, "ssiis", "ascii", "ab\xf0\x9f\x98\x80", I(2), I(3), "r", NULL);
    CHECK_STR(e, "'ascii' codec can't encode character '\\U0001f600' in position 2: r");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeTranslateError, "siis", "\xc3\xa9", I(0), I(1), "r", 0, NULL);
    CHECK_STR(e, "can't translate character '\\xe9' in position 0: r");
    CHECK_ATTR(e, "encoding", "None");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeTranslateError, "siis", "abc", I(0), I(3), "r", 0, NULL);
    CHECK_STR(e, "can't translate characters in position 0-2: r");
    Py_XDECREF(e);
    CHECK(make(PyExc_UnicodeEncodeError, "i", I(1), 0, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("function takes exactly 5 arguments (1 given)");
    CHECK(make(PyExc_UnicodeEncodeError, "iiiii", I(1), I(2), I(3), I(4), I(5), NULL) == NULL);
    CHECK_ERRMSG("argument 1 must be str, not int");
    CHECK(make(PyExc_UnicodeEncodeError, "ssiii", "a", "b", I(3), I(4), I(5), NULL) == NULL);
    CHECK_ERRMSG("argument 5 must be str, not int");
    CHECK(make(PyExc_UnicodeEncodeError, "sssis", "a", "b", "c", I(4), "r", NULL) == NULL);
    CHECK_ERRMSG("'str' object cannot be interpreted as an integer");
    CHECK(make(PyExc_UnicodeDecodeError, "ssiis", "a", "b", I(3), I(4), "r", NULL) == NULL);
    CHECK_ERRMSG("a bytes-like object is required, not 'str'");
    CHECK(PyUnicodeDecodeError_Create("utf-8", "\xff", 1, 0, 1, "invalid start byte") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));  /* until bytes exist */
    PyErr_Clear();
    CHECK(PyUnicodeEncodeError_GetStart(Py_None, &n) == -1);
    CHECK_ERRMSG("bad argument to internal function");

    /* ExceptionGroup */
    PyObject *list = PyList_New(0);
    PyObject *ve = make(PyExc_ValueError, "i", I(1), 0, 0, 0, 0, NULL);
    PyObject *te = make(PyExc_TypeError, "i", I(2), 0, 0, 0, 0, NULL);
    PyList_Append(list, ve);
    PyList_Append(list, te);
    PyObject *eg = make(PyExc_BaseExceptionGroup, "so", "msg", list, 0, 0, 0, NULL);
    CHECK(Py_TYPE(eg) == (PyTypeObject *)PyExc_ExceptionGroup);
    CHECK_REPR(eg, "ExceptionGroup('msg', [ValueError(1), TypeError(2)])");
    CHECK_STR(eg, "msg (2 sub-exceptions)");
    CHECK_ATTR(eg, "message", "'msg'");
    CHECK_ATTR(eg, "exceptions", "(ValueError(1), TypeError(2))");
    x = PyObject_GetAttrString(PyExc_ExceptionGroup, "__mro__");
    CHECK_REPR(x, "(<class 'ExceptionGroup'>, <class 'BaseExceptionGroup'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)");
    Py_XDECREF(x);
    x = PyObject_GetAttrString(PyExc_ExceptionGroup, "__bases__");
    CHECK_REPR(x, "(<class 'BaseExceptionGroup'>, <class 'Exception'>)");
    Py_XDECREF(x);
    CHECK(PyErr_GivenExceptionMatches(eg, PyExc_Exception));
    x = cm(eg, "split", PyExc_ValueError, 0);
    CHECK_REPR(x, "(ExceptionGroup('msg', [ValueError(1)]), ExceptionGroup('msg', [TypeError(2)]))");
    Py_XDECREF(x);
    x = cm(eg, "subgroup", PyExc_KeyError, 0);
    CHECK(x == Py_None);
    Py_XDECREF(x);
    x = cm(eg, "subgroup", PyExc_Exception, 0);
    CHECK(x == eg);
    Py_XDECREF(x);
    x = cm(eg, "split", PyLong_FromLong(3), 1);
    CHECK(x == NULL);
    CHECK_ERRMSG("expected a function, exception type or tuple of exception types");
    PyObject *kbi = make(PyExc_KeyboardInterrupt, "", 0, 0, 0, 0, 0, NULL);
    PyList_Append(list, kbi);
    x = make(PyExc_BaseExceptionGroup, "so", "m", list, 0, 0, 0, NULL);
    CHECK(x && Py_TYPE(x) == (PyTypeObject *)PyExc_BaseExceptionGroup);
    CHECK_STR(x, "m (3 sub-exceptions)");
    Py_XDECREF(x);
    CHECK(make(PyExc_ExceptionGroup, "so", "m", list, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("Cannot nest BaseExceptions in an ExceptionGroup");
    CHECK(make(PyExc_ExceptionGroup, "io", I(1), list, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("BaseExceptionGroup.__new__() argument 1 must be str, not int");
    CHECK(make(PyExc_ExceptionGroup, "si", "m", I(3), 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("second argument (exceptions) must be a sequence");
    CHECK(make(PyExc_ExceptionGroup, "s", "m", 0, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)");
    PyObject *empty = PyList_New(0);
    CHECK(make(PyExc_ExceptionGroup, "so", "m", empty, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("second argument (exceptions) must be a non-empty sequence");
    PyList_Append(empty, Py_None);
    CHECK(make(PyExc_ExceptionGroup, "so", "m", empty, 0, 0, 0, NULL) == NULL);
    CHECK_ERRMSG("Item 0 of second argument (exceptions) is not an exception");
    Py_DECREF(empty);
    Py_DECREF(kbi);
    Py_DECREF(eg);
    Py_DECREF(list);

    /* add_note keeps notes in __dict__['__notes__'] (3.11) */
    x = PyUnicode_FromString("a note");
    PyObject *r = cm(ve, "add_note", x, 0);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    Py_DECREF(x);
    x = PyObject_GetAttrString(ve, "__dict__");
    CHECK_REPR(x, "{'__notes__': ['a note']}");
    Py_XDECREF(x);
    CHECK(cm(ve, "add_note", PyLong_FromLong(3), 1) == NULL);
    CHECK_ERRMSG("note must be a str, not 'int'");
    PyObject_SetAttrString(te, "__notes__", Py_None);
    CHECK(cm(te, "add_note", PyUnicode_FromString("n"), 1) == NULL);
    CHECK_ERRMSG("Cannot add note: __notes__ is not a list");

    /* __reduce__ / __setstate__ */
    x = cm(ve, "__reduce__", NULL, 0);
    CHECK_REPR(x, "(<class 'ValueError'>, (1,), {'__notes__': ['a note']})");
    Py_XDECREF(x);
    PyObject *state = PyDict_New();
    PyDict_SetItemString(state, "bar", Py_True);
    r = cm(te, "__setstate__", state, 0);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK_ATTR(te, "bar", "True");
    CHECK(cm(te, "__setstate__", PyLong_FromLong(3), 1) == NULL);
    CHECK_ERRMSG("state is not a dictionary");
    Py_DECREF(state);
    Py_DECREF(ve);
    Py_DECREF(te);
    Py_DECREF(f1);
    Py_DECREF(f2);

    CHECK(PyErr_CheckSignals() == 0);
    END_TEST();
}
