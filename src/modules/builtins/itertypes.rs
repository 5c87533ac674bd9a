//! The iterator types defined in CPython's `Python/bltinmodule.c` and
//! `Objects/iterobject.c`: `map`, `filter`, `zip` (with `strict=`) and
//! `anext_awaitable` (what `anext(it, default)` returns).
//!
//! Design note. All are GC objects holding only object pointers; a cleared
//! field means "exhausted" where CPython does the same. `map`/`filter`/`zip`
//! are subclassable and pickle as CPython's do (`__reduce__` returns the type
//! and the arguments rebuilding the current state; `zip.__setstate__` sets
//! `strict`). `anext_awaitable` turns the wrapped awaitable's
//! `StopAsyncIteration` into `StopIteration(default)`; coroutine objects are
//! reached through their `am_await` slot (the evaluator's coroutines will
//! provide it).
use super::args;
use super::functions::tname;
use crate::objects::abstract_ as ab;
use crate::objects::exceptions::*;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{boolobject, noneobject, sequtil, tupleobject, typeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};

/// `tp_traverse`, `tp_clear` and `tp_dealloc` for a struct of object fields.
macro_rules! gc_fields {
    ($ty:ty, $traverse:ident, $clear:ident, $dealloc:ident, [$($f:ident),*]) => {
        unsafe extern "C" fn $traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
            unsafe {
                let p = op as *mut $ty;
                for x in [$((*p).$f),*] {
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
        unsafe extern "C" fn $clear(op: *mut PyObject) -> c_int {
            unsafe {
                let p = op as *mut $ty;
                $(clear(&mut (*p).$f);)*
            }
            0
        }
        unsafe extern "C" fn $dealloc(op: *mut PyObject) {
            unsafe {
                $clear(op);
                typeobject::free_instance(op);
            }
        }
    };
}

const ITER_FLAGS: libc::c_ulong = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE;

// ---------------------------------------------------------------- map

#[repr(C)]
pub struct MapObject {
    pub ob_base: PyObject,
    pub iters: *mut PyObject,
    pub func: *mut PyObject,
}

#[no_mangle]
pub static mut PyMap_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: ITER_FLAGS,
    tp_dealloc: Some(map_dealloc),
    tp_traverse: Some(map_traverse),
    tp_clear: Some(map_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(map_next),
    tp_methods: &raw mut MAP_METHODS as *mut PyMethodDef,
    tp_new: Some(map_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.".as_ptr(),
    ..PyTypeObject::new(c"map", size_of::<MapObject>(), 0)
};

static mut MAP_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: map_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

gc_fields!(MapObject, map_traverse, map_clear, map_dealloc, [iters, func]);

/// Is `tp` exactly `base` or a subclass that keeps `base`'s `tp_init`
/// (CPython checks keywords only then, leaving them to a subclass's __init__).
unsafe fn checks_keywords(tp: *mut PyTypeObject, base: *mut PyTypeObject) -> bool {
    unsafe { tp == base || (*tp).tp_init.map(|f| f as usize) == (*base).tp_init.map(|f| f as usize) }
}

unsafe extern "C" fn map_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if checks_keywords(tp, &raw mut PyMap_Type) {
            sequtil::no_keywords("map", kw)?;
        }
        let a = sequtil::tuple_args(args);
        if a.len() < 2 {
            return Err(errors::type_error("map() must have at least two arguments."));
        }
        let mut its = Vec::with_capacity(a.len() - 1);
        for &x in &a[1..] {
            its.push(ab::get_iter(x)?);
        }
        let iters = tupleobject::from_owned(its)?;
        let o = typeobject::alloc_instance(tp, 0)?;
        let p = o.as_ptr() as *mut MapObject;
        (*p).iters = iters.into_raw();
        (*p).func = new_ref(a[0]);
        Ok(o)
    })
}

unsafe extern "C" fn map_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut MapObject;
        let iters = Owned::from_borrowed((*p).iters);
        let mut items = Vec::new();
        for &it in tupleobject::as_slice(iters.as_ptr()) {
            match ab::iter_next(it)? {
                Some(x) => items.push(x),
                None => return Err(errors::stop_iteration_silent()),
            }
        }
        let ptrs: Vec<*mut PyObject> = items.iter().map(|x| x.as_ptr()).collect();
        let func = Owned::from_borrowed((*p).func);
        ab::call_function(func.as_ptr(), &ptrs)
    })
}

unsafe extern "C" fn map_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut MapObject;
        let mut v = vec![(*p).func];
        v.extend_from_slice(tupleobject::as_slice((*p).iters));
        let a = tupleobject::pack(&v)?;
        tupleobject::pack(&[(*op).ob_type as *mut PyObject, a.as_ptr()])
    })
}

// ---------------------------------------------------------------- filter

#[repr(C)]
pub struct FilterObject {
    pub ob_base: PyObject,
    pub func: *mut PyObject,
    pub it: *mut PyObject,
}

#[no_mangle]
pub static mut PyFilter_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: ITER_FLAGS,
    tp_dealloc: Some(filter_dealloc),
    tp_traverse: Some(filter_traverse),
    tp_clear: Some(filter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(filter_next),
    tp_methods: &raw mut FILTER_METHODS as *mut PyMethodDef,
    tp_new: Some(filter_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.".as_ptr(),
    ..PyTypeObject::new(c"filter", size_of::<FilterObject>(), 0)
};

static mut FILTER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: filter_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

gc_fields!(FilterObject, filter_traverse, filter_clear, filter_dealloc, [func, it]);

unsafe extern "C" fn filter_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if checks_keywords(tp, &raw mut PyFilter_Type) {
            sequtil::no_keywords("filter", kw)?;
        }
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("filter", a.len(), 2, 2)?;
        let it = ab::get_iter(a[1])?;
        let o = typeobject::alloc_instance(tp, 0)?;
        let p = o.as_ptr() as *mut FilterObject;
        (*p).func = new_ref(a[0]);
        (*p).it = it.into_raw();
        Ok(o)
    })
}

unsafe extern "C" fn filter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut FilterObject;
        let it = Owned::from_borrowed((*p).it);
        let func = Owned::from_borrowed((*p).func);
        let plain = func.is(noneobject::none_ptr()) || func.is(&raw mut boolobject::PyBool_Type as *mut PyObject);
        loop {
            let Some(item) = ab::iter_next(it.as_ptr())? else {
                return Err(errors::stop_iteration_silent());
            };
            let ok = if plain {
                ab::is_true(item.as_ptr())?
            } else {
                let r = ab::call_function(func.as_ptr(), &[item.as_ptr()])?;
                ab::is_true(r.as_ptr())?
            };
            if ok {
                return Ok(item);
            }
        }
    })
}

unsafe extern "C" fn filter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut FilterObject;
        let a = tupleobject::pack(&[(*p).func, (*p).it])?;
        tupleobject::pack(&[(*op).ob_type as *mut PyObject, a.as_ptr()])
    })
}

// ---------------------------------------------------------------- zip

#[repr(C)]
pub struct ZipObject {
    pub ob_base: PyObject,
    pub tuplesize: Py_ssize_t,
    pub ittuple: *mut PyObject,
    pub result: *mut PyObject,
    pub strict: c_int,
}

#[no_mangle]
pub static mut PyZip_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: ITER_FLAGS,
    tp_dealloc: Some(zip_dealloc),
    tp_traverse: Some(zip_traverse),
    tp_clear: Some(zip_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(zip_next),
    tp_methods: &raw mut ZIP_METHODS as *mut PyMethodDef,
    tp_new: Some(zip_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n   >>> list(zip('abcdefg', range(3), range(4)))\n   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\nThe zip object yields n-length tuples, where n is the number of iterables\npassed as positional arguments to zip().  The i-th element in every tuple\ncomes from the i-th iterable argument to zip().  This continues until the\nshortest argument is exhausted.\n\nIf strict is true and one of the arguments is exhausted before the others,\nraise a ValueError.".as_ptr(),
    ..PyTypeObject::new(c"zip", size_of::<ZipObject>(), 0)
};

static mut ZIP_METHODS: [PyMethodDef; 3] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: zip_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef { ml_name: c"__setstate__".as_ptr(), ml_meth: zip_setstate as *mut c_void, ml_flags: METH_O, ml_doc: c"Set state information for unpickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

gc_fields!(ZipObject, zip_traverse, zip_clear, zip_dealloc, [ittuple, result]);

unsafe extern "C" fn zip_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut strict = false;
        if !kw.is_null() {
            let k = args::kwonly("zip", kw, &["strict"])?;
            if !k[0].is_null() {
                strict = ab::is_true(k[0])?;
            }
        }
        let a = sequtil::tuple_args(args);
        let mut its = Vec::with_capacity(a.len());
        for &x in a {
            its.push(ab::get_iter(x)?);
        }
        let ittuple = tupleobject::from_owned(its)?;
        let o = typeobject::alloc_instance(tp, 0)?;
        let p = o.as_ptr() as *mut ZipObject;
        (*p).tuplesize = a.len() as Py_ssize_t;
        (*p).ittuple = ittuple.into_raw();
        (*p).strict = strict as c_int;
        Ok(o)
    })
}

fn zip_length_error(i: usize, kind: &str) -> errors::Raised {
    let plural = if i == 1 { " ".to_string() } else { "s 1-".to_string() };
    errors::value_error(format!("zip() argument {} is {} than argument{}{}", i + 1, kind, plural, i))
}

unsafe extern "C" fn zip_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ZipObject;
        if (*p).tuplesize == 0 || (*p).ittuple.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        let tuple = Owned::from_borrowed((*p).ittuple);
        let its = tupleobject::as_slice(tuple.as_ptr());
        let mut items = Vec::with_capacity(its.len());
        for (i, &it) in its.iter().enumerate() {
            match ab::iter_next(it)? {
                Some(x) => items.push(x),
                None => {
                    if (*p).strict == 0 {
                        return Err(errors::stop_iteration_silent());
                    }
                    if i > 0 {
                        return Err(zip_length_error(i, "shorter"));
                    }
                    for (j, &other) in its.iter().enumerate().skip(1) {
                        if ab::iter_next(other)?.is_some() {
                            return Err(zip_length_error(j, "longer"));
                        }
                    }
                    return Err(errors::stop_iteration_silent());
                }
            }
        }
        tupleobject::from_owned(items)
    })
}

unsafe extern "C" fn zip_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ZipObject;
        let tp = (*op).ob_type as *mut PyObject;
        if (*p).strict != 0 {
            return tupleobject::pack(&[tp, (*p).ittuple, boolobject::true_ptr()]);
        }
        tupleobject::pack(&[tp, (*p).ittuple])
    })
}

unsafe extern "C" fn zip_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let strict = ab::is_true(state)?;
        (*(op as *mut ZipObject)).strict = strict as c_int;
        Ok(noneobject::none())
    })
}

// ---------------------------------------------------------------- anext_awaitable

#[repr(C)]
pub struct AnextAwaitableObject {
    pub ob_base: PyObject,
    pub wrapped: *mut PyObject,
    pub default_value: *mut PyObject,
}

#[no_mangle]
pub static mut _PyAnextAwaitable_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(anext_dealloc),
    tp_traverse: Some(anext_traverse),
    tp_clear: Some(anext_clear),
    tp_as_async: &raw mut ANEXT_AS_ASYNC,
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(anext_iternext),
    tp_methods: &raw mut ANEXT_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"anext_awaitable", size_of::<AnextAwaitableObject>(), 0)
};

static mut ANEXT_AS_ASYNC: PyAsyncMethods = PyAsyncMethods {
    am_await: Some(crate::capi::object::PyObject_SelfIter),
    am_aiter: None,
    am_anext: None,
    am_send: None,
};

static mut ANEXT_METHODS: [PyMethodDef; 4] = [
    PyMethodDef { ml_name: c"send".as_ptr(), ml_meth: anext_send as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"send(arg) -> send 'arg' into the wrapped iterator,\nreturn next yielded value or raise StopIteration.".as_ptr() },
    PyMethodDef { ml_name: c"throw".as_ptr(), ml_meth: anext_throw as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"throw(typ[,val[,tb]]) -> raise exception in the wrapped iterator,\nreturn next yielded value or raise StopIteration.".as_ptr() },
    PyMethodDef { ml_name: c"close".as_ptr(), ml_meth: anext_close as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"close() -> raise GeneratorExit inside generator.".as_ptr() },
    PyMethodDef::SENTINEL,
];

gc_fields!(AnextAwaitableObject, anext_traverse, anext_clear, anext_dealloc, [wrapped, default_value]);

/// `anext(aiterator, default)`'s result.
pub(crate) fn new_anext_awaitable(awaitable: *mut PyObject, default: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let o = typeobject::generic_alloc(&raw mut _PyAnextAwaitable_Type, 0)?;
        let p = o.as_ptr() as *mut AnextAwaitableObject;
        (*p).wrapped = new_ref(awaitable);
        (*p).default_value = new_ref(default);
        Ok(o)
    }
}

/// `_PyCoro_GetAwaitableIter` for objects that are not coroutines: the
/// result of `__await__`, which must be an iterator. (Coroutines and
/// `types.coroutine` generators are the evaluator's; it installs the full
/// version with `super::set_awaitable_iter_hook`.)
pub(crate) unsafe fn get_awaitable_iter(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let am = (*(*o).ob_type).tp_as_async;
        let getter = if am.is_null() { None } else { (*am).am_await };
        let Some(getter) = getter else {
            return Err(errors::type_error(format!("object {} can't be used in 'await' expression", tname(o))));
        };
        let it = Owned::from_raw(getter(o))?;
        if (*it.type_ptr()).tp_iternext.is_none() {
            return Err(errors::type_error(format!("__await__() returned non-iterator of type '{}'", tname(it.as_ptr()))));
        }
        Ok(it)
    }
}

/// The iterator driving the wrapped awaitable (`anextawaitable_getiter`):
/// a coroutine, which has no `__next__`, is asked for its `__await__`.
unsafe fn awaitable_iter(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let w = (*(op as *mut AnextAwaitableObject)).wrapped;
        let it = super::awaitable_iter(w)?;
        if (*it.type_ptr()).tp_iternext.is_some() {
            return Ok(it);
        }
        let am = (*it.type_ptr()).tp_as_async;
        let getter = if am.is_null() { None } else { (*am).am_await };
        let Some(getter) = getter else {
            return Err(errors::type_error("__await__ returned a non-iterable"));
        };
        let next = Owned::from_raw(getter(it.as_ptr()))?;
        if (*next.type_ptr()).tp_iternext.is_none() {
            return Err(errors::type_error("__await__ returned a non-iterable"));
        }
        Ok(next)
    }
}

/// `StopAsyncIteration` from the wrapped awaitable becomes `StopIteration(default)`.
unsafe fn anext_result(op: *mut PyObject, r: PyResult<Owned>) -> PyResult<Owned> {
    unsafe {
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                if !errors::exception_matches(PyExc_StopAsyncIteration) {
                    return Err(e);
                }
                errors::clear();
                let d = (*(op as *mut AnextAwaitableObject)).default_value;
                let exc = ab::call_function(PyExc_StopIteration, &[d])?;
                Err(errors::set_object(PyExc_StopIteration, exc.as_ptr()))
            }
        }
    }
}

unsafe extern "C" fn anext_iternext(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = awaitable_iter(op)?;
        let f = (*it.type_ptr()).tp_iternext.ok_or_else(errors::bad_internal_call)?;
        let r = f(it.as_ptr());
        let r = if r.is_null() {
            if errors::occurred().is_null() {
                // Exhausted without an exception: a plain StopIteration.
                return Err(errors::set_none(PyExc_StopIteration));
            }
            Err(errors::Raised::assume())
        } else {
            Ok(Owned::from_raw_nonnull(r))
        };
        anext_result(op, r)
    })
}

unsafe fn anext_proxy(op: *mut PyObject, meth: &str, args: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let it = awaitable_iter(op)?;
        let m = ab::getattr_str(it.as_ptr(), meth)?;
        let r = ab::call(m.as_ptr(), args, null_mut());
        anext_result(op, r)
    }
}
unsafe extern "C" fn anext_send(op: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { anext_proxy(op, "send", a) })
}
unsafe extern "C" fn anext_throw(op: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { anext_proxy(op, "throw", a) })
}
unsafe extern "C" fn anext_close(op: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { anext_proxy(op, "close", a) })
}
