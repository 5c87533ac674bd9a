//! `memoryview` (CPython's `Objects/memoryobject.c`), the essentials.
//!
//! Design note. A *root* view owns one buffer obtained from the exporter
//! (`view.obj` holds the exporter; NULL for `PyMemoryView_FromMemory` and
//! `FromBuffer`, which own nothing). A *derived* view (a slice) copies the
//! root's view with its own `buf`/shape/strides and keeps the root alive
//! through `mbuf`; it never releases the exporter's buffer. The root releases
//! it when it is released (`release()`, `__exit__`) or deallocated, but only
//! once no derived view is alive (counted in the high bits of `flags`), so a slice keeps working after
//! its parent's `release()`, as in CPython. Shape and strides live in the
//! object's tail (`ob_array`: ndim shapes then ndim strides). Buffers exported
//! from a view (`exports`) forbid `release()` (BufferError). Items are unpacked
//! for the native single-character struct formats.
//!
//! Not yet: item assignment, multi-dimensional indexing and `tolist()` past
//! one dimension, `cast()`, `hex()`, and iteration through `tp_iter` (the
//! sequence protocol iterates).
use super::buffer;
use super::object::*;
use super::pyref::*;
use super::{longobject, tupleobject, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_void};

/// CPython 3.11's layout up to `view` (so `PyMemoryView_GET_BUFFER` works).
#[repr(C)]
pub struct PyMemoryViewObject {
    pub ob_base: PyVarObject,
    /// The root view of a derived view (strong), else NULL.
    pub mbuf: *mut PyObject,
    pub hash: Py_hash_t,
    pub flags: c_int,
    pub exports: Py_ssize_t,
    pub view: Py_buffer,
    pub weakreflist: *mut PyObject,
    pub ob_array: [Py_ssize_t; 1],
}

/// `flags` keeps CPython's bits in its low byte; the bits above count the
/// derived views alive (roots only), so the struct keeps CPython's layout.
const DERIVED_UNIT: c_int = 1 << 8;

unsafe fn derived(m: *mut PyMemoryViewObject) -> c_int {
    unsafe { (*m).flags >> 8 }
}

const RELEASED: c_int = 1;
/// The root's exporter buffer has been given back.
const BUFFER_GONE: c_int = 2;

#[no_mangle]
pub static mut PyMemoryView_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    tp_dealloc: Some(memory_dealloc),
    tp_repr: Some(memory_repr),
    tp_hash: Some(memory_hash),
    tp_richcompare: Some(memory_richcompare),
    tp_as_sequence: &raw mut MEMORY_AS_SEQUENCE,
    tp_as_mapping: &raw mut MEMORY_AS_MAPPING,
    tp_as_buffer: &raw mut MEMORY_AS_BUFFER,
    tp_methods: &raw mut MEMORY_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut MEMORY_GETSET as *mut PyGetSetDef,
    tp_new: Some(memory_new),
    tp_doc: c"Create a new memoryview object which references the given object.".as_ptr(),
    ..PyTypeObject::new(
        c"memoryview",
        core::mem::offset_of!(PyMemoryViewObject, ob_array),
        core::mem::size_of::<Py_ssize_t>(),
    )
};

static mut MEMORY_AS_SEQUENCE: PySequenceMethods =
    PySequenceMethods { sq_length: Some(memory_length), sq_item: Some(memory_item), ..PySequenceMethods::EMPTY };
static mut MEMORY_AS_MAPPING: PyMappingMethods =
    PyMappingMethods { mp_length: Some(memory_length), mp_subscript: Some(memory_subscript), mp_ass_subscript: None };
static mut MEMORY_AS_BUFFER: PyBufferProcs =
    PyBufferProcs { bf_getbuffer: Some(memory_getbuf), bf_releasebuffer: Some(memory_releasebuf) };

pub unsafe fn is_memoryview(op: *mut PyObject) -> bool {
    unsafe { typeobject::type_check(op, &raw mut PyMemoryView_Type) }
}

unsafe fn mv(op: *mut PyObject) -> *mut PyMemoryViewObject {
    op as *mut PyMemoryViewObject
}

unsafe fn check_released(op: *mut PyObject) -> PyResult<*mut PyMemoryViewObject> {
    unsafe {
        let m = mv(op);
        if (*m).flags & RELEASED != 0 {
            return Err(errors::value_error("operation forbidden on released memoryview object"));
        }
        Ok(m)
    }
}

/// A new view object copying `src` (buf, len, format …) with room for its
/// shape and strides, which are copied too (or made up for ndim 1 without).
unsafe fn alloc_view(src: &Py_buffer) -> PyResult<Owned> {
    unsafe {
        let ndim = src.ndim.max(0) as usize;
        let o = typeobject::generic_alloc(&raw mut PyMemoryView_Type, (2 * ndim).max(1) as Py_ssize_t)?;
        let m = mv(o.as_ptr());
        (*m).hash = -1;
        (*m).view = Py_buffer { ..*src };
        if (*m).view.format.is_null() {
            (*m).view.format = c"B".as_ptr() as *mut c_char;
        }
        if (*m).view.itemsize == 0 {
            (*m).view.itemsize = 1;
        }
        let arr = (*m).ob_array.as_mut_ptr();
        let shape = arr;
        let strides = arr.add(ndim);
        for i in 0..ndim {
            *shape.add(i) = if src.shape.is_null() {
                if ndim == 1 { src.len / (*m).view.itemsize } else { 0 }
            } else {
                *src.shape.add(i)
            };
        }
        if src.strides.is_null() {
            let mut sd = (*m).view.itemsize;
            for i in (0..ndim).rev() {
                *strides.add(i) = sd;
                sd *= *shape.add(i);
            }
        } else {
            for i in 0..ndim {
                *strides.add(i) = *src.strides.add(i);
            }
        }
        (*m).view.shape = if ndim > 0 { shape } else { null_mut() };
        (*m).view.strides = if ndim > 0 { strides } else { null_mut() };
        (*m).view.suboffsets = null_mut();
        Ok(o)
    }
}

/// `memoryview(obj)` / `PyMemoryView_FromObject`.
pub unsafe fn from_object(obj: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if is_memoryview(obj) {
            let src = check_released(obj)?;
            return derive(obj, &(*src).view);
        }
        let tp = (*obj).ob_type;
        if (*tp).tp_as_buffer.is_null() || (*(*tp).tp_as_buffer).bf_getbuffer.is_none() {
            return Err(errors::type_error(format!(
                "memoryview: a bytes-like object is required, not '{}'",
                typeobject::type_name_str(tp)
            )));
        }
        let mut view = buffer::empty_view();
        buffer::get(obj, &mut view, buffer::PyBUF_FULL_RO)?;
        let r = alloc_view(&view);
        if r.is_err() {
            buffer::release(&mut view);
        }
        r
    }
}

/// A view sharing `parent`'s root buffer, described by `view` (no owned obj).
unsafe fn derive(parent: *mut PyObject, view: &Py_buffer) -> PyResult<Owned> {
    unsafe {
        let root = if (*mv(parent)).mbuf.is_null() { parent } else { (*mv(parent)).mbuf };
        let o = alloc_view(view)?;
        let m = mv(o.as_ptr());
        if !(*m).view.obj.is_null() {
            incref((*m).view.obj);
        }
        (*m).mbuf = root;
        incref(root);
        (*mv(root)).flags += DERIVED_UNIT;
        Ok(o)
    }
}

/// `PyMemoryView_FromMemory`: a 1-D unsigned-byte view of `size` bytes at
/// `mem`, read-only for `PyBUF_READ`, writable for `PyBUF_WRITE`.
pub unsafe fn from_memory(mem: *mut c_char, size: Py_ssize_t, flags: c_int) -> PyResult<Owned> {
    unsafe {
        if mem.is_null() || size < 0 || (flags != buffer::PyBUF_READ && flags != buffer::PyBUF_WRITE) {
            return Err(errors::bad_internal_call());
        }
        let mut view = buffer::empty_view();
        view.buf = mem as *mut c_void;
        view.len = size;
        view.itemsize = 1;
        view.readonly = (flags == buffer::PyBUF_READ) as c_int;
        view.ndim = 1;
        alloc_view(&view)
    }
}

/// `PyMemoryView_FromBuffer`: a view of `info` (which the view does not own).
pub unsafe fn from_buffer(info: *const Py_buffer) -> PyResult<Owned> {
    unsafe {
        if info.is_null() {
            return Err(errors::bad_internal_call());
        }
        if (*info).buf.is_null() {
            return Err(errors::value_error("PyMemoryView_FromBuffer(): info->buf must not be NULL"));
        }
        let mut view = Py_buffer { ..*info };
        view.obj = null_mut();
        alloc_view(&view)
    }
}

/// `PyMemoryView_GetContiguous`: a view of `obj`'s buffer if contiguous in
/// `order`, else a read-only view of a contiguous copy.
pub unsafe fn get_contiguous(obj: *mut PyObject, buffertype: c_int, order: u8) -> PyResult<Owned> {
    unsafe {
        if buffertype != buffer::PyBUF_READ && buffertype != buffer::PyBUF_WRITE {
            return Err(errors::bad_internal_call());
        }
        if !matches!(order, b'C' | b'F' | b'A') {
            return Err(errors::value_error("order must be 'C', 'F' or 'A'"));
        }
        let m = from_object(obj)?;
        let v = &(*mv(m.as_ptr())).view;
        if buffertype == buffer::PyBUF_WRITE && v.readonly != 0 {
            return Err(crate::raise!(PyExc_BufferError, "underlying buffer is not writable"));
        }
        if buffer::is_contiguous(v, order) {
            return Ok(m);
        }
        if buffertype == buffer::PyBUF_WRITE {
            return Err(crate::raise!(PyExc_BufferError, "writable contiguous buffer requested for a non-contiguous object."));
        }
        let bytes = super::bytesobject::from_slice(&gather(v)?)?;
        from_object(bytes.as_ptr())
    }
}

/// The bytes of a view in logical (C) order.
unsafe fn gather(v: &Py_buffer) -> PyResult<Vec<u8>> {
    unsafe {
        if buffer::is_contiguous(v, b'C') || v.ndim == 0 {
            return Ok(core::slice::from_raw_parts(v.buf as *const u8, v.len as usize).to_vec());
        }
        if v.ndim != 1 {
            return Err(errors::set_string(
                super::exceptions::PyExc_NotImplementedError,
                "memoryview: non-contiguous multi-dimensional views are not supported yet",
            ));
        }
        let (n, st, isz) = (*v.shape, *v.strides, v.itemsize as usize);
        let mut out = Vec::with_capacity(n as usize * isz);
        for i in 0..n {
            let p = (v.buf as *const u8).offset(i * st);
            out.extend_from_slice(core::slice::from_raw_parts(p, isz));
        }
        Ok(out)
    }
}

/// The struct format without a native '@' prefix.
unsafe fn format_of(v: &Py_buffer) -> String {
    unsafe {
        let f = std::ffi::CStr::from_ptr(v.format).to_string_lossy().into_owned();
        f.strip_prefix('@').map(str::to_string).unwrap_or(f)
    }
}

/// Unpack one item at `p` of format `fmt`.
unsafe fn unpack(fmt: &str, p: *const u8) -> PyResult<Owned> {
    unsafe {
        macro_rules! rd {
            ($t:ty) => {
                core::ptr::read_unaligned(p as *const $t)
            };
        }
        match fmt {
            "B" => longobject::from_i64(rd!(u8) as i64),
            "b" => longobject::from_i64(rd!(i8) as i64),
            "h" => longobject::from_i64(rd!(i16) as i64),
            "H" => longobject::from_i64(rd!(u16) as i64),
            "i" => longobject::from_i64(rd!(i32) as i64),
            "I" => longobject::from_i64(rd!(u32) as i64),
            "l" | "q" | "n" => longobject::from_i64(rd!(i64)),
            "L" | "Q" | "N" | "P" => longobject::from_u64(rd!(u64)),
            "f" => super::floatobject::from_f64(rd!(f32) as f64),
            "d" => super::floatobject::from_f64(rd!(f64)),
            "?" => Ok(super::boolobject::owned_bool(rd!(u8) != 0)),
            "c" => super::bytesobject::from_slice(&[rd!(u8)]),
            _ => Err(errors::set_string(
                super::exceptions::PyExc_NotImplementedError,
                &format!("memoryview: format {} not supported", fmt),
            )),
        }
    }
}

/// Every item of a 1-D (or the item of a 0-D) view.
unsafe fn items(v: &Py_buffer) -> PyResult<Vec<Owned>> {
    unsafe {
        let fmt = format_of(v);
        if v.ndim == 0 {
            return Ok(vec![unpack(&fmt, v.buf as *const u8)?]);
        }
        if v.ndim != 1 {
            return Err(errors::set_string(
                super::exceptions::PyExc_NotImplementedError,
                "memoryview: multi-dimensional views are not supported yet",
            ));
        }
        (0..*v.shape).map(|i| unpack(&fmt, (v.buf as *const u8).offset(i * *v.strides))).collect()
    }
}

unsafe extern "C" fn memory_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = super::stringlib::parse_args("memoryview", args, kw, &["object"], 1)?;
        from_object(a[0])
    })
}

/// Give the root's exporter buffer back once nothing uses it.
unsafe fn maybe_release_root(root: *mut PyObject) {
    unsafe {
        let m = mv(root);
        if (*m).flags & RELEASED != 0 && (*m).flags & BUFFER_GONE == 0 && derived(m) == 0 {
            (*m).flags |= BUFFER_GONE;
            buffer::release(&mut (*m).view);
        }
    }
}

/// `release()`: BufferError while buffers exported from the view are alive.
pub unsafe fn release(op: *mut PyObject) -> PyResult<()> {
    unsafe {
        let m = mv(op);
        if (*m).flags & RELEASED != 0 {
            return Ok(());
        }
        if (*m).exports > 0 {
            let n = (*m).exports;
            return Err(crate::raise!(
                PyExc_BufferError,
                "memoryview has {} exported buffer{}",
                n,
                if n == 1 { "" } else { "s" }
            ));
        }
        (*m).flags |= RELEASED;
        if (*m).mbuf.is_null() {
            maybe_release_root(op);
        } else {
            let root = (*m).mbuf;
            (*m).mbuf = null_mut();
            xdecref((*m).view.obj);
            (*m).view.obj = null_mut();
            (*mv(root)).flags -= DERIVED_UNIT;
            maybe_release_root(root);
            decref(root);
        }
        Ok(())
    }
}

unsafe extern "C" fn memory_dealloc(op: *mut PyObject) {
    unsafe {
        (*mv(op)).exports = 0;
        if release(op).is_err() {
            errors::clear();
        }
        // A root released while derived views lived gives its buffer back now.
        let m = mv(op);
        if (*m).mbuf.is_null() && (*m).flags & BUFFER_GONE == 0 {
            (*m).flags |= BUFFER_GONE;
            buffer::release(&mut (*m).view);
        }
        typeobject::free_instance(op);
    }
}

unsafe extern "C" fn memory_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let what = if (*mv(op)).flags & RELEASED != 0 { "released memory" } else { "memory" };
        unicodeobject::from_str(&format!("<{} at {:#x}>", what, op as usize))
    })
}

unsafe extern "C" fn memory_length(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        let m = check_released(op)?;
        if (*m).view.ndim == 0 {
            return Err(errors::type_error("0-dim memory has no length"));
        }
        Ok(*(*m).view.shape)
    })
}

unsafe fn item_at(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        let m = check_released(op)?;
        let v = &(*m).view;
        if v.ndim == 0 {
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if v.ndim != 1 {
            return Err(errors::set_string(
                super::exceptions::PyExc_NotImplementedError,
                "multi-dimensional sub-views are not implemented",
            ));
        }
        let n = *v.shape;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(errors::index_error("index out of bounds on dimension 1"));
        }
        unpack(&format_of(v), (v.buf as *const u8).offset(j * *v.strides))
    }
}

unsafe extern "C" fn memory_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { item_at(op, i) })
}

unsafe extern "C" fn memory_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = check_released(op)?;
        let v = &(*m).view;
        if v.ndim == 0 {
            if key == super::noneobject::ellipsis_ptr() {
                return Ok(Owned::from_borrowed(op));
            }
            if tupleobject::is_tuple(key) && Py_SIZE(key) == 0 {
                return unpack(&format_of(v), v.buf as *const u8);
            }
            return Err(errors::type_error("invalid indexing of 0-dim memory"));
        }
        if longobject::is_index(key) {
            let i = longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
            return item_at(op, i);
        }
        if super::sliceobject::is_slice(key) {
            if v.ndim != 1 {
                return Err(errors::set_string(
                    super::exceptions::PyExc_NotImplementedError,
                    "multi-dimensional slicing is not implemented",
                ));
            }
            let (start, _stop, step, n) = super::sliceobject::get_indices_ex(key, *v.shape)?;
            let mut nv = Py_buffer { ..*v };
            let stride = *v.strides;
            nv.buf = (v.buf as *mut u8).offset(start * stride) as *mut c_void;
            let mut shape = n;
            let mut strides = stride * step;
            nv.shape = &mut shape;
            nv.strides = &mut strides;
            nv.len = n * v.itemsize;
            return derive(op, &nv);
        }
        if key == super::noneobject::ellipsis_ptr() {
            return Ok(Owned::from_borrowed(op));
        }
        Err(errors::type_error("memoryview: invalid slice key"))
    })
}

unsafe extern "C" fn memory_getbuf(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_unit(|| unsafe {
        let m = check_released(op)?;
        if flags & buffer::PyBUF_WRITABLE != 0 && (*m).view.readonly != 0 {
            return Err(crate::raise!(PyExc_BufferError, "memoryview: underlying buffer is not writable"));
        }
        *view = Py_buffer { ..(*m).view };
        (*view).obj = op;
        incref(op);
        (*view).internal = null_mut();
        if flags & buffer::PyBUF_FORMAT == 0 {
            (*view).format = null_mut();
        }
        (*m).exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn memory_releasebuf(op: *mut PyObject, _view: *mut Py_buffer) {
    unsafe { (*mv(op)).exports -= 1 }
}

unsafe extern "C" fn memory_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| unsafe {
        let m = mv(op);
        if (*m).hash != -1 {
            return Ok((*m).hash);
        }
        let m = check_released(op)?;
        if (*m).view.readonly == 0 {
            return Err(errors::value_error("cannot hash writable memoryview object"));
        }
        let f = format_of(&(*m).view);
        if !matches!(f.as_str(), "B" | "b" | "c") {
            return Err(errors::value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
        }
        (*m).hash = crate::runtime::pyhash::hash_bytes(&gather(&(*m).view)?);
        Ok((*m).hash)
    })
}

unsafe extern "C" fn memory_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if op != Py_EQ && op != Py_NE {
            return Ok(super::noneobject::not_implemented());
        }
        let answer = |eq: bool| Ok(super::boolobject::owned_bool(eq == (op == Py_EQ)));
        if a == b {
            return answer(true);
        }
        if (*mv(a)).flags & RELEASED != 0 || (is_memoryview(b) && (*mv(b)).flags & RELEASED != 0) {
            return answer(false);
        }
        let tp = (*b).ob_type;
        if (*tp).tp_as_buffer.is_null() || (*(*tp).tp_as_buffer).bf_getbuffer.is_none() {
            return Ok(super::noneobject::not_implemented());
        }
        let other = from_object(b)?;
        let (va, vb) = (&(*mv(a)).view, &(*mv(other.as_ptr())).view);
        if va.ndim != vb.ndim || (0..va.ndim as usize).any(|i| *va.shape.add(i) != *vb.shape.add(i)) {
            return answer(false);
        }
        let eq = if format_of(va) == format_of(vb) && matches!(format_of(va).as_str(), "B" | "b" | "c") {
            gather(va)? == gather(vb)?
        } else {
            let (xa, xb) = (items(va)?, items(vb)?);
            let mut all = true;
            for (x, y) in xa.iter().zip(xb.iter()) {
                if !super::abstract_::rich_compare_bool(x.as_ptr(), y.as_ptr(), Py_EQ)? {
                    all = false;
                    break;
                }
            }
            all
        };
        drop(other);
        answer(eq)
    })
}

// ---- methods ----

unsafe extern "C" fn memory_tobytes(op: *mut PyObject, _args: *mut PyObject, _kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = check_released(op)?;
        super::bytesobject::from_slice(&gather(&(*m).view)?)
    })
}

unsafe extern "C" fn memory_tolist(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = check_released(op)?;
        if (*m).view.ndim == 0 {
            return unpack(&format_of(&(*m).view), (*m).view.buf as *const u8);
        }
        let v = items(&(*m).view)?;
        super::listobject::from_owned(v)
    })
}

unsafe extern "C" fn memory_release(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        release(op)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn memory_enter(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_released(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe extern "C" fn memory_exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        release(op)?;
        Ok(super::noneobject::none())
    })
}

static mut MEMORY_METHODS: [PyMethodDef; 6] = [
    PyMethodDef {
        ml_name: c"tobytes".as_ptr(),
        ml_meth: memory_tobytes as *mut c_void,
        ml_flags: METH_VARARGS | METH_KEYWORDS,
        ml_doc: c"Return the data in the buffer as a byte string.".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"tolist".as_ptr(),
        ml_meth: memory_tolist as *mut c_void,
        ml_flags: METH_NOARGS,
        ml_doc: c"Return the data in the buffer as a list of elements.".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"release".as_ptr(),
        ml_meth: memory_release as *mut c_void,
        ml_flags: METH_NOARGS,
        ml_doc: c"Release the underlying buffer exposed by the memoryview object.".as_ptr(),
    },
    PyMethodDef { ml_name: c"__enter__".as_ptr(), ml_meth: memory_enter as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"__exit__".as_ptr(), ml_meth: memory_exit as *mut c_void, ml_flags: METH_VARARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];

// ---- attributes (closure = which one) ----

unsafe extern "C" fn memory_get(op: *mut PyObject, which: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = check_released(op)?;
        let v = &(*m).view;
        let ints = |p: *mut Py_ssize_t| -> PyResult<Owned> {
            let mut xs = Vec::new();
            for i in 0..v.ndim.max(0) as usize {
                xs.push(longobject::from_isize(*p.add(i))?);
            }
            tupleobject::from_owned(xs)
        };
        match which as usize {
            0 => longobject::from_isize(v.len),
            1 => Ok(super::boolobject::owned_bool(v.readonly != 0)),
            2 => unicodeobject::from_str(&std::ffi::CStr::from_ptr(v.format).to_string_lossy()),
            3 => longobject::from_isize(v.itemsize),
            4 => longobject::from_isize(v.ndim as isize),
            5 => ints(v.shape),
            6 => ints(v.strides),
            7 => Ok(if v.obj.is_null() { super::noneobject::none() } else { Owned::from_borrowed(v.obj) }),
            8 => tupleobject::from_owned(Vec::new()),
            9 => Ok(super::boolobject::owned_bool(buffer::is_contiguous(v, b'C'))),
            10 => Ok(super::boolobject::owned_bool(buffer::is_contiguous(v, b'F'))),
            _ => Ok(super::boolobject::owned_bool(buffer::is_contiguous(v, b'A'))),
        }
    })
}

macro_rules! gs {
    ($name:literal, $i:expr) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some(memory_get), set: None, doc: core::ptr::null(), closure: $i as *mut c_void }
    };
}

static mut MEMORY_GETSET: [PyGetSetDef; 13] = [
    gs!(c"nbytes", 0usize),
    gs!(c"readonly", 1usize),
    gs!(c"format", 2usize),
    gs!(c"itemsize", 3usize),
    gs!(c"ndim", 4usize),
    gs!(c"shape", 5usize),
    gs!(c"strides", 6usize),
    gs!(c"obj", 7usize),
    gs!(c"suboffsets", 8usize),
    gs!(c"c_contiguous", 9usize),
    gs!(c"f_contiguous", 10usize),
    gs!(c"contiguous", 11usize),
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: core::ptr::null_mut() },
];
