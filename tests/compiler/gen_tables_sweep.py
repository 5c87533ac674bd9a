# Run at test time by tests/opcode.rs: compiles every stdlib file given on stdin
# (one path per line) with CPython 3.11 and prints, for every code object, its
# first line, location table, exception table (hex), co_positions() and co_lines().
import sys
def walk(co):
    yield co
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            yield from walk(c)
def opt(v):
    return "N" if v is None else str(v)
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    try:
        with open(path, "rb") as f:
            top = compile(f.read(), path, "exec", dont_inherit=True)
    except Exception:
        continue
    for co in walk(top):
        print("code", co.co_firstlineno, len(co.co_code) // 2, co.co_linetable.hex() or "-", co.co_exceptiontable.hex() or "-")
        print("pos", " ".join(",".join(map(opt, p)) for p in co.co_positions()))
        print("lines", " ".join("%d,%d,%s" % (a, b, opt(l)) for a, b, l in co.co_lines()))
