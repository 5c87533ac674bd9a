a += 1; a -= 1; a *= 2; a /= 2; a //= 2; a %= 2; a **= 2; a >>= 1; a <<= 1
a &= 1; a |= 1; a ^= 1; a @= b
a = b + c - d * e / f // g % h ** i >> j << k & l | m ^ ~n @ o
a = b < c > d <= e >= f == g != h
def f() -> int: ...
if (n := 10) > 5: pass
x = {a: b}[c](d).e
x = ...
x = a[1:2, ::3]
