# property, staticmethod and classmethod inside classes (needs the evaluator).
class A:
    def __init__(self):
        self._x = 1

    @property
    def x(self):
        "the x"
        return self._x

    @x.setter
    def x(self, v):
        self._x = v

    @x.deleter
    def x(self):
        print("deleting x")
        del self._x

    ro = property(lambda self: 42)

    @staticmethod
    def s(a, b):
        return a + b

    @classmethod
    def c(cls, a):
        return (cls.__name__, a)


a = A()
print(a.x, A.x.__doc__, type(A.__dict__['x']).__name__)
a.x = 5
print(a.x)
del a.x
print(hasattr(a, '_x'))
for attempt in ("set", "del"):
    try:
        if attempt == "set":
            a.ro = 1
        else:
            del a.ro
    except AttributeError as e:
        print(type(e).__name__, e)
print(A.s(1, 2), a.s(3, 4), A.c(1), a.c(2))


class B(A):
    pass


print(B.c(3), B().x)


class P(property):
    "subclass doc"


class C:
    @P
    def y(self):
        "y doc"
        return 7


print(C().y, C.y.__doc__, type(C.y).__name__)


class D:
    p = property(doc="explicit")
    q = property()


print(D.p.__doc__, D.q.__doc__)
try:
    D().q
except AttributeError as e:
    print(e)
try:
    D().q = 1
except AttributeError as e:
    print(e)


class Abstract:
    @property
    def f(self):
        pass
    f.fget.__isabstractmethod__ = True


print(Abstract.f.__isabstractmethod__)
print(staticmethod(print).__isabstractmethod__, classmethod(print).__wrapped__ is print)
