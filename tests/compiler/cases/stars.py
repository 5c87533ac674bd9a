try:
    f()
except* ValueError as e:
    g(e)
except* TypeError:
    pass
finally:
    h()

async def agen():
    async for x in y:
        yield x
    [z async for z in w]
    await q

def gen():
    x = yield
    return (yield from x)

def walrus(data):
    if (n := len(data)) > 10:
        return n
    return [y for x in data if (y := x * 2)]

class K:
    def __init__(self):
        self.__p = 1
    def get(self):
        return self.__p
