//! `Include/pyhash.h`: the hash helpers and the hash secret extensions see.
//!
//! Design note. The work is in `src/runtime/pyhash.rs`; this file exports it
//! with CPython 3.11's signatures and exports `_Py_HashSecret`, CPython's 24-byte
//! union, filled from the runtime's secret when the interpreter starts (before
//! that it is all zeros, like `PYTHONHASHSEED=0`).
use crate::objects::object::{PyObject, Py_hash_t, Py_ssize_t};
use crate::runtime::pyhash;
use libc::{c_char, c_int, c_void};

#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_fnv {
    pub prefix: Py_hash_t,
    pub suffix: Py_hash_t,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_siphash {
    pub k0: u64,
    pub k1: u64,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_djbx33a {
    pub padding: [u8; 16],
    pub suffix: Py_hash_t,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_expat {
    pub padding: [u8; 16],
    pub hashsalt: Py_hash_t,
}

/// CPython's `_Py_HashSecret_t`: 24 bytes seen through the views each hash
/// algorithm uses.
#[repr(C)]
#[derive(Clone, Copy)]
pub union _Py_HashSecret_t {
    pub uc: [u8; 24],
    pub fnv: _Py_HashSecret_fnv,
    pub siphash: _Py_HashSecret_siphash,
    pub djbx33a: _Py_HashSecret_djbx33a,
    pub expat: _Py_HashSecret_expat,
}
const _: () = assert!(core::mem::size_of::<_Py_HashSecret_t>() == 24);

#[no_mangle]
pub static mut _Py_HashSecret: _Py_HashSecret_t = _Py_HashSecret_t { uc: [0; 24] };

/// Copy the runtime's secret into `_Py_HashSecret` (at `Py_Initialize`).
pub fn fill_hash_secret() {
    let b = pyhash::SECRET.bytes;
    // SAFETY: written once at start-up before extensions run; plain bytes.
    unsafe { (&raw mut _Py_HashSecret).write(_Py_HashSecret_t { uc: b }) };
}

/// `PyHash_FuncDef`: the string hash algorithm's description.
#[repr(C)]
pub struct PyHash_FuncDef {
    pub hash: Option<unsafe extern "C" fn(*const c_void, Py_ssize_t) -> Py_hash_t>,
    pub name: *const c_char,
    pub hash_bits: c_int,
    pub seed_bits: c_int,
}
// SAFETY: immutable after construction; the name is a static C string.
unsafe impl Sync for PyHash_FuncDef {}

unsafe extern "C" fn siphash13(src: *const c_void, len: Py_ssize_t) -> Py_hash_t {
    if src.is_null() || len <= 0 {
        return pyhash::siphash13_raw(&[]);
    }
    // SAFETY: the caller passes `len` readable bytes at `src`.
    pyhash::siphash13_raw(unsafe { core::slice::from_raw_parts(src as *const u8, len as usize) })
}

static HASH_FUNC: PyHash_FuncDef =
    PyHash_FuncDef { hash: Some(siphash13), name: c"siphash13".as_ptr(), hash_bits: 64, seed_bits: 128 };

/// `PyHash_GetFuncDef`: SipHash-1-3, 64-bit hash, 128-bit key. Borrowed, static.
#[no_mangle]
pub extern "C" fn PyHash_GetFuncDef() -> *mut PyHash_FuncDef {
    // C declares a mutable pointer; callers only read through it.
    &HASH_FUNC as *const PyHash_FuncDef as *mut PyHash_FuncDef
}

/// `_Py_HashBytes`: the hash `bytes` gives the same content (0 when empty).
#[no_mangle]
pub unsafe extern "C" fn _Py_HashBytes(src: *const c_void, len: Py_ssize_t) -> Py_hash_t {
    if src.is_null() || len <= 0 {
        return 0;
    }
    // SAFETY: the caller passes `len` readable bytes at `src`.
    pyhash::hash_bytes(unsafe { core::slice::from_raw_parts(src as *const u8, len as usize) })
}

/// `_Py_HashDouble` (3.11 signature): the hash of `float(v)`; a NaN hashes by
/// the identity of `inst`.
#[no_mangle]
pub extern "C" fn _Py_HashDouble(inst: *mut PyObject, v: f64) -> Py_hash_t {
    pyhash::hash_double(v).unwrap_or_else(|| pyhash::hash_pointer(inst as *const c_void))
}

/// `_Py_HashPointerRaw`: the address rotated right by 4 bits (may be -1).
#[no_mangle]
pub extern "C" fn _Py_HashPointerRaw(p: *const c_void) -> Py_hash_t {
    (p as usize).rotate_right(4) as Py_hash_t
}

/// `_Py_HashPointer`: `_Py_HashPointerRaw`, with -1 reported as -2.
#[no_mangle]
pub extern "C" fn _Py_HashPointer(p: *const c_void) -> Py_hash_t {
    pyhash::hash_pointer(p)
}
