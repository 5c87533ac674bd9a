//! Built-in modules implemented in Rust (CPython's `Modules/` and the
//! module-level parts of `Python/`).
//!
//! Design note. Every built-in module is one row of `BUILTIN_MODULES`: its
//! import name and a function making a new module object (NULL with an
//! exception set on failure), the equivalent of CPython's `PyInit_*` table
//! (`_PyImport_Inittab`). `sys.builtin_module_names` and the importer's
//! built-in finder read this table and nothing else, so adding a module is
//! adding a row (keep the rows sorted by name).
use crate::objects::object::PyObject;

pub mod ast;
pub mod io;
pub mod errno;
pub mod errno_table;
pub mod builtins;
pub mod marshal;
pub mod sys;
pub mod sys_tables;
pub mod warnings;

/// A built-in module's constructor: a new reference, or NULL with an exception.
pub type InitFn = fn() -> *mut PyObject;

/// Every built-in module, sorted by name.
pub static BUILTIN_MODULES: &[(&str, InitFn)] = &[
    ("_ast", ast::init_module),
    ("_io", io::init_module),
    ("_warnings", warnings::init_module),
    ("builtins", builtins::init_module),
    ("errno", errno::init_module),
    ("marshal", marshal::init_module),
    ("sys", sys::init_module),
];

/// The constructor of built-in module `name`, if there is one.
pub fn find_builtin(name: &str) -> Option<InitFn> {
    BUILTIN_MODULES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
