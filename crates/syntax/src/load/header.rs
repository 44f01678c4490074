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
    /// The byte offset up to which go/parser scans when it reads the whole file: the end of the
    /// token after the imports, and the character after it, which go/scanner has looked at.
    pub end: usize,
    /// When go/parser refuses the header: its complaint at (line, column) — `expected
    /// 'package', found X` for a file without package clause, `expected 'IDENT', found X` for
    /// a clause without name, `string literal not terminated`.
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
    // go/parser has scanned the token after the imports and read the character after it.
    h.end = toks.get(i).map_or(text.len(), |t| (t.offset + t.text.len() + 1).min(text.len()));
    // go/scanner's complaint about an unterminated string among the tokens read.
    let unterminated = (0..=i).filter_map(|j| toks.get(j).cloned()).find(|t| {
        let quote = if t.text.starts_with('`') { "`" } else { "\"" };
        t.kind == Kind::Str && (t.text.len() < 2 || !t.text.ends_with(quote))
    });
    if let Some(t) = unterminated {
        let what = if t.text.starts_with('`') { "raw string literal" } else { "string literal" };
        complain(&mut h, t.line, t.col, format!("{what} not terminated"));
    }
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

/// Records one of go/parser's complaints about the header; it reports them sorted, so the
/// earliest shows.
fn complain(h: &mut Header, line: u32, col: u32, msg: String) {
    if h.no_package.as_ref().is_none_or(|(l, c, _)| (line, col) < (*l, *c)) {
        h.no_package = Some((line, col, msg));
    }
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
        Kind::Str | Kind::Number => t.text.clone(),
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
    // go/parser wants the package name next; a newline after the keyword ends no statement.
    let mut j = 1;
    while toks.get(j).is_some_and(|t| t.text == ";") && toks.newline_at(toks.read[j].offset) {
        j += 1;
    }
    let complaint = match toks.get(j) {
        Some(t) if t.kind == Kind::Ident && !crate::parse::KEYWORDS.contains(&t.text.as_str()) => {
            h.package = t.text.clone();
            None
        }
        Some(t) => Some((t.line, t.col, format!("expected 'IDENT', found {}", found(t)))),
        None => {
            let (line, col) = eof_position(std::str::from_utf8(toks.tokens.src).unwrap_or(""));
            Some((line, col, "expected 'IDENT', found 'EOF'".to_string()))
        }
    };
    if let Some(c) = complaint {
        h.no_package.get_or_insert(c);
        return j;
    }
    let mut i = j + 1;
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
            let Some(start) = toks.get(i) else {
                // go/parser at EOF where an import spec belongs.
                let (line, col) = eof_position(std::str::from_utf8(toks.tokens.src).unwrap_or(""));
                let msg = if grouped { "expected ')', found 'EOF'" } else { "missing import path" };
                complain(h, line, col, msg.to_string());
                return i;
            };
            let (line, col) = (start.line, start.col);
            if (start.kind == Kind::Ident && !crate::parse::KEYWORDS.contains(&start.text.as_str()))
                || start.text == "."
            {
                i += 1;
            }
            match toks.get(i) {
                Some(t) if t.kind == Kind::Str => {
                    h.imports.push(Import { path: t.value.clone(), line, col });
                    i += 1;
                    // go/parser's `expectSemi` after the spec: a `;` (or a newline's), or a
                    // closing `)` or `}`; anything else is its complaint.
                    match toks.get(i) {
                        Some(t) if !matches!(t.text.as_str(), ";" | ")" | "}") => {
                            let (line, col, msg) = (t.line, t.col, format!("expected ';', found {}", found(t)));
                            complain(h, line, col, msg);
                            return i;
                        }
                        _ => {}
                    }
                }
                Some(t) => {
                    // go/parser's complaint (numbers and runes are literals; the rest is not).
                    let literal = t.text.starts_with(|c: char| c.is_ascii_digit() || c == '\'');
                    let msg = if literal { "import path must be a string" } else { "missing import path" };
                    complain(h, t.line, t.col, msg.to_string());
                    return i;
                }
                None => return i,
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

    /// Whether the source has a newline at byte `offset` (an automatic semicolon's).
    fn newline_at(&self, offset: usize) -> bool {
        self.tokens.src.get(offset) == Some(&b'\n')
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
    /// A number literal (`2`, `0x1F`, `1.5e3i`).
    Number,
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
                b'0'..=b'9' => {
                    let start = self.pos;
                    self.pos = number_end(self.src, self.pos);
                    self.semi = true;
                    return Some(Token {
                        kind: Kind::Number,
                        text: String::from_utf8_lossy(&self.src[start..self.pos]).into_owned(),
                        value: String::new(),
                        line,
                        col,
                        offset,
                    });
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
                    let text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                    // A newline after a name ends a statement; after a keyword only after
                    // these (go/scanner's `insertSemi`).
                    self.semi = !crate::parse::KEYWORDS.contains(&text.as_str())
                        || matches!(text.as_str(), "break" | "continue" | "fallthrough" | "return");
                    return Some(Token { kind: Kind::Ident, text, value: String::new(), line, col, offset });
                }
                _ => {
                    // go/scanner's operators, the longest first (`:=`, `<<=`, `...`).
                    let rest = &self.src[self.pos..];
                    let len = OPERATORS.iter().find(|op| rest.starts_with(op.as_bytes())).map_or(1, |op| op.len());
                    let text = String::from_utf8_lossy(&rest[..len]).into_owned();
                    self.pos += len;
                    self.semi = matches!(text.as_str(), ")" | "]" | "}" | "++" | "--");
                    return Some(Token { kind: Kind::Other, text, value: String::new(), line, col, offset });
                }
            }
        }
    }
}

/// go/scanner's operators of more than one character, longest first.
const OPERATORS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "<<", ">>", "&^", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=",
];

/// Where go/scanner's number starting at `i` ends: digits and `_` (with the letters of a
/// `0x`, `0b` or `0o` prefix's base), a fraction, an exponent, an imaginary `i`.
fn number_end(src: &[u8], mut i: usize) -> usize {
    let at = |i: usize| src.get(i).copied().unwrap_or(0);
    let hex = at(i) == b'0' && matches!(at(i + 1), b'x' | b'X');
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X' | b'b' | b'B' | b'o' | b'O') {
        i += 2;
    }
    let digit = |c: u8| c.is_ascii_digit() || c == b'_' || (hex && c.is_ascii_hexdigit());
    while digit(at(i)) {
        i += 1;
    }
    if at(i) == b'.' {
        i += 1;
        while digit(at(i)) {
            i += 1;
        }
    }
    let exp = if hex { matches!(at(i), b'p' | b'P') } else { matches!(at(i), b'e' | b'E') };
    if exp {
        i += 1;
        if matches!(at(i), b'+' | b'-') {
            i += 1;
        }
        while at(i).is_ascii_digit() || at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'i' {
        i += 1;
    }
    i
}

/// How far the go command reads a file before handing its header to go/parser (go/build's
/// `importReader` in `readGoInfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadExtent {
    /// The header's length: the bytes read, less the one that ended the imports (all of them
    /// at the end of the file). go/parser sees only these, unless `syntax_error`.
    pub header_len: usize,
    /// The reader met something it does not expect in a header; go/parser then gets the whole
    /// file (and reports what is wrong).
    pub syntax_error: bool,
    /// The reader met a NUL byte (`unexpected NUL in input`).
    pub nul: bool,
}

/// Reads `bytes` (the file's raw bytes) as go/build's import reader does.
pub fn read_extent(bytes: &[u8]) -> ReadExtent {
    let start = if bytes.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
    let mut r = ImportReader { b: bytes, pos: start, peek: 0, eof: false, err: None };
    r.read_keyword(b"package");
    r.read_ident();
    while r.peek_byte(true) == b'i' {
        r.read_keyword(b"import");
        if r.peek_byte(true) == b'(' {
            r.next_byte(false);
            while r.peek_byte(true) != b')' && r.err.is_none() {
                r.read_import();
            }
            r.next_byte(false);
        } else {
            r.read_import();
        }
    }
    let mut header_len = r.pos;
    if r.err.is_none() && !r.eof {
        header_len -= 1;
    }
    ReadExtent { header_len, syntax_error: r.err == Some(ReadError::Syntax), nul: r.err == Some(ReadError::Nul) }
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadError {
    Syntax,
    Nul,
}

/// go/build's `importReader`, over bytes in memory: `pos` is the number of bytes read.
struct ImportReader<'a> {
    b: &'a [u8],
    pos: usize,
    /// The byte looked at but not consumed, 0 for none.
    peek: u8,
    eof: bool,
    err: Option<ReadError>,
}

impl ImportReader<'_> {
    fn syntax_error(&mut self) {
        self.err.get_or_insert(ReadError::Syntax);
    }

    fn read_byte(&mut self) -> u8 {
        match self.b.get(self.pos) {
            Some(&c) => {
                self.pos += 1;
                if c == 0 {
                    self.err.get_or_insert(ReadError::Nul);
                }
                c
            }
            None => {
                self.eof = true;
                0
            }
        }
    }

    fn peek_byte(&mut self, skip_space: bool) -> u8 {
        if self.err.is_some() {
            return 0;
        }
        let mut c = self.peek;
        if c == 0 {
            c = self.read_byte();
        }
        while self.err.is_none() && !self.eof {
            if skip_space {
                match c {
                    b' ' | b'\x0c' | b'\t' | b'\r' | b'\n' | b';' => {
                        c = self.read_byte();
                        continue;
                    }
                    b'/' => {
                        c = self.read_byte();
                        if c == b'/' {
                            while c != b'\n' && self.err.is_none() && !self.eof {
                                c = self.read_byte();
                            }
                        } else if c == b'*' {
                            let mut c1 = 0;
                            while (c != b'*' || c1 != b'/') && self.err.is_none() {
                                if self.eof {
                                    self.syntax_error();
                                }
                                c = c1;
                                c1 = self.read_byte();
                            }
                        } else {
                            self.syntax_error();
                        }
                        c = self.read_byte();
                        continue;
                    }
                    _ => {}
                }
            }
            break;
        }
        self.peek = c;
        c
    }

    fn next_byte(&mut self, skip_space: bool) -> u8 {
        let c = self.peek_byte(skip_space);
        self.peek = 0;
        c
    }

    fn read_keyword(&mut self, kw: &[u8]) {
        self.peek_byte(true);
        for &k in kw {
            if self.next_byte(false) != k {
                self.syntax_error();
                return;
            }
        }
        if is_ident_byte(self.peek_byte(false)) {
            self.syntax_error();
        }
    }

    fn read_ident(&mut self) {
        let c = self.peek_byte(true);
        if !is_ident_byte(c) {
            self.syntax_error();
            return;
        }
        while is_ident_byte(self.peek_byte(false)) {
            self.peek = 0;
        }
    }

    fn read_string(&mut self) {
        match self.next_byte(true) {
            b'`' => {
                while self.err.is_none() {
                    if self.next_byte(false) == b'`' {
                        break;
                    }
                    if self.eof {
                        self.syntax_error();
                    }
                }
            }
            b'"' => {
                while self.err.is_none() {
                    let c = self.next_byte(false);
                    if c == b'"' {
                        break;
                    }
                    if self.eof || c == b'\n' {
                        self.syntax_error();
                    }
                    if c == b'\\' {
                        self.next_byte(false);
                    }
                }
            }
            _ => self.syntax_error(),
        }
    }

    fn read_import(&mut self) {
        let c = self.peek_byte(true);
        if c == b'.' {
            self.peek = 0;
        } else if is_ident_byte(c) {
            self.read_ident();
        }
        self.read_string();
    }
}
