//! `cargo xtask fuzz`: differential fuzzing of the front end against real gc.
//!
//! Each mutant is a seed file from `testdata/escape` changed by one to three operators (lines
//! deleted, duplicated or swapped, tokens inserted, deleted or exchanged, bytes that are not
//! UTF-8, truncation, huge constants, ...), written as the only file of a scratch module.
//! goescape and `go build -gcflags=...` both run on it, and the mutant is classified:
//!
//! - **crash**: goescape did not exit with 0 or 2 (a panic, a signal) or ran past the time limit;
//! - **accepted by one only**: one tool compiled it, the other refused it;
//! - **both refuse**: whether the first error line is the same;
//! - **both accept**: whether the whole output is the same.
//!
//! Every mutant outside "same" is kept under `target/fuzz/` (class, number, seed file) for
//! minimizing into a testdata case. The generator is a seeded xorshift, so a run is repeatable.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use goescape::conformance::Mode;

use crate::gc;

/// How long either tool may take on one mutant.
const LIMIT: Duration = Duration::from_secs(20);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens an insertion operator picks from.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ":=",
    "=",
    "*",
    "&",
    ".",
    "...",
    "go ",
    "defer ",
    "func",
    "var ",
    "x",
    "0",
    "\"s\"",
    "[]",
    "map[int]",
    "chan ",
    "<-",
    "interface{}",
    "return ",
    "nil",
    "1 << 62",
    "\n",
];

/// One random change to `src`.
fn mutate(src: &mut Vec<u8>, rng: &mut Rng) {
    let lines: Vec<&[u8]> = src.split_inclusive(|&b| b == b'\n').collect();
    let pick_line = |rng: &mut Rng| rng.below(lines.len());
    let out: Vec<u8> = match rng.below(12) {
        0 if !lines.is_empty() => {
            let i = pick_line(rng);
            lines.iter().enumerate().filter(|&(j, _)| j != i).flat_map(|(_, l)| l.iter().copied()).collect()
        }
        1 if !lines.is_empty() => {
            let i = pick_line(rng);
            let mut v = Vec::new();
            for (j, l) in lines.iter().enumerate() {
                v.extend_from_slice(l);
                if j == i {
                    v.extend_from_slice(l);
                }
            }
            v
        }
        2 if lines.len() > 1 => {
            let i = rng.below(lines.len() - 1);
            let mut ls = lines.clone();
            ls.swap(i, i + 1);
            ls.concat()
        }
        3 => {
            let at = rng.below(src.len() + 1);
            let tok = TOKENS[rng.below(TOKENS.len())];
            [&src[..at], tok.as_bytes(), &src[at..]].concat()
        }
        4 if !src.is_empty() => {
            // Delete a word or a punctuation character.
            let at = rng.below(src.len());
            let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            let (mut a, mut b) = (at, at + 1);
            if is_word(src[at]) {
                while a > 0 && is_word(src[a - 1]) {
                    a -= 1;
                }
                while b < src.len() && is_word(src[b]) {
                    b += 1;
                }
            }
            [&src[..a], &src[b..]].concat()
        }
        5 => {
            // Replace one identifier occurrence by another identifier of the file.
            let words: Vec<(usize, usize)> = word_spans(src);
            if words.len() < 2 {
                return;
            }
            let (a, b) = words[rng.below(words.len())];
            let (c, d) = words[rng.below(words.len())];
            let other = src[c..d].to_vec();
            [&src[..a], &other[..], &src[b..]].concat()
        }
        6 => {
            let at = rng.below(src.len() + 1);
            src[..at].to_vec()
        }
        7 => {
            let at = rng.below(src.len() + 1);
            let junk: &[u8] = [b"\xff".as_slice(), b"\xc3", b"\0", b"\xe2\x80", b"\xef\xbb\xbf", b"\r"][rng.below(6)];
            [&src[..at], junk, &src[at..]].concat()
        }
        8 if !src.is_empty() => {
            let at = rng.below(src.len());
            [&src[..at], &src[at + 1..]].concat()
        }
        9 if !src.is_empty() => {
            let a = rng.below(src.len());
            let b = (a + 1 + rng.below(64)).min(src.len());
            [&src[..b], &src[a..b], &src[b..]].concat()
        }
        10 => {
            // A number becomes huge.
            let nums: Vec<(usize, usize)> =
                word_spans(src).into_iter().filter(|&(a, _)| src[a].is_ascii_digit()).collect();
            if nums.is_empty() {
                return;
            }
            let (a, b) = nums[rng.below(nums.len())];
            [&src[..a], b"1 << 62".as_slice(), &src[b..]].concat()
        }
        _ => {
            let words = word_spans(src);
            if words.len() < 2 {
                return;
            }
            let (i, j) = (rng.below(words.len()), rng.below(words.len()));
            let ((a, b), (c, d)) = if words[i].0 <= words[j].0 { (words[i], words[j]) } else { (words[j], words[i]) };
            if b > c {
                return;
            }
            [&src[..a], &src[c..d], &src[b..c], &src[a..b], &src[d..]].concat()
        }
    };
    *src = out;
}

fn word_spans(src: &[u8]) -> Vec<(usize, usize)> {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < src.len() {
        if is_word(src[i]) {
            let a = i;
            while i < src.len() && is_word(src[i]) {
                i += 1;
            }
            out.push((a, i));
        } else {
            i += 1;
        }
    }
    out
}

/// What a tool did with a mutant.
enum Outcome {
    Accepted(String),
    Refused(String),
    /// goescape only: not exit 0 or 2, or past the limit.
    Crashed(String),
    TimedOut,
}

fn run(mut cmd: Command) -> anyhow::Result<Option<std::process::Output>> {
    gc::output_within_pub(&mut cmd, LIMIT).context("running a tool")
}

/// The first line worth comparing: not a `# pkg` header, positions as `./main.go`.
fn first_error(out: &std::process::Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout));
    text.lines().find(|l| !l.is_empty() && !l.starts_with("# ")).unwrap_or("").to_string()
}

/// Runs the campaign and prints the classification.
pub fn fuzz(release: &str, mode: Mode, n: usize, seed: u64, bin: &Path) -> anyhow::Result<()> {
    let go = crate::gobin::ensure(release)?;
    let root = crate::workspace_root();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("testdata/escape"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    seeds.sort();
    anyhow::ensure!(!seeds.is_empty(), "no seed files in testdata/escape");
    let keep = root.join("target/fuzz");
    let _ = std::fs::remove_dir_all(&keep);
    std::fs::create_dir_all(&keep)?;
    let scratch = std::env::temp_dir().join(format!("goescape-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    std::fs::write(scratch.join("go.mod"), "module example.com/m\n\ngo 1.27\n")?;
    let mut rng = Rng(seed.max(1));
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut examples: Vec<(String, String)> = Vec::new();
    let start = Instant::now();
    for i in 0..n {
        let seed_file = &seeds[rng.below(seeds.len())];
        let mut src = std::fs::read(seed_file)?;
        for _ in 0..1 + rng.below(3) {
            mutate(&mut src, &mut rng);
        }
        std::fs::write(scratch.join("main.go"), &src)?;
        let mut ge = Command::new(bin);
        ge.current_dir(&scratch).args(mode.goescape_args()).arg(".");
        for (k, v) in gc::env() {
            ge.env(k, v);
        }
        ge.env_remove("GOROOT");
        let ours = match run(ge)? {
            None => Outcome::TimedOut,
            Some(o) if o.status.success() => Outcome::Accepted(String::from_utf8_lossy(&o.stdout).into_owned()),
            Some(o) if o.status.code() == Some(2) => Outcome::Refused(first_error(&o)),
            Some(o) => Outcome::Crashed(format!("{}: {}", o.status, first_error(&o))),
        };
        let mut gcmd = gc::go_command(&go, &scratch);
        gcmd.arg("build").arg(mode.gcflags_arg()).arg("-o").arg("/dev/null").arg(".");
        let theirs = match run(gcmd)? {
            None => {
                *counts.entry("skipped (gc past the time limit)").or_default() += 1;
                continue;
            }
            Some(o) if o.status.success() => Outcome::Accepted(gc_text(&o)),
            Some(o) => Outcome::Refused(first_error(&o)),
        };
        let class = match (&ours, &theirs) {
            (Outcome::Crashed(_) | Outcome::TimedOut, _) => "crash",
            (Outcome::Accepted(_), Outcome::Refused(_)) => "accepted by goescape only",
            (Outcome::Refused(_), Outcome::Accepted(_)) => "accepted by gc only",
            (Outcome::Refused(a), Outcome::Refused(b)) if a == b => "both refuse, same first error",
            (Outcome::Refused(_), Outcome::Refused(_)) => "both refuse, first error differs",
            (Outcome::Accepted(a), Outcome::Accepted(b)) if a == b => "both accept, same output",
            _ => "both accept, output differs",
        };
        *counts.entry(class).or_default() += 1;
        if !class.contains("same") {
            let name = format!("{}-{i}.go", class.replace([' ', ','], "_"));
            std::fs::write(keep.join(&name), &src)?;
            let describe = |o: &Outcome| match o {
                Outcome::Accepted(_) => "accepted".to_string(),
                Outcome::Refused(l) => l.clone(),
                Outcome::Crashed(l) => format!("crashed: {l}"),
                Outcome::TimedOut => "timed out".into(),
            };
            examples.push((
                name,
                format!(
                    "from {}\n    goescape: {}\n    gc:       {}",
                    seed_file.file_name().unwrap_or_default().to_string_lossy(),
                    describe(&ours),
                    describe(&theirs)
                ),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!("{n} mutants (seed {seed}, {}), {:.0}s", mode.gcflags_arg(), start.elapsed().as_secs_f64());
    for (class, c) in &counts {
        println!("  {c:6}  {class}");
    }
    let refused = counts.get("both refuse, same first error").copied().unwrap_or(0)
        + counts.get("both refuse, first error differs").copied().unwrap_or(0);
    if refused > 0 {
        let same = counts.get("both refuse, same first error").copied().unwrap_or(0);
        println!(
            "first error line equal on {same}/{refused} = {:.1}% of the mutants both refuse",
            100.0 * same as f64 / refused as f64
        );
    }
    let listing: String = examples.iter().map(|(name, what)| format!("{name} {what}\n")).collect();
    std::fs::write(keep.join("summary.txt"), &listing)?;
    println!("\nkept in {} (all of them listed in summary.txt):", keep.display());
    for (name, what) in examples.iter().take(40) {
        println!("  {name} {what}");
    }
    Ok(())
}

/// gc's output on success, as goescape prints it (gc writes `-m` lines on stderr).
fn gc_text(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
