//! Every exported C API function lives here, grouped like CPython's headers
//! (`object.rs` ↔ `Include/object.h`, `longobject.rs` ↔ `Include/longobject.h` …).
//! Each is a thin wrapper: null checks and ownership conversion (new reference,
//! steals, borrowed) happen here once, the work happens in `src/objects/` and
//! `src/runtime/`, and every body runs inside `runtime::ffi::guard`.
pub mod object;
pub mod pymem;
pub mod pyerrors;
pub mod typeobject;
pub mod pylifecycle;
pub mod unicodeobject;
pub mod longobject;
pub mod floatobject;
pub mod tupleobject;
pub mod listobject;
pub mod dictobject;
pub mod varargs;
pub mod bytesobject;
pub mod bytearrayobject;
pub mod abstract_buffer;
pub mod sliceobject;
pub mod capsule;
pub mod moduleobject;
pub mod abstract_;
pub mod methodobject;
pub mod descrobject;
pub mod pystate;
pub mod complexobject;
pub mod abstract_number;
pub mod pystrtod;
pub mod setobject;
pub mod iterobject;
pub mod ceval;
pub mod pyhash;
pub mod pystrcmp;
pub mod structseq;
pub mod memoryobject;
pub mod codeobject;
pub mod marshal;
pub mod pythonrun;
pub mod sysmodule;
pub mod warnings;
pub mod fileobject;
