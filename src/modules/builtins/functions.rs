//! The functions of the `builtins` module that need no evaluator (CPython's
//! `Python/bltinmodule.c`): `abs` … `vars`, with CPython 3.11's argument
//! handling and messages.
//!
//! Design note. Each function is a `PyMethodDef` row of `BUILTIN_METHODS`
//! with the calling convention CPython's Argument Clinic gives it (METH_O for
//! one-argument functions, so "len() takes exactly one argument (0 given)"
//! comes from the method object). Keyword-taking functions unpack through
//! `args::unpack` / `args::kwonly`. Output (`print`, `input`) goes through
//! `objects::fileobject` (`PyFile_WriteObject` / `PyFile_GetLine`) to objects
//! found in `sys` via the hook in `super::sys_object`; `dir()`/`vars()`
//! without arguments ask the evaluator's hook `super::caller_locals`. Not
//! here: `input()`'s interactive path (GNU readline on a tty) — it always
//! reads through `sys.stdin.readline()`, which gives the same result.
use super::args::{self, Sig};
use crate::objects::abstract_ as ab;
use crate::objects::abstract_number as num;
use crate::objects::exceptions::*;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{
    boolobject, bytearrayobject, bytesobject, fileobject, floatobject, iterobject, listobject, longobject, noneobject,
    sequtil, tupleobject, typeobject, unicodeobject,
};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::ptr::null_mut;
use libc::c_void;

pub(crate) unsafe fn tname(o: *mut PyObject) -> String {
    unsafe { typeobject::type_name_str((*o).ob_type) }
}

unsafe fn check_name(name: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!("attribute name must be string, not '{}'", tname(name))));
        }
        Ok(())
    }
}

macro_rules! meth_o {
    ($cname:ident, $body:ident) => {
        unsafe extern "C" fn $cname(_m: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body(o) })
        }
    };
}
macro_rules! meth_varargs {
    ($cname:ident, $body:ident) => {
        unsafe extern "C" fn $cname(_m: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body(sequtil::tuple_args(a)) })
        }
    };
}
macro_rules! meth_kw {
    ($cname:ident, $body:ident) => {
        unsafe extern "C" fn $cname(_m: *mut PyObject, a: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body(a, kw) })
        }
    };
}

// ---------------------------------------------------------------- one argument

unsafe fn abs(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { num::absolute(o) }
}

unsafe fn all_any(o: *mut PyObject, want: bool) -> PyResult<Owned> {
    unsafe {
        let it = ab::get_iter(o)?;
        while let Some(x) = ab::iter_next(it.as_ptr())? {
            if ab::is_true(x.as_ptr())? == want {
                return Ok(boolobject::owned_bool(want));
            }
        }
        Ok(boolobject::owned_bool(!want))
    }
}
unsafe fn all(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { all_any(o, false) }
}
unsafe fn any(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { all_any(o, true) }
}

unsafe fn ascii(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { Owned::from_raw(crate::capi::object::PyObject_ASCII(o)) }
}

unsafe fn bin(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { num::to_base(o, 2) }
}
unsafe fn oct(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { num::to_base(o, 8) }
}
unsafe fn hex(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { num::to_base(o, 16) }
}

unsafe fn callable(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { Ok(boolobject::owned_bool((*(*o).ob_type).tp_call.is_some())) }
}

/// An int argument converted as Argument Clinic's `int` converter does.
unsafe fn as_c_int(o: *mut PyObject) -> PyResult<i32> {
    unsafe {
        if floatobject::is_float(o) {
            return Err(errors::type_error("'float' object cannot be interpreted as an integer"));
        }
        let i = num::index(o)?;
        match longobject::as_i64(i.as_ptr()) {
            Some(v) if v >= i32::MIN as i64 && v <= i32::MAX as i64 => Ok(v as i32),
            _ => Err(errors::overflow_error("Python int too large to convert to C int")),
        }
    }
}

unsafe fn chr(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let v = as_c_int(o)?;
        if !(0..0x110000).contains(&v) {
            return Err(errors::value_error("chr() arg not in range(0x110000)"));
        }
        unicodeobject::from_char(v as u32)
    }
}

unsafe fn hash(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { longobject::from_i64(ab::hash(o)? as i64) }
}

unsafe fn id(o: *mut PyObject) -> PyResult<Owned> {
    longobject::from_u64(o as usize as u64)
}

unsafe fn len(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { longobject::from_isize(ab::length(o)?) }
}

unsafe fn ord(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let (n, first): (isize, u32) = if bytesobject::is_bytes(o) {
            let b = bytesobject::as_slice(o);
            (b.len() as isize, b.first().copied().unwrap_or(0) as u32)
        } else if unicodeobject::is_str(o) {
            let n = unicodeobject::len(o);
            (n, if n == 1 { unicodeobject::read(o, 0) } else { 0 })
        } else if bytearrayobject::is_bytearray(o) {
            let b = bytearrayobject::as_slice(o);
            (b.len() as isize, b.first().copied().unwrap_or(0) as u32)
        } else {
            return Err(errors::type_error(format!("ord() expected string of length 1, but {} found", tname(o))));
        };
        if n != 1 {
            return Err(errors::type_error(format!("ord() expected a character, but string of length {} found", n)));
        }
        longobject::from_i64(first as i64)
    }
}

unsafe fn repr(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { ab::repr(o) }
}

unsafe fn aiter(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let am = (*(*o).ob_type).tp_as_async;
        let f = if am.is_null() { None } else { (*am).am_aiter };
        let Some(f) = f else {
            return Err(errors::type_error(format!("'{}' object is not an async iterable", tname(o))));
        };
        let it = Owned::from_raw(f(o))?;
        let am2 = (*it.type_ptr()).tp_as_async;
        if am2.is_null() || (*am2).am_anext.is_none() {
            return Err(errors::type_error(format!(
                "aiter() returned not an async iterator of type '{}'",
                tname(it.as_ptr())
            )));
        }
        Ok(it)
    }
}

meth_o!(builtin_abs, abs);
meth_o!(builtin_all, all);
meth_o!(builtin_any, any);
meth_o!(builtin_ascii, ascii);
meth_o!(builtin_bin, bin);
meth_o!(builtin_oct, oct);
meth_o!(builtin_hex, hex);
meth_o!(builtin_callable, callable);
meth_o!(builtin_chr, chr);
meth_o!(builtin_hash, hash);
meth_o!(builtin_id, id);
meth_o!(builtin_len, len);
meth_o!(builtin_ord, ord);
meth_o!(builtin_repr, repr);
meth_o!(builtin_aiter, aiter);

// ---------------------------------------------------------------- positional

unsafe fn anext(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("anext", a.len(), 1, 2)?;
        let o = a[0];
        let am = (*(*o).ob_type).tp_as_async;
        let f = if am.is_null() { None } else { (*am).am_anext };
        let Some(f) = f else {
            return Err(errors::type_error(format!("'{}' object is not an async iterator", tname(o))));
        };
        let awaitable = Owned::from_raw(f(o))?;
        if a.len() == 1 {
            return Ok(awaitable);
        }
        super::itertypes::new_anext_awaitable(awaitable.as_ptr(), a[1])
    }
}

unsafe fn delattr(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("delattr", a.len(), 2, 2)?;
        check_name(a[1])?;
        ab::setattr(a[0], a[1], null_mut())?;
        Ok(noneobject::none())
    }
}

unsafe fn dir(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("dir", a.len(), 0, 1)?;
        if a.is_empty() {
            let locals = super::caller_locals()?;
            let keys = ab::mapping_method_list(locals.as_ptr(), "keys")?;
            let mut v = ab::collect(keys.as_ptr())?;
            ab::sort_objects(&mut v)?;
            return listobject::from_owned(v);
        }
        ab::dir(a[0])
    }
}

unsafe fn divmod(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("divmod", a.len(), 2, 2)?;
        num::divmod(a[0], a[1])
    }
}

unsafe fn format(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("format", a.len(), 1, 2)?;
        let spec = args::opt(a, 1);
        if !spec.is_null() && !unicodeobject::is_str(spec) {
            // Argument Clinic's message names None itself, not its type.
            let t = if spec == noneobject::none_ptr() { "None".to_string() } else { tname(spec) };
            return Err(errors::type_error(format!("format() argument 2 must be str, not {}", t)));
        }
        ab::format(a[0], spec)
    }
}

unsafe fn getattr(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("getattr", a.len(), 2, 3)?;
        check_name(a[1])?;
        if a.len() == 3 {
            return Ok(match ab::lookup_attr(a[0], a[1])? {
                Some(v) => v,
                None => Owned::from_borrowed(a[2]),
            });
        }
        ab::getattr(a[0], a[1])
    }
}

unsafe fn hasattr(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("hasattr", a.len(), 2, 2)?;
        check_name(a[1])?;
        Ok(boolobject::owned_bool(ab::lookup_attr(a[0], a[1])?.is_some()))
    }
}

unsafe fn isinstance(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("isinstance", a.len(), 2, 2)?;
        Ok(boolobject::owned_bool(crate::capi::object::is_instance(a[0], a[1])?))
    }
}

unsafe fn issubclass(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("issubclass", a.len(), 2, 2)?;
        Ok(boolobject::owned_bool(crate::capi::object::is_subclass(a[0], a[1])?))
    }
}

unsafe fn iter(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("iter", a.len(), 1, 2)?;
        if a.len() == 1 {
            return ab::get_iter(a[0]);
        }
        if (*(*a[0]).ob_type).tp_call.is_none() {
            return Err(errors::type_error("iter(v, w): v must be callable"));
        }
        iterobject::new_call_iter(a[0], a[1])
    }
}

unsafe fn next(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("next", a.len(), 1, 2)?;
        let it = a[0];
        let f = (*(*it).ob_type).tp_iternext;
        let Some(f) = f else {
            return Err(errors::type_error(format!("'{}' object is not an iterator", tname(it))));
        };
        let r = f(it);
        if !r.is_null() {
            return Ok(Owned::from_raw_nonnull(r));
        }
        let dflt = args::opt(a, 1);
        if !errors::occurred().is_null() {
            if dflt.is_null() || !errors::exception_matches(PyExc_StopIteration) {
                return Err(errors::Raised::assume());
            }
            errors::clear();
        }
        if dflt.is_null() {
            return Err(errors::set_none(PyExc_StopIteration));
        }
        Ok(Owned::from_borrowed(dflt))
    }
}

unsafe fn setattr(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("setattr", a.len(), 3, 3)?;
        check_name(a[1])?;
        ab::setattr(a[0], a[1], a[2])?;
        Ok(noneobject::none())
    }
}

unsafe fn vars(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("vars", a.len(), 0, 1)?;
        if a.is_empty() {
            return super::caller_locals();
        }
        let name = unicodeobject::intern_str("__dict__")?;
        match ab::lookup_attr(a[0], name.as_ptr())? {
            Some(d) => Ok(d),
            None => Err(errors::type_error("vars() argument must have __dict__ attribute")),
        }
    }
}

unsafe fn sys_stream(name: &str, lost: &str) -> PyResult<Owned> {
    unsafe {
        match super::sys_object(name) {
            Some(f) if !f.is(noneobject::none_ptr()) => Ok(f),
            _ => Err(errors::runtime_error(lost)),
        }
    }
}

unsafe fn input(a: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        sequtil::check_positional("input", a.len(), 0, 1)?;
        let fin = sys_stream("stdin", "input(): lost sys.stdin")?;
        let fout = sys_stream("stdout", "input(): lost sys.stdout")?;
        let ferr = sys_stream("stderr", "input(): lost sys.stderr")?;
        if ab::call_method(ferr.as_ptr(), "flush", &[]).is_err() {
            errors::clear();
        }
        if let Some(&prompt) = a.first() {
            write_str(fout.as_ptr(), prompt)?;
        }
        if ab::call_method(fout.as_ptr(), "flush", &[]).is_err() {
            errors::clear();
        }
        fileobject::get_line(fin.as_ptr(), -1)
    }
}

meth_varargs!(builtin_anext, anext);
meth_varargs!(builtin_delattr, delattr);
meth_varargs!(builtin_dir, dir);
meth_varargs!(builtin_divmod, divmod);
meth_varargs!(builtin_format, format);
meth_varargs!(builtin_getattr, getattr);
meth_varargs!(builtin_hasattr, hasattr);
meth_varargs!(builtin_isinstance, isinstance);
meth_varargs!(builtin_issubclass, issubclass);
meth_varargs!(builtin_iter, iter);
meth_varargs!(builtin_next, next);
meth_varargs!(builtin_setattr, setattr);
meth_varargs!(builtin_vars, vars);
meth_varargs!(builtin_input, input);

// ---------------------------------------------------------------- keywords

unsafe fn min_max(a: *mut PyObject, kw: *mut PyObject, is_min: bool) -> PyResult<Owned> {
    unsafe {
        let name = if is_min { "min" } else { "max" };
        let pos = sequtil::tuple_args(a);
        let positional = pos.len() > 1;
        let v = if positional {
            a
        } else if pos.len() == 1 {
            pos[0]
        } else {
            return Err(errors::type_error(format!("{} expected at least 1 argument, got 0", name)));
        };
        let kws = args::kwonly(name, kw, &["key", "default"])?;
        let (mut keyfunc, dflt) = (kws[0], kws[1]);
        if positional && !dflt.is_null() {
            return Err(errors::type_error(format!(
                "Cannot specify a default for {}() with multiple positional arguments",
                name
            )));
        }
        if keyfunc == noneobject::none_ptr() {
            keyfunc = null_mut();
        }
        let it = ab::get_iter(v)?;
        let mut best: Option<(Owned, Owned)> = None;
        let op = if is_min { Py_LT } else { Py_GT };
        while let Some(item) = ab::iter_next(it.as_ptr())? {
            let val = if keyfunc.is_null() { item.clone() } else { ab::call_function(keyfunc, &[item.as_ptr()])? };
            match &best {
                None => best = Some((item, val)),
                Some((_, bv)) => {
                    if ab::rich_compare_bool(val.as_ptr(), bv.as_ptr(), op)? {
                        best = Some((item, val));
                    }
                }
            }
        }
        match best {
            Some((item, _)) => Ok(item),
            None if !dflt.is_null() => Ok(Owned::from_borrowed(dflt)),
            None => Err(errors::value_error(format!("{}() arg is an empty sequence", name))),
        }
    }
}
unsafe fn min(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe { min_max(a, kw, true) }
}
unsafe fn max(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe { min_max(a, kw, false) }
}

unsafe fn pow(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let sig = Sig { fname: "pow", names: &["base", "exp", "mod"], posonly: 0, minpos: 2, maxpos: 3, reqkw: 0 };
        let v = args::unpack(&sig, a, kw)?;
        let m = if v[2].is_null() { noneobject::none_ptr() } else { v[2] };
        num::power(v[0], v[1], m)
    }
}

/// `PyFile_WriteObject(v, f, Py_PRINT_RAW)`.
unsafe fn write_str(f: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    unsafe { fileobject::write_object(v, f, true) }
}

unsafe fn print(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        // Clinic's parser names a bad keyword before counting them.
        args::check_keywords("print", kw, &["sep", "end", "file", "flush"])?;
        let k = args::kwonly("print", kw, &["sep", "end", "file", "flush"])?;
        let none = noneobject::none_ptr();
        let file = if k[2].is_null() || k[2] == none {
            let f = match super::sys_object("stdout") {
                Some(f) => f,
                None => return Err(errors::runtime_error("lost sys.stdout")),
            };
            if f.is(none) {
                return Ok(noneobject::none());
            }
            f
        } else {
            Owned::from_borrowed(k[2])
        };
        let sep = if k[0] == none { null_mut() } else { k[0] };
        let end = if k[1] == none { null_mut() } else { k[1] };
        if !sep.is_null() && !unicodeobject::is_str(sep) {
            return Err(errors::type_error(format!("sep must be None or a string, not {}", tname(sep))));
        }
        if !end.is_null() && !unicodeobject::is_str(end) {
            return Err(errors::type_error(format!("end must be None or a string, not {}", tname(end))));
        }
        let flush = !k[3].is_null() && ab::is_true(k[3])?;
        let space = unicodeobject::from_str(" ")?;
        let newline = unicodeobject::from_str("\n")?;
        for (i, &x) in sequtil::tuple_args(a).iter().enumerate() {
            if i > 0 {
                write_str(file.as_ptr(), if sep.is_null() { space.as_ptr() } else { sep })?;
            }
            write_str(file.as_ptr(), x)?;
        }
        write_str(file.as_ptr(), if end.is_null() { newline.as_ptr() } else { end })?;
        if flush {
            ab::call_method(file.as_ptr(), "flush", &[])?;
        }
        Ok(noneobject::none())
    }
}

unsafe fn round(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let sig = Sig { fname: "round", names: &["number", "ndigits"], posonly: 0, minpos: 1, maxpos: 2, reqkw: 0 };
        let v = args::unpack(&sig, a, kw)?;
        let number = v[0];
        let Some(f) = ab::lookup_special(number, "__round__")? else {
            return Err(errors::type_error(format!(
                "type {} doesn't define __round__ method",
                typeobject::type_name_str((*number).ob_type)
            )));
        };
        if v[1].is_null() || v[1] == noneobject::none_ptr() {
            ab::call_function(f.as_ptr(), &[])
        } else {
            ab::call_function(f.as_ptr(), &[v[1]])
        }
    }
}

unsafe fn sorted(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let pos = sequtil::tuple_args(a);
        sequtil::check_positional("sorted", pos.len(), 1, 1)?;
        let list = ab::sequence_list(pos[0])?;
        let sort = ab::getattr_str(list.as_ptr(), "sort")?;
        let empty = tupleobject::new_empty()?;
        ab::call(sort.as_ptr(), empty.as_ptr(), kw)?;
        Ok(list)
    }
}

unsafe fn sum(a: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let sig = Sig { fname: "sum", names: &["", "start"], posonly: 1, minpos: 1, maxpos: 2, reqkw: 0 };
        let v = args::unpack(&sig, a, kw)?;
        let it = ab::get_iter(v[0])?;
        let mut result = match v[1] {
            p if p.is_null() => longobject::from_i64(0)?,
            p => {
                if unicodeobject::is_str(p) {
                    return Err(errors::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
                }
                if bytesobject::is_bytes(p) {
                    return Err(errors::type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
                }
                if bytearrayobject::is_bytearray(p) {
                    return Err(errors::type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
                }
                Owned::from_borrowed(p)
            }
        };
        // Exact ints: a native accumulator while it does not overflow.
        if longobject::is_long_exact(result.as_ptr()) {
            if let Some(mut acc) = longobject::as_i64(result.as_ptr()) {
                loop {
                    let Some(item) = ab::iter_next(it.as_ptr())? else {
                        return longobject::from_i64(acc);
                    };
                    if longobject::is_long_exact(item.as_ptr()) || boolobject::is_bool(item.as_ptr()) {
                        if let Some(b) = longobject::as_i64(item.as_ptr()).and_then(|b| acc.checked_add(b)) {
                            acc = b;
                            continue;
                        }
                    }
                    let r = longobject::from_i64(acc)?;
                    result = num::add(r.as_ptr(), item.as_ptr())?;
                    break;
                }
            }
        }
        // Exact floats: a native double, taking ints that fit a C long.
        if floatobject::is_float(result.as_ptr()) && (*result.as_ptr()).ob_type == &raw mut floatobject::PyFloat_Type {
            let mut acc = floatobject::value(result.as_ptr());
            loop {
                let Some(item) = ab::iter_next(it.as_ptr())? else {
                    return floatobject::from_f64(acc);
                };
                let ip = item.as_ptr();
                if (*ip).ob_type == &raw mut floatobject::PyFloat_Type {
                    acc += floatobject::value(ip);
                    continue;
                }
                if longobject::is_long(ip) {
                    if let Some(b) = longobject::as_i64(ip) {
                        acc += b as f64;
                        continue;
                    }
                }
                let r = floatobject::from_f64(acc)?;
                result = num::add(r.as_ptr(), ip)?;
                break;
            }
        }
        while let Some(item) = ab::iter_next(it.as_ptr())? {
            result = num::add(result.as_ptr(), item.as_ptr())?;
        }
        Ok(result)
    }
}

meth_kw!(builtin_min, min);
meth_kw!(builtin_max, max);
meth_kw!(builtin_pow, pow);
meth_kw!(builtin_print, print);
meth_kw!(builtin_round, round);
meth_kw!(builtin_sorted, sorted);
meth_kw!(builtin_sum, sum);

// ---------------------------------------------------------------- the table

const VK: i32 = METH_VARARGS | METH_KEYWORDS;

macro_rules! def {
    ($name:literal, $f:ident, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

/// Every function of this file, in CPython's order.
pub(crate) static mut BUILTIN_METHODS: [PyMethodDef; 37] = [
    def!(c"abs", builtin_abs, METH_O, c"Return the absolute value of the argument."),
    def!(c"all", builtin_all, METH_O, c"Return True if bool(x) is True for all values x in the iterable.\n\nIf the iterable is empty, return True."),
    def!(c"any", builtin_any, METH_O, c"Return True if bool(x) is True for any x in the iterable.\n\nIf the iterable is empty, return False."),
    def!(c"ascii", builtin_ascii, METH_O, c"Return an ASCII-only representation of an object."),
    def!(c"bin", builtin_bin, METH_O, c"Return the binary representation of an integer."),
    def!(c"callable", builtin_callable, METH_O, c"Return whether the object is callable (i.e., some kind of function)."),
    def!(c"chr", builtin_chr, METH_O, c"Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."),
    def!(c"delattr", builtin_delattr, METH_VARARGS, c"Deletes the named attribute from the given object."),
    def!(c"dir", builtin_dir, METH_VARARGS, c"dir([object]) -> list of strings"),
    def!(c"divmod", builtin_divmod, METH_VARARGS, c"Return the tuple (x//y, x%y).  Invariant: div*y + mod == x."),
    def!(c"format", builtin_format, METH_VARARGS, c"Return value.__format__(format_spec)"),
    def!(c"getattr", builtin_getattr, METH_VARARGS, c"getattr(object, name[, default]) -> value"),
    def!(c"hasattr", builtin_hasattr, METH_VARARGS, c"Return whether the object has an attribute with the given name."),
    def!(c"hash", builtin_hash, METH_O, c"Return the hash value for the given object."),
    def!(c"hex", builtin_hex, METH_O, c"Return the hexadecimal representation of an integer."),
    def!(c"id", builtin_id, METH_O, c"Return the identity of an object."),
    def!(c"input", builtin_input, METH_VARARGS, c"Read a string from standard input.  The trailing newline is stripped."),
    def!(c"isinstance", builtin_isinstance, METH_VARARGS, c"Return whether an object is an instance of a class or of a subclass thereof."),
    def!(c"issubclass", builtin_issubclass, METH_VARARGS, c"Return whether 'cls' is derived from another class or is the same class."),
    def!(c"iter", builtin_iter, METH_VARARGS, c"iter(iterable) -> iterator\niter(callable, sentinel) -> iterator"),
    def!(c"aiter", builtin_aiter, METH_O, c"Return an AsyncIterator for an AsyncIterable object."),
    def!(c"len", builtin_len, METH_O, c"Return the number of items in a container."),
    def!(c"max", builtin_max, VK, c"max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value"),
    def!(c"min", builtin_min, VK, c"min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value"),
    def!(c"next", builtin_next, METH_VARARGS, c"next(iterator[, default])\n\nReturn the next item from the iterator."),
    def!(c"anext", builtin_anext, METH_VARARGS, c"anext(aiterator[, default])\n\nReturn the next item from the async iterator."),
    def!(c"oct", builtin_oct, METH_O, c"Return the octal representation of an integer."),
    def!(c"ord", builtin_ord, METH_O, c"Return the Unicode code point for a one-character string."),
    def!(c"pow", builtin_pow, VK, c"Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments"),
    def!(c"print", builtin_print, VK, c"print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)"),
    def!(c"repr", builtin_repr, METH_O, c"Return the canonical string representation of the object."),
    def!(c"round", builtin_round, VK, c"Round a number to a given precision in decimal digits."),
    def!(c"setattr", builtin_setattr, METH_VARARGS, c"Sets the named attribute on the given object to the specified value."),
    def!(c"sorted", builtin_sorted, VK, c"Return a new list containing all items from the iterable in ascending order."),
    def!(c"sum", builtin_sum, VK, c"Return the sum of a 'start' value (default: 0) plus an iterable of numbers"),
    def!(c"vars", builtin_vars, METH_VARARGS, c"vars([object]) -> dictionary\n\nWithout arguments, equivalent to locals().\nWith an argument, equivalent to object.__dict__."),
    PyMethodDef::SENTINEL,
];
