//! The `//goescape:inl` directive: gc's inlining cost of an exported inlinable function.
//!
//! gc's inliner (`cmd/compile/internal/inline`) gives every function whose body fits the budget a
//! cost (the "hairiness" `hairyVisitor` counts, printed at `-m=2` as `can inline F with cost N`)
//! and exports the body with it. An importer decides from the cost whether a call may be inlined
//! (a callee costing more than `inlineBigFunctionMaxCost` is not inlined into a big caller), and
//! inlines the exported body. The directive carries that cost, a decimal `u32`:
//!
//! ```text
//! //goescape:esc s=- prefix=-
//! //goescape:inl 18
//! //line :501:1
//! func HasPrefix(s, prefix string) bool {
//!     return stringslite.HasPrefix(s, prefix)
//! }
//! ```
//!
//! It follows the function's `//goescape:esc` line, and the function keeps its body, at its
//! GOROOT line (`strings.HasPrefix`, gc: `strings.go:501:6: can inline HasPrefix with cost 18`).

use crate::FactsError;

/// Parses the cost of one `//goescape:inl` directive. Accepts the whole comment
/// (`//goescape:inl 8`), the directive without `//`, or just the cost (`8`, what the pipeline
/// hands over after the directive name).
pub fn parse_inl_pragma(text: &str) -> Result<u32, FactsError> {
    let bad = |why: &str| FactsError::BadInl { text: text.to_string(), why: why.to_string() };
    let mut s = text.trim();
    s = s.strip_prefix("//").unwrap_or(s);
    s = s.strip_prefix("goescape:inl").unwrap_or(s).trim();
    if s.is_empty() {
        return Err(bad("no cost"));
    }
    // `u32::from_str` would also take `+8`; the format is plain digits.
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(&format!("cost {s:?} is not a decimal number")));
    }
    s.parse().map_err(|_| bad(&format!("cost {s:?} is out of range")))
}

/// Prints a whole directive line (without a trailing newline): `//goescape:inl 8`.
pub fn print_inl_pragma(cost: u32) -> String {
    format!("//goescape:inl {cost}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_cost() {
        assert_eq!(parse_inl_pragma("8"), Ok(8));
        assert_eq!(parse_inl_pragma(" 80 "), Ok(80));
        assert_eq!(parse_inl_pragma("0"), Ok(0));
        assert_eq!(parse_inl_pragma("//goescape:inl 57"), Ok(57));
        assert_eq!(parse_inl_pragma("goescape:inl 3"), Ok(3));
        assert_eq!(parse_inl_pragma("4294967295"), Ok(u32::MAX));
    }

    #[test]
    fn round_trips() {
        for cost in [0, 1, 8, 80, 160, u32::MAX] {
            assert_eq!(parse_inl_pragma(&print_inl_pragma(cost)), Ok(cost));
        }
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "  ", "goescape:inl", "x", "-1", "+8", "8 9", "8a", "1.5", "4294967296"] {
            assert!(matches!(parse_inl_pragma(bad), Err(FactsError::BadInl { .. })), "{bad:?} should not parse");
        }
    }
}
