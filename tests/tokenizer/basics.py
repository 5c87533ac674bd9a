#!/usr/bin/env python3
# A comment-only line, then a blank one

"""Module docstring."""
import os, sys
from collections import (
    OrderedDict,   # trailing comment inside brackets

    defaultdict,
)

x = 1; y = 2
if x:
    pass
elif y:
	pass
else:
    def f(a, b=2, *args, c: int = 3, **kw) -> None:
        return a + b

        # comment at deeper level
    z = [i for i in range(10) if i % 2]
class A(object):
    @property
    def g(self):
        return self.h(
            1,
            2)
total = 1 + \
    2 + \
        3
lambda: (yield)
async def h():
    await h()
    async with a as b:
        pass
match x:
    case [1, 2, *rest] if rest:
        pass
    case {"k": v, **kw}:
        pass
    case _:
        pass
print(x if x else y, end='')
