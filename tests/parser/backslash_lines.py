# Backslash-continued lines, also in the indentation (where the first
# backslash fixes the indentation) and before blank lines.
x = 1
\

y = 2
if 1:
  \
  x = 3
 \

  y = 4
if 2:
    \
        z = 5
    w = 6
\
# comment
v = 7
