/* Reference-counting semantics seen from C (DESIGN.md §2): an object is
 * destroyed through tp_dealloc the moment its count reaches zero; which API
 * calls steal, borrow or add a reference; and the Py_CLEAR / Py_SETREF /
 * Py_XSETREF / Py_NewRef macros, including the order Py_SETREF promises
 * (the slot holds the new value before the old one is released). */
#include "check.h"

static int dealloc_calls = 0;
/* A slot the dealloc hook looks at, to see what it held at dealloc time. */
static PyObject *watched_slot = NULL;
static PyObject *seen_in_slot = NULL;

static void counted_dealloc(PyObject *self) {
    dealloc_calls++;
    seen_in_slot = watched_slot;
    Py_TYPE(self)->tp_free(self);
}

static PyTypeObject CountedType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "refcount.Counted",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = counted_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};

static PyObject *new_counted(void) {
    return PyObject_CallNoArgs((PyObject *)&CountedType);
}

int main(void) {
    BEGIN_TEST();
    CHECK(PyType_Ready(&CountedType) == 0);
    /* The type's dict and MRO live until finalisation: count from here. */
    check_live_start = Pyrite_LiveObjects();

    /* Immediate destruction at zero. */
    PyObject *o = new_counted();
    CHECK(o != NULL && Py_REFCNT(o) == 1 && Py_TYPE(o) == &CountedType);
    Py_INCREF(o);
    CHECK(Py_REFCNT(o) == 2);
    Py_DECREF(o);
    CHECK(Py_REFCNT(o) == 1 && dealloc_calls == 0);
    Py_DECREF(o);
    CHECK(dealloc_calls == 1);

    /* Py_IncRef / Py_DecRef (the exported functions) behave like the macros. */
    o = new_counted();
    Py_IncRef(o);
    CHECK(Py_REFCNT(o) == 2);
    Py_DecRef(o);
    CHECK(Py_REFCNT(o) == 1);
    Py_DecRef(o);
    CHECK(dealloc_calls == 2);
    Py_XINCREF(NULL);
    Py_XDECREF(NULL);
    Py_IncRef(NULL);
    Py_DecRef(NULL);

    /* PyTuple_SetItem steals; the tuple's death releases the item. */
    o = new_counted();
    PyObject *t = PyTuple_New(2);
    CHECK(PyTuple_SetItem(t, 0, o) == 0);
    CHECK(Py_REFCNT(o) == 1);
    CHECK(PyTuple_GetItem(t, 0) == o && Py_REFCNT(o) == 1); /* borrowed */
    /* ... and steals even when it fails. */
    PyObject *o2 = new_counted();
    CHECK(PyTuple_SetItem(t, 5, o2) == -1);
    CHECK_ERRMSG("tuple assignment index out of range");
    CHECK(dealloc_calls == 3);
    Py_DECREF(t);
    CHECK(dealloc_calls == 4);

    /* PyList_Append adds a reference; PyList_GetItem borrows;
     * PyList_SetItem steals and releases the item it replaces. */
    PyObject *l = PyList_New(0);
    o = new_counted();
    CHECK(PyList_Append(l, o) == 0);
    CHECK(Py_REFCNT(o) == 2);
    CHECK(PyList_GetItem(l, 0) == o && Py_REFCNT(o) == 2);
    Py_DECREF(o);
    CHECK(Py_REFCNT(o) == 1 && dealloc_calls == 4);
    CHECK(PyList_SetItem(l, 0, new_counted()) == 0);
    CHECK(dealloc_calls == 5); /* the replaced item died at once */
    CHECK(PyList_Append(l, PyList_GetItem(l, 0)) == 0);
    CHECK(Py_REFCNT(PyList_GetItem(l, 0)) == 2);
    CHECK(PyList_SetItem(l, 7, new_counted()) == -1);
    CHECK_ERRMSG("list assignment index out of range");
    CHECK(dealloc_calls == 6);
    Py_DECREF(l);
    CHECK(dealloc_calls == 7);

    /* PyDict_SetItem adds references to key and value; GetItem borrows. */
    PyObject *d = PyDict_New();
    o = new_counted();
    CHECK(PyDict_SetItemString(d, "k", o) == 0);
    CHECK(Py_REFCNT(o) == 2);
    PyObject *k = PyUnicode_FromString("k");
    CHECK(PyDict_GetItem(d, k) == o && Py_REFCNT(o) == 2);
    Py_DECREF(k);
    Py_DECREF(o);
    CHECK(dealloc_calls == 7);
    Py_DECREF(d);
    CHECK(dealloc_calls == 8);

    /* Py_NewRef / Py_XNewRef return their argument with one more reference. */
    o = new_counted();
    PyObject *r = Py_NewRef(o);
    CHECK(r == o && Py_REFCNT(o) == 2);
    CHECK(Py_XNewRef(NULL) == NULL);
    r = Py_XNewRef(o);
    CHECK(r == o && Py_REFCNT(o) == 3);
    Py_DECREF(o);
    Py_DECREF(o);
    Py_ssize_t none_before = Py_REFCNT(Py_None);
    r = Py_NewRef(Py_None);
    CHECK(Py_REFCNT(Py_None) == none_before + 1);
    Py_DECREF(r);
    CHECK(Py_REFCNT(Py_None) == none_before);

    /* Py_CLEAR: the variable is NULL before the object goes. */
    watched_slot = o;
    Py_CLEAR(watched_slot);
    CHECK(watched_slot == NULL && dealloc_calls == 9 && seen_in_slot == NULL);
    Py_CLEAR(watched_slot); /* no-op on NULL */
    CHECK(dealloc_calls == 9);

    /* Py_SETREF: the slot holds the new value when the old one dies. */
    watched_slot = new_counted();
    PyObject *newer = new_counted();
    Py_SETREF(watched_slot, newer);
    CHECK(dealloc_calls == 10 && seen_in_slot == newer && watched_slot == newer);
    /* Py_XSETREF accepts an empty slot... */
    PyObject *empty = NULL;
    Py_XSETREF(empty, new_counted());
    CHECK(empty != NULL && dealloc_calls == 10);
    /* ...and a NULL new value. */
    Py_XSETREF(watched_slot, NULL);
    CHECK(watched_slot == NULL && dealloc_calls == 11 && seen_in_slot == NULL);
    Py_XSETREF(empty, NULL);
    CHECK(dealloc_calls == 12);

    /* A container releases every item as it dies, each at once. */
    l = PyList_New(3);
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyList_SET_ITEM(l, i, new_counted());
    }
    CHECK(dealloc_calls == 12);
    Py_DECREF(l);
    CHECK(dealloc_calls == 15);

    /* A tuple holding the only reference to a list holding the only
     * reference to an object: one decref releases the whole chain. */
    l = PyList_New(0);
    o = new_counted();
    CHECK(PyList_Append(l, o) == 0);
    Py_DECREF(o);
    t = PyTuple_New(1);
    PyTuple_SET_ITEM(t, 0, l);
    Py_DECREF(t);
    CHECK(dealloc_calls == 16);

    printf("dealloc calls: %d\n", dealloc_calls);
    END_TEST();
}
