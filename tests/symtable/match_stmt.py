def f(cmd):
    match cmd:
        case ["go", direction] if direction:
            pass
        case {"k": value, **rest}:
            pass
        case Point(x=0, y=yy) | Point(x=yy, y=0):
            pass
        case [1, *others] as whole:
            pass
        case str() | None | True:
            pass
        case (a.b.c):
            pass
        case _:
            pass
