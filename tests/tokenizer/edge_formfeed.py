
x = 1
# ff comment
