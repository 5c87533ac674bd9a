//! The buffer protocol's C API (`Include/cpython/abstract.h`, `pybuffer.h`).
//!
//! Ownership: a successful `PyObject_GetBuffer` leaves a strong reference to
//! the exporter in `view->obj`; `PyBuffer_Release` drops it (and tells the
//! exporter) and sets `view->obj` to NULL, so releasing twice is harmless.
use crate::objects::buffer;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_unit, nonnull};
use libc::{c_char, c_int, c_void};

#[no_mangle]
pub unsafe extern "C" fn PyObject_CheckBuffer(obj: *mut PyObject) -> c_int {
    unsafe { (!obj.is_null() && buffer::check(obj)) as c_int }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetBuffer(obj: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_unit(|| unsafe {
        nonnull(obj)?;
        nonnull(view)?;
        buffer::get(obj, view, flags)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBuffer_Release(view: *mut Py_buffer) {
    guard(|| unsafe {
        if !view.is_null() {
            buffer::release(view);
        }
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillInfo(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int {
    guard_unit(|| unsafe { buffer::fill_info(view, obj, buf, len, readonly != 0, flags) })
}

#[no_mangle]
pub unsafe extern "C" fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int {
    unsafe {
        if view.is_null() {
            return 0;
        }
        buffer::is_contiguous(view, order as u8) as c_int
    }
}

/// Address of the item at `indices` (one index per dimension).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_GetPointer(view: *const Py_buffer, indices: *const Py_ssize_t) -> *mut c_void {
    unsafe {
        if view.is_null() || ((*view).ndim > 0 && indices.is_null()) {
            return core::ptr::null_mut();
        }
        let mut p = (*view).buf as *mut u8;
        let nd = (*view).ndim.max(0) as usize;
        for i in 0..nd {
            let stride = if (*view).strides.is_null() { (*view).itemsize } else { *(*view).strides.add(i) };
            p = p.offset(stride * *indices.add(i));
            if !(*view).suboffsets.is_null() && *(*view).suboffsets.add(i) >= 0 {
                p = (*(p as *mut *mut u8)).offset(*(*view).suboffsets.add(i));
            }
        }
        p as *mut c_void
    }
}

/// Walk every item of a (possibly strided) view in C or Fortran order.
unsafe fn for_each_item(view: *const Py_buffer, fortran: bool, mut f: impl FnMut(*mut u8)) {
    unsafe {
        let nd = (*view).ndim.max(0) as usize;
        if nd == 0 || (*view).shape.is_null() {
            let n = (*view).len / (*view).itemsize.max(1);
            for i in 0..n {
                f(((*view).buf as *mut u8).offset(i * (*view).itemsize));
            }
            return;
        }
        let shape: Vec<isize> = (0..nd).map(|i| *(*view).shape.add(i)).collect();
        if shape.contains(&0) {
            return;
        }
        let mut idx = vec![0isize; nd];
        loop {
            f(PyBuffer_GetPointer(view, idx.as_ptr()) as *mut u8);
            // Increment the multi-index: last dimension fastest for C order.
            let order: Vec<usize> = if fortran { (0..nd).collect() } else { (0..nd).rev().collect() };
            let mut done = true;
            for d in order {
                idx[d] += 1;
                if idx[d] < shape[d] {
                    done = false;
                    break;
                }
                idx[d] = 0;
            }
            if done {
                return;
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyBuffer_ToContiguous(buf: *mut c_void, src: *const Py_buffer, len: Py_ssize_t, order: c_char) -> c_int {
    guard_unit(|| unsafe {
        nonnull(buf)?;
        nonnull(src as *mut Py_buffer)?;
        if len > (*src).len {
            return Err(errors::value_error("PyBuffer_ToContiguous: len is greater than the buffer length"));
        }
        if buffer::is_contiguous(src, order as u8) {
            core::ptr::copy((*src).buf as *const u8, buf as *mut u8, len as usize);
            return Ok(());
        }
        let isz = (*src).itemsize.max(1) as usize;
        let mut out = buf as *mut u8;
        let mut left = len as usize;
        for_each_item(src, order as u8 == b'F', |p| {
            if left >= isz {
                core::ptr::copy(p, out, isz);
                out = out.add(isz);
                left -= isz;
            }
        });
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FromContiguous(view: *const Py_buffer, buf: *const c_void, len: Py_ssize_t, fort: c_char) -> c_int {
    guard_unit(|| unsafe {
        nonnull(buf as *mut c_void)?;
        nonnull(view as *mut Py_buffer)?;
        if len <= 0 {
            return Ok(());
        }
        let len = len.min((*view).len) as usize;
        if buffer::is_contiguous(view, fort as u8) {
            core::ptr::copy(buf as *const u8, (*view).buf as *mut u8, len);
            return Ok(());
        }
        let isz = (*view).itemsize.max(1) as usize;
        let mut inp = buf as *const u8;
        let mut left = len;
        for_each_item(view, fort as u8 == b'F', |p| {
            if left >= isz {
                core::ptr::copy(inp, p, isz);
                inp = inp.add(isz);
                left -= isz;
            }
        });
        Ok(())
    })
}

/// `PyBuffer_FillContiguousStrides`: strides of a contiguous array of `shape`
/// (`order` 'F' Fortran, anything else C).
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillContiguousStrides(
    nd: c_int,
    shape: *const Py_ssize_t,
    strides: *mut Py_ssize_t,
    itemsize: c_int,
    order: c_char,
) {
    if nd <= 0 || shape.is_null() || strides.is_null() {
        return;
    }
    // SAFETY: the caller passes `nd` readable shape entries and `nd` writable strides.
    unsafe {
        let mut sd = itemsize as Py_ssize_t;
        let dims: Vec<usize> = if order as u8 == b'F' { (0..nd as usize).collect() } else { (0..nd as usize).rev().collect() };
        for k in dims {
            *strides.add(k) = sd;
            sd *= *shape.add(k);
        }
    }
}

/// `PyBuffer_SizeFromFormat`: `struct.calcsize(format)`, -1 with an exception
/// for a bad format.
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_SizeFromFormat(format: *const c_char) -> Py_ssize_t {
    guard(|| unsafe {
        let f = crate::runtime::ffi::nonnull_c(format)?;
        buffer::struct_calcsize(std::ffi::CStr::from_ptr(f).to_bytes())
    })
}
