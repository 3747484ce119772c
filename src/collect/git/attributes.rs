//! The files a repository marks as generated. GitHub's linguist reads
//! `linguist-generated` from `.gitattributes`; so does the collector, from the files at HEAD: the one at the top, and those in the folders of the
//! paths the person's commits change, each read once, when a path first asks for it.
//! (`linguist-vendored` is not read: it keeps files out of a language's statistics, and
//! bat marks its whole `assets/` folder so, hand-written syntax fixes and patches with
//! it.) A
//! commit records the paths they mark (`meta.generated_paths`) and the lines it changed in
//! them (`meta.generated_lines`), so that classification can tell a regenerated parser
//! from the fix beside it (`classify::bulk`).
//!
//! Patterns are read as git reads them: one without a `/` matches a file's name at any
//! depth, one with a `/` is anchored at the folder of its `.gitattributes`; `*`, `?` and
//! `[...]` never match a `/`, `**` does (`**/x`, `x/**`, `a/**/b`); a pattern ending in
//! `/` names folders only, never a file, and a negative pattern (`!x`) is not allowed, so
//! both match nothing. The last line that names an attribute decides, a deeper file's over
//! a shallower one's; `-linguist-generated`, `linguist-generated=false` (linguist's
//! reading of any value but `false` is true) and `!linguist-generated` undo an earlier
//! line. A line that cannot be read is skipped, never an error: the attributes only
//! refine a reading.

use git2::{ObjectType, Oid, Repository};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The attribute read, by the name `.gitattributes` gives it.
const GENERATED: &str = "linguist-generated";

/// What a line says of an attribute: set (true), unset (false), or back to unspecified
/// (None, `!name`).
type Value = Option<bool>;

/// The lines of one file that name one attribute, their patterns compiled into one set.
struct Rules {
    set: GlobSet,
    values: Vec<Value>,
}

impl Rules {
    fn build(rules: Vec<(globset::Glob, Value)>) -> Rules {
        let mut set = GlobSetBuilder::new();
        let mut values = Vec::with_capacity(rules.len());
        for (glob, value) in rules {
            set.add(glob);
            values.push(value);
        }
        Rules {
            // Every glob was built alone already; a set of them fails only on size limits,
            // and then the file marks nothing.
            set: set.build().unwrap_or_else(|_| GlobSet::empty()),
            values,
        }
    }

    /// What the file's last line that matches `path` says, if one matches.
    fn decide(&self, path: &str) -> Option<Value> {
        if self.values.is_empty() {
            return None;
        }
        let last = self.set.matches(path).into_iter().max()?;
        self.values.get(last).copied()
    }
}

/// The linguist lines of one `.gitattributes` file, compiled once.
pub struct AttrFile {
    generated: Rules,
}

impl AttrFile {
    /// Reads the lines that set, unset or unspecify `linguist-generated`; every other line
    /// (comments, macros, other attributes, patterns that cannot be read) is skipped.
    pub fn parse(text: &str) -> AttrFile {
        let mut generated = Vec::new();
        for line in text.lines() {
            let line = line.trim_start();
            // Macro definitions (`[attr]name ...`) name no file.
            if line.is_empty() || line.starts_with('#') || line.starts_with("[attr]") {
                continue;
            }
            let Some((pattern, attrs)) = split_pattern(line) else {
                continue;
            };
            // The last on a line decides.
            let Some(value) = attrs
                .split_ascii_whitespace()
                .map(attribute)
                .filter(|(name, _)| *name == GENERATED)
                .map(|(_, value)| value)
                .next_back()
            else {
                continue;
            };
            let Some(glob) = glob_of(&pattern) else {
                continue;
            };
            generated.push((glob, value));
        }
        AttrFile {
            generated: Rules::build(generated),
        }
    }

    /// No line of the file names the attribute.
    fn is_empty(&self) -> bool {
        self.generated.values.is_empty()
    }
}

/// An attribute as a line writes it: `name` (set), `-name` (unset), `!name`
/// (unspecified) or `name=value` (set unless the value is `false`, as linguist reads it).
fn attribute(attr: &str) -> (&str, Value) {
    if let Some(name) = attr.strip_prefix('-') {
        return (name, Some(false));
    }
    if let Some(name) = attr.strip_prefix('!') {
        return (name, None);
    }
    match attr.split_once('=') {
        Some((name, value)) => (name, Some(value != "false")),
        None => (attr, Some(true)),
    }
}

/// A line's pattern and the rest of it: the first word, or a C-quoted string (`"a b"`,
/// with `\"`, `\\`, `\t` and octal escapes such as `\303\251`).
fn split_pattern(line: &str) -> Option<(String, &str)> {
    let Some(quoted) = line.strip_prefix('"') else {
        let end = line
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(line.len());
        return Some((line[..end].to_string(), &line[end..]));
    };
    let mut bytes = Vec::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let pattern = String::from_utf8_lossy(&bytes).into_owned();
                return Some((pattern, &quoted[i + 1..]));
            }
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '0'..='7' => {
                        let mut n = e.to_digit(8)?;
                        for _ in 0..2 {
                            let (_, d) = chars.next()?;
                            n = n * 8 + d.to_digit(8)?;
                        }
                        bytes.push(u8::try_from(n).ok()?);
                    }
                    'n' => bytes.push(b'\n'),
                    't' => bytes.push(b'\t'),
                    'a' => bytes.push(7),
                    'b' => bytes.push(8),
                    'f' => bytes.push(12),
                    'r' => bytes.push(b'\r'),
                    'v' => bytes.push(11),
                    other => {
                        let mut buf = [0; 4];
                        bytes.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
            other => {
                let mut buf = [0; 4];
                bytes.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    // No closing quote: git reads nothing of the line either.
    None
}

/// A gitattributes pattern as a glob over paths relative to its file's folder, or None
/// when it can match no file.
fn glob_of(pattern: &str) -> Option<globset::Glob> {
    if pattern.is_empty() || pattern.starts_with('!') || pattern.ends_with('/') {
        return None;
    }
    let anchored = pattern.contains('/');
    let body = pattern.strip_prefix('/').unwrap_or(pattern);
    // Git's patterns have no `{a,b}`: braces are themselves.
    let mut glob = String::with_capacity(body.len() + 3);
    if !anchored {
        glob.push_str("**/");
    }
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                glob.push('\\');
                glob.push(chars.next()?);
            }
            '{' | '}' => {
                glob.push('\\');
                glob.push(c);
            }
            _ => glob.push(c),
        }
    }
    GlobBuilder::new(&glob)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .ok()
}

/// A folder of HEAD's tree: its tree, and its `.gitattributes` when that names a linguist
/// attribute.
#[derive(Clone, Default)]
struct Folder {
    tree: Option<Oid>,
    attrs: Option<Arc<AttrFile>>,
}

/// A repository's linguist attributes at HEAD, read folder by folder as paths ask for
/// them and kept for the whole walk (the diff workers share it).
pub struct Marks {
    head: Option<Oid>,
    /// By folder: `""` for the top, else `a/b/`.
    folders: Mutex<HashMap<String, Folder>>,
}

impl Marks {
    /// The attributes of HEAD's tree (none when HEAD has no commit).
    pub fn at_head(repo: &Repository) -> Marks {
        let head = repo
            .head()
            .and_then(|h| h.peel_to_tree())
            .ok()
            .map(|t| t.id());
        Marks {
            head,
            folders: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the repository marks `path` generated. `repo` is the caller's handle, used
    /// to read a folder not read yet.
    pub fn is_marked(&self, repo: &Repository, path: &str) -> bool {
        if self.head.is_none() {
            return false;
        }
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        let mut generated = None;
        // The deepest folder's file first: its lines decide over those above it.
        let ends = path.match_indices('/').map(|(i, _)| i + 1).rev();
        for end in ends.chain(std::iter::once(0)) {
            let dir = &path[..end];
            let Some(attrs) = self.folder(repo, &mut folders, dir).attrs else {
                continue;
            };
            let rel = &path[end..];
            generated = attrs.generated.decide(rel);
            if generated.is_some() {
                break;
            }
        }
        generated.flatten() == Some(true)
    }

    /// The folder `dir` (`""` or ending in `/`), read from HEAD's tree the first time.
    fn folder(
        &self,
        repo: &Repository,
        folders: &mut HashMap<String, Folder>,
        dir: &str,
    ) -> Folder {
        if let Some(known) = folders.get(dir) {
            return known.clone();
        }
        let tree = match dir.strip_suffix('/') {
            None => self.head,
            Some(inner) => {
                let (parent, name) = match inner.rfind('/') {
                    Some(i) => (&dir[..=i], &inner[i + 1..]),
                    None => ("", inner),
                };
                self.folder(repo, folders, parent).tree.and_then(|t| {
                    let tree = repo.find_tree(t).ok()?;
                    let entry = tree.get_name(name)?;
                    (entry.kind() == Some(ObjectType::Tree)).then(|| entry.id())
                })
            }
        };
        let attrs = tree.and_then(|t| {
            let tree = repo.find_tree(t).ok()?;
            let entry = tree.get_name(".gitattributes")?;
            let blob = repo.find_blob(entry.id()).ok()?;
            let file = AttrFile::parse(&String::from_utf8_lossy(blob.content()));
            (!file.is_empty()).then(|| Arc::new(file))
        });
        let folder = Folder { tree, attrs };
        folders.insert(dir.to_string(), folder.clone());
        folder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the file marks `path`, with nothing above or below it.
    fn marks(text: &str, path: &str) -> bool {
        AttrFile::parse(text).generated.decide(path).flatten() == Some(true)
    }

    #[test]
    fn patterns_match_as_git_matches_them() {
        // jq's lines.
        let jq = "* text=auto eol=lf\nvendor/** linguist-vendored\n\n# generated files\nsrc/parser.[ch] linguist-generated=true\njq.1.prebuilt linguist-generated=true\n";
        assert!(marks(jq, "src/parser.c"));
        assert!(marks(jq, "src/parser.h"));
        assert!(!marks(jq, "src/parser.y"));
        assert!(
            !marks(jq, "lib/src/parser.c"),
            "a pattern with / is anchored"
        );
        assert!(
            !marks(jq, "vendor/oniguruma/src/regexec.c"),
            "vendored is not read (the built-in `vendor/` rule has it)"
        );
        assert!(marks(jq, "jq.1.prebuilt"));
        assert!(
            marks(jq, "docs/jq.1.prebuilt"),
            "no slash: the name at any depth"
        );
        // Without a slash: the name at any depth; `*` stops at `/`.
        let any = "*.pb.go linguist-generated\n";
        assert!(marks(any, "x.pb.go"));
        assert!(marks(any, "api/v1/x.pb.go"));
        assert!(!marks(any, "x.pb.go/readme"));
        assert!(!marks("gen/* linguist-generated\n", "gen/a/b.rs"));
        assert!(marks("gen/* linguist-generated\n", "gen/b.rs"));
        assert!(marks("/gen/** linguist-generated\n", "gen/a/b.rs"));
        assert!(marks("**/gen/*.rs linguist-generated\n", "x/y/gen/b.rs"));
        assert!(marks("a/**/b.rs linguist-generated\n", "a/b.rs"));
        assert!(marks("a/**/b.rs linguist-generated\n", "a/x/y/b.rs"));
        // `**` not between slashes is `*`.
        assert!(marks("a**z linguist-generated\n", "abz"));
        assert!(!marks("/a**z linguist-generated\n", "a/z"));
        assert!(marks("file?.txt linguist-generated\n", "d/file1.txt"));
        assert!(marks("[!a]*.txt linguist-generated\n", "b.txt"));
        assert!(!marks("[!a]*.txt linguist-generated\n", "a.txt"));
        // Braces are themselves; a backslash escapes.
        assert!(marks("{a,b}.c linguist-generated\n", "{a,b}.c"));
        assert!(!marks("{a,b}.c linguist-generated\n", "a.c"));
        assert!(marks("\\*.c linguist-generated\n", "*.c"));
        assert!(!marks("\\*.c linguist-generated\n", "x.c"));
        assert!(marks(
            "\"with space.c\" linguist-generated\n",
            "with space.c"
        ));
        assert!(marks("\"caf\\303\\251.c\" linguist-generated\n", "café.c"));
    }

    #[test]
    fn the_last_line_decides_and_can_undo() {
        let unset = "*.c linguist-generated\nsrc/main.c -linguist-generated\n";
        assert!(marks(unset, "src/lib.c"));
        assert!(!marks(unset, "src/main.c"));
        let false_value = "gen/** linguist-generated=true\ngen/keep.rs linguist-generated=false\n";
        assert!(!marks(false_value, "gen/keep.rs"));
        assert!(marks(false_value, "gen/other.rs"));
        let unspecified = "*.c linguist-generated\nmain.c !linguist-generated\n";
        assert!(!marks(unspecified, "main.c"));
        // Set again after an unset.
        assert!(marks(
            "*.c -linguist-generated\nx.c linguist-generated\n",
            "x.c"
        ));
        // The last on a line too; another attribute is not these.
        assert!(!marks(
            "*.c linguist-generated -linguist-generated\n",
            "x.c"
        ));
        assert!(!marks("*.c linguist-documentation\n", "x.c"));
        assert!(marks("*.c linguist-generated=1\n", "x.c"));
        // Vendored is not generated: bat's `assets/` holds hand-written fixes.
        assert!(!marks(
            "* linguist-vendored\n",
            "syntaxes/02_Extra/PowerShell.sublime-syntax"
        ));
    }

    #[test]
    fn odd_lines_are_skipped() {
        let odd = concat!(
            "\n   \n# comment linguist-generated\n",
            "[attr]gen linguist-generated\n",
            "!negated.c linguist-generated\n",
            "folder/ linguist-generated\n",
            "\"unclosed linguist-generated\n",
            "\"bad\\9escape\" linguist-generated\n",
            "[z-a linguist-generated\n",
            "linguist-generated\n",
            "= linguist-generated=\n",
            "*.rs\tlinguist-generated\r\n",
            "\u{feff}\u{0}\u{7f} linguist-vendored\n",
        );
        let f = AttrFile::parse(odd);
        for path in ["negated.c", "folder/x.c", "folder", "unclosed", "z", "a"] {
            assert_eq!(f.generated.decide(path).flatten(), None, "{path}");
        }
        assert!(marks(odd, "src/main.rs"), "a tab and CRLF line still reads");
        assert!(AttrFile::parse("").is_empty());
        assert!(AttrFile::parse("* text=auto\n*.png binary\n").is_empty());
    }
}
