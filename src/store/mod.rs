//! The store: a folder where evident keeps what it collected between runs, so a second
//! run reads only what changed and an interrupted run loses nothing it had written.
//!
//! Where: the `store` setting: `--store DIR`, else `EVIDENT_STORE`, else `store` in a
//! settings file, else `<cache dir>/evident`.
//!
//! Layout (every write is atomic: a temporary `.tmp*` file in the same folder, flushed to
//! disk, renamed over the old one, then the folder flushed, so a reader sees the old file
//! or the new one, never half of one):
//!
//! ```text
//! <store>/.lock                          held (advisory lock) by the run using the store
//! <store>/evidence/<source-key>.json     one source's results: a repository, or GitHub
//! <store>/github/<host>--<login>.json    GitHub state: cursor + evidence fetched so far
//! <store>/last-portfolio.json            the last `run`'s portfolio, for `explain`
//! ```
//!
//! The store wraps collection: collectors never see it. The pipeline asks it whether a
//! source's kept results are still valid ([`Store::git_entry`], [`Store::reuse`]) and
//! hands it each source's results as soon as that source is done ([`Store::keep_git`],
//! [`Store::keep_github`]), with a fingerprint that says when they may be reused
//! ([`source`]). The GitHub collector saves its state after every page through the
//! checkpoint it defines, which [`GithubStateDir`] implements. One run at a time: a
//! second run on the same store is refused ([`Store::open`]). Stores built in shards are
//! combined by [`merge`]. Test-only pause points live in [`hooks`].

pub mod github;
pub mod handle;
pub mod hooks;
pub mod merge;
pub mod source;

pub use github::GithubStateDir;
pub use handle::Store;
pub use hooks::{Pause, TestHooks};

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a file so that readers see the old content or the new, never a mix: a temporary
/// file in the same folder, synced, renamed into place, then the folder synced so the
/// rename itself survives a power cut. A file that is replaced keeps its mode; a new one
/// is the owner's alone (0600), as the store's own files are.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, bytes, || {})
}

/// [`write_atomic`] for the person's outputs (portfolios, evidence files, settings): a
/// new file gets the mode the user's umask gives any new file (0644 under umask 022),
/// like a file written by a shell redirection, not the 0600 of a temporary file.
pub fn write_atomic_shared(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_as(path, |w| w.write_all(bytes), Visibility::Umask, || {})
}

/// Who may read a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visibility {
    /// 0600: the store's files.
    Owner,
    /// 0666 less the umask: outputs.
    Umask,
}

/// [`write_atomic`], calling `before_rename` when the temporary file is complete and
/// synced but not yet in place (where the test hooks pause).
pub fn write_atomic_with(path: &Path, bytes: &[u8], before_rename: impl FnOnce()) -> Result<()> {
    write_atomic_as(
        path,
        |w| w.write_all(bytes),
        Visibility::Owner,
        before_rename,
    )
}

/// [`write_atomic_with`] for content written as it is made (`write` writes it, buffered),
/// so a large store file is never held whole in memory.
pub fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    before_rename: impl FnOnce(),
) -> Result<()> {
    write_atomic_as(
        path,
        |file| {
            let mut buffered = std::io::BufWriter::new(file);
            write(&mut buffered)?;
            buffered.flush()
        },
        Visibility::Owner,
        before_rename,
    )
}

fn write_atomic_as(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    visibility: Visibility,
    before_rename: impl FnOnce(),
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create the folder", &dir, e))?;
    let mut tmp = temp_file(&dir, visibility).map_err(|e| Error::io("write to", &dir, e))?;
    write(tmp.as_file_mut()).map_err(|e| Error::io("write", path, e))?;
    // The file replaced keeps its mode (a 0644 portfolio, 0600 notes), not the
    // temporary file's.
    if let Ok(old) = std::fs::metadata(path)
        && old.is_file()
    {
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(|e| Error::io("write", path, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    before_rename();
    tmp.persist(path)
        .map_err(|e| Error::io("write", path, e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// The temporary file the content is written to before the rename. The system applies
/// the umask when it creates the file, so asking for 0666 gives the user's usual mode.
fn temp_file(dir: &Path, visibility: Visibility) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    let shared = std::os::unix::fs::PermissionsExt::from_mode(0o666);
    #[cfg(unix)]
    if visibility == Visibility::Umask {
        builder.permissions(shared);
    }
    #[cfg(not(unix))]
    let _ = visibility;
    builder.tempfile_in(dir)
}

/// Flushes a folder's entries (the rename) to disk. Not every platform can open a folder
/// for this (Windows cannot); there the rename is as durable as the system makes it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether a file name is one of [`write_atomic`]'s temporary files (`.tmp` + 6 letters or
/// digits): left behind only by a writer that was killed, never data.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}
