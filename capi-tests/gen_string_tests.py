#!/usr/bin/env python3
"""Generates test_strings_methods.c and test_bytes_methods.c: each case calls a
method from C (PyObject_GetAttrString + PyObject_Call) and compares the repr of
the result, or the exception and its message, with what CPython 3.11 gives.
Run with python3 (CPython is the oracle): python3 capi-tests/gen_string_tests.py"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def cstr(b: bytes) -> str:
    out = []
    for c in b:
        if 0x20 <= c < 0x7f and chr(c) not in '"\\?':
            out.append(chr(c))
        else:
            out.append('\\%03o' % c)
    return '"' + ''.join(out) + '"'


def lit(v):
    if v is None:
        return 'NONE()'
    if isinstance(v, bool):
        return 'BOOL(%d)' % v
    if isinstance(v, int):
        return 'I(%dL)' % v
    if isinstance(v, str):
        b = v.encode('utf-8', 'surrogatepass')
        return 'SU(%s, %d)' % (cstr(b), len(b))
    if isinstance(v, bytes):
        return 'BY(%s, %d)' % (cstr(v), len(v))
    if isinstance(v, bytearray):
        return 'BA(%s, %d)' % (cstr(bytes(v)), len(v))
    if v is bytes:
        return 'Py_NewRef((PyObject *)&PyBytes_Type)'
    if v is bytearray:
        return 'Py_NewRef((PyObject *)&PyByteArray_Type)'
    if v is str:
        return 'Py_NewRef((PyObject *)&PyUnicode_Type)'
    if isinstance(v, tuple):
        return 'TU(%d%s)' % (len(v), ''.join(', ' + lit(x) for x in v))
    if isinstance(v, dict):
        return 'DI(%d%s)' % (len(v), ''.join(', %s, %s' % (lit(k), lit(x)) for k, x in v.items()))
    if isinstance(v, list):
        return 'LI(%d%s)' % (len(v), ''.join(', ' + lit(x) for x in v))
    raise TypeError(v)


def kwlit(kw):
    if not kw:
        return 'NULL'
    return 'KW(%d%s)' % (len(kw), ''.join(', "%s", %s' % (k, lit(v)) for k, v in kw.items()))


def expect(cexpr, fn):
    try:
        r = fn()
    except UnicodeError as e:
        return 'EXPECT_EXC_ARGS(%s, PyExc_%s, %s);' % (cexpr, type(e).__name__, cstr(repr(e.args).encode()))
    except Exception as e:
        return 'EXPECT_ERR(%s, PyExc_%s, %s);' % (cexpr, type(e).__name__, cstr(str(e).encode()))
    return 'EXPECT(%s, %s);' % (cexpr, cstr(repr(r).encode('utf-8', 'surrogatepass')))


def m(recv, name, *args, **kw):
    if kw:
        c = 'MK(%s, "%s", %s, %s)' % (lit(recv), name, lit(tuple(args)), kwlit(kw))
    else:
        c = 'M(%s, "%s", %d%s)' % (lit(recv), name, len(args), ''.join(', ' + lit(a) for a in args))
    return expect(c, lambda: getattr(recv, name)(*args, **kw))


def c(tp, ctype, *args, **kw):
    cexpr = 'CALL((PyObject *)&%s, %s, %s)' % (ctype, lit(tuple(args)), kwlit(kw))
    return expect(cexpr, lambda: tp(*args, **kw))


S = 'Hello, World'
U = 'h\xe9llo w\xf6rld'       # latin-1 range
G = '\u03b1\u03b2\u03b3 \u0394\u03b5'   # Greek (UCS2)
A = 'a\U0001F600b\U00010400'  # astral
L = 'x\ud800y\udcffz'         # lone surrogates

STR = [
    # case mapping
    *[m(s, f) for s in [S, U, G, A, L, 'stra\xdfe', '\u01c6x \ufb01ne', '\u0391\u03a3 \u03a3', 'hello world_foo bar-baz', "they're bill's", '']
      for f in ['upper', 'lower', 'casefold', 'capitalize', 'title', 'swapcase']],
    # predicates
    *[m(s, f) for s in ['abc', 'ABC', 'Abc Def', 'abc1', '123', '\u0661\u0662', '\xb2', '\u00bd', ' \t\n', '\x1c', '', 'A\U0001F600', L, '_id1', '1id', '\u03b1\u03b2', 'a b', '\x7f', 'Hello World', 'hELLO']
      for f in ['isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isspace', 'islower', 'isupper', 'istitle', 'isascii', 'isidentifier', 'isprintable']],
    # strip
    m('  hi  ', 'strip'), m('  hi  ', 'lstrip'), m('  hi  ', 'rstrip'), m('xxhixx', 'strip', 'x'),
    m('\u3000\xa0hi\u2028', 'strip'), m('abcba', 'strip', 'ab'), m('abc', 'strip', None), m('a', 'strip', 1),
    m('a', 'strip', 'a', 'b'), m(L, 'strip', '\ud800xz'), m(A, 'rstrip', '\U00010400'),
    # split
    m('a b  c', 'split'), m('  a b  c  ', 'split'), m('a,b,,c', 'split', ','), m('a,b,,c', 'split', ',', 1),
    m('a,b,,c', 'rsplit', ',', 1), m('  a b  c  ', 'split', None, 1), m('  a b  c  ', 'rsplit', None, 1),
    m('a b c', 'split', maxsplit=0), m('a b c', 'rsplit', sep=' ', maxsplit=1), m('a', 'split', ''),
    m('a', 'split', 1), m('a', 'split', foo=1), m('a', 'split', 1, 2, 3), m(A + ' ' + A, 'split'),
    m('a\u2003b\x1cc', 'split'), m(L, 'split', '\ud800'), m('aXbXc', 'split', 'X', -1), m('', 'split'), m('', 'split', ','),
    # splitlines
    m('a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i', 'splitlines'), m('a\nb\r\n', 'splitlines', True),
    m('a\nb\r\n', 'splitlines', keepends=True), m('', 'splitlines'), m('a', 'splitlines', foo=1),
    # join
    m(', ', 'join', ['a', 'b', 'c']), m('', 'join', []), m('-', 'join', ['x']), m('\xe9', 'join', ['a', '\U0001F600']),
    m('-', 'join', ['a', 1]), m('-', 'join', 1), m('-', 'join', ['a', b'b']), m('', 'join', (L, A)),
    # replace
    m('aaa', 'replace', 'a', 'b'), m('aaa', 'replace', 'a', 'b', 2), m('abc', 'replace', '', '-'),
    m('abc', 'replace', '', '-', 2), m('abc', 'replace', 'x', 'y'), m('a\xe9a', 'replace', '\xe9', '\U0001F600'),
    m('a\U0001F600a', 'replace', '\U0001F600', 'e'), m('a', 'replace'), m('a', 'replace', 1, 2), m('a', 'replace', 'a', 2),
    m(L, 'replace', '\udcff', '!'),
    # startswith/endswith
    m(S, 'startswith', 'Hello'), m(S, 'startswith', 'World', 7), m(S, 'endswith', 'World'), m(S, 'endswith', 'Hello', 0, 5),
    m(S, 'startswith', ('x', 'He')), m(S, 'endswith', ('x', 'y')), m(S, 'startswith', 1), m(S, 'startswith', ('a', 1)),
    m(S, 'startswith', '', 12), m(S, 'startswith', '', 13), m(S, 'endswith', 'ld', -2), m(S, 'startswith', 'H', None, None),
    m(A, 'endswith', '\U00010400'), m(S, 'startswith'),
    # find family
    *[m(S, f, *a) for f in ['find', 'rfind', 'count', 'index', 'rindex']
      for a in [('o',), ('o', 5), ('o', 5, 8), ('o', -4), ('z',), ('',), ('', 20), ('', 12), ('l', None, -3)]],
    m(S, 'find'), m(S, 'find', 1), m(S, 'find', 'a', 1, 2, 3), m(S, 'count'), m(A, 'find', '\U00010400'),
    m(A, 'count', 'b'), m(L, 'find', '\udcff'), m(S, 'find', 'o', 'x'), m('aaaa', 'count', 'aa'),
    # partition
    m('a=b=c', 'partition', '='), m('a=b=c', 'rpartition', '='), m('abc', 'partition', '='), m('abc', 'rpartition', '='),
    m('abc', 'partition', ''), m('abc', 'partition', 1), m(A, 'partition', '\U0001F600'),
    # padding
    m('ab', 'center', 7), m('ab', 'center', 6, '*'), m('abc', 'center', 6), m('ab', 'center', 5), m('a', 'center', 4), m('ab', 'ljust', 5),
    m('ab', 'rjust', 5, '\xe9'), m('ab', 'ljust', 1), m('ab', 'center', 5, 'xy'), m('ab', 'center', 5, 1),
    m('ab', 'center'), m('ab', 'rjust', 4, '\U0001F600'), m('ab', 'center', 'x'),
    m('42', 'zfill', 5), m('-42', 'zfill', 5), m('+4', 'zfill', 4), m('abc', 'zfill', 2), m('', 'zfill', 3), m('a', 'zfill', 'x'),
    # expandtabs
    m('a\tb\tc', 'expandtabs'), m('a\tbc\td', 'expandtabs', 4), m('ab\n\tc', 'expandtabs', tabsize=3),
    m('a\tb', 'expandtabs', 0), m('a\tb', 'expandtabs', -1), m('a', 'expandtabs', 'x'),
    # removeprefix/suffix
    m('abcdef', 'removeprefix', 'abc'), m('abcdef', 'removesuffix', 'def'), m('abc', 'removeprefix', 'x'),
    m('abc', 'removesuffix', ''), m('abc', 'removeprefix', 1),
    # encode
    m(U, 'encode'), m(U, 'encode', 'latin-1'), m(U, 'encode', 'ascii'), m(U, 'encode', 'ascii', 'ignore'),
    m(U, 'encode', 'ascii', 'replace'), m(U, 'encode', 'ascii', 'backslashreplace'), m(A, 'encode', 'ascii', 'backslashreplace'),
    m(G, 'encode', 'ascii', 'xmlcharrefreplace'), m(G, 'encode', 'latin-1'), m(A, 'encode'), m(A, 'encode', 'UTF8'),
    m(L, 'encode'), m(L, 'encode', 'utf-8', 'surrogatepass'), m(L, 'encode', 'utf-8', 'surrogateescape'),
    m('a\udc80\udcffb', 'encode', 'utf-8', 'surrogateescape'), m('a\udc80\udcffb', 'encode', 'ascii', 'surrogateescape'),
    m('a\udc80\udcffb', 'encode', 'latin-1', 'surrogateescape'), m(L, 'encode', 'utf-8', 'replace'), m(L, 'encode', 'utf-8', 'ignore'),
    m(L, 'encode', 'utf-8', 'backslashreplace'), m(U, 'encode', 'ascii', 'bogus'), m('abc', 'encode', 'ascii', 'bogus'),
    m('abc', 'encode', 'utf-16x'), m('abc', 'encode', 1), m('abc', 'encode', errors='strict', encoding='Latin_1'),
    m('\u20ac', 'encode', 'latin-1'), m('a\xe9\xe9b', 'encode', 'ascii'), m('\ud800\udc00', 'encode'),
    m('\ud800x', 'encode', 'ascii', 'surrogatepass'), m('\u20ac', 'encode', 'ascii', 'surrogateescape'),
    # misc dunders
    m('abc', '__getnewargs__'), m('', '__sizeof__'), m('abc', '__sizeof__'), m('\xe9', '__sizeof__'),
    m('\u20ac', '__sizeof__'), m('\U0001F600', '__sizeof__'),
    m('abc', '__len__'), m(A, '__len__'), m(L, '__len__'),
    m('abc', '__getitem__', 1), m('abc', '__getitem__', -1), m(A, '__getitem__', 1), m(A, '__getitem__', 3),
    m(L, '__getitem__', 1), m('abc', '__getitem__', 3), m('abc', '__getitem__', -4), m('abc', '__getitem__', 'x'),
    m('abc', '__contains__', 'bc'), m('abc', '__contains__', ''), m('abc', '__contains__', 'x'), m('abc', '__contains__', 1),
    m(A, '__contains__', '\U00010400'), m(L, '__contains__', '\udcff'),
    m('ab', '__add__', 'cd'), m('ab', '__add__', 1), m('\xe9', '__add__', '\U0001F600'), m('ab', '__add__', ''),
    m('ab', '__mul__', 3), m('ab', '__mul__', 0), m('ab', '__mul__', -1), m('\u20ac', '__mul__', 2), m('ab', '__rmul__', 2),
    m('ab', '__eq__', 'ab'), m('ab', '__ne__', 'ab'), m('ab', '__lt__', 'b'), m('b', '__gt__', '\xe9'),
    m('\U0001F600', '__gt__', '\uffff'), m('ab', '__le__', 'ab'), m('ab', '__ge__', 'abc'), m('ab', '__eq__', 1),
    # format
    *[m(s, '__format__', spec) for s in ['h\xe9llo', 'ab'] for spec in
      ['', 's', '10', '<10', '>10', '^10', '^9', '*^9', '.2', '10.3s', '05', 'x<4', '\U0001F600>5', '=5', '+5', '#5', ',', '_', 'd', '5.', '5xx', 'z5']],
    m('a', '__format__', 1),
    m(str, 'upper', 'abc'), m(str, 'join', '-', ['a', 'b']),
    # maketrans/translate
    m(str, 'maketrans', 'ab', 'xy'), m(str, 'maketrans', 'ab', 'xy', 'c'), m(str, 'maketrans', {'a': 'b', 98: None}),
    m(str, 'maketrans', {'ab': 1}), m(str, 'maketrans', 'a', 'xy'), m(str, 'maketrans', 1), m(str, 'maketrans', 'a'),
    m(str, 'maketrans', 'a', 1), m(str, 'maketrans', 'a', 'b', 1), m(str, 'maketrans', {}), m(str, 'maketrans'),
    m('abc', 'translate', {97: 'X', 98: None, 99: 100}), m('abc', 'translate', {97: 'xyz'}), m('abc', 'translate', {97: 0x110000}),
    m('abc', 'translate', ['q'] * 100), m('abc', 'translate', None), m(A, 'translate', {0x1F600: '\xe9', 98: 0x10400}),
    m('abc', 'translate', {97: b'x'}), m(L, 'translate', {0xd800: None}), m('abc', 'translate'),
    # constructors
    c(str, 'PyUnicode_Type'), c(str, 'PyUnicode_Type', 'x'), c(str, 'PyUnicode_Type', 12), c(str, 'PyUnicode_Type', None),
    c(str, 'PyUnicode_Type', b'abc'), c(str, 'PyUnicode_Type', b'caf\xc3\xa9', 'utf-8'), c(str, 'PyUnicode_Type', b'caf\xe9', 'latin-1'),
    c(str, 'PyUnicode_Type', b'caf\xe9', 'ascii'), c(str, 'PyUnicode_Type', b'caf\xe9', 'ascii', 'replace'),
    c(str, 'PyUnicode_Type', b'caf\xe9', errors='surrogateescape'), c(str, 'PyUnicode_Type', b'caf\xe9', 'foo'),
    c(str, 'PyUnicode_Type', bytearray(b'xy'), 'ascii'), c(str, 'PyUnicode_Type', 'abc', 'utf-8'), c(str, 'PyUnicode_Type', 1, 'utf-8'),
    c(str, 'PyUnicode_Type', 1, 2, 3, 4), c(str, 'PyUnicode_Type', x=1), c(str, 'PyUnicode_Type', object=5),
    c(str, 'PyUnicode_Type', b'\xe2\x82', 'utf-8'), c(str, 'PyUnicode_Type', b'a\xed\xa0\x80b', 'utf-8'),
    c(str, 'PyUnicode_Type', b'a\xed\xa0\x80b', 'utf-8', 'surrogatepass'), c(str, 'PyUnicode_Type', b'\xf0\x9f\x98', 'utf-8'),
    c(str, 'PyUnicode_Type', b'\xe2\x28\xa1', 'utf-8'), c(str, 'PyUnicode_Type', b'a\xff\xe2\x82b', 'utf-8', 'replace'),
    c(str, 'PyUnicode_Type', b'a\xff\xe2\x82b', 'utf-8', 'backslashreplace'), c(str, 'PyUnicode_Type', b'a\xff\xe2\x82b', 'utf-8', 'ignore'),
    c(str, 'PyUnicode_Type', b'a\xff\xe2\x82b', 'utf-8', 'surrogateescape'), c(str, 'PyUnicode_Type', b'\xff', 'utf-8', 'bogus'),
    c(str, 'PyUnicode_Type', b'\xc0\x80', 'utf-8'), c(str, 'PyUnicode_Type', b'\xf4\x90\x80\x80', 'utf-8'),
    c(str, 'PyUnicode_Type', b'\x80abc', 'utf-8'),
]

BYTES = []
for B in [b'Hello, World', bytearray(b'Hello, World')]:
    BYTES += [
        m(B, 'upper'), m(B, 'lower'), m(B, 'strip'), m(B, 'strip', b'Hd'), m(B, 'lstrip', b'leH'), m(B, 'rstrip', b'dl'),
        m(B, 'strip', 'x'), m(B, 'split'), m(B, 'split', b', '), m(B, 'split', b'l', 1), m(B, 'rsplit', b'l', 1),
        m(B, 'split', maxsplit=0), m(B, 'split', b''), m(B, 'split', 'l'), m(B, 'rsplit'),
        m(B, 'startswith', b'Hell'), m(B, 'startswith', (b'x', b'H')), m(B, 'endswith', b'ld'), m(B, 'endswith', b'H', 0, 1),
        m(B, 'startswith', 'H'), m(B, 'startswith', bytearray(b'He')),
        *[m(B, f, *a) for f in ['find', 'rfind', 'count', 'index', 'rindex'] for a in [(b'o',), (b'o', 5), (111,), (b'z',), (b'',), (b'l', 3, -3)]],
        m(B, 'find', 'o'), m(B, 'find', 256), m(B, 'count'), m(B, 'find', b'o', 'x'),
        m(B, 'replace', b'l', b'L'), m(B, 'replace', b'l', b'', 2), m(B, 'replace', b'', b'.'), m(B, 'replace', 'l', b''),
        m(B, 'replace', b'q', b'Q'), m(B, 'partition', b', '), m(B, 'rpartition', b'o'), m(B, 'partition', b'q'), m(B, 'partition', b''),
        m(B, 'partition', 'x'), m(B, 'removeprefix', b'Hello'), m(B, 'removesuffix', b'World'), m(B, 'removeprefix', b'x'),
        m(B, 'hex'), m(B, 'hex', ':'), m(B, 'hex', b'-', 3), m(B, 'hex', ':', -5), m(B, 'hex', '::'), m(B, 'hex', sep='|', bytes_per_sep=4),
        m(B, 'decode'), m(B, 'decode', 'ascii'), m(B, 'decode', encoding='latin-1'), m(B, 'decode', 1), m(B, 'decode', 'nope'),
        m(B, 'join', [b'a', bytearray(b'b'), b'c']), m(B, 'join', []), m(B, 'join', [b'a', 'b']), m(B, 'join', 5),
        m(B, 'isalpha'), m(B, 'isalnum'), m(B, 'isdigit'), m(B, 'isspace'), m(B, 'islower'), m(B, 'isupper'), m(B, 'isascii'),
        m(B, 'splitlines'), m(B, '__len__'), m(B, '__getitem__', 1), m(B, '__getitem__', -1), m(B, '__getitem__', 12),
        m(B, '__getitem__', 'x'), m(B, '__contains__', b'World'), m(B, '__contains__', 72), m(B, '__contains__', 300),
        m(B, '__contains__', 'H'), m(B, '__contains__', bytearray(b'lo')), m(B, '__add__', b'!'), m(B, '__add__', bytearray(b'?')),
        m(B, '__add__', '!'), m(B, '__mul__', 2), m(B, '__mul__', 0), m(B, '__eq__', b'Hello, World'), m(B, '__eq__', bytearray(b'Hello, World')),
        m(B, 'center', 16), m(B, 'center', 15, b'*'), m(B, 'ljust', 14, bytearray(b'.')), m(B, 'rjust', 14), m(B, 'ljust', 3, 'x'),
        m(B, 'ljust', 20, b'xy'), m(B, 'center'), m(B, 'zfill', 14), m(B, 'zfill', 'x'), m(B, 'expandtabs'), m(B, 'title'),
        m(B, 'swapcase'), m(B, 'capitalize'), m(B, 'istitle'),
        m(B, '__lt__', b'Z'), m(B, '__ge__', b'Hello'), m(B, '__eq__', 'Hello, World'), m(B, '__sizeof__'),
    ]
BYTES += [
    m(b'\xff\xfeab', 'decode'), m(b'\xff\xfeab', 'decode', 'utf-8', 'replace'), m(b'\xff\xfeab', 'decode', 'ascii'),
    m(b'\xff\xfeab', 'decode', 'latin-1'), m(b'caf\xc3\xa9 \xf0\x9f\x98\x80', 'decode'), m(b'a\xed\xb2\x80', 'decode', 'utf-8', 'surrogatepass'),
    m(b'a\x80\xffb', 'decode', 'ascii', 'surrogateescape'), m(b'a\x80', 'decode', 'utf-8', 'bogus'),
    m(bytearray(b'\xe9'), 'decode'), m(b'a b\tc\n', 'split'), m(b'a\nb\r\nc\rd', 'splitlines', True),
    m(b'', 'hex'), m(b'\x00\xff\x10', 'hex'), m(b'\x01\x02\x03\x04\x05', 'hex', ':', 2), m(b'\x01\x02\x03\x04\x05', 'hex', ':', -2),
    m(b'abc', '__getnewargs__'), m(b'', '__sizeof__'), m(bytearray(b''), '__sizeof__'),
    m(b'ab', 'upper'), m(b'\xe9aB', 'swapcase') if False else m(b'\xe9aB', 'lower'),
    m(b'abc', 'translate', None, b'b'), m(b'abc', 'translate', bytes.maketrans(b'a', b'z')), m(b'abc', 'translate', b'x'),
    m(bytearray(b'abc'), 'translate', None, delete=b'a'), m(b'abc', 'translate', None, b'', 1), m(b'abc', 'translate'),
    m(bytes, 'maketrans', b'ab', b'c'), m(bytes, 'maketrans', 'a', b'c'), m(bytes, 'maketrans', b'ab', bytearray(b'AB')),
    m(bytearray, 'maketrans', b'', b''),
    m(b'-1', 'zfill', 4), m(b'a\tbc\td', 'expandtabs', 4), m(b'hello world', 'title'), m(b'hello World', 'capitalize'),
    m(b'Ab Cd', 'istitle'), m(b'ab Cd', 'istitle'), m(b'\t', 'expandtabs', tabsize=2),
    m(bytes, 'fromhex', 'de ad  be ef'), m(bytes, 'fromhex', ''), m(bytes, 'fromhex', ' 1'), m(bytes, 'fromhex', '0g'),
    m(bytes, 'fromhex', 'a'), m(bytes, 'fromhex', 1), m(bytes, 'fromhex', 'ABCDEF'), m(bytearray, 'fromhex', '01 02'),
    m(bytearray, 'fromhex', '\xe9'), m(b'x', 'fromhex', '41'),
    # constructors
    c(bytes, 'PyBytes_Type'), c(bytes, 'PyBytes_Type', 3), c(bytes, 'PyBytes_Type', [1, 2, 255]), c(bytes, 'PyBytes_Type', (65, 66)),
    c(bytes, 'PyBytes_Type', 'caf\xe9', 'utf-8'), c(bytes, 'PyBytes_Type', 'caf\xe9', 'latin-1'), c(bytes, 'PyBytes_Type', 'caf\xe9', 'ascii'),
    c(bytes, 'PyBytes_Type', 'caf\xe9', 'ascii', 'replace'), c(bytes, 'PyBytes_Type', 'caf\xe9', encoding='ascii', errors='xmlcharrefreplace'),
    c(bytes, 'PyBytes_Type', bytearray(b'xyz')), c(bytes, 'PyBytes_Type', b'xyz'), c(bytes, 'PyBytes_Type', 1.5 if False else None),
    c(bytes, 'PyBytes_Type', 'abc'), c(bytes, 'PyBytes_Type', 'abc', errors='strict'), c(bytes, 'PyBytes_Type', b'abc', 'utf-8'),
    c(bytes, 'PyBytes_Type', encoding='utf-8'), c(bytes, 'PyBytes_Type', [256]), c(bytes, 'PyBytes_Type', [-1]), c(bytes, 'PyBytes_Type', ['a']),
    c(bytes, 'PyBytes_Type', -1), c(bytes, 'PyBytes_Type', 'a', 'nope'), c(bytes, 'PyBytes_Type', 1, 2, 3, 4), c(bytes, 'PyBytes_Type', x=1),
    c(bytearray, 'PyByteArray_Type'), c(bytearray, 'PyByteArray_Type', 3), c(bytearray, 'PyByteArray_Type', [104, 105]),
    c(bytearray, 'PyByteArray_Type', 'h\xe9', 'utf-8'), c(bytearray, 'PyByteArray_Type', b'abc'), c(bytearray, 'PyByteArray_Type', None),
    c(bytearray, 'PyByteArray_Type', 'abc'), c(bytearray, 'PyByteArray_Type', -2), c(bytearray, 'PyByteArray_Type', [300]),
    c(bytearray, 'PyByteArray_Type', bytearray(b"it's")), c(bytes, 'PyBytes_Type', b'it\'s "q"'), c(bytes, 'PyBytes_Type', b'\t\n\r\\\x00\x7f\x80'),
    c(bytes, 'PyBytes_Type', b'"'), c(bytearray, 'PyByteArray_Type', b"'"),
]


def write(name, lines, doc):
    path = os.path.join(HERE, name)
    with open(path, 'w') as f:
        f.write('/* %s\n * GENERATED by gen_string_tests.py from CPython 3.11: do not edit. */\n' % doc)
        f.write('#include "strhelp.h"\n\nint main(void) {\n    BEGIN_TEST();\n')
        for l in lines:
            f.write('    ' + l + '\n')
        f.write('    END_TEST();\n}\n')


write('test_strings_methods.c', STR, 'str methods, operators, __format__, str() and codecs, called from C.')
write('test_bytes_methods.c', BYTES, 'bytes and bytearray methods, operators and constructors, called from C.')
print(len(STR), len(BYTES))
