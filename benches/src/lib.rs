//! Benchmarks live in phases.rs.
