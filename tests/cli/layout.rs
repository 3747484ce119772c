//! The module layout cannot drift: `use crate::X` edges between the top-level modules of
//! `src/` form no cycle, and nothing imports `commands` (only `lib.rs` dispatches to it).
//! Run alone with `cargo test --test cli layout::`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module to the top-level modules its files name as `crate::X`.
type Edges = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/store/source.rs` → `store`); `None` for
/// the crate root (`lib.rs`, `main.rs`).
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// The top-level modules named by `crate::X` and `crate::{X, Y::…}` in code (comments,
/// doc comments included, are skipped: an intra-doc link is not a dependency).
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                found.extend(group_heads(group));
            } else {
                found.insert(ident(rest));
            }
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// The first path segment of each item of a `{…}` group, on this line.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_item = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item = true,
            c if at_item && !c.is_whitespace() => {
                heads.push(ident(&group[i..]));
                at_item = false;
            }
            _ => {}
        }
    }
    heads
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn edges() -> Edges {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut edges = Edges::new();
    for file in files {
        let Some(from) = module_of(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let to = edges.entry(from.clone()).or_default();
        to.extend(named_modules(&text).into_iter().filter(|m| *m != from));
    }
    edges
}

/// A cycle through the edges, as `a -> b -> a`, if there is one.
fn find_cycle(edges: &Edges) -> Option<String> {
    fn visit(
        node: &str,
        edges: &Edges,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle.join(" -> "));
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_form_no_cycle() {
    let edges = edges();
    assert!(edges.contains_key("pipeline") && edges.contains_key("model"));
    if let Some(cycle) = find_cycle(&edges) {
        panic!("the modules of src/ import each other in a cycle: {cycle}\nall edges: {edges:#?}");
    }
}

#[test]
fn nothing_imports_commands() {
    let importers: Vec<String> = edges()
        .into_iter()
        .filter(|(from, to)| from != "commands" && to.contains("commands"))
        .map(|(from, _)| from)
        .collect();
    assert!(
        importers.is_empty(),
        "these modules import `commands`; move what they need into the pipeline or the model: {importers:?}"
    );
}

#[test]
fn the_check_sees_imports_and_cycles() {
    assert_eq!(
        named_modules(
            "use crate::model::{Evidence, Period};\nuse crate::{error::Result, store};\n// crate::commands in a comment\nlet x = crate::pipeline::stage_io::read_input;"
        ),
        ["error", "model", "pipeline", "store"]
            .map(String::from)
            .into()
    );
    let mut edges = Edges::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&edges).as_deref(), Some("a -> b -> c -> a"));
}
