//! `Include/abstract.h`, number half: the `PyNumber_*` protocol and `PyIndex_Check`.
//! Thin wrappers over `objects::abstract_number`; NULL operands give SystemError.
use crate::objects::abstract_number as n;
use crate::objects::object::*;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::c_int;


#[no_mangle]
pub unsafe extern "C" fn PyNumber_Add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::add(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Subtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::subtract(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Multiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::multiply(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_MatrixMultiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::matrix_multiply(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_FloorDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::floor_divide(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_TrueDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::true_divide(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Remainder(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::remainder(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::divmod(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Lshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::lshift(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Rshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::rshift(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_And(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::and(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::xor(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::or(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceSubtract(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_subtract, |m: &PyNumberMethods| m.nb_subtract, "-=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceMatrixMultiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_matrix_multiply, |m: &PyNumberMethods| m.nb_matrix_multiply, "@=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceFloorDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_floor_divide, |m: &PyNumberMethods| m.nb_floor_divide, "//=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceTrueDivide(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_true_divide, |m: &PyNumberMethods| m.nb_true_divide, "/=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceRemainder(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_remainder, |m: &PyNumberMethods| m.nb_remainder, "%=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceLshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_lshift, |m: &PyNumberMethods| m.nb_lshift, "<<=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceRshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_rshift, |m: &PyNumberMethods| m.nb_rshift, ">>=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceAnd(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_and, |m: &PyNumberMethods| m.nb_and, "&=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceXor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_xor, |m: &PyNumberMethods| m.nb_xor, "^=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceOr(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        n::inplace(nonnull(a)?, nonnull(b)?, |m: &PyNumberMethods| m.nb_inplace_or, |m: &PyNumberMethods| m.nb_or, "|=")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceAdd(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::inplace_add(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlaceMultiply(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::inplace_multiply(nonnull(a)?, nonnull(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::power(nonnull(a)?, nonnull(b)?, nonnull(c)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlacePower(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::inplace_power(nonnull(a)?, nonnull(b)?, nonnull(c)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Negative(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::negative(nonnull(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Positive(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::positive(nonnull(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Absolute(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::absolute(nonnull(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Invert(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::invert(nonnull(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Index(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::longobject::exact_copy(n::index(crate::runtime::ffi::nonnull_arg(o)?)?.as_ptr()) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Long(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::long(crate::runtime::ffi::nonnull_arg(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Float(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { n::float(crate::runtime::ffi::nonnull_arg(o)?) })
}

/// `PyNumber_AsSsize_t(o, exc)`: `__index__`, then `exc` on overflow (clamp when NULL).
#[no_mangle]
pub unsafe extern "C" fn PyNumber_AsSsize_t(o: *mut PyObject, exc: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { crate::objects::longobject::as_ssize_index(nonnull(o)?, Some(exc)) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_ToBase(o: *mut PyObject, base: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { n::to_base(nonnull(o)?, base) })
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Check(o: *mut PyObject) -> c_int {
    unsafe { (!o.is_null() && n::check(o)) as c_int }
}

/// The function form of the `PyIndex_Check` macro (abi3 binaries call it).
/// cbindgen:ignore
#[no_mangle]
pub unsafe extern "C" fn PyIndex_Check(o: *mut PyObject) -> c_int {
    unsafe {
        if o.is_null() {
            return 0;
        }
        let nb = (*(*o).ob_type).tp_as_number;
        (!nb.is_null() && (*nb).nb_index.is_some()) as c_int
    }
}
