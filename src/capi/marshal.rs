//! `Include/marshal.h`: marshal to and from C stdio streams and memory.
use crate::modules::marshal::{self as m, Reader, Source};
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull, nonnull_c};
use libc::{c_char, c_int, c_long, c_void, FILE};

unsafe fn write_all(fp: *mut FILE, b: &[u8]) {
    if !fp.is_null() && !b.is_empty() {
        // SAFETY: a valid stream and buffer.
        unsafe { libc::fwrite(b.as_ptr() as *const c_void, 1, b.len(), fp) };
    }
}

/// Write a 4-byte little-endian long (no error reporting, as CPython).
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteLongToFile(x: c_long, fp: *mut FILE, _version: c_int) {
    unsafe { write_all(fp, &(x as i32).to_le_bytes()) }
}

/// Write one object; errors are left set as exceptions (CPython reports
/// nothing else).
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToFile(x: *mut PyObject, fp: *mut FILE, version: c_int) {
    let _ = guard(|| unsafe {
        let b = m::dumps(nonnull(x)?, version)?;
        write_all(fp, &b);
        Ok(0)
    });
}

/// New reference to a bytes object.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToString(x: *mut PyObject, version: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::bytesobject::from_slice(&m::dumps(nonnull(x)?, version)?) })
}

/// A 4-byte long; -1 with EOFError at the end of the stream.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadLongFromFile(fp: *mut FILE) -> c_long {
    guard(|| unsafe {
        let mut r = Reader::new(Source::Stdio(nonnull(fp)?));
        Ok(r.long()? as c_long)
    })
}

/// A 2-byte short; -1 with EOFError at the end of the stream.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadShortFromFile(fp: *mut FILE) -> c_int {
    guard(|| unsafe {
        let mut r = Reader::new(Source::Stdio(nonnull(fp)?));
        Ok(r.short()? as c_int)
    })
}

/// New reference to the next object of the stream.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromFile(fp: *mut FILE) -> *mut PyObject {
    guard_obj(|| unsafe { Reader::new(Source::Stdio(nonnull(fp)?)).read_object() })
}

/// New reference: reads the rest of the stream into memory, then one object.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadLastObjectFromFile(fp: *mut FILE) -> *mut PyObject {
    guard_obj(|| unsafe {
        let fp = nonnull(fp)?;
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = libc::fread(buf.as_mut_ptr() as *mut c_void, 1, buf.len(), fp);
            data.extend_from_slice(&buf[..n]);
            if n < buf.len() {
                break;
            }
        }
        m::loads(&data)
    })
}

/// New reference to the object marshalled in `len` bytes at `data`.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromString(data: *const c_char, len: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if len < 0 {
            return Err(errors::bad_internal_call());
        }
        let p = nonnull_c(data)?;
        m::loads(core::slice::from_raw_parts(p as *const u8, len as usize))
    })
}
