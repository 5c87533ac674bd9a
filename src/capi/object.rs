//! `Include/object.h`, `Include/objimpl.h` and the generic parts of
//! `Include/abstract.h`: reference counting, allocation, attributes,
//! comparison, hashing, calls.
use crate::objects::abstract_ as ab;
use crate::objects::object::*;
use crate::objects::pyref::{self, Owned};
use crate::objects::{typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{cstr, guard, guard_obj, guard_unit, nonnull};
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_char, c_int, c_void};

// ---- reference counting ----

#[no_mangle]
pub unsafe extern "C" fn Py_IncRef(op: *mut PyObject) {
    unsafe { pyref::xincref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn Py_DecRef(op: *mut PyObject) {
    unsafe { pyref::xdecref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn _Py_IncRef(op: *mut PyObject) {
    unsafe { pyref::incref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn _Py_DecRef(op: *mut PyObject) {
    unsafe { pyref::decref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn _Py_Dealloc(op: *mut PyObject) {
    unsafe { pyref::dealloc_inline(op) }
}
#[no_mangle]
pub unsafe extern "C" fn Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    unsafe { pyref::new_ref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn Py_XNewRef(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        pyref::xincref(op);
        op
    }
}
#[no_mangle]
pub unsafe extern "C" fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> c_int {
    (x == y) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsNone(x: *mut PyObject) -> c_int {
    (x == crate::objects::noneobject::none_ptr()) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsTrue(x: *mut PyObject) -> c_int {
    (x == crate::objects::boolobject::true_ptr()) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsFalse(x: *mut PyObject) -> c_int {
    (x == crate::objects::boolobject::false_ptr()) as c_int
}

// ---- allocation ----

/// `PyObject_Free`: also the `tp_free` of non-GC built-in types.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Free(p: *mut c_void) {
    unsafe { crate::runtime::obmalloc::object_free(p) }
}

/// `PyObject_GC_Del`: free a GC object (its header sits in front).
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Del(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    unsafe { crate::runtime::obmalloc::object_free((p as *mut u8).sub(size_of::<PyGC_Head>()) as *mut c_void) }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Track(_op: *mut c_void) {}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_UnTrack(_op: *mut c_void) {}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsTracked(_op: *mut PyObject) -> c_int {
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsFinalized(_op: *mut PyObject) -> c_int {
    0
}

/// `PyObject_Init`: set type and refcount of memory the caller allocated.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    unsafe {
        if op.is_null() {
            let _ = errors::no_memory();
            return null_mut();
        }
        (*op).ob_type = tp;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            pyref::incref(tp as *mut PyObject);
        }
        pyref::new_reference(op);
        op
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t) -> *mut PyVarObject {
    unsafe {
        if op.is_null() {
            let _ = errors::no_memory();
            return null_mut();
        }
        (*op).ob_size = size;
        PyObject_Init(op as *mut PyObject, tp);
        op
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(tp)?;
        let size = (*tp).tp_basicsize as usize;
        let p = crate::runtime::obmalloc::object_malloc(size) as *mut PyObject;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        Owned::from_raw(PyObject_Init(p, tp))
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    guard(|| unsafe {
        nonnull(tp)?;
        let size = typeobject::var_size(tp, n)?;
        let p = crate::runtime::obmalloc::object_malloc(size) as *mut PyVarObject;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        Ok(PyObject_InitVar(p, tp, n) as *mut PyObject)
    }) as *mut PyVarObject
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe { gc_alloc(tp, (*tp).tp_basicsize as usize).map(|p| Owned::from_raw_nonnull(PyObject_Init(p, tp))) })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    guard(|| unsafe {
        if n < 0 {
            return Err(errors::bad_internal_call());
        }
        let size = typeobject::var_size(tp, n)?;
        let p = gc_alloc(tp, size)?;
        Ok(PyObject_InitVar(p as *mut PyVarObject, tp, n) as *mut PyObject)
    }) as *mut PyVarObject
}
unsafe fn gc_alloc(tp: *mut PyTypeObject, size: usize) -> PyResult<*mut PyObject> {
    unsafe {
        nonnull(tp)?;
        let pre = size_of::<PyGC_Head>();
        let mem = crate::runtime::obmalloc::object_malloc(size + pre) as *mut u8;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::write_bytes(mem, 0, pre);
        Ok(mem.add(pre) as *mut PyObject)
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_Resize(op: *mut PyVarObject, n: Py_ssize_t) -> *mut PyVarObject {
    guard(|| unsafe {
        nonnull(op)?;
        let tp = (*op).ob_base.ob_type;
        let size = typeobject::var_size(tp, n)?;
        let pre = size_of::<PyGC_Head>();
        let mem = crate::runtime::obmalloc::object_realloc((op as *mut u8).sub(pre) as *mut c_void, size + pre) as *mut u8;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        let p = mem.add(pre) as *mut PyVarObject;
        (*p).ob_size = n;
        Ok(p as *mut PyObject)
    }) as *mut PyVarObject
}

// ---- hashing, repr, comparison ----

#[no_mangle]
pub unsafe extern "C" fn PyObject_HashNotImplemented(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let _ = ab::unhashable(op);
    }
    -1
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| unsafe { ab::hash(nonnull(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::repr(op) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::str(op) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_ASCII(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = ab::repr(op)?;
        if unicodeobject::is_ascii(r.as_ptr()) {
            return Ok(r);
        }
        let mut s = String::new();
        for c in unicodeobject::codepoints(r.as_ptr()) {
            match c {
                0..=0x7f => s.push(char::from_u32(c).unwrap()),
                0x80..=0xff => s.push_str(&format!("\\x{:02x}", c)),
                0x100..=0xffff => s.push_str(&format!("\\u{:04x}", c)),
                _ => s.push_str(&format!("\\U{:08x}", c)),
            }
        }
        unicodeobject::from_str(&s)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { ab::rich_compare(nonnull(a)?, nonnull(b)?, op) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompareBool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> c_int {
    guard(|| unsafe { Ok(ab::rich_compare_bool(nonnull(a)?, nonnull(b)?, op)? as c_int) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsTrue(op: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(ab::is_true(nonnull(op)?)? as c_int) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Not(op: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok((!ab::is_true(nonnull(op)?)?) as c_int) })
}

// ---- attributes ----

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::getattr(nonnull(op)?, nonnull(name)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttrString(op: *mut PyObject, name: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = unicodeobject::from_str(cstr(name)?)?;
        ab::getattr(nonnull(op)?, n.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttr(op: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ab::setattr(nonnull(op)?, nonnull(name)?, v) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttrString(op: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let n = unicodeobject::intern_str(cstr(name)?)?;
        ab::setattr(nonnull(op)?, n.as_ptr(), v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    unsafe { PyObject_SetAttr(op, name, null_mut()) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    unsafe { PyObject_SetAttrString(op, name, null_mut()) }
}
/// `PyObject_HasAttr`: never raises; errors count as "no".
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    guard(|| unsafe {
        if op.is_null() || name.is_null() {
            return Ok(0);
        }
        match ab::lookup_attr(op, name) {
            Ok(v) => Ok(v.is_some() as c_int),
            Err(_) => {
                errors::clear();
                Ok(0)
            }
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    guard(|| unsafe {
        let n = match cstr(name).and_then(unicodeobject::from_str) {
            Ok(n) => n,
            Err(_) => {
                errors::clear();
                return Ok(0);
            }
        };
        Ok(PyObject_HasAttr(op, n.as_ptr()))
    })
}
/// `_PyObject_LookupAttr`: 1 found (*result set), 0 missing, -1 error.
#[no_mangle]
pub unsafe extern "C" fn _PyObject_LookupAttr(op: *mut PyObject, name: *mut PyObject, result: *mut *mut PyObject) -> c_int {
    unsafe {
        *result = null_mut();
        guard(|| match ab::lookup_attr(nonnull(op)?, nonnull(name)?)? {
            Some(v) => {
                *result = v.into_raw();
                Ok(1)
            }
            None => Ok(0),
        })
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetAttr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { typeobject::generic_getattr(nonnull(op)?, nonnull(name)?, false).map(|o| o.unwrap()) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetAttr(op: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { typeobject::generic_setattr(nonnull(op)?, nonnull(name)?, v) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetDict(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let dp = typeobject::dict_ptr(nonnull(op)?);
        if dp.is_null() {
            return Err(errors::attribute_error("This object has no __dict__"));
        }
        if (*dp).is_null() {
            *dp = crate::objects::dictobject::new_dict()?.into_raw();
        }
        Ok(Owned::from_borrowed(*dp))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetDict(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard_unit(|| unsafe {
        let dp = typeobject::dict_ptr(nonnull(op)?);
        if dp.is_null() {
            return Err(errors::attribute_error("This object has no __dict__"));
        }
        if v.is_null() {
            return Err(errors::type_error("cannot delete __dict__"));
        }
        if !crate::objects::dictobject::is_dict(v) {
            return Err(errors::type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                typeobject::type_name_str((*v).ob_type)
            )));
        }
        pyref::incref(v);
        pyref::setref(dp, v);
        Ok(())
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GetDictPtr(op: *mut PyObject) -> *mut *mut PyObject {
    unsafe { typeobject::dict_ptr(op) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SelfIter(op: *mut PyObject) -> *mut PyObject {
    unsafe { pyref::new_ref(op) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Type(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed((*crate::runtime::ffi::nonnull_arg(op)?).ob_type as *mut PyObject)) })
}
#[no_mangle]
pub unsafe extern "C" fn Py_TYPE_func(op: *mut PyObject) -> *mut PyTypeObject {
    unsafe { (*op).ob_type }
}
#[no_mangle]
pub unsafe extern "C" fn PyCallable_Check(op: *mut PyObject) -> c_int {
    unsafe { (!op.is_null() && (*(*op).ob_type).tp_call.is_some()) as c_int }
}

// ---- calls ----

#[no_mangle]
pub unsafe extern "C" fn PyObject_Call(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(callable)?;
        if args.is_null() || !crate::objects::tupleobject::is_tuple(args) {
            return Err(errors::type_error(format!(
                "argument list must be a tuple, not {}",
                if args.is_null() { "NULL".to_string() } else { typeobject::type_name_str((*args).ob_type) }
            )));
        }
        if !kwargs.is_null() && !crate::objects::dictobject::is_dict(kwargs) {
            return Err(errors::type_error(format!(
                "keyword list must be a dictionary, not {}",
                typeobject::type_name_str((*kwargs).ob_type)
            )));
        }
        ab::call(callable, args, kwargs)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallObject(callable: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(callable)?;
        if !args.is_null() && !crate::objects::tupleobject::is_tuple(args) {
            return Err(errors::type_error("argument list must be a tuple"));
        }
        ab::call(callable, args, null_mut())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallNoArgs(callable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::call(nonnull(callable)?, null_mut(), null_mut()) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallOneArg(callable: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::call_function(nonnull(callable)?, &[nonnull(arg)?]) })
}
/// `PyObject_Vectorcall`: uses the callee's vectorcall slot when it has one.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(callable)?;
        let tp = (*callable).ob_type;
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_VECTORCALL != 0 && (*tp).tp_vectorcall_offset > 0 {
            let slot = (callable as *mut u8).offset((*tp).tp_vectorcall_offset) as *mut vectorcallfunc;
            if let Some(f) = *slot {
                return Owned::from_raw(f(callable, args, nargsf, kwnames));
            }
        }
        let (pos, kw) = crate::objects::methodobject::vectorcall_to_dict(args, nargsf, kwnames)?;
        ab::vectorcall_dict(callable, &pos, kw.as_ref().map(|k| k.as_ptr()).unwrap_or(null_mut()))
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    unsafe { PyObject_Vectorcall(callable, args, nargsf, kwnames) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallDict(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let pos = if n == 0 { &[][..] } else { core::slice::from_raw_parts(args, n) };
        ab::vectorcall_dict(nonnull(callable)?, pos, kwargs)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallMethod(
    name: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        if n == 0 {
            return Err(errors::bad_internal_call());
        }
        let m = ab::getattr(*args, nonnull(name)?)?;
        Owned::from_raw(PyObject_Vectorcall(m.as_ptr(), args.add(1), n - 1, kwnames))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyVectorcall_Call(callable: *mut PyObject, tuple: *mut PyObject, dict: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let callable = nonnull(callable)?;
        let tp = (*callable).ob_type;
        let offset = (*tp).tp_vectorcall_offset;
        let f = if offset > 0 { *((callable as *mut u8).offset(offset) as *mut vectorcallfunc) } else { None };
        let Some(f) = f else {
            return Err(errors::type_error(format!(
                "'{}' object does not support vectorcall",
                crate::objects::typeobject::type_name_str(tp)
            )));
        };
        // Positional arguments from the tuple, keywords from the dict.
        let pos: &[*mut PyObject] = if tuple.is_null() { &[] } else { crate::objects::tupleobject::as_slice(tuple) };
        let mut v: Vec<*mut PyObject> = pos.to_vec();
        let mut names = Vec::new();
        if !dict.is_null() {
            for (k, val) in crate::objects::dictobject::items_borrowed(dict) {
                names.push(k);
                v.push(val);
            }
        }
        let kwnames = if names.is_empty() { None } else { Some(crate::objects::tupleobject::pack(&names)?) };
        Owned::from_raw(f(callable, v.as_ptr(), pos.len(), kwnames.as_ref().map_or(core::ptr::null_mut(), |k| k.as_ptr())))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyVectorcall_NARGS(n: usize) -> Py_ssize_t {
    (n & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

// ---- instance / subclass checks ----

unsafe fn check_class(cls: *mut PyObject, what: &str) -> PyResult<()> {
    unsafe {
        if typeobject::is_type(cls) {
            return Ok(());
        }
        if crate::objects::tupleobject::is_tuple(cls) {
            return Ok(());
        }
        let b = unicodeobject::intern_str("__bases__")?;
        match ab::lookup_attr(cls, b.as_ptr())? {
            Some(v) if crate::objects::tupleobject::is_tuple(v.as_ptr()) => Ok(()),
            _ => Err(errors::type_error(what)),
        }
    }
}

pub unsafe fn is_instance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if (*inst).ob_type as *mut PyObject == cls {
            return Ok(true);
        }
        if typeobject::is_type(cls) && (*cls).ob_type == typeobject::type_type() {
            return Ok(typeobject::type_check(inst, cls as *mut PyTypeObject));
        }
        if crate::objects::tupleobject::is_tuple(cls) {
            let _d = ab::DepthGuard::enter(" in __instancecheck__")?;
            for &c in crate::objects::tupleobject::as_slice(cls) {
                if is_instance(inst, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let chk = typeobject::lookup_str((*cls).ob_type, "__instancecheck__")?;
        if !chk.is_null() {
            let r = ab::call_function(chk, &[cls, inst])?;
            return ab::is_true(r.as_ptr());
        }
        check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union")?;
        Ok(typeobject::is_type(cls) && typeobject::type_check(inst, cls as *mut PyTypeObject))
    }
}

pub unsafe fn is_subclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if typeobject::is_type(cls) && (*cls).ob_type == typeobject::type_type() && typeobject::is_type(derived) {
            return Ok(typeobject::is_subtype(derived as *mut PyTypeObject, cls as *mut PyTypeObject));
        }
        if crate::objects::tupleobject::is_tuple(cls) {
            for &c in crate::objects::tupleobject::as_slice(cls) {
                if is_subclass(derived, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let chk = typeobject::lookup_str((*cls).ob_type, "__subclasscheck__")?;
        if !chk.is_null() {
            let r = ab::call_function(chk, &[cls, derived])?;
            return ab::is_true(r.as_ptr());
        }
        check_class(derived, "issubclass() arg 1 must be a class")?;
        check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union")?;
        Ok(typeobject::is_type(derived)
            && typeobject::is_type(cls)
            && typeobject::is_subtype(derived as *mut PyTypeObject, cls as *mut PyTypeObject))
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_IsInstance(inst: *mut PyObject, cls: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(is_instance(nonnull(inst)?, nonnull(cls)?)? as c_int) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsSubclass(derived: *mut PyObject, cls: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(is_subclass(nonnull(derived)?, nonnull(cls)?)? as c_int) })
}

// ---- items, length, iteration ----

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetItem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::get_item(crate::runtime::ffi::nonnull_arg(op)?, nonnull(key)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetItem(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ab::set_item(crate::runtime::ffi::nonnull_arg(op)?, nonnull(key)?, nonnull(v)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItem(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ab::set_item(crate::runtime::ffi::nonnull_arg(op)?, nonnull(key)?, null_mut()) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { ab::length(crate::runtime::ffi::nonnull_arg(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { PyObject_Size(op) }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetIter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::get_iter(nonnull(op)?) })
}
/// `PyIter_Next`: NULL without an exception at the end.
#[no_mangle]
pub unsafe extern "C" fn PyIter_Next(it: *mut PyObject) -> *mut PyObject {
    guard(|| unsafe {
        match ab::iter_next(nonnull(it)?)? {
            Some(v) => Ok(v.into_raw()),
            None => Ok(null_mut()),
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyIter_Check(op: *mut PyObject) -> c_int {
    unsafe {
        if op.is_null() {
            return 0;
        }
        let f = (*(*op).ob_type).tp_iternext;
        (f.is_some() && f != Some(crate::objects::typeobject::not_implemented_iternext)) as c_int
    }
}

// ---- sweep: bytes(), async iteration, weak-reference hook, births ----

/// `PyObject_Bytes`: `bytes(o)` as C sees it: `b'<NULL>'` for NULL, the same
/// object for an exact bytes, `__bytes__()` (must return bytes), else
/// `PyBytes_FromObject` (buffers, iterables of ints). New reference.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Bytes(v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if v.is_null() {
            return crate::objects::bytesobject::from_slice(b"<NULL>");
        }
        if crate::objects::bytesobject::is_bytes_exact(v) {
            return Ok(Owned::from_borrowed(v));
        }
        let m = typeobject::lookup_str((*v).ob_type, "__bytes__")?;
        if !m.is_null() {
            let r = ab::call_method(v, "__bytes__", &[])?;
            if !crate::objects::bytesobject::is_bytes(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    typeobject::type_name_str((*r.as_ptr()).ob_type)
                )));
            }
            return Ok(r);
        }
        Owned::from_raw(super::bytesobject::PyBytes_FromObject(v))
    })
}

/// `PyObject_DelItemString`: `del o[key]` with a C-string key.
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItemString(o: *mut PyObject, key: *const c_char) -> c_int {
    guard_unit(|| unsafe {
        if o.is_null() || key.is_null() {
            return Err(crate::runtime::ffi::null_error());
        }
        let k = unicodeobject::from_str(cstr(key)?)?;
        ab::set_item(o, k.as_ptr(), null_mut())
    })
}

/// `PyObject_ClearWeakRefs`: called from `tp_dealloc` of types with a
/// `tp_weaklistoffset`. Weak references arrive in a later issue; until then no
/// object can have any, so there is nothing to clear. Misuse is reported as
/// CPython does (SystemError): NULL, a type without weak-reference support, or
/// an object still referenced.
#[no_mangle]
pub unsafe extern "C" fn PyObject_ClearWeakRefs(op: *mut PyObject) {
    guard(|| unsafe {
        if op.is_null() || (*(*op).ob_type).tp_weaklistoffset <= 0 || (*op).ob_refcnt != 0 {
            return Err(errors::bad_internal_call());
        }
        Ok(())
    })
}

/// `PyAIter_Check`: 1 if `o` has `__anext__` (an async iterator).
#[no_mangle]
pub unsafe extern "C" fn PyAIter_Check(o: *mut PyObject) -> c_int {
    unsafe {
        if o.is_null() {
            return 0;
        }
        let am = (*(*o).ob_type).tp_as_async;
        (!am.is_null() && (*am).am_anext.is_some()) as c_int
    }
}

/// `PyObject_GetAIter`: `aiter(o)`. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAIter(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let o = crate::runtime::ffi::nonnull_arg(o)?;
        let am = (*(*o).ob_type).tp_as_async;
        let f = if am.is_null() { None } else { (*am).am_aiter };
        let Some(f) = f else {
            return Err(errors::type_error(format!(
                "'{}' object is not an async iterable",
                typeobject::type_name_str((*o).ob_type)
            )));
        };
        let it = Owned::from_raw(f(o))?;
        if PyAIter_Check(it.as_ptr()) == 0 {
            return Err(errors::type_error(format!(
                "aiter() returned not an async iterator of type '{}'",
                typeobject::type_name_str((*it.as_ptr()).ob_type)
            )));
        }
        Ok(it)
    })
}

/// `_Py_NewReference`: mark a freshly allocated object as born (refcount 1,
/// counted live), as `PyObject_Init` does.
#[no_mangle]
pub unsafe extern "C" fn _Py_NewReference(op: *mut PyObject) {
    if !op.is_null() {
        unsafe { pyref::new_reference(op) }
    }
}
