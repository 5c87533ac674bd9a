"""Expected values for tests/tokenizer.rs, recorded from CPython 3.11.

  python3 tests/tokenizer/gen_expected.py            # regenerate *.tokens and errors.tsv
  python3 tests/tokenizer/gen_expected.py --stdlib OUT  # dump every stdlib .py to OUT

Token dump: one line per token, `EXACT_NAME sl,sc-el,ec text` (tokenize module,
code-point columns), text escaped by `esc`. errors.tsv: one invalid source per
line: hex(source) class msg lineno offset end_lineno end_offset text.
"""
import io, os, sys, tokenize, token, warnings

HERE = os.path.dirname(os.path.abspath(__file__))


def esc(s):
    out = []
    for ch in s:
        if ch == '\\': out.append('\\\\')
        elif ch == '\n': out.append('\\n')
        elif ch == '\r': out.append('\\r')
        elif ch == '\t': out.append('\\t')
        elif ord(ch) < 0x20 or ord(ch) == 0x7f: out.append('\\x%02x' % ord(ch))
        else: out.append(ch)
    return ''.join(out)


def dump(data):
    lines = []
    for t in tokenize.tokenize(io.BytesIO(data).readline):
        lines.append('%s %d,%d-%d,%d %s' % (token.tok_name[t.exact_type], t.start[0], t.start[1],
                                           t.end[0], t.end[1], esc(t.string)))
    return '\n'.join(lines) + '\n'


# Invalid sources whose error CPython's tokenizer (or literal decoding) reports.
INVALID = [
    b'\xff', b'x = 1\n\xff\n', b'# coding: foo\n', b'\xef\xbb\xbf# coding: latin-1\n',
    b'x = "\xff"\n', b'x = "\xff"  + 1\n', b'x = "\xff"+1\n', b'f("\xff", 2)\n', b'x = "\xff" # c\n', b'x = "\xff"abc\n', b'print("b\xf6se")\n', b'x = "\xff" ** 2\n', b'x = "\xff"   \n', b'x = "a\xffb"==c\n', b'y = "\xe9abc"\n', b'x = "\xe2\x82"\n', b'\xa0x\n', b'x = 1\x00\n',
    b'1_\n', b'0x\n', b'0x_\n', b'0xg\n', b'0x1_\n', b'012\n', b'0_7\n', b'09\n', b'0o8\n', b'0o18\n', b'0o\n',
    b'0o1_\n', b'0b2\n', b'0b12\n', b'0b\n', b'0b1_\n', b'1e\n', b'1e+\n', b'1e-x\n', b'1__0\n',
    b'1a\n', b'1.e\n', b'1_000_\n', b'1.5_\n', b'1e1_\n', b'1jj\n', b'1.5x\n', b'0_\n', b'00_\n',
    b'0x1g\n', b'0o7a\n', b'0b1z\n', b'1.2.3e\n', b'.5_\n', b'1_a\n',
    b'"abc\n', b"'abc\n", b'x = rb"abc\n', b'x = f"abc\n', b'"""abc\n\n', b"'''abc\n", b'x = """\nabc\n',
    b'x = 1\ny = "abc\n', b'"abc\\\n',
    b'x = \xe2\x82\xac\n', b'x = a\xe2\x80\x8b\n', b'\xe2\x82\xac = 1\n', b'a\xe2\x82\xacb = 1\n',
    b'x = \x01\n', b'x = \xc2\xa0\n', b'x = 1 \xc2\xb2\n', b'def f\xc2\xa7(): pass\n',
    b'a = (1,\n', b'f(\n', b'{\n', b'x = (1, [2, {3\n',
    b')\n', b']\n', b'}\n', b'x = 1)\n', b'(]\n', b'[)\n', b'{)\n', b'x = [\n1,\n2)\n', b'(1, 2]\n',
    b'(' * 201 + b'\n', b'[' * 201 + b'\n',
    b'if 1:\n\tx\n        y\n', b'if 1:\n    x\n  y\n', b'if 1:\n  x\n\ty\n', b'if 1:\n        x\n\ty\n',
    b'if 1:\n\tx\n  y\n', b'if 1:\n  if 2:\n      x\n    y\n', b'class A:\n    def f():\n        pass\n   x = 1\n',
    b'x = 1 \\ y\n', b'x = \\x\n', b'x\\\n', b'\\\n', b'x = 1 + \\',
    b'a <> b\n', b'x = $\n', b'x = ?\n', b'x = !\n', b'a = `1`\n',
    b'"\\x1"\n', b'"\\x"\n', b"x = '\\u12'\n", b'"\\U1234"\n', b'"\\U00110000"\n', b'"\\N{foo}"\n',
    b'"\\N"\n', b'"\\N{"\n', b'"\\N{}"\n', b"b'\xc3\xa9'\n", b'b"\\x1"\n', b'x = "ok" + "\\x4"\n',
    b'u"\\xzz"\n', b'"""\n\\x1"""\n',
    b'if 1:\n' + b''.join(b' ' * i + b'if 1:\n' for i in range(1, 101)) + b' ' * 101 + b'x\n',
    b'x = (1,\r\n  \x0c2]\n', b'"abc\\\r\n', b'"abc\\\n', b'f"{x\n', b'x = 1e5_\n',
    b'\xef\xbb\xbfx = \xe2\x82\xac\n', b'# coding: ascii\nx = "\xc3\xa9"\n', b'# coding: cp1252\nx = "\x81"\n',
    b'# vim: set fileencoding=koi8-r :\nx = "\xc1"\ny = 1 \\ z\n', b'x = 0b1_2\n', b'x = 0o_\n', b'x = 5 if 1else 2 $\n',
    b'x = "\xe2"\n', b'x = "\xc3x"\n', b"x = '\xf0\x9f\x98'\n",
    b'x = \xe9\n', b'x = b"\xff"\n', b'\xe9 = 1\n',
    b'x = "\xc3\xa9" + 1_\n', b'\xc3\xa9 = 0o9\n', b's = "\xc3\xa9\xc3\xa9" + "abc\n', b'x = 1\ny = 2\nz = (3,\n',
    b'def f(\n    a,\n    b]\n', b'x = {\n  1: [2,\n  3}\n', b'x = 1\n\n\n)\n', b'a = b\xe2\x80\x8b\n', b'a = 1 \xe2\x80\xa8 2\n',
    b'\xc3\xa9 = "\\x"\n', b'x = 1\nif x:\n    y = """\n    abc\n', b"x = '''abc\ndef\n", b"print('abc)\n",
    b'for x in y:\n\tpass\n        pass\n', b'x = 0xZ\n', b'x = 1.0e\n', b'x = 1e+\n',
    b'x = 0b\n', b'x = 0_\n', b'x = 1__2\n', b'x = 0b1__0\n', b'x = 0o1__7\n', b'x = 0x1__f\n',
    b'x = 1 +\\\n', b'x = (1 +\n\\ 2)\n', b'x = "\\N{LATIN SMALL LETTER Q WITH NOTHING}"\n', b'x = "\\U0000004"\n',
    b'x = u"\\u00e"\n', b'x = b"\\x4g"\n', b'x = b"\xc3\xa9\\x41"\n',
    b'"\xc3\xa9\\x"\n', b'x = "\xe2\x82\xac\xe2\x82\xac\\u12"\n', b'"\xf0\x9f\x98\x80\\N{x}"\n', b'x = "\xc3\xa9\\U0011ffff"\n',
    b'x = "" "b" \\\n\\   "c"\n', b'x = """a\\\nb""" + \\:\nd\n', b'x = 1 + \\\n  2 + \\\n  3 \\ 4\n', b'x = (1,\n 2) \\ 3\n',
    b'a = 0x1foro\n', b'a = 1fort\n', b'7\xef\xbb\xbf0, = 1\n', b'x = 1 + \\\n  2 + \\',
    b'\xe2\xbb\xbfx 2= 1\n', b'x = .1\xe2 1\n', b'x = a\xf0\x9d\xb6\xa1b\n',
    b'x = ab\xe6\x88c\n', b'x = \xe5\x8f\x82\xe6,\n', b'x = \xe5\x8f\x82\xe6\n', b'x = ab\xffcd + 1\n', b'x = \xc3\xa9\xc3\xa9\xff\n',
    b'def f():\n    return \xe5\x8f\x82\xe6,\n',
]


def record_errors():
    rows = []
    for src in INVALID:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                compile(src, 'f', 'exec')
                raise SystemExit('compiles: %r' % src)
            except (SyntaxError, ValueError) as e:
                vals = [type(e).__name__, e.msg if isinstance(e, SyntaxError) else str(e)]
                if isinstance(e, SyntaxError):
                    vals += [e.lineno, e.offset, e.end_lineno, e.end_offset, e.text]
                else:
                    vals += [None] * 5
        rows.append('\t'.join([src.hex()] + ['None' if v is None else esc(str(v)) for v in vals]))
    with open(os.path.join(HERE, 'errors.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(rows) + '\n')


def record_tokens():
    for name in sorted(os.listdir(HERE)):
        if name.endswith('.py') and name != 'gen_expected.py':
            with open(os.path.join(HERE, name), 'rb') as f:
                data = f.read()
            with open(os.path.join(HERE, name[:-3] + '.tokens'), 'w', encoding='utf-8') as f:
                f.write(dump(data))


def stdlib(out):
    import sysconfig
    root = sysconfig.get_paths()['stdlib']
    with open(out, 'w', encoding='utf-8', errors='surrogateescape') as f:
        for d, dirs, files in os.walk(root):
            dirs.sort()
            if 'site-packages' in d.split(os.sep):
                continue
            for n in sorted(files):
                if not n.endswith('.py'):
                    continue
                p = os.path.join(d, n)
                try:
                    with open(p, 'rb') as g:
                        data = g.read()
                    text = dump(data)
                except Exception as e:
                    text = 'ERROR\n'
                f.write('\x01%s\n' % p)
                f.write(text)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--stdlib':
        stdlib(sys.argv[2])
    else:
        record_tokens()
        record_errors()
