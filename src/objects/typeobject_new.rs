//! Making new types at run time: the C3 MRO, `type(name, bases, dict)`, and
//! `PyType_FromModuleAndSpec` (the path every `PyType_FromSpec*` takes).
//!
//! Design note. A heap type is one `PyHeapTypeObject` allocated like any GC
//! object, with the spec's `PyMemberDef`s copied into its variable part (as
//! CPython does) so the spec may be freed after the call. Heap types own their
//! method tables (`as_number` … inside the heap object), their name objects and
//! a copy of `tp_doc`. Instances of heap types without a `tp_dealloc` of their
//! own get `subtype_dealloc`, which clears the instance dict, calls the first
//! static base's `tp_dealloc`, and drops the instance's reference to its type.
use super::dictobject;
use super::object::*;
use super::pyref::*;
use super::tupleobject;
use super::typeobject::{self as t, is_subtype, type_type};
use super::unicodeobject;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::obmalloc;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_char, c_void};

/// C3 linearisation of `tp`'s bases.
pub unsafe fn compute_mro(tp: *mut PyTypeObject) -> PyResult<Owned> {
    unsafe {
        let bases = (*tp).tp_bases;
        let nb = if bases.is_null() { 0 } else { Py_SIZE(bases) };
        if nb == 0 {
            return tupleobject::pack(&[tp as *mut PyObject]);
        }
        if nb == 1 {
            let b = tupleobject::get_item(bases, 0) as *mut PyTypeObject;
            let bm = (*b).tp_mro;
            if bm.is_null() {
                return Err(errors::type_error(format!(
                    "Cannot extend an incomplete type '{}'",
                    t::type_name_str(b)
                )));
            }
            let mut v = vec![tp as *mut PyObject];
            v.extend_from_slice(tupleobject::as_slice(bm));
            return tupleobject::pack(&v);
        }
        // Check for duplicate bases.
        let bl = tupleobject::as_slice(bases);
        for i in 0..bl.len() {
            for j in (i + 1)..bl.len() {
                if bl[i] == bl[j] {
                    return Err(errors::type_error(format!(
                        "duplicate base class {}",
                        t::type_name_str(bl[i] as *mut PyTypeObject)
                    )));
                }
            }
        }
        let mut seqs: Vec<Vec<*mut PyObject>> = Vec::new();
        for &b in bl {
            let bm = (*(b as *mut PyTypeObject)).tp_mro;
            if bm.is_null() {
                return Err(errors::type_error(format!(
                    "Cannot extend an incomplete type '{}'",
                    t::type_name_str(b as *mut PyTypeObject)
                )));
            }
            seqs.push(tupleobject::as_slice(bm).to_vec());
        }
        seqs.push(bl.to_vec());
        let mut result = vec![tp as *mut PyObject];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                break;
            }
            let mut found = None;
            for s in &seqs {
                let cand = s[0];
                if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                    found = Some(cand);
                    break;
                }
            }
            let Some(c) = found else {
                let names: Vec<String> = seqs
                    .iter()
                    .map(|s| t::type_name_str(s[0] as *mut PyTypeObject))
                    .collect::<Vec<_>>();
                let mut uniq: Vec<String> = Vec::new();
                for n in names {
                    if !uniq.contains(&n) {
                        uniq.push(n);
                    }
                }
                return Err(errors::type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    uniq.join(", ")
                )));
            };
            result.push(c);
            for s in seqs.iter_mut() {
                if s[0] == c {
                    s.remove(0);
                }
            }
        }
        tupleobject::pack(&result)
    }
}

/// The base whose instance layout the new type extends ("solid base").
unsafe fn solid_base(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    unsafe {
        let base = if (*tp).tp_base.is_null() { t::object_type() } else { solid_base((*tp).tp_base) };
        let b = (*tp).tp_base;
        if !b.is_null() && extra_ivars(tp, b) { tp } else { base }
    }
}

unsafe fn extra_ivars(tp: *mut PyTypeObject, base: *mut PyTypeObject) -> bool {
    unsafe {
        let ts = (*tp).tp_basicsize;
        let bs = (*base).tp_basicsize;
        if (*tp).tp_itemsize != 0 || (*base).tp_itemsize != 0 {
            return ts != bs || (*tp).tp_itemsize != (*base).tp_itemsize;
        }
        let mut extra = ts - bs;
        let w = size_of::<*mut PyObject>() as isize;
        if (*tp).tp_weaklistoffset != 0 && (*base).tp_weaklistoffset == 0 && (*tp).tp_weaklistoffset + w == ts {
            extra -= w;
        }
        if (*tp).tp_dictoffset != 0 && (*base).tp_dictoffset == 0 && (*tp).tp_dictoffset + w == ts {
            extra -= w;
        }
        extra != 0
    }
}

/// Choose the base whose layout wins among `bases`, or raise the layout conflict.
pub unsafe fn best_base(bases: &[*mut PyObject]) -> PyResult<*mut PyTypeObject> {
    unsafe {
        let mut base: *mut PyTypeObject = null_mut();
        let mut winner: *mut PyTypeObject = null_mut();
        for &b in bases {
            if !t::is_type(b) {
                return Err(errors::type_error("bases must be types"));
            }
            let bt = b as *mut PyTypeObject;
            if (*bt).tp_flags & Py_TPFLAGS_BASETYPE == 0 {
                return Err(errors::type_error(format!(
                    "type '{}' is not an acceptable base type",
                    t::type_name_full(bt)
                )));
            }
            let candidate = solid_base(bt);
            if winner.is_null() {
                winner = candidate;
                base = bt;
            } else if is_subtype(winner, candidate) {
            } else if is_subtype(candidate, winner) {
                winner = candidate;
                base = bt;
            } else {
                return Err(errors::type_error("multiple bases have instance lay-out conflict"));
            }
        }
        Ok(base)
    }
}

/// Dealloc for instances of heap types that did not provide their own.
pub unsafe extern "C" fn subtype_dealloc(op: *mut PyObject) {
    unsafe {
        let tp = (*op).ob_type;
        let mut base = tp;
        while (*base).tp_dealloc == Some(subtype_dealloc) {
            // Clear the dict a heap layer added (the base that lacks one won't).
            base = (*base).tp_base;
        }
        if (*tp).tp_dictoffset != 0 && (*base).tp_dictoffset == 0 {
            let dp = t::dict_ptr(op);
            if !dp.is_null() {
                clear(dp);
            }
        }
        // Instances hold a reference to their heap type; keep the type alive
        // through the base dealloc, then release it.
        match (*base).tp_dealloc {
            Some(f) => f(op),
            None => t::free_object_memory(op),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp as *mut PyObject);
        }
    }
}

/// `type(name, bases, dict)`.
pub unsafe fn type_new_impl(meta: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let a = tupleobject::as_slice(args);
        if a.len() == 1 && (kw.is_null() || dictobject::len(kw) == 0) && meta == type_type() {
            return Ok(Owned::from_borrowed((*a[0]).ob_type as *mut PyObject));
        }
        if a.len() != 3 {
            return Err(errors::type_error("type() takes 1 or 3 arguments"));
        }
        let (name, bases, dict) = (a[0], a[1], a[2]);
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                t::type_name_str((*name).ob_type)
            )));
        }
        if !tupleobject::is_tuple(bases) {
            return Err(errors::type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                t::type_name_str((*bases).ob_type)
            )));
        }
        if !dictobject::is_dict(dict) {
            return Err(errors::type_error(format!(
                "type.__new__() argument 3 must be dict, not {}",
                t::type_name_str((*dict).ob_type)
            )));
        }
        let bases_owned = if Py_SIZE(bases) == 0 {
            tupleobject::pack(&[t::object_type() as *mut PyObject])?
        } else {
            Owned::from_borrowed(bases)
        };
        let bl = tupleobject::as_slice(bases_owned.as_ptr());
        // The most derived metaclass wins.
        let mut winner = meta;
        for &b in bl {
            let bm = (*b).ob_type;
            if is_subtype(winner, bm) {
                continue;
            }
            if is_subtype(bm, winner) {
                winner = bm;
                continue;
            }
            return Err(errors::type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        let base = best_base(bl)?;
        let d = dictobject::copy(dict)?;
        let tp = new_heap_type(winner, 0)?;
        let tpp = tp.as_ptr() as *mut PyTypeObject;
        let ht = tpp as *mut PyHeapTypeObject;
        (*ht).ht_name = new_ref(name);
        let qn = dictobject::pop_item(d.as_ptr(), unicodeobject::from_str("__qualname__")?.as_ptr())?;
        (*ht).ht_qualname = match qn {
            Some(q) => {
                if !unicodeobject::is_str(q.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "type __qualname__ must be a str, not {}",
                        t::type_name_str(q.type_ptr())
                    )));
                }
                q.into_raw()
            }
            None => new_ref(name),
        };
        let nm = unicodeobject::as_str(name)?;
        (*ht)._ht_tpname = copy_cstr(nm)?;
        (*tpp).tp_name = (*ht)._ht_tpname;
        (*tpp).tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
        (*tpp).tp_base = new_ref(base as *mut PyObject) as *mut PyTypeObject;
        (*tpp).tp_bases = bases_owned.into_raw();
        (*tpp).tp_basicsize = (*base).tp_basicsize;
        (*tpp).tp_itemsize = (*base).tp_itemsize;
        let w = size_of::<*mut PyObject>() as isize;
        if (*base).tp_dictoffset == 0 && (*base).tp_itemsize == 0 {
            (*tpp).tp_dictoffset = (*tpp).tp_basicsize;
            (*tpp).tp_basicsize += w;
        }
        if (*base).tp_weaklistoffset == 0 && (*base).tp_itemsize == 0 {
            (*tpp).tp_weaklistoffset = (*tpp).tp_basicsize;
            (*tpp).tp_basicsize += w;
        }
        (*tpp).tp_dealloc = Some(subtype_dealloc);
        (*tpp).tp_getattro = Some(t::generic_getattr_slot);
        (*tpp).tp_setattro = Some(t::generic_setattr_slot);
        (*tpp).tp_traverse = Some(subtype_traverse);
        (*tpp).tp_free = Some(crate::capi::object::PyObject_GC_Del);
        link_heap_tables(tpp);
        if dictobject::get_item_str(d.as_ptr(), "__module__")?.is_none() {
            let m = unicodeobject::from_str("builtins")?;
            dictobject::set_item_str(d.as_ptr(), "__module__", m.as_ptr())?;
        }
        // Zero-argument super(): the class body's __class__ cell gets the class.
        let classcell = dictobject::pop_item(d.as_ptr(), unicodeobject::from_str("__classcell__")?.as_ptr())?;
        if let Some(c) = &classcell {
            if !super::cellobject::is_cell(c.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    super::abstract_::repr_string(c.type_ptr() as *mut PyObject)
                )));
            }
        }
        (*tpp).tp_dict = d.into_raw();
        t::ready(tpp)?;
        if let Some(c) = classcell {
            super::cellobject::set(c.as_ptr(), tpp as *mut PyObject);
        }
        Ok(tp)
    }
}

unsafe extern "C" fn subtype_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> libc::c_int {
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_dictoffset != 0 {
            let dp = t::dict_ptr(op);
            if !dp.is_null() && !(*dp).is_null() {
                let r = visit(*dp, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let r = visit(tp as *mut PyObject, arg);
            if r != 0 {
                return r;
            }
        }
        let mut base = (*tp).tp_base;
        while !base.is_null() && (*base).tp_traverse == Some(subtype_traverse) {
            base = (*base).tp_base;
        }
        if !base.is_null() {
            if let Some(f) = (*base).tp_traverse {
                return f(op, visit, arg);
            }
        }
        0
    }
}

unsafe fn copy_cstr(s: &str) -> PyResult<*mut c_char> {
    unsafe {
        let p = obmalloc::mem_malloc(s.len() + 1) as *mut u8;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
        Ok(p as *mut c_char)
    }
}

/// Allocate a zeroed heap type object with room for `nmembers` member defs.
unsafe fn new_heap_type(meta: *mut PyTypeObject, nmembers: usize) -> PyResult<Owned> {
    unsafe {
        let tp = t::generic_alloc(meta, nmembers as Py_ssize_t)?;
        let ht = tp.as_ptr() as *mut PyHeapTypeObject;
        (*ht).as_number = PyNumberMethods::EMPTY;
        (*ht).as_sequence = PySequenceMethods::EMPTY;
        (*ht).as_mapping = PyMappingMethods::EMPTY;
        (*ht).as_async = PyAsyncMethods::EMPTY;
        (*ht).as_buffer = PyBufferProcs::EMPTY;
        Ok(tp)
    }
}

unsafe fn link_heap_tables(tp: *mut PyTypeObject) {
    unsafe {
        let ht = tp as *mut PyHeapTypeObject;
        (*tp).tp_as_async = &raw mut (*ht).as_async;
        (*tp).tp_as_number = &raw mut (*ht).as_number;
        (*tp).tp_as_sequence = &raw mut (*ht).as_sequence;
        (*tp).tp_as_mapping = &raw mut (*ht).as_mapping;
        (*tp).tp_as_buffer = &raw mut (*ht).as_buffer;
    }
}

/// The members a heap type's variable part holds.
unsafe fn heap_members(tp: *mut PyTypeObject) -> *mut PyMemberDef {
    unsafe { (tp as *mut u8).add(size_of::<PyHeapTypeObject>()) as *mut PyMemberDef }
}

/// `PyType_FromMetaclass`-style creation from a spec (3.11 entry points:
/// `PyType_FromSpec`, `…WithBases`, `PyType_FromModuleAndSpec`).
pub unsafe fn from_spec(module: *mut PyObject, spec: *mut PyType_Spec, bases_in: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if spec.is_null() || (*spec).name.is_null() {
            return Err(errors::bad_internal_call());
        }
        let full = std::ffi::CStr::from_ptr((*spec).name).to_string_lossy().into_owned();
        let (modname, shortname) = match full.rfind('.') {
            Some(i) => (Some(full[..i].to_string()), full[i + 1..].to_string()),
            None => (None, full.clone()),
        };
        // Scan slots once: count members, find bases.
        let mut nmembers = 0usize;
        let mut base_slot: *mut PyTypeObject = null_mut();
        let mut bases_slot: *mut PyObject = null_mut();
        let mut weaklistoffset = 0isize;
        let mut dictoffset = 0isize;
        let mut vectorcalloffset = 0isize;
        let mut s = (*spec).slots;
        while !s.is_null() && (*s).slot != 0 {
            match (*s).slot {
                Py_tp_members => {
                    let mut m = (*s).pfunc as *mut PyMemberDef;
                    while !(*m).name.is_null() {
                        nmembers += 1;
                        let n = std::ffi::CStr::from_ptr((*m).name).to_bytes();
                        if n == b"__weaklistoffset__" {
                            weaklistoffset = (*m).offset;
                        } else if n == b"__dictoffset__" {
                            dictoffset = (*m).offset;
                        } else if n == b"__vectorcalloffset__" {
                            vectorcalloffset = (*m).offset;
                        }
                        m = m.add(1);
                    }
                }
                Py_tp_base => base_slot = (*s).pfunc as *mut PyTypeObject,
                Py_tp_bases => bases_slot = (*s).pfunc as *mut PyObject,
                x if !(1..=Py_am_send).contains(&x) => {
                    return Err(errors::runtime_error(format!("invalid slot offset")));
                }
                _ => {}
            }
            s = s.add(1);
        }
        let bases = if !bases_in.is_null() {
            if tupleobject::is_tuple(bases_in) {
                Owned::from_borrowed(bases_in)
            } else {
                tupleobject::pack(&[bases_in])?
            }
        } else if !bases_slot.is_null() {
            Owned::from_borrowed(bases_slot)
        } else if !base_slot.is_null() {
            tupleobject::pack(&[base_slot as *mut PyObject])?
        } else {
            tupleobject::pack(&[t::object_type() as *mut PyObject])?
        };
        for &b in tupleobject::as_slice(bases.as_ptr()) {
            if !t::is_type(b) {
                return Err(errors::type_error("bases must be types"));
            }
            if (*(b as *mut PyTypeObject)).tp_flags & Py_TPFLAGS_READY == 0 {
                t::ready(b as *mut PyTypeObject)?;
            }
        }
        let base = best_base(tupleobject::as_slice(bases.as_ptr()))?;
        let tp = new_heap_type(type_type(), nmembers)?;
        let tpp = tp.as_ptr() as *mut PyTypeObject;
        let ht = tpp as *mut PyHeapTypeObject;
        link_heap_tables(tpp);
        (*ht).ht_name = unicodeobject::from_str(&shortname)?.into_raw();
        (*ht).ht_qualname = new_ref((*ht).ht_name);
        (*ht)._ht_tpname = copy_cstr(&full)?;
        (*tpp).tp_name = (*ht)._ht_tpname;
        (*tpp).tp_flags = (*spec).flags as libc::c_ulong | Py_TPFLAGS_HEAPTYPE;
        if (*tpp).tp_flags & Py_TPFLAGS_HAVE_FINALIZE != 0 {
            (*tpp).tp_flags &= !Py_TPFLAGS_HAVE_FINALIZE;
        }
        (*tpp).tp_base = new_ref(base as *mut PyObject) as *mut PyTypeObject;
        (*tpp).tp_bases = bases.into_raw();
        (*tpp).tp_basicsize = if (*spec).basicsize != 0 { (*spec).basicsize as isize } else { (*base).tp_basicsize };
        (*tpp).tp_itemsize = if (*spec).itemsize != 0 { (*spec).itemsize as isize } else { (*base).tp_itemsize };
        if !module.is_null() {
            (*ht).ht_module = new_ref(module);
        }
        let mut s = (*spec).slots;
        while !s.is_null() && (*s).slot != 0 {
            let p = (*s).pfunc;
            set_slot(tpp, (*s).slot, p)?;
            s = s.add(1);
        }
        if nmembers > 0 {
            // Copy the members into the type so the spec may go away.
            let mut s = (*spec).slots;
            while (*s).slot != 0 {
                if (*s).slot == Py_tp_members {
                    core::ptr::copy_nonoverlapping((*s).pfunc as *const PyMemberDef, heap_members(tpp), nmembers);
                    (*tpp).tp_members = heap_members(tpp);
                }
                s = s.add(1);
            }
        }
        if weaklistoffset != 0 {
            (*tpp).tp_weaklistoffset = weaklistoffset;
        }
        if dictoffset != 0 {
            (*tpp).tp_dictoffset = dictoffset;
        }
        if vectorcalloffset != 0 {
            (*tpp).tp_vectorcall_offset = vectorcalloffset;
        }
        if (*tpp).tp_dealloc.is_none() {
            (*tpp).tp_dealloc = Some(subtype_dealloc);
        }
        t::ready(tpp)?;
        let d = (*tpp).tp_dict;
        if dictobject::get_item_str(d, "__module__")?.is_none() {
            if let Some(m) = modname {
                let ms = unicodeobject::from_str(&m)?;
                dictobject::set_item_str(d, "__module__", ms.as_ptr())?;
            }
        }
        Ok(tp)
    }
}

macro_rules! set_fn {
    ($dst:expr, $p:expr) => {
        $dst = if $p.is_null() { None } else { Some(core::mem::transmute($p)) }
    };
}

unsafe fn set_slot(tp: *mut PyTypeObject, slot: libc::c_int, p: *mut c_void) -> PyResult<()> {
    unsafe {
        let t = &mut *tp;
        let nb = &mut *t.tp_as_number;
        let sq = &mut *t.tp_as_sequence;
        let mp = &mut *t.tp_as_mapping;
        let am = &mut *t.tp_as_async;
        let bf = &mut *t.tp_as_buffer;
        match slot {
            Py_bf_getbuffer => set_fn!(bf.bf_getbuffer, p),
            Py_bf_releasebuffer => set_fn!(bf.bf_releasebuffer, p),
            Py_mp_ass_subscript => set_fn!(mp.mp_ass_subscript, p),
            Py_mp_length => set_fn!(mp.mp_length, p),
            Py_mp_subscript => set_fn!(mp.mp_subscript, p),
            Py_nb_absolute => set_fn!(nb.nb_absolute, p),
            Py_nb_add => set_fn!(nb.nb_add, p),
            Py_nb_and => set_fn!(nb.nb_and, p),
            Py_nb_bool => set_fn!(nb.nb_bool, p),
            Py_nb_divmod => set_fn!(nb.nb_divmod, p),
            Py_nb_float => set_fn!(nb.nb_float, p),
            Py_nb_floor_divide => set_fn!(nb.nb_floor_divide, p),
            Py_nb_index => set_fn!(nb.nb_index, p),
            Py_nb_inplace_add => set_fn!(nb.nb_inplace_add, p),
            Py_nb_inplace_and => set_fn!(nb.nb_inplace_and, p),
            Py_nb_inplace_floor_divide => set_fn!(nb.nb_inplace_floor_divide, p),
            Py_nb_inplace_lshift => set_fn!(nb.nb_inplace_lshift, p),
            Py_nb_inplace_multiply => set_fn!(nb.nb_inplace_multiply, p),
            Py_nb_inplace_or => set_fn!(nb.nb_inplace_or, p),
            Py_nb_inplace_power => set_fn!(nb.nb_inplace_power, p),
            Py_nb_inplace_remainder => set_fn!(nb.nb_inplace_remainder, p),
            Py_nb_inplace_rshift => set_fn!(nb.nb_inplace_rshift, p),
            Py_nb_inplace_subtract => set_fn!(nb.nb_inplace_subtract, p),
            Py_nb_inplace_true_divide => set_fn!(nb.nb_inplace_true_divide, p),
            Py_nb_inplace_xor => set_fn!(nb.nb_inplace_xor, p),
            Py_nb_int => set_fn!(nb.nb_int, p),
            Py_nb_invert => set_fn!(nb.nb_invert, p),
            Py_nb_lshift => set_fn!(nb.nb_lshift, p),
            Py_nb_multiply => set_fn!(nb.nb_multiply, p),
            Py_nb_negative => set_fn!(nb.nb_negative, p),
            Py_nb_or => set_fn!(nb.nb_or, p),
            Py_nb_positive => set_fn!(nb.nb_positive, p),
            Py_nb_power => set_fn!(nb.nb_power, p),
            Py_nb_remainder => set_fn!(nb.nb_remainder, p),
            Py_nb_rshift => set_fn!(nb.nb_rshift, p),
            Py_nb_subtract => set_fn!(nb.nb_subtract, p),
            Py_nb_true_divide => set_fn!(nb.nb_true_divide, p),
            Py_nb_xor => set_fn!(nb.nb_xor, p),
            Py_nb_matrix_multiply => set_fn!(nb.nb_matrix_multiply, p),
            Py_nb_inplace_matrix_multiply => set_fn!(nb.nb_inplace_matrix_multiply, p),
            Py_sq_ass_item => set_fn!(sq.sq_ass_item, p),
            Py_sq_concat => set_fn!(sq.sq_concat, p),
            Py_sq_contains => set_fn!(sq.sq_contains, p),
            Py_sq_inplace_concat => set_fn!(sq.sq_inplace_concat, p),
            Py_sq_inplace_repeat => set_fn!(sq.sq_inplace_repeat, p),
            Py_sq_item => set_fn!(sq.sq_item, p),
            Py_sq_length => set_fn!(sq.sq_length, p),
            Py_sq_repeat => set_fn!(sq.sq_repeat, p),
            Py_am_await => set_fn!(am.am_await, p),
            Py_am_aiter => set_fn!(am.am_aiter, p),
            Py_am_anext => set_fn!(am.am_anext, p),
            Py_am_send => set_fn!(am.am_send, p),
            Py_tp_alloc => set_fn!(t.tp_alloc, p),
            Py_tp_base | Py_tp_bases | Py_tp_members => {}
            Py_tp_call => set_fn!(t.tp_call, p),
            Py_tp_clear => set_fn!(t.tp_clear, p),
            Py_tp_dealloc => set_fn!(t.tp_dealloc, p),
            Py_tp_del => set_fn!(t.tp_del, p),
            Py_tp_descr_get => set_fn!(t.tp_descr_get, p),
            Py_tp_descr_set => set_fn!(t.tp_descr_set, p),
            Py_tp_doc => {
                if p.is_null() {
                    t.tp_doc = core::ptr::null();
                } else {
                    let s = std::ffi::CStr::from_ptr(p as *const c_char).to_string_lossy();
                    t.tp_doc = copy_cstr(&s)?;
                }
            }
            Py_tp_getattr => set_fn!(t.tp_getattr, p),
            Py_tp_getattro => set_fn!(t.tp_getattro, p),
            Py_tp_hash => set_fn!(t.tp_hash, p),
            Py_tp_init => set_fn!(t.tp_init, p),
            Py_tp_is_gc => set_fn!(t.tp_is_gc, p),
            Py_tp_iter => set_fn!(t.tp_iter, p),
            Py_tp_iternext => set_fn!(t.tp_iternext, p),
            Py_tp_methods => t.tp_methods = p as *mut PyMethodDef,
            Py_tp_new => set_fn!(t.tp_new, p),
            Py_tp_repr => set_fn!(t.tp_repr, p),
            Py_tp_richcompare => set_fn!(t.tp_richcompare, p),
            Py_tp_setattr => set_fn!(t.tp_setattr, p),
            Py_tp_setattro => set_fn!(t.tp_setattro, p),
            Py_tp_str => set_fn!(t.tp_str, p),
            Py_tp_traverse => set_fn!(t.tp_traverse, p),
            Py_tp_getset => t.tp_getset = p as *mut PyGetSetDef,
            Py_tp_free => set_fn!(t.tp_free, p),
            Py_tp_finalize => set_fn!(t.tp_finalize, p),
            _ => return Err(errors::runtime_error("invalid slot offset")),
        }
        Ok(())
    }
}
