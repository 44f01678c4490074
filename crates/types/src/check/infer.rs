//! (To be written: go/types infer.)
