global g1
g1 = 1
def f():
    global g2, g3
    g2 = 1
    def inner():
        global g4
        return g3
    x = 1
    def inner2():
        nonlocal x
        x = 2
        def deep():
            return x
        return deep
    return inner, inner2
class C:
    global g5
    g5 = 1
    def m(self):
        return g5
def h():
    import mod
    global mod
