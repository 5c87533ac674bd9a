def f():
    pass
    # trailing comment

