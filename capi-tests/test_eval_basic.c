/* The evaluator from C: PyRun_String / PyEval_EvalCode on programs covering
 * functions and argument binding (with CPython's error messages), closures,
 * loops, comprehensions, unpacking, exceptions and tracebacks' line numbers.
 * Only `range`, `list` and `ValueError` are given to the programs (through
 * their globals), so nothing else from builtins is needed. Expected output
 * recorded from CPython 3.11 (same program built against libpython3.11:
 *   gcc capi-tests/test_eval_basic.c $(python3-config --includes) \
 *       $(python3-config --ldflags --embed) && ./a.out). */
#include <Python.h>
#include <stdio.h>

static PyObject *new_globals(void) {
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "range", (PyObject *)&PyRange_Type);
    PyDict_SetItemString(g, "list", (PyObject *)&PyList_Type);
    PyDict_SetItemString(g, "ValueError", PyExc_ValueError);
    PyDict_SetItemString(g, "KeyError", PyExc_KeyError);
    PyDict_SetItemString(g, "ZeroDivisionError", PyExc_ZeroDivisionError);
    return g;
}

static void show(const char *label, PyObject *o) {
    PyObject *r = PyObject_Repr(o);
    if (!r) { PyErr_Clear(); printf("%s: <repr failed>\n", label); return; }
    printf("%s: %s\n", label, PyUnicode_AsUTF8(r));
    Py_DECREF(r);
}

static void report_error(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = PyObject_Str(v);
    printf("  raised %s: %s\n", ((PyTypeObject *)t)->tp_name, s ? PyUnicode_AsUTF8(s) : "?");
    Py_XDECREF(s);
    /* Traceback line numbers, outermost first. */
    long lines[4096];
    int n = 0;
    for (PyObject *e = tb; e && e != Py_None; ) {
        PyObject *ln = PyObject_GetAttrString(e, "tb_lineno");
        if (n < 4096) lines[n] = ln ? PyLong_AsLong(ln) : -1L;
        n++;
        Py_XDECREF(ln);
        PyObject *nx = PyObject_GetAttrString(e, "tb_next");
        Py_XDECREF(nx);  /* borrowed through the chain: tb keeps it alive */
        e = nx;
    }
    if (n <= 12) {
        printf("  lines:");
        for (int i = 0; i < n; i++) printf(" %ld", lines[i]);
        printf("\n");
    } else {
        printf("  %d entries: first %ld %ld, last %ld\n", n, lines[0], lines[1], lines[(n < 4096 ? n : 4096) - 1]);
    }
    Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
}

/* Run `src`, then print each name in `names` (space separated). */
static void run(const char *title, const char *src, const char *names) {
    printf("== %s\n", title);
    PyObject *g = new_globals();
    PyObject *r = PyRun_String(src, Py_file_input, g, g);
    if (!r) {
        report_error();
    } else {
        Py_DECREF(r);
    }
    char buf[256];
    snprintf(buf, sizeof buf, "%s", names);
    for (char *n = strtok(buf, " "); n; n = strtok(NULL, " ")) {
        PyObject *v = PyDict_GetItemString(g, n);
        if (v) show(n, v); else printf("%s: <unset>\n", n);
    }
    Py_DECREF(g);
}

static void eval(const char *src) {
    PyObject *g = new_globals();
    PyObject *r = PyRun_String(src, Py_eval_input, g, g);
    printf("eval %s -> ", src);
    if (!r) { printf("\n"); report_error(); }
    else { show("", r); Py_DECREF(r); }
    Py_DECREF(g);
}

int main(void) {
    Py_Initialize();
    eval("1 + 2 * 3");
    eval("(7 // 2, 7 % 3, -7 // 2, 2 ** 10, 1 / 4, 'ab' * 3)");
    eval("[x * x for x in range(6) if x % 2]");
    eval("{k: v for k, v in [(1, 'a'), (2, 'b')]}");
    eval("{x % 3 for x in range(10)}");
    eval("(lambda a, b=2, *c, d, e=5, **f: (a, b, c, d, e, f))(1, 3, 4, d=4, g=7)");
    eval("f'{1+1}-{\"x\"!r:>5}-{3.14159:.2f}'");
    eval("1 if [] else 2");
    eval("(1 < 2 < 3, 1 < 3 < 2, 'a' in 'cat', 3 not in [1, 2])");
    eval("1 / 0");
    eval("undefined_name + 1");
    run("functions",
        "def add(a, b=10, *args, key=None, **kw):\n"
        "    return (a, b, args, key, kw)\n"
        "r1 = add(1)\n"
        "r2 = add(1, 2, 3, 4, key='k', z=1)\n"
        "def fact(n):\n"
        "    return 1 if n <= 1 else n * fact(n - 1)\n"
        "r3 = fact(20)\n"
        "def fib(n):\n"
        "    a, b = 0, 1\n"
        "    for _ in range(n):\n"
        "        a, b = b, a + b\n"
        "    return a\n"
        "r4 = fib(90)\n",
        "r1 r2 r3 r4");
    run("closures",
        "def counter():\n"
        "    n = 0\n"
        "    def inc(step=1):\n"
        "        nonlocal n\n"
        "        n += step\n"
        "        return n\n"
        "    return inc\n"
        "c = counter()\n"
        "c(); c(); r1 = c(5)\n"
        "adders = [lambda x, i=i: x + i for i in range(3)]\n"
        "r2 = [f(10) for f in adders]\n"
        "def outer():\n"
        "    x = 1\n"
        "    def mid():\n"
        "        def inner():\n"
        "            return x + 1\n"
        "        return inner()\n"
        "    return mid()\n"
        "r3 = outer()\n",
        "r1 r2 r3");
    run("loops and unpacking",
        "total = 0\n"
        "i = 0\n"
        "while True:\n"
        "    i += 1\n"
        "    if i % 3 == 0:\n"
        "        continue\n"
        "    if i > 20:\n"
        "        break\n"
        "    total += i\n"
        "else:\n"
        "    total = -1\n"
        "a, *b, c = range(6)\n"
        "(x, y), z = (1, 2), 3\n"
        "for k in []:\n"
        "    pass\n"
        "else:\n"
        "    done = True\n",
        "total a b c x y z done");
    run("exceptions",
        "log = []\n"
        "def f(x):\n"
        "    try:\n"
        "        log.append('try')\n"
        "        if x:\n"
        "            raise ValueError(f'bad {x}')\n"
        "        return 'ok'\n"
        "    except ValueError as e:\n"
        "        log.append(e.args[0])\n"
        "        return 'caught'\n"
        "    finally:\n"
        "        log.append('finally')\n"
        "r1 = f(0)\n"
        "r2 = f(3)\n"
        "try:\n"
        "    try:\n"
        "        1 / 0\n"
        "    except ZeroDivisionError as e:\n"
        "        raise KeyError('k') from e\n"
        "except KeyError as e:\n"
        "    r3 = (e.args, e.__cause__.args, e.__suppress_context__, e.__context__ is e.__cause__)\n"
        "def g():\n"
        "    for i in range(3):\n"
        "        try:\n"
        "            continue\n"
        "        finally:\n"
        "            log.append(i)\n"
        "    return log\n"
        "r4 = g()\n",
        "r1 r2 r3 r4");
    run("argument errors 1", "def f(a, b): pass\nf(1)\n", "");
    run("argument errors 2", "def f(a, b): pass\nf(1, 2, 3)\n", "");
    run("argument errors 3", "def f(a, b=1): pass\nf(1, 2, 3)\n", "");
    run("argument errors 4", "def f(a, *, k): pass\nf(1)\n", "");
    run("argument errors 5", "def f(a): pass\nf(1, a=2)\n", "");
    run("argument errors 6", "def f(a): pass\nf(x=2)\n", "");
    run("argument errors 7", "def f(a, /, b): pass\nf(a=1, b=2)\n", "");
    run("argument errors 8", "def f(a, b, c): pass\nf()\n", "");
    run("argument errors 9", "def f(a, *, k=1): pass\nf(1, 2, k=3)\n", "");
    run("unpack errors 1", "a, b = [1, 2, 3]\n", "");
    run("unpack errors 2", "a, b, c = (1,)\n", "");
    run("unpack errors 3", "a, *b, c = [1]\n", "");
    run("unpack errors 4", "a, b = 5\n", "");
    run("traceback lines",
        "def a():\n"
        "    return b()\n"
        "def b():\n"
        "    x = 1\n"
        "    return x / 0\n"
        "a()\n",
        "");
    run("unbound local", "def f():\n    print_ = x\n    x = 1\nf()\n", "");
    run("deep recursion", "def r(n):\n    return r(n + 1)\nr(0)\n", "");
    Py_Finalize();
    return 0;
}
