//! (To be written: go/types call.)
