//! Cell objects (CPython's `Objects/cellobject.c`): the boxes that closures
//! share a variable through.
//!
//! Design note. CPython's layout (`ob_ref` after the header), so C code's
//! `PyCell_GET`/`PyCell_SET` macros work. An empty cell has a null `ob_ref`;
//! reading `cell_contents` then raises ValueError("Cell is empty"), as CPython.
//! Comparison orders empty cells first, then by the contents.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyCellObject {
    pub ob_base: PyObject,
    pub ob_ref: *mut PyObject,
}

#[no_mangle]
pub static mut PyCell_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(cell_dealloc),
    tp_repr: Some(cell_repr),
    tp_traverse: Some(cell_traverse),
    tp_clear: Some(cell_clear),
    tp_richcompare: Some(cell_richcompare),
    tp_getset: &raw mut CELL_GETSET as *mut PyGetSetDef,
    tp_new: Some(cell_new),
    tp_doc: c"Create a new cell object.\n\n  contents\n    the contents of the cell. If not specified, the cell will be empty,\n    and \n further attempts to access its cell_contents attribute will\n    raise a ValueError.".as_ptr(),
    ..PyTypeObject::new(c"cell", size_of::<PyCellObject>(), 0)
};

static mut CELL_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef {
        name: c"cell_contents".as_ptr(),
        get: Some(cell_get_contents),
        set: Some(cell_set_contents),
        doc: core::ptr::null(),
        closure: null_mut(),
    },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

#[inline]
pub unsafe fn is_cell(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyCell_Type }
}

/// A new cell holding `value` (a new reference is taken; null = empty).
pub unsafe fn new_cell(value: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let op = super::typeobject::generic_alloc(&raw mut PyCell_Type, 0)?;
        (*(op.as_ptr() as *mut PyCellObject)).ob_ref = if value.is_null() { value } else { new_ref(value) };
        Ok(op)
    }
}

/// The contents (borrowed; null when empty).
#[inline]
pub unsafe fn get(op: *mut PyObject) -> *mut PyObject {
    unsafe { (*(op as *mut PyCellObject)).ob_ref }
}

/// Replace the contents (takes a new reference to `value`; null empties it).
#[inline]
pub unsafe fn set(op: *mut PyObject, value: *mut PyObject) {
    unsafe {
        let slot = &raw mut (*(op as *mut PyCellObject)).ob_ref;
        let old = *slot;
        *slot = if value.is_null() { value } else { new_ref(value) };
        xdecref(old);
    }
}

unsafe extern "C" fn cell_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            return Err(errors::type_error("cell() takes no keyword arguments"));
        }
        let a = super::tupleobject::as_slice(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!("cell expected at most 1 argument, got {}", a.len())));
        }
        new_cell(a.first().copied().unwrap_or(null_mut()))
    })
}

unsafe extern "C" fn cell_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&raw mut (*(op as *mut PyCellObject)).ob_ref);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn cell_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let v = get(op);
        if v.is_null() {
            0
        } else {
            visit(v, arg)
        }
    }
}

unsafe extern "C" fn cell_clear(op: *mut PyObject) -> c_int {
    unsafe {
        clear(&raw mut (*(op as *mut PyCellObject)).ob_ref);
        0
    }
}

unsafe extern "C" fn cell_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let v = get(op);
        let s = if v.is_null() {
            format!("<cell at {op:p}: empty>")
        } else {
            format!("<cell at {op:p}: {} object at {v:p}>", super::typeobject::type_name_str((*v).ob_type))
        };
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn cell_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_cell(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let (x, y) = (get(a), get(b));
        if !x.is_null() && !y.is_null() {
            return super::abstract_::rich_compare(x, y, op);
        }
        // Empty cells sort before full ones.
        let (ex, ey) = (x.is_null() as i32, y.is_null() as i32);
        let r = match op {
            Py_LT => ex > ey,
            Py_LE => ex >= ey,
            Py_EQ => ex == ey,
            Py_NE => ex != ey,
            Py_GT => ex < ey,
            _ => ex <= ey,
        };
        Ok(Owned::from_raw_nonnull(super::boolobject::from_bool(r)))
    })
}

unsafe extern "C" fn cell_get_contents(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let v = get(op);
        if v.is_null() {
            let _ = errors::value_error("Cell is empty");
            return null_mut();
        }
        new_ref(v)
    }
}

unsafe extern "C" fn cell_set_contents(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        set(op, value);
        Ok(0)
    })
}

/// Keep the unused-offset lint quiet while documenting the layout contract.
const _: () = assert!(offset_of!(PyCellObject, ob_ref) == size_of::<PyObject>());
