//! Constant values with go/constant's semantics (exact arithmetic for untyped constants).

/// An exact constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    String(String),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
    /// A value we could not represent exactly (reported, then treated as unknown).
    Unknown,
}
