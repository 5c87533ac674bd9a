x: int
y: List[int] = []
(z): int = 1
obj.attr: T = 2
obj[0]: T
def f(a: A, /, b: B = 1, *args: C, d: D, **kw: E) -> R:
    local: L
    local2: L2 = 3
    (paren): P
class K:
    field: F
    other: G = 1
def g(a: (lambda: q)) -> (lambda: r):
    pass
