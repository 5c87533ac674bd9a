//! ABI layout test (STYLE.md habit 8, DESIGN.md §1).
//!
//! A C probe program is generated here and compiled against *CPython 3.11's own
//! installed headers* (`python3-config --includes`). It prints `sizeof`,
//! alignment, and the offset/size/alignment of every field of every struct a
//! macro or an extension binary touches, plus the value of every constant that
//! crosses the ABI. Two comparisons:
//!
//! * `rust_layouts_match_cpython`: pyrite's Rust definitions (`size_of`,
//!   `offset_of!` on `pyrite::objects::*`) against CPython's numbers. The list of
//!   structs below is explicit; each one must list *every* field (checked: the
//!   fields must tile the struct with nothing but alignment padding between
//!   them, on both sides), and every constant in `CONSTANTS` is compared.
//! * `pyrite_header_matches_cpython`: the same probe compiled against pyrite's
//!   own `include/Python.h`. Its struct list is discovered automatically from
//!   `include/pyrite_generated.h` (every struct CPython also defines), and its
//!   constant list from CPython's headers (every `Py_TPFLAGS_*`, `METH_*`, slot
//!   id, `T_*`, `PyBUF_*` … macro CPython defines), so new types and constants
//!   are picked up without editing this file.
//!
//! Both skip with a message when `python3-config` (CPython 3.11's headers) is
//! not installed.
mod common;

use common::*;
use core::mem::{align_of, offset_of, size_of, MaybeUninit};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use pyrite::objects::bytearrayobject::*;
use pyrite::objects::bytesobject::*;
use pyrite::objects::complexobject::*;
use pyrite::objects::descrobject::*;
use pyrite::objects::dictobject::*;
use pyrite::objects::exceptions::*;
use pyrite::objects::floatobject::*;
use pyrite::objects::listobject::*;
use pyrite::objects::longobject::*;
use pyrite::objects::methodobject::*;
use pyrite::objects::moduleobject::*;
use pyrite::objects::object::*;
use pyrite::objects::setobject::*;
use pyrite::objects::sliceobject::*;
use pyrite::objects::tupleobject::*;
use pyrite::objects::unicodeobject::*;

// ---------------------------------------------------------------------------
// The Rust side.

#[derive(Debug, Clone)]
struct Field {
    name: String,
    offset: usize,
    size: usize,
    align: usize,
}

#[derive(Debug, Clone)]
struct Layout {
    name: String,
    size: usize,
    align: usize,
    fields: Vec<Field>,
}

fn pointee_size<F>(_: *const F) -> usize {
    size_of::<F>()
}
fn pointee_align<F>(_: *const F) -> usize {
    align_of::<F>()
}

/// `layout!(Type { field, field, ... })` measures a Rust struct.
macro_rules! layout {
    ($ty:ident { $($f:ident),* $(,)? }) => {{
        let probe = MaybeUninit::<$ty>::uninit();
        let p = probe.as_ptr();
        Layout {
            name: stringify!($ty).to_string(),
            size: size_of::<$ty>(),
            align: align_of::<$ty>(),
            fields: vec![$(
                Field {
                    name: stringify!($f).trim_start_matches("r#").to_string(),
                    offset: offset_of!($ty, $f),
                    // SAFETY: only the address of a field of a live (if
                    // uninitialised) local is taken; nothing is read.
                    size: pointee_size(unsafe { &raw const (*p).$f }),
                    align: pointee_align(unsafe { &raw const (*p).$f }),
                },
            )*],
        }
    }};
}

fn rust_layouts() -> Vec<Layout> {
    vec![
        layout!(PyObject { ob_refcnt, ob_type }),
        layout!(PyVarObject { ob_base, ob_size }),
        layout!(PyTypeObject {
            ob_base, tp_name, tp_basicsize, tp_itemsize, tp_dealloc, tp_vectorcall_offset, tp_getattr,
            tp_setattr, tp_as_async, tp_repr, tp_as_number, tp_as_sequence, tp_as_mapping, tp_hash, tp_call,
            tp_str, tp_getattro, tp_setattro, tp_as_buffer, tp_flags, tp_doc, tp_traverse, tp_clear,
            tp_richcompare, tp_weaklistoffset, tp_iter, tp_iternext, tp_methods, tp_members, tp_getset,
            tp_base, tp_dict, tp_descr_get, tp_descr_set, tp_dictoffset, tp_init, tp_alloc, tp_new, tp_free,
            tp_is_gc, tp_bases, tp_mro, tp_cache, tp_subclasses, tp_weaklist, tp_del, tp_version_tag,
            tp_finalize, tp_vectorcall,
        }),
        layout!(PyNumberMethods {
            nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod, nb_power, nb_negative, nb_positive,
            nb_absolute, nb_bool, nb_invert, nb_lshift, nb_rshift, nb_and, nb_xor, nb_or, nb_int, nb_reserved,
            nb_float, nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply, nb_inplace_remainder,
            nb_inplace_power, nb_inplace_lshift, nb_inplace_rshift, nb_inplace_and, nb_inplace_xor,
            nb_inplace_or, nb_floor_divide, nb_true_divide, nb_inplace_floor_divide, nb_inplace_true_divide,
            nb_index, nb_matrix_multiply, nb_inplace_matrix_multiply,
        }),
        layout!(PySequenceMethods {
            sq_length, sq_concat, sq_repeat, sq_item, was_sq_slice, sq_ass_item, was_sq_ass_slice,
            sq_contains, sq_inplace_concat, sq_inplace_repeat,
        }),
        layout!(PyMappingMethods { mp_length, mp_subscript, mp_ass_subscript }),
        layout!(PyAsyncMethods { am_await, am_aiter, am_anext, am_send }),
        layout!(PyBufferProcs { bf_getbuffer, bf_releasebuffer }),
        layout!(Py_buffer {
            buf, obj, len, itemsize, readonly, ndim, format, shape, strides, suboffsets, internal,
        }),
        layout!(PyMethodDef { ml_name, ml_meth, ml_flags, ml_doc }),
        layout!(PyMemberDef { name, r#type, offset, flags, doc }),
        layout!(PyGetSetDef { name, get, set, doc, closure }),
        layout!(PyModuleDef_Base { ob_base, m_init, m_index, m_copy }),
        layout!(PyModuleDef_Slot { slot, value }),
        layout!(PyModuleDef {
            m_base, m_name, m_doc, m_size, m_methods, m_slots, m_traverse, m_clear, m_free,
        }),
        layout!(PyType_Slot { slot, pfunc }),
        layout!(PyType_Spec { name, basicsize, itemsize, flags, slots }),
        layout!(_specialization_cache { getitem }),
        layout!(PyHeapTypeObject {
            ht_type, as_async, as_number, as_mapping, as_sequence, as_buffer, ht_name, ht_slots,
            ht_qualname, ht_cached_keys, ht_module, _ht_tpname, _spec_cache,
        }),
        layout!(PyLongObject { ob_base, ob_digit }),
        layout!(PyFloatObject { ob_base, ob_fval }),
        layout!(Py_complex { real, imag }),
        layout!(PyComplexObject { ob_base, cval }),
        layout!(PyTupleObject { ob_base, ob_item }),
        layout!(PyListObject { ob_base, ob_item, allocated }),
        layout!(PyBytesObject { ob_base, ob_shash, ob_sval }),
        layout!(PyByteArrayObject { ob_base, ob_alloc, ob_bytes, ob_start, ob_exports }),
        layout!(PyASCIIObject { ob_base, length, hash, state, wstr }),
        layout!(PyCompactUnicodeObject { _base, utf8_length, utf8, wstr_length }),
        layout!(PyUnicodeObject { _base, data }),
        layout!(PyDictObject { ob_base, ma_used, ma_version_tag, ma_keys, ma_values }),
        layout!(setentry { key, hash }),
        layout!(PySetObject { ob_base, fill, used, mask, table, hash, finger, smalltable, weakreflist }),
        layout!(PySliceObject { ob_base, start, stop, step }),
        layout!(PyBaseExceptionObject {
            ob_base, dict, args, notes, traceback, context, cause, suppress_context,
        }),
        layout!(PyCFunctionObject { ob_base, m_ml, m_self, m_module, m_weakreflist, vectorcall }),
        layout!(PyCMethodObject { func, mm_class }),
        layout!(PyDescrObject { ob_base, d_type, d_name, d_qualname }),
        layout!(PyMethodDescrObject { d_common, d_method, vectorcall }),
        layout!(PyMemberDescrObject { d_common, d_member }),
        layout!(PyGetSetDescrObject { d_common, d_getset }),
        layout!(PyWrapperDescrObject { d_common, d_base, d_wrapped }),
        layout!(PyModuleObject { ob_base, md_dict, md_def, md_state, md_weaklist, md_name }),
        layout!(PyGC_Head { _gc_next, _gc_prev }),
    ]
}

/// `consts![A, B, ...]`: (name, value) of pyrite's Rust constants.
macro_rules! consts {
    ($($c:ident),* $(,)?) => { vec![$((stringify!($c), $c as u64)),*] };
}

fn rust_constants() -> Vec<(&'static str, u64)> {
    let mut v = consts![
        // Type flags.
        Py_TPFLAGS_MANAGED_DICT, Py_TPFLAGS_SEQUENCE, Py_TPFLAGS_MAPPING, Py_TPFLAGS_DISALLOW_INSTANTIATION,
        Py_TPFLAGS_IMMUTABLETYPE, Py_TPFLAGS_HEAPTYPE, Py_TPFLAGS_BASETYPE, Py_TPFLAGS_HAVE_VECTORCALL,
        Py_TPFLAGS_READY, Py_TPFLAGS_READYING, Py_TPFLAGS_HAVE_GC, Py_TPFLAGS_METHOD_DESCRIPTOR,
        Py_TPFLAGS_HAVE_VERSION_TAG, Py_TPFLAGS_VALID_VERSION_TAG, Py_TPFLAGS_IS_ABSTRACT,
        Py_TPFLAGS_LONG_SUBCLASS, Py_TPFLAGS_LIST_SUBCLASS, Py_TPFLAGS_TUPLE_SUBCLASS,
        Py_TPFLAGS_BYTES_SUBCLASS, Py_TPFLAGS_UNICODE_SUBCLASS, Py_TPFLAGS_DICT_SUBCLASS,
        Py_TPFLAGS_BASE_EXC_SUBCLASS, Py_TPFLAGS_TYPE_SUBCLASS, Py_TPFLAGS_DEFAULT, Py_TPFLAGS_HAVE_FINALIZE,
        // Calling conventions.
        METH_VARARGS, METH_KEYWORDS, METH_NOARGS, METH_O, METH_CLASS, METH_STATIC, METH_COEXIST,
        METH_FASTCALL, METH_METHOD,
        // Comparisons, compile modes, module slots.
        Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE, Py_single_input, Py_file_input, Py_eval_input,
        Py_mod_create, Py_mod_exec,
        // structmember.h.
        T_SHORT, T_INT, T_LONG, T_FLOAT, T_DOUBLE, T_STRING, T_OBJECT, T_CHAR, T_BYTE, T_UBYTE, T_USHORT,
        T_UINT, T_ULONG, T_STRING_INPLACE, T_BOOL, T_OBJECT_EX, T_LONGLONG, T_ULONGLONG, T_PYSSIZET, T_NONE,
        READONLY, PY_AUDIT_READ,
        // typeslots.h.
        Py_bf_getbuffer, Py_bf_releasebuffer, Py_mp_ass_subscript, Py_mp_length, Py_mp_subscript,
        Py_nb_absolute, Py_nb_add, Py_nb_and, Py_nb_bool, Py_nb_divmod, Py_nb_float, Py_nb_floor_divide,
        Py_nb_index, Py_nb_inplace_add, Py_nb_inplace_and, Py_nb_inplace_floor_divide, Py_nb_inplace_lshift,
        Py_nb_inplace_multiply, Py_nb_inplace_or, Py_nb_inplace_power, Py_nb_inplace_remainder,
        Py_nb_inplace_rshift, Py_nb_inplace_subtract, Py_nb_inplace_true_divide, Py_nb_inplace_xor,
        Py_nb_int, Py_nb_invert, Py_nb_lshift, Py_nb_multiply, Py_nb_negative, Py_nb_or, Py_nb_positive,
        Py_nb_power, Py_nb_remainder, Py_nb_rshift, Py_nb_subtract, Py_nb_true_divide, Py_nb_xor,
        Py_sq_ass_item, Py_sq_concat, Py_sq_contains, Py_sq_inplace_concat, Py_sq_inplace_repeat, Py_sq_item,
        Py_sq_length, Py_sq_repeat, Py_tp_alloc, Py_tp_base, Py_tp_bases, Py_tp_call, Py_tp_clear,
        Py_tp_dealloc, Py_tp_del, Py_tp_descr_get, Py_tp_descr_set, Py_tp_doc, Py_tp_getattr, Py_tp_getattro,
        Py_tp_hash, Py_tp_init, Py_tp_is_gc, Py_tp_iter, Py_tp_iternext, Py_tp_methods, Py_tp_new,
        Py_tp_repr, Py_tp_richcompare, Py_tp_setattr, Py_tp_setattro, Py_tp_str, Py_tp_traverse,
        Py_tp_members, Py_tp_getset, Py_tp_free, Py_nb_matrix_multiply, Py_nb_inplace_matrix_multiply,
        Py_am_await, Py_am_aiter, Py_am_anext, Py_tp_finalize, Py_am_send,
        // Numbers and strings.
        PyLong_SHIFT, PyUnicode_WCHAR_KIND, PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND, PyUnicode_4BYTE_KIND,
        PY_VECTORCALL_ARGUMENTS_OFFSET, PySet_MINSIZE,
    ];
    // CPython spells this one with a leading underscore.
    v.push(("_Py_TPFLAGS_MATCH_SELF", Py_TPFLAGS_MATCH_SELF as u64));
    // Only major and minor must match: pyrite reports its own micro version.
    v.push(("PY_VERSION_HEX>>16", (PY_VERSION_HEX >> 16) as u64));
    // PEP 393 `state` bits: what setting each bit field in CPython's struct
    // produces in the 32-bit word, against pyrite's masks.
    v.push(("STATE.interned=3", STATE_INTERNED_MASK as u64));
    v.push(("STATE.kind=7", (7u32 << STATE_KIND_SHIFT) as u64));
    v.push(("STATE.kind=4", (PyUnicode_4BYTE_KIND << STATE_KIND_SHIFT) as u64));
    v.push(("STATE.compact=1", STATE_COMPACT as u64));
    v.push(("STATE.ascii=1", STATE_ASCII as u64));
    v.push(("STATE.ready=1", STATE_READY as u64));
    v
}

// ---------------------------------------------------------------------------
// The C probe.

/// Constants CPython defines as enum members (no `#ifdef` possible).
const ENUM_CONSTANTS: &[&str] =
    &["PyUnicode_WCHAR_KIND", "PyUnicode_1BYTE_KIND", "PyUnicode_2BYTE_KIND", "PyUnicode_4BYTE_KIND"];

/// Macro families whose every member CPython's public headers define must be
/// defined, with the same value, by pyrite's headers.
fn is_abi_constant(name: &str, header: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Py_TPFLAGS_", "_Py_TPFLAGS_", "METH_", "Py_tp_", "Py_nb_", "Py_sq_", "Py_mp_", "Py_am_", "Py_bf_", "Py_mod_", "PyBUF_",
        "SSTATE_",
    ];
    const EXACT: &[&str] = &[
        "Py_LT", "Py_LE", "Py_EQ", "Py_NE", "Py_GT", "Py_GE", "Py_single_input", "Py_file_input",
        "Py_eval_input", "PyLong_SHIFT", "PY_VECTORCALL_ARGUMENTS_OFFSET", "PySet_MINSIZE", "PY_MAJOR_VERSION",
        "PY_MINOR_VERSION", "PYTHON_API_VERSION", "PYTHON_ABI_VERSION",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
        || EXACT.contains(&name)
        || (header == "structmember.h" && (name.starts_with("T_") || name == "READONLY" || name == "PY_AUDIT_READ"))
}

/// Constants of those families that pyrite does not define yet, with why (a
/// trailing `_` makes an entry a prefix). A name listed here that pyrite now
/// defines is reported as a note: remove it from the list.
const KNOWN_MISSING: &[(&str, &str)] = &[
    ("PyBUF_", "buffer protocol: being added on the strings branch (src/objects/buffer.rs)"),
];

fn known_missing(name: &str) -> bool {
    KNOWN_MISSING.iter().any(|(n, _)| if n.ends_with('_') { name.starts_with(n) } else { name == *n })
}

/// Every `#define NAME` of the ABI families in CPython's public headers.
fn cpython_abi_macros(incdir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut stack = vec![incdir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().unwrap() != "internal" {
                    stack.push(p);
                }
                continue;
            }
            if p.extension().is_none_or(|x| x != "h") {
                continue;
            }
            let header = p.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for line in text.lines() {
                let l = line.trim_start();
                let Some(rest) = l.strip_prefix('#') else { continue };
                let Some(rest) = rest.trim_start().strip_prefix("define") else { continue };
                let name: String =
                    rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty()
                    && !rest.trim_start()[name.len()..].starts_with('(')
                    && is_abi_constant(&name, &header)
                {
                    names.insert(name);
                }
            }
        }
    }
    names
}

/// C source printing `S`/`F`/`C` lines for the given structs and constants.
/// `cpython` adds what only CPython's headers have (internal structs, the
/// `state` bit fields).
fn probe_source(cpython: bool, structs: &BTreeMap<String, Vec<String>>, consts: &BTreeSet<String>) -> String {
    let mut s = String::new();
    s.push_str("#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include <structmember.h>\n");
    if cpython {
        s.push_str("#define Py_BUILD_CORE 1\n#include \"internal/pycore_moduleobject.h\"\n");
        s.push_str("#include \"internal/pycore_gc.h\"\n");
        // A struct tag without a typedef in CPython.
        s.push_str("typedef struct _specialization_cache _specialization_cache;\n");
    }
    s.push_str("#include <stdio.h>\n#include <string.h>\n#include <stddef.h>\n\n");
    s.push_str("#define S(T) printf(\"S %s %zu %zu\\n\", #T, sizeof(T), (size_t)__alignof__(T))\n");
    s.push_str(
        "#define F(T, f) printf(\"F %s.%s %zu %zu %zu\\n\", #T, #f, offsetof(T, f), \
         sizeof(((T *)0)->f), (size_t)__alignof__(((T *)0)->f))\n",
    );
    s.push_str("#define C(name, v) printf(\"C %s %llu\\n\", name, (unsigned long long)(v))\n\n");
    s.push_str("int main(void) {\n");
    for (st, fields) in structs {
        writeln!(s, "    S({st});").unwrap();
        for f in fields {
            writeln!(s, "    F({st}, {f});").unwrap();
        }
    }
    for c in consts {
        if ENUM_CONSTANTS.contains(&c.as_str()) {
            writeln!(s, "    C(\"{c}\", {c});").unwrap();
        } else {
            writeln!(s, "#ifdef {c}\n    C(\"{c}\", {c});\n#endif").unwrap();
        }
    }
    s.push_str("    C(\"PY_VERSION_HEX>>16\", PY_VERSION_HEX >> 16);\n");
    if cpython {
        for (field, val) in
            [("interned", 3), ("kind", 7), ("kind", 4), ("compact", 1), ("ascii", 1), ("ready", 1)]
        {
            writeln!(
                s,
                "    {{ PyASCIIObject o; unsigned int w; memset(&o, 0, sizeof o); o.state.{field} = {val}; \
                 memcpy(&w, &o.state, sizeof w); C(\"STATE.{field}={val}\", w); }}"
            )
            .unwrap();
        }
    }
    s.push_str("    return 0;\n}\n");
    s
}

#[derive(Default, Debug)]
struct Probe {
    structs: BTreeMap<String, (usize, usize)>,
    fields: BTreeMap<String, (usize, usize, usize)>,
    consts: BTreeMap<String, u64>,
}

fn parse_probe(out: &str) -> Probe {
    let mut p = Probe::default();
    for line in out.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        let n = |i: usize| w[i].parse::<usize>().unwrap();
        match w[0] {
            "S" => {
                p.structs.insert(w[1].to_string(), (n(2), n(3)));
            }
            "F" => {
                p.fields.insert(w[1].to_string(), (n(2), n(3), n(4)));
            }
            "C" => {
                p.consts.insert(w[1].to_string(), w[2].parse().unwrap());
            }
            _ => panic!("bad probe line {line}"),
        }
    }
    p
}

/// Compile and run a probe; `flags` selects the headers.
fn run_probe(name: &str, src: &str, flags: &[String]) -> Probe {
    let dir = scratch("abi_layout");
    let c = dir.join(format!("{name}.c"));
    let exe = dir.join(name);
    std::fs::write(&c, src).unwrap();
    let mut args: Vec<&str> = vec!["-std=gnu11", "-w"];
    args.extend(flags.iter().map(String::as_str));
    compile(c_compiler().to_command(), &args, &c, &exe).unwrap_or_else(|e| panic!("{e}"));
    parse_probe(&run(&exe).unwrap_or_else(|e| panic!("{e}")))
}

/// Structs (and their fields) declared in `include/pyrite_generated.h`.
const OURS_TO_DESIGN: &[&str] = &["PyInterpreterState", "PyThreadState"];

fn pyrite_header_structs() -> BTreeMap<String, Vec<String>> {
    let h = std::fs::read_to_string(root().join("include/pyrite_generated.h")).unwrap();
    let mut out = BTreeMap::new();
    let mut rest = h.as_str();
    while let Some(i) = rest.find("typedef struct ") {
        rest = &rest[i + "typedef struct ".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let after = rest[name.len()..].trim_start();
        if !after.starts_with('{') {
            continue;
        }
        let end = rest.find(&format!("}} {name};")).expect("struct end");
        // Internals DESIGN.md §1 leaves to pyrite (the thread and interpreter
        // state); CPython declares them but no macro or binary reads their fields.
        if OURS_TO_DESIGN.contains(&name.as_str()) {
            rest = &rest[end..];
            continue;
        }
        let body = &rest[rest.find('{').unwrap() + 1..end];
        let fields = body
            .split(';')
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|d| !d.is_empty())
            .map(|d| {
                if let Some(i) = d.find("(*") {
                    d[i + 2..].split(')').next().unwrap().trim().to_string()
                } else {
                    let d = d.split('[').next().unwrap();
                    let last = d.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).rfind(|t| !t.is_empty());
                    last.unwrap().to_string()
                }
            })
            .collect();
        out.insert(name, fields);
        rest = &rest[end..];
    }
    out
}

/// Whether CPython's headers (including the two internal ones the probe
/// reads) typedef `name`.
fn cpython_defines_type(incdir: &Path, name: &str) -> bool {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| {
        let mut t = String::new();
        let mut stack = vec![incdir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().filter_map(|e| e.ok()) {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.parent().unwrap().ends_with("internal") {
                    let f = p.file_name().unwrap();
                    if f == "pycore_moduleobject.h" || f == "pycore_gc.h" {
                        t += &std::fs::read_to_string(&p).unwrap_or_default();
                    }
                } else if p.extension().is_some_and(|x| x == "h") {
                    t += &std::fs::read_to_string(&p).unwrap_or_default();
                }
            }
        }
        t
    });
    text.lines().any(|l| {
        let l = l.trim();
        (l.starts_with('}') || l.starts_with("typedef")) && l.ends_with(&format!(" {name};"))
            || l == format!("}} {name};")
            || l == format!("}}{name};")
    })
}

struct CPython {
    flags: Vec<String>,
    macros: BTreeSet<String>,
    probe: Probe,
}

/// CPython's numbers for the union of what both tests ask about, probed once.
fn cpython() -> Option<&'static CPython> {
    static CP: OnceLock<Option<CPython>> = OnceLock::new();
    CP.get_or_init(|| {
        let flags = match cpython_includes() {
            Ok(f) => f,
            Err(why) => {
                eprintln!("SKIPPED: CPython 3.11 headers unavailable: {why}");
                return None;
            }
        };
        let incdir = cpython_include_dir(&flags);
        let mut structs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for l in rust_layouts() {
            structs.insert(l.name.clone(), l.fields.iter().map(|f| f.name.clone()).collect());
        }
        for (name, fields) in pyrite_header_structs() {
            if cpython_defines_type(&incdir, &name) {
                let e = structs.entry(name).or_default();
                for f in fields {
                    if !e.contains(&f) {
                        e.push(f);
                    }
                }
            }
        }
        let macros = cpython_abi_macros(&incdir);
        let mut consts: BTreeSet<String> = macros.clone();
        consts.extend(rust_constants().iter().filter(|(n, _)| !n.contains(['.', '>'])).map(|(n, _)| n.to_string()));
        let probe = run_probe("cpython_probe", &probe_source(true, &structs, &consts), &flags);
        Some(CPython { flags, macros, probe })
    })
    .as_ref()
}

/// Fields must tile the struct: between consecutive fields (by offset) and
/// after the last one, only the padding alignment requires.
fn check_complete(
    side: &str,
    st: &str,
    size: usize,
    align: usize,
    fields: &[(String, usize, usize, usize)],
    errors: &mut Vec<String>,
) {
    let mut fs = fields.to_vec();
    fs.sort_by_key(|f| f.1);
    let mut end = 0;
    for (name, off, sz, al) in &fs {
        if *off < end || *off - end >= *al {
            errors.push(format!("{side} {st}: gap or overlap before .{name} (ends {end}, starts {off}): a field is missing from the list"));
        }
        end = off + sz;
    }
    if size < end || size - end >= align {
        errors.push(format!("{side} {st}: {} bytes after the last listed field: a field is missing from the list", size as isize - end as isize));
    }
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn rust_layouts_match_cpython() {
    let Some(cp) = cpython() else { return };
    let mut errors = Vec::new();
    let mut compared = 0;
    for l in rust_layouts() {
        let Some(&(csize, calign)) = cp.probe.structs.get(&l.name) else {
            errors.push(format!("{}: not in the CPython probe", l.name));
            continue;
        };
        if (l.size, l.align) != (csize, calign) {
            errors.push(format!("sizeof/alignof {}: pyrite {}/{}, CPython {}/{}", l.name, l.size, l.align, csize, calign));
        }
        let mut cfields = Vec::new();
        let mut rfields = Vec::new();
        for f in &l.fields {
            let key = format!("{}.{}", l.name, f.name);
            let &(off, size, align) = cp.probe.fields.get(&key).expect("field probed");
            compared += 1;
            if f.offset != off || f.size != size {
                errors.push(format!(
                    "{key}: pyrite offset {} size {}, CPython offset {off} size {size}",
                    f.offset, f.size
                ));
            }
            cfields.push((f.name.clone(), off, size, align));
            rfields.push((f.name.clone(), f.offset, f.size, f.align));
        }
        check_complete("CPython", &l.name, csize, calign, &cfields, &mut errors);
        check_complete("pyrite", &l.name, l.size, l.align, &rfields, &mut errors);
    }
    for (name, val) in rust_constants() {
        match cp.probe.consts.get(name) {
            Some(&c) if c == val => compared += 1,
            Some(&c) => errors.push(format!("constant {name}: pyrite {val:#x}, CPython {c:#x}")),
            None => errors.push(format!("constant {name}: not defined by CPython's headers")),
        }
    }
    assert!(errors.is_empty(), "{} ABI mismatches:\n{}", errors.len(), errors.join("\n"));
    eprintln!("{compared} sizes, offsets and constants equal CPython 3.11's");
}

#[test]
fn pyrite_header_matches_cpython() {
    let Some(cp) = cpython() else { return };
    let incdir = cpython_include_dir(&cp.flags);
    let structs: BTreeMap<String, Vec<String>> =
        pyrite_header_structs().into_iter().filter(|(n, _)| cpython_defines_type(&incdir, n)).collect();
    let consts: BTreeSet<String> = cp.macros.iter().cloned().chain(ENUM_CONSTANTS.iter().map(|s| s.to_string())).collect();
    let flags = vec![format!("-I{}", root().join("include").display())];
    let ours = run_probe("pyrite_probe", &probe_source(false, &structs, &consts), &flags);
    let mut errors = Vec::new();
    for (st, v) in &ours.structs {
        if cp.probe.structs.get(st) != Some(v) {
            errors.push(format!("sizeof/alignof {st}: pyrite.h {v:?}, CPython {:?}", cp.probe.structs.get(st)));
        }
    }
    for (f, v) in &ours.fields {
        if cp.probe.fields.get(f) != Some(v) {
            errors.push(format!("{f} (offset, size, align): pyrite.h {v:?}, CPython {:?}", cp.probe.fields.get(f)));
        }
    }
    for (name, cval) in &cp.probe.consts {
        if name.starts_with("STATE.") {
            continue;
        }
        match ours.consts.get(name) {
            Some(v) if v == cval => {}
            Some(v) => errors.push(format!("{name}: pyrite.h {v:#x}, CPython {cval:#x}")),
            None if known_missing(name) => {}
            None => errors.push(format!("{name}: defined by CPython 3.11 ({cval:#x}), missing from pyrite's headers")),
        }
    }
    for n in ours.consts.keys().filter(|n| known_missing(n)) {
        eprintln!("note: {n} is now defined by pyrite: update KNOWN_MISSING in tests/abi_layout.rs");
    }
    assert!(errors.is_empty(), "{} differences between pyrite's headers and CPython's:\n{}", errors.len(), errors.join("\n"));
    eprintln!(
        "pyrite's Python.h: {} structs, {} fields, {} constants equal CPython 3.11's",
        ours.structs.len(),
        ours.fields.len(),
        ours.consts.len()
    );
}
