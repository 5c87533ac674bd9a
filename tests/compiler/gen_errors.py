"""Regenerate tests/compiler/errors.tsv: compile-phase errors and SyntaxWarnings
of CPython 3.11 for the sources below. Columns: hex(source), class, message,
lineno, offset, end_lineno, end_offset (warnings: class SyntaxWarning, message,
lineno, then None). Every source parses; the error comes from the compiler."""
import ast, sys, warnings

assert sys.version_info[:2] == (3, 11)
SOURCES = [
    "return 1\n",
    "class A:\n    return\n",
    "break\n",
    "if x:\n    break\n",
    "continue\n",
    "def f():\n    continue\n",
    "await x\n",
    "def f():\n    await x\n",
    "def f():\n    [await x for x in y]\n",
    "async def f():\n    yield 1\n    return 2\n",
    "async def f():\n    yield from x\n",
    "def f():\n    async for x in y: pass\n",
    "def f():\n    async with x: pass\n",
    "def f():\n    return [x async for x in y]\n",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "".join("    " * i + "for x%d in y:\n" % i for i in range(21)) + "    " * 21 + "pass\n",
    "".join("    " * i + "while x:\n" % () for i in range(21)) + "    " * 21 + "pass\n",
    "a, *b, *c = d\n",
    "*a = b\n",
    "print(*a if b else c)\n" if False else "x = *a\n",
    "f(a=1, a=2)\n",
    "f(x, b=1, **k, b=2)\n",
    "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
    "def f():\n    try:\n        pass\n    except* E:\n        return 1\n",
    "x = 1\nfrom __future__ import annotations\n",
    "\"\"\"doc\"\"\"\nimport os\nfrom __future__ import division\n",
    "def f():\n    x = yield\n    async with y: pass\n",
    "class C:\n    [x async for x in y]\n",
    "def f():\n    for x in y:\n        def g():\n            break\n",
    "while x:\n    class C:\n        continue\n",
    "x = 1\nyield x\n" if False else "lambda: (yield from x) if False else 0\nreturn\n",
]
WARN = [
    "assert (x, 'msg')\n",
    "x = 1 is 1\n",
    "x is not 'a'\n",
    "f = [1 2]\n" if False else "x = (1, 2)(3)\n",
    "x = [1, 2][1, 2]\n",
    "x = 'abc'[1, 2]\n",
    "x = {1, 2}[0]\n",
    "def f():\n    if x is ():\n        pass\n",
    "x = f'{a}'(1)\n",
]


def fmt(v):
    return 'None' if v is None else str(v)


rows = []
for src in SOURCES:
    ast.parse(src)
    try:
        compile(src, 'x.py', 'exec', dont_inherit=True)
        raise SystemExit('accepted: %r' % src)
    except SyntaxError as e:
        rows.append([src.encode().hex(), type(e).__name__, e.msg, fmt(e.lineno), fmt(e.offset),
                     fmt(e.end_lineno), fmt(e.end_offset)])
for src in WARN:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        compile(src, 'x.py', 'exec', dont_inherit=True)
    assert w, src
    rows.append([src.encode().hex(), 'SyntaxWarning', str(w[0].message), fmt(w[0].lineno), 'None', 'None', 'None'])
with open(__file__.replace('gen_errors.py', 'errors.tsv'), 'w') as f:
    for r in rows:
        f.write('\t'.join(r) + '\n')
print(len(rows), 'rows')
