"""TextIOWrapper tell()/seek() cookies under CPython 3.11 -> tell_cases.txt.

For each text, encoding, newline mode, chunk size and reading style
(read(1) or readline()), CPython reads a TextIOWrapper over a BytesIO to the
end, recording tell() before every read and what the read returned; then it
seeks back to every recorded cookie and records read(). One line per case:
  encoding|newline(hex)|chunk|style|data(hex)|cookies|pieces(hex utf-8)|rests(hex utf-8)
(cookies as decimal, lists comma-separated, "-" for an empty hex string).
tests/io.rs replays each case in pyrite and compares everything.
"""
import _io, os

here = os.path.dirname(os.path.abspath(__file__))
texts = [
    "héllo\r\nwörld\rx\ny",
    "a\r\n" * 7 + "b",
    "日本語\r\ntext\n\r\n",
    "\U0001f600\r\r\n\n x\r",
    "plain ascii line\nsecond line\n",
]
encodings = ["utf-8", "utf-16", "utf-32-le", "utf-8-sig", "latin-1", "utf-16-be"]
newlines = [None, "", "\n", "\r", "\r\n"]
chunks = [1, 2, 3, 5, 8192]


def hx(s):
    return s.encode("utf-8", "surrogatepass").hex() or "-"


out = []
for text in texts:
    for enc in encodings:
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            continue
        for nl in newlines:
            for cs in chunks:
                for style in "cl":
                    t = _io.TextIOWrapper(_io.BytesIO(data), encoding=enc, newline=nl)
                    t._CHUNK_SIZE = cs
                    cookies, pieces = [], []
                    while True:
                        cookies.append(t.tell())
                        p = t.read(1) if style == "c" else t.readline()
                        pieces.append(p)
                        if not p:
                            break
                    rests = []
                    for c in cookies:
                        t.seek(c)
                        rests.append(t.read())
                    nlh = "N" if nl is None else (nl.encode().hex() or "-")
                    out.append("|".join([enc, nlh, str(cs), style, data.hex() or "-",
                                         ",".join(map(str, cookies)),
                                         ",".join(map(hx, pieces)), ",".join(map(hx, rests))]))
with open(os.path.join(here, "tell_cases.txt"), "w") as f:
    f.write("\n".join(out) + "\n")
print(len(out), "cases")
