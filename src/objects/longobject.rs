//! `int`: CPython 3.11's layout — 30-bit digits in `ob_digit`, the sign and the
//! digit count in `ob_size` (negative for negative numbers, 0 for zero).
use super::object::*;

pub type digit = u32;
pub type sdigit = i32;
pub type twodigits = u64;
pub type stwodigits = i64;
pub const PyLong_SHIFT: u32 = 30;
pub const PyLong_BASE: digit = 1 << PyLong_SHIFT;
pub const PyLong_MASK: digit = PyLong_BASE - 1;

#[repr(C)]
pub struct PyLongObject {
    pub ob_base: PyVarObject,
    pub ob_digit: [digit; 1],
}

// PLACEHOLDER ARITHMETIC: values that fit in i64 only; the full bignum
// implementation replaces this section.
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use libc::c_int;

#[no_mangle]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(long_dealloc),
    tp_repr: Some(long_repr),
    tp_hash: Some(long_hash),
    tp_richcompare: Some(long_richcompare),
    tp_as_number: &raw mut LONG_AS_NUMBER,
    ..PyTypeObject::new(c"int", offset_of!(PyLongObject, ob_digit), size_of::<digit>())
};

static mut LONG_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_bool: Some(long_bool),
    nb_index: Some(long_index),
    nb_int: Some(long_index),
    ..PyNumberMethods::EMPTY
};

#[inline(always)]
pub unsafe fn is_long(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_LONG_SUBCLASS) }
}

/// Does the object support `__index__`?
pub unsafe fn is_index(op: *mut PyObject) -> bool {
    unsafe {
        let tp = (*op).ob_type;
        is_long(op) || (!(*tp).tp_as_number.is_null() && (*(*tp).tp_as_number).nb_index.is_some())
    }
}

unsafe fn alloc_digits(n: usize) -> PyResult<Owned> {
    unsafe {
        let size = offset_of!(PyLongObject, ob_digit) + n.max(1) * size_of::<digit>();
        let mem = crate::runtime::obmalloc::object_malloc(size) as *mut PyObject;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        (*mem).ob_type = &raw mut PyLong_Type;
        Py_SET_SIZE(mem, n as Py_ssize_t);
        new_reference(mem);
        Ok(Owned::from_raw_nonnull(mem))
    }
}

pub fn from_i64(v: i64) -> PyResult<Owned> {
    unsafe {
        let neg = v < 0;
        let mut u = v.unsigned_abs();
        let mut digits = Vec::new();
        while u != 0 {
            digits.push((u & PyLong_MASK as u64) as digit);
            u >>= PyLong_SHIFT;
        }
        let o = alloc_digits(digits.len())?;
        let p = o.as_ptr() as *mut PyLongObject;
        for (i, d) in digits.iter().enumerate() {
            *(*p).ob_digit.as_mut_ptr().add(i) = *d;
        }
        if neg {
            Py_SET_SIZE(o.as_ptr(), -(digits.len() as Py_ssize_t));
        }
        Ok(o)
    }
}

pub fn from_isize(v: isize) -> PyResult<Owned> {
    from_i64(v as i64)
}

/// The value as i128 if it fits (placeholder helper).
pub unsafe fn as_i128(op: *mut PyObject) -> Option<i128> {
    unsafe {
        let n = Py_SIZE(op);
        let p = op as *mut PyLongObject;
        let mut acc: i128 = 0;
        let cnt = n.unsigned_abs();
        if cnt > 4 {
            return None;
        }
        for i in (0..cnt).rev() {
            acc = (acc << PyLong_SHIFT) | *(*p).ob_digit.as_ptr().add(i) as i128;
        }
        Some(if n < 0 { -acc } else { acc })
    }
}

/// `PyNumber_AsSsize_t`-style conversion for indices.
pub unsafe fn as_ssize_index(op: *mut PyObject, exc: Option<*mut PyObject>) -> PyResult<Py_ssize_t> {
    unsafe {
        let o = if is_long(op) {
            Owned::from_borrowed(op)
        } else {
            let tp = (*op).ob_type;
            match (*(*tp).tp_as_number).nb_index {
                Some(f) => Owned::from_raw(f(op))?,
                None => return Err(errors::type_error("not an index")),
            }
        };
        match as_i128(o.as_ptr()) {
            Some(v) if v >= isize::MIN as i128 && v <= isize::MAX as i128 => Ok(v as isize),
            _ => match exc {
                Some(e) => Err(errors::set_string(e, &format!(
                    "cannot fit '{}' into an index-sized integer",
                    super::typeobject::type_name_str((*op).ob_type)
                ))),
                None => Ok(if Py_SIZE(o.as_ptr()) < 0 { isize::MIN } else { isize::MAX }),
            },
        }
    }
}

unsafe extern "C" fn long_dealloc(op: *mut PyObject) {
    unsafe { super::typeobject::free_instance(op) }
}
unsafe extern "C" fn long_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        match as_i128(op) {
            Some(v) => super::unicodeobject::from_str(&v.to_string()),
            None => super::unicodeobject::from_str("<big int>"),
        }
    })
}
unsafe extern "C" fn long_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| unsafe {
        let v = as_i128(op).unwrap_or(0);
        let m = crate::runtime::pyhash::PYHASH_MODULUS as i128;
        let mut h = (v.abs() % m) as i64;
        if v < 0 {
            h = -h;
        }
        Ok(if h == -1 { -2 } else { h as Py_hash_t })
    })
}
unsafe extern "C" fn long_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        if !is_long(a) || !is_long(b) {
            return super::noneobject::new_not_implemented();
        }
        let (x, y) = (as_i128(a).unwrap_or(0), as_i128(b).unwrap_or(0));
        let r = match op {
            Py_LT => x < y,
            Py_LE => x <= y,
            Py_EQ => x == y,
            Py_NE => x != y,
            Py_GT => x > y,
            _ => x >= y,
        };
        super::boolobject::from_bool(r)
    }
}
unsafe extern "C" fn long_bool(op: *mut PyObject) -> c_int {
    unsafe { (Py_SIZE(op) != 0) as c_int }
}
unsafe extern "C" fn long_index(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (*op).ob_type == &raw mut PyLong_Type {
            return Ok(Owned::from_borrowed(op));
        }
        from_i64(as_i128(op).unwrap_or(0) as i64)
    })
}

pub fn from_u64(v: u64) -> PyResult<Owned> {
    if v <= i64::MAX as u64 {
        return from_i64(v as i64);
    }
    unsafe {
        let mut u = v;
        let mut digits = Vec::new();
        while u != 0 {
            digits.push((u & PyLong_MASK as u64) as digit);
            u >>= PyLong_SHIFT;
        }
        let o = alloc_digits(digits.len())?;
        let p = o.as_ptr() as *mut PyLongObject;
        for (i, d) in digits.iter().enumerate() {
            *(*p).ob_digit.as_mut_ptr().add(i) = *d;
        }
        Ok(o)
    }
}

pub unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    unsafe {
        match as_i128(op) {
            Some(v) => Ok(v as f64),
            None => Err(errors::overflow_error("int too large to convert to float")),
        }
    }
}
