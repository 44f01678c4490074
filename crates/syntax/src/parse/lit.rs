//! Literal helpers: Go string unquoting (struct tags, import paths) and the minimum Go version
//! a `//go:build` expression implies.

/// The value of a Go string literal (interpreted `"..."` or raw `` `...` ``); `None` if it is
/// not a well-formed one.
pub fn unquote(lit: &str) -> Option<String> {
    if lit.len() >= 2 && lit.starts_with('`') && lit.ends_with('`') {
        return Some(lit[1..lit.len() - 1].replace('\r', ""));
    }
    if !(lit.len() >= 2 && lit.starts_with('"') && lit.ends_with('"')) {
        return None;
    }
    let body = &lit[1..lit.len() - 1];
    let mut out: Vec<u8> = Vec::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\n' {
            return None;
        }
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let esc = *bytes.get(i + 1)?;
        i += 2;
        let simple = match esc {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            b'"' => Some(b'"'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        match esc {
            b'0'..=b'7' => {
                let digits = body.get(i - 1..i + 2)?;
                let v = u32::from_str_radix(digits, 8).ok()?;
                if v > 255 {
                    return None;
                }
                out.push(v as u8);
                i += 2;
            }
            b'x' => {
                let v = u8::from_str_radix(body.get(i..i + 2)?, 16).ok()?;
                out.push(v);
                i += 2;
            }
            b'u' | b'U' => {
                let n = if esc == b'u' { 4 } else { 8 };
                let v = u32::from_str_radix(body.get(i..i + n)?, 16).ok()?;
                let c = char::from_u32(v)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                i += n;
            }
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// The minimum Go release `(1, N)` that satisfying the build expression `expr` (the text after
/// `//go:build`) requires, as go/build/constraint's `GoVersion` computes it: `&&` takes the
/// larger requirement, `||` the smaller, `!` none.
pub fn build_constraint_go_version(expr: &str) -> Option<(u32, u32)> {
    let tokens = tokenize(expr)?;
    let mut p = ConstraintParser { tokens, at: 0, depth: 0 };
    let e = p.or()?;
    if p.at != p.tokens.len() {
        return None;
    }
    let v = min_version(&e, true, 0);
    (v >= 0).then_some((1, v as u32))
}

#[derive(Debug)]
enum Constraint {
    Tag(String),
    Not(Box<Constraint>),
    And(Box<Constraint>, Box<Constraint>),
    Or(Box<Constraint>, Box<Constraint>),
}

fn tokenize(s: &str) -> Option<Vec<String>> {
    let mut out = vec![];
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' || c == '!' {
            out.push(c.to_string());
            i += 1;
        } else if (c == '&' || c == '|') && chars.get(i + 1) == Some(&c) {
            out.push(format!("{c}{c}"));
            i += 2;
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            return None;
        }
    }
    Some(out)
}

struct ConstraintParser {
    tokens: Vec<String>,
    at: usize,
    depth: u32,
}

impl ConstraintParser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(|s| s.as_str())
    }

    fn or(&mut self) -> Option<Constraint> {
        let mut x = self.and()?;
        while self.peek() == Some("||") {
            self.at += 1;
            x = Constraint::Or(Box::new(x), Box::new(self.and()?));
        }
        Some(x)
    }

    fn and(&mut self) -> Option<Constraint> {
        let mut x = self.not()?;
        while self.peek() == Some("&&") {
            self.at += 1;
            x = Constraint::And(Box::new(x), Box::new(self.not()?));
        }
        Some(x)
    }

    fn not(&mut self) -> Option<Constraint> {
        self.depth += 1;
        if self.depth > 100 {
            return None;
        }
        let r = match self.peek()? {
            "!" => {
                self.at += 1;
                Some(Constraint::Not(Box::new(self.not()?)))
            }
            "(" => {
                self.at += 1;
                let x = self.or()?;
                if self.peek() != Some(")") {
                    return None;
                }
                self.at += 1;
                Some(x)
            }
            ")" | "&&" | "||" => None,
            tag => {
                let t = tag.to_string();
                self.at += 1;
                Some(Constraint::Tag(t))
            }
        };
        self.depth -= 1;
        r
    }
}

/// -1 when the expression implies no version, else N of go1.N.
fn min_version(e: &Constraint, positive: bool, depth: u32) -> i64 {
    if depth > 200 {
        return -1;
    }
    let and = |a: i64, b: i64| a.max(b);
    let or = |a: i64, b: i64| a.min(b);
    match e {
        Constraint::And(x, y) => {
            let (a, b) = (min_version(x, positive, depth + 1), min_version(y, positive, depth + 1));
            if positive {
                and(a, b)
            } else {
                or(a, b)
            }
        }
        Constraint::Or(x, y) => {
            let (a, b) = (min_version(x, positive, depth + 1), min_version(y, positive, depth + 1));
            if positive {
                or(a, b)
            } else {
                and(a, b)
            }
        }
        Constraint::Not(x) => min_version(x, !positive, depth + 1),
        Constraint::Tag(t) => {
            if !positive {
                return -1;
            }
            if t == "go1" {
                return 0;
            }
            match t.strip_prefix("go1.") {
                Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => v.parse().unwrap_or(-1),
                _ => -1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_versions() {
        let cases = [
            (" go1.21", Some((1, 21))),
            (" linux && go1.22", Some((1, 22))),
            (" go1.21 || linux", None),
            (" go1.21 || go1.23", Some((1, 21))),
            (" !go1.21", None),
            (" (go1.20 && amd64) && go1.18", Some((1, 20))),
            (" linux", None),
            (" ((", None),
        ];
        for (expr, want) in cases {
            assert_eq!(build_constraint_go_version(expr), want, "{expr}");
        }
    }

    #[test]
    fn unquoting() {
        let cases = [
            (r#""fmt""#, Some("fmt")),
            ("`a\\b`", Some("a\\b")),
            (r#""json:\"u\"""#, Some("json:\"u\"")),
            (r#""\x41\101\u00e9""#, Some("AAé")),
            (r#""bad"#, None),
            (r#""\q""#, None),
        ];
        for (lit, want) in cases {
            assert_eq!(unquote(lit).as_deref(), want, "{lit}");
        }
    }
}
