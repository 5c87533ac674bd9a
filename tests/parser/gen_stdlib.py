"""Expected values for the stdlib sweep of tests/parser.rs, computed at test time.

  python3 tests/parser/gen_stdlib.py OUT            # every stdlib .py (site-packages skipped)
  python3 tests/parser/gen_stdlib.py --dump FILE    # print the dump of one file

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


def main():
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
