//! `code` objects (CPython's `Objects/codeobject.c`, 3.11 layout).
//!
//! Design note.
//! * `PyCodeObject` has CPython 3.11's exact layout (`cpython/code.h`): a
//!   var-sized object whose `ob_size` is the number of 2-byte code units and
//!   whose bytecode sits inline in `co_code_adaptive`. Our bytecode *is*
//!   CPython's (`compiler/opcode.rs`), so `co_code` is the inline copy.
//! * Every code object is made by `new_code` from object parts (`CodeParts`):
//!   types are checked as CPython's `_PyCode_Validate` does, names and
//!   identifier-like string constants are interned as CPython does, and the
//!   bytecode passes `compiler::verify` first — code from `marshal`, `.pyc`
//!   files, `replace(co_code=…)` or `PyCode_New*` that would crash an
//!   evaluator raises `ValueError("invalid bytecode: …")` instead.
//! * `from_unit`/`to_unit` convert to and from the compiler's plain-Rust
//!   `CodeUnit` (constants ↔ `parser::ast::Constant`, nested code recursively).
//! * Equality compares what CPython's `code_richcompare` compares, constants
//!   through CPython's "constant key" (so `0.0`/`-0.0` and `1`/`True` differ);
//!   the hash combines the same fields (equal codes hash equal; the numeric
//!   value differs from CPython's).
//! * Not a GC type (as in 3.11); weak references through `co_weakreflist`.
//!
//! Known gaps: `co_lines()`/`co_positions()` return iterators over lists (not
//! CPython's dedicated iterator types); `co_extra`, `_co_linearray` and
//! `co_warmup` are kept at their initial values (no quickening yet);
//! `code(...)` cannot be called as a constructor yet (use `replace`).
use super::object::*;
use super::pyref::*;
use crate::compiler::code::{CodeConst, CodeUnit};
use crate::compiler::opcode::{self, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL};
use crate::compiler::{tables, verify};
use crate::parser::ast::Constant;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_short, c_void};

#[repr(C)]
pub struct PyCodeObject {
    pub ob_base: PyVarObject,
    pub co_consts: *mut PyObject,
    pub co_names: *mut PyObject,
    pub co_exceptiontable: *mut PyObject,
    pub co_flags: c_int,
    pub co_warmup: c_short,
    pub _co_linearray_entry_size: c_short,
    pub co_argcount: c_int,
    pub co_posonlyargcount: c_int,
    pub co_kwonlyargcount: c_int,
    pub co_stacksize: c_int,
    pub co_firstlineno: c_int,
    pub co_nlocalsplus: c_int,
    pub co_nlocals: c_int,
    pub co_nplaincellvars: c_int,
    pub co_ncellvars: c_int,
    pub co_nfreevars: c_int,
    pub co_localsplusnames: *mut PyObject,
    pub co_localspluskinds: *mut PyObject,
    pub co_filename: *mut PyObject,
    pub co_name: *mut PyObject,
    pub co_qualname: *mut PyObject,
    pub co_linetable: *mut PyObject,
    pub co_weakreflist: *mut PyObject,
    pub _co_code: *mut PyObject,
    pub _co_linearray: *mut c_char,
    pub _co_firsttraceable: c_int,
    pub co_extra: *mut c_void,
    pub co_code_adaptive: [c_char; 1],
}

/// CPython's `QUICKENING_INITIAL_WARMUP_VALUE`.
const INITIAL_WARMUP: c_short = -8;

macro_rules! member {
    ($name:literal, $ty:expr, $field:ident) => {
        PyMemberDef {
            name: $name.as_ptr(),
            r#type: $ty,
            offset: offset_of!(PyCodeObject, $field) as Py_ssize_t,
            flags: READONLY,
            doc: core::ptr::null(),
        }
    };
}

static mut CODE_MEMBERS: [PyMemberDef; 15] = [
    member!(c"co_argcount", T_INT, co_argcount),
    member!(c"co_posonlyargcount", T_INT, co_posonlyargcount),
    member!(c"co_kwonlyargcount", T_INT, co_kwonlyargcount),
    member!(c"co_stacksize", T_INT, co_stacksize),
    member!(c"co_flags", T_INT, co_flags),
    member!(c"co_nlocals", T_INT, co_nlocals),
    member!(c"co_consts", T_OBJECT, co_consts),
    member!(c"co_names", T_OBJECT, co_names),
    member!(c"co_filename", T_OBJECT, co_filename),
    member!(c"co_name", T_OBJECT, co_name),
    member!(c"co_qualname", T_OBJECT, co_qualname),
    member!(c"co_firstlineno", T_INT, co_firstlineno),
    member!(c"co_linetable", T_OBJECT, co_linetable),
    member!(c"co_exceptiontable", T_OBJECT, co_exceptiontable),
    PyMemberDef::SENTINEL,
];

macro_rules! getset {
    ($name:literal, $f:ident) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some($f), set: None, doc: core::ptr::null(), closure: null_mut() }
    };
}

static mut CODE_GETSET: [PyGetSetDef; 7] = [
    getset!(c"co_lnotab", code_get_lnotab),
    getset!(c"_co_code_adaptive", code_get_code),
    getset!(c"co_varnames", code_get_varnames),
    getset!(c"co_cellvars", code_get_cellvars),
    getset!(c"co_freevars", code_get_freevars),
    getset!(c"co_code", code_get_code),
    PyGetSetDef::SENTINEL,
];

static mut CODE_METHODS: [PyMethodDef; 6] = [
    PyMethodDef { ml_name: c"__sizeof__".as_ptr(), ml_meth: code_sizeof as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"co_lines".as_ptr(), ml_meth: code_lines as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"co_positions".as_ptr(), ml_meth: code_positions as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"replace".as_ptr(), ml_meth: code_replace as *mut c_void, ml_flags: METH_VARARGS | METH_KEYWORDS, ml_doc: c"replace($self, /, **changes)\n--\n\nReturn a copy of the code object with new values for the specified fields.".as_ptr() },
    PyMethodDef { ml_name: c"_varname_from_oparg".as_ptr(), ml_meth: code_varname_from_oparg as *mut c_void, ml_flags: METH_O, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];

#[no_mangle]
pub static mut PyCode_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(code_dealloc),
    tp_repr: Some(code_repr),
    tp_hash: Some(code_hash),
    tp_richcompare: Some(code_richcompare),
    tp_weaklistoffset: offset_of!(PyCodeObject, co_weakreflist) as Py_ssize_t,
    tp_members: &raw mut CODE_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut CODE_GETSET as *mut PyGetSetDef,
    tp_methods: &raw mut CODE_METHODS as *mut PyMethodDef,
    tp_doc: c"Create a code object.  Not for the faint of heart.".as_ptr(),
    ..PyTypeObject::new(c"code", size_of::<PyCodeObject>(), 2)
};

/// The static types this file adds (registered in `runtime/registry.rs`).
pub fn static_types() -> Vec<*mut PyTypeObject> {
    vec![&raw mut PyCode_Type]
}

#[inline]
pub fn is_code(op: *mut PyObject) -> bool {
    // SAFETY: callers pass live objects; the header is always readable.
    unsafe { (*op).ob_type == &raw mut PyCode_Type }
}

#[inline]
unsafe fn co(op: *mut PyObject) -> *mut PyCodeObject {
    op as *mut PyCodeObject
}

/// The bytecode of a code object (`_PyCode_CODE`), as bytes.
pub unsafe fn code_bytes<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: a code object holds `ob_size` 2-byte units inline.
    unsafe {
        let p = (*co(op)).co_code_adaptive.as_ptr() as *const u8;
        core::slice::from_raw_parts(p, Py_SIZE(op) as usize * 2)
    }
}

/// The parts a code object is made of (new references held by the struct).
pub struct CodeParts {
    pub argcount: i32,
    pub posonlyargcount: i32,
    pub kwonlyargcount: i32,
    pub stacksize: i32,
    pub flags: i32,
    pub firstlineno: i32,
    pub code: Owned,
    pub consts: Owned,
    pub names: Owned,
    pub localsplusnames: Owned,
    pub localspluskinds: Owned,
    pub filename: Owned,
    pub name: Owned,
    pub qualname: Owned,
    pub linetable: Owned,
    pub exceptiontable: Owned,
}

unsafe fn is_str_tuple(t: *mut PyObject) -> bool {
    unsafe {
        super::tupleobject::is_tuple(t)
            && super::tupleobject::as_slice(t).iter().all(|&s| super::unicodeobject::is_str(s))
    }
}

/// Does `s` consist of identifier characters only (CPython's `all_name_chars`)?
unsafe fn all_name_chars(s: *mut PyObject) -> bool {
    unsafe {
        super::unicodeobject::is_ascii(s)
            && (0..super::unicodeobject::len(s) as usize).all(|i| {
                let c = super::unicodeobject::read(s, i);
                c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
            })
    }
}

/// Intern every str of a tuple in place (the tuple is not yet shared).
unsafe fn intern_tuple_strings(t: *mut PyObject) -> PyResult<()> {
    unsafe {
        let items = super::tupleobject::items(t);
        for i in 0..Py_SIZE(t) as usize {
            super::unicodeobject::intern_in_place(items.add(i))?;
        }
        Ok(())
    }
}

/// CPython's `intern_string_constants`: identifier-like strs, recursively in
/// tuples (frozensets are immutable and keep their items).
unsafe fn intern_string_constants(t: *mut PyObject) -> PyResult<()> {
    unsafe {
        let items = super::tupleobject::items(t);
        for i in 0..Py_SIZE(t) as usize {
            let v = *items.add(i);
            if super::unicodeobject::is_str_exact(v) {
                if all_name_chars(v) {
                    super::unicodeobject::intern_in_place(items.add(i))?;
                }
            } else if super::tupleobject::is_tuple_exact(v) {
                intern_string_constants(v)?;
            }
        }
        Ok(())
    }
}

/// Make a code object (CPython's `_PyCode_Validate` + `_PyCode_New`), after
/// the bytecode verifier.
pub unsafe fn new_code(p: CodeParts) -> PyResult<Owned> {
    unsafe {
        use super::bytesobject::{as_slice as bslice, is_bytes};
        use super::tupleobject::is_tuple;
        use super::unicodeobject::is_str;
        if p.argcount < p.posonlyargcount
            || p.posonlyargcount < 0
            || p.kwonlyargcount < 0
            || p.stacksize < 0
            || p.flags < 0
            || !is_bytes(p.code.as_ptr())
            || !is_tuple(p.consts.as_ptr())
            || !is_str_tuple(p.names.as_ptr())
            || !is_str_tuple(p.localsplusnames.as_ptr())
            || !is_bytes(p.localspluskinds.as_ptr())
            || Py_SIZE(p.localsplusnames.as_ptr()) != Py_SIZE(p.localspluskinds.as_ptr())
            || !is_str(p.name.as_ptr())
            || !is_str(p.filename.as_ptr())
            || !is_str(p.qualname.as_ptr())
            || !is_bytes(p.linetable.as_ptr())
            || !is_bytes(p.exceptiontable.as_ptr())
        {
            return Err(errors::bad_internal_call());
        }
        let code = bslice(p.code.as_ptr());
        if code.len() % 2 != 0 || code.is_empty() || code.len() > i32::MAX as usize {
            return Err(errors::value_error("code: co_code is malformed"));
        }
        let kinds = bslice(p.localspluskinds.as_ptr());
        let nlocalsplus = kinds.len();
        let totalargs = p.argcount as i64
            + p.kwonlyargcount as i64
            + ((p.flags as u32 & opcode::CO_VARARGS) != 0) as i64
            + ((p.flags as u32 & opcode::CO_VARKEYWORDS) != 0) as i64;
        if totalargs > nlocalsplus as i64 {
            return Err(errors::value_error("code: co_varnames is too small"));
        }
        let consts = super::tupleobject::as_slice(p.consts.as_ptr());
        let kw_ok = |i: usize| consts.get(i).is_some_and(|&c| is_str_tuple(c));
        let input = verify::Parts {
            code,
            nconsts: consts.len(),
            kw_names_ok: &kw_ok,
            nnames: Py_SIZE(p.names.as_ptr()) as usize,
            kinds,
            argcount: p.argcount as u32,
            posonlyargcount: p.posonlyargcount as u32,
            kwonlyargcount: p.kwonlyargcount as u32,
            flags: p.flags as u32,
            stacksize: p.stacksize as u32,
            exceptiontable: bslice(p.exceptiontable.as_ptr()),
        };
        if let Err(e) = verify::verify_parts(&input) {
            return Err(errors::value_error(format!("invalid bytecode: {}", e)));
        }
        // Interning works in place: tuples we hold the only reference to are
        // changed, shared ones are copied first.
        let names = unshared_tuple(p.names)?;
        intern_tuple_strings(names.as_ptr())?;
        let lpnames = unshared_tuple(p.localsplusnames)?;
        intern_tuple_strings(lpnames.as_ptr())?;
        let consts = unshared_tuple(p.consts)?;
        intern_string_constants(consts.as_ptr())?;
        let mut name = p.name.into_raw();
        super::unicodeobject::intern_in_place(&mut name)?;
        let name = Owned::from_raw_nonnull(name);

        let (mut nlocals, mut ncells, mut nplaincells, mut nfree) = (0, 0, 0, 0);
        for &k in kinds {
            if k & CO_FAST_LOCAL != 0 {
                nlocals += 1;
                if k & CO_FAST_CELL != 0 {
                    ncells += 1;
                }
            } else if k & CO_FAST_CELL != 0 {
                ncells += 1;
                nplaincells += 1;
            } else if k & CO_FAST_FREE != 0 {
                nfree += 1;
            }
        }
        let nunits = code.len() / 2;
        let o = super::typeobject::generic_alloc(&raw mut PyCode_Type, nunits as Py_ssize_t)?;
        let c = co(o.as_ptr());
        (*c).co_consts = consts.into_raw();
        (*c).co_names = names.into_raw();
        (*c).co_exceptiontable = p.exceptiontable.into_raw();
        (*c).co_flags = p.flags;
        (*c).co_warmup = INITIAL_WARMUP;
        (*c)._co_linearray_entry_size = 0;
        (*c).co_argcount = p.argcount;
        (*c).co_posonlyargcount = p.posonlyargcount;
        (*c).co_kwonlyargcount = p.kwonlyargcount;
        (*c).co_stacksize = p.stacksize;
        (*c).co_firstlineno = p.firstlineno;
        (*c).co_nlocalsplus = nlocalsplus as c_int;
        (*c).co_nlocals = nlocals;
        (*c).co_nplaincellvars = nplaincells;
        (*c).co_ncellvars = ncells;
        (*c).co_nfreevars = nfree;
        (*c).co_localsplusnames = lpnames.into_raw();
        (*c).co_localspluskinds = p.localspluskinds.into_raw();
        (*c).co_filename = p.filename.into_raw();
        (*c).co_name = name.into_raw();
        (*c).co_qualname = p.qualname.into_raw();
        (*c).co_linetable = p.linetable.into_raw();
        (*c)._co_code = null_mut();
        (*c).co_weakreflist = null_mut();
        (*c)._co_linearray = null_mut();
        (*c).co_extra = null_mut();
        let dst = (*c).co_code_adaptive.as_mut_ptr() as *mut u8;
        core::ptr::copy_nonoverlapping(code.as_ptr(), dst, code.len());
        (*c)._co_code = p.code.into_raw();
        // The first instruction a tracer sees: the first RESUME (if any).
        let first = code.chunks(2).position(|u| u[0] == opcode::Op::RESUME as u8).unwrap_or(0);
        (*c)._co_firsttraceable = first as c_int;
        Ok(o)
    }
}

/// A tuple only we refer to (copied when shared) so it can be changed in place.
unsafe fn unshared_tuple(t: Owned) -> PyResult<Owned> {
    unsafe {
        if (*t.as_ptr()).ob_refcnt == 1 && super::tupleobject::is_tuple_exact(t.as_ptr()) {
            return Ok(t);
        }
        super::tupleobject::pack(super::tupleobject::as_slice(t.as_ptr()))
    }
}

unsafe extern "C" fn code_dealloc(op: *mut PyObject) {
    unsafe {
        let c = co(op);
        if !(*c).co_weakreflist.is_null() {
            crate::capi::object::PyObject_ClearWeakRefs(op);
        }
        clear(&mut (*c).co_consts);
        clear(&mut (*c).co_names);
        clear(&mut (*c).co_exceptiontable);
        clear(&mut (*c).co_localsplusnames);
        clear(&mut (*c).co_localspluskinds);
        clear(&mut (*c).co_filename);
        clear(&mut (*c).co_name);
        clear(&mut (*c).co_qualname);
        clear(&mut (*c).co_linetable);
        clear(&mut (*c)._co_code);
        super::typeobject::free_instance(op);
    }
}

/// `<code object f at 0x…, file "x.py", line 3>`.
pub unsafe fn repr_string(op: *mut PyObject) -> String {
    unsafe {
        let c = co(op);
        let name = super::unicodeobject::to_string_lossy((*c).co_name);
        let file = if super::unicodeobject::is_str((*c).co_filename) {
            format!("\"{}\"", super::unicodeobject::to_string_lossy((*c).co_filename))
        } else {
            "???".to_string()
        };
        format!("<code object {} at {:p}, file {}, line {}>", name, op, file, (*c).co_firstlineno)
    }
}

unsafe extern "C" fn code_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&repr_string(op)) })
}

/// CPython's `_PyCode_ConstantKey`: a key that tells apart constants that
/// compare equal but are not interchangeable (`0.0`/`-0.0`, `1`/`True`, …).
pub unsafe fn constant_key(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        use super::noneobject::{ellipsis_ptr, none_ptr};
        let tp = Py_TYPE(op) as *mut PyObject;
        let t = super::tupleobject::pack;
        if op == none_ptr()
            || op == ellipsis_ptr()
            || super::longobject::is_long_exact(op)
            || super::unicodeobject::is_str_exact(op)
            || is_code(op)
        {
            Ok(Owned::from_borrowed(op))
        } else if super::boolobject::is_bool(op) || super::bytesobject::is_bytes_exact(op) {
            t(&[tp, op])
        } else if Py_TYPE(op) == &raw mut super::floatobject::PyFloat_Type {
            let d = super::floatobject::value(op);
            if d == 0.0 && d.is_sign_negative() {
                t(&[tp, op, none_ptr()])
            } else {
                t(&[tp, op])
            }
        } else if Py_TYPE(op) == &raw mut super::complexobject::PyComplex_Type {
            let z = super::complexobject::cval(op);
            let (rz, iz) = (z.real == 0.0 && z.real.is_sign_negative(), z.imag == 0.0 && z.imag.is_sign_negative());
            match (rz, iz) {
                (true, true) => t(&[tp, op, super::noneobject::ellipsis_ptr()]),
                (true, false) => t(&[tp, op, super::boolobject::false_ptr()]),
                (false, true) => t(&[tp, op, super::boolobject::true_ptr()]),
                (false, false) => t(&[tp, op]),
            }
        } else if super::tupleobject::is_tuple_exact(op) {
            let keys = super::tupleobject::as_slice(op)
                .iter()
                .map(|&x| constant_key(x))
                .collect::<PyResult<Vec<_>>>()?;
            let k = super::tupleobject::from_owned(keys)?;
            t(&[k.as_ptr(), op])
        } else if super::setobject::is_frozenset_exact(op) {
            let fs = super::setobject::new_set(&raw mut super::setobject::PyFrozenSet_Type, null_mut())?;
            let mut pos = 0;
            while let Some((item, _)) = super::setobject::next_entry(op, &mut pos) {
                let k = constant_key(item)?;
                super::setobject::add_key(fs.as_ptr(), k.as_ptr())?;
            }
            t(&[fs.as_ptr(), op])
        } else {
            let id = super::longobject::from_u64(op as usize as u64)?;
            t(&[id.as_ptr(), op])
        }
    }
}

unsafe fn consts_equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let (x, y) = (super::tupleobject::as_slice(a), super::tupleobject::as_slice(b));
        if x.len() != y.len() {
            return Ok(false);
        }
        for (&p, &q) in x.iter().zip(y) {
            let (kp, kq) = (constant_key(p)?, constant_key(q)?);
            if !super::abstract_::rich_compare_bool(kp.as_ptr(), kq.as_ptr(), Py_EQ)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

unsafe fn code_equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let (x, y) = (co(a), co(b));
        let eq = |p: *mut PyObject, q: *mut PyObject| super::abstract_::rich_compare_bool(p, q, Py_EQ);
        Ok(eq((*x).co_name, (*y).co_name)?
            && (*x).co_argcount == (*y).co_argcount
            && (*x).co_posonlyargcount == (*y).co_posonlyargcount
            && (*x).co_kwonlyargcount == (*y).co_kwonlyargcount
            && (*x).co_flags == (*y).co_flags
            && (*x).co_firstlineno == (*y).co_firstlineno
            && code_bytes(a) == code_bytes(b)
            && consts_equal((*x).co_consts, (*y).co_consts)?
            && eq((*x).co_names, (*y).co_names)?
            && eq((*x).co_localsplusnames, (*y).co_localsplusnames)?
            && eq((*x).co_linetable, (*y).co_linetable)?
            && eq((*x).co_exceptiontable, (*y).co_exceptiontable)?)
    }
}

unsafe extern "C" fn code_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (op != Py_EQ && op != Py_NE) || !is_code(a) || !is_code(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let e = a == b || code_equal(a, b)?;
        Ok(super::boolobject::owned_bool(e == (op == Py_EQ)))
    })
}

unsafe extern "C" fn code_hash(op: *mut PyObject) -> Py_hash_t {
    crate::runtime::ffi::guard(|| unsafe {
        let c = co(op);
        let h = |o: *mut PyObject| super::abstract_::hash(o);
        let mut x: u64 = h((*c).co_name)? as u64;
        for v in [h((*c).co_names)?, h((*c).co_localsplusnames)?] {
            x = x.wrapping_mul(1_000_003) ^ v as u64;
        }
        for v in [
            (*c).co_argcount,
            (*c).co_posonlyargcount,
            (*c).co_kwonlyargcount,
            (*c).co_flags,
            (*c).co_firstlineno,
            Py_SIZE(op) as c_int,
        ] {
            x = x.wrapping_mul(1_000_003) ^ v as u64;
        }
        for &b in code_bytes(op) {
            x = x.wrapping_mul(1_000_003) ^ b as u64;
        }
        let hx = x as Py_hash_t;
        Ok(if hx == -1 { -2 } else { hx })
    })
}

/// Names of the fast locals whose kind has `mask` (`co_varnames` & co.).
pub unsafe fn names_of_kind(op: *mut PyObject, mask: u8) -> PyResult<Owned> {
    unsafe {
        let c = co(op);
        let names = super::tupleobject::as_slice((*c).co_localsplusnames);
        let kinds = super::bytesobject::as_slice((*c).co_localspluskinds);
        let v: Vec<*mut PyObject> =
            names.iter().zip(kinds).filter(|(_, &k)| k & mask != 0).map(|(&n, _)| n).collect();
        super::tupleobject::pack(&v)
    }
}

unsafe extern "C" fn code_get_varnames(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { names_of_kind(op, CO_FAST_LOCAL) })
}
unsafe extern "C" fn code_get_cellvars(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { names_of_kind(op, CO_FAST_CELL) })
}
unsafe extern "C" fn code_get_freevars(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { names_of_kind(op, CO_FAST_FREE) })
}

/// `co_code` (`PyCode_GetCode`): the bytecode as bytes (cached).
pub unsafe fn get_code(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let c = co(op);
        if (*c)._co_code.is_null() {
            (*c)._co_code = super::bytesobject::from_slice(code_bytes(op))?.into_raw();
        }
        Ok(Owned::from_borrowed((*c)._co_code))
    }
}

unsafe extern "C" fn code_get_code(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { get_code(op) })
}

/// `co_lnotab` (deprecated in 3.11, still computed from the line table).
unsafe extern "C" fn code_get_lnotab(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = co(op);
        let table = super::bytesobject::as_slice((*c).co_linetable);
        let mut out = Vec::new();
        let (mut last_off, mut last_line) = (0i64, (*c).co_firstlineno as i64);
        for (start, _end, line) in tables::lines(table, (*c).co_firstlineno) {
            let Some(line) = line else { continue };
            let (mut bd, mut ld) = (start as i64 - last_off, line as i64 - last_line);
            if ld == 0 {
                continue;
            }
            while bd > 255 {
                out.extend_from_slice(&[255, 0]);
                bd -= 255;
            }
            while ld > 127 {
                out.extend_from_slice(&[bd as u8, 127]);
                bd = 0;
                ld -= 127;
            }
            while ld < -128 {
                out.extend_from_slice(&[bd as u8, (-128i8) as u8]);
                bd = 0;
                ld += 128;
            }
            out.extend_from_slice(&[bd as u8, ld as i8 as u8]);
            last_off = start as i64;
            last_line = line as i64;
        }
        super::bytesobject::from_slice(&out)
    })
}

unsafe extern "C" fn code_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = size_of::<PyCodeObject>() + (Py_SIZE(op) as usize) * 2;
        super::longobject::from_u64(((n + 7) & !7) as u64)
    })
}

fn opt_int(v: Option<i32>) -> PyResult<Owned> {
    match v {
        Some(i) => super::longobject::from_i64(i as i64),
        None => Ok(super::noneobject::none()),
    }
}

unsafe extern "C" fn code_lines(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = co(op);
        let table = super::bytesobject::as_slice((*c).co_linetable);
        let mut items = Vec::new();
        for (s, e, l) in tables::lines(table, (*c).co_firstlineno) {
            items.push(super::tupleobject::from_owned(vec![
                super::longobject::from_u64(s as u64)?,
                super::longobject::from_u64(e as u64)?,
                opt_int(l)?,
            ])?);
        }
        let l = super::listobject::from_owned(items)?;
        super::abstract_::get_iter(l.as_ptr())
    })
}

unsafe extern "C" fn code_positions(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = co(op);
        let table = super::bytesobject::as_slice((*c).co_linetable);
        let mut items = Vec::new();
        for p in tables::positions(table, (*c).co_firstlineno, Py_SIZE(op) as usize) {
            items.push(super::tupleobject::from_owned(vec![
                opt_int(p.lineno)?,
                opt_int(p.end_lineno)?,
                opt_int(p.col)?,
                opt_int(p.end_col)?,
            ])?);
        }
        let l = super::listobject::from_owned(items)?;
        super::abstract_::get_iter(l.as_ptr())
    })
}

unsafe extern "C" fn code_varname_from_oparg(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let i = super::longobject::as_ssize_index(arg, None)?;
        let names = (*co(op)).co_localsplusnames;
        if i < 0 || i >= Py_SIZE(names) {
            return Err(errors::index_error("tuple index out of range"));
        }
        Ok(Owned::from_borrowed(super::tupleobject::get_item(names, i)))
    })
}

/// Fast-locals names and kinds from CPython's separate tuples (what
/// `PyCode_New` and `replace` take): cells that are also locals share the slot.
pub unsafe fn localsplus_from(varnames: *mut PyObject, cellvars: *mut PyObject, freevars: *mut PyObject) -> PyResult<(Owned, Owned)> {
    unsafe {
        for t in [varnames, cellvars, freevars] {
            if !is_str_tuple(t) {
                return Err(errors::bad_internal_call());
            }
        }
        let vs = super::tupleobject::as_slice(varnames);
        let cs = super::tupleobject::as_slice(cellvars);
        let fs = super::tupleobject::as_slice(freevars);
        let mut names: Vec<*mut PyObject> = vs.to_vec();
        let mut kinds: Vec<u8> = vec![CO_FAST_LOCAL; vs.len()];
        for &c in cs {
            match vs.iter().position(|&v| super::unicodeobject::eq(v, c)) {
                Some(i) => kinds[i] |= CO_FAST_CELL,
                None => {
                    names.push(c);
                    kinds.push(CO_FAST_CELL);
                }
            }
        }
        for &f in fs {
            names.push(f);
            kinds.push(CO_FAST_FREE);
        }
        Ok((super::tupleobject::pack(&names)?, super::bytesobject::from_slice(&kinds)?))
    }
}

/// The parts of an existing code object (new references).
pub unsafe fn parts_of(op: *mut PyObject) -> PyResult<CodeParts> {
    unsafe {
        let c = co(op);
        let b = |p: *mut PyObject| Owned::from_borrowed(p);
        Ok(CodeParts {
            argcount: (*c).co_argcount,
            posonlyargcount: (*c).co_posonlyargcount,
            kwonlyargcount: (*c).co_kwonlyargcount,
            stacksize: (*c).co_stacksize,
            flags: (*c).co_flags,
            firstlineno: (*c).co_firstlineno,
            code: get_code(op)?,
            consts: b((*c).co_consts),
            names: b((*c).co_names),
            localsplusnames: b((*c).co_localsplusnames),
            localspluskinds: b((*c).co_localspluskinds),
            filename: b((*c).co_filename),
            name: b((*c).co_name),
            qualname: b((*c).co_qualname),
            linetable: b((*c).co_linetable),
            exceptiontable: b((*c).co_exceptiontable),
        })
    }
}

const REPLACE_KEYS: [&str; 18] = [
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

unsafe fn type_name(o: *mut PyObject) -> String {
    unsafe { core::ffi::CStr::from_ptr((*Py_TYPE(o)).tp_name).to_string_lossy().into_owned() }
}

/// `code.replace(**changes)`, with CPython's argument checks.
pub unsafe fn replace(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !args.is_null() && Py_SIZE(args) != 0 {
            return Err(errors::type_error(format!("replace() takes 0 positional arguments but {} were given", Py_SIZE(args))));
        }
        let mut p = parts_of(op)?;
        let mut varnames = names_of_kind(op, CO_FAST_LOCAL)?;
        let mut cellvars = names_of_kind(op, CO_FAST_CELL)?;
        let mut freevars = names_of_kind(op, CO_FAST_FREE)?;
        let mut nlocals = (*co(op)).co_nlocals as i64;
        let mut names_changed = false;
        let items = if kw.is_null() { Vec::new() } else { super::dictobject::items_owned(kw) };
        for (k, v) in items {
            let key = super::unicodeobject::to_string_lossy(k.as_ptr());
            let v = v.as_ptr();
            let Some(_) = REPLACE_KEYS.iter().position(|&n| n == key) else {
                return Err(errors::type_error(format!("replace() got an unexpected keyword argument '{}'", key)));
            };
            let int_arg = |v: *mut PyObject| -> PyResult<i32> {
                if !super::longobject::is_long(v) {
                    return Err(errors::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))));
                }
                match super::longobject::as_i64(v) {
                    Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => Ok(x as i32),
                    Some(x) if x > 0 => Err(errors::overflow_error("signed integer is greater than maximum")),
                    _ => Err(errors::overflow_error("signed integer is less than minimum")),
                }
            };
            let typed = |v: *mut PyObject, ok: bool, want: &str| -> PyResult<Owned> {
                if ok {
                    Ok(Owned::from_borrowed(v))
                } else {
                    Err(errors::type_error(format!("replace() argument '{}' must be {}, not {}", key, want, type_name(v))))
                }
            };
            let is_tuple = super::tupleobject::is_tuple(v);
            let is_bytes = super::bytesobject::is_bytes(v);
            let is_str = super::unicodeobject::is_str(v);
            match key.as_str() {
                "co_argcount" => p.argcount = int_arg(v)?,
                "co_posonlyargcount" => p.posonlyargcount = int_arg(v)?,
                "co_kwonlyargcount" => p.kwonlyargcount = int_arg(v)?,
                "co_nlocals" => nlocals = int_arg(v)? as i64,
                "co_stacksize" => p.stacksize = int_arg(v)?,
                "co_flags" => p.flags = int_arg(v)?,
                "co_firstlineno" => p.firstlineno = int_arg(v)?,
                "co_code" => p.code = typed(v, is_bytes, "bytes")?,
                "co_consts" => p.consts = typed(v, is_tuple, "tuple")?,
                "co_names" => p.names = typed(v, is_tuple, "tuple")?,
                "co_varnames" => (varnames, names_changed) = (typed(v, is_tuple, "tuple")?, true),
                "co_freevars" => (freevars, names_changed) = (typed(v, is_tuple, "tuple")?, true),
                "co_cellvars" => (cellvars, names_changed) = (typed(v, is_tuple, "tuple")?, true),
                "co_filename" => p.filename = typed(v, is_str, "str")?,
                "co_name" => p.name = typed(v, is_str, "str")?,
                "co_qualname" => p.qualname = typed(v, is_str, "str")?,
                "co_linetable" => p.linetable = typed(v, is_bytes, "bytes")?,
                _ => p.exceptiontable = typed(v, is_bytes, "bytes")?,
            }
        }
        if nlocals != Py_SIZE(varnames.as_ptr()) as i64 {
            return Err(errors::value_error("co_nlocals != len(co_varnames)"));
        }
        if names_changed {
            let (n, k) = localsplus_from(varnames.as_ptr(), cellvars.as_ptr(), freevars.as_ptr())?;
            p.localsplusnames = n;
            p.localspluskinds = k;
        }
        new_code(p)
    }
}

unsafe extern "C" fn code_replace(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { replace(op, args, kw) })
}

// ---------------------------------------------------------------------------
// Conversions to and from the compiler's CodeUnit

/// A compiler constant as a Python object.
pub fn constant_to_object(c: &Constant) -> PyResult<Owned> {
    use super::*;
    Ok(match c {
        Constant::None => noneobject::none(),
        Constant::Bool(b) => boolobject::owned_bool(*b),
        Constant::Ellipsis => unsafe { Owned::from_borrowed(noneobject::ellipsis_ptr()) },
        Constant::Int(i) => longobject::from_big(i)?,
        Constant::Float(f) => floatobject::from_f64(*f)?,
        Constant::Complex { real, imag } => complexobject::from_doubles(*real, *imag)?,
        Constant::Str(s) => unicodeobject::from_str(s)?,
        Constant::StrCodes(cps) => unicodeobject::from_codepoints(cps)?,
        Constant::Bytes(b) => bytesobject::from_slice(b)?,
        Constant::Tuple(items) => tupleobject::from_owned(items.iter().map(constant_to_object).collect::<PyResult<_>>()?)?,
        Constant::FrozenSet(items) => unsafe {
            let fs = setobject::new_set(&raw mut setobject::PyFrozenSet_Type, null_mut())?;
            for it in items {
                let o = constant_to_object(it)?;
                setobject::add_key(fs.as_ptr(), o.as_ptr())?;
            }
            fs
        },
    })
}

/// A Python object as a compiler constant; `None` for objects no compiler
/// makes (lists, dicts, … placed in `co_consts` by hand).
pub unsafe fn object_to_constant(o: *mut PyObject) -> Option<CodeConst> {
    unsafe {
        use super::*;
        let v = |c: Constant| Some(CodeConst::Value(c));
        if o == noneobject::none_ptr() {
            v(Constant::None)
        } else if o == noneobject::ellipsis_ptr() {
            v(Constant::Ellipsis)
        } else if boolobject::is_bool(o) {
            v(Constant::Bool(o == boolobject::true_ptr()))
        } else if longobject::is_long_exact(o) {
            v(Constant::Int(longobject::to_big(o)))
        } else if Py_TYPE(o) == &raw mut floatobject::PyFloat_Type {
            v(Constant::Float(floatobject::value(o)))
        } else if Py_TYPE(o) == &raw mut complexobject::PyComplex_Type {
            let z = complexobject::cval(o);
            v(Constant::Complex { real: z.real, imag: z.imag })
        } else if unicodeobject::is_str_exact(o) {
            match unicodeobject::as_str(o) {
                Ok(s) => v(Constant::Str(s.to_string())),
                Err(_) => {
                    errors::clear();
                    v(Constant::StrCodes(unicodeobject::codepoints(o)))
                }
            }
        } else if bytesobject::is_bytes_exact(o) {
            v(Constant::Bytes(bytesobject::as_slice(o).to_vec()))
        } else if tupleobject::is_tuple_exact(o) || setobject::is_frozenset_exact(o) {
            let items: Vec<*mut PyObject> = if tupleobject::is_tuple_exact(o) {
                tupleobject::as_slice(o).to_vec()
            } else {
                let mut pos = 0;
                let mut out = Vec::new();
                while let Some((k, _)) = setobject::next_entry(o, &mut pos) {
                    out.push(k);
                }
                out
            };
            let mut vals = Vec::new();
            for it in items {
                match object_to_constant(it)? {
                    CodeConst::Value(c) => vals.push(c),
                    CodeConst::Code(_) => return None,
                }
            }
            if tupleobject::is_tuple_exact(o) {
                v(Constant::Tuple(vals))
            } else {
                v(Constant::FrozenSet(vals))
            }
        } else if is_code(o) {
            to_unit(o).ok().map(|u| CodeConst::Code(Box::new(u)))
        } else {
            None
        }
    }
}

fn str_tuple(names: &[String]) -> PyResult<Owned> {
    super::tupleobject::from_owned(names.iter().map(|n| super::unicodeobject::from_str(n)).collect::<PyResult<_>>()?)
}

fn clamp_i32(v: u32) -> i32 {
    v.min(i32::MAX as u32) as i32
}

/// A code object from the compiler's `CodeUnit` (nested code recursively).
pub fn from_unit(u: &CodeUnit) -> PyResult<Owned> {
    use super::*;
    let consts = u
        .consts
        .iter()
        .map(|c| match c {
            CodeConst::Value(v) => constant_to_object(v),
            CodeConst::Code(inner) => from_unit(inner),
        })
        .collect::<PyResult<Vec<_>>>()?;
    // SAFETY: every part is a fresh object of the right type.
    unsafe {
        new_code(CodeParts {
            argcount: clamp_i32(u.argcount),
            posonlyargcount: clamp_i32(u.posonlyargcount),
            kwonlyargcount: clamp_i32(u.kwonlyargcount),
            stacksize: clamp_i32(u.stacksize),
            flags: clamp_i32(u.flags),
            firstlineno: clamp_i32(u.firstlineno),
            code: bytesobject::from_slice(&u.code)?,
            consts: tupleobject::from_owned(consts)?,
            names: str_tuple(&u.names)?,
            localsplusnames: str_tuple(&u.localsplusnames)?,
            localspluskinds: bytesobject::from_slice(&u.localspluskinds)?,
            filename: unicodeobject::from_str(&u.filename)?,
            name: unicodeobject::from_str(&u.name)?,
            qualname: unicodeobject::from_str(&u.qualname)?,
            linetable: bytesobject::from_slice(&u.linetable)?,
            exceptiontable: bytesobject::from_slice(&u.exceptiontable)?,
        })
    }
}

/// The `CodeUnit` of a code object. Fails (ValueError) when a constant is of a
/// kind no compiler produces; strings with lone surrogates become `?`-free
/// lossy text only in names (they cannot be identifiers anyway).
pub unsafe fn to_unit(op: *mut PyObject) -> PyResult<CodeUnit> {
    unsafe {
        let c = co(op);
        let s = |o: *mut PyObject| super::unicodeobject::to_string_lossy(o);
        let strs = |t: *mut PyObject| super::tupleobject::as_slice(t).iter().map(|&o| s(o)).collect::<Vec<_>>();
        let mut consts = Vec::new();
        for &k in super::tupleobject::as_slice((*c).co_consts) {
            match object_to_constant(k) {
                Some(v) => consts.push(v),
                None => {
                    return Err(errors::value_error(format!(
                        "code constant of type '{}' has no compiler form",
                        type_name(k)
                    )))
                }
            }
        }
        Ok(CodeUnit {
            argcount: (*c).co_argcount as u32,
            posonlyargcount: (*c).co_posonlyargcount as u32,
            kwonlyargcount: (*c).co_kwonlyargcount as u32,
            stacksize: (*c).co_stacksize as u32,
            flags: (*c).co_flags as u32,
            code: code_bytes(op).to_vec(),
            consts,
            names: strs((*c).co_names),
            localsplusnames: strs((*c).co_localsplusnames),
            localspluskinds: super::bytesobject::as_slice((*c).co_localspluskinds).to_vec(),
            filename: s((*c).co_filename),
            name: s((*c).co_name),
            qualname: s((*c).co_qualname),
            firstlineno: (*c).co_firstlineno.max(0) as u32,
            linetable: super::bytesobject::as_slice((*c).co_linetable).to_vec(),
            exceptiontable: super::bytesobject::as_slice((*c).co_exceptiontable).to_vec(),
        })
    }
}

/// `PyCode_Addr2Location`: (line, column, end line, end column) of the
/// instruction at byte offset `addr`; -1 where unknown (line: co_firstlineno
/// for negative addresses).
pub unsafe fn addr2location(op: *mut PyObject, addr: i32) -> (i32, i32, i32, i32) {
    unsafe {
        let c = co(op);
        if addr < 0 {
            return ((*c).co_firstlineno, -1, -1, -1);
        }
        let table = super::bytesobject::as_slice((*c).co_linetable);
        let (entries, _) = tables::decode_locations(table, (*c).co_firstlineno);
        let unit = (addr / 2) as u32;
        for e in entries {
            if e.start <= unit && unit < e.end {
                let p = e.pos;
                return (p.lineno.unwrap_or(-1), p.col.unwrap_or(-1), p.end_lineno.unwrap_or(-1), p.end_col.unwrap_or(-1));
            }
        }
        (-1, -1, -1, -1)
    }
}
