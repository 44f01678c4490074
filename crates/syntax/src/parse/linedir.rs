//! Line directives: `//line file:line[:col]` and `/*line file:line[:col]*/`.
//!
//! Generated code (yacc, templates, our own facts stubs) uses them to make positions point back
//! at the text it came from, and gc prints every diagnostic at the position they give. We keep
//! each node's physical position (ordering, error recovery and the checker all work on it) and
//! record the directives as [`LineBase`]s, gc's relative position bases: a diagnostic is mapped
//! through the base in force where it is ([`ast::File::relative`]) when it is printed.
//!
//! The rules are gc's (`syntax.parser.updateBase`): a `//line` comment counts only at the start
//! of a line and takes effect on the next line; a `/*line*/` comment counts anywhere on one line
//! and takes effect right after it. The text after `line ` ends in `:line` or `:line:col`; what
//! precedes is the file name, cleaned and made relative to the directory of the file being
//! parsed (keeping the `./` the go command shows for the package directory), or, when empty in
//! the `:line:col` form, the file name in force. Without a column
//! gc knows no column either and prints `file:line`. A non-numeric line or column is an error;
//! text without any `:` is not a directive at all.

use super::scanner::LineComment;
use crate::ast::{self, LineBase, Pos};
use crate::SyntaxError;

/// Largest line or column gc's positions can hold.
const POS_MAX: u64 = 1 << 30;

/// The bases the directives of one file establish, in source order, and errors in them.
pub(crate) fn line_bases(path: &str, comments: &[LineComment]) -> (Vec<LineBase>, Vec<SyntaxError>) {
    let mut bases: Vec<LineBase> = Vec::new();
    let mut errors = Vec::new();
    for c in comments {
        let (body, at) = match c.text.strip_prefix("//") {
            // The newline belongs to the comment: the base starts on the next line.
            Some(body) => (body.trim_end_matches('\r'), Pos::new(c.pos.line + 1, 1)),
            None => {
                let body = c.text.strip_prefix("/*").and_then(|b| b.strip_suffix("*/")).unwrap_or("");
                (body, Pos::new(c.pos.line, c.pos.col + c.text.len() as u32))
            }
        };
        let Some(spec) = body.strip_prefix("line ") else {
            continue;
        };
        // Column of `spec` in the source, for error positions.
        let spec_col = c.pos.col + 2 + 5;
        let current = bases.last().map_or(path, |b| b.filename.as_str());
        match parse_spec(spec, current, path) {
            Ok(Some((filename, line, col))) => bases.push(LineBase { at, filename, line, col }),
            Ok(None) => {}
            Err((offset, msg)) => errors.push(SyntaxError { pos: Pos::new(c.pos.line, spec_col + offset as u32), msg }),
        }
    }
    (bases, errors)
}

/// A directive's file name, line and column (0 for none).
type Spec = (String, u32, u32);

/// `file:line[:col]` → (file name, line, column or 0). `Ok(None)` when `spec` has no `:` (not a
/// directive); `Err((offset in spec, message))` for a malformed number.
fn parse_spec(spec: &str, current: &str, path: &str) -> Result<Option<Spec>, (usize, String)> {
    let Some((i, n)) = trailing_number(spec) else {
        return Ok(None);
    };
    let n = n.ok_or_else(|| (i, format!("invalid line number: {}", &spec[i..])))?;
    // `text` is `file:line`, without the column if there is one.
    let (name, line, col, line_at, text) = match trailing_number(&spec[..i - 1]) {
        Some((i2, Some(line))) => {
            if n == 0 || n > POS_MAX {
                return Err((i, format!("invalid column number: {}", &spec[i..])));
            }
            (&spec[..i2 - 1], line, n, i2, &spec[..i - 1])
        }
        _ => (&spec[..i - 1], n, 0, i, spec),
    };
    if line == 0 || line > POS_MAX {
        return Err((line_at, format!("invalid line number: {}", &text[line_at..])));
    }
    let filename = if name.is_empty() && col != 0 {
        current.to_string()
    } else if name.is_empty() {
        String::new()
    } else {
        let name = clean(name);
        match dir(path) {
            _ if name.starts_with('/') => name,
            // The go command shows the package directory as `./`, and so a name relative to it.
            Some(d) if path.starts_with("./") => format!("./{}", clean(&format!("{d}/{name}"))),
            Some(d) => clean(&format!("{d}/{name}")),
            None if path.starts_with("./") => format!("./{name}"),
            None => name,
        }
    };
    Ok(Some((filename, line as u32, col as u32)))
}

/// After the last `:`: its offset + 1 and the number there (`None` if not a number).
fn trailing_number(text: &str) -> Option<(usize, Option<u64>)> {
    let i = text.rfind(':')?;
    Some((i + 1, text[i + 1..].parse::<u64>().ok()))
}

/// The directory of `path` as Go's `filepath.Dir` gives it, `None` for `.`.
fn dir(path: &str) -> Option<String> {
    let d = match path.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => clean(&path[..i]),
        None => return None,
    };
    (d != ".").then_some(d)
}

/// Go's `filepath.Clean` on slash-separated paths.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&p) if p != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

impl ast::File {
    /// Where gc prints `pos` (a physical position in this file): `None` when no line directive
    /// applies, else the directive's file name, line and column (0 when it gave none).
    pub fn relative(&self, pos: Pos) -> Option<(&str, u32, u32)> {
        relative(&self.line_bases, pos)
    }
}

/// [`ast::File::relative`] over a file's bases.
pub fn relative(bases: &[LineBase], pos: Pos) -> Option<(&str, u32, u32)> {
    let base = bases.iter().rev().find(|b| b.at <= pos)?;
    let line = base.line + (pos.line - base.at.line);
    let col = match base.col {
        0 => 0,
        c if pos.line == base.at.line => c + (pos.col - base.at.col),
        _ => pos.col,
    };
    Some((base.filename.as_str(), line, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(src: &str) -> (Vec<LineBase>, Vec<SyntaxError>) {
        let scanned = super::super::scanner::scan(src);
        line_bases("./sub/x.go", &scanned.line_comments)
    }

    #[test]
    fn directive_forms() {
        let (b, e) = bases("package p\n//line a.y:10\nvar x\n//line :20:5\nvar y\n/*line b.y:7:3*/var z\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].filename.as_str(), b[0].line, b[0].col, b[0].at), ("./sub/a.y", 10, 0, Pos::new(3, 1)));
        // An empty name with a column keeps the name in force.
        assert_eq!((b[1].filename.as_str(), b[1].line, b[1].col), ("./sub/a.y", 20, 5));
        assert_eq!((b[2].filename.as_str(), b[2].at), ("./sub/b.y", Pos::new(6, 17)));
        assert_eq!(relative(&b, Pos::new(2, 1)), None);
        assert_eq!(relative(&b, Pos::new(3, 5)), Some(("./sub/a.y", 10, 0)));
        assert_eq!(relative(&b, Pos::new(5, 2)), Some(("./sub/a.y", 20, 6)));
        assert_eq!(relative(&b, Pos::new(6, 21)), Some(("./sub/b.y", 7, 7)));
        assert_eq!(relative(&b, Pos::new(7, 2)), Some(("./sub/b.y", 8, 2)));
    }

    #[test]
    fn not_directives() {
        // Not at the start of a line, no colon, or a block comment over several lines.
        let (b, e) = bases("package p\n var x //line a.y:3\n//line nothing\n/*line a.y:4\n*/\n");
        assert!(b.is_empty() && e.is_empty(), "{b:?} {e:?}");
    }

    #[test]
    fn malformed_numbers() {
        let (b, e) = bases("package p\n//line a.y:x\n//line a.y:0\n//line a.y:1:0\n");
        assert!(b.is_empty());
        let msgs: Vec<String> = e.iter().map(|e| format!("{}: {}", e.pos, e.msg)).collect();
        assert_eq!(
            msgs,
            ["2:12: invalid line number: x", "3:12: invalid line number: 0", "4:14: invalid column number: 0"]
        );
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean("./a/../b//c/"), "b/c");
        assert_eq!(clean("../x"), "../x");
        assert_eq!(clean("/../x"), "/x");
        assert_eq!(dir("./x.go"), None);
        assert_eq!(dir("x.go"), None);
        assert_eq!(dir("/r/x.go").as_deref(), Some("/r"));
    }
}
