"""For tests/front_end.rs: compile() every .py file of the standard library
(site-packages excluded) with CPython 3.11 and print one line per file:
path TAB "ok" | class TAB msg TAB lineno TAB offset (msg escaped: \\ \n \t)."""
import os, sys, sysconfig, warnings

warnings.simplefilter('ignore')
root = sysconfig.get_paths()['stdlib']


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')


for d, subdirs, files in os.walk(root):
    subdirs.sort()
    if 'site-packages' in d:
        continue
    for f in sorted(files):
        if not f.endswith('.py'):
            continue
        p = os.path.join(d, f)
        src = open(p, 'rb').read()
        try:
            compile(src, p, 'exec')
            out = 'ok'
        except SyntaxError as e:
            out = '\t'.join([type(e).__name__, esc(str(e.msg)), str(e.lineno), str(e.offset)])
        except Exception as e:
            out = '\t'.join([type(e).__name__, esc(str(e)), 'None', 'None'])
        print(esc(p) + '\t' + out)
