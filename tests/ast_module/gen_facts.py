"""Facts about CPython 3.11's `_ast` classes, for tests/ast_module.rs.

  python3 tests/ast_module/gen_facts.py OUT

One line per class (tab-separated): name, base, _fields, __match_args__,
_attributes (as seen through the class), repr of __doc__, the class
attributes that are None (own dict, sorted), then the TypeError message of
calling the class with len(_fields)+1 positional arguments, then the repr of
sorted(vars(cls(*range(len(_fields)))).items()). Then one line per module
constant: `const\tNAME\tVALUE`.
"""
import _ast
import sys


def walk(cls):
    yield cls
    for sub in cls.__subclasses__():
        if sub.__module__ == "ast" and getattr(_ast, sub.__name__, None) is sub:
            yield from walk(sub)


with open(sys.argv[1], "w") as out:
    for c in walk(_ast.AST):
        n = len(c._fields)
        try:
            c(*range(n + 1))
            err = "-"
        except TypeError as e:
            err = str(e)
        inst = c(*range(n))
        nones = sorted(k for k, v in c.__dict__.items() if v is None and not k.startswith("__"))
        base = c.__bases__[0].__name__
        out.write("\t".join([c.__name__, base, ",".join(c._fields), ",".join(c.__match_args__),
                             ",".join(c._attributes), repr(c.__doc__), ",".join(nones), err,
                             repr(sorted(vars(inst).items())), ",".join(sorted(c.__dict__)),
                             repr(inst.__reduce_ex__(4)) if not c._fields else "-"]) + "\n")
    for k in sorted(dir(_ast)):
        if k.startswith("PyCF_"):
            out.write("const\t%s\t%d\n" % (k, getattr(_ast, k)))
