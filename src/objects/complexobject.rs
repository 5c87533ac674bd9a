//! `complex`: two doubles in `cval`, as in CPython.
use super::object::*;

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Py_complex {
    pub real: f64,
    pub imag: f64,
}

#[repr(C)]
pub struct PyComplexObject {
    pub ob_base: PyObject,
    pub cval: Py_complex,
}
