#!/usr/bin/env python3
"""tests/symtable/errors.tsv: programs CPython's parser accepts and its future
check or symbol table rejects, with compile()'s exception. Columns: hex source,
class, msg, lineno, offset, end_lineno, end_offset (None where unset)."""
import os

PROGRAMS = [
    # __future__
    "from __future__ import braces\n",
    "from __future__ import nope\n",
    "from __future__ import division, nope\n",
    '"""doc"""\nfrom __future__ import annotations, braces\n',
    "import os; from __future__ import division\n",
    "from __future__ import annotations; x = 1; from __future__ import nope\n",
    "  \nfrom __future__ import (division,\n  spam)\n",
    # global / nonlocal
    "def f(x):\n    global x\n",
    "def f(x):\n    nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    x = 1\n    nonlocal x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f():\n    print(x)\n    nonlocal x\n",
    "def f():\n    x: int\n    global x\n",
    "def f():\n    x: int\n    nonlocal x\n",
    "def f():\n    global x\n    x: int = 1\n",
    "def f():\n    y = 1\n    def g():\n        nonlocal y\n        y: int\n",
    "nonlocal x\n",
    "class C:\n    nonlocal x\n",
    "def f():\n    nonlocal x\n",
    "def f():\n    global x\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n",
    "class C:\n    def f(self):\n        nonlocal __x\n",
    "def f():\n    def g():\n        nonlocal a, b\n    a = 1\n",
    "x = 1\ndef f():\n    def g():\n        global y; nonlocal x\n",
    "def f():\n    class C:\n        x = 1\n        def g(self):\n            nonlocal x\n",
    "def f():\n    for x in y:\n        global x\n",
    "def f():\n    import x\n    nonlocal x\n",
    "def f(*a):\n    global a\n",
    "def f(**k):\n    nonlocal k\n",
    "lambda: [(yield) for a in b]\n",
    # duplicate arguments
    "def f(a, a): pass\n",
    "def f(a, *, a): pass\n",
    "def f(a, /, a): pass\n",
    "def f(a, *a): pass\n",
    "def f(a, **a): pass\n",
    "lambda a, a: 1\n",
    "lambda a, *, b, b=1: 1\n",
    "class C:\n    def f(self, __a, _C__a): pass\n",
    "def f(é, é): pass\n",
    "async def f(a, b, a): pass\n",
    # import *
    "def f():\n    from os import *\n",
    "class C:\n    from os import *\n",
    "def f():\n    class C:\n        from os import *\n",
    # assignment expressions
    "class C:\n    [y := 1 for a in b]\n",
    "class C:\n    def f(self):\n        pass\n    x = [[z := 1 for a in b] for c in d]\n",
    "[x for x in (y := [1])]\n",
    "[x for a in b for x in (y := a)]\n",
    "[x := 1 for x in y]\n",
    "[[x := 1 for a in b] for x in c]\n",
    "{x: (x := 1) for x in y}\n",
    "(a for a in b if (a := 1))\n",
    "[i for i in range(5) if (j := i) for j in range(3)]\n",
    "def f():\n    [(lambda: (y := 1)) for a in (z := b)]\n",
    "[x for x in [(lambda: (y := 1))() for a in b] for c in (d := e)]\n",
    # yield in comprehensions
    "def f():\n    [(yield x) for x in y]\n",
    "def f():\n    {(yield x) for x in y}\n",
    "def f():\n    {x: (yield) for x in y}\n",
    "def f():\n    ((yield from x) for x in y)\n",
    "def f():\n    [x for x in y if (yield)]\n",
    # annotations under `from __future__ import annotations`
    "from __future__ import annotations\ndef f(x: (yield)): pass\n",
    "from __future__ import annotations\nx: (y := 1)\n",
    "from __future__ import annotations\nasync def f():\n    x: await y\n",
    "from __future__ import annotations\ndef f() -> (yield from x): pass\n",
    "from __future__ import annotations\ndef f(*, k: (z := 1)): pass\n",
    # deep nesting
    "x = " + "+".join(["1"] * 4000) + "\n",
    "def f():\n    return " + " * ".join(["a"] * 3500) + "\n",
    "class C:\n    x = [" + " | ".join(["b"] * 3200) + " for a in b]\n",
]


def row(src):
    import ast
    import sys
    # It must reach the symbol table: CPython's parser accepts it (a deep tree
    # needs a higher limit to become Python objects; compile() keeps the default).
    sys.setrecursionlimit(100000)
    ast.parse(src)
    sys.setrecursionlimit(1000)
    try:
        compile(src, "<test>", "exec")
    except (SyntaxError, RecursionError) as e:
        vals = [type(e).__name__, getattr(e, "msg", str(e))]
        vals += [str(getattr(e, a, None)) for a in ("lineno", "offset", "end_lineno", "end_offset")]
        return "\t".join([src.encode().hex()] + vals)
    raise SystemExit("compiles: %r" % src)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "errors.tsv"), "w") as f:
        for src in PROGRAMS:
            f.write(row(src) + "\n")


if __name__ == "__main__":
    main()
