/* str and bytes hash exactly as CPython 3.11 does: SipHash-1-3 over the
 * PEP 393 code units (str) or the bytes, key from PYTHONHASHSEED (0 here:
 * the zero key). Values from `PYTHONHASHSEED=0 python3 -c 'print(hash(x))'`. */
#define _POSIX_C_SOURCE 200112L
#include <stdlib.h>
#include "strhelp.h"

int main(void) {
    setenv("PYTHONHASHSEED", "0", 1);
    BEGIN_TEST();
    struct { const char *utf8; Py_hash_t str_hash, bytes_hash; } cases[] = {
        {"abc", -4594863902769663758LL, -4594863902769663758LL},
        {"\xc3\xa9", 6047309291227476195LL, -1266968099349302080LL},
        {"\xe2\x82\xac", -5529981157763016009LL, -5996988088697296045LL},
        {"\xf0\x9f\x98\x80x", -8926728262118538918LL, -3759280684385725039LL},
        {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PyObject *s = PyUnicode_FromString(cases[i].utf8);
        PyObject *b = PyBytes_FromString(cases[i].utf8);
        CHECK(PyObject_Hash(s) == cases[i].str_hash);
        CHECK(PyObject_Hash(b) == cases[i].bytes_hash);
        CHECK(((PyASCIIObject *)s)->hash == cases[i].str_hash);
        Py_DECREF(s);
        Py_DECREF(b);
    }
    END_TEST();
}
