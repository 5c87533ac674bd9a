@decorator
async def f(a, /, b, *, c):
    async for x in y:
        await z
    return [i async for i in g()]
