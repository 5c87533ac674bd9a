# Records dis.stack_effect of CPython 3.11 for every opcode, a spread of
# opargs and each jump mode, for tests/opcode.rs. Run: python3 gen_stack_effect.py > stack_effect.txt
import dis, opcode
ARGS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 255, 256, 257, 0x1ff, 0x301]
for name, op in sorted(opcode.opmap.items(), key=lambda x: x[1]):
    for a in (ARGS if op >= opcode.HAVE_ARGUMENT else [0]):
        row = []
        for j in (None, True, False):
            try:
                if op < opcode.HAVE_ARGUMENT:
                    e = dis.stack_effect(op, jump=j)
                else:
                    e = dis.stack_effect(op, a, jump=j)
                row.append(str(e))
            except ValueError:
                row.append("err")
        print(name, a, *row)
