def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> R:
    x = a
    def g(q=x):
        return x + q
    return g

async def co(a: A):
    await a
    async for i in a:
        pass
    async with a as b:
        pass

async def agen():
    yield 1

def gen():
    x = yield
    y = yield from x

lam = lambda a, *b, c=D, **d: (a, b, c, d, e)
def defaults(a=lambda: z, *, b=lambda q: q):
    pass
