//! Rendering verdicts: gc's exact text, or one JSON object per verdict.

use crate::Analysis;

/// The lines `go build -gcflags='-m -l'` prints: a `# pkg` header before each package that has
/// something to say, then `path:line:col: message` lines in gc's order.
pub fn render_gc(a: &Analysis) -> String {
    let mut out = Vec::new();
    write_gc(a, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("diagnostics are UTF-8")
}

/// [`render_gc`] written to `w` as it goes.
pub fn write_gc(a: &Analysis, w: &mut impl std::io::Write) -> std::io::Result<()> {
    for p in &a.packages {
        if p.diagnostics.is_empty() {
            continue;
        }
        writeln!(w, "{}", p.header)?;
        for d in &p.diagnostics {
            if d.line == 0 {
                writeln!(w, "{}", d.message)?;
            } else if d.col == 0 {
                writeln!(w, "{}:{}: {}", d.path, d.line, d.message)?;
            } else {
                writeln!(w, "{}:{}:{}: {}", d.path, d.line, d.col, d.message)?;
            }
        }
    }
    Ok(())
}

/// `file:line:col`, or `file:line` when the column is unknown (0: a line directive without one).
pub fn format_position(file: &str, line: u32, col: u32) -> String {
    if col == 0 {
        format!("{file}:{line}")
    } else {
        format!("{file}:{line}:{col}")
    }
}

/// One JSON object per line and verdict: file, line, col, kind, message, function, package.
pub fn render_json(a: &Analysis) -> String {
    let mut out = String::new();
    for p in &a.packages {
        for d in &p.diagnostics {
            out.push_str(&format!(
                "{{\"package\":{},\"file\":{},\"line\":{},\"col\":{},\"kind\":{},\"message\":{},\"function\":{}}}\n",
                json_str(&p.import_path),
                json_str(&d.path),
                d.line,
                d.col,
                json_str(d.kind.as_str()),
                json_str(&d.message),
                json_str(&d.function),
            ));
        }
    }
    out
}

pub(crate) fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_quotes_and_controls() {
        assert_eq!(json_str("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
    }
}
