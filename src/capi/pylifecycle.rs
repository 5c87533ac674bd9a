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
    EVER_INITIALIZED.store(true, std::sync::atomic::Ordering::Relaxed);
    super::pyhash::fill_hash_secret();
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
/// `Py_FinalizeEx`: then the `Py_AtExit` callbacks, last registered first.
#[no_mangle]
pub extern "C" fn Py_FinalizeEx() -> c_int {
    if !lc::is_initialized() {
        return 0;
    }
    let r = lc::finalize();
    run_exit_funcs();
    r
}
#[no_mangle]
pub extern "C" fn Py_Finalize() {
    Py_FinalizeEx();
}

/// At most this many `Py_AtExit` callbacks, as CPython's `NEXITFUNCS`.
const NEXITFUNCS: usize = 32;
static EXIT_FUNCS: std::sync::Mutex<Vec<extern "C" fn()>> = std::sync::Mutex::new(Vec::new());

fn run_exit_funcs() {
    loop {
        // Pop one at a time without holding the lock: a callback may register more.
        let f = EXIT_FUNCS.lock().map(|mut v| v.pop()).unwrap_or(None);
        match f {
            Some(f) => f(),
            None => break,
        }
    }
}

/// `Py_AtExit`: register `func` to run at the end of `Py_FinalizeEx`; 0, or -1
/// when 32 are already registered.
#[no_mangle]
pub extern "C" fn Py_AtExit(func: Option<extern "C" fn()>) -> c_int {
    let Ok(mut v) = EXIT_FUNCS.lock() else { return -1 };
    if v.len() >= NEXITFUNCS {
        return -1;
    }
    if let Some(f) = func {
        v.push(f);
    }
    0
}

/// `Py_Exit`: finalize, then `exit(status)` (120 when finalizing failed and the
/// status was 0).
#[no_mangle]
pub extern "C" fn Py_Exit(status: c_int) -> ! {
    let mut status = status;
    if Py_FinalizeEx() < 0 && status == 0 {
        status = 120;
    }
    // SAFETY: plain libc exit; atexit handlers and stdio flushing run as in C.
    unsafe { libc::exit(status) }
}

/// Whether `Py_Initialize` ever ran (a fatal error after `Py_FinalizeEx`
/// reports "finalizing", before any start "unknown", as CPython).
static EVER_INITIALIZED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Print CPython's fatal-error report to stderr and abort.
fn fatal_error(func: Option<&str>, msg: &str) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    // SAFETY: fflush(NULL) flushes every C stdio stream; no Rust state involved.
    unsafe { libc::fflush(core::ptr::null_mut()) };
    let mut e = std::io::stderr().lock();
    let _ = match func {
        Some(f) => writeln!(e, "Fatal Python error: {}: {}", f, msg),
        None => writeln!(e, "Fatal Python error: {}", msg),
    };
    // CPython's report: the runtime state, then the thread's stack (no Python
    // frames exist yet) only while the runtime is up.
    if lc::is_initialized() {
        let _ = writeln!(e, "Python runtime state: initialized");
        let _ = writeln!(e);
        // SAFETY: pthread_self has no preconditions.
        let tid = unsafe { libc::pthread_self() } as usize;
        let _ = writeln!(e, "Current thread 0x{:016x} (most recent call first):", tid);
        let _ = writeln!(e, "  <no Python frame>");
    } else if EVER_INITIALIZED.load(std::sync::atomic::Ordering::Relaxed) {
        let ts = crate::runtime::pystate::current() as usize;
        let _ = writeln!(e, "Python runtime state: finalizing (tstate=0x{:016x})", ts);
        let _ = writeln!(e);
    } else {
        let _ = writeln!(e, "Python runtime state: unknown");
        let _ = writeln!(e);
    }
    let _ = e.flush();
    std::process::abort()
}

unsafe fn lossy<'a>(p: *const c_char) -> std::borrow::Cow<'a, str> {
    if p.is_null() {
        return std::borrow::Cow::Borrowed("<message not set>");
    }
    // SAFETY: the caller passes a NUL-terminated C string.
    unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy()
}

/// `Py_FatalError`: "Fatal Python error: <msg>" on stderr, then abort. C code
/// compiled against Python.h reaches `_Py_FatalErrorFunc` with its `__func__`.
#[no_mangle]
pub unsafe extern "C" fn Py_FatalError(msg: *const c_char) -> ! {
    fatal_error(None, &unsafe { lossy(msg) })
}

/// `_Py_FatalErrorFunc`: "Fatal Python error: <func>: <msg>", then abort.
#[no_mangle]
pub unsafe extern "C" fn _Py_FatalErrorFunc(func: *const c_char, msg: *const c_char) -> ! {
    let f = if func.is_null() { None } else { Some(unsafe { lossy(func) }) };
    fatal_error(f.as_deref(), &unsafe { lossy(msg) })
}

static VERSION: &[u8] = b"3.11.7 (pyrite 0.1.0) [rustc]\0";

/// `Py_GetVersion`: starts with "3.11." (PyO3 parses it).
#[no_mangle]
pub extern "C" fn Py_GetVersion() -> *const c_char {
    VERSION.as_ptr() as *const c_char
}

#[no_mangle]
pub static Py_Version: libc::c_ulong = crate::objects::object::PY_VERSION_HEX;
