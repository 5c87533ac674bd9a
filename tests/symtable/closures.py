def outer():
    a = 1
    b = 2
    def mid():
        nonlocal a
        a = 3
        def inner():
            return a + b + c
        return inner
    c = 4
    return mid

def shadow(x):
    def g():
        x = 1
        def h():
            return x
        return h
    return g

def uses_global():
    global G
    G = 1
    def inner():
        return G
    return inner

def cell_param(p, *va, **vk):
    return lambda: (p, va, vk)
