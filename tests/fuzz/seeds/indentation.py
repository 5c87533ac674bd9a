if a:
	if b:
	    pass
	else:
		pass
def f():
    x = (1,
  2)
    return \
        x
