"""Seed corpus for the marshal_loads fuzz target and the marshal part of
tests/fuzz_slice.rs: CPython 3.11's marshal bytes for assorted values and code
objects, every format version. Run: python3 tests/fuzz/gen_marshal_seeds.py"""
import marshal, os, sys

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'seeds_marshal')
os.makedirs(out, exist_ok=True)

src = '''
import os
def f(a, b=2, *args, c, d=4, **kw):
    x = [i * 2 for i in range(a) if i % 3]
    try:
        return x[b]
    except (IndexError, KeyError) as e:
        raise ValueError("bad") from e
    finally:
        print(c, d)
class C(Base):
    def m(self):
        return super().m() + __class__.__name__
async def g():
    async with a as b:
        await b
    yield 1
def h(n):
    match n:
        case [1, *rest]: return rest
        case {"k": v}: return v
        case C(x=1): return 0
    return lambda y: y + n
'''
values = {
    'none_bool_ellipsis': (None, True, False, Ellipsis, StopIteration),
    'ints': (0, 1, -1, 2**31 - 1, -2**31, 2**31, 2**62, -2**100, 10**50),
    'floats': (0.0, -0.0, 1.5, float('inf'), float('-inf'), float('nan'), 1e300, 5e-324),
    'complex': (1j, 2 + 3j, complex(float('inf'), -0.0)),
    'strings': ('', 'a', 'hello world', 'é', '\u20ac', '\U0001f600', 'x' * 300, 'a\udc80b'),
    'bytes': (b'', b'\x00\xff', bytearray(b'abc'), b'x' * 300),
    'containers': ([1, [2, [3]]], {'a': 1, 2: (3, 4)}, {1, 2, 3}, frozenset({'x', 'y'}), ((),)),
    'shared': ([[1, 2]] * 3, ('s', 's', 's')),
    'code_module': compile(src, 'seed.py', 'exec'),
    'code_expr': compile('a if b else c', '<e>', 'eval'),
}
for name, v in values.items():
    for version in range(5):
        try:
            data = marshal.dumps(v, version)
        except ValueError:
            continue
        with open(os.path.join(out, f'{name}_v{version}.bin'), 'wb') as fp:
            fp.write(data)
print(len(os.listdir(out)), 'seeds')
