#!/usr/bin/env python3
"""Expected symbol tables from CPython 3.11's `_symtable` (the C symbol table
behind the `symtable` module), dumped in the format tests/symtable.rs prints.

  gen_symtable.py --corpus               tests/symtable/*.py -> *.sym (committed)
  gen_symtable.py --stdlib STRIDE OUT    every STRIDE-th stdlib file: chunks
                                         "\\x01PATH\\n" + dump (or "ERROR ...")

Dump: one line per block, `TYPE NAME line=N nested=B`, then `varnames: ...`,
then one line per symbol `NAME FLAGS` (raw flags incl. scope bits, sorted by
name: CPython adds some symbols in set order), then the children, indented.
Errors: `ERROR Class: msg lineno offset end_lineno end_offset`.
"""
import _symtable
import ast
import os
import sys
import sysconfig

TYPES = {0: "function", 1: "class", 2: "module", 3: "annotation"}


def dump(t, ind="", out=None):
    out.append("%s%s %s line=%d nested=%d" % (ind, TYPES[t.type], t.name, t.lineno, t.nested))
    out.append("%s  varnames: %s" % (ind, " ".join(t.varnames)))
    for name in sorted(t.symbols):
        out.append("%s  %s %d" % (ind, name, t.symbols[name]))
    for c in t.children:
        dump(c, ind + "  ", out)
    return out


def table_dump(src, filename):
    try:
        t = _symtable.symtable(src, filename, "exec")
    except (SyntaxError, RecursionError) as e:
        return "ERROR %s: %s %s %s %s %s\n" % (type(e).__name__, getattr(e, "msg", str(e)), getattr(e, "lineno", None),
                                               getattr(e, "offset", None), getattr(e, "end_lineno", None),
                                               getattr(e, "end_offset", None))
    return "\n".join(dump(t, "", [])) + "\n"


def main(argv):
    sys.setrecursionlimit(10000)
    here = os.path.dirname(os.path.abspath(__file__))
    if argv[0] == "--corpus":
        for f in sorted(os.listdir(here)):
            if f.endswith(".py") and not f.startswith("gen_"):
                with open(os.path.join(here, f), "rb") as fh:
                    src = fh.read()
                with open(os.path.join(here, f[:-3] + ".sym"), "w") as fh:
                    fh.write(table_dump(src, f))
    elif argv[0] == "--stdlib":
        stride, out = int(argv[1]), argv[2]
        root = sysconfig.get_paths()["stdlib"]
        paths = []
        for d, dirs, files in os.walk(root):
            dirs.sort()
            if "site-packages" in d or "dist-packages" in d:
                continue
            paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(".py")]
        with open(out, "w") as fh:
            for p in paths[::stride]:
                with open(p, "rb") as f:
                    src = f.read()
                try:
                    ast.parse(src, p)
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    continue  # the parser rejects it: nothing for the symbol table
                fh.write("\x01%s\n%s" % (p, table_dump(src, p)))


if __name__ == "__main__":
    main(sys.argv[1:])
