//! Struct sequences (CPython's `Objects/structseq.c`): tuple subclasses with
//! named fields, like `os.stat_result` and `sys.int_info`.
//!
//! Design note. An instance is a tuple allocated with room for all `n_fields`
//! items whose `ob_size` is only the visible part (`n_sequence_fields`): the
//! tuple protocol (len, indexing, iteration, hash, compare) sees the visible
//! items, attributes (read-only `T_OBJECT` members at the item offsets) see the
//! named ones, hidden ones included. The counts live in the type's dict as
//! CPython keeps them (`n_sequence_fields`, `n_fields`, `n_unnamed_fields`),
//! and dealloc reads `n_fields` from there to release every item. A field whose
//! name is the `PyStructSequence_UnnamedField` pointer has no attribute.
use super::object::*;
use super::pyref::*;
use super::{dictobject, longobject, tupleobject, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_void};

#[repr(C)]
pub struct PyStructSequence_Field {
    pub name: *const c_char,
    pub doc: *const c_char,
}

#[repr(C)]
pub struct PyStructSequence_Desc {
    pub name: *const c_char,
    pub doc: *const c_char,
    pub fields: *mut PyStructSequence_Field,
    pub n_in_sequence: c_int,
}

/// The name marking a field with no attribute (compared by pointer, as in CPython).
#[no_mangle]
pub static mut PyStructSequence_UnnamedField: *const c_char = c"unnamed field".as_ptr();

unsafe fn is_unnamed(name: *const c_char) -> bool {
    unsafe { name == PyStructSequence_UnnamedField }
}

/// Offset of item `i` in an instance.
fn item_offset(i: usize) -> Py_ssize_t {
    (offset_of!(tupleobject::PyTupleObject, ob_item) + i * size_of::<*mut PyObject>()) as Py_ssize_t
}

/// (all fields, unnamed fields) of a description.
unsafe fn count_fields(desc: *const PyStructSequence_Desc) -> (usize, usize) {
    unsafe {
        let (mut n, mut unnamed) = (0, 0);
        while !(*(*desc).fields.add(n)).name.is_null() {
            if is_unnamed((*(*desc).fields.add(n)).name) {
                unnamed += 1;
            }
            n += 1;
        }
        (n, unnamed)
    }
}

/// A NULL-terminated member table for the named fields (kept for the life
/// of the process: types outlive the tables they point to).
unsafe fn members(desc: *const PyStructSequence_Desc) -> *mut PyMemberDef {
    unsafe {
        let (n, _) = count_fields(desc);
        let mut v = Vec::with_capacity(n + 1);
        for i in 0..n {
            let f = &*(*desc).fields.add(i);
            if is_unnamed(f.name) {
                continue;
            }
            v.push(PyMemberDef { name: f.name, r#type: T_OBJECT, offset: item_offset(i), flags: READONLY, doc: f.doc });
        }
        v.push(PyMemberDef { name: null_mut(), r#type: 0, offset: 0, flags: 0, doc: null_mut() });
        Box::leak(v.into_boxed_slice()).as_mut_ptr()
    }
}

unsafe fn check_desc(desc: *const PyStructSequence_Desc) -> PyResult<(usize, usize, usize)> {
    unsafe {
        if desc.is_null() || (*desc).name.is_null() || (*desc).fields.is_null() {
            return Err(errors::bad_internal_call());
        }
        let (n, unnamed) = count_fields(desc);
        let visible = (*desc).n_in_sequence;
        if visible < 0 || visible as usize > n {
            return Err(errors::bad_internal_call());
        }
        Ok((visible as usize, n, unnamed))
    }
}

/// Record the counts and `__match_args__` in the type's dict.
unsafe fn set_counts(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc, visible: usize, n: usize, unnamed: usize) -> PyResult<()> {
    unsafe {
        let d = (*tp).tp_dict;
        if d.is_null() {
            return Err(errors::system_error("struct sequence type has no dict"));
        }
        dictobject::set_item_str(d, "n_sequence_fields", longobject::from_isize(visible as isize)?.as_ptr())?;
        dictobject::set_item_str(d, "n_fields", longobject::from_isize(n as isize)?.as_ptr())?;
        dictobject::set_item_str(d, "n_unnamed_fields", longobject::from_isize(unnamed as isize)?.as_ptr())?;
        let mut names = Vec::new();
        for i in 0..visible {
            let f = &*(*desc).fields.add(i);
            if !is_unnamed(f.name) {
                names.push(unicodeobject::from_str(&std::ffi::CStr::from_ptr(f.name).to_string_lossy())?);
            }
        }
        dictobject::set_item_str(d, "__match_args__", tupleobject::from_owned(names)?.as_ptr())?;
        Ok(())
    }
}

/// An integer entry of the type's dict (the counts above).
unsafe fn count(tp: *mut PyTypeObject, key: &str) -> PyResult<usize> {
    unsafe {
        let v = typeobject::lookup_str(tp, key)?;
        if v.is_null() || !longobject::is_long(v) {
            return Err(errors::type_error(format!("struct sequence type lacks {}", key)));
        }
        Ok(longobject::as_i64(v).unwrap_or(0).max(0) as usize)
    }
}

/// `PyStructSequence_InitType2`: make the caller's (static, zeroed) type
/// object a struct-sequence type and ready it.
pub unsafe fn init_type(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc) -> PyResult<()> {
    unsafe {
        let (visible, n, unnamed) = check_desc(desc)?;
        if (*tp).tp_flags & Py_TPFLAGS_READY != 0 {
            return Err(errors::runtime_error(format!(
                "Can't initialize type {}: already initialized",
                std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy()
            )));
        }
        // A type reset by a previous finalisation still holds the slots it
        // inherited then (tp_free of a GC base …): start from a blank type.
        core::ptr::write(tp, PyTypeObject::new(c"", 0, 0));
        (*tp).ob_base.ob_base.ob_refcnt = 1;
        (*tp).ob_base.ob_base.ob_type = &raw mut typeobject::PyType_Type;
        (*tp).tp_name = (*desc).name;
        (*tp).tp_basicsize = offset_of!(tupleobject::PyTupleObject, ob_item) as Py_ssize_t;
        (*tp).tp_itemsize = size_of::<*mut PyObject>() as Py_ssize_t;
        (*tp).tp_dealloc = Some(structseq_dealloc);
        (*tp).tp_repr = Some(structseq_repr);
        (*tp).tp_doc = (*desc).doc;
        (*tp).tp_base = &raw mut tupleobject::PyTuple_Type;
        (*tp).tp_methods = &raw mut STRUCTSEQ_METHODS as *mut PyMethodDef;
        (*tp).tp_new = Some(structseq_new);
        (*tp).tp_flags = Py_TPFLAGS_DEFAULT;
        (*tp).tp_members = members(desc);
        typeobject::ready(tp)?;
        set_counts(tp, desc, visible, n, unnamed)
    }
}

/// `PyStructSequence_NewType`: a new heap type for `desc`.
pub unsafe fn new_type(desc: *const PyStructSequence_Desc) -> PyResult<Owned> {
    unsafe {
        let (visible, n, unnamed) = check_desc(desc)?;
        let mut slots = [
            PyType_Slot { slot: Py_tp_dealloc, pfunc: structseq_dealloc as *mut c_void },
            PyType_Slot { slot: Py_tp_repr, pfunc: structseq_repr as *mut c_void },
            PyType_Slot { slot: Py_tp_doc, pfunc: (*desc).doc as *mut c_void },
            PyType_Slot { slot: Py_tp_methods, pfunc: &raw mut STRUCTSEQ_METHODS as *mut c_void },
            PyType_Slot { slot: Py_tp_new, pfunc: structseq_new as *mut c_void },
            PyType_Slot { slot: Py_tp_members, pfunc: members(desc) as *mut c_void },
            PyType_Slot { slot: 0, pfunc: null_mut() },
        ];
        if (*desc).doc.is_null() {
            slots[2] = PyType_Slot { slot: Py_tp_doc, pfunc: c"".as_ptr() as *mut c_void };
        }
        let mut spec = PyType_Spec {
            name: (*desc).name,
            basicsize: offset_of!(tupleobject::PyTupleObject, ob_item) as c_int,
            itemsize: size_of::<*mut PyObject>() as c_int,
            flags: Py_TPFLAGS_DEFAULT as libc::c_uint,
            slots: slots.as_mut_ptr(),
        };
        let bases = tupleobject::pack(&[&raw mut tupleobject::PyTuple_Type as *mut PyObject])?;
        let tp = super::typeobject_new::from_spec(null_mut(), &mut spec, bases.as_ptr())?;
        set_counts(tp.as_ptr() as *mut PyTypeObject, desc, visible, n, unnamed)?;
        Ok(tp)
    }
}

/// `PyStructSequence_New`: an instance with every item NULL (the caller
/// fills them with `PyStructSequence_SetItem`).
pub unsafe fn new(tp: *mut PyTypeObject) -> PyResult<Owned> {
    unsafe {
        let n = count(tp, "n_fields")?;
        let visible = count(tp, "n_sequence_fields")?;
        let op = typeobject::generic_alloc(tp, n as Py_ssize_t)?;
        Py_SET_SIZE(op.as_ptr(), visible as Py_ssize_t);
        Ok(op)
    }
}

/// All items, hidden ones included (0 if the type lost its counts).
pub unsafe fn real_size(op: *mut PyObject) -> usize {
    unsafe { count((*op).ob_type, "n_fields").unwrap_or_else(|_| { errors::clear(); Py_SIZE(op) as usize }) }
}

/// Item `i` (borrowed) if `i` is within all fields.
pub unsafe fn item_slot(op: *mut PyObject, i: Py_ssize_t) -> PyResult<*mut *mut PyObject> {
    unsafe {
        if i < 0 || i as usize >= real_size(op) {
            return Err(errors::index_error("tuple index out of range"));
        }
        Ok((op as *mut u8).offset(item_offset(i as usize)) as *mut *mut PyObject)
    }
}

unsafe extern "C" fn structseq_dealloc(op: *mut PyObject) {
    unsafe {
        let tp = (*op).ob_type;
        let n = real_size(op);
        for i in 0..n {
            let p = (op as *mut u8).offset(item_offset(i)) as *mut *mut PyObject;
            xdecref(*p);
        }
        typeobject::free_instance(op);
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp as *mut PyObject);
        }
    }
}

/// `typename(field=value, ...)` over the visible fields.
unsafe extern "C" fn structseq_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let mut out = typeobject::type_name_str(tp);
        out.push('(');
        let members = (*tp).tp_members;
        for i in 0..Py_SIZE(op) as usize {
            if i > 0 {
                out.push_str(", ");
            }
            let m = if members.is_null() { null_mut() } else { members.add(i) };
            if m.is_null() || (*m).name.is_null() {
                return Err(errors::system_error(format!(
                    "In structseq_repr(), member {} name is NULL for type {}",
                    i,
                    typeobject::type_name_str(tp)
                )));
            }
            out.push_str(&std::ffi::CStr::from_ptr((*m).name).to_string_lossy());
            out.push('=');
            let r = super::abstract_::repr(tupleobject::get_item(op, i as Py_ssize_t))?;
            out.push_str(&unicodeobject::to_string_lossy(r.as_ptr()));
        }
        out.push(')');
        unicodeobject::from_str(&out)
    })
}

/// `type(sequence, dict=None)`: the visible items from `sequence`, hidden
/// ones from `sequence` too or else from `dict` by name (None if absent).
unsafe extern "C" fn structseq_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = super::stringlib::parse_args("structseq", args, kw, &["sequence", "dict"], 1)?;
        let items = super::abstract_::collect(a[0]).map_err(|e| {
            if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                errors::clear();
                errors::type_error("constructor requires a sequence")
            } else {
                e
            }
        })?;
        let mut dict = a[1];
        let tname = typeobject::type_name_str(tp);
        if dict == super::noneobject::none_ptr() {
            dict = null_mut();
        }
        if !dict.is_null() && !dictobject::is_dict(dict) {
            return Err(errors::type_error(format!("{}() takes a dict as second arg, if any", tname)));
        }
        let (min, max, unnamed) = (count(tp, "n_sequence_fields")?, count(tp, "n_fields")?, count(tp, "n_unnamed_fields")?);
        let len = items.len();
        if len < min || len > max {
            let (kind, want) = if min == max {
                ("a", min)
            } else if len < min {
                ("an at least", min)
            } else {
                ("an at most", max)
            };
            return Err(errors::type_error(format!("{}() takes {} {}-sequence ({}-sequence given)", tname, kind, want, len)));
        }
        let res = new(tp)?;
        for (i, it) in items.into_iter().enumerate() {
            *item_slot(res.as_ptr(), i as Py_ssize_t)? = it.into_raw();
        }
        for i in len..max {
            let mut v = super::noneobject::none_ptr();
            let mut held = None;
            if !dict.is_null() {
                let m = (*tp).tp_members.add(i - unnamed);
                let name = std::ffi::CStr::from_ptr((*m).name).to_string_lossy();
                if let Some(x) = dictobject::get_item_str(dict, &name)? {
                    v = x.as_ptr();
                    held = Some(x);
                }
            }
            *item_slot(res.as_ptr(), i as Py_ssize_t)? = Owned::from_borrowed(v).into_raw();
            drop(held);
        }
        Ok(res)
    })
}

static mut STRUCTSEQ_METHODS: [PyMethodDef; 1] = [PyMethodDef::SENTINEL];

// ---- sys.int_info and sys.float_info (PyLong_GetInfo, PyFloat_GetInfo) ----

macro_rules! field {
    ($name:literal, $doc:literal) => {
        PyStructSequence_Field { name: $name.as_ptr(), doc: $doc.as_ptr() }
    };
}
const END_FIELD: PyStructSequence_Field = PyStructSequence_Field { name: core::ptr::null(), doc: core::ptr::null() };

static mut INT_INFO_FIELDS: [PyStructSequence_Field; 5] = [
    field!(c"bits_per_digit", c"size of a digit in bits"),
    field!(c"sizeof_digit", c"size in bytes of the C type used to represent a digit"),
    field!(c"default_max_str_digits", c"maximum string conversion digits limitation"),
    field!(c"str_digits_check_threshold", c"minimum positive value for int_max_str_digits"),
    END_FIELD,
];
static mut INT_INFO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.int_info".as_ptr(),
    doc: c"sys.int_info\n\nA named tuple that holds information about Python's\ninternal representation of integers.  The attributes are read only.".as_ptr(),
    fields: &raw mut INT_INFO_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 4,
};
static mut INT_INFO_TYPE: PyTypeObject = PyTypeObject::new(c"sys.int_info", 0, 0);

static mut FLOAT_INFO_FIELDS: [PyStructSequence_Field; 12] = [
    field!(c"max", c"DBL_MAX -- maximum representable finite float"),
    field!(c"max_exp", c"DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"),
    field!(c"max_10_exp", c"DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"),
    field!(c"min", c"DBL_MIN -- Minimum positive normalized float"),
    field!(c"min_exp", c"DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"),
    field!(c"min_10_exp", c"DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized float"),
    field!(c"dig", c"DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a float"),
    field!(c"mant_dig", c"DBL_MANT_DIG -- mantissa digits"),
    field!(c"epsilon", c"DBL_EPSILON -- Difference between 1 and the next representable float"),
    field!(c"radix", c"FLT_RADIX -- radix of exponent"),
    field!(c"rounds", c"FLT_ROUNDS -- rounding mode used for arithmetic operations"),
    END_FIELD,
];
static mut FLOAT_INFO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.float_info".as_ptr(),
    doc: c"sys.float_info\n\nA named tuple holding information about the float type. It contains low level\ninformation about the precision and internal representation. Please study\nyour system's :file:`float.h` for more information.".as_ptr(),
    fields: &raw mut FLOAT_INFO_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 11,
};
static mut FLOAT_INFO_TYPE: PyTypeObject = PyTypeObject::new(c"sys.float_info", 0, 0);

/// A fresh instance of a built-in struct-sequence type filled with `values`
/// (the type is set up on first use, again after a finalisation reset it).
unsafe fn info(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc, values: Vec<Owned>) -> PyResult<Owned> {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            init_type(tp, desc)?;
        }
        let r = new(tp)?;
        for (i, v) in values.into_iter().enumerate() {
            *item_slot(r.as_ptr(), i as Py_ssize_t)? = v.into_raw();
        }
        Ok(r)
    }
}

/// `sys.int_info` as CPython 3.11 reports it (30-bit digits, 4300 digits).
pub fn int_info() -> PyResult<Owned> {
    let i = |v: isize| longobject::from_isize(v);
    unsafe {
        info(
            &raw mut INT_INFO_TYPE,
            &raw const INT_INFO_DESC,
            vec![i(30)?, i(size_of::<u32>() as isize)?, i(4300)?, i(640)?],
        )
    }
}

/// `sys.float_info`: IEEE-754 binary64.
pub fn float_info() -> PyResult<Owned> {
    let i = |v: isize| longobject::from_isize(v);
    let f = |v: f64| super::floatobject::from_f64(v);
    unsafe {
        info(
            &raw mut FLOAT_INFO_TYPE,
            &raw const FLOAT_INFO_DESC,
            vec![
                f(f64::MAX)?,
                i(f64::MAX_EXP as isize)?,
                i(f64::MAX_10_EXP as isize)?,
                f(f64::MIN_POSITIVE)?,
                i(f64::MIN_EXP as isize)?,
                i(f64::MIN_10_EXP as isize)?,
                i(f64::DIGITS as isize)?,
                i(f64::MANTISSA_DIGITS as isize)?,
                f(f64::EPSILON)?,
                i(f64::RADIX as isize)?,
                i(1)?,
            ],
        )
    }
}
