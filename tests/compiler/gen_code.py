"""Regenerate the expected dumps of the compiler corpus: for every
tests/compiler/cases/*.py, CPython 3.11's symbol-table facts and code objects
(see cpython_code.py) into the matching .json file. Run with python3 3.11."""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
import cpython_code

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cases')
assert sys.version_info[:2] == (3, 11)
for name in sorted(os.listdir(here)):
    if name.endswith('.py'):
        with open(os.path.join(here, name), 'rb') as f:
            src = f.read()
        d = cpython_code.process(name, src)
        assert 'error' not in d, (name, d)
        with open(os.path.join(here, name[:-3] + '.json'), 'w') as f:
            json.dump(d, f, indent=0, sort_keys=True)
            f.write('\n')
