/* Struct sequences: PyStructSequence_NewType/InitType2/New/GetItem/SetItem,
 * hidden and unnamed fields, the constructor, repr; PyLong_GetInfo and
 * PyFloat_GetInfo. Output recorded from CPython 3.11. */
#include "check.h"

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Str(v) : NULL;
        printf("%s: %s: %s\n", label, ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    PyErr_Clear();
    Py_XDECREF(r);
    Py_DECREF(o);
}

static PyStructSequence_Field point_fields[] = {
    {"x", "the x coordinate"},
    {"y", "the y coordinate"},
    {"z", "hidden"},
    {NULL, NULL},
};
static PyStructSequence_Desc point_desc = {"sweep.point", "a point", point_fields, 2};

static PyStructSequence_Field rec_fields[] = {
    {"a", NULL},
    {NULL, NULL}, /* replaced by PyStructSequence_UnnamedField at run time */
    {"c", NULL},
    {NULL, NULL},
};
static PyStructSequence_Desc rec_desc = {"sweep.rec", NULL, rec_fields, 1};
static PyTypeObject RecType;

int main(void) {
    BEGIN_TEST();
    rec_fields[1].name = PyStructSequence_UnnamedField;
    printf("unnamed: %s\n", PyStructSequence_UnnamedField);
    PyTypeObject *pt = PyStructSequence_NewType(&point_desc);
    CHECK(pt != NULL);
    CHECK(PyStructSequence_InitType2(&RecType, &rec_desc) == 0);
    /* The info types are set up on first use and live until finalisation. */
    Py_XDECREF(PyLong_GetInfo());
    Py_XDECREF(PyFloat_GetInfo());
    check_live_start = Pyrite_LiveObjects();

    show("type", Py_NewRef((PyObject *)pt));
    CHECK(PyType_IsSubtype(pt, &PyTuple_Type));
    PyObject *p = PyStructSequence_New(pt);
    PyStructSequence_SetItem(p, 0, PyLong_FromLong(1));
    PyStructSequence_SetItem(p, 1, PyUnicode_FromString("two"));
    PyStructSequence_SetItem(p, 2, PyFloat_FromDouble(3.5));
    show("point", Py_NewRef(p));
    printf("len %zd, tuple check %d\n", PyObject_Length(p), PyTuple_Check(p));
    show("item 1", PySequence_GetItem(p, 1));
    show("item 2", PySequence_GetItem(p, 2));
    show("attr x", PyObject_GetAttrString(p, "x"));
    show("attr z", PyObject_GetAttrString(p, "z"));
    show("GetItem 2", Py_NewRef(PyStructSequence_GetItem(p, 2)));
    show("as tuple", PySequence_Tuple(p));
    show("set attr", PyObject_SetAttrString(p, "x", Py_None) == 0 ? Py_NewRef(Py_None) : NULL);
    show("n_sequence_fields", PyObject_GetAttrString((PyObject *)pt, "n_sequence_fields"));
    show("n_fields", PyObject_GetAttrString((PyObject *)pt, "n_fields"));
    show("n_unnamed_fields", PyObject_GetAttrString((PyObject *)pt, "n_unnamed_fields"));
    show("__match_args__", PyObject_GetAttrString((PyObject *)pt, "__match_args__"));
    show("__doc__", PyObject_GetAttrString((PyObject *)pt, "__doc__"));
    PyObject *t2 = Py_BuildValue("(is)", 1, "two");
    PyObject *t3 = Py_BuildValue("(isd)", 1, "two", 3.5);
    CHECK(PyObject_RichCompareBool(p, t2, Py_EQ) == 1);
    CHECK(PyObject_Hash(p) == PyObject_Hash(t2));

    /* The constructor: type(sequence, dict=None). */
    show("new 2", PyObject_CallOneArg((PyObject *)pt, t2));
    PyObject *q = PyObject_CallOneArg((PyObject *)pt, t3);
    show("new 3 z", q ? PyObject_GetAttrString(q, "z") : NULL);
    Py_XDECREF(q);
    PyObject *d = Py_BuildValue("{s:i}", "z", 9);
    PyObject *args = PyTuple_Pack(2, t2, d);
    q = PyObject_Call((PyObject *)pt, args, NULL);
    show("new dict z", q ? PyObject_GetAttrString(q, "z") : NULL);
    Py_XDECREF(q);
    Py_DECREF(args);
    PyObject *one = Py_BuildValue("(i)", 1);
    show("new 1", PyObject_CallOneArg((PyObject *)pt, one));
    PyObject *four = Py_BuildValue("(iiii)", 1, 2, 3, 4);
    show("new 4", PyObject_CallOneArg((PyObject *)pt, four));
    PyObject *n5 = PyLong_FromLong(5);
    show("new int", PyObject_CallOneArg((PyObject *)pt, n5));
    args = PyTuple_Pack(2, t2, n5);
    show("new bad dict", PyObject_Call((PyObject *)pt, args, NULL));
    Py_DECREF(args);
    Py_DECREF(one);
    Py_DECREF(four);
    Py_DECREF(n5);
    Py_DECREF(d);
    Py_DECREF(t2);
    Py_DECREF(t3);
    Py_DECREF(p);

    /* A static type with an unnamed field. */
    show("rec type", Py_NewRef((PyObject *)&RecType));
    PyObject *r = PyStructSequence_New(&RecType);
    for (int i = 0; i < 3; i++)
        PyStructSequence_SetItem(r, i, PyLong_FromLong(10 + i));
    show("rec", Py_NewRef(r));
    show("rec c", PyObject_GetAttrString(r, "c"));
    show("rec n_unnamed_fields", PyObject_GetAttrString((PyObject *)&RecType, "n_unnamed_fields"));
    show("rec __match_args__", PyObject_GetAttrString((PyObject *)&RecType, "__match_args__"));
    Py_DECREF(r);

    show("int_info", PyLong_GetInfo());
    show("float_info", PyFloat_GetInfo());
    PyObject *fi = PyFloat_GetInfo();
    show("float_info.epsilon", PyObject_GetAttrString(fi, "epsilon"));
    show("float_info.dig", PyObject_GetAttrString(fi, "dig"));
    Py_DECREF(fi);
    END_TEST();
}
