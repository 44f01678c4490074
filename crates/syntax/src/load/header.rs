//! What the loader needs from a Go file without parsing it: its constraint comments, its
//! package name and its imports.
//!
//! Constraints live in the file's opening run of `//` comments and blank lines. A
//! `//go:build` line counts anywhere in that run; legacy `// +build` lines count only up to
//! the last blank line before the first line of code (so that a doc comment attached to the
//! package clause is never read as a constraint). After the header, a tiny tokenizer reads
//! `package NAME` and the `import` declarations that follow, remembering where each import
//! spec starts (1-based line and byte column, as gc reports positions).

use super::constraint;

/// One import spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub path: String,
    pub line: u32,
    pub col: u32,
}

/// The loader's view of one file.
#[derive(Clone, Debug, Default)]
pub struct Header {
    /// The `//go:build` line, if any.
    pub go_build: Option<String>,
    /// `// +build` lines within the constraint region.
    pub plus_build: Vec<String>,
    /// Set when the header is unusable (several `//go:build` lines).
    pub error: Option<String>,
    /// Empty when there is no package clause.
    pub package: String,
    pub imports: Vec<Import>,
    /// The byte offset where the header ends: that of the first token after the imports (the
    /// go command reads no further).
    pub end: usize,
    /// When the file does not start with a package clause: go/parser's complaint, `expected
    /// 'package', found X`, at (line, column).
    pub no_package: Option<(u32, u32, String)>,
}

impl Header {
    pub fn imports_c(&self) -> bool {
        self.imports.iter().any(|i| i.path == "C")
    }
}

/// Reads the header of a Go source file. Only the tokens up to the end of the imports are
/// read.
pub fn scan(text: &str) -> Header {
    let mut h = Header::default();
    let (region_end, go_build, err) = constraint_region(text);
    h.go_build = go_build;
    h.error = err;
    for line in text[..region_end].lines() {
        let line = line.trim();
        if line.starts_with("//") && line.contains("+build") && constraint::is_plus_build(line) {
            h.plus_build.push(line.to_string());
        }
    }
    let mut toks = Lookahead { tokens: Tokens::new(text), read: Vec::new() };
    let i = package_and_imports(&mut h, &mut toks);
    h.end = toks.get(i).map_or(text.len(), |t| t.offset);
    if toks.text(0) != "package" {
        h.no_package = Some(match toks.get(0) {
            Some(t) => {
                // go/parser has read that token whole.
                h.end = h.end.max(t.offset + t.text.len());
                (t.line, t.col, not_package(t))
            }
            None => {
                let (line, col) = eof_position(text);
                (line, col, "expected 'package', found 'EOF'".to_string())
            }
        });
    }
    h
}

/// go/parser's complaint about a first token that is not `package`: go/scanner's about a
/// character that starts no token (`illegal character U+000B`), else `expected 'package', found
/// X`.
fn not_package(t: &Token) -> String {
    if t.kind == Kind::Other {
        if let Some(c) = t.text.chars().next().filter(|c| !"+-*/%&|^<>=!()[]{},;.:~".contains(*c)) {
            let code = format!("U+{:04X}", c as u32);
            return if c.is_control() {
                format!("illegal character {code}")
            } else {
                format!("illegal character {code} '{c}'")
            };
        }
    }
    format!("expected 'package', found {}", found(t))
}

/// How go/parser names the token it found: literals as written, anything else quoted.
fn found(t: &Token) -> String {
    match t.kind {
        Kind::Ident if !crate::parse::KEYWORDS.contains(&t.text.as_str()) => t.text.clone(),
        Kind::Str => t.text.clone(),
        _ => format!("'{}'", t.text),
    }
}

/// Where go/scanner places the end of `text`: a final newline starts no line of its own.
fn eof_position(text: &str) -> (u32, u32) {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let line = 1 + body.matches('\n').count() as u32;
    let line_start = body.rfind('\n').map_or(0, |i| i + 1);
    (line, (text.len() - line_start + 1) as u32)
}

/// Reads the package clause and the import declarations into `h`; returns the index of the
/// first token after them.
fn package_and_imports(h: &mut Header, toks: &mut Lookahead) -> usize {
    if toks.text(0) != "package" {
        return 0;
    }
    if let Some(t) = toks.get(1) {
        if t.kind == Kind::Ident {
            h.package = t.text.clone();
        }
    }
    let mut i = 2;
    loop {
        while toks.text(i) == ";" {
            i += 1;
        }
        if toks.text(i) != "import" {
            return i;
        }
        i += 1;
        let grouped = toks.text(i) == "(";
        if grouped {
            i += 1;
        }
        loop {
            while grouped && toks.text(i) == ";" {
                i += 1;
            }
            if grouped && toks.text(i) == ")" {
                i += 1;
                break;
            }
            let Some(start) = toks.get(i) else { return i };
            let (line, col) = (start.line, start.col);
            if start.kind == Kind::Ident || start.text == "." {
                i += 1;
            }
            match toks.get(i) {
                Some(t) if t.kind == Kind::Str => {
                    h.imports.push(Import { path: t.value.clone(), line, col });
                    i += 1;
                }
                _ => return i,
            }
            if !grouped {
                break;
            }
        }
    }
}

/// The tokens read so far, reading more on demand.
struct Lookahead<'a> {
    tokens: Tokens<'a>,
    read: Vec<Token>,
}

impl Lookahead<'_> {
    fn get(&mut self, i: usize) -> Option<&Token> {
        while self.read.len() <= i {
            let t = self.tokens.next()?;
            self.read.push(t);
        }
        self.read.get(i)
    }

    fn text(&mut self, i: usize) -> &str {
        self.get(i).map_or("", |t| t.text.as_str())
    }
}

/// The byte length of the region where `// +build` lines count, the `//go:build` line, and
/// an error for several `//go:build` lines.
fn constraint_region(text: &str) -> (usize, Option<String>, Option<String>) {
    let mut end = 0;
    let mut ended = false;
    let mut in_block = false;
    let mut go_build: Option<String> = None;
    let mut pos = 0;
    'lines: while pos < text.len() {
        let nl = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        let raw = &text[pos..nl];
        pos = nl;
        let mut line = raw.trim();
        if line.is_empty() && !ended {
            end = pos;
            continue;
        }
        if !line.starts_with("//") {
            ended = true;
        }
        if !in_block && constraint::is_go_build(line) {
            if go_build.is_some() {
                return (0, None, Some("multiple //go:build comments".into()));
            }
            go_build = Some(line.to_string());
        }
        while !line.is_empty() {
            if in_block {
                match line.find("*/") {
                    Some(i) => {
                        in_block = false;
                        line = line[i + 2..].trim();
                        continue;
                    }
                    None => continue 'lines,
                }
            }
            if line.starts_with("//") {
                continue 'lines;
            }
            if let Some(rest) = line.strip_prefix("/*") {
                in_block = true;
                line = rest.trim();
                continue;
            }
            break 'lines;
        }
    }
    (end, go_build, None)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ident,
    Str,
    Other,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// Source text (for strings, the literal with quotes); `;` for a line end that ends a
    /// statement.
    text: String,
    /// The unquoted value of a string literal.
    value: String,
    line: u32,
    col: u32,
    /// Byte offset in the file.
    offset: usize,
}

/// A minimal Go tokenizer: identifiers, string literals, punctuation, automatic semicolons
/// after identifiers, literals and closing brackets.
struct Tokens<'a> {
    src: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// Whether a newline now inserts a semicolon.
    semi: bool,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        // A byte order mark opening the file is not part of it.
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Tokens { src: text.as_bytes(), pos, line: 1, line_start: 0, semi: false }
    }
    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;
    fn next(&mut self) -> Option<Token> {
        loop {
            let c = *self.src.get(self.pos)?;
            let (line, col) = (self.line, (self.pos - self.line_start + 1) as u32);
            let offset = self.pos;
            let semi_tok =
                |line, col| Token { kind: Kind::Other, text: ";".into(), value: String::new(), line, col, offset };
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.newline();
                    if std::mem::take(&mut self.semi) {
                        return Some(semi_tok(line, col));
                    }
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'/' if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut had_newline = false;
                    while self.pos < self.src.len() && !self.src[self.pos..].starts_with(b"*/") {
                        self.pos += 1;
                        if self.src[self.pos - 1] == b'\n' {
                            self.newline();
                            had_newline = true;
                        }
                    }
                    self.pos = (self.pos + 2).min(self.src.len());
                    if had_newline && std::mem::take(&mut self.semi) {
                        return Some(semi_tok(line, col));
                    }
                }
                b'"' | b'`' => {
                    let start = self.pos;
                    self.pos += 1;
                    let mut value = Vec::new();
                    while self.pos < self.src.len() && self.src[self.pos] != c {
                        let b = self.src[self.pos];
                        if c == b'"' && b == b'\n' {
                            break;
                        }
                        if c == b'"' && b == b'\\' && self.pos + 1 < self.src.len() {
                            self.pos += 1;
                            value.push(self.src[self.pos]);
                        } else {
                            if b == b'\n' {
                                self.pos += 1;
                                self.newline();
                                value.push(b);
                                continue;
                            }
                            value.push(b);
                        }
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 1).min(self.src.len());
                    self.semi = true;
                    let text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                    // Escapes decoded as Go does (`"fmt\x00"`); what does not unquote stays raw.
                    let value =
                        crate::parse::unquote(&text).unwrap_or_else(|| String::from_utf8_lossy(&value).into_owned());
                    return Some(Token { kind: Kind::Str, text, value, line, col, offset });
                }
                _ if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 => {
                    let start = self.pos;
                    while self.pos < self.src.len() {
                        let b = self.src[self.pos];
                        if b == b'_' || b.is_ascii_alphanumeric() || b >= 0x80 {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    self.semi = true;
                    return Some(Token {
                        kind: Kind::Ident,
                        text: String::from_utf8_lossy(&self.src[start..self.pos]).into_owned(),
                        value: String::new(),
                        line,
                        col,
                        offset,
                    });
                }
                _ => {
                    self.pos += 1;
                    self.semi = matches!(c, b')' | b']' | b'}');
                    return Some(Token {
                        kind: Kind::Other,
                        text: (c as char).to_string(),
                        value: String::new(),
                        line,
                        col,
                        offset,
                    });
                }
            }
        }
    }
}
