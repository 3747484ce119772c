//! The stage files: evidence and portfolio JSON read from a file or stdin, results
//! written to a file (atomically) or stdout.

use crate::config::read_text;
use crate::error::{Error, Result};
use crate::model::evidence::EVIDENCE_SCHEMA;
use crate::model::{Evidence, EvidenceFile, Portfolio};
use std::io::{Read, Write};
use std::path::Path;

/// Reads a file or stdin (`-`).
pub fn read_input(what: &str, path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            Error::usage(format!("could not read the {what} from stdin")).with_source(e)
        })?;
        return Ok(s);
    }
    read_text(what, path)
}

/// Parses evidence JSON: an `{"schema":1,"evidence":[...]}` object, or JSON Lines of records.
pub fn parse_evidence(name: &str, text: &str) -> Result<EvidenceFile> {
    // JSON Lines start with a whole record on the first line; an evidence file does not
    // (pretty-printed, its first line is `{`; compact, its first object has `evidence`).
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let records = serde_json::from_str::<serde_json::Value>(first)
        .is_ok_and(|v| v.is_object() && v.get("evidence").is_none());
    if records {
        parse_records(name, text)
    } else {
        parse_evidence_file(name, text)
    }
}

fn parse_evidence_file(name: &str, text: &str) -> Result<EvidenceFile> {
    let file: EvidenceFile = serde_json::from_str(text).map_err(|e| {
        if has_key(text, "areas") {
            return Error::config(format!("{name} is a portfolio, not evidence"))
                .with_hint(format!("`evident report --input {name}` renders it; classify reads what `evident collect` writes"));
        }
        json_error(name, &e, "an evidence file")
    })?;
    if file.schema != EVIDENCE_SCHEMA {
        return Err(Error::config(format!("{name}: evidence schema {} is not supported (this evident reads schema {EVIDENCE_SCHEMA})", file.schema))
            .with_hint("collect the evidence again with this version of evident"));
    }
    let ids: Vec<&str> = file.evidence.iter().map(|e| e.id.as_str()).collect();
    if let Some((first, second)) = repeated(&ids) {
        let lines = record_lines(text);
        let at = |i: usize| lines.get(i).map_or(String::new(), |l| format!(":{l}"));
        return Err(duplicate_error(
            &format!("{name}{} and {name}{}", at(first), at(second)),
            &file.evidence[first].id,
        ));
    }
    Ok(file)
}

/// Whether `text` is a JSON object with `key` at its top.
fn has_key(text: &str, key: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get(key).is_some())
}

/// The first id given twice: the indices of its first two records.
fn repeated(ids: &[&str]) -> Option<(usize, usize)> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(&first) = seen.get(id) {
            return Some((first, i));
        }
        seen.insert(id, i);
    }
    None
}

/// The line each record of an evidence file starts on.
fn record_lines(text: &str) -> Vec<usize> {
    #[derive(serde::Deserialize)]
    struct Records<'a> {
        #[serde(borrow)]
        evidence: Vec<&'a serde_json::value::RawValue>,
    }
    let Ok(records) = serde_json::from_str::<Records>(text) else {
        return Vec::new();
    };
    let start = text.as_ptr() as usize;
    records
        .evidence
        .iter()
        .map(|r| {
            let offset = (r.get().as_ptr() as usize).saturating_sub(start);
            crate::error::line_col(text, offset).0
        })
        .collect()
}

/// Two records under one id: which one counts cannot be guessed, so neither is dropped
/// silently.
fn duplicate_error(where_: &str, id: &str) -> Error {
    Error::config(format!("{where_}: two records have the id `{id}`"))
        .with_hint("an id names one item: remove the repeated record, or give it an id of its own (`evident collect` never writes an id twice)")
}

/// JSON Lines: one evidence record a line.
fn parse_records(name: &str, text: &str) -> Result<EvidenceFile> {
    let mut evidence = Vec::new();
    // Each id and the line it was first given on.
    let mut lines: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Evidence = serde_json::from_str(line).map_err(|e| {
            Error::config(format!("{name}:{}:{}: {}", i + 1, e.column(), clean_serde(&e)))
                .with_hint("each line must be one evidence record with at least `id`, `kind` and `title`; see docs/evidence-json.md")
        })?;
        if let Some(first) = lines.insert(record.id.clone(), i + 1) {
            return Err(duplicate_error(
                &format!("{name}:{first} and {name}:{}", i + 1),
                &record.id,
            ));
        }
        evidence.push(record);
    }
    if evidence.is_empty() {
        return Err(Error::config(format!("{name}: no evidence records found"))
            .with_hint("expected {\"schema\": 1, \"evidence\": [...]} or one JSON record a line"));
    }
    Ok(EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: None,
        evidence,
    })
}

/// Parses a portfolio JSON.
pub fn parse_portfolio(name: &str, text: &str) -> Result<Portfolio> {
    let mut portfolio: Portfolio = serde_json::from_str(text).map_err(|e| {
        let records = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .is_some_and(|v| v.get("id").is_some() && v.get("kind").is_some());
        if (has_key(text, "evidence") && !has_key(text, "areas")) || records {
            return Error::config(format!("{name} is evidence, not a portfolio: run classify first"))
                .with_hint(format!("`evident classify --input {name} --output portfolio.json`, then `evident report --input portfolio.json`"));
        }
        json_error(name, &e, "a portfolio")
    })?;
    // Portfolios written before `counted` existed say nothing of it; there, only an
    // unclassified or bulk item did not count.
    for item in &mut portfolio.items {
        if item.primary == crate::model::portfolio::UNCLASSIFIED
            || item.primary == crate::model::portfolio::BULK
        {
            item.counted = false;
        }
    }
    Ok(portfolio)
}

fn json_error(name: &str, e: &serde_json::Error, what: &str) -> Error {
    Error::config(format!(
        "{name}:{}:{}: not {what}: {}",
        e.line(),
        e.column(),
        clean_serde(e)
    ))
    .with_hint(format!(
        "check that the file is {what} written by evident (see docs/evidence-json.md and docs/portfolio.md)"
    ))
}

fn clean_serde(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The evidence as `collect --format json` writes it.
pub fn evidence_json(file: &EvidenceFile) -> Result<String> {
    serde_json::to_string_pretty(file)
        .map(|s| s + "\n")
        .map_err(|e| Error::failed("could not write the evidence as JSON").with_source(e))
}

/// The evidence records as JSON Lines (`collect --format jsonl`).
pub fn evidence_jsonl(file: &EvidenceFile) -> Result<String> {
    file.evidence
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()
        .map(|lines| lines.join("\n") + "\n")
        .map_err(|e| Error::failed("could not write the evidence as JSON").with_source(e))
}

/// Writes results to `--output`, or to stdout (also for `-`). A closed stdout (e.g.
/// `| head`) is not an error.
///
/// Only a regular file is replaced, atomically (a temporary file renamed into place,
/// keeping the file's mode); a link to one writes its target. Anything else that exists
/// at the path (a device such as `/dev/null`, a named pipe, a socket) is written in place:
/// replacing it would break whatever else uses it, and a pipe's reader would get nothing.
pub fn write_output(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) if path == Path::new("-") => write_output(text, None),
        Some(path) => write_file(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::failed("could not write to stdout").with_source(e)),
            }
        }
    }
}

/// Writes `bytes` to an output path (see [`write_output`]).
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        // A link is followed: its target is written (created, if it does not exist yet).
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(_) => {
                let to =
                    std::fs::read_link(path).map_err(|e| Error::io("follow the link", path, e))?;
                path.parent().map_or(to.clone(), |dir| dir.join(&to))
            }
        },
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => Err(Error::usage(format!(
            "{} is a folder, not a file",
            path.display()
        ))
        .with_hint("give --output a file name, e.g. portfolio.md")),
        Ok(m) if !m.is_file() => {
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| Error::io("open", path, e))?;
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // A pipe whose reader left early, like a closed stdout.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::io("write", path, e)),
            }
        }
        _ => write_atomic(&target, bytes),
    }
}

/// Writes an output file atomically, a new one with the user's umask (see
/// [`crate::store::write_atomic_shared`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::store::write_atomic_shared(path, bytes)
}

/// What a portfolio holds, for a closing line: `57 items, 3 repositories`.
pub fn portfolio_summary(p: &Portfolio) -> String {
    format!(
        "{}, {}",
        count(p.items.len(), "item"),
        count(p.totals.repositories, "repository")
    )
}

/// What an evidence file holds, for a closing line: `57 items, 3 repositories`.
pub fn evidence_summary(evidence: &[Evidence]) -> String {
    let repos: std::collections::BTreeSet<&str> = evidence
        .iter()
        .map(|e| e.repo.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    format!(
        "{}, {}",
        count(evidence.len(), "item"),
        count(repos.len(), "repository")
    )
}

/// `1 item`, `2 items`; `1 repository`, `3 repositories`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    /// `--output` naming a pipe (as `/dev/null` or `/dev/stdout` are special files) writes
    /// into it and leaves it in place.
    #[cfg(unix)]
    #[test]
    fn output_to_a_special_file_writes_into_it_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo is not available: skipped");
            return;
        }
        let (sent, read) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || sent.send(std::fs::read_to_string(fifo).unwrap()));
        }
        write_output("portfolio\n", Some(&fifo)).unwrap();
        // Checked before waiting: a pipe renamed over would leave the reader blocked.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");
        let got = read.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(got.as_deref(), Ok("portfolio\n"));
        let plain = dir.path().join("out.md");
        write_output("x", Some(&plain)).unwrap();
        assert_eq!(std::fs::read_to_string(plain).unwrap(), "x");
    }
}
