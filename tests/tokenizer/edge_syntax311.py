try:
    pass
except* ValueError:
    pass
with (open(a) as b, open(c) as d):
    pass
print(*a, **b)
x = a if b else c
y = lambda *a, **k: 0
