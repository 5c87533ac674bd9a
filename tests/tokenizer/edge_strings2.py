x = "a" "b" \
    "c"
y = f"{x!r:>10}" rb"\x00" Rb"raw"
z = """

"""
