for i in range(10):
    if i % 2:
        continue
    if i > 5:
        break
    print(i)
else:
    print("done")
while x:
    x -= 1
    if x == 3:
        break
else:
    y = 2
if a:
    b
elif c:
    d
else:
    e
while True:
    if f():
        break
if not (a and b):
    g()
if a or (b and c):
    h()
