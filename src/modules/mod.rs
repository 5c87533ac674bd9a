//! Built-in modules implemented in Rust (CPython's `Modules/` and the
//! module-level parts of `Python/`). Each exposes `init_module()`; the import
//! system registers them.
pub mod marshal;
