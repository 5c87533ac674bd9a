//! Frame objects (CPython's `Objects/frameobject.c`): the Python-visible view
//! of an interpreter frame, made only when asked for (`sys._getframe`,
//! tracebacks, tracing).
//!
//! Design note. CPython 3.11's layout: `f_back`, `f_frame` (the interpreter
//! frame, on the data stack or in a generator while it runs), `f_trace`,
//! `f_lineno`, the trace flags, then room for a copy of the whole frame.
//! While the interpreter frame is alive `f_frame` points at it; when it is
//! popped while the frame object is still referenced, the frame is copied
//! into the object's own space (`take_ownership`, references moved, not
//! copied) and `f_frame` points there, so `f_locals`, `f_lineno`, `f_code`
//! stay valid after the function returned. `f_back` is made lazily from
//! the interpreter frame's `previous` and fixed at ownership transfer.
use super::object::*;
use super::pyref::*;
use super::{dictobject, unicodeobject};
use crate::eval::frame::{self as ef, Frame};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_void};

#[repr(C)]
pub struct PyFrameObject {
    pub ob_base: PyVarObject,
    pub f_back: *mut PyObject,
    pub f_frame: *mut Frame,
    pub f_trace: *mut PyObject,
    pub f_lineno: c_int,
    pub f_trace_lines: c_char,
    pub f_trace_opcodes: c_char,
    pub f_fast_as_locals: c_char,
    pub _f_frame_data: [*mut PyObject; 1],
}

#[no_mangle]
pub static mut PyFrame_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(frame_dealloc),
    tp_repr: Some(frame_repr),
    tp_traverse: Some(frame_traverse),
    tp_clear: Some(frame_tp_clear),
    tp_getset: &raw mut FRAME_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut FRAME_MEMBERS as *mut PyMemberDef,
    tp_methods: &raw mut FRAME_METHODS as *mut PyMethodDef,
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::capi::object::PyObject_GenericSetAttr),
    ..PyTypeObject::new(c"frame", offset_of!(PyFrameObject, _f_frame_data), size_of::<*mut PyObject>())
};

static mut FRAME_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"f_trace_lines".as_ptr(), r#type: T_BOOL, offset: offset_of!(PyFrameObject, f_trace_lines) as Py_ssize_t, flags: 0, doc: core::ptr::null() },
    PyMemberDef { name: core::ptr::null(), r#type: 0, offset: 0, flags: 0, doc: core::ptr::null() },
];

macro_rules! getset {
    ($name:literal, $get:expr, $set:expr) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some($get), set: $set, doc: core::ptr::null(), closure: null_mut() }
    };
}

static mut FRAME_GETSET: [PyGetSetDef; 10] = [
    getset!(c"f_back", frame_get_back, None),
    getset!(c"f_code", frame_get_code, None),
    getset!(c"f_locals", frame_get_locals, None),
    getset!(c"f_globals", frame_get_globals, None),
    getset!(c"f_builtins", frame_get_builtins, None),
    getset!(c"f_lineno", frame_get_lineno, None),
    getset!(c"f_lasti", frame_get_lasti, None),
    getset!(c"f_trace", frame_get_trace, Some(frame_set_trace)),
    getset!(c"f_trace_opcodes", frame_get_trace_opcodes, Some(frame_set_trace_opcodes)),
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

static mut FRAME_METHODS: [PyMethodDef; 3] = [
    PyMethodDef { ml_name: c"clear".as_ptr(), ml_meth: frame_clear_method as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"F.clear(): clear most references held by the frame".as_ptr() },
    PyMethodDef { ml_name: c"__sizeof__".as_ptr(), ml_meth: frame_sizeof as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"F.__sizeof__() -> size of F in memory, in bytes".as_ptr() },
    PyMethodDef::SENTINEL,
];

#[inline]
pub unsafe fn is_frame(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyFrame_Type }
}

/// The frame object of an interpreter frame (made on first request).
/// Returns a borrowed pointer owned by the interpreter frame.
pub unsafe fn get_frame_object(frame: *mut Frame) -> PyResult<*mut PyObject> {
    unsafe {
        if !(*frame).frame_obj.is_null() {
            return Ok((*frame).frame_obj);
        }
        let words = Frame::size_words((*frame).code) as Py_ssize_t;
        let op = super::typeobject::generic_alloc(&raw mut PyFrame_Type, words)?;
        let fo = op.as_ptr() as *mut PyFrameObject;
        (*fo).f_frame = frame;
        (*fo).f_trace_lines = 1;
        (*frame).frame_obj = op.into_raw();
        Ok((*frame).frame_obj)
    }
}

/// The interpreter frame behind a frame object (null after `clear()`).
pub unsafe fn interp_frame(op: *mut PyObject) -> *mut Frame {
    unsafe { (*(op as *mut PyFrameObject)).f_frame }
}

unsafe fn owns_data(fo: *mut PyFrameObject) -> bool {
    unsafe { (*fo).f_frame as *mut *mut PyObject == (&raw mut (*fo)._f_frame_data) as *mut *mut PyObject }
}

/// The interpreter frame is being popped while `op` is still referenced:
/// move the frame into the object (references move with it).
pub unsafe fn take_ownership(op: *mut PyObject, frame: *mut Frame) {
    unsafe {
        let fo = op as *mut PyFrameObject;
        // f_back first, while `previous` is still valid.
        if (*fo).f_back.is_null() && !(*frame).previous.is_null() {
            if let Ok(b) = get_frame_object((*frame).previous) {
                (*fo).f_back = new_ref(b);
            } else {
                errors::clear();
            }
        }
        let dst = (&raw mut (*fo)._f_frame_data) as *mut Frame;
        let words = ef::HEADER_WORDS + (*frame).stacktop.max(0) as usize;
        core::ptr::copy_nonoverlapping(frame as *const *mut PyObject, dst as *mut *mut PyObject, words);
        (*dst).previous = null_mut();
        (*dst).owner = ef::OWNED_BY_FRAME_OBJECT;
        (*dst).frame_obj = null_mut();
        // prev_instr pointed into the code object, which moved with the frame.
        (*fo).f_lineno = line_of(dst);
        (*fo).f_frame = dst;
    }
}

/// The interpreter frame goes away and nobody else holds the frame object.
pub unsafe fn detach(op: *mut PyObject) {
    unsafe {
        let fo = op as *mut PyFrameObject;
        (*fo).f_frame = null_mut();
    }
}

/// Current line of an interpreter frame.
pub unsafe fn line_of(frame: *mut Frame) -> c_int {
    unsafe {
        let lasti = Frame::lasti(frame).max(0);
        super::codeobject::addr2location((*frame).code as *mut PyObject, lasti * 2).0
    }
}

/// `PyFrame_GetLineNumber`.
pub unsafe fn get_lineno(op: *mut PyObject) -> c_int {
    unsafe {
        let fo = op as *mut PyFrameObject;
        if (*fo).f_lineno != 0 && (*fo).f_trace.is_null() && !owns_data(fo) {
            return (*fo).f_lineno;
        }
        let f = (*fo).f_frame;
        if f.is_null() {
            return (*fo).f_lineno;
        }
        line_of(f)
    }
}

unsafe extern "C" fn frame_dealloc(op: *mut PyObject) {
    unsafe {
        let fo = op as *mut PyFrameObject;
        if owns_data(fo) {
            ef::clear_frame((*fo).f_frame);
        }
        clear(&raw mut (*fo).f_back);
        clear(&raw mut (*fo).f_trace);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn frame_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let fo = op as *mut PyFrameObject;
        for p in [(*fo).f_back, (*fo).f_trace] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if owns_data(fo) {
            let f = (*fo).f_frame;
            let lp = Frame::locals_ptr(f);
            for i in 0..(*f).stacktop.max(0) as usize {
                let p = *lp.add(i);
                if !p.is_null() {
                    let r = visit(p, arg);
                    if r != 0 {
                        return r;
                    }
                }
            }
        }
        0
    }
}

unsafe extern "C" fn frame_tp_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let fo = op as *mut PyFrameObject;
        clear(&raw mut (*fo).f_trace);
        if owns_data(fo) {
            let f = (*fo).f_frame;
            let lp = Frame::locals_ptr(f);
            for i in 0..(*f).stacktop.max(0) as usize {
                clear(lp.add(i));
            }
        }
        0
    }
}

unsafe extern "C" fn frame_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let fo = op as *mut PyFrameObject;
        if !owns_data(fo) && !(*fo).f_frame.is_null() {
            return Err(errors::runtime_error("cannot clear an executing frame"));
        }
        frame_tp_clear(op);
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn frame_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = offset_of!(PyFrameObject, _f_frame_data) + Py_SIZE(op) as usize * size_of::<*mut PyObject>();
        super::longobject::from_i64(n as i64)
    })
}

unsafe extern "C" fn frame_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = interp_frame(op);
        if f.is_null() {
            return unicodeobject::from_str(&format!("<frame at {op:p}, cleared>"));
        }
        let co = (*f).code;
        unicodeobject::from_str(&format!(
            "<frame at {:p}, file {}, line {}, code {}>",
            op,
            crate::objects::abstract_::repr_string((*co).co_filename),
            get_lineno(op),
            unicodeobject::to_string_lossy((*co).co_name)
        ))
    })
}

unsafe fn live_frame(op: *mut PyObject) -> PyResult<*mut Frame> {
    unsafe {
        let f = interp_frame(op);
        if f.is_null() {
            return Err(errors::runtime_error("frame has been cleared"));
        }
        Ok(f)
    }
}

unsafe extern "C" fn frame_get_back(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let fo = op as *mut PyFrameObject;
        if !(*fo).f_back.is_null() {
            return Ok(Owned::from_borrowed((*fo).f_back));
        }
        let f = (*fo).f_frame;
        if f.is_null() || owns_data(fo) {
            return Ok(super::noneobject::none());
        }
        let mut prev = (*f).previous;
        // Skip frames that are not complete (none here: all frames are real).
        if prev.is_null() {
            return Ok(super::noneobject::none());
        }
        while !prev.is_null() && (*prev).owner == ef::OWNED_BY_FRAME_OBJECT {
            prev = (*prev).previous;
        }
        if prev.is_null() {
            return Ok(super::noneobject::none());
        }
        Ok(Owned::from_borrowed(get_frame_object(prev)?))
    })
}

unsafe extern "C" fn frame_get_code(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed((*live_frame(op)?).code as *mut PyObject)) })
}

unsafe extern "C" fn frame_get_globals(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed((*live_frame(op)?).globals)) })
}

unsafe extern "C" fn frame_get_builtins(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed((*live_frame(op)?).builtins)) })
}

unsafe extern "C" fn frame_get_locals(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed(fast_to_locals(live_frame(op)?)?)) })
}

/// `PyFrame_FastToLocals`: the frame's locals mapping, refreshed from the
/// fast locals for function frames (one dict per frame). Borrowed.
pub unsafe fn fast_to_locals(f: *mut Frame) -> PyResult<*mut PyObject> {
    unsafe {
        if (*f).locals.is_null() {
            (*f).locals = dictobject::new_dict()?.into_raw();
        }
        let locals = (*f).locals;
        let co = (*f).code;
        if (*co).co_flags as u32 & crate::compiler::opcode::CO_OPTIMIZED == 0 {
            return Ok(locals);
        }
        let names = (*co).co_localsplusnames;
        let kinds = super::bytesobject::as_slice((*co).co_localspluskinds);
        let lp = Frame::locals_ptr(f);
        let nfree_start = (*co).co_nlocalsplus as usize - (*co).co_nfreevars as usize;
        for i in 0..(*co).co_nlocalsplus as usize {
            let name = super::tupleobject::get_item(names, i as Py_ssize_t);
            let kind = kinds[i];
            let mut value = *lp.add(i);
            // A frame that has not started yet holds the closure's cells
            // only after COPY_FREE_VARS; cells hold the values.
            if kind & crate::compiler::opcode::CO_FAST_FREE != 0 && i >= nfree_start {
                if !value.is_null() {
                    value = super::cellobject::get(value);
                }
            } else if kind & crate::compiler::opcode::CO_FAST_CELL != 0 {
                // MAKE_CELL has run once the frame started.
                if !value.is_null() && super::cellobject::is_cell(value) && Frame::lasti(f) >= 0 {
                    value = super::cellobject::get(value);
                }
            }
            if value.is_null() {
                if dictobject::get_item_borrowed(locals, name).is_null() {
                    errors::clear();
                } else {
                    dictobject::del_item(locals, name)?;
                }
            } else {
                dictobject::set_item(locals, name, value)?;
            }
        }
        Ok(locals)
    }
}

unsafe extern "C" fn frame_get_lineno(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = get_lineno(op);
        if n < 0 {
            return Ok(super::noneobject::none());
        }
        super::longobject::from_i64(n as i64)
    })
}

unsafe extern "C" fn frame_get_lasti(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = interp_frame(op);
        let lasti = if f.is_null() { -1 } else { Frame::lasti(f) };
        super::longobject::from_i64(if lasti < 0 { -1 } else { lasti as i64 * 2 })
    })
}

unsafe extern "C" fn frame_get_trace(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let t = (*(op as *mut PyFrameObject)).f_trace;
        new_ref(if t.is_null() { super::noneobject::none_ptr() } else { t })
    }
}

unsafe extern "C" fn frame_set_trace(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        let v = if v == super::noneobject::none_ptr() { null_mut() } else { v };
        setref(&raw mut (*(op as *mut PyFrameObject)).f_trace, if v.is_null() { v } else { new_ref(v) });
        Ok(0)
    })
}

unsafe extern "C" fn frame_get_trace_opcodes(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { super::boolobject::from_bool((*(op as *mut PyFrameObject)).f_trace_opcodes != 0) }
}

unsafe extern "C" fn frame_set_trace_opcodes(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        if v.is_null() || !super::boolobject::is_bool(v) {
            return Err(errors::type_error("attribute value type must be bool"));
        }
        (*(op as *mut PyFrameObject)).f_trace_opcodes = (v == super::boolobject::true_ptr()) as c_char;
        Ok(0)
    })
}
