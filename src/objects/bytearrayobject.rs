//! `bytearray`: CPython's `ob_alloc`/`ob_bytes`/`ob_start`/`ob_exports` layout.
//!
//! Design note. The bytes live in a separate block (`ob_bytes`, `ob_alloc`
//! bytes, from the object allocator); here `ob_start == ob_bytes` always (we
//! move bytes rather than advancing the start). While `ob_alloc > 0` the data
//! is NUL-terminated at `ob_size`. An empty bytearray may have no block at all,
//! which is why `PyByteArray_AS_STRING` falls back on
//! `_PyByteArray_empty_string`. Invariant: the size never changes while
//! buffers are exported (`ob_exports > 0`): BufferError instead.
use super::object::*;

#[repr(C)]
pub struct PyByteArrayObject {
    pub ob_base: PyVarObject,
    pub ob_alloc: Py_ssize_t,
    pub ob_bytes: *mut libc::c_char,
    pub ob_start: *mut libc::c_char,
    pub ob_exports: Py_ssize_t,
}

use super::bytes_methods::{self as bm, bytes_methods_table, KwFn, VarFn, VK};
use super::pyref::*;
use super::stringlib as sl;
use crate::pyrite_mdef as m;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit};
use crate::runtime::obmalloc;
use core::mem::size_of;
use libc::{c_int, c_void};

/// What `PyByteArray_AS_STRING` returns for an empty bytearray.
#[no_mangle]
pub static mut _PyByteArray_empty_string: [libc::c_char; 1] = [0];

#[no_mangle]
pub static mut PyByteArray_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(bytearray_dealloc),
    tp_repr: Some(bytearray_repr),
    tp_str: Some(bytearray_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(bytearray_richcompare),
    tp_as_sequence: &raw mut BYTEARRAY_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTEARRAY_AS_MAPPING,
    tp_as_buffer: &raw mut BYTEARRAY_AS_BUFFER,
    tp_iter: Some(bytearray_iter),
    tp_methods: &raw mut BYTEARRAY_METHODS as *mut PyMethodDef,
    tp_init: Some(bytearray_init),
    tp_new: Some(bytearray_new),
    tp_doc: c"bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the buffer API.\n  - an integer".as_ptr(),
    ..PyTypeObject::new(c"bytearray", size_of::<PyByteArrayObject>(), 0)
};

static mut BYTEARRAY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(bytearray_length),
    sq_concat: Some(bytearray_concat),
    sq_repeat: Some(bytearray_repeat),
    sq_item: Some(bytearray_item),
    sq_ass_item: Some(bytearray_ass_item),
    sq_contains: Some(bytearray_contains),
    sq_inplace_concat: Some(bytearray_iconcat),
    sq_inplace_repeat: Some(bytearray_irepeat),
    ..PySequenceMethods::EMPTY
};

static mut BYTEARRAY_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytearray_length),
    mp_subscript: Some(bytearray_subscript),
    mp_ass_subscript: Some(bytearray_ass_subscript),
};

static mut BYTEARRAY_AS_BUFFER: PyBufferProcs =
    PyBufferProcs { bf_getbuffer: Some(bytearray_getbuffer), bf_releasebuffer: Some(bytearray_releasebuffer) };

#[inline(always)]
pub unsafe fn is_bytearray(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyByteArray_Type) }
}
#[inline(always)]
pub unsafe fn is_bytearray_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyByteArray_Type }
}
#[inline(always)]
unsafe fn ba(op: *mut PyObject) -> *mut PyByteArrayObject {
    op as *mut PyByteArrayObject
}
/// `PyByteArray_AS_STRING`.
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    unsafe {
        if Py_SIZE(op) == 0 || (*ba(op)).ob_start.is_null() {
            (&raw mut _PyByteArray_empty_string) as *mut u8
        } else {
            (*ba(op)).ob_start as *mut u8
        }
    }
}
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    unsafe {
        let n = Py_SIZE(op) as usize;
        if n == 0 {
            return &[];
        }
        core::slice::from_raw_parts(data(op), n)
    }
}

/// `PyByteArray_Resize`: change the size, keeping the contents; new bytes are
/// uninitialised (zeroed here).
pub unsafe fn resize(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyByteArray_Resize"));
        }
        let p = ba(op);
        let old = Py_SIZE(op);
        if n == old {
            return Ok(());
        }
        if (*p).ob_exports > 0 {
            return Err(errors::set_string(
                super::exceptions::PyExc_BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        // CPython's strategy: exact size for big changes, ~1/8 slack for small growth.
        let size = n as usize;
        let alloc = (*p).ob_alloc as usize;
        let new_alloc = if size + 1 <= alloc {
            if size < alloc / 2 { Some(size + 1) } else { None }
        } else if (size as f64) <= alloc as f64 * 1.125 {
            Some(size + (size >> 3) + if size < 9 { 3 } else { 6 })
        } else {
            Some(size + 1)
        };
        if let Some(new_alloc) = new_alloc {
            let mem = obmalloc::object_realloc((*p).ob_bytes as *mut c_void, new_alloc) as *mut libc::c_char;
            if mem.is_null() {
                return Err(errors::no_memory());
            }
            (*p).ob_bytes = mem;
            (*p).ob_start = mem;
            (*p).ob_alloc = new_alloc as Py_ssize_t;
        }
        if n > old {
            core::ptr::write_bytes((*p).ob_start.add(old as usize), 0, (n - old) as usize);
        }
        *(*p).ob_start.add(n as usize) = 0;
        Py_SET_SIZE(op, n);
        Ok(())
    }
}

/// Replace the whole contents.
pub unsafe fn set_contents(op: *mut PyObject, b: &[u8]) -> PyResult<()> {
    unsafe {
        resize(op, b.len() as Py_ssize_t)?;
        if !b.is_empty() {
            core::ptr::copy(b.as_ptr(), data(op), b.len());
        }
        Ok(())
    }
}

/// A new exact bytearray holding a copy of `b`.
pub fn from_slice(b: &[u8]) -> PyResult<Owned> {
    unsafe {
        let o = super::typeobject::generic_alloc(&raw mut PyByteArray_Type, 0)?;
        set_contents(o.as_ptr(), b)?;
        Ok(o)
    }
}

/// A new bytearray of `n` zero bytes (`PyByteArray_FromStringAndSize(NULL, n)`).
pub fn new_sized(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::system_error("Negative size passed to PyByteArray_FromStringAndSize"));
    }
    unsafe {
        let o = super::typeobject::generic_alloc(&raw mut PyByteArray_Type, 0)?;
        resize(o.as_ptr(), n)?;
        Ok(o)
    }
}

unsafe extern "C" fn bytearray_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::typeobject::alloc_instance(tp, 0) })
}

unsafe extern "C" fn bytearray_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let v = super::bytesobject::construct(args, kw, "bytearray")?;
        set_contents(op, &v)
    })
}

unsafe extern "C" fn bytearray_dealloc(op: *mut PyObject) {
    unsafe {
        let p = ba(op);
        if !(*p).ob_bytes.is_null() {
            obmalloc::object_free((*p).ob_bytes as *mut c_void);
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn bytearray_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = super::typeobject::type_name_str((*op).ob_type);
        let s = format!("{}({})", name, super::bytesobject::repr_bytes_ex(as_slice(op), true));
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn bytearray_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::buffer::check(a) || !super::buffer::check(b) || super::unicodeobject::is_str(a) || super::unicodeobject::is_str(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let x = super::buffer::get_contiguous_bytes(a).unwrap()?;
        let y = super::buffer::get_contiguous_bytes(b).unwrap()?;
        bm::compare_slices(&x, &y, op)
    })
}

unsafe extern "C" fn bytearray_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { Py_SIZE(op) }
}

unsafe extern "C" fn bytearray_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("bytearray index out of range"));
        }
        super::longobject::from_isize(*data(op).add(i as usize) as isize)
    })
}

unsafe extern "C" fn bytearray_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if super::longobject::is_index(key) {
            let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
            if i < 0 {
                i += Py_SIZE(op);
            }
            if i < 0 || i >= Py_SIZE(op) {
                return Err(errors::index_error("bytearray index out of range"));
            }
            return super::longobject::from_isize(*data(op).add(i as usize) as isize);
        }
        if sl::is_slice(key) {
            let b = as_slice(op);
            let (start, _, step, n) = sl::slice_indices(key, b.len())?;
            return from_slice(&sl::take_slice(b, start, step, n));
        }
        Err(errors::type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    })
}

/// Delete `n` bytes at `at` (moving the tail down).
unsafe fn delete_range(op: *mut PyObject, at: usize, n: usize) -> PyResult<()> {
    unsafe {
        let len = Py_SIZE(op) as usize;
        if n == 0 {
            return Ok(());
        }
        if (*ba(op)).ob_exports > 0 {
            return Err(errors::set_string(
                super::exceptions::PyExc_BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        let d = data(op);
        core::ptr::copy(d.add(at + n), d.add(at), len - at - n);
        resize(op, (len - n) as Py_ssize_t)
    }
}

/// `self[i] = v` / `del self[i]` with `i` already adjusted.
unsafe fn ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("bytearray index out of range"));
        }
        if v.is_null() {
            return delete_range(op, i as usize, 1);
        }
        let b = bm::byte_value(v, "byte must be in range(0, 256)")?;
        *data(op).add(i as usize) = b;
        Ok(())
    }
}

unsafe extern "C" fn bytearray_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ass_item(op, i, v) })
}

/// The bytes of a slice-assignment value: a buffer or an iterable of ints.
unsafe fn assigned_bytes(op: *mut PyObject, v: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        if v == op {
            return Ok(as_slice(op).to_vec());
        }
        if super::longobject::is_index(v) || super::unicodeobject::is_str(v) {
            return Err(errors::type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
        }
        super::bytesobject::bytes_from_source(v, "bytearray")
    }
}

unsafe fn ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        if super::longobject::is_index(key) {
            let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
            if i < 0 {
                i += Py_SIZE(op);
            }
            return ass_item(op, i, v);
        }
        if !sl::is_slice(key) {
            return Err(errors::type_error(format!(
                "bytearray indices must be integers or slices, not {}",
                super::typeobject::type_name_str((*key).ob_type)
            )));
        }
        let len = Py_SIZE(op) as usize;
        let (start, stop, step, n) = sl::slice_indices(key, len)?;
        let newb = if v.is_null() { Vec::new() } else { assigned_bytes(op, v)? };
        if step == 1 {
            // Simple slice: replace [start, max(start, stop)) with newb.
            let s = start as usize;
            let e = (stop.max(start)) as usize;
            let mut cur = as_slice(op).to_vec();
            if newb.len() != e - s && (*ba(op)).ob_exports > 0 {
                return Err(errors::set_string(
                    super::exceptions::PyExc_BufferError,
                    "Existing exports of data: object cannot be re-sized",
                ));
            }
            cur.splice(s..e, newb);
            return set_contents(op, &cur);
        }
        if v.is_null() {
            // Delete an extended slice.
            let mut drop = vec![false; len];
            for k in 0..n {
                drop[(start + k as isize * step) as usize] = true;
            }
            let kept: Vec<u8> = as_slice(op).iter().zip(drop).filter(|(_, d)| !d).map(|(b, _)| *b).collect();
            return set_contents(op, &kept);
        }
        if newb.len() != n {
            return Err(errors::value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                newb.len(),
                n
            )));
        }
        let d = data(op);
        for (k, b) in newb.iter().enumerate() {
            *d.add((start + k as isize * step) as usize) = *b;
        }
        Ok(())
    }
}

unsafe extern "C" fn bytearray_ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ass_subscript(op, key, v) })
}

unsafe extern "C" fn bytearray_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (mut x, y) = bm::concat_operands(a, b)?;
        x.extend_from_slice(&y);
        from_slice(&x)
    })
}

/// `self += other` (also `PyByteArray_Concat`'s core).
pub unsafe fn extend_buffer(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    unsafe {
        let y = match super::buffer::get_contiguous_bytes(other) {
            Some(r) => r?,
            None => {
                return Err(errors::type_error(format!(
                    "can't concat {} to {}",
                    super::typeobject::type_name_str((*other).ob_type),
                    super::typeobject::type_name_str((*op).ob_type)
                )))
            }
        };
        append_bytes(op, &y)
    }
}

unsafe fn append_bytes(op: *mut PyObject, y: &[u8]) -> PyResult<()> {
    unsafe {
        let n = Py_SIZE(op) as usize;
        resize(op, (n + y.len()) as Py_ssize_t)?;
        if !y.is_empty() {
            core::ptr::copy_nonoverlapping(y.as_ptr(), data(op).add(n), y.len());
        }
        Ok(())
    }
}

unsafe extern "C" fn bytearray_iconcat(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        extend_buffer(op, other)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe extern "C" fn bytearray_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { from_slice(&bm::repeat(as_slice(op), n)?) })
}

unsafe extern "C" fn bytearray_irepeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let v = bm::repeat(as_slice(op), n)?;
        set_contents(op, &v)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe extern "C" fn bytearray_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    guard(|| unsafe { bm::contains(&as_slice(op).to_vec(), x).map(|b| b as c_int) })
}

unsafe extern "C" fn bytearray_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_unit(|| unsafe {
        super::buffer::fill_info(view, op, data(op) as *mut c_void, Py_SIZE(op), false, flags)?;
        (*ba(op)).ob_exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn bytearray_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    unsafe { (*ba(op)).ob_exports -= 1 }
}

unsafe extern "C" fn bytearray_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { bm::new_iter(&raw mut bm::PyByteArrayIter_Type, op) })
}

// ---------------------------------------------------------------- mutation methods

unsafe extern "C" fn ba_append(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = bm::byte_value(x, "byte must be in range(0, 256)")?;
        append_bytes(op, &[b])?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_extend(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if super::buffer::check(x) {
            extend_buffer(op, x)?;
            return Ok(super::noneobject::none());
        }
        if super::unicodeobject::is_str(x) {
            return Err(errors::type_error("expected iterable of integers; got: 'str'"));
        }
        let v = match super::abstract_::collect(x) {
            Ok(v) => v,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "can't extend bytearray with {}",
                        super::typeobject::type_name_str((*x).ob_type)
                    )));
                }
                return Err(e);
            }
        };
        let mut bytes = Vec::with_capacity(v.len());
        for it in &v {
            bytes.push(bm::byte_value(it.as_ptr(), "byte must be in range(0, 256)")?);
        }
        append_bytes(op, &bytes)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_pop(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sl::unpack_args("pop", args, 0, 1)?;
        let n = Py_SIZE(op);
        let mut i = if a[0].is_null() { -1 } else { sl::index_arg(a[0])? };
        if n == 0 {
            return Err(errors::index_error("pop from empty bytearray"));
        }
        if i < 0 {
            i += n;
        }
        if i < 0 || i >= n {
            return Err(errors::index_error("pop index out of range"));
        }
        let c = *data(op).add(i as usize);
        delete_range(op, i as usize, 1)?;
        super::longobject::from_isize(c as isize)
    })
}

unsafe extern "C" fn ba_clear(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        resize(op, 0)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_copy(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_slice(as_slice(op)) })
}

unsafe extern "C" fn ba_insert(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sl::unpack_args("insert", args, 2, 2)?;
        let mut i = sl::index_arg(a[0])?;
        let b = bm::byte_value(a[1], "byte must be in range(0, 256)")?;
        let n = Py_SIZE(op);
        if i < 0 {
            i = (i + n).max(0);
        }
        let i = i.min(n) as usize;
        let mut v = as_slice(op).to_vec();
        v.insert(i, b);
        set_contents(op, &v)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_remove(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = bm::byte_value(x, "byte must be in range(0, 256)")?;
        match as_slice(op).iter().position(|&c| c == b) {
            Some(i) => delete_range(op, i, 1)?,
            None => return Err(errors::value_error("value not found in bytearray")),
        }
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_reverse(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = Py_SIZE(op) as usize;
        if n > 0 {
            core::slice::from_raw_parts_mut(data(op), n).reverse();
        }
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn ba_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        super::longobject::from_isize(((*op).ob_type.as_ref().unwrap().tp_basicsize + (*ba(op)).ob_alloc) as isize)
    })
}

pub static mut BYTEARRAY_METHODS: [PyMethodDef; 52] = bytes_methods_table![
    m!(c"append", ba_append as VarFn, METH_O, c"Append a single item to the end of the bytearray."),
    m!(c"extend", ba_extend as VarFn, METH_O, c"Append all the items from the iterator or sequence to the end of the bytearray."),
    m!(c"pop", ba_pop as VarFn, METH_VARARGS, c"Remove and return a single item from B."),
    m!(c"clear", ba_clear as VarFn, METH_NOARGS, c"Remove all items from the bytearray."),
    m!(c"copy", ba_copy as VarFn, METH_NOARGS, c"Return a copy of B."),
    m!(c"insert", ba_insert as VarFn, METH_VARARGS, c"Insert a single item into the bytearray before the given index."),
    m!(c"remove", ba_remove as VarFn, METH_O, c"Remove the first occurrence of a value in the bytearray."),
    m!(c"reverse", ba_reverse as VarFn, METH_NOARGS, c"Reverse the order of the values in B in place."),
    m!(c"__sizeof__", ba_sizeof as VarFn, METH_NOARGS, c"Returns the size of the bytearray object in memory, in bytes."),
];
