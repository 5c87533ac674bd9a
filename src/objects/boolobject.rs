//! `bool`: a subclass of int with two static instances, `_Py_TrueStruct` and
//! `_Py_FalseStruct`, laid out as one-digit ints.
use super::longobject::PyLongObject;
use super::object::*;
use super::pyref::*;
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;

#[no_mangle]
pub static mut _Py_FalseStruct: PyLongObject = PyLongObject {
    ob_base: PyVarObject { ob_base: PyObject { ob_refcnt: 1 << 30, ob_type: &raw mut PyBool_Type }, ob_size: 0 },
    ob_digit: [0],
};
#[no_mangle]
pub static mut _Py_TrueStruct: PyLongObject = PyLongObject {
    ob_base: PyVarObject { ob_base: PyObject { ob_refcnt: 1 << 30, ob_type: &raw mut PyBool_Type }, ob_size: 1 },
    ob_digit: [1],
};

#[no_mangle]
pub static mut PyBool_Type: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::longobject::PyLong_Type,
    tp_repr: Some(bool_repr),
    tp_new: Some(bool_new),
    tp_dealloc: Some(bool_dealloc),
    tp_as_number: &raw mut BOOL_AS_NUMBER,
    tp_doc: c"bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.".as_ptr(),
    ..PyTypeObject::new(c"bool", size_of::<PyLongObject>(), size_of::<u32>())
};

static mut BOOL_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_and: Some(bool_and),
    nb_or: Some(bool_or),
    nb_xor: Some(bool_xor),
    ..PyNumberMethods::EMPTY
};

#[inline(always)]
pub fn true_ptr() -> *mut PyObject {
    &raw mut _Py_TrueStruct as *mut PyObject
}
#[inline(always)]
pub fn false_ptr() -> *mut PyObject {
    &raw mut _Py_FalseStruct as *mut PyObject
}
/// New reference to True or False.
#[inline]
pub unsafe fn from_bool(b: bool) -> *mut PyObject {
    unsafe { new_ref(if b { true_ptr() } else { false_ptr() }) }
}
#[inline]
pub fn owned_bool(b: bool) -> Owned {
    unsafe { Owned::from_raw_nonnull(from_bool(b)) }
}
pub unsafe fn is_bool(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyBool_Type }
}

unsafe extern "C" fn bool_dealloc(op: *mut PyObject) {
    unsafe {
        (*op).ob_refcnt = 1 << 30;
        new_reference(op);
        (*op).ob_refcnt = 1 << 30;
    }
}
unsafe extern "C" fn bool_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str(if op == true_ptr() { "True" } else { "False" }))
}
unsafe extern "C" fn bool_new(_t: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            return Err(crate::runtime::errors::type_error("bool() takes no keyword arguments"));
        }
        let n = if args.is_null() { 0 } else { Py_SIZE(args) };
        if n > 1 {
            return Err(crate::runtime::errors::type_error(format!(
                "bool expected at most 1 argument, got {}",
                n
            )));
        }
        let v = if n == 0 { false } else { super::abstract_::is_true(super::tupleobject::get_item(args, 0))? };
        Ok(owned_bool(v))
    })
}
unsafe fn bool_binop(
    a: *mut PyObject,
    b: *mut PyObject,
    f: fn(bool, bool) -> bool,
    int_slot: fn(*mut PyNumberMethods) -> binaryfunc,
) -> *mut PyObject {
    unsafe {
        if is_bool(a) && is_bool(b) {
            return from_bool(f(a == true_ptr(), b == true_ptr()));
        }
        let nm = super::longobject::PyLong_Type.tp_as_number;
        match int_slot(nm) {
            Some(g) => g(a, b),
            None => super::noneobject::new_not_implemented(),
        }
    }
}
unsafe extern "C" fn bool_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    unsafe { bool_binop(a, b, |x, y| x & y, |n| if n.is_null() { None } else { (*n).nb_and }) }
}
unsafe extern "C" fn bool_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    unsafe { bool_binop(a, b, |x, y| x | y, |n| if n.is_null() { None } else { (*n).nb_or }) }
}
unsafe extern "C" fn bool_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    unsafe { bool_binop(a, b, |x, y| x ^ y, |n| if n.is_null() { None } else { (*n).nb_xor }) }
}
