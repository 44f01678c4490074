//! (To be written: go/types builtins.)
