//! The C API functions written in C (variadic ones, and the `va_list` forms
//! and argument helpers beside them), exported from the library.
//!
//! Design note (DESIGN.md section 11). Stable Rust cannot define a C variadic
//! function, and a symbol of the `cc`-built archive is not exported by the
//! cdylib. So each body is C, under the internal name `pyrite_c_NAME`
//! (`src/shims/*.c`), and the public `NAME` is defined here as a naked
//! function whose only instruction is a tail jump to it: every argument
//! register, the stack and `%al` (the vector-register count of a variadic
//! call) reach the C body untouched. The real prototypes are hand-written at
//! the end of `include/Python.h`; `cbindgen:ignore` keeps cbindgen from
//! emitting a wrong `void NAME(void)`.
//!
//! The C bodies call the public API names (`PyLong_FromLong` …) rather than
//! internal aliases: the cdylib is linked with `-Bsymbolic-functions`
//! (build.rs), which binds those calls to pyrite's own definitions inside
//! `libpyrite.so`, so another Python loaded in the same process (pyrite used
//! through `ctypes` from CPython) cannot capture them — the same protection
//! DESIGN.md §11 asks of internal names, with one name per function.

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
compile_error!("varargs trampolines: add the tail-jump instruction for this architecture");

/// Declare the C bodies and export one naked tail jump per name.
macro_rules! c_trampolines {
    ($($name:ident => $target:ident,)*) => {
        unsafe extern "C" {
            $(fn $target();)*
        }
        $(
            /// cbindgen:ignore
            #[unsafe(naked)]
            #[no_mangle]
            pub unsafe extern "C" fn $name() {
                #[cfg(target_arch = "x86_64")]
                core::arch::naked_asm!("jmp {t}", t = sym $target);
                #[cfg(target_arch = "aarch64")]
                core::arch::naked_asm!("b {t}", t = sym $target);
            }
        )*
    };
}

// src/shims/getargs.c
c_trampolines! {
    PyArg_Parse => pyrite_c_PyArg_Parse,
    PyArg_ParseTuple => pyrite_c_PyArg_ParseTuple,
    PyArg_ParseTupleAndKeywords => pyrite_c_PyArg_ParseTupleAndKeywords,
    PyArg_VaParse => pyrite_c_PyArg_VaParse,
    PyArg_VaParseTupleAndKeywords => pyrite_c_PyArg_VaParseTupleAndKeywords,
    _PyArg_Parse_SizeT => pyrite_c__PyArg_Parse_SizeT,
    _PyArg_ParseTuple_SizeT => pyrite_c__PyArg_ParseTuple_SizeT,
    _PyArg_ParseTupleAndKeywords_SizeT => pyrite_c__PyArg_ParseTupleAndKeywords_SizeT,
    _PyArg_VaParse_SizeT => pyrite_c__PyArg_VaParse_SizeT,
    _PyArg_VaParseTupleAndKeywords_SizeT => pyrite_c__PyArg_VaParseTupleAndKeywords_SizeT,
    PyArg_UnpackTuple => pyrite_c_PyArg_UnpackTuple,
    PyArg_ValidateKeywordArguments => pyrite_c_PyArg_ValidateKeywordArguments,
    _PyArg_NoKeywords => pyrite_c__PyArg_NoKeywords,
    _PyArg_NoPositional => pyrite_c__PyArg_NoPositional,
    _PyArg_NoKwnames => pyrite_c__PyArg_NoKwnames,
}

// src/shims/modsupport.c
c_trampolines! {
    Py_BuildValue => pyrite_c_Py_BuildValue,
    _Py_BuildValue_SizeT => pyrite_c__Py_BuildValue_SizeT,
    Py_VaBuildValue => pyrite_c_Py_VaBuildValue,
    _Py_VaBuildValue_SizeT => pyrite_c__Py_VaBuildValue_SizeT,
}

// src/shims/errors.c
c_trampolines! {
    PyErr_Format => pyrite_c_PyErr_Format,
    PyErr_FormatV => pyrite_c_PyErr_FormatV,
    PyErr_WarnFormat => pyrite_c_PyErr_WarnFormat,
    PyErr_ResourceWarning => pyrite_c_PyErr_ResourceWarning,
    PyErr_WarnExplicitFormat => pyrite_c_PyErr_WarnExplicitFormat,
}

// src/shims/sysmodule.c
c_trampolines! {
    PySys_Audit => pyrite_c_PySys_Audit,
}

// src/shims/unicode_format.c
c_trampolines! {
    PyUnicode_FromFormat => pyrite_c_PyUnicode_FromFormat,
    PyUnicode_FromFormatV => pyrite_c_PyUnicode_FromFormatV,
    PyBytes_FromFormat => pyrite_c_PyBytes_FromFormat,
    PyBytes_FromFormatV => pyrite_c_PyBytes_FromFormatV,
    PyOS_snprintf => pyrite_c_PyOS_snprintf,
    PyOS_vsnprintf => pyrite_c_PyOS_vsnprintf,
    PySys_WriteStdout => pyrite_c_PySys_WriteStdout,
    PySys_WriteStderr => pyrite_c_PySys_WriteStderr,
    PySys_FormatStdout => pyrite_c_PySys_FormatStdout,
    PySys_FormatStderr => pyrite_c_PySys_FormatStderr,
}

// src/shims/call.c
c_trampolines! {
    PyObject_CallFunction => pyrite_c_PyObject_CallFunction,
    PyObject_CallMethod => pyrite_c_PyObject_CallMethod,
    _PyObject_CallFunction_SizeT => pyrite_c__PyObject_CallFunction_SizeT,
    _PyObject_CallMethod_SizeT => pyrite_c__PyObject_CallMethod_SizeT,
    PyObject_CallFunctionObjArgs => pyrite_c_PyObject_CallFunctionObjArgs,
    PyObject_CallMethodObjArgs => pyrite_c_PyObject_CallMethodObjArgs,
    PyEval_CallFunction => pyrite_c_PyEval_CallFunction,
    PyEval_CallMethod => pyrite_c_PyEval_CallMethod,
    PyTuple_Pack => pyrite_c_PyTuple_Pack,
}
