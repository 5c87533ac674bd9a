//! `Include/pylifecycle.h`: start, stop, version.
use crate::runtime::pylifecycle as lc;
use libc::{c_char, c_int};

/// `Py_Initialize`: a failure to start is fatal, as in CPython.
#[no_mangle]
pub extern "C" fn Py_Initialize() {
    Py_InitializeEx(1)
}
#[no_mangle]
pub extern "C" fn Py_InitializeEx(_install_sigs: c_int) {
    if lc::initialize().is_err() {
        eprintln!("Fatal Python error: Py_Initialize: failed to initialize the runtime");
        crate::runtime::errors::write_unraisable(core::ptr::null_mut());
        std::process::abort();
    }
}
#[no_mangle]
pub extern "C" fn Py_IsInitialized() -> c_int {
    lc::is_initialized() as c_int
}
#[no_mangle]
pub extern "C" fn Py_FinalizeEx() -> c_int {
    lc::finalize()
}
#[no_mangle]
pub extern "C" fn Py_Finalize() {
    lc::finalize();
}

static VERSION: &[u8] = b"3.11.7 (pyrite 0.1.0) [rustc]\0";

/// `Py_GetVersion`: starts with "3.11." (PyO3 parses it).
#[no_mangle]
pub extern "C" fn Py_GetVersion() -> *const c_char {
    VERSION.as_ptr() as *const c_char
}

#[no_mangle]
pub static Py_Version: libc::c_ulong = crate::objects::object::PY_VERSION_HEX;
