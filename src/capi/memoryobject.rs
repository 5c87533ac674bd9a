//! `Include/memoryobject.h`: memoryview objects from C. The type is in
//! `src/objects/memoryobject.rs`.
use crate::objects::memoryobject as m;
use crate::objects::object::*;
use crate::runtime::ffi::{guard_obj, nonnull_arg};
use libc::{c_char, c_int};

/// `PyMemoryView_FromObject`: `memoryview(obj)`. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromObject(obj: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { m::from_object(nonnull_arg(obj)?) })
}

/// `PyMemoryView_FromMemory`: a view of `size` bytes at `mem` (`PyBUF_READ`
/// or `PyBUF_WRITE`); the memory must outlive the view. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromMemory(mem: *mut c_char, size: Py_ssize_t, flags: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { m::from_memory(mem, size, flags) })
}

/// `PyMemoryView_FromBuffer`: a view of `info` (not released by the view).
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromBuffer(info: *const Py_buffer) -> *mut PyObject {
    guard_obj(|| unsafe { m::from_buffer(info) })
}

/// `PyMemoryView_GetContiguous`: a contiguous view of `obj` ('C', 'F' or 'A'),
/// copying if needed (read-only requests only). New reference.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_GetContiguous(obj: *mut PyObject, buffertype: c_int, order: c_char) -> *mut PyObject {
    guard_obj(|| unsafe { m::get_contiguous(nonnull_arg(obj)?, buffertype, order as u8) })
}
