/* Bad input to the C API: wrong types, out-of-range indices, NULL where
 * CPython raises PyErr_BadInternalCall (or its own null checks), overflowing
 * sizes. Each line prints which exception the call raised and its message;
 * the expected output was recorded from CPython 3.11 itself. Calls CPython
 * does not check (and crashes on) are not here: they are C's business there
 * and here alike. CPython prefixes BadInternalCall messages with its own
 * source file and line ("Objects/listobject.c:338: "); pyrite does not, and
 * the recorded output has that prefix removed. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static void report(const char *what, int failed) {
    PyObject *t, *v, *tb;
    if (!failed) {
        printf("%s: no error\n", what);
        if (PyErr_Occurred()) printf("  (but an exception is set)\n");
        PyErr_Clear();
        return;
    }
    PyErr_Fetch(&t, &v, &tb);
    if (t == NULL) {
        printf("%s: failed without an exception\n", what);
        return;
    }
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = PyObject_Str(v);
    printf("%s: %s: %s\n", what, ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

#define NULLRES(what, expr) do { PyObject *_r = (expr); report(what, _r == NULL); Py_XDECREF(_r); } while (0)
#define NEG(what, expr) report(what, (expr) == -1)
#define NEGL(what, expr) do { long _r = (long)(expr); report(what, _r == -1 && PyErr_Occurred()); } while (0)
#define NEGD(what, expr) do { double _r = (expr); report(what, _r == -1.0 && PyErr_Occurred()); } while (0)
#define NULLPTR(what, expr) report(what, (expr) == NULL)

int main(void) {
    Py_Initialize();
    PyObject *list = PyList_New(0);
    PyObject *tuple = PyTuple_New(2);
    PyTuple_SET_ITEM(tuple, 0, PyLong_FromLong(1));
    PyTuple_SET_ITEM(tuple, 1, PyLong_FromLong(2));
    PyObject *dict = PyDict_New();
    PyObject *str = PyUnicode_FromString("abc");
    PyObject *num = PyLong_FromLong(7);
    PyObject *big = PyLong_FromString("123456789012345678901234567890", NULL, 10);
    PyObject *flt = PyFloat_FromDouble(1.5);
    PyObject *unhashable = PyList_New(0);

    /* lists */
    NEG("PyList_Append(tuple, x)", PyList_Append(tuple, num));
    NEG("PyList_Append(list, NULL)", PyList_Append(list, NULL));
    NULLRES("PyList_New(-1)", PyList_New(-1));
    NULLPTR("PyList_GetItem(list, 5)", PyList_GetItem(list, 5));
    NULLPTR("PyList_GetItem(list, -1)", PyList_GetItem(list, -1));
    NULLPTR("PyList_GetItem(tuple, 0)", PyList_GetItem(tuple, 0));
    Py_INCREF(num);
    NEG("PyList_SetItem(list, 3, x)", PyList_SetItem(list, 3, num));
    Py_INCREF(num);
    NEG("PyList_SetItem(tuple, 0, x)", PyList_SetItem(tuple, 0, num));
    NEG("PyList_Insert(tuple, 0, x)", PyList_Insert(tuple, 0, num));
    NEGL("PyList_Size(tuple)", PyList_Size(tuple));
    NULLRES("PyList_GetSlice(tuple, 0, 1)", PyList_GetSlice(tuple, 0, 1));
    NEG("PyList_Sort(tuple)", PyList_Sort(tuple));
    NEG("PyList_Reverse(NULL)", PyList_Reverse(NULL));
    NULLRES("PyList_AsTuple(NULL)", PyList_AsTuple(NULL));

    /* tuples */
    NULLRES("PyTuple_New(-1)", PyTuple_New(-1));
    NULLPTR("PyTuple_GetItem(tuple, 2)", PyTuple_GetItem(tuple, 2));
    NULLPTR("PyTuple_GetItem(list, 0)", PyTuple_GetItem(list, 0));
    NEGL("PyTuple_Size(list)", PyTuple_Size(list));
    Py_INCREF(num);
    NEG("PyTuple_SetItem(list, 0, x)", PyTuple_SetItem(list, 0, num));
    NULLRES("PyTuple_GetSlice(list, 0, 1)", PyTuple_GetSlice(list, 0, 1));

    /* dicts */
    NEG("PyDict_SetItem(list, k, v)", PyDict_SetItem(list, num, num));
    NEG("PyDict_SetItem(dict, [], v)", PyDict_SetItem(dict, unhashable, num));
    NEG("PyDict_DelItem(dict, missing)", PyDict_DelItem(dict, num));
    NEG("PyDict_DelItem(list, k)", PyDict_DelItem(list, num));
    NULLPTR("PyDict_GetItemWithError(list, k)", PyDict_GetItemWithError(list, num));
    NULLPTR("PyDict_GetItemWithError(dict, [])", PyDict_GetItemWithError(dict, unhashable));
    report("PyDict_GetItem(dict, []) swallows", PyDict_GetItem(dict, unhashable) != NULL);
    NEGL("PyDict_Size(list)", PyDict_Size(list));
    NULLRES("PyDict_Keys(list)", PyDict_Keys(list));
    NULLRES("PyDict_Copy(list)", PyDict_Copy(list));
    NEG("PyDict_Merge(dict, 7, 1)", PyDict_Merge(dict, num, 1));
    NEG("PyDict_Update(dict, list)", PyDict_Update(dict, list));
    NEG("PyDict_Contains(dict, [])", PyDict_Contains(dict, unhashable));

    /* sets */
    NULLRES("PySet_New(7)", PySet_New(num));
    NEG("PySet_Add(list, x)", PySet_Add(list, num));
    NEGL("PySet_Size(list)", PySet_Size(list));

    /* numbers */
    NEGL("PyLong_AsLong(NULL)", PyLong_AsLong(NULL));
    NEGL("PyLong_AsLong(str)", PyLong_AsLong(str));
    NEGL("PyLong_AsLong(float)", PyLong_AsLong(flt));
    NEGL("PyLong_AsLong(big)", PyLong_AsLong(big));
    NEGL("PyLong_AsSsize_t(float)", PyLong_AsSsize_t(flt));
    NEGL("PyLong_AsSsize_t(big)", PyLong_AsSsize_t(big));
    {
        unsigned long r = PyLong_AsUnsignedLong(PyLong_FromLong(-1));
        report("PyLong_AsUnsignedLong(-1)", r == (unsigned long)-1 && PyErr_Occurred());
    }
    NEGL("PyLong_AsLongLong(str)", PyLong_AsLongLong(str));
    NEGD("PyLong_AsDouble(str)", PyLong_AsDouble(str));
    NEGD("PyFloat_AsDouble(str)", PyFloat_AsDouble(str));
    NEGD("PyFloat_AsDouble(NULL)", PyFloat_AsDouble(NULL));
    NULLRES("PyLong_FromString(\"12x\", NULL, 10)", PyLong_FromString("12x", NULL, 10));
    NULLRES("PyLong_FromString(\"1\", NULL, 99)", PyLong_FromString("1", NULL, 99));
    NULLRES("PyNumber_Add(int, str)", PyNumber_Add(num, str));
    NULLRES("PyNumber_Subtract(str, str)", PyNumber_Subtract(str, str));
    NULLRES("PyNumber_Multiply(str, float)", PyNumber_Multiply(str, flt));
    NULLRES("PyNumber_TrueDivide(int, 0)", PyNumber_TrueDivide(num, PyLong_FromLong(0)));
    NULLRES("PyNumber_FloorDivide(int, 0)", PyNumber_FloorDivide(num, PyLong_FromLong(0)));
    NULLRES("PyNumber_Remainder(float, 0.0)", PyNumber_Remainder(flt, PyFloat_FromDouble(0.0)));
    NULLRES("PyNumber_Lshift(int, -1)", PyNumber_Lshift(num, PyLong_FromLong(-1)));
    NULLRES("PyNumber_Negative(str)", PyNumber_Negative(str));
    NULLRES("PyNumber_Index(float)", PyNumber_Index(flt));
    NULLRES("PyNumber_Index(NULL)", PyNumber_Index(NULL));
    NULLRES("PyNumber_Long(list)", PyNumber_Long(list));
    NULLRES("PyNumber_Float(list)", PyNumber_Float(list));
    NULLRES("PyNumber_Power(int, int, 0)", PyNumber_Power(num, num, PyLong_FromLong(0)));

    /* str and bytes */
    NULLPTR("PyUnicode_AsUTF8(int)", PyUnicode_AsUTF8(num));
    NULLRES("PyUnicode_FromStringAndSize(s, -1)", PyUnicode_FromStringAndSize("x", -1));
    NULLRES("PyUnicode_FromString(invalid utf-8)", PyUnicode_FromString("\xff"));
    NULLRES("PyUnicode_Concat(str, int)", PyUnicode_Concat(str, num));
    NULLRES("PyUnicode_Substring(str, -1, 2)", PyUnicode_Substring(str, -1, 2));
    NEGL("PyUnicode_GetLength(int)", PyUnicode_GetLength(num));
    {
        Py_UCS4 r = PyUnicode_ReadChar(str, 10);
        report("PyUnicode_ReadChar(str, 10)", r == (Py_UCS4)-1);
    }
    NEG("PyUnicode_WriteChar(shared str)", PyUnicode_WriteChar(str, 0, 'x'));
    NULLRES("PyUnicode_AsEncodedString(str, \"nope\")", PyUnicode_AsEncodedString(str, "nope", NULL));
    NULLRES("PyUnicode_AsASCIIString(non-ascii)", PyUnicode_AsASCIIString(PyUnicode_FromString("\xc3\xa9")));
    NULLRES("PyUnicode_DecodeUTF8(bad)", PyUnicode_DecodeUTF8("a\xff", 2, "strict"));
    NULLRES("PyUnicode_Join(str, int)", PyUnicode_Join(str, num));
    NULLRES("PyBytes_FromStringAndSize(s, -1)", PyBytes_FromStringAndSize("x", -1));
    NULLPTR("PyBytes_AsString(str)", PyBytes_AsString(str));
    NEGL("PyBytes_Size(str)", PyBytes_Size(str));
    {
        char *buf;
        PyObject *b = PyBytes_FromStringAndSize("a\0b", 3);
        NEG("PyBytes_AsStringAndSize(embedded NUL, NULL len)", PyBytes_AsStringAndSize(b, &buf, NULL));
        Py_DECREF(b);
    }
    NULLRES("PyBytes_FromObject(int)", PyBytes_FromObject(num));
    NULLRES("PyByteArray_FromStringAndSize(s, -1)", PyByteArray_FromStringAndSize("x", -1));

    /* the object protocol */
    NULLRES("PyObject_GetAttr(int, int)", PyObject_GetAttr(num, num));
    NULLRES("PyObject_GetAttrString(int, \"nope\")", PyObject_GetAttrString(num, "nope"));
    NEG("PyObject_SetAttrString(int, \"real\", x)", PyObject_SetAttrString(num, "real", num));
    NEG("PyObject_SetAttrString(int, \"new\", x)", PyObject_SetAttrString(num, "new", num));
    NULLRES("PyObject_GetItem(int, 0)", PyObject_GetItem(num, num));
    NULLRES("PyObject_GetItem(list, 5)", PyObject_GetItem(list, PyLong_FromLong(5)));
    NULLRES("PyObject_GetItem(list, str)", PyObject_GetItem(list, str));
    NULLRES("PyObject_GetItem(dict, missing)", PyObject_GetItem(dict, str));
    NULLRES("PyObject_GetItem(NULL, k)", PyObject_GetItem(NULL, num));
    NEG("PyObject_SetItem(tuple, 0, x)", PyObject_SetItem(tuple, PyLong_FromLong(0), num));
    NEG("PyObject_SetItem(int, 0, x)", PyObject_SetItem(num, num, num));
    NEG("PyObject_DelItem(str, 0)", PyObject_DelItem(str, num));
    NEGL("PyObject_Size(int)", PyObject_Size(num));
    NEGL("PyObject_Size(NULL)", PyObject_Size(NULL));
    NEGL("PyObject_Hash(list)", PyObject_Hash(list));
    NULLRES("PyObject_GetIter(int)", PyObject_GetIter(num));
    NULLRES("PyObject_Call(int, (), NULL)", PyObject_Call(num, tuple, NULL));
    NULLRES("PyObject_CallObject(str, ())", PyObject_CallObject(str, NULL));
    NULLRES("PyObject_RichCompare(int, str, Py_LT)", PyObject_RichCompare(num, str, Py_LT));
    NEG("PyObject_RichCompareBool(list, int, Py_GE)", PyObject_RichCompareBool(list, num, Py_GE));
    NEG("PyObject_IsInstance(int, int)", PyObject_IsInstance(num, num));
    NEG("PyObject_IsSubclass(int, int)", PyObject_IsSubclass(num, (PyObject *)&PyLong_Type));
    NULLRES("PyObject_CallMethod(str, \"nope\", NULL)", PyObject_CallMethod(str, "nope", NULL));
    NULLRES("PyObject_CallMethod(str, \"upper\", \"i\", 1)", PyObject_CallMethod(str, "upper", "i", 1));
    NULLRES("PyObject_Format(int, \"q\")", PyObject_Format(num, PyUnicode_FromString("q")));

    /* sequences and mappings */
    NULLRES("PySequence_GetItem(int, 0)", PySequence_GetItem(num, 0));
    NULLRES("PySequence_GetItem(tuple, 9)", PySequence_GetItem(tuple, 9));
    NULLRES("PySequence_Tuple(int)", PySequence_Tuple(num));
    NULLRES("PySequence_List(NULL)", PySequence_List(NULL));
    NULLRES("PySequence_Fast(int, msg)", PySequence_Fast(num, "custom message"));
    NEGL("PySequence_Index(tuple, 9)", PySequence_Index(tuple, PyLong_FromLong(9)));
    NULLRES("PySequence_Concat(int, int)", PySequence_Concat(num, num));
    NULLRES("PySequence_Repeat(dict, 2)", PySequence_Repeat(dict, 2));
    NEG("PySequence_SetItem(tuple, 0, x)", PySequence_SetItem(tuple, 0, num));
    NULLRES("PyMapping_GetItemString(dict, \"k\")", PyMapping_GetItemString(dict, "k"));
    NULLRES("PyMapping_Keys(int)", PyMapping_Keys(num));

    /* errors and types */
    NULLRES("PyErr_NewException(\"noDot\", NULL, NULL)", PyErr_NewException("noDot", NULL, NULL));
    {
        PyType_Slot slots[] = {{0, NULL}};
        PyType_Spec spec = {"m.T", (int)sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, slots};
        PyObject *t = PyType_FromSpecWithBases(&spec, num);
        report("PyType_FromSpecWithBases(spec, 7)", t == NULL);
        Py_XDECREF(t);
    }
    NULLRES("calling a type with no tp_new", PyObject_CallNoArgs((PyObject *)&PyCFunction_Type));
    NULLRES("PyObject_CallNoArgs(NoneType)", PyObject_CallOneArg((PyObject *)Py_TYPE(Py_None), num));

    /* argument parsing */
    {
        PyObject *args = Py_BuildValue("(is)", 1, "x");
        int i; const char *s; double d;
        report("PyArg_ParseTuple(\"(1,'x')\", \"ii\")", !PyArg_ParseTuple(args, "ii", &i, &i));
        report("PyArg_ParseTuple(\"(1,'x')\", \"i:f\")", !PyArg_ParseTuple(args, "i:f", &i));
        report("PyArg_ParseTuple(\"(1,'x')\", \"isd\")", !PyArg_ParseTuple(args, "isd", &i, &s, &d));
        report("PyArg_ParseTuple(\"(1,'x')\", \"bs\") ok", !PyArg_ParseTuple(args, "bs", &i, &s));
        Py_DECREF(args);
        args = Py_BuildValue("(i)", 300);
        unsigned char b;
        report("PyArg_ParseTuple((300,), \"b\")", !PyArg_ParseTuple(args, "b", &b));
        Py_DECREF(args);
        NULLRES("Py_BuildValue(\"(O)\", NULL)", Py_BuildValue("(O)", (PyObject *)NULL));
    }

    Py_DECREF(list);
    Py_DECREF(tuple);
    Py_DECREF(dict);
    Py_DECREF(str);
    Py_DECREF(num);
    Py_DECREF(big);
    Py_DECREF(flt);
    Py_DECREF(unhashable);
    if (PyErr_Occurred()) { printf("exception left set\n"); PyErr_Clear(); }
    return Py_FinalizeEx();
}
