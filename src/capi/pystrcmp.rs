//! `Include/pystrcmp.h`: ASCII case-insensitive comparison of C strings.
//!
//! Design note. Only ASCII letters fold (as `Py_TOLOWER`); the result is the
//! difference of the first differing folded bytes, like CPython.
use crate::objects::object::Py_ssize_t;
use libc::{c_char, c_int};

/// `PyOS_mystrnicmp`: compare at most `size` bytes.
#[no_mangle]
pub unsafe extern "C" fn PyOS_mystrnicmp(s1: *const c_char, s2: *const c_char, size: Py_ssize_t) -> c_int {
    if size <= 0 || s1.is_null() || s2.is_null() {
        return 0;
    }
    // SAFETY: both are NUL-terminated C strings or have `size` readable bytes;
    // the loop stops at a NUL or after `size` bytes.
    unsafe {
        let (mut p1, mut p2) = (s1 as *const u8, s2 as *const u8);
        let mut size = size;
        loop {
            size -= 1;
            if !(size > 0 && *p1 != 0 && *p2 != 0 && (*p1).to_ascii_lowercase() == (*p2).to_ascii_lowercase()) {
                break;
            }
            p1 = p1.add(1);
            p2 = p2.add(1);
        }
        (*p1).to_ascii_lowercase() as c_int - (*p2).to_ascii_lowercase() as c_int
    }
}

/// `PyOS_mystricmp`: compare whole strings.
#[no_mangle]
pub unsafe extern "C" fn PyOS_mystricmp(s1: *const c_char, s2: *const c_char) -> c_int {
    if s1.is_null() || s2.is_null() {
        return 0;
    }
    // SAFETY: both are NUL-terminated C strings.
    unsafe {
        let (mut p1, mut p2) = (s1 as *const u8, s2 as *const u8);
        while *p1 != 0 && *p2 != 0 && (*p1).to_ascii_lowercase() == (*p2).to_ascii_lowercase() {
            p1 = p1.add(1);
            p2 = p2.add(1);
        }
        (*p1).to_ascii_lowercase() as c_int - (*p2).to_ascii_lowercase() as c_int
    }
}
