def a():
    def b():
        def c():
            class D:
                def e(self):
                    return [lambda: f for f in g]
            return D
        return c
    return b
x = lambda: lambda: lambda: y
class E:
    class F:
        class G:
            z = (lambda: z)
