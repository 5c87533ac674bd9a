//! `Include/pystrtod.h`: `PyOS_double_to_string` and `PyOS_string_to_double`,
//! over the float text conversions of `objects::formatter` and `floatobject`.
use crate::objects::formatter;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, nonnull_c};
use libc::{c_char, c_int};

const PY_DTSF_SIGN: c_int = 0x01;
const PY_DTSF_ADD_DOT_0: c_int = 0x02;
const PY_DTSF_ALT: c_int = 0x04;

/// `PyOS_double_to_string(val, code, precision, flags, *type)`: a new
/// `PyMem_Malloc` buffer the caller frees with `PyMem_Free`.
#[no_mangle]
pub unsafe extern "C" fn PyOS_double_to_string(
    val: f64,
    format_code: c_char,
    precision: c_int,
    flags: c_int,
    ptype: *mut c_int,
) -> *mut c_char {
    guard(|| unsafe {
        let code = format_code as u8 as char;
        if !matches!(code, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'r') || (code == 'r' && precision != 0) || precision < 0 {
            return Err(errors::bad_internal_call());
        }
        let body = formatter::format_abs(val.abs(), code, precision as usize, flags & PY_DTSF_ALT != 0, flags & PY_DTSF_ADD_DOT_0 != 0);
        let mut s = String::new();
        if val.is_sign_negative() && !val.is_nan() {
            s.push('-');
        } else if flags & PY_DTSF_SIGN != 0 {
            s.push('+');
        }
        s.push_str(&body);
        if !ptype.is_null() {
            *ptype = if val.is_nan() { 2 } else if val.is_infinite() { 1 } else { 0 };
        }
        let p = crate::capi::pymem::PyMem_Malloc(s.len() + 1) as *mut u8;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
        Ok(p as *mut c_char)
    })
}

/// Length of the longest float literal (no underscores, no whitespace) at the start.
fn literal_len(b: &[u8]) -> usize {
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let rest = String::from_utf8_lossy(&b[i..b.len().min(i + 8)]).to_ascii_lowercase();
    for w in ["infinity", "inf", "nan"] {
        if rest.starts_with(w) {
            return i + w.len();
        }
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s2 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        any |= i > s2;
    }
    if !any {
        return 0;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let s3 = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > s3 {
            i = j;
        }
    }
    i
}

/// `PyOS_string_to_double(s, endptr, overflow_exception)`.
#[no_mangle]
pub unsafe extern "C" fn PyOS_string_to_double(s: *const c_char, endptr: *mut *mut c_char, overflow_exception: *mut PyObject) -> f64 {
    guard(|| unsafe {
        let s = nonnull_c(s)?;
        let bytes = std::ffi::CStr::from_ptr(s).to_bytes();
        let n = literal_len(bytes);
        let shown = || String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        if n == 0 || (endptr.is_null() && n != bytes.len()) {
            if !endptr.is_null() {
                *endptr = s as *mut c_char;
            }
            return Err(errors::value_error(format!("could not convert string to float: '{}'", shown())));
        }
        let text = std::str::from_utf8(&bytes[..n]).unwrap_or("");
        let v: f64 = text.parse().unwrap_or(f64::NAN);
        if !endptr.is_null() {
            *endptr = s.add(n) as *mut c_char;
        }
        let literal_inf = text.trim_start_matches(['+', '-']).to_ascii_lowercase().starts_with("inf");
        if v.is_infinite() && !literal_inf && !overflow_exception.is_null() {
            return Err(errors::set_string(overflow_exception, &format!("value too large to convert to float: '{}'", shown())));
        }
        Ok(v)
    })
}
