//! Hashing exactly as CPython 3.11 hashes (DESIGN.md §4).
//!
//! Design note. str and bytes hash with SipHash-1-3 over their code units; the
//! 128-bit key is the first 16 bytes of a 24-byte secret which, as in CPython,
//! is all zeros for `PYTHONHASHSEED=0`, filled by CPython's LCG from the seed for
//! `PYTHONHASHSEED=N`, and random otherwise. Numbers hash modulo the Mersenne
//! prime 2**61-1 so equal int/float/complex/Fraction values hash equal. A hash
//! of -1 is reported as -2 (-1 is the C error value).
//!
//! ```text
//! PyHASH_BITS = 61, PyHASH_MODULUS = 2**61 - 1, PyHASH_INF = 314159, PyHASH_IMAG = 1000003
//! ```
use crate::objects::object::Py_hash_t;
use once_cell::sync::Lazy;
use std::hash::Hasher;

pub(crate) const PYHASH_BITS: u32 = 61;
pub(crate) const PYHASH_MODULUS: u64 = (1u64 << PYHASH_BITS) - 1;
pub(crate) const PYHASH_INF: Py_hash_t = 314159;
/// cbindgen:ignore
pub const PYHASH_IMAG: u64 = 1000003;
const _: () = assert!(PYHASH_MODULUS == 0x1fff_ffff_ffff_ffff);

/// The secret: (k0, k1) for SipHash, and whether randomization is on.
pub struct HashSecret {
    pub k0: u64,
    pub k1: u64,
    pub seed: Option<u64>,
    /// All 24 bytes (CPython's `_Py_HashSecret_t`, exported by `src/capi/pyhash.rs`).
    pub bytes: [u8; 24],
}

fn lcg_fill(seed: u64, buf: &mut [u8]) {
    // CPython's lcg_urandom: x = x*214013 + 2531011; byte = (x >> 16) & 0xff (32-bit x).
    let mut x: u32 = seed as u32;
    for b in buf.iter_mut() {
        x = x.wrapping_mul(214013).wrapping_add(2531011);
        *b = ((x >> 16) & 0xff) as u8;
    }
}

pub static SECRET: Lazy<HashSecret> = Lazy::new(|| {
    let mut buf = [0u8; 24];
    let env = std::env::var("PYTHONHASHSEED").ok();
    let seed = match env.as_deref() {
        None | Some("") | Some("random") => None,
        Some(s) => s.trim().parse::<u64>().ok(),
    };
    match seed {
        Some(0) => {}
        Some(n) => lcg_fill(n, &mut buf),
        None => unsafe {
            let fd = libc::open(c"/dev/urandom".as_ptr(), libc::O_RDONLY);
            if fd >= 0 {
                libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, 24);
                libc::close(fd);
            } else {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(12345);
                lcg_fill(t ^ (libc::getpid() as u64), &mut buf);
            }
        },
    }
    let k0 = u64::from_le_bytes(buf[0..8].try_into().unwrap());
    let k1 = u64::from_le_bytes(buf[8..16].try_into().unwrap());
    HashSecret { k0, k1, seed, bytes: buf }
});

/// SipHash-1-3 of `data` with the secret key, as is (`PyHash_GetFuncDef()->hash`).
pub fn siphash13_raw(data: &[u8]) -> Py_hash_t {
    let s = &*SECRET;
    let mut h = siphasher::sip::SipHasher13::new_with_keys(s.k0, s.k1);
    h.write(data);
    h.finish() as i64 as Py_hash_t
}

/// `_Py_HashBytes`: SipHash-1-3 of raw bytes (0 for empty input, -1 → -2).
pub fn hash_bytes(data: &[u8]) -> Py_hash_t {
    if data.is_empty() {
        return 0;
    }
    let s = &*SECRET;
    let mut h = siphasher::sip::SipHasher13::new_with_keys(s.k0, s.k1);
    h.write(data);
    let x = h.finish() as i64 as Py_hash_t;
    if x == -1 {
        -2
    } else {
        x
    }
}

/// `_Py_HashPointer`: rotate the address right by 4 bits.
pub fn hash_pointer(p: *const libc::c_void) -> Py_hash_t {
    let y = p as usize;
    let y = y.rotate_right(4) as Py_hash_t;
    if y == -1 {
        -2
    } else {
        y
    }
}

/// `_Py_HashDouble` for finite and infinite values (NaN hashes by identity and is
/// handled by the caller).
pub fn hash_double(v: f64) -> Option<Py_hash_t> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { PYHASH_INF } else { -PYHASH_INF });
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & PYHASH_MODULUS) | (x >> (PYHASH_BITS - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= PYHASH_MODULUS {
            x -= PYHASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % PYHASH_BITS as i32
    } else {
        PYHASH_BITS as i32 - 1 - ((-1 - e) % PYHASH_BITS as i32)
    };
    x = ((x << e) & PYHASH_MODULUS) | (x >> (PYHASH_BITS as i32 - e));
    let r = (x as i64).wrapping_mul(sign) as Py_hash_t;
    Some(if r == -1 { -2 } else { r })
}

/// frexp: v = m * 2**e with 0.5 <= |m| < 1 (m = 0 for v = 0).
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up first
        let (m, e) = frexp(v * f64::from_bits(0x4350000000000000)); // 2**54
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}
