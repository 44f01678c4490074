//! The checker proper. (To be written.)
use crate::*;

pub fn check_package(
    _ctx: &mut Ctx,
    _path: &str,
    _files: &[syntax::ast::File],
    _go_version: (u32, u32),
) -> (Package, Info, Vec<TypeError>) {
    todo!("checker")
}
