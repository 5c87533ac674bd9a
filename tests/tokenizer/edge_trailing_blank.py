class A:
    pass



