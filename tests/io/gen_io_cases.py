"""Run tests/io/cases.txt under CPython 3.11 and write cases.expected.

Each line of cases.txt is one Python statement over the `_io` module's names
and a few helpers (P, rawfile, writefile, bytearray, bytes, list, next, len,
memoryview, tuple, pipe, big): an expression (its repr is printed), an assignment or a
`del` ("ok" is printed). An exception prints as `!Type: message`. The
temporary directory's path is printed as TMP. tests/io.rs runs the same
lines through pyrite's `_io` and compares.
"""
import _io, os, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
tmp = tempfile.mkdtemp(prefix="pyrite-io-")


def P(name):
    return os.path.join(tmp, name)


def rawfile(path):
    with open(path, "rb") as f:
        return f.read()


def writefile(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


env = {n: getattr(_io, n) for n in dir(_io) if not n.startswith("__")}
env.update(P=P, rawfile=rawfile, writefile=writefile, bytearray=bytearray, bytes=bytes,
           list=list, next=next, len=len, memoryview=memoryview, tuple=tuple, pipe=os.pipe,
           big=lambda n: "".join("é" if i % 7 == 0 else "\n" if i % 11 == 0 else chr(97 + i % 26) for i in range(n)))
out = []
with open(os.path.join(here, "cases.txt"), encoding="utf-8") as f:
    lines = f.read().split("\n")
for i, line in enumerate(lines, 1):
    s = line.strip()
    if not s or s.startswith("#"):
        continue
    try:
        if s.startswith("del ") or ("=" in s.split("(")[0] and not s.split("(")[0].rstrip().endswith("=")
                                    and "==" not in s.split("(")[0]):
            exec(s, env)
            r = "ok"
        else:
            r = repr(eval(s, env))
    except BaseException as e:
        r = "!%s: %s" % (type(e).__name__, e)
    out.append("%d: %s" % (i, r.replace(tmp, "TMP")))
with open(os.path.join(here, "cases.expected"), "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
for n in os.listdir(tmp):
    os.unlink(os.path.join(tmp, n))
os.rmdir(tmp)
print(len(out), "cases")

# The standard streams as CPython 3.11 creates them (C locale, buffered,
# stdout not a terminal) -> std_streams.expected, for io::std_stream.
import subprocess
code = ("import sys\n"
        "for s in (sys.stdin, sys.stdout, sys.stderr):\n"
        "    print(repr(s), s.encoding, s.errors, s.line_buffering, s.write_through, repr(s.buffer), repr(s.buffer.raw), s.buffer.raw.closefd)\n")
envp = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONIOENCODING")}
envp["LC_ALL"] = "C"
r = subprocess.run([sys.executable, "-c", code], env=envp, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                   stderr=subprocess.DEVNULL, check=True)
with open(os.path.join(here, "std_streams.expected"), "wb") as f:
    f.write(r.stdout)
