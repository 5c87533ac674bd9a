"""Module docstring."""
import os
import os.path
import a.b.c as d
from x import y, z as w
from . import rel
from .. mod import *
x = 1
y = x + 2 * 3
a, b = b, a
a, *b, c = range(10)
x += 1
o.attr = 5
o.attr += 1
o[1] = 2
o[1] += 2
del x, o.attr, o[1]
print("hi", end="")
os.getcwd()
o.m(1, 2, k=3)
f(*args, **kw)
f(1, *a, x=2, **k)
z = [1, 2, 3]
z = (1, 2, 3)
z = {1, 2, 3}
z = {"a": 1, "b": 2}
z = {**a, "b": 2}
z = [*a, 1]
z = a[1:2], a[::2], a[1:2:3]
z = -1, not a, ~a, +a
z = a if b else c
z = a and b or c
z = a < b < c
z = a is None
z = f"{a!r:>{w}} and {b}"
z = lambda x, y=1, *a, k, **kw: x
assert x, "msg"
assert x
pass
