//! Leak sets: for one parameter, the fewest dereferences on any data-flow path to each sink
//! (the heap, the mutator, the callee, and the first few results).
//!
//! gc stores these as `leaks [8]uint8` where a byte is `derefs+1` and 0 means "no path"; the
//! tag written to export data drops everything but the heap entry when the parameter leaks
//! directly to the heap. We keep the same byte encoding so that the saturation and the
//! round trip through a tag behave exactly as gc's, and convert to [`ir::Leaks`] at the edges.

/// Number of result parameters a tag can describe.
pub(crate) const NUM_RESULTS: usize = 5;

const HEAP: usize = 0;
const MUTATOR: usize = 1;
const CALLEE: usize = 2;
const RESULT0: usize = 3;

/// One parameter's leak set, byte-encoded as gc does (`derefs + 1`, 0 for none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct LeakSet([u8; 8]);

impl LeakSet {
    /// The set a missing tag means: the value leaks straight to the heap.
    pub(crate) fn heap_leak() -> Self {
        let mut l = LeakSet::default();
        l.add_heap(0);
        l
    }

    fn get(&self, i: usize) -> i32 {
        self.0[i] as i32 - 1
    }

    fn set(&mut self, i: usize, derefs: i32) {
        let v = (derefs + 1).clamp(0, u8::MAX as i32);
        self.0[i] = v as u8;
    }

    fn add(&mut self, i: usize, derefs: i32) {
        let old = self.get(i);
        if old < 0 || derefs < old {
            self.set(i, derefs);
        }
    }

    pub(crate) fn heap(&self) -> i32 {
        self.get(HEAP)
    }
    pub(crate) fn mutator(&self) -> i32 {
        self.get(MUTATOR)
    }
    pub(crate) fn callee(&self) -> i32 {
        self.get(CALLEE)
    }
    pub(crate) fn result(&self, i: usize) -> i32 {
        self.get(RESULT0 + i)
    }
    pub(crate) fn add_heap(&mut self, derefs: i32) {
        self.add(HEAP, derefs)
    }
    pub(crate) fn add_mutator(&mut self, derefs: i32) {
        self.add(MUTATOR, derefs)
    }
    pub(crate) fn add_callee(&mut self, derefs: i32) {
        self.add(CALLEE, derefs)
    }
    pub(crate) fn add_result(&mut self, i: usize, derefs: i32) {
        self.add(RESULT0 + i, derefs)
    }

    /// Drops every non-heap path that is no shorter than the shortest heap path: it adds
    /// nothing the heap path does not already imply.
    pub(crate) fn optimize(&mut self) {
        let h = self.heap();
        if h >= 0 {
            for i in 1..self.0.len() {
                if self.get(i) >= h {
                    self.set(i, -1);
                }
            }
        }
    }

    /// What a caller reads back from the tag gc writes for this set: a direct heap leak is
    /// written as the empty tag, which reads back as "leaks to the heap" and nothing else.
    pub(crate) fn through_tag(self) -> Self {
        if self.heap() == 0 {
            Self::heap_leak()
        } else {
            self
        }
    }

    pub(crate) fn from_ir(l: &ir::Leaks) -> Self {
        let mut s = LeakSet::default();
        let put = |s: &mut LeakSet, i: usize, v: Option<u8>| {
            if let Some(d) = v {
                s.set(i, d as i32);
            }
        };
        put(&mut s, HEAP, l.heap);
        put(&mut s, MUTATOR, l.mutator);
        put(&mut s, CALLEE, l.callee);
        for (i, r) in l.results.iter().enumerate() {
            put(&mut s, RESULT0 + i, *r);
        }
        s
    }

    pub(crate) fn to_ir(self) -> ir::Leaks {
        let opt = |v: i32| if v < 0 { None } else { Some(v.min(254) as u8) };
        let mut results = [None; NUM_RESULTS];
        for (i, r) in results.iter_mut().enumerate() {
            *r = opt(self.result(i));
        }
        ir::Leaks { heap: opt(self.heap()), mutator: opt(self.mutator()), callee: opt(self.callee()), results }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_keeps_minimum_and_optimize_prunes() {
        let mut l = LeakSet::default();
        assert_eq!(l.heap(), -1);
        l.add_result(0, 2);
        l.add_result(0, 1);
        l.add_heap(1);
        l.add_mutator(0);
        assert_eq!(l.result(0), 1);
        l.optimize();
        assert_eq!(l.result(0), -1);
        assert_eq!(l.mutator(), 0);
        assert_eq!(LeakSet::from_ir(&l.to_ir()), l);
    }
}
