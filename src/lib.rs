//! pyrite: a Python 3.11 runtime with CPython's C ABI.
//!
//! Layout (DESIGN.md §10): `objects/` holds one file per type plus the generic
//! object and type machinery; `runtime/` the allocator, thread state, errors and
//! start/stop; `capi/` every exported C function, grouped like CPython's headers.
#![allow(non_snake_case, non_camel_case_types, non_upper_case_globals)]
#![allow(clippy::missing_safety_doc, clippy::not_unsafe_ptr_arg_deref)]
#![allow(static_mut_refs)]
#![allow(unused_unsafe, unpredictable_function_pointer_comparisons)]

pub mod capi;
pub mod compiler;
pub mod eval;
pub mod modules;
pub mod objects;
pub mod parser;
pub mod runtime;

pub use objects::object::*;
pub use objects::pyref::{Borrowed, Owned};
pub use runtime::errors::{PyResult, Raised};

/// The version string `Py_GetVersion` starts with; PyO3 parses it.
pub const PYRITE_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const PY_VERSION: &str = "3.11.7";
