# map/filter/zip/enumerate/reversed: subclasses, pickling state, strict zip.
class M(map):
    pass


class Z(zip):
    def __init__(self, *args, **kw):
        self.note = kw.get('note')


m = M(str, [1, 2])
print(type(m).__name__, list(m))
try:
    Z([1], [2], note='n')
except TypeError as e:
    print(e)
print(list(zip([1, 2], [3, 4], strict=True)))
try:
    list(zip([1, 2, 3], [3, 4], strict=True))
except ValueError as e:
    print(e)
cls, args = map(abs, [-1, -2]).__reduce__()
print(cls is map, list(cls(*args)))
e = enumerate("abc", 10)
next(e)
cls, args = e.__reduce__()
print(list(cls(*args)))
r = reversed([1, 2, 3, 4])
next(r)
cls, args, state = r.__reduce__()
r2 = cls(*args)
r2.__setstate__(state)
print(list(r2))


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(reversed(Seq())), list(enumerate(Seq())))


class NoRev:
    __reversed__ = None

    def __len__(self):
        return 0

    def __getitem__(self, i):
        raise IndexError


try:
    reversed(NoRev())
except TypeError as e:
    print(e)
print(list(filter(lambda v: v % 2, range(7))), sum(range(101)), max(range(4), key=lambda v: -v))
print(sorted({3: 'c', 1: 'a'}.items(), key=lambda kv: kv[1], reverse=True))
