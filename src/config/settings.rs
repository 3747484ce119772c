//! The one resolver of settings. Every command gets its settings here, from five layers,
//! later layers winning key by key:
//!
//! 1. built-in defaults ([`defaults`]);
//! 2. the user's file, `<config dir>/config.toml`;
//! 3. the project's file, `--config FILE` or `./evident.toml`;
//! 4. `EVIDENT_*` environment variables ([`ENV_KEYS`]);
//! 5. the command's flags ([`Flags`]).
//!
//! Each layer is flattened to its leaf keys (`since`, `identity.name`, `github.include`),
//! so tables merge key by key: a project's `[identity] name` keeps the user's
//! `[identity] emails`. Arrays are leaves: a later layer's list replaces an earlier one,
//! except `rules`, which a flag adds to (`--rules` adds rules files to the configured
//! ones). Every leaf remembers where it came from ([`Source`]), which `evident config
//! show` prints. The merged leaves are read into one [`Config`], so a command sees plain
//! typed values and never falls back from a flag to a file by hand.
//!
//! Each file is checked on its own first, so an unknown key or a bad value is reported at
//! its `file:line:col`; an environment variable with a bad value is reported by name.

use super::{CONFIG_FILE, Config};
use crate::error::{Error, ErrorKind, Result, line_col};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Built into evident.
    Default,
    /// The user's file (`~/.config/evident/config.toml`), at this line.
    UserFile { path: PathBuf, line: usize },
    /// The project's file (`./evident.toml` or `--config FILE`), at this line.
    ProjectFile { path: PathBuf, line: usize },
    /// An environment variable.
    Env { name: String },
    /// A command-line flag.
    Flag { name: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::UserFile { path, line } => write!(f, "user file {}:{line}", path.display()),
            Source::ProjectFile { path, line } => {
                write!(f, "project file {}:{line}", path.display())
            }
            Source::Env { name } => write!(f, "environment {name}"),
            Source::Flag { name } => write!(f, "flag {name}"),
        }
    }
}

/// Every key a settings file takes, with what applies when no layer sets it. `config
/// show` lists them in this order; a test checks that [`Config`] takes each of them.
pub const KEYS: &[(&str, &str)] = &[
    ("repos", "`.`"),
    ("author", "the repository's user.email"),
    ("since", "12 months ago"),
    ("until", "now"),
    ("rubric", "the built-in rubric"),
    ("rules", "the built-in rules only"),
    (
        "format",
        "from the output file's extension, else md (classify: json)",
    ),
    ("output", "stdout"),
    ("template_dir", "the built-in templates"),
    ("include_merges", "false"),
    ("all_branches", "false"),
    ("design_docs", "true"),
    ("store", "<cache dir>/evident"),
    (
        "notes",
        "evident-notes.toml beside the project file, else <config dir>/notes.toml",
    ),
    ("public_repos", "none"),
    ("strict", "false"),
    ("identity.name", "the repository's user.name"),
    ("identity.emails", "none"),
    ("identity.names", "none"),
    ("identity.aliases", "none"),
    ("identity.github", "none"),
    ("github.enabled", "false"),
    ("github.login", "the token's own user"),
    ("github.url", "https://github.com"),
    ("github.include", "everywhere"),
    ("github.exclude", "nothing"),
    ("github.no_wait", "false"),
    ("github.search_syntax", "auto"),
    ("bots.names", "the built-in bots only"),
];

/// The environment variables that set keys, as `(variable, key)`. The flags that read
/// the same variables name them in their `env = ...` (a test checks that the two agree).
pub const ENV_KEYS: &[(&str, &str)] = &[
    ("EVIDENT_SINCE", "since"),
    ("EVIDENT_UNTIL", "until"),
    ("EVIDENT_FORMAT", "format"),
    ("EVIDENT_RUBRIC", "rubric"),
    ("EVIDENT_AUTHOR", "author"),
    ("EVIDENT_STORE", "store"),
];

/// Keys whose values are paths: relative ones are taken from the file's folder.
const PATH_KEYS: &[&str] = &["repos", "rules", "rubric", "template_dir", "store", "notes"];

/// A value and where it came from.
type Leaves = BTreeMap<String, (toml::Value, Source)>;

/// What the resolver reads besides the files: the user's config dir, the cache dir and
/// the `EVIDENT_*` variables (by name without the prefix), as `crate::env` found them.
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    pub config_dir: Option<&'a Path>,
    pub cache_dir: Option<&'a Path>,
    pub vars: Option<&'a BTreeMap<String, String>>,
}

/// The settings files of a run, read and checked once: the user's and the project's.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub user: Option<PathBuf>,
    pub project: Option<PathBuf>,
    user_leaves: Leaves,
    project_leaves: Leaves,
}

impl Files {
    /// Reads `<config dir>/config.toml` when it exists, and `explicit` (`--config FILE`,
    /// which must exist) or else `./evident.toml` when it exists.
    pub fn load(config_dir: Option<&Path>, explicit: Option<&Path>) -> Result<Files> {
        let mut files = Files::default();
        if let Some(dir) = config_dir {
            let user = dir.join("config.toml");
            if user.is_file() {
                files.user_leaves =
                    read_layer(&user, |path, line| Source::UserFile { path, line })?;
                files.user = Some(user);
            }
        }
        let project = match explicit {
            Some(path) if !path.is_file() => {
                return Err(
                    Error::usage(format!("config file {} does not exist", path.display()))
                        .with_hint("run `evident init` to write one, or check the path"),
                );
            }
            Some(path) => Some(path.to_path_buf()),
            None => Some(PathBuf::from(CONFIG_FILE)).filter(|p| p.is_file()),
        };
        if let Some(path) = project {
            files.project_leaves =
                read_layer(&path, |path, line| Source::ProjectFile { path, line })?;
            files.project = Some(path);
        }
        Ok(files)
    }
}

/// The command's flags, as a layer: each names the key it sets and the flag that set it.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    leaves: Leaves,
    /// `--rules`: added to the configured rules files instead of replacing them.
    rules: Vec<(toml::Value, Source)>,
    /// Flags whose value settings cannot hold (a path that is not UTF-8), reported by
    /// [`Settings::resolve`] rather than dropped.
    unusable: Vec<String>,
}

impl Flags {
    pub fn new() -> Flags {
        Flags::default()
    }

    /// `key = value` from `flag`, when the flag was given.
    pub fn set<T: Serialize>(&mut self, key: &str, flag: &str, value: Option<T>) -> &mut Self {
        match value.map(toml::Value::try_from) {
            Some(Ok(v)) => {
                self.leaves.insert(key.into(), (v, flag_source(flag)));
            }
            Some(Err(_)) => self.unusable.push(flag.into()),
            None => {}
        }
        self
    }

    /// `key = values` from a repeatable `flag`, when it was given at least once.
    pub fn list<T: Serialize>(&mut self, key: &str, flag: &str, values: &[T]) -> &mut Self {
        self.set(key, flag, (!values.is_empty()).then_some(values))
    }

    /// `key = value` when a switch (`--github`, `--no-design-docs`) was given; a switch
    /// that is absent leaves the key to the layers below.
    pub fn switch(&mut self, key: &str, flag: &str, given: bool, value: bool) -> &mut Self {
        self.set(key, flag, given.then_some(value))
    }

    /// `--rules FILE...`: added after the configured rules files.
    pub fn add_rules(&mut self, flag: &str, files: &[PathBuf]) -> &mut Self {
        for f in files {
            match toml::Value::try_from(f) {
                Ok(v) => self.rules.push((v, flag_source(flag))),
                Err(_) => self.unusable.push(flag.into()),
            }
        }
        self
    }
}

fn flag_source(flag: &str) -> Source {
    Source::Flag { name: flag.into() }
}

/// The resolved settings: one typed [`Config`] and where each of its values came from.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Every layer merged; keys with a default always hold a value.
    pub config: Config,
    /// The user's file in use, if any.
    pub user_file: Option<PathBuf>,
    /// The project's file in use (`--config`, or `./evident.toml` when present).
    pub project_file: Option<PathBuf>,
    /// Leaf key to the layers that gave its value (more than one only for `rules`).
    sources: BTreeMap<String, Vec<Source>>,
    /// Leaf key to its merged value, for `config show`.
    values: BTreeMap<String, toml::Value>,
}

/// One line of `evident config show`.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub key: String,
    /// `None` when no layer sets it.
    pub value: Option<serde_json::Value>,
    /// Where the value came from (several for `rules`); empty when unset.
    pub sources: Vec<Source>,
    /// What applies when no layer sets the key.
    pub default: String,
}

impl Settings {
    /// Merges the layers: defaults, the files, the `EVIDENT_*` variables, the flags.
    pub fn resolve(files: &Files, inputs: &Inputs, flags: &Flags) -> Result<Settings> {
        if let Some(flag) = flags.unusable.first() {
            return Err(Error::usage(format!("the value of {flag} is not UTF-8 text"))
                .with_hint("evident keeps settings as text: rename the file or folder, or pass a path without those characters"));
        }
        let mut leaves = defaults(files, inputs);
        let mut sources: BTreeMap<String, Vec<Source>> = BTreeMap::new();
        let layers = [
            &files.user_leaves,
            &files.project_leaves,
            &env_layer(inputs.vars)?,
            &flags.leaves,
        ];
        for layer in layers {
            for (key, leaf) in layer {
                leaves.insert(key.clone(), leaf.clone());
            }
        }
        for (key, (_, source)) in &leaves {
            sources.insert(key.clone(), vec![source.clone()]);
        }
        if !flags.rules.is_empty() {
            add_rules(&mut leaves, &mut sources, &flags.rules);
        }
        let values: BTreeMap<String, toml::Value> =
            leaves.into_iter().map(|(k, (v, _))| (k, v)).collect();
        let config = typed(&values)?;
        Ok(Settings {
            config,
            user_file: files.user.clone(),
            project_file: files.project.clone(),
            sources,
            values,
        })
    }

    /// Where a key's value came from; empty when no layer sets it.
    pub fn sources(&self, key: &str) -> &[Source] {
        self.sources.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether a key holds its built-in default (or nothing): no file, variable or flag
    /// set it.
    pub fn is_default(&self, key: &str) -> bool {
        self.sources(key).iter().all(|s| *s == Source::Default)
    }

    /// Where a key came from, for messages: `flag --since`, `environment EVIDENT_SINCE`.
    pub fn origin(&self, key: &str) -> String {
        let sources = self.sources(key);
        if sources.is_empty() {
            return "not set".into();
        }
        sources
            .iter()
            .map(Source::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every key, in [`KEYS`] order, with its value and sources.
    pub fn shown(&self) -> Vec<Shown> {
        KEYS.iter()
            .map(|(key, default)| Shown {
                key: key.to_string(),
                value: self
                    .values
                    .get(*key)
                    .and_then(|v| serde_json::to_value(v).ok()),
                sources: self.sources(key).to_vec(),
                default: default.to_string(),
            })
            .collect()
    }
}

/// The built-in defaults layer. The store and notes defaults depend on where the user's
/// cache and config dirs are, and on the project file.
fn defaults(files: &Files, inputs: &Inputs) -> Leaves {
    let mut leaves = Leaves::new();
    let mut put = |key: &str, value: toml::Value| {
        leaves.insert(key.to_string(), (value, Source::Default));
    };
    put("repos", toml::Value::Array(vec![".".into()]));
    put("since", "12m".into());
    put("until", "now".into());
    put("rules", toml::Value::Array(Vec::new()));
    put("include_merges", false.into());
    put("all_branches", false.into());
    put("design_docs", true.into());
    put("strict", false.into());
    put("github.enabled", false.into());
    put("github.no_wait", false.into());
    put("github.search_syntax", "auto".into());
    if let Some(dir) = inputs.cache_dir {
        put("store", path_value(&dir.join("evident")));
    }
    put(
        "notes",
        path_value(&default_notes(files.project.as_deref(), inputs.config_dir)),
    );
    leaves
}

/// The notes file's name beside a project file.
pub const NOTES_FILE: &str = "evident-notes.toml";

/// Where notes live when `notes` is not set: `evident-notes.toml` beside the project
/// file in use, else `notes.toml` in the user's config dir.
fn default_notes(project: Option<&Path>, config_dir: Option<&Path>) -> PathBuf {
    if let Some(c) = project {
        return c.parent().unwrap_or(Path::new(".")).join(NOTES_FILE);
    }
    match config_dir {
        Some(d) => d.join("notes.toml"),
        None => PathBuf::from(NOTES_FILE),
    }
}

fn path_value(path: &Path) -> toml::Value {
    toml::Value::String(path.display().to_string())
}

/// `EVIDENT_SINCE`, `EVIDENT_AUTHOR` (comma-separated), ...: the variables of
/// [`ENV_KEYS`] that are set and not empty, each checked on its own.
fn env_layer(vars: Option<&BTreeMap<String, String>>) -> Result<Leaves> {
    let mut leaves = Leaves::new();
    let Some(vars) = vars else {
        return Ok(leaves);
    };
    for (name, key) in ENV_KEYS {
        let Some(text) = vars
            .get(&name["EVIDENT_".len()..])
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        let value = match *key {
            "author" => toml::Value::Array(
                text.split(',')
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(|s| s.into())
                    .collect(),
            ),
            _ => text.as_str().into(),
        };
        let one = Leaves::from([(key.to_string(), (value.clone(), Source::Default))]);
        let values = one.into_iter().map(|(k, (v, _))| (k, v)).collect();
        typed(&values).map_err(|e| {
            Error::usage(format!("{name}: {}", e.message))
                .with_hint(format!("fix or unset {name}; `evident config show` shows every setting and where it comes from"))
        })?;
        leaves.insert(
            key.to_string(),
            (
                value,
                Source::Env {
                    name: name.to_string(),
                },
            ),
        );
    }
    Ok(leaves)
}

/// `--rules` files after the configured ones; the key then names both sources.
fn add_rules(
    leaves: &mut Leaves,
    sources: &mut BTreeMap<String, Vec<Source>>,
    added: &[(toml::Value, Source)],
) {
    let (configured, from) = leaves
        .remove("rules")
        .unwrap_or((toml::Value::Array(Vec::new()), Source::Default));
    let mut list = match configured {
        toml::Value::Array(a) => a,
        other => vec![other],
    };
    let mut origin = Vec::new();
    if !list.is_empty() {
        origin.push(from);
    }
    for (v, s) in added {
        list.push(v.clone());
        if !origin.contains(s) {
            origin.push(s.clone());
        }
    }
    leaves.insert("rules".into(), (toml::Value::Array(list), Source::Default));
    sources.insert("rules".into(), origin);
}

/// The leaves, nested back into tables and read as a [`Config`].
fn typed(values: &BTreeMap<String, toml::Value>) -> Result<Config> {
    let mut root = toml::Table::new();
    for (key, value) in values {
        let mut table = &mut root;
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            let entry = table
                .entry(part.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            let toml::Value::Table(t) = entry else {
                unreachable!("a leaf key is never also a table in one merge")
            };
            table = t;
        }
        table.insert(last.to_string(), value.clone());
    }
    toml::Value::Table(root)
        .try_into::<Config>()
        .map_err(|e| Error::config(e.message().trim().to_string()))
}

/// One settings file as a layer: checked as a [`Config`] (errors at `file:line:col`),
/// then flattened to leaves that remember their line; relative paths are taken from the
/// file's folder.
fn read_layer(path: &Path, source: impl Fn(PathBuf, usize) -> Source) -> Result<Leaves> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io("read the config file", path, e))?;
    Config::parse(&path.display().to_string(), &text)?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let mut err = crate::error::toml_error(&path.display().to_string(), &text, &e);
        err.kind = ErrorKind::Config;
        err
    })?;
    let lines = key_lines(&text);
    let base = path.parent().unwrap_or(Path::new("."));
    let mut leaves = Leaves::new();
    flatten("", &table, &mut |key, mut value| {
        if PATH_KEYS.contains(&key.as_str()) {
            relative_to(base, &mut value);
        }
        let line = lines.get(&key).copied().unwrap_or(1);
        leaves.insert(key, (value, source(path.to_path_buf(), line)));
    });
    Ok(leaves)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut impl FnMut(String, toml::Value)) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            other => out(key, other.clone()),
        }
    }
}

/// A path (or list of paths) from a file in `base`, joined to it when relative.
fn relative_to(base: &Path, value: &mut toml::Value) {
    match value {
        toml::Value::String(s) if Path::new(s.as_str()).is_relative() => {
            *s = base.join(s.as_str()).display().to_string();
        }
        toml::Value::Array(items) => items.iter_mut().for_each(|v| relative_to(base, v)),
        _ => {}
    }
}

/// The line of every leaf key in a TOML text (`identity.name` → 12).
fn key_lines(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    if let Ok(doc) = toml_edit::Document::parse(text) {
        walk_keys(text, "", doc.as_table(), &mut out);
    }
    out
}

/// The keys of a table (or inline table) and their items, to record their lines.
trait Keyed {
    fn names(&self) -> Vec<String>;
    fn key_of(&self, name: &str) -> Option<&toml_edit::Key>;
    fn item_of(&self, name: &str) -> Option<&toml_edit::Item>;
}

impl Keyed for toml_edit::Table {
    fn names(&self) -> Vec<String> {
        self.iter().map(|(k, _)| k.to_string()).collect()
    }
    fn key_of(&self, name: &str) -> Option<&toml_edit::Key> {
        self.key(name)
    }
    fn item_of(&self, name: &str) -> Option<&toml_edit::Item> {
        self.get(name)
    }
}

impl Keyed for toml_edit::InlineTable {
    fn names(&self) -> Vec<String> {
        self.iter().map(|(k, _)| k.to_string()).collect()
    }
    fn key_of(&self, name: &str) -> Option<&toml_edit::Key> {
        self.key(name)
    }
    fn item_of(&self, name: &str) -> Option<&toml_edit::Item> {
        self.get_key_value(name).map(|(_, i)| i)
    }
}

fn walk_keys(text: &str, prefix: &str, table: &dyn Keyed, out: &mut BTreeMap<String, usize>) {
    for name in table.names() {
        let name = name.as_str();
        let key = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let Some(item) = table.item_of(name) else {
            continue;
        };
        if let Some(t) = item.as_table() {
            walk_keys(text, &key, t, out);
        } else if let Some(t) = item.as_inline_table() {
            walk_keys(text, &key, t, out);
        } else if let Some(span) = table.key_of(name).and_then(|k| k.span()) {
            out.insert(key, line_col(text, span.start).0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sandbox() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn files(user: &str, project: &str) -> (tempfile::TempDir, Files) {
        let dir = sandbox();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), user).unwrap();
        std::fs::write(dir.path().join("evident.toml"), project).unwrap();
        let f = Files::load(
            Some(&dir.path().join("config")),
            Some(&dir.path().join("evident.toml")),
        )
        .unwrap();
        (dir, f)
    }

    #[test]
    fn tables_merge_key_by_key() {
        let (dir, f) = files(
            "[identity]\nemails = [\"alice@example.com\"]\n",
            "\n[identity]\nname = \"Alice Example\"\n",
        );
        let s = Settings::resolve(&f, &Inputs::default(), &Flags::new()).unwrap();
        let id = s.config.identity.clone().unwrap();
        assert_eq!(id.name.as_deref(), Some("Alice Example"));
        assert_eq!(id.emails, vec!["alice@example.com"]);
        assert_eq!(
            s.sources("identity.emails"),
            [Source::UserFile {
                path: dir.path().join("config/config.toml"),
                line: 2
            }]
        );
        assert_eq!(
            s.sources("identity.name"),
            [Source::ProjectFile {
                path: dir.path().join("evident.toml"),
                line: 3
            }]
        );
    }

    #[test]
    fn later_layers_win_and_say_so() {
        let (_dir, f) = files("since = \"90d\"\nuntil = \"2026-06\"\n", "since = \"6m\"\n");
        let vars = BTreeMap::from([("UNTIL".to_string(), "2026-09".to_string())]);
        let inputs = Inputs {
            vars: Some(&vars),
            ..Inputs::default()
        };
        let mut flags = Flags::new();
        flags.set("since", "--since", Some("2026-Q1"));
        let s = Settings::resolve(&f, &inputs, &flags).unwrap();
        assert_eq!(s.config.since.as_deref(), Some("2026-Q1"));
        assert_eq!(s.origin("since"), "flag --since");
        assert_eq!(s.config.until.as_deref(), Some("2026-09"));
        assert_eq!(s.origin("until"), "environment EVIDENT_UNTIL");
        assert!(s.is_default("include_merges"));
        assert_eq!(s.config.include_merges, Some(false));
    }

    #[test]
    fn rules_flags_add_to_the_configured_files() {
        let (dir, f) = files("", "rules = [\"team-rules.toml\"]\n");
        let mut flags = Flags::new();
        flags.add_rules("--rules", &[PathBuf::from("mine.toml")]);
        let s = Settings::resolve(&f, &Inputs::default(), &flags).unwrap();
        assert_eq!(
            s.config.rules.clone().unwrap(),
            vec![
                dir.path().join("team-rules.toml"),
                PathBuf::from("mine.toml")
            ]
        );
        assert_eq!(s.sources("rules").len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_text_is_an_error_not_dropped() {
        use std::os::unix::ffi::OsStrExt;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"repo-\xff"));
        let mut flags = Flags::new();
        flags.list("repos", "--repo", &[odd]);
        let e = Settings::resolve(&Files::default(), &Inputs::default(), &flags).unwrap_err();
        assert_eq!(e.message, "the value of --repo is not UTF-8 text");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn a_bad_variable_is_named() {
        let vars = BTreeMap::from([("FORMAT".to_string(), "pdf".to_string())]);
        let inputs = Inputs {
            vars: Some(&vars),
            ..Inputs::default()
        };
        let e = Settings::resolve(&Files::default(), &inputs, &Flags::new()).unwrap_err();
        assert!(e.message.starts_with("EVIDENT_FORMAT: "), "{}", e.message);
        assert!(e.message.contains("pdf"), "{}", e.message);
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn every_key_is_a_setting() {
        // Each listed key, set alone, is taken by Config (no unknown field).
        const LISTS: &[&str] = &[
            "repos",
            "author",
            "rules",
            "public_repos",
            "identity.emails",
            "identity.names",
            "identity.aliases",
            "github.include",
            "github.exclude",
            "bots.names",
        ];
        const SWITCHES: &[&str] = &[
            "include_merges",
            "all_branches",
            "design_docs",
            "strict",
            "github.enabled",
            "github.no_wait",
        ];
        for (key, _) in KEYS {
            let value: toml::Value = match *key {
                k if LISTS.contains(&k) => toml::Value::Array(vec!["x".into()]),
                k if SWITCHES.contains(&k) => true.into(),
                "format" => "md".into(),
                "github.search_syntax" => "legacy".into(),
                _ => "x".into(),
            };
            let values = BTreeMap::from([(key.to_string(), value)]);
            typed(&values).unwrap_or_else(|e| panic!("{key}: {}", e.message));
        }
    }
}
