//! Traceback objects (CPython's `Python/traceback.c`, the object half): one
//! entry per frame an exception passed through.
//!
//! Design note. CPython's layout (`tb_next`, `tb_frame`, `tb_lasti`,
//! `tb_lineno`); `tb_lasti` counts bytes as in CPython. The line is computed
//! when the entry is made. Entries are added by the evaluator as an
//! exception leaves each frame (`here`), newest last in the chain seen from
//! the outermost frame, exactly as `PyTraceBack_Here` builds it. Printing
//! lives with the rest of exception display (src/eval/traceback_print.rs).
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyTracebackObject {
    pub ob_base: PyObject,
    pub tb_next: *mut PyObject,
    pub tb_frame: *mut PyObject,
    pub tb_lasti: c_int,
    pub tb_lineno: c_int,
}

#[no_mangle]
pub static mut PyTraceBack_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(tb_dealloc),
    tp_traverse: Some(tb_traverse),
    tp_clear: Some(tb_clear),
    tp_members: &raw mut TB_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut TB_GETSET as *mut PyGetSetDef,
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_new: Some(tb_new),
    tp_doc: c"Create a new traceback object.".as_ptr(),
    ..PyTypeObject::new(c"traceback", size_of::<PyTracebackObject>(), 0)
};

static mut TB_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"tb_frame".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyTracebackObject, tb_frame) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"tb_lasti".as_ptr(), r#type: T_INT, offset: offset_of!(PyTracebackObject, tb_lasti) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"tb_lineno".as_ptr(), r#type: T_INT, offset: offset_of!(PyTracebackObject, tb_lineno) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: core::ptr::null(), r#type: 0, offset: 0, flags: 0, doc: core::ptr::null() },
];

static mut TB_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"tb_next".as_ptr(), get: Some(tb_get_next), set: Some(tb_set_next), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

#[inline]
pub unsafe fn is_traceback(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyTraceBack_Type }
}

/// A new traceback entry in front of `next` (which may be null).
pub unsafe fn new_traceback(next: *mut PyObject, frame: *mut PyObject, lasti: c_int, lineno: c_int) -> PyResult<Owned> {
    unsafe {
        let op = super::typeobject::generic_alloc(&raw mut PyTraceBack_Type, 0)?;
        let tb = op.as_ptr() as *mut PyTracebackObject;
        (*tb).tb_next = if next.is_null() { next } else { new_ref(next) };
        (*tb).tb_frame = new_ref(frame);
        (*tb).tb_lasti = lasti;
        (*tb).tb_lineno = lineno;
        Ok(op)
    }
}

/// `PyTraceBack_Here(frame)`: add an entry for `frame` (a frame object) to
/// the pending exception's traceback.
pub unsafe fn here(frame: *mut PyObject) -> PyResult<()> {
    unsafe {
        let (t, v, tb) = errors::fetch();
        let f = super::frameobject::interp_frame(frame);
        let (lasti, line) = if f.is_null() {
            (-1, super::frameobject::get_lineno(frame))
        } else {
            (crate::eval::frame::Frame::lasti(f) * 2, super::frameobject::line_of(f))
        };
        match new_traceback(tb, frame, lasti, line) {
            Ok(newtb) => {
                xdecref(tb);
                errors::restore(t, v, newtb.into_raw());
                Ok(())
            }
            Err(e) => {
                // Keep the original exception; the allocation failure is lost.
                errors::clear();
                errors::restore(t, v, tb);
                Err(e)
            }
        }
    }
}

unsafe extern "C" fn tb_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = super::tupleobject::as_slice(args);
        let names = ["tb_next", "tb_frame", "tb_lasti", "tb_lineno"];
        let mut v: [*mut PyObject; 4] = [null_mut(); 4];
        if a.len() > 4 {
            return Err(errors::type_error(format!("traceback() takes at most 4 arguments ({} given)", a.len())));
        }
        v[..a.len()].copy_from_slice(a);
        if !kw.is_null() {
            for (k, val) in super::dictobject::items_borrowed(kw) {
                let ks = super::unicodeobject::as_str(k)?;
                match names.iter().position(|n| *n == ks) {
                    Some(i) => v[i] = val,
                    None => return Err(errors::type_error(format!("traceback() got an unexpected keyword argument '{ks}'"))),
                }
            }
        }
        for (i, n) in names.iter().enumerate() {
            if v[i].is_null() {
                return Err(errors::type_error(format!("traceback() missing required argument '{}' (pos {})", n, i + 1)));
            }
        }
        let none = super::noneobject::none_ptr();
        if v[0] != none && !is_traceback(v[0]) {
            return Err(errors::type_error(format!(
                "expected traceback object or None, got '{}'",
                super::typeobject::type_name_str((*v[0]).ob_type)
            )));
        }
        if !super::frameobject::is_frame(v[1]) {
            return Err(errors::type_error(format!(
                "TracebackType() argument 'tb_frame' must be frame, not {}",
                super::typeobject::type_name_str((*v[1]).ob_type)
            )));
        }
        let lasti = crate::capi::longobject::PyLong_AsLong(v[2]);
        if lasti == -1 && !errors::occurred().is_null() {
            return Err(errors::Raised::assume());
        }
        let lineno = crate::capi::longobject::PyLong_AsLong(v[3]);
        if lineno == -1 && !errors::occurred().is_null() {
            return Err(errors::Raised::assume());
        }
        new_traceback(if v[0] == none { null_mut() } else { v[0] }, v[1], lasti as c_int, lineno as c_int)
    })
}

unsafe extern "C" fn tb_dealloc(op: *mut PyObject) {
    unsafe {
        let tb = op as *mut PyTracebackObject;
        clear(&raw mut (*tb).tb_next);
        clear(&raw mut (*tb).tb_frame);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn tb_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let tb = op as *mut PyTracebackObject;
        for p in [(*tb).tb_next, (*tb).tb_frame] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn tb_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let tb = op as *mut PyTracebackObject;
        clear(&raw mut (*tb).tb_next);
        clear(&raw mut (*tb).tb_frame);
        0
    }
}

unsafe extern "C" fn tb_get_next(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let n = (*(op as *mut PyTracebackObject)).tb_next;
        new_ref(if n.is_null() { super::noneobject::none_ptr() } else { n })
    }
}

unsafe extern "C" fn tb_set_next(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        if v.is_null() {
            return Err(errors::type_error("can't delete tb_next attribute"));
        }
        let none = super::noneobject::none_ptr();
        if v != none && !is_traceback(v) {
            return Err(errors::type_error(format!(
                "expected traceback object, got '{}'",
                super::typeobject::type_name_str((*v).ob_type)
            )));
        }
        // No loops.
        let mut cur = v;
        while cur != none && !cur.is_null() {
            if cur == op {
                return Err(errors::value_error("traceback loop detected"));
            }
            cur = (*(cur as *mut PyTracebackObject)).tb_next;
        }
        let tb = op as *mut PyTracebackObject;
        setref(&raw mut (*tb).tb_next, if v == none { null_mut() } else { new_ref(v) });
        Ok(0)
    })
}
