a = 0x1for
b = 1if 1else 2
c = [0o7, 0b1, 1_0j]
