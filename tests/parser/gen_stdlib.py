"""Expected values for the stdlib sweep of tests/parser.rs, computed at test time.

  python3 tests/parser/gen_stdlib.py OUT            # every stdlib .py (site-packages skipped)
  python3 tests/parser/gen_stdlib.py --dump FILE    # print the dump of one file
  python3 tests/parser/gen_stdlib.py --mutants OUT N SEED
      # N mutated stdlib snippets (bytes deleted, tokens inserted, cut
      # short, pieces repeated), one line each: hex(source) then the record

Per file one line: `path\tOK\t<crc32>\t<len>` of the UTF-8 bytes of
ast.dump(ast.parse(bytes), include_attributes=True), or
`path\tERR\t<class>\t<msg>\t<lineno>\t<offset>\t<end_lineno>\t<end_offset>`
(msg escaped). The dumps themselves are ~1 GB, so only checksums are kept.
"""
import ast, os, sys, sysconfig, warnings, zlib

warnings.simplefilter("ignore")


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t')


def record(path):
    data = open(path, 'rb').read()
    try:
        tree = ast.parse(data)
        d = ast.dump(tree, include_attributes=True).encode('utf-8', 'surrogatepass')
        return '%s\tOK\t%d\t%d' % (path, zlib.crc32(d), len(d))
    except SyntaxError as e:
        return '%s\tERR\t%s\t%s\t%s\t%s\t%s\t%s' % (path, type(e).__name__, esc(str(e.msg)), e.lineno, e.offset, e.end_lineno, e.end_offset)
    except (ValueError, MemoryError, RecursionError) as e:
        return '%s\tERR\t%s\t%s\tNone\tNone\tNone\tNone' % (path, type(e).__name__, esc(str(e)))


def files():
    root = sysconfig.get_paths()['stdlib']
    for d, dirs, fs in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != 'site-packages')
        for f in sorted(fs):
            if f.endswith('.py'):
                yield os.path.join(d, f)


MUTATION_TOKENS = ['(', ')', '[', ']', '{', '}', ':', '=', ',', 'if ', 'else ', 'for ', 'in ', 'lambda ', '*', '**',
                   ':=', 'not ', 'yield ', '\n', ' ', '  ', '\t', 'async ', 'await ', '"', "'", '"""', 'f"{', '.', '@',
                   'match ', 'case ', '\\\n', '#', 'def ', 'class ', 'return ', 'del ', 'import ', 'from ', 'global ',
                   '->', 'try:', 'except ', 'with ', 'as ', ';', '0x', '1_', '\\']


def mutants(out, n, seed):
    import random
    rnd = random.Random(seed)
    snippets = []
    for path in list(files())[::7]:
        try:
            lines = open(path, encoding='utf-8').read().splitlines(True)
        except (UnicodeDecodeError, OSError):
            continue
        for i in range(0, len(lines), 11):
            snippets.append(''.join(lines[i:i + rnd.randint(1, 8)]))
    # Fixed non-ASCII sources: bytes without a declared encoding give the
    # parser's errors in byte columns, declared ones (cookie, BOM) in characters.
    fixed = ['x = "é" +\n', '# -*- coding: utf-8 -*-\nx = "é" +\n', '\ufeffx = "é" +\n', 'x = "é" + (1,\n',
             'é = 1 2\n', 'f("é" for x in y, 1)\n', 'x = """é\n""" +\n', 'def f(é):\n  pass\n  é é\n',
             'x = ("ééé" 1)\n', 'print "é"\n', '"é" = 1\n', 'x = ["é", (\n']
    fixed = [x.encode('utf-8') for x in fixed] + ['# coding: latin-1\nx = "é" +\n'.encode('latin-1'),
                                                  '# coding: latin-1\nx = ("é" 1)\n'.encode('latin-1')]
    with open(out, 'w', encoding='utf-8') as f:
        for k in range(n + len(fixed)):
            if k >= n:
                data = fixed[k - n]
                f.write(data.hex() + '\t' + bytes_record(data) + '\n')
                continue
            s = list(rnd.choice(snippets))
            for _ in range(rnd.randint(1, 3)):
                op, i = rnd.randint(0, 3), rnd.randint(0, len(s))
                if op == 0 and s:
                    del s[min(i, len(s) - 1)]
                elif op == 1:
                    s[i:i] = list(rnd.choice(MUTATION_TOKENS))
                elif op == 2:
                    s = s[:i]
                else:
                    j = rnd.randint(0, len(s))
                    s[i:i] = s[j:j + rnd.randint(1, 12)]
            data = ''.join(s).encode('utf-8', 'surrogatepass')
            f.write(data.hex() + '\t' + bytes_record(data) + '\n')


def bytes_record(data):
    try:
        tree = ast.parse(data)
        d = ast.dump(tree, include_attributes=True).encode('utf-8', 'surrogatepass')
        return 'OK\t%d\t%d' % (zlib.crc32(d), len(d))
    except SyntaxError as e:
        return 'ERR\t%s\t%s\t%s\t%s\t%s\t%s' % (type(e).__name__, esc(str(e.msg)), e.lineno, e.offset, e.end_lineno, e.end_offset)
    except (ValueError, MemoryError, RecursionError) as e:
        return 'ERR\t%s\t%s\tNone\tNone\tNone\tNone' % (type(e).__name__, esc(str(e)))


def main():
    if sys.argv[1] == '--mutants':
        mutants(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    if sys.argv[1] == '--dump':
        data = open(sys.argv[2], 'rb').read()
        sys.stdout.write(ast.dump(ast.parse(data), include_attributes=True) + '\n')
        return
    fs = list(files())
    if len(sys.argv) > 2:
        fs = [f for f in fs if sys.argv[2] in f]
    try:
        from multiprocessing import Pool
        with Pool(2) as pool:
            recs = pool.map(record, fs, chunksize=16)
    except (ImportError, OSError):
        recs = [record(f) for f in fs]
    with open(sys.argv[1], 'w', encoding='utf-8', errors='surrogatepass') as out:
        for r in recs:
            out.write(r + '\n')


if __name__ == '__main__':
    main()
