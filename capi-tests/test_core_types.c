/* The type machinery seen from C: reprs of built-in types and descriptors,
 * MROs, attribute errors, exceptions raised and fetched. */
#include "check.h"

int main(void) {
    BEGIN_TEST();
    CHECK_REPR((PyObject *)&PyLong_Type, "<class 'int'>");
    CHECK_REPR((PyObject *)&PyType_Type, "<class 'type'>");
    CHECK_REPR((PyObject *)&PyBaseObject_Type, "<class 'object'>");
    CHECK_REPR(Py_None, "None");
    CHECK_REPR(Py_True, "True");
    CHECK_REPR(Py_Ellipsis, "Ellipsis");
    CHECK_REPR(Py_NotImplemented, "NotImplemented");

    PyObject *d = PyObject_GetAttrString((PyObject *)&PyDict_Type, "__getitem__");
    CHECK_REPR(d, "<slot wrapper '__getitem__' of 'dict' objects>");
    Py_XDECREF(d);
    d = PyObject_GetAttrString((PyObject *)&PyType_Type, "mro");
    CHECK_REPR(d, "<method 'mro' of 'type' objects>");
    Py_XDECREF(d);
    PyObject *m = PyObject_GetAttrString((PyObject *)&PyType_Type, "__mro__");
    CHECK_REPR(m, "(<class 'type'>, <class 'object'>)");
    Py_XDECREF(m);
    m = PyObject_GetAttrString(PyExc_KeyError, "__mro__");
    CHECK_REPR(m, "(<class 'KeyError'>, <class 'LookupError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)");
    Py_XDECREF(m);

    CHECK(PyObject_GetAttrString(Py_None, "nope") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_AttributeError));
    CHECK_ERRMSG("'NoneType' object has no attribute 'nope'");
    CHECK(PyObject_GetAttrString((PyObject *)&PyLong_Type, "nope") == NULL);
    CHECK_ERRMSG("type object 'int' has no attribute 'nope'");

    PyErr_SetString(PyExc_ValueError, "bad value");
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    CHECK(t == PyExc_ValueError);
    CHECK_REPR(v, "ValueError('bad value')");
    PyErr_Restore(t, v, tb);
    CHECK(PyErr_ExceptionMatches(PyExc_Exception));
    CHECK(!PyErr_ExceptionMatches(PyExc_KeyError));
    PyErr_Clear();

    CHECK(PyType_IsSubtype(&PyBool_Type, &PyLong_Type));
    CHECK(!PyType_IsSubtype(&PyLong_Type, &PyBool_Type));
    CHECK(PyType_GetFlags(&PyLong_Type) & Py_TPFLAGS_LONG_SUBCLASS);
    CHECK(PyType_GetFlags(&PyBool_Type) & Py_TPFLAGS_LONG_SUBCLASS);
    CHECK(PyType_GetFlags(&PyType_Type) & Py_TPFLAGS_TYPE_SUBCLASS);
    CHECK(PyExceptionClass_Check(PyExc_OSError));
    CHECK(PyExc_IOError == PyExc_OSError);
    END_TEST();
}
