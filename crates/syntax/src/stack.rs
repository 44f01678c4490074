//! Running recursive work on a large stack.
//!
//! Every stage of the analysis recurses over trees as deep as the input nests. Rather than
//! bound each recursion by what the caller's stack holds, the entry points (`parse_file`,
//! `types::check_package_with`, `goescape::analyze`) run their work here: on a helper thread
//! whose stack is reserved large and touched only as deep input needs it.

/// The stack reserved for such work.
pub const LARGE_STACK: usize = 1 << 30;

std::thread_local! {
    /// Whether this thread is one [`on_large_stack`] started.
    static LARGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the calling thread as one whose stack is [`LARGE_STACK`] (a thread pool's worker
/// built with that stack size), so the entry points run their work on it directly.
pub fn mark_large_stack() {
    LARGE.with(|l| l.set(true));
}

/// Runs `f` on a thread named `name` with a [`LARGE_STACK`], or on the caller's stack when no
/// thread can be started; a panic in `f` is passed on as it is. Work that is already on such a
/// thread (a file parsed during an analysis) stays there: the entry points do not nest deeply
/// inside one another, and a thread per file would cost more than the parsing of small files.
pub fn on_large_stack<T: Send>(name: &str, f: impl FnOnce() -> T + Send) -> T {
    if LARGE.with(|l| l.get()) {
        return f();
    }
    let mut work = Some(f);
    let done = std::thread::scope(|scope| {
        let slot = &mut work;
        let worker =
            std::thread::Builder::new().name(name.to_string()).stack_size(LARGE_STACK).spawn_scoped(scope, move || {
                LARGE.with(|l| l.set(true));
                slot.take().map(|f| f())
            });
        worker.ok().map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    match (done.flatten(), work) {
        (Some(result), _) => result,
        // No thread could be started: the work is still here.
        (None, Some(f)) => f(),
        (None, None) => unreachable!("the helper thread took the work and returned"),
    }
}
