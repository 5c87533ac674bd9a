-x ** -y // ~z % +w @ m | a ^ b & c << d >> e
not a == b or c and d
f(a)(b)[c].d(*e, **f)
[*a, *b], {**a, 'b': 1}, {*a, 1}, (*a, 1)
x[::], x[a:], x[:b], x[a:b:c]
"concat" 'enated' """triple""" '''quoted'''
b'bytes' rb'raw' Rb"RAW"
1 if 2 else 3 if 4 else 5
await_ = yield_ = None
