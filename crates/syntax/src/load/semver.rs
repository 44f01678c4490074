//! Module versions as the go command orders them (golang.org/x/mod/semver): `vMAJOR[.MINOR
//! [.PATCH]][-PRERELEASE][+BUILD]`, shorthands `v1` and `v1.2` standing for `v1.0.0` and
//! `v1.2.0`, prereleases (pseudo-versions among them) before their release, build metadata
//! (`+incompatible`) ignored. An invalid version sorts before every valid one, as in
//! `semver.Compare`.

use std::cmp::Ordering;

/// A parsed version: numeric major/minor/patch and the prerelease identifiers.
#[derive(Debug, PartialEq, Eq)]
struct Parsed<'a> {
    nums: [&'a str; 3],
    pre: &'a str,
}

fn parse(v: &str) -> Option<Parsed<'_>> {
    let rest = v.strip_prefix('v')?;
    let rest = rest.split_once('+').map_or(rest, |(r, _)| r);
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, p),
        None => (rest, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 || (parts.len() < 3 && !pre.is_empty()) {
        return None;
    }
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if !parts.iter().all(|p| numeric(p)) {
        return None;
    }
    if !pre.is_empty() && pre.split('.').any(|id| id.is_empty()) {
        return None;
    }
    let mut nums = ["0", "0", "0"];
    for (i, p) in parts.iter().enumerate() {
        nums[i] = p;
    }
    Some(Parsed { nums, pre })
}

/// Whether `v` is a valid semantic version in the go command's sense.
pub fn is_valid(v: &str) -> bool {
    parse(v).is_some()
}

fn cmp_num(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn cmp_pre(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (mut x, mut y) = (a.split('.'), b.split('.'));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => {
                let pn = p.bytes().all(|c| c.is_ascii_digit());
                let qn = q.bytes().all(|c| c.is_ascii_digit());
                let o = match (pn, qn) {
                    (true, true) => cmp_num(p, q),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => p.cmp(q),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// Orders two versions; the empty version (a main module) and `none` sort first.
pub fn compare(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(p), Some(q)) => {
            for i in 0..3 {
                let o = cmp_num(p.nums[i], q.nums[i]);
                if o != Ordering::Equal {
                    return o;
                }
            }
            cmp_pre(p.pre, q.pre)
        }
    }
}

/// The later of two versions.
pub fn max<'a>(a: &'a str, b: &'a str) -> &'a str {
    if compare(a, b) == Ordering::Less {
        b
    } else {
        a
    }
}
