//! The go command's checks of a main module's go.mod (`golang.org/x/mod/modfile`: `read.go`'s
//! lexer and parser, then `rule.go`'s directives), so a broken go.mod gets the go command's
//! `go: errors parsing go.mod:` report instead of a guess at what it meant.
//!
//! A lexing or parsing error stops at the first one (modfile panics there); directive errors
//! are all listed, each at its line's first token (the column shown only past the first).

/// An error at a 1-based line and rune column (0: no column shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModError {
    pub line: u32,
    pub col: u32,
    pub msg: String,
}

impl ModError {
    /// `file:line:col: msg`, the column only past the first, as modfile's `Error` prints it.
    pub fn render(&self, file: &str) -> String {
        if self.col > 1 {
            format!("{file}:{}:{}: {}", self.line, self.col, self.msg)
        } else {
            format!("{file}:{}: {}", self.line, self.msg)
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Newline,
    Punct(char),
    Word(String),
}

struct Lexed {
    tok: Tok,
    line: u32,
    col: u32,
}

/// The errors the go command finds in go.mod text (`abs` is the file's absolute path, which
/// one message quotes).
pub fn check(text: &str, abs: &str) -> Vec<ModError> {
    let toks = match lex(text) {
        Ok(t) => t,
        Err(e) => return vec![e],
    };
    let lines = match parse(&toks, abs) {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    rules(&lines)
}

/// modfile's `isIdent`.
fn is_ident(c: char) -> bool {
    !matches!(c, ' ' | '(' | ')' | '[' | ']' | '{' | '}' | ',') && !c.is_whitespace() && !c.is_control()
}

fn lex(text: &str) -> Result<Vec<Lexed>, ModError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1u32, 1u32);
    let err = |line, col, msg: String| ModError { line, col, msg };
    let starts = |i: usize, p: &str| p.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\r' => {
                i += 1;
                col += 1;
            }
            '\n' => {
                out.push(Lexed { tok: Tok::Newline, line, col });
                i += 1;
                line += 1;
                col = 1;
            }
            _ if starts(i, "//") => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                    col += 1;
                }
            }
            _ if starts(i, "/*") => {
                return Err(err(line, col, "mod files must use // comments (not /* */ comments)".into()));
            }
            '(' | ')' | '[' | ']' | '{' | '}' | ',' => {
                out.push(Lexed { tok: Tok::Punct(c), line, col });
                i += 1;
                col += 1;
            }
            '"' | '`' => {
                let (start_line, start_col) = (line, col);
                let mut word = String::from(c);
                i += 1;
                col += 1;
                loop {
                    let Some(&d) = chars.get(i) else {
                        return Err(err(start_line, start_col, "unexpected EOF in string".into()));
                    };
                    if d == '\n' {
                        return Err(err(line, col, "unexpected newline in string".into()));
                    }
                    word.push(d);
                    i += 1;
                    col += 1;
                    if d == c {
                        break;
                    }
                    if d == '\\' && c != '`' {
                        let Some(&e) = chars.get(i) else {
                            return Err(err(start_line, start_col, "unexpected EOF in string".into()));
                        };
                        word.push(e);
                        i += 1;
                        col += 1;
                    }
                }
                out.push(Lexed { tok: Tok::Word(word), line: start_line, col: start_col });
            }
            _ if !is_ident(c) => {
                return Err(err(line, col, format!("unexpected input character {}", quote_rune(c))));
            }
            _ => {
                let (start_line, start_col) = (line, col);
                let mut word = String::new();
                while i < chars.len() && is_ident(chars[i]) && !starts(i, "//") {
                    if starts(i, "/*") {
                        return Err(err(line, col, "mod files must use // comments (not /* */ comments)".into()));
                    }
                    word.push(chars[i]);
                    i += 1;
                    col += 1;
                }
                out.push(Lexed { tok: Tok::Word(word), line: start_line, col: start_col });
            }
        }
    }
    Ok(out)
}

/// A rune as Go's `%#q` prints one that modfile refuses (control characters).
fn quote_rune(c: char) -> String {
    match c {
        '\x07' => "'\\a'".into(),
        '\x08' => "'\\b'".into(),
        '\x0c' => "'\\f'".into(),
        '\x0b' => "'\\v'".into(),
        c if (c as u32) < 0x80 => format!("'\\x{:02x}'", c as u32),
        c if (c as u32) < 0x10000 => format!("'\\u{:04x}'", c as u32),
        c => format!("'\\U{:08x}'", c as u32),
    }
}

/// One directive line: its verb (a block's for the lines inside it), arguments, position.
struct Line {
    verb: String,
    args: Vec<String>,
    line: u32,
    col: u32,
}

/// modfile's parser: lines and `verb ( ... )` blocks.
fn parse(toks: &[Lexed], abs: &str) -> Result<Vec<Line>, ModError> {
    let mut out = Vec::new();
    let mut i = 0;
    let eof = toks.last().map_or((1, 1), |t| if t.tok == Tok::Newline { (t.line + 1, 1) } else { (t.line, t.col) });
    let words = |from: usize| {
        let mut j = from;
        while j < toks.len() && toks[j].tok != Tok::Newline {
            j += 1;
        }
        j
    };
    while i < toks.len() {
        if toks[i].tok == Tok::Newline {
            i += 1;
            continue;
        }
        let end = words(i);
        let stmt = &toks[i..end];
        let opens = stmt.len() >= 2 && stmt[stmt.len() - 1].tok == Tok::Punct('(');
        if !opens {
            out.push(line_of(stmt, None));
            i = end;
            continue;
        }
        // A block: each following line up to `)` is a directive of the block's verb.
        let verb = line_of(&stmt[..stmt.len() - 1], None);
        let (block_line, block_col) = (stmt[0].line, stmt[0].col);
        i = end;
        loop {
            if i >= toks.len() {
                return Err(ModError {
                    line: eof.0,
                    col: eof.1,
                    msg: format!("syntax error (unterminated block started at {abs}:{block_line}:{block_col})"),
                });
            }
            if toks[i].tok == Tok::Newline {
                i += 1;
                continue;
            }
            if toks[i].tok == Tok::Punct(')') {
                if let Some(next) = toks.get(i + 1).filter(|t| t.tok != Tok::Newline) {
                    // At the end of that token, which the lexer has read by then.
                    let width = match &next.tok {
                        Tok::Word(w) => w.chars().count() as u32,
                        _ => 1,
                    };
                    return Err(ModError {
                        line: next.line,
                        col: next.col + width,
                        msg: "syntax error (expected newline after closing paren)".into(),
                    });
                }
                i += 1;
                break;
            }
            let end = words(i);
            let mut l = line_of(&toks[i..end], Some(&verb.verb));
            l.args.splice(0..0, verb.args.iter().cloned());
            out.push(l);
            i = end;
        }
    }
    Ok(out)
}

fn line_of(toks: &[Lexed], block_verb: Option<&str>) -> Line {
    let text = |t: &Lexed| match &t.tok {
        Tok::Word(w) => w.clone(),
        Tok::Punct(c) => c.to_string(),
        Tok::Newline => String::new(),
    };
    let (line, col) = toks.first().map_or((0, 0), |t| (t.line, t.col));
    match block_verb {
        Some(v) => Line { verb: v.to_string(), args: toks.iter().map(text).collect(), line, col },
        None => {
            let mut words = toks.iter().map(text);
            let verb = words.next().unwrap_or_default();
            Line { verb, args: words.collect(), line, col }
        }
    }
}

/// `rule.go`'s checks of each directive (the strict ones the main module gets).
fn rules(lines: &[Line]) -> Vec<ModError> {
    let mut errs = Vec::new();
    let (mut module, mut go, mut toolchain) = (false, false, false);
    for l in lines {
        let mut error = |msg: String| errs.push(ModError { line: l.line, col: l.col, msg });
        let args = &l.args;
        match l.verb.as_str() {
            "go" => {
                if go {
                    error("repeated go statement".into());
                } else if args.len() != 1 {
                    go = true;
                    error("go directive expects exactly one argument".into());
                } else {
                    go = true;
                    if !is_go_version(&args[0]) {
                        error(format!("invalid go version '{}': must match format 1.23.0", args[0]));
                    }
                }
            }
            "toolchain" => {
                if toolchain {
                    error("repeated toolchain statement".into());
                } else if args.len() != 1 {
                    toolchain = true;
                    error("toolchain directive expects exactly one argument".into());
                } else {
                    toolchain = true;
                    let t = &args[0];
                    if !(t == "default" || t == "go1" || t.starts_with("go1.")) {
                        error(format!("invalid toolchain version '{t}': must match format go1.23.0 or default"));
                    }
                }
            }
            "module" => {
                if module {
                    error("repeated module statement".into());
                } else {
                    module = true;
                    if args.len() != 1 {
                        error("usage: module module/path".into());
                    }
                }
            }
            "godebug" => {
                if args.len() != 1 || args[0].contains(['"', '`', '\'', ',']) || !args[0].contains('=') {
                    error("usage: godebug key=value".into());
                }
            }
            "require" | "exclude" => {
                if args.len() != 2 {
                    error(format!("usage: {} module/path v1.2.3", l.verb));
                }
            }
            "replace" => {
                let arrow = args.iter().position(|a| a == "=>");
                let ok = match arrow {
                    Some(a) => (1..=2).contains(&a) && (1..=2).contains(&(args.len() - a - 1)),
                    None => false,
                };
                if !ok {
                    let v = &l.verb;
                    error(format!(
                        "usage: {v} module/path [v1.2.3] => other/module v1.4\n\t or {v} module/path [v1.2.3] => ../local/directory"
                    ));
                } else if let Some(a) = arrow {
                    let new = args[a + 1].trim_matches('"');
                    let is_dir = new.starts_with("./")
                        || new.starts_with("../")
                        || new.starts_with('/')
                        || new == "."
                        || new == "..";
                    if args.len() == a + 2 && !is_dir {
                        error(if new.contains('@') {
                            "replacement module must match format 'path version', not 'path@version'".into()
                        } else {
                            "replacement module without version must be directory path (rooted or starting with . or ..)"
                                .into()
                        });
                    } else if args.len() == a + 3 && is_dir {
                        error(format!("replacement module directory path {new:?} cannot have version"));
                    }
                }
            }
            "tool" | "ignore" => {
                if args.len() != 1 {
                    error(format!("{} directive expects exactly one argument", l.verb));
                }
            }
            "retract" => {}
            verb => error(format!("unknown directive: {verb}")),
        }
    }
    errs
}

/// modfile's `GoVersionRE`: `1.N`, `1.N.M`, optionally a prerelease suffix (`1.21rc1`).
fn is_go_version(v: &str) -> bool {
    fn number(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    }
    // The prerelease suffix: letters then digits, at the very end.
    let core_end = v.find(|c: char| c.is_ascii_lowercase()).unwrap_or(v.len());
    let (core, pre) = v.split_at(core_end);
    if !pre.is_empty() {
        let digits = pre.trim_start_matches(|c: char| c.is_ascii_lowercase());
        if digits.len() == pre.len() || !number_like(digits) {
            return false;
        }
    }
    fn number_like(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }
    let parts: Vec<&str> = core.split('.').collect();
    matches!(parts.len(), 2 | 3) && parts[0] != "0" && parts.iter().all(|p| number(p))
}
