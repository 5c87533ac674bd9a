/* PyUnicode_AsUTF16String/AsUTF32String and PyUnicode_DecodeUTF16/32
 * (+ Stateful): BOM handling, *byteorder in/out, consumed, error handlers
 * and error positions. Output recorded from CPython 3.11. */
#include "check.h"

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *s = v ? PyObject_Repr(v) : NULL;
        printf("%s: %s\n", label, s ? PyUnicode_AsUTF8(s) : "?");
        Py_XDECREF(s);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    Py_XDECREF(r);
    Py_DECREF(o);
}

struct sample { const char *label; const char *data; int len; };

int main(void) {
    BEGIN_TEST();
    PyObject *s = PyUnicode_FromString("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    show("utf16 enc", PyUnicode_AsUTF16String(s));
    show("utf32 enc", PyUnicode_AsUTF32String(s));
    PyObject *sur = PyUnicode_DecodeUTF8("a\xed\xa0\x80z", 5, "surrogatepass");
    show("utf16 enc surrogate", PyUnicode_AsUTF16String(sur));
    show("utf32 enc surrogate", PyUnicode_AsUTF32String(sur));
    PyObject *n = PyLong_FromLong(1);
    show("utf16 enc int", PyUnicode_AsUTF16String(n));
    Py_DECREF(n);
    Py_DECREF(sur);
    Py_DECREF(s);

    struct sample u16[] = {
        {"plain le", "a\0b\0", 4},
        {"bom le", "\xff\xfe" "a\0b\0", 6},
        {"bom be", "\xfe\xff" "\0a\0b", 6},
        {"pair", "=\xd8\0\xde", 4},
        {"odd", "a\0b", 3},
        {"lone low", "a\0\0\xdc" "b\0", 6},
        {"high then char", "=\xd8" "a\0", 4},
        {"high at end", "a\0=\xd8", 4},
        {"high at end odd", "a\0=\xd8x", 5},
        {"empty", "", 0},
        {"bom only", "\xff\xfe", 2},
        {"one byte", "a", 1},
    };
    const char *handlers[] = {NULL, "ignore", "replace", "surrogatepass", "backslashreplace", "bogus"};
    int orders[] = {0, -1, 1};
    char label[200];
    for (size_t i = 0; i < sizeof(u16) / sizeof(u16[0]); i++)
        for (int h = 0; h < 6; h++)
            for (int o = 0; o < 3; o++) {
                int bo = orders[o];
                Py_ssize_t consumed = -7;
                PyObject *r = PyUnicode_DecodeUTF16Stateful(u16[i].data, u16[i].len, handlers[h], &bo, &consumed);
                snprintf(label, sizeof label, "u16 %s [%s] bo %d->%d consumed %zd", u16[i].label,
                         handlers[h] ? handlers[h] : "NULL", orders[o], bo, consumed);
                show(label, r);
                bo = orders[o];
                r = PyUnicode_DecodeUTF16(u16[i].data, u16[i].len, handlers[h], &bo);
                snprintf(label, sizeof label, "u16 %s [%s] bo %d->%d", u16[i].label,
                         handlers[h] ? handlers[h] : "NULL", orders[o], bo);
                show(label, r);
            }
    show("u16 no byteorder", PyUnicode_DecodeUTF16("\xfe\xff\0a", 4, NULL, NULL));

    struct sample u32[] = {
        {"plain le", "a\0\0\0", 4},
        {"bom le", "\xff\xfe\0\0" "a\0\0\0", 8},
        {"bom be", "\0\0\xfe\xff" "\0\0\0a", 8},
        {"surrogate", "\0\xd8\0\0" "a\0\0\0", 8},
        {"too big", "\0\0\x11\0" "a\0\0\0", 8},
        {"truncated", "a\0\0\0b\0", 6},
        {"empty", "", 0},
    };
    for (size_t i = 0; i < sizeof(u32) / sizeof(u32[0]); i++)
        for (int h = 0; h < 6; h++)
            for (int o = 0; o < 3; o++) {
                int bo = orders[o];
                Py_ssize_t consumed = -7;
                PyObject *r = PyUnicode_DecodeUTF32Stateful(u32[i].data, u32[i].len, handlers[h], &bo, &consumed);
                snprintf(label, sizeof label, "u32 %s [%s] bo %d->%d consumed %zd", u32[i].label,
                         handlers[h] ? handlers[h] : "NULL", orders[o], bo, consumed);
                show(label, r);
                bo = orders[o];
                r = PyUnicode_DecodeUTF32(u32[i].data, u32[i].len, handlers[h], &bo);
                snprintf(label, sizeof label, "u32 %s [%s] bo %d->%d", u32[i].label,
                         handlers[h] ? handlers[h] : "NULL", orders[o], bo);
                show(label, r);
            }
    END_TEST();
}
