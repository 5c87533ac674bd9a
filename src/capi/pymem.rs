//! `PyMem_Raw*`, `PyMem_*`, `PyObject_Malloc`/`Calloc`/`Realloc`/`Free`
//! (`Include/pymem.h`, `Include/objimpl.h`).
use crate::runtime::obmalloc as m;
use libc::c_void;

#[no_mangle]
pub unsafe extern "C" fn PyMem_RawMalloc(n: usize) -> *mut c_void {
    if n > isize::MAX as usize { return core::ptr::null_mut(); }
    unsafe { m::raw_malloc(n) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawCalloc(nelem: usize, elsize: usize) -> *mut c_void {
    unsafe { m::raw_calloc(nelem, elsize) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawRealloc(p: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize { return core::ptr::null_mut(); }
    unsafe { m::raw_realloc(p, n) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawFree(p: *mut c_void) {
    unsafe { m::raw_free(p) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Malloc(n: usize) -> *mut c_void {
    // n > isize::MAX gives null (checked off the fast path).
    unsafe { m::mem_malloc(n) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Calloc(nelem: usize, elsize: usize) -> *mut c_void {
    unsafe { m::mem_calloc(nelem, elsize) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize { return core::ptr::null_mut(); }
    unsafe { m::mem_realloc(p, n) }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Free(p: *mut c_void) {
    unsafe { m::mem_free(p) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Malloc(n: usize) -> *mut c_void {
    // n > isize::MAX gives null (checked off the fast path).
    unsafe { m::object_malloc(n) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Calloc(nelem: usize, elsize: usize) -> *mut c_void {
    unsafe { m::object_calloc(nelem, elsize) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize { return core::ptr::null_mut(); }
    unsafe { m::object_realloc(p, n) }
}

/// Live-object and live-byte counters for leak tests (pyrite extension).
#[no_mangle]
pub extern "C" fn Pyrite_LiveObjects() -> isize {
    crate::objects::pyref::live_objects()
}
#[no_mangle]
pub extern "C" fn Pyrite_LiveBytes() -> isize {
    crate::runtime::obmalloc::live_bytes()
}
/// `sys.getallocatedblocks()`'s number.
#[no_mangle]
pub extern "C" fn _Py_GetAllocatedBlocks() -> isize {
    crate::runtime::obmalloc::allocated_blocks()
}
/// What `sys._debugmallocstats()` prints, to stderr.
#[no_mangle]
pub extern "C" fn _PyObject_DebugMallocStats(_out: *mut libc::FILE) -> libc::c_int {
    let mut e = std::io::stderr();
    crate::runtime::obmalloc::print_stats(&mut e);
    1
}
