/* Internal declarations shared by the C shims (src/shims/, one file per area).
 *
 * Every C API function written in C is defined here under an internal name
 * `pyrite_c_NAME`; the public `NAME` is a naked tail jump exported from Rust
 * (src/capi/varargs.rs, DESIGN.md section 11). The shims call one another by
 * the internal names, so a call never leaves libpyrite.
 */
#ifndef PYRITE_SHIMS_H
#define PYRITE_SHIMS_H
#include <Python.h>

/* getargs.c */
int pyrite_c_PyArg_Parse(PyObject *, const char *, ...);
int pyrite_c_PyArg_ParseTuple(PyObject *, const char *, ...);
int pyrite_c_PyArg_ParseTupleAndKeywords(PyObject *, PyObject *, const char *, char **, ...);
int pyrite_c_PyArg_VaParse(PyObject *, const char *, va_list);
int pyrite_c_PyArg_VaParseTupleAndKeywords(PyObject *, PyObject *, const char *, char **, va_list);
int pyrite_c__PyArg_Parse_SizeT(PyObject *, const char *, ...);
int pyrite_c__PyArg_ParseTuple_SizeT(PyObject *, const char *, ...);
int pyrite_c__PyArg_ParseTupleAndKeywords_SizeT(PyObject *, PyObject *, const char *, char **, ...);
int pyrite_c__PyArg_VaParse_SizeT(PyObject *, const char *, va_list);
int pyrite_c__PyArg_VaParseTupleAndKeywords_SizeT(PyObject *, PyObject *, const char *, char **, va_list);
int pyrite_c_PyArg_UnpackTuple(PyObject *, const char *, Py_ssize_t, Py_ssize_t, ...);
int pyrite_c_PyArg_ValidateKeywordArguments(PyObject *);
int pyrite_c__PyArg_NoKeywords(const char *, PyObject *);
int pyrite_c__PyArg_NoPositional(const char *, PyObject *);
int pyrite_c__PyArg_NoKwnames(const char *, PyObject *);

/* modsupport.c */
PyObject *pyrite_c_Py_BuildValue(const char *, ...);
PyObject *pyrite_c__Py_BuildValue_SizeT(const char *, ...);
PyObject *pyrite_c_Py_VaBuildValue(const char *, va_list);
PyObject *pyrite_c__Py_VaBuildValue_SizeT(const char *, va_list);
/* The top-level values of `format` as an argument array (for the call
 * helpers): returns a PyMem_Malloc'd array of *nargs new references (NULL
 * with an exception on error; with *nargs == 0, a non-NULL dummy). */
PyObject **pyrite_shims_build_stack(const char *format, va_list va, int size_t_flag, Py_ssize_t *nargs);

/* errors.c */
PyObject *pyrite_c_PyErr_Format(PyObject *, const char *, ...);
PyObject *pyrite_c_PyErr_FormatV(PyObject *, const char *, va_list);
int pyrite_c_PyErr_WarnFormat(PyObject *, Py_ssize_t, const char *, ...);
int pyrite_c_PyErr_ResourceWarning(PyObject *, Py_ssize_t, const char *, ...);
int pyrite_c_PyErr_WarnExplicitFormat(PyObject *, const char *, int, const char *, PyObject *, const char *, ...);

/* sysmodule.c */
int pyrite_c_PySys_Audit(const char *, const char *, ...);

/* unicode_format.c */
PyObject *pyrite_c_PyUnicode_FromFormat(const char *, ...);
PyObject *pyrite_c_PyUnicode_FromFormatV(const char *, va_list);
PyObject *pyrite_c_PyBytes_FromFormat(const char *, ...);
PyObject *pyrite_c_PyBytes_FromFormatV(const char *, va_list);
int pyrite_c_PyOS_snprintf(char *, size_t, const char *, ...);
int pyrite_c_PyOS_vsnprintf(char *, size_t, const char *, va_list);
void pyrite_c_PySys_WriteStdout(const char *, ...);
void pyrite_c_PySys_WriteStderr(const char *, ...);
void pyrite_c_PySys_FormatStdout(const char *, ...);
void pyrite_c_PySys_FormatStderr(const char *, ...);

/* call.c */
PyObject *pyrite_c_PyObject_CallFunction(PyObject *, const char *, ...);
PyObject *pyrite_c_PyObject_CallMethod(PyObject *, const char *, const char *, ...);
PyObject *pyrite_c__PyObject_CallFunction_SizeT(PyObject *, const char *, ...);
PyObject *pyrite_c__PyObject_CallMethod_SizeT(PyObject *, const char *, const char *, ...);
PyObject *pyrite_c_PyObject_CallFunctionObjArgs(PyObject *, ...);
PyObject *pyrite_c_PyObject_CallMethodObjArgs(PyObject *, PyObject *, ...);
PyObject *pyrite_c_PyEval_CallFunction(PyObject *, const char *, ...);
PyObject *pyrite_c_PyEval_CallMethod(PyObject *, const char *, const char *, ...);
PyObject *pyrite_c_PyTuple_Pack(Py_ssize_t, ...);

/* Calls between the shims use the internal names. */
#define PyErr_Format pyrite_c_PyErr_Format
#define PyErr_FormatV pyrite_c_PyErr_FormatV
#define PyUnicode_FromFormat pyrite_c_PyUnicode_FromFormat
#define PyUnicode_FromFormatV pyrite_c_PyUnicode_FromFormatV
#define PyOS_snprintf pyrite_c_PyOS_snprintf

#endif
