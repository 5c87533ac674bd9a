from __future__ import annotations
x: List[int] = []
y: dict[str, "Foo"] | None
def f(a: int = 1, *args: *Ts, b: Callable[[int], str], **kw: Any) -> Optional[Tuple[int, ...]]:
    z: int = a
    return z
class C:
    attr: ClassVar[float] = 1.5
    other: lambda x, y=2: x + y
    third: {1: 'a', **d}
