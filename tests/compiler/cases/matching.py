def m(x):
    match x:
        case 0 | 1:
            return "small"
        case [a, b, *rest]:
            return a, b, rest
        case [first, *_, last]:
            return first, last
        case {"k": v, **kw}:
            return v, kw
        case {}:
            return "empty"
        case Point(x=0, y=yy) as p if yy > 0:
            return p
        case str() | bytes():
            return "text"
        case None:
            return None
        case (a, b) | [b, a]:
            return a
        case _:
            return "other"
