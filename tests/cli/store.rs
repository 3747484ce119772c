//! The evidence store: nothing lost when a collection is killed (at fixed delays, and at
//! precise points through the test hooks `EVIDENT_TEST_PAUSE_AT` / `EVIDENT_TEST_GATE`),
//! one run per store (the lock), `evident merge` independent of the order of the shards,
//! and JSON logs.

use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const REPOS: usize = 6;
const COMMITS: usize = 60;

/// Six repositories under `repos/`, each with a history of Alice's and Bob's commits in
/// the period, a design doc, and one repository with a remote.
fn fixtures(sb: &Sandbox) {
    for i in 0..REPOS {
        let r = sb.repo(&format!("repos/r{i}"));
        if i == 0 {
            r.remote("git@github.com:acme/widgets.git");
        }
        for j in 0..COMMITS {
            let who = if j % 4 == 3 { BOB } else { ALICE };
            let day = 1 + (j * 5 + i) % 300;
            let date = (chrono::DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z").unwrap()
                + chrono::Duration::days(day as i64)
                + chrono::Duration::minutes(j as i64))
            .to_rfc3339();
            let path = format!("src/m{}.rs", j % 7);
            let text = format!("// r{i} change {j}\n").repeat(1 + j % 5);
            let message = match j % 5 {
                0 => format!("Fix crash in parser {j}"),
                1 => format!("Add feature {j} to the widget API"),
                2 => format!("Refactor module {j}"),
                3 => format!("Add tests for {j}"),
                _ => format!("Update dependencies {j}"),
            };
            let mut changes = vec![Change::Write(&path, &text)];
            let doc = format!("# Design: caching in r{i}\n\nAuthor: Alice Example\n\n{text}");
            if j == 10 {
                changes.push(Change::Write("docs/design/caching.md", &doc));
            }
            r.commit(who, &date, &message, &changes);
        }
    }
}

/// `evident` as a child process (to kill it), with the harness's hermetic environment.
fn spawn(sb: &Sandbox, args: &[&str], envs: &[(&str, &Path)]) -> Child {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("evident"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.path().join("home"))
        .env("XDG_CONFIG_HOME", sb.path().join("home/.config"))
        .env("XDG_CACHE_HOME", sb.path().join("cache"))
        .env("EVIDENT_CONFIG_DIR", sb.path().join("config"))
        .env("EVIDENT_NOW", NOW)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .current_dir(sb.path())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().expect("evident starts")
}

fn collect_args<'a>(store: &'a str, output: &'a str) -> Vec<&'a str> {
    vec![
        "-v", "collect", "--repo", "repos", "--author", ALICE.1, "--store", store, "--output",
        output,
    ]
}

/// Runs a collection to the end; returns stderr.
fn collect(sb: &Sandbox, store: &str, output: &str) -> String {
    let out = sb
        .evident()
        .args(collect_args(store, output))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "collect failed:\n{stderr}");
    stderr
}

/// Waits until the paused run has created `<gate>.paused`.
fn wait_paused(gate: &Path, child: &mut Child) {
    let marker = PathBuf::from(format!("{}.paused", gate.display()));
    let started = Instant::now();
    while !marker.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            panic!("evident ended ({status}) before the pause point:\n{err}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never reached the pause point"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The store's files: `evidence/*` by name to bytes, temporary files included.
fn store_files(store: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(store.join("evidence"))
        .map(|d| {
            d.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn temp_files(store: &Path) -> Vec<String> {
    store_files(store)
        .into_keys()
        .filter(|n| n.starts_with(".tmp"))
        .collect()
}

/// The records of an evidence file as a sorted set of canonical JSON strings; panics on
/// a duplicated id.
fn record_set(path: &Path) -> BTreeSet<String> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let records = v["evidence"].as_array().unwrap();
    let ids: BTreeSet<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.len(),
        records.len(),
        "duplicated ids in {}",
        path.display()
    );
    records.iter().map(|r| r.to_string()).collect()
}

/// The rerun reads nothing twice and loses nothing: same records, same bytes, same store.
fn assert_same_as_reference(sb: &Sandbox, store: &str, output: &str, what: &str) {
    let reference = sb.path().join("ref.json");
    let got = sb.path().join(output);
    assert_eq!(
        record_set(&got),
        record_set(&reference),
        "{what}: records differ"
    );
    assert!(
        std::fs::read(&got).unwrap() == std::fs::read(&reference).unwrap(),
        "{what}: the evidence JSON differs from the uninterrupted run's"
    );
    assert_eq!(
        store_files(&sb.path().join(store)),
        store_files(&sb.path().join("A")),
        "{what}: the store differs from the uninterrupted run's"
    );
    assert!(
        temp_files(&sb.path().join(store)).is_empty(),
        "{what}: temp files left"
    );
}

fn reused(stderr: &str) -> usize {
    stderr.matches("results reused from the store").count()
}

#[test]
fn a_killed_collection_continues_and_ends_as_an_uninterrupted_one() {
    let sb = Sandbox::new();
    fixtures(&sb);
    let started = Instant::now();
    collect(&sb, "A", "ref.json");
    let took = started.elapsed();
    assert_eq!(store_files(&sb.path().join("A")).len(), REPOS);
    assert!(record_set(&sb.path().join("ref.json")).len() > REPOS * COMMITS / 2);

    // Precise points: the test hook pauses the writer there, and the test kills it (SIGKILL).
    let points = [
        ("locked", 0, false),
        ("written:1", 1, false),
        ("written:3", 3, false),
        ("before-rename:1", 0, true),
        ("before-rename:4", 3, true),
        ("written:6", 6, false),
    ];
    for (i, (point, in_place, mid_write)) in points.into_iter().enumerate() {
        let store = format!("B{i}");
        let gate = sb.path().join(format!("gate{i}"));
        let mut child = spawn(
            &sb,
            &collect_args(&store, "never.json"),
            &[
                ("EVIDENT_TEST_PAUSE_AT", Path::new(point)),
                ("EVIDENT_TEST_GATE", &gate),
            ],
        );
        wait_paused(&gate, &mut child);
        child.kill().unwrap();
        child.wait().unwrap();
        let dir = sb.path().join(&store);
        let files = store_files(&dir);
        let complete = files.keys().filter(|n| n.ends_with(".json")).count();
        assert_eq!(complete, in_place, "{point}: files in place when killed");
        assert_eq!(
            !temp_files(&dir).is_empty(),
            mid_write,
            "{point}: a half-written file is (only) there when killed mid-write: {:?}",
            files.keys()
        );
        // The lock file stays behind; it does not block the rerun.
        assert!(dir.join(".lock").exists());
        let stderr = collect(&sb, &store, &format!("out{i}.json"));
        assert_eq!(
            reused(&stderr),
            in_place,
            "{point}: sources reused\n{stderr}"
        );
        assert_same_as_reference(&sb, &store, &format!("out{i}.json"), point);
    }

    // Fixed delays, on one store killed again and again: at the start, the middle, the end.
    for fraction in [0.0, 0.5, 0.9] {
        let mut child = spawn(&sb, &collect_args("C", "never.json"), &[]);
        std::thread::sleep(took.mul_f64(fraction));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    collect(&sb, "C", "outC.json");
    assert_same_as_reference(&sb, "C", "outC.json", "killed after delays");

    // A second run on a complete store reads nothing again and writes the same.
    let stderr = collect(&sb, "A", "again.json");
    assert_eq!(reused(&stderr), REPOS);
    assert_same_as_reference(&sb, "A", "again.json", "second run");
}

#[test]
fn a_second_run_on_the_same_store_is_refused_at_once() {
    let sb = Sandbox::new();
    fixtures(&sb);
    let gate = sb.path().join("gate");
    let mut first = spawn(
        &sb,
        &collect_args("S", "first.json"),
        &[
            ("EVIDENT_TEST_PAUSE_AT", Path::new("locked")),
            ("EVIDENT_TEST_GATE", &gate),
        ],
    );
    wait_paused(&gate, &mut first);
    let started = Instant::now();
    for args in [
        collect_args("S", "second.json"),
        vec!["run", "--from-store", "S", "--format", "json"],
    ] {
        let out = sb.evident().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("error: the store S is in use by another evident run (pid"),
            "{stderr}"
        );
        assert!(stderr.contains("hint: wait for the other run"), "{stderr}");
        assert!(stderr.contains("--store DIR"), "{stderr}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused at once"
    );
    assert!(!sb.path().join("second.json").exists());
    std::fs::write(&gate, "go").unwrap();
    let status = first.wait().unwrap();
    assert!(status.success());
    // The store is valid: a fresh store gives the same, and the next run reuses it all.
    collect(&sb, "A", "ref.json");
    let stderr = collect(&sb, "S", "third.json");
    assert_eq!(reused(&stderr), REPOS);
    for out in ["first.json", "third.json"] {
        assert_eq!(
            std::fs::read(sb.path().join(out)).unwrap(),
            std::fs::read(sb.path().join("ref.json")).unwrap()
        );
    }
}

#[test]
fn merging_shards_in_any_order_gives_the_same_bytes_and_the_same_portfolio() {
    let sb = Sandbox::new();
    fixtures(&sb);
    for (shard, repos) in [("s1", [0, 1]), ("s2", [2, 3]), ("s3", [4, 5])] {
        let mut cmd = sb.evident();
        cmd.args(["collect", "--author", ALICE.1, "--store", shard, "--output"])
            .arg(format!("{shard}.json"));
        for r in repos {
            cmd.args(["--repo", &format!("repos/r{r}")]);
        }
        cmd.assert().success();
    }
    for (out, order) in [("m1", ["s1", "s2", "s3"]), ("m2", ["s3", "s1", "s2"])] {
        sb.evident()
            .arg("merge")
            .args(order)
            .args(["--store", out, "--output", &format!("{out}.json")])
            .assert()
            .success();
    }
    let read = |p: &str| std::fs::read(sb.path().join(p)).unwrap();
    assert!(
        read("m1.json") == read("m2.json"),
        "merged evidence differs"
    );
    let (m1, m2) = (
        store_files(&sb.path().join("m1")),
        store_files(&sb.path().join("m2")),
    );
    assert_eq!(m1.len(), REPOS);
    assert!(m1 == m2, "merged stores differ");
    // To stdout when neither --store nor --output is given.
    let stdout = sb
        .evident()
        .args(["merge", "s2", "s3", "s1"])
        .output()
        .unwrap()
        .stdout;
    assert!(stdout == read("m1.json"));

    // The merged store renders what collecting everything at once renders.
    let all = sb
        .evident()
        .args([
            "run", "--repo", "repos", "--author", ALICE.1, "--store", "all",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(all.status.success());
    let merged = sb
        .evident()
        .args(["run", "--from-store", "m2", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(
        all.stdout == merged.stdout,
        "the merged store renders another portfolio"
    );
    // And the merged evidence is what `collect` of everything writes.
    sb.evident()
        .args([
            "collect", "--repo", "repos", "--author", ALICE.1, "--store", "all",
        ])
        .args(["--output", "all.json"])
        .assert()
        .success();
    assert_eq!(
        record_set(&sb.path().join("all.json")),
        record_set(&sb.path().join("m1.json"))
    );

    // Not a store: a usage error that says so.
    let out = sb.evident().args(["merge", "repos"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an evident store"));
}

#[test]
fn json_logs_are_one_json_object_a_line_on_stderr() {
    let sb = Sandbox::new();
    let r = sb.repo("solo");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Add a thing",
        &[Change::Write("a.rs", "a\n")],
    );
    let out = sb
        .evident()
        .args([
            "-v",
            "--log-format",
            "json",
            "collect",
            "--repo",
            "solo",
            "--store",
            "st",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "no logs at -v");
    for line in lines {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["level"].is_string() && v["fields"].is_object(), "{line}");
    }
    serde_json::from_slice::<Value>(&out.stdout).expect("results stay on stdout");
}

#[test]
fn a_store_kept_by_another_collector_is_said_to_be_so_when_rendered() {
    let sb = Sandbox::new();
    let r = sb.repo("repos/one");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Add the index",
        &[Change::Write("src/index.rs", "x\n")],
    );
    collect(&sb, "kept", "out.json");
    // Make the stored source look like an older build's: no collector revision.
    let file = std::fs::read_dir(sb.path().join("kept/evidence"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("git--"))
        })
        .expect("a stored repository");
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    stored["fingerprint"]
        .as_object_mut()
        .unwrap()
        .remove("collector");
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();
    let out = sb
        .evident()
        .args(["run", "--from-store", "kept", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = p["collection"]["warnings"].to_string();
    assert!(
        warnings.contains(
            "one collected by an older build of evident (collector revision 0; this one is"
        ),
        "{warnings}"
    );
}
