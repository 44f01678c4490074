//! Lowering from the checked syntax tree to IR. (To be written.)
