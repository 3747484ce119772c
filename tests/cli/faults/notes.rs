//! Notes and decisions: edits under a lock, notes that belong to a person, today's notes
//! today, no silent duplicates, and ids checked against what was collected.

use super::*;

/// `app` with two of Alice's commits and an evident.toml naming her (`author`, so that
/// `--author` replaces her; `[identity]` would add to it).
fn setup(sb: &Sandbox) -> Repo {
    let r = repo_with(sb, "app", &["03-01", "03-02"]);
    sb.write(
        "evident.toml",
        "repos = [\"app\"]\nsince = \"2026-01-01\"\nauthor = [\"Alice Example <alice@example.com>\"]\n",
    );
    r
}

fn note_titles(p: &Value) -> Vec<String> {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "note")
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn twenty_note_adds_at_once_all_survive() {
    let sb = Sandbox::new();
    setup(&sb);
    let sb = std::sync::Arc::new(sb);
    let runs: Vec<_> = (0..20)
        .map(|i| {
            let sb = sb.clone();
            std::thread::spawn(move || {
                run(sb.evident().args([
                    "note",
                    "add",
                    &format!("Ran onboarding session number {i}"),
                    "--date",
                    "2026-03-05",
                ]))
            })
        })
        .collect();
    for r in runs {
        let ran = r.join().unwrap();
        assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
        assert!(
            ran.stderr.starts_with("added note:2026-03-05:"),
            "{}",
            ran.stderr
        );
    }
    let list = run(sb.evident().args(["note", "list"]));
    for i in 0..20 {
        assert!(
            list.stdout
                .contains(&format!("Ran onboarding session number {i} ")),
            "note {i} was lost:\n{}",
            list.stdout
        );
    }
    assert_eq!(list.stdout.lines().count(), 20, "{}", list.stdout);
}

#[test]
fn notes_appear_only_in_their_authors_portfolio() {
    let sb = Sandbox::new();
    let r = setup(&sb);
    r.commit(
        BOB,
        "2026-03-03T10:00:00Z",
        "Bob's fix",
        &[Change::Write("b.rs", "b\n")],
    );
    let added = run(sb.evident().args([
        "note",
        "add",
        "Mentored a new hire",
        "--signal",
        "mentoring",
        "--date",
        "2026-03-04",
    ]));
    assert_eq!(added.code(), Some(0), "{}", added.stderr);
    assert!(
        added
            .stderr
            .contains("(by Alice Example <alice@example.com>)"),
        "{}",
        added.stderr
    );
    let file = std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap();
    assert!(
        file.contains("author = \"Alice Example <alice@example.com>\""),
        "{file}"
    );

    let alice = run(sb.evident().args(["run", "--format", "json"]));
    assert_eq!(note_titles(&alice.json()), ["Mentored a new hire"]);
    let bob = run(sb
        .evident()
        .args(["run", "--format", "json", "--author", BOB.1]));
    assert_eq!(bob.code(), Some(0), "{}", bob.stderr);
    assert!(
        note_titles(&bob.json()).is_empty(),
        "Alice's note is not Bob's"
    );
    assert_eq!(
        ids_of(&bob.json(), "commit").len(),
        1,
        "Bob's own commit is"
    );

    // A note written by hand without an author is counted, and the portfolio says so.
    let mut text = std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap();
    text.push_str("\n[[note]]\nid = \"note:2026-03-06:gave-a-talk\"\ndate = \"2026-03-06\"\ntext = \"Gave a talk\"\n");
    sb.write("evident-notes.toml", &text);
    let p = run(sb
        .evident()
        .args(["run", "--format", "json", "--author", BOB.1]))
    .json();
    assert_eq!(note_titles(&p), ["Gave a talk"]);
    let entry = unseen(&p, "notes-without-author");
    assert!(
        entry[0]["message"].as_str().unwrap().contains("1 note in"),
        "{entry:?}"
    );
}

#[test]
fn a_note_added_today_is_in_todays_portfolio_before_noon() {
    let sb = Sandbox::new();
    setup(&sb);
    let morning = "2026-11-23T09:00:00Z";
    let added = run(sb.evident().env("EVIDENT_NOW", morning).args([
        "note",
        "add",
        "Handled the 3am incident",
        "--signal",
        "incident",
    ]));
    assert!(
        added.stderr.contains("note:2026-11-23:"),
        "{}",
        added.stderr
    );
    // The default period ends now, at 09:00; the note is dated today.
    let p = run(sb
        .evident()
        .env("EVIDENT_NOW", morning)
        .args(["run", "--format", "json", "--since", "90d"]))
    .json();
    assert_eq!(note_titles(&p), ["Handled the 3am incident"]);
    let note = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "note")
        .unwrap();
    let at = note["timestamp"].as_str().unwrap();
    assert!(
        at.starts_with("2026-11-23T") && at < morning,
        "inside the period: {at}"
    );
}

#[test]
fn the_same_note_twice_is_added_once_and_a_changed_one_is_refused() {
    let sb = Sandbox::new();
    setup(&sb);
    let add = |signal: &str| {
        run(sb.evident().args([
            "note",
            "add",
            "Ran the design review",
            "--date",
            "2026-03-07",
            "--signal",
            signal,
        ]))
    };
    assert_eq!(add("design-doc").code(), Some(0));
    let again = add("design-doc");
    assert_eq!(again.code(), Some(0), "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("note:2026-03-07:ran-the-design-review is already in")
            && again.stderr.contains("nothing added"),
        "{}",
        again.stderr
    );
    let changed = add("mentoring");
    assert_eq!(changed.code(), Some(2), "{}", changed.stderr);
    assert!(
        changed.stderr.contains("already holds this note"),
        "{}",
        changed.stderr
    );
    assert!(changed.stderr.contains("hint: to change it, remove it first (`evident note remove note:2026-03-07:ran-the-design-review`)"), "{}", changed.stderr);
    let list = run(sb.evident().args(["note", "list"]));
    assert_eq!(list.stdout.lines().count(), 1, "{}", list.stdout);
    assert!(
        list.stdout.contains("[design-doc]"),
        "the first stays: {}",
        list.stdout
    );
}

#[test]
fn exclude_and_relabel_resolve_short_ids_and_refuse_unknown_ones() {
    let sb = Sandbox::new();
    let r = setup(&sb);
    // Before any run there is nothing to check an id against.
    let early = run(sb.evident().args(["exclude", "deadbeef"]));
    assert_eq!(early.code(), Some(2), "{}", early.stderr);
    assert!(
        early
            .stderr
            .contains("there is nothing collected to check `deadbeef` against"),
        "{}",
        early.stderr
    );
    assert!(
        early.stderr.contains("hint: run `evident run` first"),
        "{}",
        early.stderr
    );

    let first = run(sb.evident().args(["run", "--format", "json"]));
    assert_eq!(ids_of(&first.json(), "commit").len(), 2);
    let head = r
        .repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string();
    let full = format!("git:app:{head}");

    let ran = run(sb
        .evident()
        .args(["exclude", &head[..8], "--reason", "vendored"]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr.starts_with(&format!("{full} is left out")),
        "{}",
        ran.stderr
    );
    let file = std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap();
    assert!(
        file.contains(&format!("id = \"{full}\"")),
        "the full id is kept: {file}"
    );
    let after = run(sb.evident().args(["run", "--format", "json"])).json();
    assert_eq!(ids_of(&after, "commit").len(), 1, "and it takes effect");

    // A typo: an error (exit 2) with the nearest ids, and nothing written.
    let mut typo = head[..8].to_string();
    typo.replace_range(7..8, if &head[7..8] == "0" { "1" } else { "0" });
    let before = std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap();
    let bad = run(sb
        .evident()
        .args(["relabel", &typo, "--signal", "incident"]));
    assert_eq!(bad.code(), Some(2), "{}", bad.stderr);
    assert!(
        bad.stderr.contains(&format!(
            "error: no collected item has the id `{typo}` (looked in the last run's portfolio"
        )),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("hint: the nearest ids: git:app:"),
        "{}",
        bad.stderr
    );
    assert_eq!(
        std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap(),
        before
    );

    let other = r
        .repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .parent(0)
        .unwrap()
        .id()
        .to_string();
    let ok = run(sb
        .evident()
        .args(["relabel", &other[..7], "--signal", "incident"]));
    assert_eq!(ok.code(), Some(0), "{}", ok.stderr);
    assert!(
        ok.stderr
            .starts_with(&format!("git:app:{other} now has signals incident")),
        "{}",
        ok.stderr
    );
}
