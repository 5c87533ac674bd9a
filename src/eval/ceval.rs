//! The dispatch loop (CPython's `_PyEval_EvalFrameDefault`).
//!
//! Design note.
//! * One loop runs a chain of frames: a call to a Python function pushes the
//!   callee's frame on the thread's data stack and continues in the same loop
//!   (no Rust recursion); RETURN_VALUE pops back to the caller's frame. Only
//!   a frame marked `is_entry` (entered from Rust/C) leaves the loop.
//! * Register state while a frame runs: `next_instr` (the code unit after the
//!   current instruction) and `sp` (the value-stack top); they are written
//!   back to the frame (`prev_instr`, `stacktop`) before anything that may
//!   look at the frame from outside (calls, errors, frame objects).
//! * Errors: every fallible step breaks out of the instruction with `Err`;
//!   the unwinder adds a traceback entry for the frame, looks the current
//!   instruction up in the exception table, and either jumps to the handler
//!   (stack cut to the handler's depth, `lasti` pushed when asked, then the
//!   exception) or pops the frame and unwinds the caller.
//! * Inline CACHE units are skipped by each instruction (`Op::cache_entries`);
//!   the code is not specialised yet (the door is open: `co_code_adaptive` is
//!   the frame's code and may be rewritten in place later).
//! * The recursion limit counts Python frames and native re-entries in one
//!   counter, as CPython 3.11 does; Python frames use no native stack.
//! Not yet here: generators and coroutines (RETURN_GENERATOR, YIELD_VALUE,
//! SEND, async opcodes), `match` class/mapping patterns, `except*`, tracing.
use super::frame::{self, Frame};
use crate::compiler::opcode::{self, Op};
use crate::objects::codeobject::PyCodeObject;
use crate::objects::funcobject::{self, PyFunctionObject};
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{
    abstract_, boolobject, cellobject, dictobject, exceptions as exc, listobject, noneobject, setobject, tupleobject,
    typeobject, unicodeobject,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::pystate::PyThreadState;
use core::ptr::null_mut;

macro_rules! tri {
    ($e:expr, $l:lifetime) => {
        match $e {
            Ok(v) => v,
            Err(_) => break $l Err(()),
        }
    };
}

/// A C-API style result: NULL means an exception is set.
macro_rules! nn {
    ($e:expr, $l:lifetime) => {{
        let p = $e;
        if p.is_null() {
            break $l Err(());
        }
        p
    }};
}

#[inline(always)]
fn none() -> *mut PyObject {
    noneobject::none_ptr()
}

/// Run `f` (pushed, arguments bound) to completion as an entry frame and
/// pop it. Returns a new reference or NULL with an exception set.
pub unsafe fn run_frame(ts: *mut PyThreadState, f: *mut Frame) -> *mut PyObject {
    unsafe {
        (*f).is_entry = 1;
        (*f).previous = (*ts).current_frame;
        eval(ts, f)
    }
}

unsafe fn name_error(name: *mut PyObject) -> Raised {
    unsafe {
        let msg = format!("name '{}' is not defined", unicodeobject::to_string_lossy(name));
        let e = errors::set_string(exc::PyExc_NameError, &msg);
        // NameError.name (3.10+) for the "Did you mean" suggestions.
        if let Some(v) = errors::fetch_instance() {
            if let Ok(key) = unicodeobject::intern_str("name") {
                let _ = abstract_::setattr(v.as_ptr(), key.as_ptr(), name);
            }
            errors::clear();
            return errors::restore_instance(v);
        }
        e
    }
}

unsafe fn unbound_local(co: *mut PyCodeObject, i: usize) -> Raised {
    unsafe {
        let name = tupleobject::get_item((*co).co_localsplusnames, i as Py_ssize_t);
        errors::set_string(
            exc::PyExc_UnboundLocalError,
            &format!(
                "cannot access local variable '{}' where it is not associated with a value",
                unicodeobject::to_string_lossy(name)
            ),
        )
    }
}

unsafe fn unbound_deref(co: *mut PyCodeObject, i: usize) -> Raised {
    unsafe {
        let name = tupleobject::get_item((*co).co_localsplusnames, i as Py_ssize_t);
        let n = unicodeobject::to_string_lossy(name);
        let nfree_start = (*co).co_nlocalsplus as usize - (*co).co_nfreevars as usize;
        if i < nfree_start {
            errors::set_string(
                exc::PyExc_UnboundLocalError,
                &format!("cannot access local variable '{n}' where it is not associated with a value"),
            )
        } else {
            errors::set_string(
                exc::PyExc_NameError,
                &format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
            )
        }
    }
}

/// Look a name up in globals, then builtins (new reference or None).
unsafe fn load_global(globals: *mut PyObject, builtins: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let v = dictobject::get_item_borrowed_err(globals, name)?;
        if !v.is_null() {
            return Ok(Some(Owned::from_borrowed(v)));
        }
        if dictobject::is_dict(builtins) {
            let v = dictobject::get_item_borrowed_err(builtins, name)?;
            if !v.is_null() {
                return Ok(Some(Owned::from_borrowed(v)));
            }
            return Ok(None);
        }
        match abstract_::get_item(builtins, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if errors::exception_matches(exc::PyExc_KeyError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `locals[name]` for LOAD_NAME: dict fast path, any mapping otherwise.
unsafe fn mapping_lookup(m: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        if dictobject::is_dict_exact(m) {
            let v = dictobject::get_item_borrowed_err(m, name)?;
            return Ok(if v.is_null() { None } else { Some(Owned::from_borrowed(v)) });
        }
        match abstract_::get_item(m, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if errors::exception_matches(exc::PyExc_KeyError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `_PyObject_GetMethod`: (callable, true) when `name` is a plain method found
/// on the type (call it with `obj` prepended), else (attribute, false).
pub unsafe fn get_method(obj: *mut PyObject, name: *mut PyObject) -> PyResult<(Owned, bool)> {
    unsafe {
        let tp = (*obj).ob_type;
        if (*tp).tp_getattro != Some(crate::capi::object::PyObject_GenericGetAttr) || !unicodeobject::is_str(name) {
            return Ok((abstract_::getattr(obj, name)?, false));
        }
        let descr = typeobject::lookup(tp, name);
        let mut meth_found = false;
        let mut getf: descrgetfunc = None;
        let descr = if descr.is_null() { None } else { Some(Owned::from_borrowed(descr)) };
        if let Some(d) = &descr {
            let dtp = (*d.as_ptr()).ob_type;
            if (*dtp).tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0 {
                meth_found = true;
            } else {
                getf = (*dtp).tp_descr_get;
                if let Some(g) = getf {
                    if (*dtp).tp_descr_set.is_some() {
                        return Ok((Owned::from_raw(g(d.as_ptr(), obj, tp as *mut PyObject))?, false));
                    }
                }
            }
        }
        let dp = typeobject::dict_ptr(obj);
        if !dp.is_null() && !(*dp).is_null() {
            let dict = Owned::from_borrowed(*dp);
            let v = dictobject::get_item_borrowed_err(dict.as_ptr(), name)?;
            if !v.is_null() {
                return Ok((Owned::from_borrowed(v), false));
            }
        }
        if let Some(d) = descr {
            if meth_found {
                return Ok((d, true));
            }
            if let Some(g) = getf {
                return Ok((Owned::from_raw(g(d.as_ptr(), obj, tp as *mut PyObject))?, false));
            }
            return Ok((d, false));
        }
        // Not found: the generic path raises the right AttributeError.
        Ok((abstract_::getattr(obj, name)?, false))
    }
}

type BinFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

unsafe extern "C" fn power2(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    unsafe { crate::capi::abstract_number::PyNumber_Power(a, b, none()) }
}
unsafe extern "C" fn ipower2(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    unsafe { crate::capi::abstract_number::PyNumber_InPlacePower(a, b, none()) }
}

/// BINARY_OP's table, in `opcode::NB_OPS` order.
static BINARY_OPS: [BinFn; 26] = {
    use crate::capi::abstract_number::*;
    [
        PyNumber_Add,
        PyNumber_And,
        PyNumber_FloorDivide,
        PyNumber_Lshift,
        PyNumber_MatrixMultiply,
        PyNumber_Multiply,
        PyNumber_Remainder,
        PyNumber_Or,
        power2,
        PyNumber_Rshift,
        PyNumber_Subtract,
        PyNumber_TrueDivide,
        PyNumber_Xor,
        PyNumber_InPlaceAdd,
        PyNumber_InPlaceAnd,
        PyNumber_InPlaceFloorDivide,
        PyNumber_InPlaceLshift,
        PyNumber_InPlaceMatrixMultiply,
        PyNumber_InPlaceMultiply,
        PyNumber_InPlaceRemainder,
        PyNumber_InPlaceOr,
        ipower2,
        PyNumber_InPlaceRshift,
        PyNumber_InPlaceSubtract,
        PyNumber_InPlaceTrueDivide,
        PyNumber_InPlaceXor,
    ]
};

/// Find the handler for code-unit offset `lasti` in an exception table:
/// (target, depth, push_lasti).
unsafe fn find_handler(table: &[u8], lasti: u32) -> Option<(u32, u32, bool)> {
    let mut i = 0;
    let read = |i: &mut usize| -> u32 {
        let mut b = table[*i];
        *i += 1;
        let mut v = (b & 63) as u32;
        while b & 0x40 != 0 && *i < table.len() {
            b = table[*i];
            *i += 1;
            v = (v << 6) | (b & 63) as u32;
        }
        v
    };
    while i < table.len() {
        let start = read(&mut i);
        if i >= table.len() {
            return None;
        }
        let size = read(&mut i);
        if i >= table.len() {
            return None;
        }
        let target = read(&mut i);
        if i >= table.len() {
            return None;
        }
        let dl = read(&mut i);
        if start > lasti {
            return None;
        }
        if lasti < start + size {
            return Some((target, dl >> 1, dl & 1 != 0));
        }
    }
    None
}

/// The exception a `raise` statement raises (CPython's `do_raise`).
unsafe fn do_raise(ts: *mut PyThreadState, exc_: *mut PyObject, cause: *mut PyObject) -> Raised {
    unsafe {
        if exc_.is_null() {
            // Bare `raise`: the exception being handled.
            let v = (*ts).exc_value;
            if v.is_null() || v == none() {
                return errors::set_string(exc::PyExc_RuntimeError, "No active exception to reraise");
            }
            let tb = crate::capi::pyerrors::PyException_GetTraceback(v);
            incref(v);
            errors::restore(new_ref((*v).ob_type as *mut PyObject), v, tb);
            return Raised::assume();
        }
        let value: Owned = if typeobject::is_type(exc_) && exc::is_exception_class(exc_) {
            let v = match abstract_::call_function(exc_, &[]) {
                Ok(v) => v,
                Err(e) => return e,
            };
            if !exc::is_exception_instance(v.as_ptr()) {
                return errors::type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    abstract_::repr_string(exc_),
                    typeobject::type_name_str((*v.as_ptr()).ob_type)
                ));
            }
            v
        } else if exc::is_exception_instance(exc_) {
            Owned::from_borrowed(exc_)
        } else {
            return errors::type_error("exceptions must derive from BaseException");
        };
        if !cause.is_null() {
            let fixed: *mut PyObject = if typeobject::is_type(cause) && exc::is_exception_class(cause) {
                match abstract_::call_function(cause, &[]) {
                    Ok(c) => c.into_raw(),
                    Err(e) => return e,
                }
            } else if exc::is_exception_instance(cause) {
                new_ref(cause)
            } else if cause == none() {
                null_mut()
            } else {
                return errors::type_error("exception causes must derive from BaseException");
            };
            crate::capi::pyerrors::PyException_SetCause(value.as_ptr(), fixed);
        }
        let tp = (*value.as_ptr()).ob_type as *mut PyObject;
        errors::set_object(tp, value.as_ptr())
    }
}

/// UNPACK_SEQUENCE / UNPACK_EX: the items of `seq`, checked against the
/// counts (`after` is None for plain unpacking).
unsafe fn unpack(seq: *mut PyObject, before: usize, after: Option<usize>) -> PyResult<Vec<Owned>> {
    unsafe {
        let it = match abstract_::get_iter(seq) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(exc::PyExc_TypeError)
                    && (*(*seq).ob_type).tp_iter.is_none()
                    && !abstract_::sequence_check(seq)
                {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        typeobject::type_name_str((*seq).ob_type)
                    )));
                }
                return Err(e);
            }
        };
        let mut items = Vec::with_capacity(before + after.unwrap_or(0));
        for i in 0..before {
            match abstract_::iter_next(it.as_ptr())? {
                Some(v) => items.push(v),
                None => {
                    return Err(match after {
                        None => errors::value_error(format!("not enough values to unpack (expected {before}, got {i})")),
                        Some(a) => errors::value_error(format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + a,
                            i
                        )),
                    })
                }
            }
        }
        match after {
            None => {
                if abstract_::iter_next(it.as_ptr())?.is_some() {
                    return Err(errors::value_error(format!("too many values to unpack (expected {before})")));
                }
            }
            Some(a) => {
                let rest = listobject::new_list(0)?;
                while let Some(v) = abstract_::iter_next(it.as_ptr())? {
                    listobject::append(rest.as_ptr(), v.as_ptr())?;
                }
                let n = Py_SIZE(rest.as_ptr()) as usize;
                if n < a {
                    return Err(errors::value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + a,
                        before + n
                    )));
                }
                let tail: Vec<Owned> = listobject::as_slice(rest.as_ptr())[n - a..].iter().map(|&p| Owned::from_borrowed(p)).collect();
                listobject::ass_slice(rest.as_ptr(), (n - a) as Py_ssize_t, n as Py_ssize_t, null_mut())?;
                items.push(rest);
                items.extend(tail);
            }
        }
        Ok(items)
    }
}

/// `obj.<name>` when it is a str; any error is cleared (message helpers).
unsafe fn str_attr(obj: *mut PyObject, name: &str) -> Option<String> {
    unsafe {
        let r = unicodeobject::intern_str(name).and_then(|k| abstract_::lookup_attr(obj, k.as_ptr()));
        match r {
            Ok(Some(v)) if unicodeobject::is_str(v.as_ptr()) => Some(unicodeobject::to_string_lossy(v.as_ptr())),
            _ => {
                errors::clear();
                None
            }
        }
    }
}

/// `f()`-style name of a callable for error messages (`_PyObject_FunctionStr`).
pub unsafe fn function_str(func: *mut PyObject) -> String {
    unsafe {
        let Some(q) = str_attr(func, "__qualname__") else {
            return abstract_::str_string(func);
        };
        match str_attr(func, "__module__") {
            Some(m) if m != "builtins" => format!("{m}.{q}()"),
            _ => format!("{q}()"),
        }
    }
}

/// DICT_MERGE's errors, named after the function being called.
unsafe fn dict_merge(func: *mut PyObject, dict: *mut PyObject, update: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !abstract_::mapping_check(update) && (*(*update).ob_type).tp_as_mapping.is_null() {
            return Err(errors::type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                function_str(func),
                typeobject::type_name_str((*update).ob_type)
            )));
        }
        let pairs: Vec<(Owned, Owned)> = if dictobject::is_dict(update) {
            dictobject::items_owned(update)
        } else {
            let keys = match abstract_::call_method(update, "keys", &[]) {
                Ok(k) => k,
                Err(e) => {
                    if errors::exception_matches(exc::PyExc_AttributeError) {
                        errors::clear();
                        return Err(errors::type_error(format!(
                            "{} argument after ** must be a mapping, not {}",
                            function_str(func),
                            typeobject::type_name_str((*update).ob_type)
                        )));
                    }
                    return Err(e);
                }
            };
            let mut v = Vec::new();
            for k in abstract_::collect(keys.as_ptr())? {
                let val = abstract_::get_item(update, k.as_ptr())?;
                v.push((k, val));
            }
            v
        };
        for (k, v) in pairs {
            if !unicodeobject::is_str(k.as_ptr()) {
                return Err(errors::type_error(format!("{} keywords must be strings", function_str(func))));
            }
            if !dictobject::get_item_borrowed_err(dict, k.as_ptr())?.is_null() {
                let e = errors::type_error(format!(
                    "{} got multiple values for keyword argument '{}'",
                    function_str(func),
                    unicodeobject::to_string_lossy(k.as_ptr())
                ));
                return Err(e);
            }
            dictobject::set_item(dict, k.as_ptr(), v.as_ptr())?;
        }
        Ok(())
    }
}

/// The evaluator: run `entry` (already pushed and bound) and every frame it
/// calls, until `entry` returns or raises. Pops `entry`.
#[allow(unused_assignments)]
pub unsafe fn eval(ts: *mut PyThreadState, entry: *mut Frame) -> *mut PyObject {
    unsafe {
        // The recursion counter covers Python frames too (CPython 3.11).
        if abstract_::enter_recursive_call("", crate::runtime::pystate::recursion_limit()).is_err() {
            frame::pop_frame(ts, entry);
            return null_mut();
        }
        let mut f = entry;
        (*ts).current_frame = f;
        let mut co = (*f).code;
        let mut first = Frame::first_instr(f);
        let mut next_instr = (*f).prev_instr.add(1);
        let mut lp = Frame::locals_ptr(f);
        let mut sp = lp.add((*f).stacktop as usize);
        let mut kwnames: *mut PyObject = null_mut();

        macro_rules! push {
            ($v:expr) => {{
                *sp = $v;
                sp = sp.add(1);
            }};
        }
        macro_rules! pop {
            () => {{
                sp = sp.sub(1);
                *sp
            }};
        }
        macro_rules! top {
            () => {
                *sp.sub(1)
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                *sp.sub($n)
            };
        }
        macro_rules! save {
            () => {{
                (*f).stacktop = sp.offset_from(lp) as i32;
            }};
        }
        macro_rules! load_frame {
            () => {{
                co = (*f).code;
                first = Frame::first_instr(f);
                next_instr = (*f).prev_instr.add(1);
                lp = Frame::locals_ptr(f);
                sp = lp.add((*f).stacktop as usize);
                (*ts).current_frame = f;
            }};
        }
        macro_rules! skip_cache {
            ($op:expr) => {
                next_instr = next_instr.add($op.cache_entries() as usize)
            };
        }
        macro_rules! jump {
            ($n:expr) => {
                next_instr = next_instr.offset($n as isize)
            };
        }

        'main: loop {
            let word = *next_instr;
            (*f).prev_instr = next_instr;
            next_instr = next_instr.add(1);
            let mut opcode = (word & 0xff) as u8;
            let mut oparg = (word >> 8) as u32;
            while opcode == Op::EXTENDED_ARG as u8 {
                let w = *next_instr;
                (*f).prev_instr = next_instr;
                next_instr = next_instr.add(1);
                opcode = (w & 0xff) as u8;
                oparg = (oparg << 8) | (w >> 8) as u32;
            }
            // Where the handler search starts (RERAISE moves prev_instr for
            // the traceback, not for the search).
            let cur_instr = (*f).prev_instr;
            let r: Result<(), ()> = 'op: {
                match opcode {
                    x if x == Op::NOP as u8 || x == Op::RESUME as u8 || x == Op::CACHE as u8 => {}
                    x if x == Op::POP_TOP as u8 => decref(pop!()),
                    x if x == Op::PUSH_NULL as u8 => push!(null_mut()),
                    x if x == Op::COPY as u8 => {
                        let v = peek!(oparg as usize);
                        push!(new_ref(v));
                    }
                    x if x == Op::SWAP as u8 => {
                        let a = sp.sub(1);
                        let b = sp.sub(oparg as usize);
                        core::ptr::swap(a, b);
                    }
                    x if x == Op::LOAD_CONST as u8 => {
                        push!(new_ref(tupleobject::get_item((*co).co_consts, oparg as Py_ssize_t)));
                    }
                    x if x == Op::LOAD_FAST as u8 => {
                        let v = *lp.add(oparg as usize);
                        if v.is_null() {
                            let _ = unbound_local(co, oparg as usize);
                            break 'op Err(());
                        }
                        push!(new_ref(v));
                    }
                    x if x == Op::STORE_FAST as u8 => {
                        let v = pop!();
                        let slot = lp.add(oparg as usize);
                        let old = *slot;
                        *slot = v;
                        xdecref(old);
                    }
                    x if x == Op::DELETE_FAST as u8 => {
                        let slot = lp.add(oparg as usize);
                        if (*slot).is_null() {
                            let _ = unbound_local(co, oparg as usize);
                            break 'op Err(());
                        }
                        clear(slot);
                    }
                    x if x == Op::LOAD_NAME as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let locals = (*f).locals;
                        if locals.is_null() {
                            let _ = errors::set_string(
                                exc::PyExc_SystemError,
                                &format!("no locals when loading {}", abstract_::repr_string(name)),
                            );
                            break 'op Err(());
                        }
                        save!();
                        if let Some(v) = tri!(mapping_lookup(locals, name), 'op) {
                            push!(v.into_raw());
                        } else if let Some(v) = tri!(load_global((*f).globals, (*f).builtins, name), 'op) {
                            push!(v.into_raw());
                        } else {
                            let _ = name_error(name);
                            break 'op Err(());
                        }
                    }
                    x if x == Op::STORE_NAME as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let v = pop!();
                        save!();
                        let locals = (*f).locals;
                        if locals.is_null() {
                            decref(v);
                            let _ = errors::set_string(
                                exc::PyExc_SystemError,
                                &format!("no locals found when storing {}", abstract_::repr_string(name)),
                            );
                            break 'op Err(());
                        }
                        let r = if dictobject::is_dict_exact(locals) {
                            dictobject::set_item(locals, name, v)
                        } else {
                            abstract_::set_item(locals, name, v)
                        };
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::DELETE_NAME as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        save!();
                        let locals = (*f).locals;
                        if locals.is_null() {
                            let _ = errors::set_string(
                                exc::PyExc_SystemError,
                                &format!("no locals when deleting {}", abstract_::repr_string(name)),
                            );
                            break 'op Err(());
                        }
                        if crate::capi::object::PyObject_DelItem(locals, name) < 0 {
                            if errors::exception_matches(exc::PyExc_KeyError) {
                                errors::clear();
                                let _ = name_error(name);
                            }
                            break 'op Err(());
                        }
                    }
                    x if x == Op::LOAD_GLOBAL as u8 => {
                        let name = tupleobject::get_item((*co).co_names, (oparg >> 1) as Py_ssize_t);
                        save!();
                        let v = match tri!(load_global((*f).globals, (*f).builtins, name), 'op) {
                            Some(v) => v,
                            None => {
                                let _ = name_error(name);
                                break 'op Err(());
                            }
                        };
                        if oparg & 1 != 0 {
                            push!(null_mut());
                        }
                        push!(v.into_raw());
                        skip_cache!(Op::LOAD_GLOBAL);
                    }
                    x if x == Op::STORE_GLOBAL as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let v = pop!();
                        save!();
                        let r = dictobject::set_item((*f).globals, name, v);
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::DELETE_GLOBAL as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        save!();
                        if dictobject::get_item_borrowed((*f).globals, name).is_null() {
                            errors::clear();
                            let _ = name_error(name);
                            break 'op Err(());
                        }
                        tri!(dictobject::del_item((*f).globals, name), 'op);
                    }
                    x if x == Op::MAKE_CELL as u8 => {
                        let slot = lp.add(oparg as usize);
                        let init = *slot;
                        let cell = tri!(cellobject::new_cell(init), 'op);
                        xdecref(init);
                        *slot = cell.into_raw();
                    }
                    x if x == Op::COPY_FREE_VARS as u8 => {
                        let closure = (*((*f).func as *mut PyFunctionObject)).func_closure;
                        let n = oparg as usize;
                        let off = (*co).co_nlocalsplus as usize - n;
                        for j in 0..n {
                            *lp.add(off + j) = new_ref(tupleobject::get_item(closure, j as Py_ssize_t));
                        }
                    }
                    x if x == Op::LOAD_CLOSURE as u8 => {
                        let v = *lp.add(oparg as usize);
                        if v.is_null() {
                            let _ = unbound_deref(co, oparg as usize);
                            break 'op Err(());
                        }
                        push!(new_ref(v));
                    }
                    x if x == Op::LOAD_DEREF as u8 => {
                        let cell = *lp.add(oparg as usize);
                        let v = cellobject::get(cell);
                        if v.is_null() {
                            let _ = unbound_deref(co, oparg as usize);
                            break 'op Err(());
                        }
                        push!(new_ref(v));
                    }
                    x if x == Op::LOAD_CLASSDEREF as u8 => {
                        let name = tupleobject::get_item((*co).co_localsplusnames, oparg as Py_ssize_t);
                        let locals = (*f).locals;
                        save!();
                        if let Some(v) = tri!(mapping_lookup(locals, name), 'op) {
                            push!(v.into_raw());
                        } else {
                            let v = cellobject::get(*lp.add(oparg as usize));
                            if v.is_null() {
                                let _ = unbound_deref(co, oparg as usize);
                                break 'op Err(());
                            }
                            push!(new_ref(v));
                        }
                    }
                    x if x == Op::STORE_DEREF as u8 => {
                        let v = pop!();
                        cellobject::set(*lp.add(oparg as usize), v);
                        decref(v);
                    }
                    x if x == Op::DELETE_DEREF as u8 => {
                        let cell = *lp.add(oparg as usize);
                        if cellobject::get(cell).is_null() {
                            let _ = unbound_deref(co, oparg as usize);
                            break 'op Err(());
                        }
                        cellobject::set(cell, null_mut());
                    }
                    x if x == Op::LOAD_ATTR as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let owner = top!();
                        save!();
                        let v = tri!(abstract_::getattr(owner, name), 'op);
                        decref(owner);
                        *sp.sub(1) = v.into_raw();
                        skip_cache!(Op::LOAD_ATTR);
                    }
                    x if x == Op::STORE_ATTR as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let owner = pop!();
                        let v = pop!();
                        save!();
                        let r = abstract_::setattr(owner, name, v);
                        decref(v);
                        decref(owner);
                        tri!(r, 'op);
                        skip_cache!(Op::STORE_ATTR);
                    }
                    x if x == Op::DELETE_ATTR as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let owner = pop!();
                        save!();
                        let r = abstract_::setattr(owner, name, null_mut());
                        decref(owner);
                        tri!(r, 'op);
                    }
                    x if x == Op::LOAD_METHOD as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let obj = top!();
                        save!();
                        let (m, unbound) = tri!(get_method(obj, name), 'op);
                        if unbound {
                            *sp.sub(1) = m.into_raw();
                            push!(obj);
                        } else {
                            *sp.sub(1) = null_mut();
                            decref(obj);
                            push!(m.into_raw());
                        }
                        skip_cache!(Op::LOAD_METHOD);
                    }
                    x if x == Op::PRECALL as u8 => {
                        let argc = oparg as usize;
                        let is_meth = !peek!(argc + 2).is_null();
                        if !is_meth {
                            let callable = peek!(argc + 1);
                            if crate::objects::classobject::is_method(callable) {
                                let m = callable as *mut crate::objects::classobject::PyMethodObject;
                                *sp.sub(argc + 2) = new_ref((*m).im_func);
                                *sp.sub(argc + 1) = new_ref((*m).im_self);
                                decref(callable);
                            }
                        }
                        skip_cache!(Op::PRECALL);
                    }
                    x if x == Op::KW_NAMES as u8 => {
                        kwnames = tupleobject::get_item((*co).co_consts, oparg as Py_ssize_t);
                    }
                    x if x == Op::CALL as u8 => {
                        // [NULL, callable, args...] or [method, self, args...]
                        let argc = oparg as usize;
                        let is_meth = !peek!(argc + 2).is_null();
                        let total = argc + is_meth as usize;
                        let func = if is_meth { peek!(argc + 2) } else { peek!(argc + 1) };
                        let args = sp.sub(total);
                        let nkw = if kwnames.is_null() { 0 } else { Py_SIZE(kwnames) as usize };
                        let npos = total - nkw;
                        let kwn = kwnames;
                        kwnames = null_mut();
                        skip_cache!(Op::CALL);
                        save!();
                        if funcobject::is_function(func)
                            && (*(func as *mut PyFunctionObject)).vectorcall == Some(super::call::function_vectorcall)
                        {
                            // Python to Python: a new frame in this loop.
                            let nf = match super::call::push_and_bind(ts, func, null_mut(), args, npos, kwn) {
                                Ok(nf) => nf,
                                // The arguments stay on our stack; the unwinder drops them.
                                Err(_) => break 'op Err(()),
                            };
                            for i in 0..total {
                                decref(*args.add(i));
                            }
                            decref(func);
                            sp = sp.sub(argc + 2);
                            save!();
                            (*nf).previous = f;
                            if abstract_::enter_recursive_call("", crate::runtime::pystate::recursion_limit()).is_err() {
                                frame::pop_frame(ts, nf);
                                break 'op Err(());
                            }
                            f = nf;
                            load_frame!();
                            continue 'main;
                        }
                        let res = crate::capi::object::PyObject_Vectorcall(func, args, npos | PY_VECTORCALL_ARGUMENTS_OFFSET, kwn);
                        for i in 0..total {
                            decref(*args.add(i));
                        }
                        decref(func);
                        sp = sp.sub(argc + 2);
                        if res.is_null() {
                            break 'op Err(());
                        }
                        push!(res);
                    }
                    x if x == Op::CALL_FUNCTION_EX as u8 => {
                        let kwargs = if oparg & 1 != 0 { pop!() } else { null_mut() };
                        let callargs = pop!();
                        let func = top!();
                        save!();
                        let r: PyResult<Owned> = (|| {
                            let args = if tupleobject::is_tuple_exact(callargs) {
                                Owned::from_borrowed(callargs)
                            } else {
                                if (*(*callargs).ob_type).tp_iter.is_none() && !abstract_::sequence_check(callargs) {
                                    return Err(errors::type_error(format!(
                                        "{} argument after * must be an iterable, not {}",
                                        function_str(func),
                                        typeobject::type_name_str((*callargs).ob_type)
                                    )));
                                }
                                abstract_::sequence_tuple(callargs)?
                            };
                            let kw = if kwargs.is_null() || dictobject::is_dict_exact(kwargs) {
                                kwargs
                            } else {
                                let d = dictobject::new_dict()?;
                                dict_merge(func, d.as_ptr(), kwargs)?;
                                return abstract_::call(func, args.as_ptr(), d.as_ptr());
                            };
                            abstract_::call(func, args.as_ptr(), kw)
                        })();
                        decref(callargs);
                        xdecref(kwargs);
                        decref(func);
                        sp = sp.sub(1);
                        // The NULL pushed below the function.
                        let below = pop!();
                        xdecref(below);
                        let v = tri!(r, 'op);
                        push!(v.into_raw());
                    }
                    x if x == Op::MAKE_FUNCTION as u8 => {
                        let code = pop!();
                        save!();
                        let func = match funcobject::new_function(code, (*f).globals, null_mut()) {
                            Ok(v) => v,
                            Err(_) => {
                                decref(code);
                                break 'op Err(());
                            }
                        };
                        decref(code);
                        let fo = func.as_ptr() as *mut PyFunctionObject;
                        if oparg & opcode::MKFN_CLOSURE != 0 {
                            (*fo).func_closure = pop!();
                        }
                        if oparg & opcode::MKFN_ANNOTATIONS != 0 {
                            (*fo).func_annotations = pop!();
                        }
                        if oparg & opcode::MKFN_KWDEFAULTS != 0 {
                            (*fo).func_kwdefaults = pop!();
                        }
                        if oparg & opcode::MKFN_DEFAULTS != 0 {
                            (*fo).func_defaults = pop!();
                        }
                        push!(func.into_raw());
                    }
                    x if x == Op::RETURN_VALUE as u8 => {
                        let retval = pop!();
                        save!();
                        abstract_::leave_recursive_call();
                        if (*f).is_entry != 0 {
                            (*ts).current_frame = (*f).previous;
                            frame::pop_frame(ts, f);
                            return retval;
                        }
                        let prev = (*f).previous;
                        frame::pop_frame(ts, f);
                        f = prev;
                        load_frame!();
                        push!(retval);
                        continue 'main;
                    }
                    x if x == Op::BINARY_OP as u8 => {
                        let rhs = pop!();
                        let lhs = pop!();
                        save!();
                        let res = match BINARY_OPS.get(oparg as usize) {
                            Some(op) => op(lhs, rhs),
                            None => {
                                let _ = errors::system_error(format!("invalid BINARY_OP argument {oparg}"));
                                null_mut()
                            }
                        };
                        decref(lhs);
                        decref(rhs);
                        push!(nn!(res, 'op));
                        skip_cache!(Op::BINARY_OP);
                    }
                    x if x == Op::UNARY_NEGATIVE as u8
                        || x == Op::UNARY_POSITIVE as u8
                        || x == Op::UNARY_INVERT as u8
                        || x == Op::UNARY_NOT as u8 =>
                    {
                        let v = top!();
                        save!();
                        let r = if x == Op::UNARY_NOT as u8 {
                            abstract_::is_true(v).map(|b| Owned::from_raw_nonnull(boolobject::from_bool(!b)))
                        } else if x == Op::UNARY_NEGATIVE as u8 {
                            crate::objects::abstract_number::negative(v)
                        } else if x == Op::UNARY_POSITIVE as u8 {
                            crate::objects::abstract_number::positive(v)
                        } else {
                            crate::objects::abstract_number::invert(v)
                        };
                        let res = tri!(r, 'op);
                        decref(v);
                        *sp.sub(1) = res.into_raw();
                    }
                    x if x == Op::COMPARE_OP as u8 => {
                        let rhs = pop!();
                        let lhs = pop!();
                        save!();
                        let r = abstract_::rich_compare(lhs, rhs, oparg as i32);
                        decref(lhs);
                        decref(rhs);
                        push!(tri!(r, 'op).into_raw());
                        skip_cache!(Op::COMPARE_OP);
                    }
                    x if x == Op::IS_OP as u8 => {
                        let rhs = pop!();
                        let lhs = pop!();
                        let b = (lhs == rhs) ^ (oparg != 0);
                        decref(lhs);
                        decref(rhs);
                        push!(boolobject::from_bool(b));
                    }
                    x if x == Op::CONTAINS_OP as u8 => {
                        let rhs = pop!();
                        let lhs = pop!();
                        save!();
                        let r = abstract_::contains(rhs, lhs);
                        decref(lhs);
                        decref(rhs);
                        let b = tri!(r, 'op);
                        push!(boolobject::from_bool(b ^ (oparg != 0)));
                    }
                    x if x == Op::BINARY_SUBSCR as u8 => {
                        let sub = pop!();
                        let container = pop!();
                        save!();
                        let r = abstract_::get_item(container, sub);
                        decref(container);
                        decref(sub);
                        push!(tri!(r, 'op).into_raw());
                        skip_cache!(Op::BINARY_SUBSCR);
                    }
                    x if x == Op::STORE_SUBSCR as u8 => {
                        let sub = pop!();
                        let container = pop!();
                        let v = pop!();
                        save!();
                        let r = abstract_::set_item(container, sub, v);
                        decref(v);
                        decref(container);
                        decref(sub);
                        tri!(r, 'op);
                        skip_cache!(Op::STORE_SUBSCR);
                    }
                    x if x == Op::DELETE_SUBSCR as u8 => {
                        let sub = pop!();
                        let container = pop!();
                        save!();
                        let r = crate::capi::object::PyObject_DelItem(container, sub);
                        decref(container);
                        decref(sub);
                        if r < 0 {
                            break 'op Err(());
                        }
                    }
                    x if x == Op::BUILD_TUPLE as u8 => {
                        let n = oparg as usize;
                        let t = tri!(tupleobject::new_tuple(n as Py_ssize_t), 'op);
                        for i in 0..n {
                            tupleobject::set_item_raw(t.as_ptr(), i as Py_ssize_t, *sp.sub(n - i));
                        }
                        sp = sp.sub(n);
                        push!(t.into_raw());
                    }
                    x if x == Op::BUILD_LIST as u8 => {
                        let n = oparg as usize;
                        let l = tri!(listobject::new_list(n as Py_ssize_t), 'op);
                        let items = (*(l.as_ptr() as *mut listobject::PyListObject)).ob_item;
                        for i in 0..n {
                            *items.add(i) = *sp.sub(n - i);
                        }
                        sp = sp.sub(n);
                        push!(l.into_raw());
                    }
                    x if x == Op::LIST_TO_TUPLE as u8 => {
                        let l = pop!();
                        let t = listobject::as_tuple(l);
                        decref(l);
                        push!(tri!(t, 'op).into_raw());
                    }
                    x if x == Op::BUILD_SET as u8 => {
                        let n = oparg as usize;
                        save!();
                        let s = tri!(setobject::new_set(&raw mut setobject::PySet_Type, null_mut()), 'op);
                        let mut err = false;
                        for i in 0..n {
                            let v = *sp.sub(n - i);
                            if !err && setobject::add_key(s.as_ptr(), v).is_err() {
                                err = true;
                            }
                            decref(v);
                        }
                        sp = sp.sub(n);
                        if err {
                            break 'op Err(());
                        }
                        push!(s.into_raw());
                    }
                    x if x == Op::BUILD_MAP as u8 => {
                        let n = oparg as usize;
                        save!();
                        let d = tri!(dictobject::new_presized(n), 'op);
                        let mut err = false;
                        for i in 0..n {
                            let k = *sp.sub(2 * (n - i));
                            let v = *sp.sub(2 * (n - i) - 1);
                            if !err && dictobject::set_item(d.as_ptr(), k, v).is_err() {
                                err = true;
                            }
                        }
                        for i in 0..2 * n {
                            decref(*sp.sub(i + 1));
                        }
                        sp = sp.sub(2 * n);
                        if err {
                            break 'op Err(());
                        }
                        push!(d.into_raw());
                    }
                    x if x == Op::BUILD_CONST_KEY_MAP as u8 => {
                        let n = oparg as usize;
                        let keys = pop!();
                        save!();
                        if !tupleobject::is_tuple_exact(keys) || Py_SIZE(keys) as usize != n {
                            decref(keys);
                            let _ = errors::system_error("bad BUILD_CONST_KEY_MAP keys argument");
                            break 'op Err(());
                        }
                        let d = tri!(dictobject::new_presized(n), 'op);
                        let mut err = false;
                        for i in 0..n {
                            let v = *sp.sub(n - i);
                            if !err && dictobject::set_item(d.as_ptr(), tupleobject::get_item(keys, i as Py_ssize_t), v).is_err() {
                                err = true;
                            }
                            decref(v);
                        }
                        decref(keys);
                        sp = sp.sub(n);
                        if err {
                            break 'op Err(());
                        }
                        push!(d.into_raw());
                    }
                    x if x == Op::BUILD_STRING as u8 => {
                        let n = oparg as usize;
                        save!();
                        let empty = tri!(unicodeobject::from_str(""), 'op);
                        let parts = tri!(tupleobject::new_tuple(n as Py_ssize_t), 'op);
                        for i in 0..n {
                            tupleobject::set_item_raw(parts.as_ptr(), i as Py_ssize_t, *sp.sub(n - i));
                        }
                        sp = sp.sub(n);
                        let s = tri!(crate::objects::unicode_methods::join(empty.as_ptr(), parts.as_ptr()), 'op);
                        push!(s.into_raw());
                    }
                    x if x == Op::BUILD_SLICE as u8 => {
                        let step = if oparg == 3 { pop!() } else { null_mut() };
                        let stop = pop!();
                        let start = pop!();
                        let r = crate::objects::sliceobject::new_slice(start, stop, step);
                        decref(start);
                        decref(stop);
                        xdecref(step);
                        push!(tri!(r, 'op).into_raw());
                    }
                    x if x == Op::LIST_APPEND as u8 => {
                        let v = pop!();
                        let l = peek!(oparg as usize);
                        let r = listobject::append(l, v);
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::SET_ADD as u8 => {
                        let v = pop!();
                        let s = peek!(oparg as usize);
                        save!();
                        let r = setobject::add_key(s, v);
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::MAP_ADD as u8 => {
                        let v = pop!();
                        let k = pop!();
                        let d = peek!(oparg as usize);
                        save!();
                        let r = dictobject::set_item(d, k, v);
                        decref(k);
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::LIST_EXTEND as u8 => {
                        let iterable = pop!();
                        let l = peek!(oparg as usize);
                        save!();
                        let r = listobject::extend(l, iterable);
                        if r.is_err()
                            && errors::exception_matches(exc::PyExc_TypeError)
                            && (*(*iterable).ob_type).tp_iter.is_none()
                            && !abstract_::sequence_check(iterable)
                        {
                            errors::clear();
                            let _ = errors::type_error(format!(
                                "Value after * must be an iterable, not {}",
                                typeobject::type_name_str((*iterable).ob_type)
                            ));
                        }
                        decref(iterable);
                        tri!(r, 'op);
                    }
                    x if x == Op::SET_UPDATE as u8 => {
                        let iterable = pop!();
                        let s = peek!(oparg as usize);
                        save!();
                        let r = setobject::update_internal(s, iterable);
                        decref(iterable);
                        tri!(r, 'op);
                    }
                    x if x == Op::DICT_UPDATE as u8 => {
                        let update = pop!();
                        let d = peek!(oparg as usize);
                        save!();
                        let r = dictobject::update_arg(d, update);
                        if r.is_err() && errors::exception_matches(exc::PyExc_AttributeError) {
                            errors::clear();
                            let _ = errors::type_error(format!(
                                "'{}' object is not a mapping",
                                typeobject::type_name_str((*update).ob_type)
                            ));
                        }
                        decref(update);
                        tri!(r, 'op);
                    }
                    x if x == Op::DICT_MERGE as u8 => {
                        let update = pop!();
                        let d = peek!(oparg as usize);
                        let func = peek!(oparg as usize + 2);
                        save!();
                        let r = dict_merge(func, d, update);
                        decref(update);
                        tri!(r, 'op);
                    }
                    x if x == Op::UNPACK_SEQUENCE as u8 => {
                        let seq = pop!();
                        save!();
                        let n = oparg as usize;
                        let r = if (tupleobject::is_tuple_exact(seq) || (*seq).ob_type == &raw mut listobject::PyList_Type) && Py_SIZE(seq) as usize == n {
                            let items = if tupleobject::is_tuple_exact(seq) { tupleobject::as_slice(seq) } else { listobject::as_slice(seq) };
                            Ok(items.iter().map(|&p| Owned::from_borrowed(p)).collect::<Vec<_>>())
                        } else {
                            unpack(seq, n, None)
                        };
                        decref(seq);
                        let items = tri!(r, 'op);
                        for v in items.into_iter().rev() {
                            push!(v.into_raw());
                        }
                        skip_cache!(Op::UNPACK_SEQUENCE);
                    }
                    x if x == Op::UNPACK_EX as u8 => {
                        let seq = pop!();
                        save!();
                        let r = unpack(seq, (oparg & 0xff) as usize, Some((oparg >> 8) as usize));
                        decref(seq);
                        let items = tri!(r, 'op);
                        for v in items.into_iter().rev() {
                            push!(v.into_raw());
                        }
                    }
                    x if x == Op::GET_ITER as u8 => {
                        let v = top!();
                        save!();
                        let it = tri!(abstract_::get_iter(v), 'op);
                        decref(v);
                        *sp.sub(1) = it.into_raw();
                    }
                    x if x == Op::FOR_ITER as u8 => {
                        let it = top!();
                        save!();
                        let next = match (*(*it).ob_type).tp_iternext {
                            Some(nf) => nf(it),
                            None => {
                                let _ = errors::type_error(format!(
                                    "'{}' object is not an iterator",
                                    typeobject::type_name_str((*it).ob_type)
                                ));
                                break 'op Err(());
                            }
                        };
                        if !next.is_null() {
                            push!(next);
                        } else {
                            if !errors::occurred().is_null() {
                                if !errors::exception_matches(exc::PyExc_StopIteration) {
                                    break 'op Err(());
                                }
                                errors::clear();
                            }
                            decref(pop!());
                            jump!(oparg);
                        }
                    }
                    x if x == Op::JUMP_FORWARD as u8 => jump!(oparg),
                    x if x == Op::JUMP_BACKWARD as u8 || x == Op::JUMP_BACKWARD_NO_INTERRUPT as u8 => {
                        jump!(-(oparg as isize));
                        if x == Op::JUMP_BACKWARD as u8 && super::eval_breaker_set() {
                            save!();
                            tri!(super::handle_eval_breaker(), 'op);
                        }
                    }
                    x if x == Op::POP_JUMP_FORWARD_IF_FALSE as u8
                        || x == Op::POP_JUMP_FORWARD_IF_TRUE as u8
                        || x == Op::POP_JUMP_BACKWARD_IF_FALSE as u8
                        || x == Op::POP_JUMP_BACKWARD_IF_TRUE as u8 =>
                    {
                        let v = pop!();
                        let truth = if v == boolobject::true_ptr() {
                            true
                        } else if v == boolobject::false_ptr() || v == none() {
                            false
                        } else {
                            save!();
                            let r = abstract_::is_true(v);
                            decref(v);
                            tri!(r, 'op)
                        };
                        if v == boolobject::true_ptr() || v == boolobject::false_ptr() || v == none() {
                            decref(v);
                        }
                        let want = x == Op::POP_JUMP_FORWARD_IF_TRUE as u8 || x == Op::POP_JUMP_BACKWARD_IF_TRUE as u8;
                        if truth == want {
                            if x == Op::POP_JUMP_BACKWARD_IF_FALSE as u8 || x == Op::POP_JUMP_BACKWARD_IF_TRUE as u8 {
                                jump!(-(oparg as isize));
                            } else {
                                jump!(oparg);
                            }
                        }
                    }
                    x if x == Op::POP_JUMP_FORWARD_IF_NONE as u8
                        || x == Op::POP_JUMP_FORWARD_IF_NOT_NONE as u8
                        || x == Op::POP_JUMP_BACKWARD_IF_NONE as u8
                        || x == Op::POP_JUMP_BACKWARD_IF_NOT_NONE as u8 =>
                    {
                        let v = pop!();
                        let is_none = v == none();
                        decref(v);
                        let want_none = x == Op::POP_JUMP_FORWARD_IF_NONE as u8 || x == Op::POP_JUMP_BACKWARD_IF_NONE as u8;
                        if is_none == want_none {
                            if x == Op::POP_JUMP_BACKWARD_IF_NONE as u8 || x == Op::POP_JUMP_BACKWARD_IF_NOT_NONE as u8 {
                                jump!(-(oparg as isize));
                            } else {
                                jump!(oparg);
                            }
                        }
                    }
                    x if x == Op::JUMP_IF_FALSE_OR_POP as u8 || x == Op::JUMP_IF_TRUE_OR_POP as u8 => {
                        let v = top!();
                        save!();
                        let b = tri!(abstract_::is_true(v), 'op);
                        if b == (x == Op::JUMP_IF_TRUE_OR_POP as u8) {
                            jump!(oparg);
                        } else {
                            decref(pop!());
                        }
                    }
                    x if x == Op::FORMAT_VALUE as u8 => {
                        let spec = if oparg & opcode::FVS_MASK == opcode::FVS_HAVE_SPEC { pop!() } else { null_mut() };
                        let value = pop!();
                        save!();
                        let conv = match oparg & opcode::FVC_MASK {
                            opcode::FVC_STR => Some(abstract_::str(value)),
                            opcode::FVC_REPR => Some(abstract_::repr(value)),
                            opcode::FVC_ASCII => Some(Owned::from_raw(crate::capi::object::PyObject_ASCII(value))),
                            _ => None,
                        };
                        let v = match conv {
                            Some(r) => {
                                decref(value);
                                match r {
                                    Ok(v) => v.into_raw(),
                                    Err(_) => {
                                        xdecref(spec);
                                        break 'op Err(());
                                    }
                                }
                            }
                            None => value,
                        };
                        if spec.is_null() && unicodeobject::is_str_exact(v) {
                            push!(v);
                        } else {
                            let empty;
                            let s = if spec.is_null() {
                                empty = tri!(unicodeobject::from_str(""), 'op);
                                empty.as_ptr()
                            } else {
                                spec
                            };
                            let r = abstract_::format(v, s);
                            decref(v);
                            xdecref(spec);
                            push!(tri!(r, 'op).into_raw());
                        }
                    }
                    x if x == Op::PRINT_EXPR as u8 => {
                        let v = pop!();
                        save!();
                        let r = super::display_hook(v);
                        decref(v);
                        tri!(r, 'op);
                    }
                    x if x == Op::LOAD_BUILD_CLASS as u8 => {
                        save!();
                        let b = (*f).builtins;
                        let name = tri!(unicodeobject::intern_str("__build_class__"), 'op);
                        match tri!(mapping_lookup(b, name.as_ptr()), 'op) {
                            Some(v) => push!(v.into_raw()),
                            None => {
                                let _ = errors::set_string(exc::PyExc_NameError, "__build_class__ not found");
                                break 'op Err(());
                            }
                        }
                    }
                    x if x == Op::SETUP_ANNOTATIONS as u8 => {
                        save!();
                        let locals = (*f).locals;
                        if locals.is_null() {
                            let _ = errors::system_error("no locals found when setting up annotations");
                            break 'op Err(());
                        }
                        let name = tri!(unicodeobject::intern_str("__annotations__"), 'op);
                        if tri!(mapping_lookup(locals, name.as_ptr()), 'op).is_none() {
                            let d = tri!(dictobject::new_dict(), 'op);
                            tri!(abstract_::set_item(locals, name.as_ptr(), d.as_ptr()), 'op);
                        }
                    }
                    x if x == Op::LOAD_ASSERTION_ERROR as u8 => {
                        push!(new_ref(exc::PyExc_AssertionError));
                    }
                    x if x == Op::RAISE_VARARGS as u8 => {
                        let (e, cause) = match oparg {
                            0 => (null_mut(), null_mut()),
                            1 => (pop!(), null_mut()),
                            2 => {
                                let c = pop!();
                                (pop!(), c)
                            }
                            _ => {
                                let _ = errors::system_error("bad RAISE_VARARGS oparg");
                                break 'op Err(());
                            }
                        };
                        save!();
                        let _ = do_raise(ts, e, cause);
                        xdecref(e);
                        xdecref(cause);
                        // (A bare re-raise keeps its traceback: the unwinder
                        // adds no entry for it.)
                        break 'op Err(());
                    }
                    x if x == Op::PUSH_EXC_INFO as u8 => {
                        let v = pop!();
                        let prev = (*ts).exc_value;
                        push!(if prev.is_null() { new_ref(none()) } else { prev });
                        (*ts).exc_value = new_ref(v);
                        push!(v);
                    }
                    x if x == Op::POP_EXCEPT as u8 => {
                        let v = pop!();
                        let old = (*ts).exc_value;
                        (*ts).exc_value = if v == none() {
                            decref(v);
                            null_mut()
                        } else {
                            v
                        };
                        xdecref(old);
                    }
                    x if x == Op::CHECK_EXC_MATCH as u8 => {
                        let right = pop!();
                        let left = top!();
                        save!();
                        if let Err(()) = check_except_type_valid(right) {
                            decref(right);
                            break 'op Err(());
                        }
                        let m = errors::given_exception_matches(left, right);
                        decref(right);
                        push!(boolobject::from_bool(m));
                    }
                    x if x == Op::RERAISE as u8 => {
                        let v = pop!();
                        if oparg != 0 {
                            let lasti = peek!(oparg as usize);
                            let n = crate::capi::longobject::PyLong_AsLong(lasti);
                            if n >= 0 {
                                (*f).prev_instr = first.add(n as usize);
                            }
                        }
                        save!();
                        let tb = crate::capi::pyerrors::PyException_GetTraceback(v);
                        errors::restore(new_ref((*v).ob_type as *mut PyObject), v, tb);
                        break 'op Err(());
                    }
                    x if x == Op::BEFORE_WITH as u8 => {
                        let mgr = top!();
                        save!();
                        let enter = match tri!(abstract_::lookup_special(mgr, "__enter__"), 'op) {
                            Some(e) => e,
                            None => {
                                let _ = errors::type_error(format!(
                                    "'{}' object does not support the context manager protocol",
                                    typeobject::type_name_str((*mgr).ob_type)
                                ));
                                break 'op Err(());
                            }
                        };
                        let exit = match tri!(abstract_::lookup_special(mgr, "__exit__"), 'op) {
                            Some(e) => e,
                            None => {
                                let _ = errors::type_error(format!(
                                    "'{}' object does not support the context manager protocol (missed __exit__ method)",
                                    typeobject::type_name_str((*mgr).ob_type)
                                ));
                                break 'op Err(());
                            }
                        };
                        *sp.sub(1) = exit.into_raw();
                        decref(mgr);
                        let res = tri!(abstract_::call_function(enter.as_ptr(), &[]), 'op);
                        push!(res.into_raw());
                    }
                    x if x == Op::WITH_EXCEPT_START as u8 => {
                        let exit_func = peek!(4);
                        let val = top!();
                        save!();
                        let tb = crate::capi::pyerrors::PyException_GetTraceback(val);
                        let tbo = if tb.is_null() { Owned::from_borrowed(none()) } else { Owned::from_raw_nonnull(tb) };
                        let r = abstract_::call_function(exit_func, &[(*val).ob_type as *mut PyObject, val, tbo.as_ptr()]);
                        push!(tri!(r, 'op).into_raw());
                    }
                    x if x == Op::GET_LEN as u8 => {
                        let v = top!();
                        save!();
                        let n = tri!(abstract_::length(v), 'op);
                        let l = tri!(crate::objects::longobject::from_i64(n as i64), 'op);
                        push!(l.into_raw());
                    }
                    x if x == Op::IMPORT_NAME as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let fromlist = pop!();
                        let level = pop!();
                        save!();
                        let r = super::import_name(f, name, fromlist, level);
                        decref(fromlist);
                        decref(level);
                        push!(tri!(r, 'op).into_raw());
                    }
                    x if x == Op::IMPORT_FROM as u8 => {
                        let name = tupleobject::get_item((*co).co_names, oparg as Py_ssize_t);
                        let module = top!();
                        save!();
                        let r = super::import_from(module, name);
                        push!(tri!(r, 'op).into_raw());
                    }
                    x if x == Op::IMPORT_STAR as u8 => {
                        let module = pop!();
                        save!();
                        let locals = (*f).locals;
                        let r = if locals.is_null() {
                            Err(errors::system_error("no locals found during 'import *'"))
                        } else {
                            super::import_all_from(locals, module)
                        };
                        decref(module);
                        tri!(r, 'op);
                    }
                    _ => {
                        save!();
                        let name = opcode::ALL.iter().find(|o| **o as u16 == opcode as u16).map_or("?", |o| o.name());
                        let _ = errors::system_error(format!("pyrite: opcode {name} ({opcode}) is not supported yet"));
                        break 'op Err(());
                    }
                }
                Ok(())
            };
            if r.is_ok() {
                continue 'main;
            }
            // ---- exception unwinding ----
            save!();
            kwnames = null_mut();
            let reraise = {
                let w = *(*f).prev_instr;
                let op = (w & 0xff) as u8;
                op == Op::RERAISE as u8 || (op == Op::RAISE_VARARGS as u8 && (w >> 8) == 0)
            };
            if !reraise {
                match crate::objects::frameobject::get_frame_object(f) {
                    Ok(fo) => {
                        let _ = crate::objects::traceback::here(fo);
                    }
                    Err(_) => {}
                }
            }
            let mut search_at = cur_instr;
            loop {
                let table = crate::objects::bytesobject::as_slice((*co).co_exceptiontable);
                let lasti = search_at.offset_from(first) as u32;
                if let Some((target, depth, push_lasti)) = find_handler(table, lasti) {
                    let level = (*co).co_nlocalsplus as usize + depth as usize;
                    let base = lp.add(level);
                    while sp > base {
                        xdecref(pop!());
                    }
                    if push_lasti {
                        let prev = (*f).prev_instr.offset_from(first) as i64;
                        let l = match crate::objects::longobject::from_i64(prev) {
                            Ok(l) => l,
                            // Out of memory: this frame cannot handle it.
                            Err(_) => Owned::from_borrowed(none()),
                        };
                        push!(l.into_raw());
                    }
                    let value = match errors::fetch_instance() {
                        Some(v) => v,
                        None => Owned::from_borrowed(none()),
                    };
                    push!(value.into_raw());
                    next_instr = first.add(target as usize);
                    continue 'main;
                }
                // No handler: this frame is done.
                while sp > lp.add((*co).co_nlocalsplus as usize) {
                    xdecref(pop!());
                }
                save!();
                abstract_::leave_recursive_call();
                if (*f).is_entry != 0 {
                    (*ts).current_frame = (*f).previous;
                    frame::pop_frame(ts, f);
                    return null_mut();
                }
                let prev = (*f).previous;
                frame::pop_frame(ts, f);
                f = prev;
                load_frame!();
                search_at = (*f).prev_instr;
                // The caller's traceback entry, then its handlers.
                if let Ok(fo) = crate::objects::frameobject::get_frame_object(f) {
                    let _ = crate::objects::traceback::here(fo);
                }
            }
        }
    }
}

/// CHECK_EXC_MATCH's validation of the `except` clause's type(s).
unsafe fn check_except_type_valid(right: *mut PyObject) -> Result<(), ()> {
    unsafe {
        let msg = "catching classes that do not inherit from BaseException is not allowed";
        if tupleobject::is_tuple(right) {
            for &t in tupleobject::as_slice(right) {
                if !(typeobject::is_type(t) && exc::is_exception_class(t)) {
                    let _ = errors::type_error(msg);
                    return Err(());
                }
            }
            return Ok(());
        }
        if !(typeobject::is_type(right) && exc::is_exception_class(right)) {
            let _ = errors::type_error(msg);
            return Err(());
        }
        Ok(())
    }
}
