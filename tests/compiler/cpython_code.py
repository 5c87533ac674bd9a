"""Test-only helper for tests/compiler.rs: compile sources with CPython 3.11 and
print, per source, (1) the symbol-table facts pyrite's code generator reads
(a ScopeInfo tree, see src/compiler/scopes.rs) and (2) a canonical dump of every
code object, so the Rust test can compile the same AST and compare field by field.

Usage: cpython_code.py FILE...   (or `-` to read file names from stdin)
Output: one JSON object per file and line: {"path", "scopes", "code"} or {"path", "error"}.

The scope facts come from CPython's `symtable` module (symbols with raw flags,
parameters, children); the few entry flags that module does not expose
(generator, coroutine, varargs, varkeywords, comprehension, needs_class_closure)
are derived from the AST the way CPython's symtable.c sets them.
"""
import ast, importlib.util, json, struct, symtable, sys

COMP = {ast.ListComp: 'listcomp', ast.SetComp: 'setcomp', ast.DictComp: 'dictcomp', ast.GeneratorExp: 'genexpr'}
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def scope_name(n):
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return n.name
    if isinstance(n, ast.Lambda):
        return 'lambda'
    return COMP[type(n)]


def is_scope(n):
    return isinstance(n, FUNCS + (ast.ClassDef,)) or type(n) in COMP


def outer_parts(n):
    """Parts of a scope node evaluated in the enclosing scope."""
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = n.args
        out = list(n.decorator_list) + list(a.defaults) + [d for d in a.kw_defaults if d]
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if arg is not None and arg.annotation is not None:
                out.append(arg.annotation)
        if n.returns is not None:
            out.append(n.returns)
        return out
    if isinstance(n, ast.ClassDef):
        return list(n.decorator_list) + list(n.bases) + [k.value for k in n.keywords]
    if isinstance(n, ast.Lambda):
        return list(n.args.defaults) + [d for d in n.args.kw_defaults if d]
    return [n.generators[0].iter]


def inner_parts(n):
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return list(n.body)
    if isinstance(n, ast.Lambda):
        return [n.body]
    out = []
    for i, g in enumerate(n.generators):
        out.append(g.target)
        out.extend(g.ifs)
        if i:
            out.append(g.iter)
    if isinstance(n, ast.DictComp):
        out += [n.key, n.value]
    else:
        out.append(n.elt)
    return out


def own_nodes(parts):
    """All nodes of one scope's own code, plus the nested scope nodes met."""
    stack = list(parts)
    nodes, scopes = [], []
    while stack:
        x = stack.pop()
        if is_scope(x):
            scopes.append(x)
            stack.extend(outer_parts(x))
            continue
        nodes.append(x)
        stack.extend(ast.iter_child_nodes(x))
    return nodes, scopes


def facts(tree):
    """(name, lineno) -> list of entry-flag dicts, in walk order."""
    out = {}

    def visit(n):
        nodes, subs = own_nodes(inner_parts(n))
        gen = any(isinstance(x, (ast.Yield, ast.YieldFrom)) for x in nodes)
        coro = isinstance(n, ast.AsyncFunctionDef) or any(isinstance(x, ast.Await) for x in nodes)
        if type(n) in COMP:
            gen = isinstance(n, ast.GeneratorExp)
            if any(g.is_async for g in n.generators):
                coro = True
        for s in subs:
            sub = visit(s)
            if type(s) in COMP and sub['coroutine'] and not sub['generator']:
                coro = True
        f = {'generator': gen, 'coroutine': coro,
             'varargs': isinstance(n, FUNCS) and n.args.vararg is not None,
             'varkeywords': isinstance(n, FUNCS) and n.args.kwarg is not None,
             'comprehension': type(n) in COMP}
        out.setdefault((scope_name(n), n.lineno), []).append(f)
        return f

    _, subs = own_nodes(tree.body if hasattr(tree, 'body') and isinstance(tree.body, list) else [tree.body])
    for s in subs:
        visit(s)
    return out


def dump_table(t, fx):
    syms = {}
    for s in t.get_symbols():
        syms[s.get_name()] = s._Symbol__flags | (s._Symbol__scope << 11)
    kind = t.get_type()
    d = {'kind': 'module' if kind == 'module' else 'class' if kind == 'class' else 'function',
         'name': t.get_name(), 'lineno': t.get_lineno(), 'symbols': syms,
         'varnames': list(t._table.varnames), 'nested': t.is_nested(),
         'generator': False, 'coroutine': False, 'varargs': False, 'varkeywords': False,
         'comprehension': False, 'needs_class_closure': False}
    if kind != 'module':
        lst = fx.get((t.get_name(), t.get_lineno()))
        if lst:
            d.update(lst.pop(0))
    d['children'] = [dump_table(c, fx) for c in t.get_children()]
    if kind == 'class':
        d['needs_class_closure'] = any(
            (c['symbols'].get('__class__', 0) >> 11) & 7 == 4 for c in d['children'] if c['kind'] == 'function')
    return d


def const(c):
    if isinstance(c, bool) or c is None or c is Ellipsis:
        return repr(c)
    if isinstance(c, int):
        return 'int:%d' % c
    if isinstance(c, float):
        return 'float:%016x' % struct.unpack('<Q', struct.pack('<d', c))[0]
    if isinstance(c, complex):
        return 'complex:%016x:%016x' % (struct.unpack('<Q', struct.pack('<d', c.real))[0],
                                       struct.unpack('<Q', struct.pack('<d', c.imag))[0])
    if isinstance(c, str):
        return 'str:' + c.encode('utf-8', 'surrogatepass').hex()
    if isinstance(c, bytes):
        return 'bytes:' + c.hex()
    if isinstance(c, tuple):
        return '(' + ','.join(const(x) for x in c) + ')'
    if isinstance(c, frozenset):
        return 'frozenset{' + ','.join(sorted(const(x) for x in c)) + '}'
    if hasattr(c, 'co_code'):
        return 'code:' + c.co_qualname
    return 'unknown:' + repr(c)


def dump_code(co, out):
    out.append({
        'qualname': co.co_qualname, 'name': co.co_name, 'firstlineno': co.co_firstlineno,
        'argcount': co.co_argcount, 'posonlyargcount': co.co_posonlyargcount,
        'kwonlyargcount': co.co_kwonlyargcount, 'stacksize': co.co_stacksize, 'flags': co.co_flags,
        'code': co.co_code.hex(), 'consts': [const(c) for c in co.co_consts], 'names': list(co.co_names),
        'localsplus': list(co.co_varnames) + [n for n in co.co_cellvars if n not in co.co_varnames] + list(co.co_freevars),
        'kinds': ''.join('%02x' % (0x20 | (0x40 if n in co.co_cellvars else 0)) for n in co.co_varnames)
        + ''.join('40' for n in co.co_cellvars if n not in co.co_varnames) + '80' * len(co.co_freevars),
        'linetable': co.co_linetable.hex(), 'exceptiontable': co.co_exceptiontable.hex(),
    })
    for c in co.co_consts:
        if hasattr(c, 'co_code'):
            dump_code(c, out)
    return out


def process(path, source=None):
    try:
        if source is None:
            with open(path, 'rb') as f:
                source = f.read()
        tree = ast.parse(source, path)
        co = compile(tree, path, 'exec', dont_inherit=True)
        text = importlib.util.decode_source(source) if isinstance(source, bytes) else source
        st = symtable.symtable(text, path, 'exec')
        return {'path': path, 'scopes': dump_table(st, facts(tree)), 'code': dump_code(co, [])}
    except Exception as e:  # CPython rejects it: the test skips such files
        return {'path': path, 'error': '%s: %s' % (type(e).__name__, e)}


def main():
    paths = sys.argv[1:]
    if paths == ['-']:
        paths = [l.rstrip('\n') for l in sys.stdin if l.strip()]
    for p in paths:
        print(json.dumps(process(p)))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
