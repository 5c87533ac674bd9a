//! The exception hierarchy of CPython 3.11: static type objects, the `PyExc_*`
//! pointers that C code reads, and `BaseException`'s behaviour.
//!
//! Design note. Every built-in exception is a static `PyTypeObject` readied at
//! start-up; `PyExc_X` is an exported pointer to it (the ABI CPython has).
//! Subclasses without fields of their own share `PyBaseExceptionObject` and
//! inherit every slot from `BaseException` through `PyType_Ready`.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::c_int;
pub use super::exceptions_specific::*;

#[repr(C)]
pub struct PyBaseExceptionObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: libc::c_char,
}

const EXC_FLAGS: libc::c_ulong =
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS;

#[no_mangle]
pub static mut _PyExc_BaseException: PyTypeObject = PyTypeObject {
    tp_flags: EXC_FLAGS,
    tp_dealloc: Some(exc_dealloc),
    tp_repr: Some(exc_repr),
    tp_str: Some(exc_str),
    tp_traverse: Some(exc_traverse),
    tp_clear: Some(exc_clear),
    tp_dictoffset: offset_of!(PyBaseExceptionObject, dict) as Py_ssize_t,
    tp_new: Some(exc_new),
    tp_init: Some(exc_init),
    tp_getset: &raw mut EXC_GETSET as *mut PyGetSetDef,
    tp_methods: &raw mut EXC_METHODS as *mut PyMethodDef,
    tp_doc: c"Common base class for all exceptions".as_ptr(),
    ..PyTypeObject::new(c"BaseException", size_of::<PyBaseExceptionObject>(), 0)
};

#[no_mangle]
pub static mut PyExc_BaseException: *mut PyObject =
    &raw mut _PyExc_BaseException as *mut PyObject;

/// Declares a static exception type `_PyExc_<name>` deriving from `<base>` and its
/// exported pointer `PyExc_<name>`; `all_exception_types()` lists them for start-up.
macro_rules! exceptions {
    ( $( $name:ident ( $base:ident ) $doc:literal $( { $($f:ident : $v:expr),* $(,)? } )? ; )* ) => {
        $(
            #[allow(non_upper_case_globals)]
            pub static mut $name: ExcType = ExcType(PyTypeObject {
                tp_flags: EXC_FLAGS,
                tp_base: exc_base_ptr!($base),
                tp_doc: if $doc.to_bytes().is_empty() { core::ptr::null() } else { $doc.as_ptr() },
                $( $( $f: $v, )* )?
                ..PyTypeObject::new(exc_cname!($name), size_of::<PyBaseExceptionObject>(), 0)
            });
        )*
        /// Every static exception type, bases before subclasses.
        pub fn all_exception_types() -> Vec<*mut PyTypeObject> {
            let mut v: Vec<*mut PyTypeObject> = vec![&raw mut _PyExc_BaseException];
            unsafe { $( v.push(&raw mut $name.0); )* }
            set_group_bases();
            v
        }
    };
}

/// A static exception type object plus nothing else; wrapped so the macro can
/// name it without a second identifier.
#[repr(transparent)]
pub struct ExcType(pub PyTypeObject);

macro_rules! exc_base_ptr {
    (BaseException) => { &raw mut _PyExc_BaseException };
    ($b:ident) => { unsafe { &raw mut $b.0 } };
}

macro_rules! exc_cname {
    ($name:ident) => {
        // The static is named after the exception; its C name is the same text.
        match core::ffi::CStr::from_bytes_with_nul(concat!(stringify!($name), "\0").as_bytes()) {
            Ok(s) => s,
            Err(_) => panic!(),
        }
    };
}

exceptions! {
    BaseExceptionGroup(BaseException) c"A combination of multiple unrelated exceptions." { tp_basicsize: size_of::<PyBaseExceptionGroupObject>() as Py_ssize_t, tp_new: Some(eg_new), tp_init: Some(eg_init), tp_str: Some(eg_str), tp_dealloc: Some(eg_dealloc), tp_traverse: Some(eg_traverse), tp_clear: Some(eg_clear), tp_members: &raw mut EG_MEMBERS as *mut PyMemberDef, tp_methods: &raw mut EG_METHODS as *mut PyMethodDef };
    GeneratorExit(BaseException) c"Request that a generator exit.";
    KeyboardInterrupt(BaseException) c"Program interrupted by user.";
    SystemExit(BaseException) c"Request to exit from the interpreter." { tp_basicsize: size_of::<PySystemExitObject>() as Py_ssize_t, tp_init: Some(systemexit_init), tp_dealloc: Some(systemexit_dealloc), tp_traverse: Some(systemexit_traverse), tp_clear: Some(systemexit_clear), tp_members: &raw mut SYSTEMEXIT_MEMBERS as *mut PyMemberDef };
    Exception(BaseException) c"Common base class for all non-exit exceptions.";
    ExceptionGroup(BaseExceptionGroup) c"" { tp_basicsize: size_of::<PyBaseExceptionGroupObject>() as Py_ssize_t };
    ArithmeticError(Exception) c"Base class for arithmetic errors.";
    FloatingPointError(ArithmeticError) c"Floating point operation failed.";
    OverflowError(ArithmeticError) c"Result too large to be represented.";
    ZeroDivisionError(ArithmeticError) c"Second argument to a division or modulo operation was zero.";
    AssertionError(Exception) c"Assertion failed.";
    AttributeError(Exception) c"Attribute not found." { tp_basicsize: size_of::<PyAttributeErrorObject>() as Py_ssize_t, tp_init: Some(attributeerror_init), tp_dealloc: Some(attributeerror_dealloc), tp_traverse: Some(attributeerror_traverse), tp_clear: Some(attributeerror_clear), tp_members: &raw mut ATTRIBUTEERROR_MEMBERS as *mut PyMemberDef };
    BufferError(Exception) c"Buffer error.";
    EOFError(Exception) c"Read beyond end of file.";
    ImportError(Exception) c"Import can't find module, or can't find name in module." { tp_basicsize: size_of::<PyImportErrorObject>() as Py_ssize_t, tp_init: Some(importerror_init), tp_str: Some(importerror_str), tp_dealloc: Some(importerror_dealloc), tp_traverse: Some(importerror_traverse), tp_clear: Some(importerror_clear), tp_members: &raw mut IMPORTERROR_MEMBERS as *mut PyMemberDef, tp_methods: &raw mut IMPORTERROR_METHODS as *mut PyMethodDef };
    ModuleNotFoundError(ImportError) c"Module not found." { tp_basicsize: size_of::<PyImportErrorObject>() as Py_ssize_t };
    LookupError(Exception) c"Base class for lookup errors.";
    IndexError(LookupError) c"Sequence index out of range.";
    KeyError(LookupError) c"Mapping key not found." { tp_str: Some(keyerror_str) };
    MemoryError(Exception) c"Out of memory.";
    NameError(Exception) c"Name not found globally." { tp_basicsize: size_of::<PyNameErrorObject>() as Py_ssize_t, tp_init: Some(nameerror_init), tp_dealloc: Some(nameerror_dealloc), tp_traverse: Some(nameerror_traverse), tp_clear: Some(nameerror_clear), tp_members: &raw mut NAMEERROR_MEMBERS as *mut PyMemberDef };
    UnboundLocalError(NameError) c"Local name referenced but not bound to a value." { tp_basicsize: size_of::<PyNameErrorObject>() as Py_ssize_t };
    OSError(Exception) c"Base class for I/O related errors." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t, tp_new: Some(oserror_new), tp_init: Some(oserror_init), tp_str: Some(oserror_str), tp_dealloc: Some(oserror_dealloc), tp_traverse: Some(oserror_traverse), tp_clear: Some(oserror_clear), tp_members: &raw mut OSERROR_MEMBERS as *mut PyMemberDef, tp_getset: &raw mut OSERROR_GETSET as *mut PyGetSetDef, tp_methods: &raw mut OSERROR_METHODS as *mut PyMethodDef };
    BlockingIOError(OSError) c"I/O operation would block." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ChildProcessError(OSError) c"Child process error." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ConnectionError(OSError) c"Connection error." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    BrokenPipeError(ConnectionError) c"Broken pipe." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ConnectionAbortedError(ConnectionError) c"Connection aborted." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ConnectionRefusedError(ConnectionError) c"Connection refused." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ConnectionResetError(ConnectionError) c"Connection reset." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    FileExistsError(OSError) c"File already exists." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    FileNotFoundError(OSError) c"File not found." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    InterruptedError(OSError) c"Interrupted by signal." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    IsADirectoryError(OSError) c"Operation doesn't work on directories." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    NotADirectoryError(OSError) c"Operation only works on directories." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    PermissionError(OSError) c"Not enough permissions." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ProcessLookupError(OSError) c"Process not found." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    TimeoutError(OSError) c"Timeout expired." { tp_basicsize: size_of::<PyOSErrorObject>() as Py_ssize_t };
    ReferenceError(Exception) c"Weak ref proxy used after referent went away.";
    RuntimeError(Exception) c"Unspecified run-time error.";
    NotImplementedError(RuntimeError) c"Method or function hasn't been implemented yet.";
    RecursionError(RuntimeError) c"Recursion limit exceeded.";
    StopAsyncIteration(Exception) c"Signal the end from iterator.__anext__().";
    StopIteration(Exception) c"Signal the end from iterator.__next__()." { tp_basicsize: size_of::<PyStopIterationObject>() as Py_ssize_t, tp_init: Some(stopiteration_init), tp_dealloc: Some(stopiteration_dealloc), tp_traverse: Some(stopiteration_traverse), tp_clear: Some(stopiteration_clear), tp_members: &raw mut STOPITERATION_MEMBERS as *mut PyMemberDef };
    SyntaxError(Exception) c"Invalid syntax." { tp_basicsize: size_of::<PySyntaxErrorObject>() as Py_ssize_t, tp_init: Some(syntaxerror_init), tp_str: Some(syntaxerror_str), tp_dealloc: Some(syntaxerror_dealloc), tp_traverse: Some(syntaxerror_traverse), tp_clear: Some(syntaxerror_clear), tp_members: &raw mut SYNTAXERROR_MEMBERS as *mut PyMemberDef };
    IndentationError(SyntaxError) c"Improper indentation." { tp_basicsize: size_of::<PySyntaxErrorObject>() as Py_ssize_t };
    TabError(IndentationError) c"Improper mixture of spaces and tabs." { tp_basicsize: size_of::<PySyntaxErrorObject>() as Py_ssize_t };
    SystemError(Exception) c"Internal error in the Python interpreter.";
    TypeError(Exception) c"Inappropriate argument type.";
    ValueError(Exception) c"Inappropriate argument value (of correct type).";
    UnicodeError(ValueError) c"Unicode related error." { tp_basicsize: size_of::<PyUnicodeErrorObject>() as Py_ssize_t, tp_dealloc: Some(unicodeerror_dealloc), tp_traverse: Some(unicodeerror_traverse), tp_clear: Some(unicodeerror_clear), tp_members: &raw mut UNICODEERROR_MEMBERS as *mut PyMemberDef };
    UnicodeDecodeError(UnicodeError) c"Unicode decoding error." { tp_basicsize: size_of::<PyUnicodeErrorObject>() as Py_ssize_t, tp_init: Some(unicodedecodeerror_init), tp_str: Some(unicodedecodeerror_str) };
    UnicodeEncodeError(UnicodeError) c"Unicode encoding error." { tp_basicsize: size_of::<PyUnicodeErrorObject>() as Py_ssize_t, tp_init: Some(unicodeencodeerror_init), tp_str: Some(unicodeencodeerror_str) };
    UnicodeTranslateError(UnicodeError) c"Unicode translation error." { tp_basicsize: size_of::<PyUnicodeErrorObject>() as Py_ssize_t, tp_init: Some(unicodetranslateerror_init), tp_str: Some(unicodetranslateerror_str) };
    Warning(Exception) c"Base class for warning categories.";
    BytesWarning(Warning) c"Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.";
    DeprecationWarning(Warning) c"Base class for warnings about deprecated features.";
    EncodingWarning(Warning) c"Base class for warnings about encodings.";
    FutureWarning(Warning) c"Base class for warnings about constructs that will change semantically\nin the future.";
    ImportWarning(Warning) c"Base class for warnings about probable mistakes in module imports";
    PendingDeprecationWarning(Warning) c"Base class for warnings about features which will be deprecated\nin the future.";
    ResourceWarning(Warning) c"Base class for warnings about resource usage.";
    RuntimeWarning(Warning) c"Base class for warnings about dubious runtime behavior.";
    SyntaxWarning(Warning) c"Base class for warnings about dubious syntax.";
    UnicodeWarning(Warning) c"Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.";
    UserWarning(Warning) c"Base class for warnings generated by user code.";
}


// The exported `PyExc_*` pointers, spelled out so cbindgen declares them.
#[no_mangle]
pub static mut PyExc_BaseExceptionGroup: *mut PyObject = unsafe { &raw mut BaseExceptionGroup.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ExceptionGroup: *mut PyObject = unsafe { &raw mut ExceptionGroup.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_GeneratorExit: *mut PyObject = unsafe { &raw mut GeneratorExit.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_KeyboardInterrupt: *mut PyObject = unsafe { &raw mut KeyboardInterrupt.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_SystemExit: *mut PyObject = unsafe { &raw mut SystemExit.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_Exception: *mut PyObject = unsafe { &raw mut Exception.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ArithmeticError: *mut PyObject = unsafe { &raw mut ArithmeticError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_FloatingPointError: *mut PyObject = unsafe { &raw mut FloatingPointError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_OverflowError: *mut PyObject = unsafe { &raw mut OverflowError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ZeroDivisionError: *mut PyObject = unsafe { &raw mut ZeroDivisionError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_AssertionError: *mut PyObject = unsafe { &raw mut AssertionError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_AttributeError: *mut PyObject = unsafe { &raw mut AttributeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_BufferError: *mut PyObject = unsafe { &raw mut BufferError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_EOFError: *mut PyObject = unsafe { &raw mut EOFError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ImportError: *mut PyObject = unsafe { &raw mut ImportError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ModuleNotFoundError: *mut PyObject = unsafe { &raw mut ModuleNotFoundError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_LookupError: *mut PyObject = unsafe { &raw mut LookupError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_IndexError: *mut PyObject = unsafe { &raw mut IndexError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_KeyError: *mut PyObject = unsafe { &raw mut KeyError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_MemoryError: *mut PyObject = unsafe { &raw mut MemoryError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_NameError: *mut PyObject = unsafe { &raw mut NameError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnboundLocalError: *mut PyObject = unsafe { &raw mut UnboundLocalError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_OSError: *mut PyObject = unsafe { &raw mut OSError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_EnvironmentError: *mut PyObject = unsafe { &raw mut OSError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_IOError: *mut PyObject = unsafe { &raw mut OSError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_BlockingIOError: *mut PyObject = unsafe { &raw mut BlockingIOError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ChildProcessError: *mut PyObject = unsafe { &raw mut ChildProcessError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ConnectionError: *mut PyObject = unsafe { &raw mut ConnectionError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_BrokenPipeError: *mut PyObject = unsafe { &raw mut BrokenPipeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ConnectionAbortedError: *mut PyObject = unsafe { &raw mut ConnectionAbortedError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ConnectionRefusedError: *mut PyObject = unsafe { &raw mut ConnectionRefusedError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ConnectionResetError: *mut PyObject = unsafe { &raw mut ConnectionResetError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_FileExistsError: *mut PyObject = unsafe { &raw mut FileExistsError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_FileNotFoundError: *mut PyObject = unsafe { &raw mut FileNotFoundError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_InterruptedError: *mut PyObject = unsafe { &raw mut InterruptedError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_IsADirectoryError: *mut PyObject = unsafe { &raw mut IsADirectoryError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_NotADirectoryError: *mut PyObject = unsafe { &raw mut NotADirectoryError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_PermissionError: *mut PyObject = unsafe { &raw mut PermissionError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ProcessLookupError: *mut PyObject = unsafe { &raw mut ProcessLookupError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_TimeoutError: *mut PyObject = unsafe { &raw mut TimeoutError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ReferenceError: *mut PyObject = unsafe { &raw mut ReferenceError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_RuntimeError: *mut PyObject = unsafe { &raw mut RuntimeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_NotImplementedError: *mut PyObject = unsafe { &raw mut NotImplementedError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_RecursionError: *mut PyObject = unsafe { &raw mut RecursionError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_StopAsyncIteration: *mut PyObject = unsafe { &raw mut StopAsyncIteration.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_StopIteration: *mut PyObject = unsafe { &raw mut StopIteration.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_SyntaxError: *mut PyObject = unsafe { &raw mut SyntaxError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_IndentationError: *mut PyObject = unsafe { &raw mut IndentationError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_TabError: *mut PyObject = unsafe { &raw mut TabError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_SystemError: *mut PyObject = unsafe { &raw mut SystemError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_TypeError: *mut PyObject = unsafe { &raw mut TypeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ValueError: *mut PyObject = unsafe { &raw mut ValueError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnicodeError: *mut PyObject = unsafe { &raw mut UnicodeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnicodeDecodeError: *mut PyObject = unsafe { &raw mut UnicodeDecodeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnicodeEncodeError: *mut PyObject = unsafe { &raw mut UnicodeEncodeError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnicodeTranslateError: *mut PyObject = unsafe { &raw mut UnicodeTranslateError.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_Warning: *mut PyObject = unsafe { &raw mut Warning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_BytesWarning: *mut PyObject = unsafe { &raw mut BytesWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_DeprecationWarning: *mut PyObject = unsafe { &raw mut DeprecationWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_EncodingWarning: *mut PyObject = unsafe { &raw mut EncodingWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_FutureWarning: *mut PyObject = unsafe { &raw mut FutureWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ImportWarning: *mut PyObject = unsafe { &raw mut ImportWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_PendingDeprecationWarning: *mut PyObject = unsafe { &raw mut PendingDeprecationWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_ResourceWarning: *mut PyObject = unsafe { &raw mut ResourceWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_RuntimeWarning: *mut PyObject = unsafe { &raw mut RuntimeWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_SyntaxWarning: *mut PyObject = unsafe { &raw mut SyntaxWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UnicodeWarning: *mut PyObject = unsafe { &raw mut UnicodeWarning.0 as *mut PyObject };
#[no_mangle]
pub static mut PyExc_UserWarning: *mut PyObject = unsafe { &raw mut UserWarning.0 as *mut PyObject };

// ---- queries used by the error machinery ----

/// Is `op` a class deriving from BaseException?
pub unsafe fn is_exception_class(op: *mut PyObject) -> bool {
    unsafe {
        !op.is_null()
            && type_has_flag((*op).ob_type, Py_TPFLAGS_TYPE_SUBCLASS)
            && type_has_flag(op as *mut PyTypeObject, Py_TPFLAGS_BASE_EXC_SUBCLASS)
    }
}

/// Is `op` an instance of BaseException?
pub unsafe fn is_exception_instance(op: *mut PyObject) -> bool {
    unsafe { !op.is_null() && type_has_flag((*op).ob_type, Py_TPFLAGS_BASE_EXC_SUBCLASS) }
}

#[inline]
pub(crate) unsafe fn as_exc(op: *mut PyObject) -> *mut PyBaseExceptionObject {
    op as *mut PyBaseExceptionObject
}

/// New reference to the traceback (or null).
pub unsafe fn get_traceback_raw(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        let tb = (*as_exc(op)).traceback;
        xincref(tb);
        tb
    }
}

/// Set the traceback (borrowed `tb`, which may be null).
pub unsafe fn set_traceback_raw(op: *mut PyObject, tb: *mut PyObject) {
    unsafe {
        xincref(tb);
        setref(&mut (*as_exc(op)).traceback, tb);
    }
}

pub unsafe fn get_context_raw(op: *mut PyObject) -> *mut PyObject {
    unsafe { (*as_exc(op)).context }
}

/// Set `__context__`, stealing `ctx`.
pub unsafe fn set_context_raw(op: *mut PyObject, ctx: *mut PyObject) {
    unsafe { setref(&mut (*as_exc(op)).context, ctx) }
}

/// Set `__cause__` (stealing) and `__suppress_context__ = True`.
pub unsafe fn set_cause_raw(op: *mut PyObject, cause: *mut PyObject) {
    unsafe {
        setref(&mut (*as_exc(op)).cause, cause);
        (*as_exc(op)).suppress_context = 1;
    }
}

/// The `args` tuple (borrowed).
pub unsafe fn args_raw(op: *mut PyObject) -> *mut PyObject {
    unsafe { (*as_exc(op)).args }
}

/// Call `cls(*value)` / `cls(value)` / `cls()` the way normalisation does.
pub unsafe fn create_instance(cls: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    use super::tupleobject;
    unsafe {
        let args = if value.is_null() || value == super::noneobject::none_ptr() {
            tupleobject::new_empty()?
        } else if tupleobject::is_tuple(value) {
            Owned::from_borrowed(value)
        } else {
            tupleobject::pack(&[value])?
        };
        // Straight through tp_call: no recursion guard here, so raising
        // RecursionError itself cannot recurse.
        match (*(*cls).ob_type).tp_call {
            Some(f) => Owned::from_raw(f(cls, args.as_ptr(), null_mut())),
            None => Err(errors::type_error("exception class is not callable")),
        }
    }
}

// ---- BaseException's slots ----

pub(crate) unsafe extern "C" fn exc_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let op = super::typeobject::alloc_instance(tp, 0)?;
        let e = as_exc(op.as_ptr());
        let a = if args.is_null() {
            super::tupleobject::new_empty()?
        } else {
            Owned::from_borrowed(args)
        };
        (*e).args = a.into_raw();
        Ok(op)
    })
}

pub(crate) unsafe extern "C" fn exc_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        let tp = (*op).ob_type;
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            // BaseException.__init__ takes no keyword arguments.
            return Err(errors::type_error(format!(
                "{}() takes no keyword arguments",
                super::typeobject::type_name_str(tp)
            )));
        }
        if !args.is_null() {
            incref(args);
            setref(&mut (*as_exc(op)).args, args);
        }
        Ok(())
    })
}

unsafe extern "C" fn exc_dealloc(op: *mut PyObject) {
    unsafe {
        exc_clear(op);
        super::typeobject::free_instance(op);
    }
}

pub(crate) unsafe extern "C" fn exc_traverse(op: *mut PyObject, visit: visitproc, arg: *mut libc::c_void) -> c_int {
    unsafe {
        let e = as_exc(op);
        for p in [(*e).dict, (*e).args, (*e).notes, (*e).traceback, (*e).context, (*e).cause] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

pub(crate) unsafe extern "C" fn exc_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let e = as_exc(op);
        clear(&mut (*e).dict);
        clear(&mut (*e).args);
        clear(&mut (*e).notes);
        clear(&mut (*e).traceback);
        clear(&mut (*e).context);
        clear(&mut (*e).cause);
        0
    }
}

pub(crate) unsafe extern "C" fn exc_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = (*as_exc(op)).args;
        if args.is_null() {
            return super::unicodeobject::from_str("");
        }
        match Py_SIZE(args) {
            0 => super::unicodeobject::from_str(""),
            1 => super::abstract_::str(super::tupleobject::get_item(args, 0)),
            _ => super::abstract_::str(args),
        }
    })
}

unsafe extern "C" fn exc_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = super::typeobject::short_name((*op).ob_type);
        let args = (*as_exc(op)).args;
        let s = if args.is_null() || Py_SIZE(args) == 0 {
            format!("{}()", name)
        } else if Py_SIZE(args) == 1 {
            let r = super::abstract_::repr(super::tupleobject::get_item(args, 0))?;
            format!("{}({})", name, super::unicodeobject::as_str(r.as_ptr())?)
        } else {
            let r = super::abstract_::repr(args)?;
            format!("{}{}", name, super::unicodeobject::as_str(r.as_ptr())?)
        };
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn exc_get_args(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    unsafe {
        let a = (*as_exc(op)).args;
        if a.is_null() {
            return super::noneobject::new_none();
        }
        new_ref(a)
    }
}

unsafe extern "C" fn exc_set_args(op: *mut PyObject, v: *mut PyObject, _c: *mut libc::c_void) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("args may not be deleted"));
        }
        let t = super::tupleobject::from_iterable(v)?;
        setref(&mut (*as_exc(op)).args, t.into_raw());
        Ok(())
    })
}

unsafe fn get_field(p: *mut PyObject) -> *mut PyObject {
    unsafe {
        if p.is_null() {
            super::noneobject::new_none()
        } else {
            new_ref(p)
        }
    }
}

unsafe extern "C" fn exc_get_tb(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    unsafe { get_field((*as_exc(op)).traceback) }
}
unsafe extern "C" fn exc_set_tb(op: *mut PyObject, v: *mut PyObject, _c: *mut libc::c_void) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("__traceback__ may not be deleted"));
        }
        if v == super::noneobject::none_ptr() {
            clear(&mut (*as_exc(op)).traceback);
        } else {
            // Tracebacks arrive with the evaluator; accept any object for now.
            set_traceback_raw(op, v);
        }
        Ok(())
    })
}
unsafe extern "C" fn exc_get_context(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    unsafe { get_field((*as_exc(op)).context) }
}
unsafe extern "C" fn exc_set_context(op: *mut PyObject, v: *mut PyObject, _c: *mut libc::c_void) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("__context__ may not be deleted"));
        }
        if v == super::noneobject::none_ptr() {
            clear(&mut (*as_exc(op)).context);
        } else if !is_exception_instance(v) {
            return Err(errors::type_error("exception context must be None or derive from BaseException"));
        } else {
            set_context_raw(op, new_ref(v));
        }
        Ok(())
    })
}
unsafe extern "C" fn exc_get_cause(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    unsafe { get_field((*as_exc(op)).cause) }
}
unsafe extern "C" fn exc_set_cause(op: *mut PyObject, v: *mut PyObject, _c: *mut libc::c_void) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("__cause__ may not be deleted"));
        }
        if v == super::noneobject::none_ptr() {
            clear(&mut (*as_exc(op)).cause);
            (*as_exc(op)).suppress_context = 1;
        } else if !is_exception_instance(v) {
            return Err(errors::type_error("exception cause must be None or derive from BaseException"));
        } else {
            set_cause_raw(op, new_ref(v));
        }
        Ok(())
    })
}
unsafe extern "C" fn exc_get_suppress(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    unsafe { super::boolobject::from_bool((*as_exc(op)).suppress_context != 0) }
}
unsafe extern "C" fn exc_set_suppress(op: *mut PyObject, v: *mut PyObject, _c: *mut libc::c_void) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("__suppress_context__ may not be deleted"));
        }
        (*as_exc(op)).suppress_context = super::abstract_::is_true(v)? as libc::c_char;
        Ok(())
    })
}

unsafe extern "C" fn exc_with_traceback(op: *mut PyObject, tb: *mut PyObject) -> *mut PyObject {
    unsafe {
        if exc_set_tb(op, tb, null_mut()) < 0 {
            return null_mut();
        }
        new_ref(op)
    }
}

/// `add_note` as 3.11: the notes live in the instance dict as `__notes__`.
unsafe extern "C" fn exc_add_note(op: *mut PyObject, note: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(note) {
            return Err(errors::type_error(format!(
                "note must be a str, not '{}'",
                super::typeobject::type_name_str((*note).ob_type)
            )));
        }
        let name = super::unicodeobject::intern_str("__notes__")?;
        let notes = match super::abstract_::lookup_attr(op, name.as_ptr())? {
            Some(n) => n,
            None => {
                let n = super::listobject::new_list(0)?;
                super::abstract_::setattr(op, name.as_ptr(), n.as_ptr())?;
                n
            }
        };
        if !super::listobject::is_list(notes.as_ptr()) {
            return Err(errors::type_error("Cannot add note: __notes__ is not a list"));
        }
        super::listobject::append(notes.as_ptr(), note)?;
        Ok(super::noneobject::none())
    })
}

/// `(type, args)` or `(type, args, __dict__)`.
unsafe extern "C" fn exc_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let e = as_exc(op);
        let tp = (*op).ob_type as *mut PyObject;
        let args = if (*e).args.is_null() { super::tupleobject::new_empty()? } else { Owned::from_borrowed((*e).args) };
        if !(*e).dict.is_null() && super::dictobject::len((*e).dict) > 0 {
            return super::tupleobject::pack(&[tp, args.as_ptr(), (*e).dict]);
        }
        super::tupleobject::pack(&[tp, args.as_ptr()])
    })
}

/// `__setstate__(dict)`: set each item as an attribute.
unsafe extern "C" fn exc_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if state != super::noneobject::none_ptr() {
            if !super::dictobject::is_dict(state) {
                return Err(errors::type_error("state is not a dictionary"));
            }
            for (k, v) in super::dictobject::items_owned(state) {
                super::abstract_::setattr(op, k.as_ptr(), v.as_ptr())?;
            }
        }
        Ok(super::noneobject::none())
    })
}

static mut EXC_GETSET: [PyGetSetDef; 7] = [
    PyGetSetDef { name: c"__dict__".as_ptr(), get: Some(crate::capi::object::PyObject_GenericGetDict), set: Some(crate::capi::object::PyObject_GenericSetDict), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"args".as_ptr(), get: Some(exc_get_args), set: Some(exc_set_args), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__traceback__".as_ptr(), get: Some(exc_get_tb), set: Some(exc_set_tb), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__context__".as_ptr(), get: Some(exc_get_context), set: Some(exc_set_context), doc: c"exception context".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"__cause__".as_ptr(), get: Some(exc_get_cause), set: Some(exc_set_cause), doc: c"exception cause".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"__suppress_context__".as_ptr(), get: Some(exc_get_suppress), set: Some(exc_set_suppress), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];

static mut EXC_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: exc_reduce as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"__setstate__".as_ptr(), ml_meth: exc_setstate as *mut libc::c_void, ml_flags: METH_O, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"with_traceback".as_ptr(), ml_meth: exc_with_traceback as *mut libc::c_void, ml_flags: METH_O, ml_doc: c"Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self.".as_ptr() },
    PyMethodDef { ml_name: c"add_note".as_ptr(), ml_meth: exc_add_note as *mut libc::c_void, ml_flags: METH_O, ml_doc: c"Exception.add_note(note) --\n    add a note to the exception".as_ptr() },
    PyMethodDef::SENTINEL,
];
