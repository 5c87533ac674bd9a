"""Run at test time by tests/marshal.rs: compile every stdlib .py file CPython
compiles and write, per file, the marshal bytes of its code object at versions
2 and 4 to OUT as records: u32 path length, path, u32 length, v2 bytes, u32
length, v4 bytes (little endian). Usage: gen_stdlib_code.py OUT [LIMIT]"""
import marshal, os, struct, sys, sysconfig, warnings

out, limit = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None
root = sysconfig.get_paths()["stdlib"]
files = []
for d, dirs, fs in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "__pycache__"))
    files += [os.path.join(d, f) for f in sorted(fs) if f.endswith(".py")]
warnings.simplefilter("ignore")
n = 0
with open(out, "wb") as f:
    for p in files:
        try:
            with open(p, "rb") as s:
                code = compile(s.read(), p, "exec", dont_inherit=True)
        except Exception:
            continue
        rec = [os.path.relpath(p, root).encode(), marshal.dumps(code, 2), marshal.dumps(code, 4)]
        for r in rec:
            f.write(struct.pack("<I", len(r)) + r)
        n += 1
        if limit and n >= limit:
            break
