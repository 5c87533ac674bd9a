a = [x for x in range(3)]
b = {x: y for x in a for y in range(x) if y}
c = {x for x in a if x}
d = (x for x in a)
e = [[y for y in x] for x in a]
f = [(lambda: x) for x in a]
def h():
    return [z for z in (w := [1, 2])] if 0 else [w2 for w2 in w]
def k(data):
    if any((hit := v) > 3 for v in data):
        return hit
    return [total := total + v for v in data]
[last := v for v in range(3)]
print(last)
def m():
    global G
    [G := v for v in range(3)]
async def n(s):
    return [x async for x in s], [await x for x in s], (x async for x in s)
g = {k: v for k, v in {}.items()}
def p():
    return {(lambda: k)(): (lambda: v)() for k, v in ()}
