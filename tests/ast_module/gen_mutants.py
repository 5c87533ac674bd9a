"""Mutated trees and CPython's compile() outcome, for tests/ast_module.rs.

  python3 tests/ast_module/gen_mutants.py OUT N SEED

Takes top-level statements of stdlib files, parses them, changes 1-3 random
fields or attributes of random nodes (deleted, or set to None, ints, strs,
bytes, lists, other nodes, context/operator instances...), and writes one line
per case: `EXPR<TAB>OUTCOME`, EXPR the tree as a constructor expression
(`Module(body=[...], type_ignores=[])`, read back by the test's interpreter)
and OUTCOME `OK` or `<ExceptionClass>: <message>` of compile(tree, '<t>',
'exec'). Each compile runs in a forked child: some invalid trees crash
CPython 3.11; those cases are left out.
"""
import ast
import copy
import math
import os
import random
import sys
import sysconfig
import warnings

warnings.simplefilter("ignore")


def ser(v):
    if isinstance(v, ast.AST):
        parts = []
        for k in v._fields + v._attributes:
            if hasattr(v, k):
                parts.append("%s=%s" % (k, ser(getattr(v, k))))
        return "%s(%s)" % (type(v).__name__, ", ".join(parts))
    if isinstance(v, list):
        return "[%s]" % ", ".join(ser(x) for x in v)
    if isinstance(v, tuple):
        return "(%s)" % "".join(ser(x) + ", " for x in v)
    if v is Ellipsis:
        return "..."
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError
    if isinstance(v, (bool, int, float, complex, str, bytes)) or v is None:
        return repr(v)
    raise ValueError


def nodes(t):
    out = []
    for n in ast.walk(t):
        out.append(n)
    return out


def pool(all_nodes, rnd):
    other = copy.deepcopy(rnd.choice(all_nodes))
    return rnd.choice([
        None, 0, -1, 1, 2 ** 31, -2 ** 31, True, "x", "None", "_", "", "u", b"b", 1.5, 2j, (1, "a"),
        [], [None], [other], other, ast.Load(), ast.Store(), ast.Del(), ast.Add(), ast.Not(), ast.Eq(), ast.And(),
    ])


def mutate(tree, rnd):
    all_nodes = nodes(tree)
    for _ in range(rnd.randint(1, 3)):
        n = rnd.choice(all_nodes)
        names = list(n._fields) if n._fields and rnd.random() < 0.85 else list(n._fields + n._attributes)
        if not names:
            continue
        k = rnd.choice(names)
        if rnd.random() < 0.15:
            if hasattr(n, k):
                delattr(n, k)
        else:
            setattr(n, k, pool(all_nodes, rnd))


def outcome(tree):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            compile(tree, "<t>", "exec")
            res = "OK"
        except Exception as e:  # noqa: BLE001
            res = "%s: %s" % (type(e).__name__, e)
        os.write(w, res.encode("utf-8", "surrogatepass"))
        os._exit(0)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
    os.close(r)
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    return data.decode("utf-8", "surrogatepass")


def main():
    out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    root = sysconfig.get_paths()["stdlib"]
    files = sorted(f for f in os.listdir(root) if f.endswith(".py"))
    made = 0
    with open(out, "w", encoding="utf-8", errors="surrogatepass") as f:
        while made < n:
            path = os.path.join(root, rnd.choice(files))
            try:
                mod = ast.parse(open(path, "rb").read())
            except (SyntaxError, ValueError):
                continue
            stmts = [s for s in mod.body if (s.end_lineno or s.lineno) - s.lineno < 12]
            if not stmts:
                continue
            tree = ast.Module(body=rnd.sample(stmts, min(len(stmts), rnd.randint(1, 2))), type_ignores=[])
            try:
                tree = copy.deepcopy(tree)
                mutate(tree, rnd)
                expr = ser(tree)
            except Exception:  # noqa: BLE001 (a mutation CPython's own helpers trip on)
                continue
            res = outcome(tree)
            if res is None or "\n" in res or "\t" in res:
                continue
            f.write("%s\t%s\n" % (expr, res))
            made += 1


main()
