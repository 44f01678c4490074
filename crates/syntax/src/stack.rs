//! Running recursive work on a large stack.
//!
//! Every stage of the analysis recurses over trees as deep as the input nests. Rather than
//! bound each recursion by what the caller's stack holds, the entry points (`parse_file`,
//! `types::check_package_with`, `goescape::analyze`) run their work here: on a helper thread
//! whose stack is reserved large and touched only as deep input needs it.

/// The stack reserved for such work.
pub const LARGE_STACK: usize = 1 << 30;

/// Runs `f` on a thread named `name` with a [`LARGE_STACK`], or on the caller's stack when no
/// thread can be started; a panic in `f` is passed on as it is.
pub fn on_large_stack<T: Send>(name: &str, f: impl FnOnce() -> T + Send) -> T {
    let mut work = Some(f);
    let done = std::thread::scope(|scope| {
        let slot = &mut work;
        let worker = std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(LARGE_STACK)
            .spawn_scoped(scope, move || slot.take().map(|f| f()));
        worker.ok().map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    match (done.flatten(), work) {
        (Some(result), _) => result,
        // No thread could be started: the work is still here.
        (None, Some(f)) => f(),
        (None, None) => unreachable!("the helper thread took the work and returned"),
    }
}
