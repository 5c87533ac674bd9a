s = ['a', "b", '''c''', """d""", r'\n', R"\d", b'x', B"y", rb'\x', bR'\y', Rb"z", BR"w",
     u'u', U"u", f'{x}', F"{y!r:>{w}}", rf'{a}\n', fR"{b}", Fr'{c}', FR"{d}"]
t = 'it\'s' "say \"hi\"" '\\' "\N{LATIN SMALL LETTER A}\x41\101\u0041\U00000041\t"
u = """multi
line "quoted" ''' string
"""
v = '''another
\''' one'''
w = 'continued \
string'
x = b"bytes \
continued"
y = ''  ""  ''''''  """"""
z = f"{'nested'} {x!s} {y=} {z:{w}.{p}}"
café = 'é€😀'
k = rb'''raw
bytes\\'''
