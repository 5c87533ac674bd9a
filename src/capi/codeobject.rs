//! `Include/cpython/code.h`: creating and inspecting code objects.
//! `PyCode_Check` and `PyCode_GetNumFree` are macros in Python.h, as in CPython.
use crate::objects::codeobject::{self as co, CodeParts, PyCodeObject};
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, nonnull, nonnull_c};
use libc::{c_char, c_int};

unsafe fn check_code(op: *mut PyCodeObject) -> PyResult<*mut PyObject> {
    let p = nonnull(op)? as *mut PyObject;
    if !co::is_code(p) {
        return Err(errors::bad_internal_call());
    }
    Ok(p)
}

unsafe fn borrowed(p: *mut PyObject) -> PyResult<Owned> {
    Ok(unsafe { Owned::from_borrowed(nonnull(p)?) })
}

/// The 3.11 constructor shape shared by `PyCode_New*`: separate name tuples
/// are merged into the fast-locals table. New reference.
#[allow(clippy::too_many_arguments)]
unsafe fn new_with_posonly(
    argcount: c_int, posonlyargcount: c_int, kwonlyargcount: c_int, nlocals: c_int, stacksize: c_int,
    flags: c_int, code: *mut PyObject, consts: *mut PyObject, names: *mut PyObject, varnames: *mut PyObject,
    freevars: *mut PyObject, cellvars: *mut PyObject, filename: *mut PyObject, name: *mut PyObject,
    qualname: *mut PyObject, firstlineno: c_int, linetable: *mut PyObject, exceptiontable: *mut PyObject,
) -> PyResult<Owned> {
    unsafe {
        let (lpnames, lpkinds) = co::localsplus_from(nonnull(varnames)?, nonnull(cellvars)?, nonnull(freevars)?)?;
        if nlocals < 0 || nlocals as isize != Py_SIZE(varnames) {
            // CPython trusts nlocals; a mismatch would index past co_varnames.
            return Err(errors::bad_internal_call());
        }
        co::new_code(CodeParts {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            firstlineno,
            code: borrowed(code)?,
            consts: borrowed(consts)?,
            names: borrowed(names)?,
            localsplusnames: lpnames,
            localspluskinds: lpkinds,
            filename: borrowed(filename)?,
            name: borrowed(name)?,
            qualname: borrowed(qualname)?,
            linetable: borrowed(linetable)?,
            exceptiontable: borrowed(exceptiontable)?,
        })
    }
}

/// New reference; the bytecode passes the verifier (ValueError otherwise).
#[no_mangle]
pub unsafe extern "C" fn PyCode_NewWithPosOnlyArgs(
    argcount: c_int, posonlyargcount: c_int, kwonlyargcount: c_int, nlocals: c_int, stacksize: c_int,
    flags: c_int, code: *mut PyObject, consts: *mut PyObject, names: *mut PyObject, varnames: *mut PyObject,
    freevars: *mut PyObject, cellvars: *mut PyObject, filename: *mut PyObject, name: *mut PyObject,
    qualname: *mut PyObject, firstlineno: c_int, linetable: *mut PyObject, exceptiontable: *mut PyObject,
) -> *mut PyCodeObject {
    guard_obj(|| unsafe {
        new_with_posonly(
            argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, code, consts, names, varnames,
            freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable,
        )
    }) as *mut PyCodeObject
}

/// New reference (3.11 form, with qualname and exception table).
#[no_mangle]
pub unsafe extern "C" fn PyCode_New(
    argcount: c_int, kwonlyargcount: c_int, nlocals: c_int, stacksize: c_int, flags: c_int,
    code: *mut PyObject, consts: *mut PyObject, names: *mut PyObject, varnames: *mut PyObject,
    freevars: *mut PyObject, cellvars: *mut PyObject, filename: *mut PyObject, name: *mut PyObject,
    qualname: *mut PyObject, firstlineno: c_int, linetable: *mut PyObject, exceptiontable: *mut PyObject,
) -> *mut PyCodeObject {
    guard_obj(|| unsafe {
        new_with_posonly(
            argcount, 0, kwonlyargcount, nlocals, stacksize, flags, code, consts, names, varnames, freevars,
            cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable,
        )
    }) as *mut PyCodeObject
}

/// New reference: a code object that raises nothing and returns None
/// (CPython's shape: RESUME 0, LOAD_CONST None, RETURN_VALUE; one line entry).
#[no_mangle]
pub unsafe extern "C" fn PyCode_NewEmpty(filename: *const c_char, funcname: *const c_char, firstlineno: c_int) -> *mut PyCodeObject {
    guard_obj(|| unsafe {
        use crate::compiler::opcode::Op;
        use crate::objects as o;
        let f = std::ffi::CStr::from_ptr(nonnull_c(filename)?).to_string_lossy().into_owned();
        let n = std::ffi::CStr::from_ptr(nonnull_c(funcname)?).to_string_lossy().into_owned();
        let code = [Op::RESUME as u8, 0, Op::LOAD_CONST as u8, 0, Op::RETURN_VALUE as u8, 0];
        // One "no column" entry of three units on line `firstlineno`.
        let linetable = [0x80 | (13 << 3) | 2, 0];
        let empty = o::tupleobject::new_empty()?;
        co::new_code(CodeParts {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 1,
            flags: 0,
            firstlineno,
            code: o::bytesobject::from_slice(&code)?,
            consts: o::tupleobject::pack(&[o::noneobject::none_ptr()])?,
            names: empty.clone(),
            localsplusnames: empty,
            localspluskinds: o::bytesobject::from_slice(&[])?,
            filename: o::unicodeobject::from_str(&f)?,
            name: o::unicodeobject::from_str(&n)?,
            qualname: o::unicodeobject::from_str(&n)?,
            linetable: o::bytesobject::from_slice(&linetable)?,
            exceptiontable: o::bytesobject::from_slice(&[])?,
        })
    }) as *mut PyCodeObject
}

/// The source line of the instruction at byte offset `addr` (-1 if none).
#[no_mangle]
pub unsafe extern "C" fn PyCode_Addr2Line(code: *mut PyCodeObject, addr: c_int) -> c_int {
    guard(|| unsafe {
        let c = check_code(code)?;
        if addr < 0 {
            return Ok((*code).co_firstlineno);
        }
        Ok(co::addr2location(c, addr).0)
    })
}

/// 1 and the four location values of the instruction at `addr`.
#[no_mangle]
pub unsafe extern "C" fn PyCode_Addr2Location(
    code: *mut PyCodeObject, addr: c_int, start_line: *mut c_int, start_column: *mut c_int, end_line: *mut c_int,
    end_column: *mut c_int,
) -> c_int {
    guard(|| unsafe {
        let c = check_code(code)?;
        let (l, col, el, ecol) = if addr < 0 {
            let f = (*code).co_firstlineno;
            (f, 0, f, 0)
        } else {
            co::addr2location(c, addr)
        };
        for (p, v) in [(start_line, l), (start_column, col), (end_line, el), (end_column, ecol)] {
            if !p.is_null() {
                *p = v;
            }
        }
        Ok(1)
    })
}

/// New reference to `co_code`.
#[no_mangle]
pub unsafe extern "C" fn PyCode_GetCode(code: *mut PyCodeObject) -> *mut PyObject {
    guard_obj(|| unsafe { co::get_code(check_code(code)?) })
}

/// New reference to `co_varnames`.
#[no_mangle]
pub unsafe extern "C" fn PyCode_GetVarnames(code: *mut PyCodeObject) -> *mut PyObject {
    guard_obj(|| unsafe { co::names_of_kind(check_code(code)?, crate::compiler::opcode::CO_FAST_LOCAL) })
}

/// New reference to `co_cellvars`.
#[no_mangle]
pub unsafe extern "C" fn PyCode_GetCellvars(code: *mut PyCodeObject) -> *mut PyObject {
    guard_obj(|| unsafe { co::names_of_kind(check_code(code)?, crate::compiler::opcode::CO_FAST_CELL) })
}

/// New reference to `co_freevars`.
#[no_mangle]
pub unsafe extern "C" fn PyCode_GetFreevars(code: *mut PyCodeObject) -> *mut PyObject {
    guard_obj(|| unsafe { co::names_of_kind(check_code(code)?, crate::compiler::opcode::CO_FAST_FREE) })
}
