/* Thread-state API before the GIL: PyThreadState_Get/Swap/GetDict,
 * PyEval_SaveThread/RestoreThread (the Py_BEGIN/END_ALLOW_THREADS macros),
 * PyGILState_*, interpreter accessors, and a C-created thread using
 * PyGILState_Ensure/Release while the main thread has released its state. */
#include "check.h"
#include <pthread.h>

static PyThreadState *main_ts;
static int thread_ok = 0;

static void *worker(void *arg) {
    int ok = 1;
    ok &= PyGILState_Check() == 0;
    ok &= PyGILState_GetThisThreadState() == NULL;
    PyGILState_STATE g = PyGILState_Ensure();
    ok &= g == PyGILState_UNLOCKED;
    ok &= PyGILState_Check() == 1;
    PyThreadState *ts = PyThreadState_Get();
    ok &= ts != NULL && ts != main_ts;
    ok &= PyThreadState_GetInterpreter(ts) == PyInterpreterState_Main();
    PyObject *o = PyLong_FromLong(12345);
    ok &= PyLong_AsLong(o) == 12345;
    Py_DECREF(o);
    PyErr_SetString(PyExc_ValueError, "in thread");
    ok &= PyErr_Occurred() == PyExc_ValueError;
    PyErr_Clear();
    /* nested Ensure while attached */
    PyGILState_STATE g2 = PyGILState_Ensure();
    ok &= g2 == PyGILState_LOCKED;
    PyGILState_Release(g2);
    ok &= PyGILState_Check() == 1;
    PyGILState_Release(g);
    ok &= PyGILState_Check() == 0;
    ok &= PyGILState_GetThisThreadState() == ts;
    thread_ok = ok;
    return NULL;
}

int main(void) {
    /* The thread-state dict lives as long as the state: make it (and its
     * entry) before the live-object count starts. */
    Py_Initialize();
    PyObject *tsd = PyThreadState_GetDict();
    PyDict_SetItemString(tsd, "key", Py_True);
    BEGIN_TEST();

    main_ts = PyThreadState_Get();
    CHECK(main_ts != NULL);
    CHECK(_PyThreadState_UncheckedGet() == main_ts);
    CHECK(PyThreadState_GetDict() == tsd);
    CHECK(PyMapping_HasKeyString(tsd, "key") == 1);
    PyInterpreterState *interp = PyInterpreterState_Get();
    CHECK(interp != NULL && interp == PyInterpreterState_Main());
    CHECK(PyThreadState_GetInterpreter(main_ts) == interp);
    CHECK(PyInterpreterState_GetID(interp) == 0);
    CHECK(PyThreadState_GetFrame(main_ts) == NULL);
    CHECK(PyGILState_Check() == 1);
    CHECK(PyGILState_GetThisThreadState() == main_ts);
    PyEval_InitThreads();
    CHECK(PyEval_ThreadsInitialized() == 1);

    /* The pending exception belongs to the thread state and survives a
     * release/reacquire. */
    PyErr_SetString(PyExc_KeyError, "kept");
    Py_BEGIN_ALLOW_THREADS
    CHECK(_PyThreadState_UncheckedGet() == NULL);
    CHECK(PyGILState_Check() == 0);
    Py_END_ALLOW_THREADS
    CHECK(PyThreadState_Get() == main_ts);
    CHECK(PyErr_ExceptionMatches(PyExc_KeyError));
    CHECK_ERRMSG("'kept'");

    /* Py_BLOCK_THREADS / Py_UNBLOCK_THREADS inside a released section */
    Py_BEGIN_ALLOW_THREADS
    Py_BLOCK_THREADS
    CHECK(PyGILState_Check() == 1);
    Py_UNBLOCK_THREADS
    CHECK(PyGILState_Check() == 0);
    Py_END_ALLOW_THREADS

    /* PyGILState_Ensure on a released thread re-attaches its own state */
    PyThreadState *save = PyEval_SaveThread();
    CHECK(save == main_ts);
    PyGILState_STATE g = PyGILState_Ensure();
    CHECK(g == PyGILState_UNLOCKED);
    CHECK(PyThreadState_Get() == main_ts);
    PyGILState_Release(g);
    CHECK(_PyThreadState_UncheckedGet() == NULL);
    PyEval_RestoreThread(save);
    g = PyGILState_Ensure();
    CHECK(g == PyGILState_LOCKED);
    PyGILState_Release(g);
    CHECK(PyThreadState_Get() == main_ts);

    /* Swap */
    PyThreadState *old = PyThreadState_Swap(NULL);
    CHECK(old == main_ts && _PyThreadState_UncheckedGet() == NULL);
    CHECK(PyThreadState_Swap(old) == NULL);
    CHECK(PyThreadState_Get() == main_ts);

    /* a thread created in C */
    pthread_t th;
    Py_BEGIN_ALLOW_THREADS
    pthread_create(&th, NULL, worker, NULL);
    pthread_join(th, NULL);
    Py_END_ALLOW_THREADS
    CHECK(thread_ok);
    CHECK(PyThreadState_Get() == main_ts);
    END_TEST();
}
