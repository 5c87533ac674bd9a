"""Expected values for tests/parser.rs, recorded from CPython 3.11.

  python3 tests/parser/gen_expected.py     # regenerate *.dump (valid corpus) and errors.tsv

errors.tsv: one invalid source per line: hex(source) class msg lineno offset
end_lineno end_offset text (msg and text escaped as in tests/tokenizer). Only
errors `ast.parse` raises (the parser's), not the symbol table's or compiler's.
"""
import ast, os, sys, warnings

HERE = os.path.dirname(os.path.abspath(__file__))
warnings.simplefilter("ignore")


def esc(s):
    out = []
    for ch in s:
        if ch == '\\': out.append('\\\\')
        elif ch == '\n': out.append('\\n')
        elif ch == '\r': out.append('\\r')
        elif ch == '\t': out.append('\\t')
        elif ord(ch) < 0x20 or ord(ch) == 0x7f: out.append('\\x%02x' % ord(ch))
        else: out.append(ch)
    return ''.join(out)


INVALID = [
    # generic invalid syntax and its location
    'a b\n', 'x = 1 +\n', 'a = b = \n', 'x = (1, 2\ny = 3\n', 'def f(:\n pass\n', 'class A(:\n pass\n',
    'else: pass\n', 'x = 1\n)\n', 'f(**)\n', 'x = [1, 2 3]\n', 'import\n', 'from x import\n', 'from import y\n',
    'lambda x: (yield)\n=\n', 'x.1\n', 'x = 1 2\n', '1 = \n', 'a.b.\n', 'a[\n', 'if True:\n    pass\n  else:\n',
    'x = yield = 1\n', 'print "hello"\n', 'exec "code"\n', 'x = 5 if 1\n', 'x = 1 if 2 else\n',
    # comma / equal hints
    'x = (a b)\n', 'f(a b)\n', '[1 2]\n', '{1 2}\n', '{a: 1 b: 2}\n', 'x = (1,\n2,3 4)\ny=1\n',
    'if x = 1:\n pass\n', 'while x = 1:\n pass\n', 'f(x for x in y, 1)\n', 'f(1, x for x in y)\n',
    'f(a=1 for a in b)\n', 'if x.y = 1: pass\n', 'if x[0] = 1: pass\n', 'if f() = 1: pass\n', 'if 1 = 1: pass\n',
    'f(a, b=1, c)\n', 'f(**k, *a)\n', 'f(**k, a)\n', 'f(a=1, *b, c)\n', 'f(True=1)\n', 'f(None=1)\n',
    'f(x.y=1)\n', 'f(a.b=1, c)\n', 'f((a)=1)\n', 'f(a for a in b for c in d, e)\n',
    # expected ':'
    'if x\n pass\n', 'elif x:\n pass\n', 'if x:\n pass\nelif y\n pass\n', 'while x\n pass\n', 'for x in y\n pass\n',
    'with x\n pass\n', 'with x as y\n pass\n', 'def f()\n pass\n', 'class A\n pass\n', 'class A(B)\n pass\n',
    'try\n pass\n', 'try:\n pass\nexcept\n pass\n', 'try:\n pass\nexcept E\n pass\n', 'try:\n pass\nfinally\n pass\n',
    'match x\n case 1: pass\n', 'match x:\n case 1\n  pass\n', 'def f:\n pass\n', 'lambda x\n',
    'if x:\n pass\nelse\n pass\n', 'async def f()\n pass\n',
    # indentation
    'x = 1\n  y = 2\n', 'if x:\npass\n', 'def f():\nreturn 1\n', 'class A:\npass\n', 'for x in y:\npass\n',
    'while x:\npass\n', 'with x:\npass\n', 'try:\npass\n', 'try:\n pass\nexcept:\npass\n', 'try:\n pass\nfinally:\npass\n',
    'if x:\n pass\nelif y:\npass\n', 'if x:\n pass\nelse:\npass\n', 'match x:\ncase 1: pass\n', 'match x:\n case 1:\n pass\n',
    'try:\n pass\nexcept E as e:\npass\n', 'try:\n pass\nexcept* E:\npass\n', 'async def f():\npass\n',
    'async def f():\n async for x in y:\n pass\n', 'async def f():\n async with x:\n pass\n', 'for x in y:\n pass\nelse:\npass\n',
    'while x:\n pass\nelse:\npass\n', 'if 1:\n  x\n    y\n', '  x = 1\n', 'def f():\n  pass\n    pass\n',
    'if 1:\n    x\n  y\n', 'if 1:\n\tx\n        y\n', 'class A:\n def f(self):\n pass\n',
    # assignment targets
    'f() = 1\n', 'a + 1 = 2\n', '1 = x\n', '"s" = 1\n', 'None = 1\n', 'True = 1\n', '... = 1\n', '(a, f()) = 1\n',
    '[a, 1] = x\n', 'a, b + 1 = x\n', 'x = f() = 1\n', 'lambda: 1 = 1\n', '(yield) = 1\n', 'x = yield = 1\n',
    '[x for x in y] = 1\n', '{x for x in y} = 1\n', '{x: y for x in z} = 1\n', '{1: 2} = x\n', '{1} = x\n',
    'a if b else c = 1\n', 'a < b = 1\n', 'not a = 1\n', '-a = 1\n', 'await x = 1\n', 'f"{x}" = 1\n',
    '(x := 1) = 2\n', '*a = 1\n', 'a, *b, *c = d\n', 'f() += 1\n', '(a, b) += 1\n', '[a] += 1\n', 'a + b += 1\n',
    'x: int, y: int = 1, 2\n', '(a, b): int\n', '[a, b]: int\n', 'f(): int\n', 'a.b, c: int\n',
    'del f()\n', 'del a + b\n', 'del (a, 1)\n', 'del [a, f()]\n', 'del *a\n', 'del 1\n', 'del a, (b + c)\n',
    'for f() in x: pass\n', 'for 1 in x: pass\n', 'for a, b + c in x: pass\n', 'for (a, 1) in x: pass\n',
    '[x for 1 in y]\n', '[x for f() in y]\n', '(x for a + b in y)\n', 'with a as f(): pass\n', 'with a as 1: pass\n',
    'with a as (b, 1): pass\n', '(1 := 2)\n', '(a.b := 1)\n', '(a[0] := 1)\n', '((a, b) := 1)\n', 'f(a := 1 for a in b)\n',
    # comprehension / display errors
    '[*x for x in y]\n', '{*x for x in y}\n', '(*x for x in y)\n', '{**x for x in y}\n', '[x, y for x in z]\n',
    '{x, y for x in z}\n', '[x, for x in z]\n', '{a: *b}\n', '{a:}\n', '{a: 1, b}\n', '{a: 1, b:}\n', '(*a)\n', '(**a)\n',
    'print(*)\n', 'f(*)\n',
    # parameters
    'def f(a=1, b): pass\n', 'def f(a, (b, c)): pass\n', 'def f(/, a): pass\n', 'def f(a, /, b, /): pass\n',
    'def f(a, *, b, /): pass\n', 'def f(a, /*): pass\n', 'def f(*): pass\n', 'def f(*, **k): pass\n', 'def f(*a=1): pass\n',
    'def f(*a, *b): pass\n', 'def f(**k=1): pass\n', 'def f(**k, a): pass\n', 'def f(**k, *a): pass\n', 'def f(a=): pass\n',
    'def f(a, a=1, b): pass\n', 'lambda a=1, b: 0\n', 'lambda (a, b): 0\n', 'lambda /, a: 0\n', 'lambda *: 0\n',
    'lambda *a=1: 0\n', 'lambda **k, a: 0\n', 'lambda a, *b, *c: 0\n', 'def f(a:): pass\n', 'def f(a b): pass\n',
    'def f(*, a, b=1, c=2, *d): pass\n', 'lambda a, /, b, /: 0\n', 'def f(a, **k, b=1): pass\n',
    # except / try
    'try:\n pass\nexcept A, B:\n pass\n', 'try:\n pass\nexcept* A, B:\n pass\n', 'try:\n pass\n', 'try:\n pass\nx = 1\n',
    'try:\n pass\nexcept A:\n pass\nexcept* B:\n pass\n', 'try:\n pass\nexcept* A:\n pass\nexcept B:\n pass\n',
    'try:\n pass\nexcept*:\n pass\n', 'try:\n pass\nexcept *\n pass\n', 'try:\n pass\nelse:\n pass\n',
    # match
    'match x:\n case a as _: pass\n', 'match x:\n case a as 1: pass\n', 'match x:\n case a as b.c: pass\n',
    'match x:\n case C(a=1, b): pass\n', 'match x:\n case 1 + 1: pass\n', 'match x:\n case 1j + 1: pass\n',
    'match x:\n case -1 + 1: pass\n', 'match x:\n case {**a, b: 1}: pass\n', 'match x:\n case f(): pass\n',
    'match x:\n case *a: pass\n',
    # imports
    'from x import a,\n', 'from x import (a, b\n', 'import a.b as c.d\n', 'from x import *, a\n', 'import a as\n',
    'from . import a as b as c\n', 'from x import a as 1\n',
    # strings and f-strings
    'b"a" "b"\n', '"a" b"b"\n', 'f"{}"\n', 'f"{ }"\n', 'f"{x"\n', 'f"}"\n', 'f"{a b}"\n', 'x = 1\nf"{a b}"\n',
    'f"{x!z}"\n', 'f"{x!}"\n', 'f"{x=!}"\n', 'f"{#}"\n', 'f"{x)}"\n', 'f"{(x}"\n', 'f"{x:{y:{z}}}"\n', "f'{\"a\"'\n",
    'f"{x!r:{y}"\n', 'f"{lambda x: 1}"\n', 'f"{yield}" = 1\n', 'f"{a = }" = 1\n', 'f"{x:}}"\n', 'f"{{}"\n',
    'x = "abc\n', '"""abc\n', "x = ('a'\n", 'f"{1 +}"\n', 'f"{*}"\n',
    # unclosed / mismatched brackets
    'x = (1, 2\n', 'f(\n', '[1, 2\n', '{1: 2\n', 'x = [\n1,\n2\n', 'foo(a, b\nbar = 1\n', 'x = (\n', '(]\n', 'x = 1)\n',
    'def f(a, b:\n    pass\n', 'if (x:\n    pass\n',
    # misc statements
    'return\nx =\n', 'import a b\n', 'global\n', 'nonlocal x y\n', 'assert\n', 'raise from x\n', 'raise x from\n',
    'del\n', 'pass pass\n', 'break 1\n', 'with (a as b, c as d: pass\n', 'with (a, b) as (c, d) e: pass\n',
    'class A(x for x in y): pass\n', '@\ndef f(): pass\n', '@x\n', '@x\nx = 1\n', 'async x = 1\n', 'async with\n',
    'x = *a\n', 'print(a, *b, **c, d)\n', 'a[1:2:3:4]\n', 'a[]\n', 'x = {**}\n', 'x = [**a]\n', '(a, *)\n',
    'yield from\n', 'x = yield from\n', 'not\n', 'a not b\n', 'a is not not b\n', 'a <> b\n', 'x = 1;;\n', ';\n',
    'if x:\n pass\n else:\n  pass\n', 'x = $\n', 'x = 1\n\n\n  \n y = 2\n',
    # non-ASCII text: offsets in code points, AST columns in bytes
    'é = f() = 1\n', 'ñ.x, f(ü) = 1\n', 'x = "é" b"x"\n', 'print "héllo"\n', '(é for é in x, 1)\n', 'ü(a b)\n',
    'f"{é b}"\n', 'x = ("€",\n"€" "€" 1)\n', 'def f(é=1, ü): pass\n', 'del f(é)\n', '{é: *ü}\n', 'if é = 1: pass\n',
    'λ = lambda *: 0\n', '"€" = 1\n',
    # more f-string errors
    'f"{\\n}"\n', 'f"{\'a\'\\n}"\n', 'f"{x!r=}"\n', 'f"{x}}"\n', 'f"{x!rr}"\n', 'f"{!r}"\n',
    'f"""\n{a b}\n"""\n', 'f"{a}{b c}"\n', 'x = 1 + f"{)}"\n', 'f"{x:{1 2}}"\n', 'f"{x=:{y}}" = 1\n',
    # lambda parameters
    'lambda *, **k: 0\n', 'lambda *a, *b: 0\n', 'lambda **k=1: 0\n', 'lambda **k, *a: 0\n', 'lambda a, /, /: 0\n',
    'lambda /: 0\n', 'lambda a=1, /, b: 0\n', 'lambda x=: 0\n', 'lambda a, *, b, /: 0\n',
    # more statements
    'class A(x=1, y):\n pass\n', 'def f() -> :\n pass\n', 'def f(a, *, b=1, c):\n pass\n', 'async def f():\n await = 1\n',
    'for x in range(10):\npass\n', 'while True:\n  x = 1\n y = 2\n', 'x = [i for i in range(3) if]\n', 'x = {**a: 1}\n',
    'global x = 1\n', 'import a.\n', 'from .a import (b,)c\n', 'with open(x) as f, :\n pass\n', 'x = 1 if else 2\n',
    'raise X, "msg"\n', 'exec "x = 1" in ns\n', 'print >>sys.stderr, "x"\n', 'a, b += 1\n', 'f(x)(y) = 1\n',
    'x = (yield) = 1\n', 'match x:\n case {1: a, **_}: pass\n', 'match x:\n case 0 | -0j + 1: pass\n',
    'match x:\n case C(a, b=1, c): pass\n', 'match x:\n  case [a, *b, *c]: pass\n', 'try:\n pass\nexcept*\n pass\n',
    'if x:\n pass\nelse if y:\n pass\n', 'x = {a, b: c}\n', 'x = [a, b: c]\n', 'f(a=1, a)\n', 'f(*a=1)\n', 'f(**a=1)\n',
    '(' * 201 + ')' * 201 + '\n', 'x = 1 +\\\n 2 +\n',
]

# Errors after 30 nested brackets of each kind: the error pass must stay
# linear in nesting depth (pegen's memoized rules), and the error is CPython's.
NEST_OPEN = ['(', '[', '{', 'f(', 'a[', 'not (', '-(', 'lambda: (', '(x for x in (', '[x for x in [', '{x: (',
             '(yield (', 'x = (', '(a:=(', 'print(*(', 'f(a=(', '(1, (', '{**(', 'a[1:(', 'del (', 'with (']
NEST_TAIL = ['1', '1 +', '1 )', ' | a ^ b & {*a, 1}, (*a, 1)', 'a = 1', 'x for x in y', 'a b', '1 if 2', 'a:=1)']
INVALID += [o * 30 + t + '\n' for o in NEST_OPEN for t in NEST_TAIL]
INVALID += ['m(' + o * 30 + t + ')' * 30 + '\n' for o in NEST_OPEN for t in NEST_TAIL]

# A tokenizer error after the parser's error: some replace it, some (CPython's
# tokenizer states without an exception: bad dedent, tabs, line continuation)
# do not; an unexpected indent is never replaced.
REST_HEADS = ['a b\n', '    a\n', 'if 1:\nx\n', 'f(a for a in b, c)\n']
REST_TAILS = ['if 1:\n    x\n  y\n', 'if 1:\n\tx\n        y\n', 'x = 1 \\ 2\n', '"abc\n', '"""abc\n', ')\n', '(]\n',
              '1_\n', '0b2\n', '$\n', 'x = 1\n' + 'if 1:\n ' * 101 + 'x\n', 'a = 09\n', 'x = 1e\n', '\u00a0\n', '€\n',
              '(\n', 'f"{"\n', "x = '\\N{foo}'\n", "b'é'\n", 'x = (1 \\ 2)\n']
INVALID += [h + t for h in REST_HEADS for t in REST_TAILS]
# "expected an indented block" at a DEDENT or at end of file: the tokenizer's cursor.
INVALID += ['def g():\n    try:\n', 'def g():\n    try:', 'if 1:\n  if 2:\n', 'class A:\n  def f(self):\n:=\n  x\n',
            'if 1:\n  if 2:\nx\n', 'if 1:\n  if 1:\n    if 2:\n  x\n', 'if 1:\n  if 1:\n    if 2:\n  x',
            'if 1:\n  if 1:\n    if 2:\n  # c\n\n  x\n', 'if 1:\n  if 2:\n\n\n', 'if 1:\n  if 2:\n  \n# x\n',
            'class A:\n  def f(self):\n    while x:\n  y\n', 'for x in y:\n  with a:\n\tpass\n']
# `primary genexp`: its invalid_comprehension alternative takes '[' and '{'
# too, so a subscript or a brace after an expression gets those checks.
INVALID += ['1{f: (g loop)}\n', '1{f loop, g}\n', '1{*f loop}\n', '1{**f loop}\n', 'de{f loop(timeout=', '1{f loop: x}\n',
            '1{x, (f loop)}\n', 'a[x, y for y in z]\n', 'a[*x for x in y]\n', 'a{*x for x in y}\n', 'a[x, y for y in z] = 1\n',
            'f(a {b c})\n', 'a[x, for y in z]\n', '{a[x, y for x in z]}\n', 'x = [1, 2]{3 4}\n', 'a[b][x, y for y in z] = 3\n',
            'a[b][*x for x in y].c = 3\n', 'x = 1 +  # c\n', 'x = 1 +# c\n', 'if  # c\n  pass\n', 'x = 1 +  # c',
            'x = "é" +  # c\n', 'x = (1 +  # c\n)\n']
# Backslashes in the indentation: the line goes on, the first one (past
# column 0) fixes the indentation; a bad continuation is an error there.
INVALID += [' \\', ' \\   raise', '\n\\\n\n\\\n', '      \\\n  x\n', '  \\\nx\n', 'if 1:\n    x\n  \\\n    y\n',
            '\\\n  x\n', '\\\n', '\\', 'x\n \\\n', 'x\n \\', 'if 1:\n  \\\n  x\n y\n', 'if 1:\n    x\n    \\\n  y\n z\n',
            'x = 1 + \\\n   \\\n  2 3\n', '\\\n\\\n  x\n', 'x = (\\\n  \\\n 1 2)\n', 'if 1:\n  \\\n  \\\n 3 4\n']
# String decoding errors are raised at the token after the strings; a token
# spanning lines keeps its first line in the error's text; INDENT and DEDENT
# errors at the tokenizer's cursor; no generic error from a valid for-target.
INVALID += ["'\\xd' + 1\n", "'\\xd'   \n", "('\\xd'\n)\n", "'\\xd'  # c\n", "'''a\n\\xd'''  + 1\n", "x = '\\xd' 'b'\n",
            "x = 'é\\xd' + 1\n", "x = '\\N{foo}' + 1\n", "x = b'\\xd'  \n", 'x = """a\nb""" c\n',
            'x = """a\nb""" + """c\nd""" e f\n', "try:    '\\xd'     ", 'try:    x = 1\n    y = 2\n',
            'class T:\n\n    def setUp(self):\n        ', 'class P(T):\n\n    @classmethod\n', 'for i x y\n',
            'for i inelse  range(4):\n   t\n', 'del x y\n', 'for x, y z in w: pass\n', 'with a as b c: pass\n',
            'try:\n  x\ny = 1\n', 'if 1:\n  x\n\n  \n']


# (mode, source) pairs for the other compile() modes: modes.tsv holds
# hex(source) mode dump-or-error.
MODES = [
    ('eval', '1 + 2'), ('eval', 'x if y else z\n'), ('eval', 'a, b'), ('eval', '\n\n(a)\n\n'), ('eval', 'lambda: (yield)'),
    ('eval', 'x = 1'), ('eval', 'a b'), ('single', 'x = 1\n'), ('single', 'if x:\n  pass\n\n'), ('single', '\n'),
    ('single', 'f()'), ('single', '@d\ndef f(): pass\n\n'), ('func_type', '(int, str) -> bool'), ('func_type', '() -> None'),
    ('func_type', '(*a, **k) -> int'), ('func_type', '(a) -> b -> c'),
    # eval/single input is not newline-terminated: errors on its last line
    ('eval', '1 +'), ('single', '1 +'), ('eval', 'x = (1,'), ('single', 'f('), ('single', 'if x:'), ('eval', '1 +  '),
    ('eval', 'lambda: '), ('eval', '1 if 2'), ('eval', '"abc'), ('eval', 'x = (1 +\n2'), ('single', '1 +\n'),
]


def mode_row(mode, src):
    try:
        out = ast.dump(ast.parse(src, mode=mode), include_attributes=True)
    except SyntaxError as e:
        out = '\t'.join([type(e).__name__, esc(str(e.msg)), str(e.lineno), str(e.offset), str(e.end_lineno), str(e.end_offset)])
    return src.encode().hex() + '\t' + mode + '\t' + out


def parse_error(src):
    try:
        ast.parse(src)
    except SyntaxError as e:
        return [type(e).__name__, esc(str(e.msg)), str(e.lineno), str(e.offset), str(e.end_lineno), str(e.end_offset), esc(e.text) if e.text is not None else 'None']
    except (MemoryError, RecursionError, ValueError) as e:
        return [type(e).__name__, esc(str(e)), 'None', 'None', 'None', 'None', 'None']
    return None


def main():
    rows = []
    seen = set()
    for src in INVALID:
        if src in seen:
            continue
        seen.add(src)
        r = parse_error(src)
        if r is None:
            print('accepted by ast.parse (dropped):', repr(src), file=sys.stderr)
            continue
        rows.append(src.encode().hex() + '\t' + '\t'.join(r))
    with open(os.path.join(HERE, 'errors.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(rows) + '\n')
    print(len(rows), 'invalid sources', file=sys.stderr)
    with open(os.path.join(HERE, 'modes.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(mode_row(m, s) for m, s in MODES) + '\n')
    for name in sorted(os.listdir(HERE)):
        if name.endswith('.py') and not name.startswith('gen_'):
            data = open(os.path.join(HERE, name), 'rb').read()
            with open(os.path.join(HERE, name[:-3] + '.dump'), 'w', encoding='utf-8') as f:
                f.write(ast.dump(ast.parse(data), include_attributes=True) + '\n')


main()
