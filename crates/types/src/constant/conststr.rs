//! String constants as go/constant keeps them: a concatenation is not joined until someone
//! needs its bytes.
//!
//! `const b = a + a` repeated doubles a string with each line; gc answers `constant string too
//! long` after a few dozen lines without ever holding the bytes, because go/constant's
//! `stringVal` records the two operands and flattens only on demand. [`ConstStr`] does the
//! same: short results are joined at once (most constants), long ones stay a tree of shared
//! parts with their length known. Flattening walks the tree with an explicit stack, since a
//! 10,000-term sum makes a tree as deep.

use std::sync::{Arc, OnceLock};

/// Concatenations at most this long are joined at once.
const JOIN_AT_ONCE: u64 = 1 << 12;

/// A constant string's bytes (Go strings need not be valid UTF-8: `"\xff"`), cheap to clone.
#[derive(Clone)]
pub struct ConstStr(Arc<Node>);

struct Node {
    len: u64,
    /// The bytes, once known.
    flat: OnceLock<Box<[u8]>>,
    /// The operands of a concatenation not yet joined.
    parts: Option<(ConstStr, ConstStr)>,
}

impl ConstStr {
    /// The constant with exactly these bytes.
    pub fn new(bytes: impl Into<Box<[u8]>>) -> ConstStr {
        let bytes = bytes.into();
        ConstStr(Arc::new(Node { len: bytes.len() as u64, flat: OnceLock::from(bytes), parts: None }))
    }

    /// `a + b`.
    pub fn concat(a: &ConstStr, b: &ConstStr) -> ConstStr {
        let len = a.len() + b.len();
        if len <= JOIN_AT_ONCE {
            return ConstStr::new([a.bytes(), b.bytes()].concat());
        }
        ConstStr(Arc::new(Node { len, flat: OnceLock::new(), parts: Some((a.clone(), b.clone())) }))
    }

    /// The length in bytes, without joining anything.
    pub fn len(&self) -> u64 {
        self.0.len
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.0.len == 0
    }

    /// The first `n` bytes (all of them if there are fewer), without joining the rest.
    pub fn prefix(&self, n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut todo = vec![self];
        while let Some(s) = todo.pop() {
            if out.len() >= n {
                break;
            }
            match (s.0.flat.get(), &s.0.parts) {
                (Some(b), _) => out.extend_from_slice(&b[..b.len().min(n - out.len())]),
                (None, Some((l, r))) => {
                    todo.push(r);
                    todo.push(l);
                }
                (None, None) => {}
            }
        }
        out
    }

    /// The bytes, joined (and kept) on first use.
    pub fn bytes(&self) -> &[u8] {
        self.0.flat.get_or_init(|| {
            let mut out = Vec::with_capacity(self.0.len as usize);
            let mut todo = vec![self];
            while let Some(s) = todo.pop() {
                match (s.0.flat.get(), &s.0.parts) {
                    (Some(b), _) => out.extend_from_slice(b),
                    (None, Some((l, r))) => {
                        todo.push(r);
                        todo.push(l);
                    }
                    (None, None) => {}
                }
            }
            out.into_boxed_slice()
        })
    }
}

impl PartialEq for ConstStr {
    fn eq(&self, other: &ConstStr) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || (self.len() == other.len() && self.bytes() == other.bytes())
    }
}

impl std::fmt::Debug for ConstStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.len() > JOIN_AT_ONCE {
            return write!(f, "ConstStr(<{} bytes>)", self.len());
        }
        write!(f, "{:?}", String::from_utf8_lossy(self.bytes()))
    }
}

impl Drop for Node {
    /// Frees a deep tree without recursing as deep.
    fn drop(&mut self) {
        let mut todo: Vec<ConstStr> = Vec::new();
        if let Some((l, r)) = self.parts.take() {
            todo.extend([l, r]);
        }
        while let Some(s) = todo.pop() {
            if let Ok(mut node) = Arc::try_unwrap(s.0) {
                if let Some((l, r)) = node.parts.take() {
                    todo.extend([l, r]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_keeps_length_without_bytes() {
        let mut s = ConstStr::new(b"0123456789abcdef".to_vec());
        for _ in 0..40 {
            s = ConstStr::concat(&s, &s);
        }
        assert_eq!(s.len(), 16 << 40);
        assert_eq!(s.prefix(20), b"0123456789abcdef0123");
    }

    #[test]
    fn deep_sums_flatten_and_drop() {
        let big = ConstStr::new(vec![b'x'; 5000]);
        let mut s = big.clone();
        for _ in 0..100_000 {
            s = ConstStr::concat(&s, &ConstStr::new(b"y".to_vec()));
        }
        assert_eq!(s.len(), 105_000);
        assert_eq!(s.bytes().len(), 105_000);
        assert_eq!(&s.bytes()[4999..5001], b"xy");
    }
}
