from os import *
import a.b as c
class C:
    x = 1
    y = [x for _ in range(3)]
    z = [i for i in range(x)]
    __class__ = 5
    def m(self):
        def inner():
            return super()
        return inner
    def n(self):
        return [__class__ for _ in ()]
    @staticmethod
    def s(a=lambda: x):
        return lambda: __class__
def outer():
    v = 1
    class D:
        nonlocal v
        v = 2
        def m(self):
            return v
    [w := i for i in range(3)]
    return D, w
def gl():
    global G
    [G := 1 for _ in ()]
    return (lambda: [(k := j) for j in ()])
async def co():
    return [await x async for x in y], {a: b async for a, b in c}
def gens():
    return ((x, (yield_ := 1)) for x in ())
def dels():
    x = 1
    del x
    def f():
        return x
try:
    pass
except ValueError as err:
    del err
finally:
    fin = 1
class E:
    def __init__(self):
        self.__p = 1
        __q = 2
        def g():
            return __q
def params(a, /, b, *, c, **d):
    def h():
        return a, b, c, d
    return h
with a as (b, c), d as e[f]:
    pass
for q, *r in s:
    pass
x = 1
def late():
    print(x)
    x = 2
