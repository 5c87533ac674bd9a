# dir()/vars() without arguments, print to sys.stdout, input from sys.stdin.
import sys, io


def f():
    a = 1
    b = 2
    return dir(), sorted(vars())


print(f())
print(sorted(k for k in dir() if not k.startswith('__')))
print("to", "stdout", sep="-", end="!\n", flush=True)
buf = io.StringIO()
print(1, 2, file=buf)
print(repr(buf.getvalue()))
sys.stdin = io.StringIO("first\nsecond")
print(input("prompt> "), input())
try:
    input()
except EOFError as e:
    print("EOFError", e)
sys.stdout = None
print("lost")
sys.stdout = sys.__stdout__
print("back")
