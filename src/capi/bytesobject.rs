//! `Include/bytesobject.h`: creating and reading bytes objects.
//!
//! Ownership: results are new references; `PyBytes_Concat` replaces `*pv`
//! (releasing the old value, NULL on error); `PyBytes_ConcatAndDel` also
//! releases `w`; `_PyBytes_Resize` reallocates a fresh bytes in place.
use crate::objects::bytesobject as b;
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull, nonnull_c};
use libc::{c_char, c_int};

unsafe fn expect_bytes(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        nonnull(op)?;
        if !b::is_bytes(op) {
            return Err(errors::type_error(format!(
                "expected bytes, {} found",
                crate::objects::typeobject::type_name_str((*op).ob_type)
            )));
        }
        Ok(op)
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyBytes_FromStringAndSize"));
        }
        if s.is_null() {
            return b::new_uninit(n);
        }
        b::from_slice(core::slice::from_raw_parts(s as *const u8, n as usize))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe { b::from_slice(std::ffi::CStr::from_ptr(nonnull_c(s)?).to_bytes()) })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(op: *mut PyObject) -> *mut c_char {
    guard(|| unsafe { Ok(b::data(expect_bytes(op)?) as *mut c_char) })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { Ok(Py_SIZE(expect_bytes(op)?)) })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(op: *mut PyObject, s: *mut *mut c_char, len: *mut Py_ssize_t) -> c_int {
    guard_unit(|| unsafe {
        nonnull(s)?;
        expect_bytes(op)?;
        let d = b::data(op);
        if len.is_null() {
            if b::as_slice(op).contains(&0) {
                return Err(errors::value_error("embedded null byte"));
            }
        } else {
            *len = Py_SIZE(op);
        }
        *s = d as *mut c_char;
        Ok(())
    })
}

/// `PyBytes_FromObject`: bytes, buffers and iterables of ints; not str or int.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromObject(x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(x)?;
        if b::is_bytes_exact(x) {
            return Ok(Owned::from_borrowed(x));
        }
        if crate::objects::unicodeobject::is_str(x) || crate::objects::longobject::is_index(x) && !crate::objects::buffer::check(x) {
            return Err(errors::type_error(format!(
                "cannot convert '{}' object to bytes",
                crate::objects::typeobject::type_name_str((*x).ob_type)
            )));
        }
        b::from_slice(&b::bytes_from_source(x, "bytes")?)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_Concat(pv: *mut *mut PyObject, w: *mut PyObject) {
    guard(|| unsafe {
        if pv.is_null() {
            return Err(errors::bad_internal_call());
        }
        let v = *pv;
        if v.is_null() {
            return Ok(());
        }
        let old = Owned::from_raw_nonnull(v);
        *pv = core::ptr::null_mut();
        if w.is_null() {
            return Err(errors::bad_internal_call());
        }
        let (mut x, y) = crate::objects::bytes_methods::concat_operands(v, w)?;
        x.extend_from_slice(&y);
        let r = b::from_slice(&x)?;
        drop(old);
        *pv = r.into_raw();
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_ConcatAndDel(pv: *mut *mut PyObject, w: *mut PyObject) {
    unsafe {
        PyBytes_Concat(pv, w);
        if !w.is_null() {
            drop(Owned::from_raw_nonnull(w));
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe {
        nonnull(pv)?;
        b::resize(pv, newsize)
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Join(sep: *mut PyObject, iterable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        expect_bytes(sep)?;
        nonnull(iterable)?;
        crate::objects::bytes_methods::join(sep, iterable)
    })
}

/// `PyBytes_DecodeEscape`: Python's bytes-literal escapes (`\n`, `\xNN`, octal…).
#[no_mangle]
pub unsafe extern "C" fn PyBytes_DecodeEscape(
    s: *const c_char,
    len: Py_ssize_t,
    errors_: *const c_char,
    _unicode: Py_ssize_t,
    _recode_encoding: *const c_char,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        if len < 0 {
            return Err(errors::bad_internal_call());
        }
        let src: &[u8] = if len == 0 { &[] } else { core::slice::from_raw_parts(nonnull_c(s)? as *const u8, len as usize) };
        let errs = if errors_.is_null() { "strict".to_string() } else { std::ffi::CStr::from_ptr(errors_).to_string_lossy().into_owned() };
        let mut out = Vec::with_capacity(src.len());
        let mut i = 0;
        while i < src.len() {
            let c = src[i];
            i += 1;
            if c != b'\\' {
                out.push(c);
                continue;
            }
            if i >= src.len() {
                return Err(errors::value_error("Trailing \\ in string"));
            }
            let e = src[i];
            i += 1;
            match e {
                b'\n' => {}
                b'\\' => out.push(b'\\'),
                b'\'' => out.push(b'\''),
                b'"' => out.push(b'"'),
                b'b' => out.push(8),
                b'f' => out.push(12),
                b't' => out.push(b'\t'),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b'v' => out.push(11),
                b'a' => out.push(7),
                b'0'..=b'7' => {
                    let mut v = (e - b'0') as u32;
                    for _ in 0..2 {
                        if i < src.len() && (b'0'..=b'7').contains(&src[i]) {
                            v = v * 8 + (src[i] - b'0') as u32;
                            i += 1;
                        }
                    }
                    out.push(v as u8);
                }
                b'x' => {
                    let hex = |c: u8| (c as char).to_digit(16);
                    match (src.get(i).and_then(|&c| hex(c)), src.get(i + 1).and_then(|&c| hex(c))) {
                        (Some(h), Some(l)) => {
                            out.push((h * 16 + l) as u8);
                            i += 2;
                        }
                        _ => match errs.as_str() {
                            "strict" => {
                                return Err(errors::value_error(format!("invalid \\x escape at position {}", i - 2)))
                            }
                            "replace" => out.push(b'?'),
                            "ignore" => {}
                            other => {
                                return Err(errors::value_error(format!(
                                    "decoding error; unknown error handling code: {}",
                                    other
                                )))
                            }
                        },
                    }
                }
                other => {
                    out.push(b'\\');
                    out.push(other);
                }
            }
        }
        b::from_slice(&out)
    })
}

/// `Py_hexdigits` (declared in CPython's `codecs.h`): lower-case hex digits.
#[no_mangle]
pub static mut Py_hexdigits: *const c_char = c"0123456789abcdef".as_ptr();

/// `PyBytes_Repr`: `repr(bytes)`; with `smartquotes` 0 always single quotes
/// (escaping `'`), else double quotes when that avoids escaping. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Repr(op: *mut PyObject, smartquotes: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        let op = nonnull(op)?;
        if !b::is_bytes(op) {
            return Err(errors::bad_internal_call());
        }
        let data = b::as_slice(op);
        let text = if smartquotes != 0 { b::repr_bytes(data) } else { b::repr_bytes_quoted(data, b'\'', false) };
        crate::objects::unicodeobject::from_str(&text)
    })
}
