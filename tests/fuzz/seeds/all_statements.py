"""Module docstring."""
from __future__ import annotations
import os, sys as system
from . import sibling
from ..pkg.mod import (a as b, c)
x: int = 1
y = z = [1, 2.5, 3j, 0x1F, 0o17, 0b101, 1_000, 1e-3, "s", b"b", r"\d", f"{x!r:>{y}}", ...]
del y[0], z
x += 1; x -= 2; x *= 3; x @= m; x /= 4; x //= 5; x %= 6; x **= 7; x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1
a, *rest = b, c = range(10)
(p, q), [r, s] = (1, 2), [3, 4]
assert x, "message"
global_var = None
if x and not y or z:
    pass
elif x < y <= z != w is not v in u not in t:
    ...
else:
    raise ValueError("bad") from None
while True:
    break
else:
    continue_ = 1
for i, j in enumerate(zip(a, b)):
    if i: continue
else:
    pass
try:
    pass
except (TypeError, KeyError) as e:
    raise
except Exception:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
with open("f") as f, lock:
    pass
with (open("a") as a, open("b") as b,):
    pass
@decorator
@decorator.attr(arg)[0]
def function(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> "ret":
    global g
    def inner():
        nonlocal a
        a = yield a
        yield from range(3)
        return lambda x, *y, z=1, **w: (x, y, z, w)
    return inner
async def coro(x):
    await x
    async for i in x:
        pass
    async with x as y:
        pass
    return [i async for i in x]
class C(Base, metaclass=Meta, **kw):
    """Class docstring."""
    attr: int
    __private = 1
    def method(self):
        return super().method(), __class__, self.__private
match command.split():
    case [action]:
        pass
    case [action, obj, *others]:
        pass
    case Point(x=0, y=0) | {"k": 0} | (1 | 2 | 3) as n if n > 0:
        pass
    case {"k": v, **rest}:
        pass
    case str() | bytes() | None | True | -1 | 1+2j | a.b.c:
        pass
    case _:
        pass
print(*args, sep="", **kw)
v = [x for x in y if x for z in x]
w = {k: v for k, v in d.items()}
s = {e for e in range(3)}
g = (i async for i in aiter() if await i)
t = a if b else c
u = (n := 10) + n
sl = a[1:2, ::3, ...]
lam = lambda: (yield)
fs = f"{a}{b!s}{c:{d}.{e}}{f=}" "plain" f'{"nested"}'
