name = "x"
s = f"hello {name!r:>10} {3.5:{w}.{p}f} {{literal}}"
t = f"{name=}"
u = "%s and %d" % (name, 3)
v = 'a' 'b' f'{c}'
big = f"{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}{l}{m}{n}{o}{p}{q}{r}{s}{t}{u}{v}{w}{x}{y}{z}{a}{b}{c}{d}{e}{f}"
for i in range(3):
    while i:
        i -= 1
        if i == 1:
            continue
print(*args, sep="", **kw)
x = a[1:2, ::3]
del a[0], b.c
global_var = 1
def g():
    global global_var
    global_var += 1
    def h():
        nonlocal_local = 1
        def i():
            nonlocal nonlocal_local
            nonlocal_local = 2
        return i
    return h
