//! Process and interpreter machinery (CPython's `Python/` and `Objects/obmalloc.c`).
pub mod obmalloc;
pub mod pystate;
pub mod errors;
pub mod ffi;
pub mod pyhash;
pub mod pylifecycle;
pub mod registry;
pub mod pythonrun;
