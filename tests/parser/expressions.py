x = a if b else c
y = a or b or c and d and not e
z = a < b <= c == d != e > f >= g is h is not i in j not in k
w = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** -n ** ~o
v = +a, -b, ~c, not d
u = [1, 2.5, 3j, 1e10, 0x1F, 0o17, 0b101, 1_000_000, 10**100, 1.5e300, 1e999, 0.1]
t = {1: 2, **d, 3: 4}, {1, 2, *s}, (), (1,), [*a, *b]
s = [x for x in y if x if z for w in x], {x for x in y}, {k: v for k, v in d}, (x for x in y)
r = f(a, *b, c=1, **d, e=2)(g)[h][i:j][k:l:m][::n][o, p:q][...]
q = a.b.c.d(e).f[g].h
p = lambda x, y=1: x + y
o = (yield)
n = await_ = 1
m = (x := 10) + (y := 20)
l = f(x for x in y)
k = "abc" 'def' """ghi""" r'\d' u"uni"
j = b"bytes" b'\x00\xff' rb"\d"
i = "quote's" + 'dq"' + "both'\"" + '\t\n\\ \x7f \u00e9 \U0001F600 \N{BULLET}'
h = f"a{b}c{d!r}e{f:>10}g{h!s:{i}.{j}}k{l=}m{n = !a}" F'x'
g = f"""multi
{line}
""" f'{a["k"]}{b[0]!r:^{w}}'
e = None, True, False, ...
d = a[1:2, 3]
c = x[a:=1]
b = not not not a
a = -(-(-1))
