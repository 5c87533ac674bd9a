import os, os.path as osp, a.b.c
from x import y as z, w
x = 1
del x
y += 2
for i, (j, *k) in enumerate(()):
    pass
with open(f) as (g, h):
    pass
try:
    pass
except E as e:
    pass
(p := 3)
print(__name__, __debug__)
