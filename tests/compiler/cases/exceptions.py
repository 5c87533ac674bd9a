try:
    a()
except ValueError as e:
    b(e)
except (TypeError, KeyError):
    c()
except:
    d()
else:
    e()
finally:
    f()

try:
    g()
finally:
    h()

def r():
    try:
        return 1
    finally:
        print("x")

def loop():
    for i in x:
        try:
            if i:
                break
            continue
        finally:
            cleanup()

with open(f) as fp, other() as o2:
    data = fp.read()

def w():
    with lock:
        return 1

raise ValueError("x") from None
