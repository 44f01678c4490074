//! The `//goescape:esc` directive: gc's escape tags as text.
//!
//! gc summarises each parameter of an analyzed function as a `leaks` (`escape/leaks.go`): the
//! minimum number of dereferences on any assignment path from the parameter to the heap, to the
//! mutator (the pointer operand of an indirect store), to the callee (the function operand of a
//! call), and to each of the first five results. The directive prints one entry per parameter, in
//! declaration order, the receiver first under the name `recv`:
//!
//! ```text
//! //goescape:esc recv=h0 a=h1,r0:0 b=- c=m0,c1
//! ```
//!
//! An entry is `NAME=-` when the parameter flows nowhere, or `NAME=` followed by comma-separated
//! items, printed in this order: `hN` heap at derefs N, `mN` mutator, `cN` callee, `rI:N` result I
//! (0-based, `I < 5`) at derefs N, with `N` in `0..=255` (gc saturates at 255). Unnamed and blank
//! parameters are written `_`. The names are informative only: consumers go by position.
//!
//! gc 1.21's `leaks` is the heap and seven results, without mutator or callee: its facts have no
//! `m`/`c` items, and a flow to a sixth or seventh result would be dropped (`cargo xtask facts`
//! counts them; 1.21's std has none).
//!
//! Parameters of types without pointers are written `-`. (gc encodes them as the empty tag, which
//! decodes as "leaks to the heap at derefs 0", but it never looks at that: an argument with no
//! pointers flows into the discard hole, `escape/expr.go`.)

use crate::FactsError;

/// One parameter's escape tag: gc's `leaks`, the same shape as `ir::Leaks`. `None` means no path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParamTag {
    pub heap: Option<u8>,
    pub mutator: Option<u8>,
    pub callee: Option<u8>,
    /// Flows to the first five results.
    pub results: [Option<u8>; 5],
}

impl ParamTag {
    /// The tag of a parameter that flows nowhere (`-`).
    pub const NONE: ParamTag = ParamTag { heap: None, mutator: None, callee: None, results: [None; 5] };

    /// gc's `leaks.Optimize`: flows to the mutator, the callee or a result that are at least as
    /// long as the shortest heap flow carry no information and are dropped. gc exports optimized
    /// tags, so every tag in a facts file is optimized.
    pub fn optimize(&mut self) {
        if let Some(h) = self.heap {
            let drop = |x: &mut Option<u8>| {
                if x.is_some_and(|d| d >= h) {
                    *x = None;
                }
            };
            drop(&mut self.mutator);
            drop(&mut self.callee);
            self.results.iter_mut().for_each(drop);
        }
    }
}

impl std::fmt::Display for ParamTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut items = Vec::new();
        if let Some(n) = self.heap {
            items.push(format!("h{n}"));
        }
        if let Some(n) = self.mutator {
            items.push(format!("m{n}"));
        }
        if let Some(n) = self.callee {
            items.push(format!("c{n}"));
        }
        for (i, r) in self.results.iter().enumerate() {
            if let Some(n) = r {
                items.push(format!("r{i}:{n}"));
            }
        }
        if items.is_empty() {
            f.write_str("-")
        } else {
            f.write_str(&items.join(","))
        }
    }
}

impl std::str::FromStr for ParamTag {
    type Err = FactsError;

    fn from_str(s: &str) -> Result<ParamTag, FactsError> {
        let bad = |why: &str| FactsError::BadTag { text: s.to_string(), why: why.to_string() };
        let mut tag = ParamTag::NONE;
        if s == "-" {
            return Ok(tag);
        }
        if s.is_empty() {
            return Err(bad("empty tag (write `-` for no flows)"));
        }
        let derefs = |n: &str| n.parse::<u8>().map_err(|_| bad(&format!("bad deref count {n:?}")));
        for item in s.split(',') {
            let (kind, rest) = item.split_at(item.chars().next().map_or(0, char::len_utf8));
            let slot = match kind {
                "h" => &mut tag.heap,
                "m" => &mut tag.mutator,
                "c" => &mut tag.callee,
                "r" => {
                    let (i, n) = rest.split_once(':').ok_or_else(|| bad("result item needs `rI:N`"))?;
                    let i: usize = i.parse().map_err(|_| bad(&format!("bad result index {i:?}")))?;
                    if i >= tag.results.len() {
                        return Err(bad(&format!("result index {i} >= 5")));
                    }
                    if tag.results[i].replace(derefs(n)?).is_some() {
                        return Err(bad(&format!("result {i} given twice")));
                    }
                    continue;
                }
                _ => return Err(bad(&format!("unknown item {item:?}"))),
            };
            if slot.replace(derefs(rest)?).is_some() {
                return Err(bad(&format!("{kind} given twice")));
            }
        }
        Ok(tag)
    }
}

/// Parses the tags of one `//goescape:esc` directive. Accepts the whole comment
/// (`//goescape:esc a=h0`), the directive without `//`, or just the entries (`a=h0 b=-`).
pub fn parse_esc_pragma(text: &str) -> Result<Vec<(String, ParamTag)>, FactsError> {
    let mut s = text.trim();
    s = s.strip_prefix("//").unwrap_or(s);
    s = s.strip_prefix("goescape:esc").unwrap_or(s);
    s.split_ascii_whitespace()
        .map(|entry| {
            let (name, tag) = entry.split_once('=').ok_or_else(|| FactsError::BadTag {
                text: text.to_string(),
                why: format!("entry {entry:?} is not NAME=TAG"),
            })?;
            if name.is_empty() {
                return Err(FactsError::BadTag { text: text.to_string(), why: format!("entry {entry:?} has no name") });
            }
            Ok((name.to_string(), tag.parse()?))
        })
        .collect()
}

/// Prints a whole directive line (without a trailing newline): `//goescape:esc recv=h0 a=-`.
pub fn print_esc_pragma<'a>(params: impl IntoIterator<Item = (&'a str, ParamTag)>) -> String {
    let mut s = String::from("//goescape:esc");
    for (name, tag) in params {
        s.push(' ');
        s.push_str(if name.is_empty() { "_" } else { name });
        s.push('=');
        s.push_str(&tag.to_string());
    }
    s
}
