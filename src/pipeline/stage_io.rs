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
    let file: EvidenceFile =
        serde_json::from_str(text).map_err(|e| json_error(name, &e, "an evidence file"))?;
    if file.schema != EVIDENCE_SCHEMA {
        return Err(Error::config(format!("{name}: evidence schema {} is not supported (this evident reads schema {EVIDENCE_SCHEMA})", file.schema))
            .with_hint("collect the evidence again with this version of evident"));
    }
    Ok(file)
}

/// JSON Lines: one evidence record a line.
fn parse_records(name: &str, text: &str) -> Result<EvidenceFile> {
    let mut evidence = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Evidence = serde_json::from_str(line).map_err(|e| {
            Error::config(format!("{name}:{}:{}: {}", i + 1, e.column(), clean_serde(&e)))
                .with_hint("each line must be one evidence record with at least `id`, `kind` and `title`; see docs/evidence-json.md")
        })?;
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
    serde_json::from_str(text).map_err(|e| json_error(name, &e, "a portfolio"))
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

/// Writes results to `--output` atomically (a temporary file renamed into place), or to
/// stdout. A closed stdout (e.g. `| head`) is not an error.
pub fn write_output(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        // `/dev/null`, a pipe or a terminal is written to, never replaced: an atomic write
        // renames a new file over the path, which would swap the device for a plain file.
        Some(path) if path.metadata().is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .map_err(|e| Error::io("write", path, e))
        }
        Some(path) => write_atomic(path, text.as_bytes()),
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
