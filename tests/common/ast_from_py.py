#!/usr/bin/env python3
"""Test-only bridge: CPython 3.11's AST as JSON, for Rust tests to read into
`pyrite::parser::ast::Mod` (tests/common/ast_from_py.rs) before pyrite's own
parser is available, and as the reference tree after.

Usage:
  ast_from_py.py [--mode exec|eval|single|func_type] FILE      one tree
  ast_from_py.py [--mode M] --string SOURCE                     one tree
  ast_from_py.py [--mode M] --batch                              paths on stdin, one per line
  ast_from_py.py [--mode M] --batch-hex                          hex-encoded sources on stdin

Output: one JSON line per input: {"ok": MOD} or {"err": [class, msg, lineno, offset]}.
Encoding: a node is an object {"_": kind, field: value..., "loc": [l, c, el, ec]}
(loc only for node kinds CPython gives positions); field-less nodes
(operators, contexts) are plain strings; constants are tagged arrays:
["None"], ["Bool", b], ["Ellipsis"], ["Int", "decimal"], ["Float", ieee-bits],
["Complex", real-bits, imag-bits], ["Str", s], ["StrCodes", [code points]]
(lone surrogates), ["Bytes", "hex"], ["Tuple", [...]], ["FrozenSet", [...]].
"""
import ast
import json
import struct
import sys


def fbits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def const(v):
    if v is None:
        return ["None"]
    if v is True or v is False:
        return ["Bool", v]
    if v is Ellipsis:
        return ["Ellipsis"]
    if isinstance(v, int):
        return ["Int", str(v)]
    if isinstance(v, float):
        return ["Float", fbits(v)]
    if isinstance(v, complex):
        return ["Complex", fbits(v.real), fbits(v.imag)]
    if isinstance(v, str):
        try:
            v.encode("utf-8")
            return ["Str", v]
        except UnicodeEncodeError:
            return ["StrCodes", [ord(c) for c in v]]
    if isinstance(v, bytes):
        return ["Bytes", v.hex()]
    if isinstance(v, tuple):
        return ["Tuple", [const(x) for x in v]]
    if isinstance(v, frozenset):
        return ["FrozenSet", [const(x) for x in v]]
    raise TypeError("unexpected constant %r" % (v,))


def node(n):
    if isinstance(n, list):
        return [node(x) for x in n]
    if not isinstance(n, ast.AST):
        return n  # str identifiers, ints, None
    if not n._fields and not n._attributes:
        return type(n).__name__
    out = {"_": type(n).__name__}
    for f in n._fields:
        v = getattr(n, f, None)
        if f == "value" and isinstance(n, (ast.Constant, ast.MatchSingleton)):
            out[f] = const(v)
        else:
            out[f] = node(v)
    if "lineno" in n._attributes:
        out["loc"] = [n.lineno, n.col_offset, n.end_lineno, n.end_col_offset]
    return out


def one(source, filename, mode):
    try:
        tree = ast.parse(source, filename, mode)
    except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError) as e:
        return {"err": [type(e).__name__, str(getattr(e, "msg", e)),
                        getattr(e, "lineno", None), getattr(e, "offset", None)]}
    return {"ok": node(tree)}


def main(argv):
    mode = "exec"
    if len(argv) >= 2 and argv[0] == "--mode":
        mode, argv = argv[1], argv[2:]
    sys.setrecursionlimit(100000)
    w = sys.stdout.write
    if argv and argv[0] == "--batch":
        for line in sys.stdin:
            path = line.rstrip("\n")
            if not path:
                continue
            try:
                with open(path, "rb") as f:
                    src = f.read()
            except OSError as e:
                w(json.dumps({"err": ["OSError", str(e), None, None]}) + "\n")
                continue
            w(json.dumps(one(src, path, mode)) + "\n")
    elif argv and argv[0] == "--batch-hex":
        for line in sys.stdin:
            w(json.dumps(one(bytes.fromhex(line.strip()), "<string>", mode)) + "\n")
    elif argv and argv[0] == "--string":
        w(json.dumps(one(argv[1], "<string>", mode)) + "\n")
    else:
        with open(argv[0], "rb") as f:
            w(json.dumps(one(f.read(), argv[0], mode)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
