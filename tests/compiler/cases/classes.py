class A:
    """Doc."""
    x = 1
    def m(self):
        return super().m()
    def __private(self):
        return self.__secret

@deco
class B(A, metaclass=M):
    y: int = 2
    z: str
    def n(self):
        return __class__

class C:
    def f(self):
        class D:
            pass
        return D
