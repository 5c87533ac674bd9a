#!/usr/bin/env python3
"""Expected constant folding from CPython 3.11: for each line of cases.txt
(`[O2 ][exec ]SOURCE`, `\\n` escapes a newline; eval mode unless `exec`,
optimize=2 with `O2`), the constants its code object loads with LOAD_CONST,
in instruction order (nested code objects skipped; in exec mode the implicit
final `return None` is dropped and a module docstring adds ["Doc"]).
Output: tests/ast_opt/expected.jsonl, one JSON list of tagged constants
(tests/common/ast_from_py.py's encoding) per case."""
import dis
import json
import os
import sys
import types

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "common"))
from ast_from_py import const  # noqa: E402


def case(line):
    opt, mode = 0, "eval"
    if line.startswith("O2 "):
        opt, line = 2, line[3:]
    if line.startswith("exec "):
        mode, line = "exec", line[5:]
    src = line.replace("\\n", "\n")
    code = compile(src, "<case>", mode, optimize=opt)
    ins = list(dis.get_instructions(code))
    if mode == "exec" and len(ins) >= 2 and ins[-2].opname == "LOAD_CONST" and ins[-2].argval is None \
            and ins[-1].opname == "RETURN_VALUE":
        ins = ins[:-2]
    out = []
    for i in ins:
        if i.opname == "LOAD_CONST" and not isinstance(i.argval, types.CodeType):
            out.append(const(i.argval))
        elif i.opname == "STORE_NAME" and i.argval == "__doc__":
            out.append(["Doc"])
    return out


def main():
    with open(os.path.join(here, "cases.txt")) as f, open(os.path.join(here, "expected.jsonl"), "w") as out:
        for line in f.read().splitlines():
            out.write(json.dumps(case(line)) + "\n")


if __name__ == "__main__":
    main()
