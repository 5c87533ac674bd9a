match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0) | Point(0, 0):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case (1 | 2 | 3) as n if n > 1:
        pass
    case -1 | 1.5 | -2j | 1 + 2j | -1 - 2j | "s" "t" | b"b" | None | True | False:
        pass
    case a.b.c | _:
        pass
    case [*_]:
        pass
    case (a, b, *c):
        pass
    case ():
        pass
    case []:
        pass
    case {}:
        pass
    case C():
        pass
match x, y:
    case 1, 2:
        pass
match = 1
case = 2
_ = match + case
