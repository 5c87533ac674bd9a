/* The abstract object layer: PySequence_*, PyMapping_*, PyObject_Format,
 * PyObject_Dir, PyObject_Print, PyObject_LengthHint and the non-variadic
 * method-call helpers, with CPython 3.11's errors. */
#include "check.h"

static PyObject *range3(long a, long b, long c) {
    PyObject *t = PyTuple_New(3);
    PyTuple_SetItem(t, 0, PyLong_FromLong(a));
    PyTuple_SetItem(t, 1, PyLong_FromLong(b));
    PyTuple_SetItem(t, 2, PyLong_FromLong(c));
    PyObject *r = PyObject_CallObject((PyObject *)&PyRange_Type, t);
    Py_DECREF(t);
    return r;
}

int main(void) {
    BEGIN_TEST();
    PyObject *r = range3(0, 10, 2);   /* 0 2 4 6 8 */
    PyObject *five = PyLong_FromLong(5), *four = PyLong_FromLong(4), *zero = PyLong_FromLong(0);
    PyObject *d = PyDict_New();
    PyObject *l = PyList_New(0);
    PyList_Append(l, four);
    PyList_Append(l, five);
    PyList_Append(l, four);
    PyObject *t = PyTuple_New(1);
    Py_INCREF(zero);
    PyTuple_SetItem(t, 0, zero);
    PyObject *x;

    /* ---- sequences ---- */
    CHECK(PySequence_Check(l) && PySequence_Check(t) && PySequence_Check(r));
    CHECK(!PySequence_Check(d) && !PySequence_Check(five));
    CHECK(PySequence_Size(l) == 3 && PySequence_Length(r) == 5);
    CHECK(PySequence_Size(d) == -1);
    CHECK_ERRMSG("dict is not a sequence");
    CHECK(PySequence_Size(five) == -1);
    CHECK_ERRMSG("object of type 'int' has no len()");
    CHECK(PySequence_Size(NULL) == -1);
    CHECK_ERRMSG("null argument to internal routine");
    x = PySequence_GetItem(r, -1);
    CHECK_REPR(x, "8");
    Py_XDECREF(x);
    x = PySequence_GetItem(l, 1);
    CHECK(x == five);
    Py_XDECREF(x);
    CHECK(PySequence_GetItem(l, 7) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_IndexError));
    PyErr_Clear();
    CHECK(PySequence_GetItem(d, 0) == NULL);
    CHECK_ERRMSG("dict is not a sequence");
    CHECK(PySequence_GetItem(five, 0) == NULL);
    CHECK_ERRMSG("'int' object does not support indexing");
    x = PySequence_GetSlice(r, 1, 3);
    CHECK_REPR(x, "range(2, 6, 2)");
    Py_XDECREF(x);
    CHECK(PySequence_GetSlice(five, 0, 1) == NULL);
    CHECK_ERRMSG("'int' object is unsliceable");
    CHECK(PySequence_Concat(r, r) == NULL);
    CHECK_ERRMSG("'range' object can't be concatenated");
    CHECK(PySequence_Repeat(r, 2) == NULL);
    CHECK_ERRMSG("'range' object can't be repeated");
    CHECK(PySequence_InPlaceConcat(r, r) == NULL);
    CHECK_ERRMSG("'range' object can't be concatenated");
    CHECK(PySequence_InPlaceRepeat(r, 2) == NULL);
    CHECK_ERRMSG("'range' object can't be repeated");
    CHECK(PySequence_SetItem(t, 0, five) == -1);
    CHECK_ERRMSG("'tuple' object does not support item assignment");
    CHECK(PySequence_SetItem(d, 0, five) == -1);
    CHECK_ERRMSG("dict is not a sequence");
    CHECK(PySequence_DelItem(t, 0) == -1);
    CHECK_ERRMSG("'tuple' object doesn't support item deletion");
    CHECK(PySequence_SetSlice(t, 0, 1, t) == -1);
    CHECK_ERRMSG("'tuple' object doesn't support slice assignment");
    CHECK(PySequence_DelSlice(t, 0, 1) == -1);
    CHECK_ERRMSG("'tuple' object doesn't support slice deletion");
    x = PySequence_Tuple(r);
    CHECK_REPR(x, "(0, 2, 4, 6, 8)");
    Py_XDECREF(x);
    x = PySequence_Tuple(t);
    CHECK(x == t);
    Py_XDECREF(x);
    x = PySequence_List(r);
    CHECK_REPR(x, "[0, 2, 4, 6, 8]");
    Py_XDECREF(x);
    CHECK(PySequence_List(five) == NULL);
    CHECK_ERRMSG("'int' object is not iterable");
    x = PySequence_Fast(l, "need a sequence");
    CHECK(x == l);
    Py_XDECREF(x);
    x = PySequence_Fast(r, "need a sequence");
    CHECK(x && PyList_Check(x) && PySequence_Fast_GET_SIZE(x) == 5);
    CHECK_REPR(PySequence_Fast_GET_ITEM(x, 4), "8");
    Py_XDECREF(x);
    CHECK(PySequence_Fast(five, "need a sequence") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_TypeError));
    CHECK_ERRMSG("need a sequence");
    CHECK(PySequence_Count(l, four) == 2);
    CHECK(PySequence_Count(l, zero) == 0);
    CHECK(PySequence_Count(five, four) == -1);
    CHECK_ERRMSG("argument of type 'int' is not iterable");
    CHECK(PySequence_Index(l, five) == 1);
    CHECK(PySequence_Index(l, zero) == -1);
    CHECK_ERRMSG("sequence.index(x): x not in sequence");
    CHECK(PySequence_Contains(l, five) == 1);
    CHECK(PySequence_Contains(l, zero) == 0);
    CHECK(PySequence_In(r, four) == 1);
    CHECK(PySequence_Contains(r, five) == 0);
    CHECK(PySequence_Contains(five, four) == -1);
    CHECK_ERRMSG("argument of type 'int' is not iterable");

    /* ---- mappings ---- */
    CHECK(PyMapping_Check(d) && PyMapping_Check(r));
    CHECK(!PyMapping_Check(five) && !PyMapping_Check(NULL));
    CHECK(PyMapping_SetItemString(d, "a", five) == 0);
    CHECK(PyMapping_SetItemString(d, "b", four) == 0);
    CHECK(PyMapping_Size(d) == 2 && PyMapping_Length(d) == 2);
    CHECK(PyMapping_Size(five) == -1);
    CHECK_ERRMSG("object of type 'int' has no len()");
    CHECK(PyMapping_HasKeyString(d, "a") == 1);
    CHECK(PyMapping_HasKeyString(d, "z") == 0 && !PyErr_Occurred());
    CHECK(PyMapping_HasKey(d, five) == 0);
    CHECK(PyMapping_HasKey(d, l) == 0 && !PyErr_Occurred());  /* unhashable: error cleared */
    x = PyMapping_GetItemString(d, "b");
    CHECK(x == four);
    Py_XDECREF(x);
    CHECK(PyMapping_GetItemString(d, "z") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_KeyError));
    CHECK_ERRMSG("'z'");
    x = PyMapping_Keys(d);
    CHECK_REPR(x, "['a', 'b']");
    Py_XDECREF(x);
    x = PyMapping_Values(d);
    CHECK_REPR(x, "[5, 4]");
    Py_XDECREF(x);
    x = PyMapping_Items(d);
    CHECK_REPR(x, "[('a', 5), ('b', 4)]");
    Py_XDECREF(x);
    CHECK(PyMapping_Keys(five) == NULL);
    CHECK_ERRMSG("'int' object has no attribute 'keys'");
    CHECK(PyMapping_DelItemString(d, "a") == 0);
    CHECK(PyMapping_DelItemString(d, "a") == -1);
    CHECK_ERRMSG("'a'");
    PyObject *kb = PyUnicode_FromString("b");
    CHECK(PyMapping_DelItem(d, kb) == 0 && PyMapping_Size(d) == 0);
    Py_DECREF(kb);

    /* ---- format ---- */
    PyObject *s = PyUnicode_FromString("abc");
    x = PyObject_Format(s, NULL);
    CHECK(x == s);
    Py_XDECREF(x);
    PyObject *spec = PyUnicode_FromString("x");
    CHECK(PyObject_Format(Py_None, spec) == NULL);
    CHECK_ERRMSG("unsupported format string passed to NoneType.__format__");
    CHECK(PyObject_Format(Py_None, five) == NULL);
    CHECK_ERRMSG("format() argument 2 must be str, not int");
    x = PyObject_Format(Py_None, NULL);
    CHECK_REPR(x, "'None'");
    Py_XDECREF(x);
    Py_DECREF(spec);

    /* ---- dir ---- */
    x = PyObject_Dir((PyObject *)&PySlice_Type);
    CHECK(x && PyList_Check(x));
    Py_ssize_t n = x ? PyList_Size(x) : 0;
    int sorted = 1, has_indices = 0, has_class = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const char *a = PyUnicode_AsUTF8(PyList_GetItem(x, i));
        if (i > 0 && strcmp(PyUnicode_AsUTF8(PyList_GetItem(x, i - 1)), a) >= 0) sorted = 0;
        if (strcmp(a, "indices") == 0) has_indices = 1;
        if (strcmp(a, "__class__") == 0) has_class = 1;
    }
    CHECK(sorted && has_indices && has_class);
    Py_XDECREF(x);
    x = PyObject_Dir(r);
    PyObject *st = PyUnicode_FromString("start");
    CHECK(x && PySequence_Contains(x, st) == 1);
    Py_DECREF(st);
    Py_XDECREF(x);

    /* ---- print ---- */
    FILE *fp = tmpfile();
    CHECK(PyObject_Print(s, fp, 0) == 0);
    fputc('|', fp);
    CHECK(PyObject_Print(s, fp, Py_PRINT_RAW) == 0);
    fputc('|', fp);
    CHECK(PyObject_Print(NULL, fp, 0) == 0);
    fputc('|', fp);
    CHECK(PyObject_Print(r, fp, 0) == 0);
    rewind(fp);
    char buf[128] = {0};
    size_t got = fread(buf, 1, sizeof buf - 1, fp);
    buf[got] = 0;
    CHECK(strcmp(buf, "'abc'|abc|<nil>|range(0, 10, 2)") == 0);
    fclose(fp);

    /* ---- length hint ---- */
    CHECK(PyObject_LengthHint(l, 9) == 3);
    PyObject *it = PyObject_GetIter(r);
    CHECK(PyObject_LengthHint(it, 9) == 5);
    Py_XDECREF(PyIter_Next(it));
    CHECK(PyObject_LengthHint(it, 9) == 4);
    Py_XDECREF(it);
    CHECK(PyObject_LengthHint(five, 9) == 9);

    /* ---- method calls ---- */
    PyObject *name = PyUnicode_FromString("__reduce__");
    x = PyObject_CallMethodNoArgs(r, name);
    CHECK_REPR(x, "(<class 'range'>, (0, 10, 2))");
    Py_XDECREF(x);
    Py_DECREF(name);
    name = PyUnicode_FromString("index");
    x = PyObject_CallMethodOneArg(r, name, four);
    CHECK_REPR(x, "2");
    Py_XDECREF(x);
    CHECK(PyObject_CallMethodOneArg(r, name, five) == NULL);
    CHECK_ERRMSG("5 is not in range");
    Py_DECREF(name);
    name = PyUnicode_FromString("nope");
    CHECK(PyObject_CallMethodNoArgs(r, name) == NULL);
    CHECK_ERRMSG("'range' object has no attribute 'nope'");
    Py_DECREF(name);

    Py_DECREF(s);
    Py_DECREF(r);
    Py_DECREF(d);
    Py_DECREF(l);
    Py_DECREF(t);
    Py_DECREF(five);
    Py_DECREF(four);
    Py_DECREF(zero);
    END_TEST();
}
