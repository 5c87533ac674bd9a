def f(a, b=1, *args, c, d=2, **kw):
    """Doc."""
    return a + b

def g(x):
    def inner(y):
        nonlocal x
        x += y
        return x
    return inner

def gen(n):
    for i in range(n):
        yield i
    yield from range(3)

async def co(a):
    await a
    async for x in a:
        pass
    async with a as b:
        return b

@dec
@dec2(1)
def decorated(x: int) -> str:
    return str(x)

def h():
    global G
    G = 1
    return [i for i in range(3) if i], {i: j for i, j in z}, {i for i in z}, (i for i in z)

def closure():
    v = 1
    return lambda: v

def defaults(a, b=[], *, c={}):
    pass

def no_return():
    x = 1
