"""Generate tests/builtins/cases.txt from CPython 3.11 (run: python3 gen_cases.py).

Each case is Python source: statements `name = expr` and a final expression,
evaluated in CPython with sys.stdin/stdout/stderr (and the name W) replaced by
StringIO objects. The line records the case as a marshalled tree that pyrite's
test evaluates without an evaluator (calls, attribute reads, method calls,
names, literals, list/tuple/dict/set displays, assignments), the stdin text,
and CPython's outcome: repr of the result (addresses replaced by 0x?) or the
exception's class and message, plus what was written to stdout.
"""
import ast, io, marshal, re, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))


def tree(node):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return -node.operand.value if not isinstance(node.operand.value, str) else ("$neg", node.operand.value)
    if isinstance(node, ast.Name):
        return ("$n", node.id)
    if isinstance(node, ast.Attribute):
        return ("$attr", tree(node.value), node.attr)
    if isinstance(node, ast.Call):
        args = tuple(tree(a) for a in node.args)
        kw = {k.arg: tree(k.value) for k in node.keywords}
        if isinstance(node.func, ast.Attribute):
            return ("$meth", tree(node.func.value), node.func.attr, args, kw)
        return ("$call", tree(node.func), args, kw)
    if isinstance(node, ast.List):
        return ("$list", tuple(tree(e) for e in node.elts))
    if isinstance(node, ast.Tuple):
        return ("$tuple", tuple(tree(e) for e in node.elts))
    if isinstance(node, ast.Set):
        return ("$set", tuple(tree(e) for e in node.elts))
    if isinstance(node, ast.Dict):
        return ("$dict", tuple(tree(e) for e in node.keys), tuple(tree(e) for e in node.values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return ("$neg", tree(node.operand))
    if isinstance(node, ast.Subscript):
        return ("$bin", "[]", tree(node.value), tree(node.slice))
    if isinstance(node, ast.Assign):
        raise ValueError("nested assignment")
    if isinstance(node, ast.BinOp):
        op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}[type(node.op)]
        return ("$bin", op, tree(node.left), tree(node.right))
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        op = {ast.Eq: "==", ast.Is: "is", ast.In: "in"}[type(node.ops[0])]
        return ("$bin", op, tree(node.left), tree(node.comparators[0]))
    raise ValueError("unsupported: " + ast.dump(node))


def case_tree(src):
    mod = ast.parse(src)
    stmts = []
    for s in mod.body:
        if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Attribute):
            t = s.targets[0]
            stmts.append(("$setattr", tree(t.value), t.attr, tree(s.value)))
        elif isinstance(s, ast.Assign):
            stmts.append(("$assign", s.targets[0].id, tree(s.value)))
        else:
            stmts.append(tree(s.value))
    return ("$seq", tuple(stmts))


def norm(s):
    return re.sub(r" at 0x[0-9a-f]+", " at 0x?", s)


def run(src, stdin):
    out = io.StringIO()
    ns = {"W": out}
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin or ""), out, io.StringIO()
    try:
        mod = ast.parse(src)
        last = mod.body.pop()
        exec(compile(mod, "<case>", "exec"), ns)
        if isinstance(last, ast.Expr):
            v = eval(compile(ast.Expression(last.value), "<case>", "eval"), ns)
        else:
            exec(compile(ast.Module([last], []), "<case>", "exec"), ns)
            v = None
        r = "= " + norm(repr(v))
    except BaseException as e:
        r = "! %s: %s" % (type(e).__name__, norm(str(e)))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return r + " | " + repr(out.getvalue())


ANEXT_OPS = [
    "aiter(o) is o",
    "anext(o) is o",
    "type(a).__name__",
    "a.__await__() is a",
    "next(a)",
    "next(a)",
    "a.send(None)",
    "a.throw(ValueError)",
    "a.close()",
    "aiter(NotAsyncIter())",
    "anext(1, 2)",
    "aiter(1)",
    "next(anext(NoAwait(), 1))",
]


def anext_cases():
    """The anext/aiter operations of tests/builtins.rs on the same objects,
    written as Python classes here (pyrite builds them with PyType_FromSpec)."""
    def raiser():
        raise StopAsyncIteration

    class AIt:
        def __aiter__(self):
            return self

        def __anext__(self):
            return self

        def __await__(self):
            return iter(raiser, None)

    class NotAsyncIter:
        def __aiter__(self):
            return 1

    class NoAwait:
        def __anext__(self):
            return 1

    o = AIt()
    ns = {"o": o, "a": anext(o, 42), "NotAsyncIter": NotAsyncIter, "NoAwait": NoAwait}
    out = []
    for op in ANEXT_OPS:
        try:
            r = "= " + norm(repr(eval(op, ns)))
        except BaseException as e:
            r = "! %s: %s" % (type(e).__name__, norm(str(e)))
        out.append(op + "\t" + marshal.dumps(case_tree(op), 2).hex() + "\t" + r + " | ''")
    return out


def main():
    lines = []
    for raw in open(os.path.join(HERE, "cases.py.txt")):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.startswith("#"):
            continue
        stdin = None
        if " <<< " in raw:
            raw, stdin = raw.split(" <<< ")
            stdin = ast.literal_eval(stdin)
        t = marshal.dumps(case_tree(raw), 2).hex()
        lines.append("\t".join([raw, t, "-" if stdin is None else stdin.encode().hex(), run(raw, stdin)]))
    with open(os.path.join(HERE, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "anext.txt"), "w") as f:
        f.write("\n".join(anext_cases()) + "\n")
    import builtins
    with open(os.path.join(HERE, "names.txt"), "w") as f:
        f.write("\n".join(dir(builtins)) + "\n")
    print(len(lines), "cases")


main()
