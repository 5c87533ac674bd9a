import a.b as c, d
from .. import (e as f, g,)
from ... x import *
from .m import n
x: int = 1
(y): str
a.b: list[int] = []
a, *b = c = d, e
x += 1; y //= 2; z **= 3; w @= m
del a, (b, c), [d], e.f, g[0]
global q, r
assert x, "msg"
raise E from None
raise
return_ = 1
@dec
@dec2(1)
def f(a, b: int = 1, /, c=2, *args: "t", d, e=3, **kw) -> None:
    """doc"""
    nonlocal_ = 1
    return a
async def g():
    async for i in x:
        await i
    async with a as b, c:
        pass
    return [j async for j in k if j]
class C(B, metaclass=M, **kw):
    x = 1
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
for i, (j, k) in enumerate(x):
    continue
else:
    break
while x:
    pass
else:
    pass
with (open(a) as b, open(c) as d,):
    pass
with (a, b):
    pass
try:
    pass
except (A, B) as e:
    pass
except C:
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
def h(*, a, b=1): pass
def k(a, /): pass
lambda: 0
lambda a, b=1, *c, d, **e: a
