class A(B, metaclass=M, x=lambda: y):
    attr = 1
    __private = 2
    def method(self):
        return super().method() + self.__private + __class__
    def other(self, __arg):
        __local = 1
        return __local + __arg
    class Inner:
        def m(self):
            return __class__
    x = attr
    def uses_attr(self):
        return attr

class _:
    __y = 1
    def f(self): return __y

class __Dunder__:
    __z = 1

def f():
    v = 1
    class C:
        v = 2
        def m(self):
            return v
        w = v
    return C

def g():
    class C:
        def m(self):
            super
    return C
