"""Doc."""
from __future__ import annotations
x: int
y: List[int] = []
def f(a: A, *args: C, **kw: E) -> R:
    local: L = 1
class K:
    field: F
def g(a: (lambda: q)) -> (lambda: r):
    pass
