"""Outcomes of compile() on hand-built trees, for tests/ast_module.rs.

  python3 tests/ast_module/gen_trees.py CASES OUT

CASES has one case per line: `MODE<TAB>EXPR`, EXPR a constructor expression
over the names of `ast` plus the helpers below (the test evaluates the same
expression with a small interpreter of its own). OUT gets one line per case:
`OK` or `<ExceptionClass>: <message>` of compile(tree, '<t>', MODE).
"""
import ast
import sys
from ast import *  # noqa: F401,F403

P = dict(lineno=1, col_offset=0)


def E(v):
    return Module([Expr(v, **P)], [])


def N(id="x", ctx=None):
    return Name(id, ctx if ctx is not None else Load(), **P)


def C(v):
    return Constant(v, **P)


def PASS():
    return Pass(**P)


def M(p):
    return Module([Match(N(), [match_case(p, None, [PASS()])], **P)], [])


def Q(**kw):
    return dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=0, **kw)


with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        mode, expr = line.split("\t")
        try:
            tree = eval(expr)
            compile(tree, "<t>", mode)
            r = "OK"
        except Exception as e:  # noqa: BLE001
            r = "%s: %s" % (type(e).__name__, e)
        out.write(r + "\n")
        out.flush()

# Some invalid trees leave CPython 3.11 in a state that crashes at shutdown;
# every result is written, so leave without finalizing.
import os  # noqa: E402

os._exit(0)
