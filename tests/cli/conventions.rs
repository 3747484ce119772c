//! What users of Rust command-line tools expect: new files with the user's umask,
//! colour only on a terminal (`--color`, `NO_COLOR`), `-q`, closing lines on stderr,
//! completions, a man page, `--help` for every command.

use crate::common::{ALICE, Change, Sandbox};
use std::process::Output;

fn run(cmd: &mut assert_cmd::Command) -> (Output, String) {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (out, stderr)
}

/// A repository `app` with two commits by Alice in 2026.
fn app(sb: &Sandbox) {
    let r = sb.repo("app");
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Add search to the catalogue",
        &[Change::Write("src/search.rs", "fn search() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-04-02T10:00:00Z",
        "Fix crash on empty query",
        &[Change::Write("src/search.rs", "fn search() { }\n")],
    );
}

#[cfg(unix)]
#[test]
fn new_outputs_take_the_umask_not_0600() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    app(&sb);
    let (out, stderr) = run(sb.evident_with_umask("022").args([
        "run", "--repo", "app", "--author", ALICE.1, "--output", "p.md",
    ]));
    assert!(out.status.success(), "{stderr}");
    let mode = std::fs::metadata(sb.path().join("p.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "{mode:o}");
    let (out, stderr) = run(sb.evident_with_umask("077").args([
        "collect", "--repo", "app", "--author", ALICE.1, "--output", "e.json",
    ]));
    assert!(out.status.success(), "{stderr}");
    let mode = std::fs::metadata(sb.path().join("e.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

/// A run that warns: one of the two repositories does not exist.
fn warning_run(sb: &Sandbox) -> assert_cmd::Command {
    let mut cmd = sb.evident();
    cmd.args([
        "run", "--repo", "app", "--repo", "nowhere", "--author", ALICE.1, "--output", "p.md",
    ]);
    cmd
}

const ESC: &str = "\u{1b}[";

#[test]
fn no_colour_unless_a_terminal_or_asked() {
    let sb = Sandbox::new();
    app(&sb);
    // NO_COLOR is set (the sandbox sets it), stderr is a pipe.
    let (out, stderr) = run(&mut warning_run(&sb));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning: "), "{stderr}");
    assert!(!stderr.contains(ESC), "{stderr:?}");
    // Without NO_COLOR, still a pipe: auto means none.
    let (_, stderr) = run(warning_run(&sb).env_remove("NO_COLOR"));
    assert!(
        stderr.contains("warning: ") && !stderr.contains(ESC),
        "{stderr:?}"
    );
    let (_, stderr) = run(warning_run(&sb)
        .env_remove("NO_COLOR")
        .args(["--color", "never"]));
    assert!(
        stderr.contains("warning: ") && !stderr.contains(ESC),
        "{stderr:?}"
    );
    // Asked for: the labels are coloured, the same words underneath.
    let (_, stderr) = run(warning_run(&sb).args(["--color", "always"]));
    assert!(stderr.contains(&format!("{ESC}33mwarning:")), "{stderr:?}");
    assert!(stderr.contains(&format!("{ESC}36mhint:")), "{stderr:?}");
    let (out, stderr) = run(sb
        .evident()
        .args(["--color=always", "run", "--since", "someday"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.starts_with(ESC), "{stderr:?}");
    assert!(stderr.contains(&format!("{ESC}31merror:")), "{stderr:?}");
    assert!(stderr.contains(&format!("{ESC}36mhint:")), "{stderr:?}");
    let (_, stderr) = run(sb
        .evident()
        .args(["--color=never", "run", "--since", "someday"]));
    assert!(
        stderr.starts_with("error: invalid date for --since"),
        "{stderr:?}"
    );
}

#[test]
fn warnings_read_like_errors() {
    let sb = Sandbox::new();
    app(&sb);
    let (_, stderr) = run(&mut warning_run(&sb));
    let warning = stderr
        .lines()
        .find(|l| l.contains("nowhere"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning.starts_with("warning: "), "{stderr}");
    assert!(!stderr.contains(" WARN "), "{stderr}");
}

#[test]
fn quiet_silences_every_informational_line() {
    let sb = Sandbox::new();
    app(&sb);
    let (out, stderr) = run(warning_run(&sb).arg("-q"));
    assert!(out.status.success());
    assert_eq!(stderr, "", "-q: nothing but errors");
    let (out, stderr) = run(sb
        .evident()
        .args(["-q", "note", "add", "Ran a session on tracing"]));
    assert!(out.status.success());
    assert_eq!(stderr, "");
    let (_, stderr) = run(sb.evident().args(["-q", "init", "--path", "e.toml"]));
    assert_eq!(stderr, "");
    // Errors still show.
    let (out, stderr) = run(sb.evident().args(["-q", "run", "--since", "someday"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn commands_that_write_files_say_what_they_wrote() {
    let sb = Sandbox::new();
    app(&sb);
    let who = ["--repo", "app", "--author", ALICE.1];
    let (out, stderr) = run(sb
        .evident()
        .arg("run")
        .args(who)
        .args(["-o", "portfolio.html"]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "wrote portfolio.html: 2 items, 1 repository\n");
    let (_, stderr) = run(sb.evident().arg("collect").args(who).args(["-o", "e.json"]));
    assert_eq!(stderr, "wrote e.json: 2 items, 1 repository\n");
    let (_, stderr) = run(sb
        .evident()
        .args(["classify", "-i", "e.json", "-o", "p.json"]));
    assert_eq!(stderr, "wrote p.json: 2 items, 1 repository\n");
    let (_, stderr) = run(sb.evident().args(["report", "-i", "p.json", "-o", "p.md"]));
    assert_eq!(stderr, "wrote p.md: 2 items, 1 repository\n");
    // With --log-format json, stderr stays one JSON object a line.
    let (_, stderr) = run(sb.evident().args([
        "--log-format",
        "json",
        "report",
        "-i",
        "p.json",
        "-o",
        "p.md",
    ]));
    let line: serde_json::Value = serde_json::from_str(stderr.trim()).expect("JSON");
    assert_eq!(
        line["fields"]["message"],
        "wrote p.md: 2 items, 1 repository"
    );
    // To stdout: the result only, no closing line.
    let (out, stderr) = run(sb.evident().arg("run").args(who));
    assert!(!out.stdout.is_empty());
    assert_eq!(stderr, "");
}

#[test]
fn completions_for_the_usual_shells() {
    let sb = Sandbox::new();
    for (shell, marker) in [
        ("bash", "_evident()"),
        ("zsh", "#compdef evident"),
        ("fish", "complete -c evident"),
    ] {
        let (out, stderr) = run(sb.evident().args(["completions", shell]));
        assert!(out.status.success(), "{shell}: {stderr}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {marker}");
        for word in ["run", "config", "since", "color"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let (out, _) = run(sb.evident().args(["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_man_page_from_the_command_line() {
    let sb = Sandbox::new();
    let (out, stderr) = run(sb.evident().arg("man"));
    assert!(out.status.success(), "{stderr}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
    assert!(page.contains(".TH evident 1"), "a section 1 page");
    assert!(page.contains("evident\\-run(1)"), "names the command pages");
    assert!(
        page.contains("EVIDENT_SINCE") || page.contains("config"),
        "{page}"
    );
    let (out, stderr) = run(sb.evident().args(["man", "--output-dir", "man"]));
    assert!(out.status.success(), "{stderr}");
    let written = std::fs::read_dir(sb.path().join("man")).unwrap().count();
    assert_eq!(stderr, format!("wrote {written} man pages into man\n"));
    for page in ["evident.1", "evident-run.1", "evident-config-show.1"] {
        assert!(sb.path().join("man").join(page).is_file(), "{page}");
    }
    let run_page = std::fs::read_to_string(sb.path().join("man/evident-run.1")).unwrap();
    assert!(
        run_page.contains("EVIDENT_SINCE"),
        "the variables a flag reads"
    );
}

/// Every command and subcommand, as `--help` shows it.
#[test]
fn help_of_every_command() {
    let sb = Sandbox::new();
    let commands: &[&[&str]] = &[
        &[],
        &["run"],
        &["collect"],
        &["classify"],
        &["report"],
        &["explain"],
        &["rubric"],
        &["rubric", "show"],
        &["rubric", "check"],
        &["init"],
        &["merge"],
        &["team"],
        &["identities"],
        &["note"],
        &["note", "add"],
        &["note", "list"],
        &["note", "remove"],
        &["exclude"],
        &["relabel"],
        &["config"],
        &["config", "show"],
        &["completions"],
        &["man"],
    ];
    for words in commands {
        let (out, stderr) = run(sb.evident().args(*words).arg("--help"));
        assert!(out.status.success(), "{words:?}: {stderr}");
        let name = if words.is_empty() {
            "help".to_string()
        } else {
            format!("help_{}", words.join("_"))
        };
        insta::assert_snapshot!(name, String::from_utf8(out.stdout).unwrap());
    }
}
