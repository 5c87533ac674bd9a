/* pythread.h: everything lives in Python.h for pyrite. */
#include "Python.h"
