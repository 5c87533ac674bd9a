//! `list`: an item pointer plus `allocated`, CPython's over-allocating growth.
use super::object::*;

#[repr(C)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use crate::runtime::obmalloc;
use core::mem::size_of;
use libc::{c_int, c_void};

#[no_mangle]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(list_dealloc),
    tp_repr: Some(list_repr),
    tp_traverse: Some(list_traverse),
    tp_clear: Some(list_clear),
    tp_richcompare: Some(list_richcompare),
    tp_as_sequence: &raw mut LIST_AS_SEQUENCE,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.".as_ptr(),
    ..PyTypeObject::new(c"list", size_of::<PyListObject>(), 0)
};

static mut LIST_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(list_length),
    sq_item: Some(list_item),
    ..PySequenceMethods::EMPTY
};

#[inline(always)]
pub unsafe fn is_list(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_LIST_SUBCLASS) }
}
#[inline(always)]
unsafe fn lst(op: *mut PyObject) -> *mut PyListObject {
    op as *mut PyListObject
}
#[inline(always)]
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    unsafe { *(*lst(op)).ob_item.offset(i) }
}
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    unsafe {
        if (*lst(op)).ob_item.is_null() {
            return &[];
        }
        core::slice::from_raw_parts((*lst(op)).ob_item, Py_SIZE(op) as usize)
    }
}

/// `PyList_New`: `n` null slots.
pub fn new_list(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    unsafe {
        let l = super::typeobject::generic_alloc(&raw mut PyList_Type, 0)?;
        if n > 0 {
            let bytes = (n as usize).checked_mul(size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
            let items = obmalloc::mem_calloc(1, bytes) as *mut *mut PyObject;
            if items.is_null() {
                return Err(errors::no_memory());
            }
            (*lst(l.as_ptr())).ob_item = items;
        }
        Py_SET_SIZE(l.as_ptr(), n);
        (*lst(l.as_ptr())).allocated = n;
        Ok(l)
    }
}

pub fn from_slice(objs: &[*mut PyObject]) -> PyResult<Owned> {
    let l = new_list(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, &o) in objs.iter().enumerate() {
            incref(o);
            *(*lst(l.as_ptr())).ob_item.add(i) = o;
        }
    }
    Ok(l)
}

pub fn from_owned(objs: Vec<Owned>) -> PyResult<Owned> {
    let l = new_list(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, o) in objs.into_iter().enumerate() {
            *(*lst(l.as_ptr())).ob_item.add(i) = o.into_raw();
        }
    }
    Ok(l)
}

/// Make room for `newsize` items with CPython's over-allocation rule.
pub unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let l = lst(op);
        let allocated = (*l).allocated;
        if allocated >= newsize && newsize >= (allocated >> 1) {
            Py_SET_SIZE(op, newsize);
            return Ok(());
        }
        let mut new_alloc = (newsize as usize + (newsize as usize >> 3) + 6) & !3usize;
        if newsize as usize - Py_SIZE(op) as usize > new_alloc - newsize as usize {
            new_alloc = (newsize as usize + 3) & !3usize;
        }
        if newsize == 0 {
            new_alloc = 0;
        }
        let bytes = new_alloc.checked_mul(size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
        let items = obmalloc::mem_realloc((*l).ob_item as *mut c_void, bytes) as *mut *mut PyObject;
        if items.is_null() && bytes != 0 {
            return Err(errors::no_memory());
        }
        (*l).ob_item = items;
        Py_SET_SIZE(op, newsize);
        (*l).allocated = new_alloc as Py_ssize_t;
        Ok(())
    }
}

/// `PyList_Append` (borrowed item).
pub unsafe fn append(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    unsafe {
        let n = Py_SIZE(op);
        resize(op, n + 1)?;
        incref(item);
        *(*lst(op)).ob_item.offset(n) = item;
        Ok(())
    }
}

unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    unsafe {
        let l = lst(op);
        let items = (*l).ob_item;
        if !items.is_null() {
            let n = Py_SIZE(op);
            (*l).ob_item = core::ptr::null_mut();
            Py_SET_SIZE(op, 0);
            for i in (0..n).rev() {
                xdecref(*items.offset(i));
            }
            obmalloc::mem_free(items as *mut c_void);
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn list_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        for i in 0..Py_SIZE(op) {
            let x = get_item(op, i);
            if !x.is_null() {
                let r = visit(x, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn list_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let l = lst(op);
        let items = (*l).ob_item;
        if !items.is_null() {
            let n = Py_SIZE(op);
            (*l).ob_item = core::ptr::null_mut();
            Py_SET_SIZE(op, 0);
            (*l).allocated = 0;
            for i in 0..n {
                xdecref(*items.offset(i));
            }
            obmalloc::mem_free(items as *mut c_void);
        }
        0
    }
}

unsafe extern "C" fn list_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { Py_SIZE(op) }
}

unsafe extern "C" fn list_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("list index out of range"));
        }
        Ok(Owned::from_borrowed(get_item(op, i)))
    })
}

unsafe extern "C" fn list_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if Py_SIZE(op) == 0 {
            return super::unicodeobject::from_str("[]");
        }
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return super::unicodeobject::from_str("[...]"),
        };
        let mut s = String::from("[");
        let mut i = 0;
        // The list may change size while item reprs run Python code: re-check each time.
        while i < Py_SIZE(op) {
            if i > 0 {
                s.push_str(", ");
            }
            let item = Owned::from_borrowed(get_item(op, i));
            s.push_str(&super::abstract_::repr_string_checked(item.as_ptr())?);
            i += 1;
        }
        s.push(']');
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn list_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_list(a) || !is_list(b) {
            return Ok(super::noneobject::not_implemented());
        }
        // Snapshot with owned references: comparisons may mutate the lists.
        let va: Vec<Owned> = as_slice(a).iter().map(|&p| Owned::from_borrowed(p)).collect();
        let vb: Vec<Owned> = as_slice(b).iter().map(|&p| Owned::from_borrowed(p)).collect();
        let pa: Vec<*mut PyObject> = va.iter().map(|o| o.as_ptr()).collect();
        let pb: Vec<*mut PyObject> = vb.iter().map(|o| o.as_ptr()).collect();
        super::abstract_::sequence_richcompare(&pa, &pb, op)
    })
}
