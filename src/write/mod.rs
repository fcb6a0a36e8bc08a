//! Write: add static files, and put the result on disk atomically.
//!
//! The build writes into a staging folder beside the output and swaps it in only when
//! everything succeeded; a failed build leaves the previous output exactly as it was.
//! A folder is only ever replaced if shanshui created it (it holds our marker file).

pub mod guard;
mod note;
mod portable;
pub use portable::make_portable;
mod swap;

use crate::output::OutputFile;
use crate::route::static_file;
use anyhow::{anyhow, bail, Context, Result};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as shanshui's output, so a later build may replace it.
pub const MARKER: &str = ".shanshui-output";

/// Static files: the built-in defaults, replaced or extended by the site's `static/`.
pub fn static_files(site_static: &Path) -> Result<Vec<OutputFile>> {
    let mut files: Vec<OutputFile> = crate::output::DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: static_file(name),
            bytes: bytes.to_vec(),
        })
        .collect();
    if site_static.is_dir() {
        let walk = walkdir::WalkDir::new(site_static)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || is_publishable(&e.file_name().to_string_lossy()));
        for entry in walk {
            let entry = entry.with_context(|| format!("cannot read {}", site_static.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(site_static)
                .unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = fs::read(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            let path = static_file(&rel);
            match files.iter_mut().find(|f| f.path == path) {
                Some(f) => f.bytes = bytes,
                None => files.push(OutputFile { path, bytes }),
            }
        }
    }
    Ok(files)
}

/// Whether a file or folder of `static/` is published: not hidden files and folders
/// (`.env`, `.git/`), not editors' backups and swap files (`page.css~`, `#x#`, `.bak`,
/// `.swp`, `.orig`). They hold secrets or old versions more often than anything meant
/// for readers.
fn is_publishable(name: &str) -> bool {
    let hidden = name.starts_with('.');
    let backup = name.ends_with('~')
        || name.starts_with('#')
        || [".bak", ".swp", ".swo", ".orig", ".tmp"]
            .iter()
            .any(|ext| name.to_ascii_lowercase().ends_with(ext));
    !hidden && !backup
}

/// The folders a build reads, under the portal's root.
const INPUTS: [&str; 3] = ["content", "templates", "static"];

/// Refuses an output folder inside a folder the build reads (`--out static/site` would be
/// copied into the next build, nesting the site in itself and keeping deleted articles
/// published), or holding one (`--out .` would replace the portal's root). Paths are
/// compared resolved: through `..`, symbolic links and a relative `--out`.
pub fn check_out_outside_inputs(root: &Path, out: &Path) -> Result<()> {
    let root = resolved(root);
    let out_resolved = resolved(out);
    for input in INPUTS {
        let dir = root.join(input);
        if out_resolved.starts_with(&dir) || dir.starts_with(&out_resolved) {
            bail!(
                "refusing to build into {}: it is {} {}, which the build reads; choose an --out outside content/, templates/ and static/ (the default is site/ in the root)",
                out.display(),
                if out_resolved.starts_with(&dir) { "inside" } else { "a folder holding" },
                dir.display()
            );
        }
    }
    Ok(())
}

/// `path` made absolute, its existing part through the file system (links and `..`
/// resolved), the rest (not yet created) appended with `.` and `..` applied by name.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last.as_os_str().to_owned());
                existing = parent;
            }
            _ => break absolute.clone(),
        }
    };
    let mut out = base;
    for name in rest.iter().rev() {
        match name.to_str() {
            Some("..") => {
                out.pop();
            }
            Some(".") => {}
            _ => out.push(name),
        }
    }
    out
}

/// Refuses output folders that shanshui did not create, before any work is done.
pub fn check_output_dir(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!(
            "{} exists and is not a folder; choose another --out",
            out.display()
        );
    }
    if !swap::is_empty_dir(out) && !out.join(MARKER).is_file() {
        bail!(
            "refusing to replace {}: it was not created by shanshui (no {MARKER} file in it); choose another --out or empty it yourself",
            out.display()
        );
    }
    Ok(())
}

/// The folder a build writes into, file by file as they are made, and swaps in place of
/// the output when every file is written. Holds the lock on the output's folder.
///
/// The staging folder, `.<out>.staging`, is a folder of its own, so a build that fails
/// half-way touches neither the output nor the build before it (`.<out>.previous`). It
/// holds the build before that one, kept from the last swap: only the files whose bytes
/// differ are written (a new file, never through a link; each noted, see `note`, so that
/// it is compared later without being read), and when the build is published
/// the ones it did not write are removed, so a rebuild writes and deletes few files.
/// (Writing every file anew and deleting the old ones cost more than rendering them: ext4
/// took 20 s to swap a fresh 10,000-article site in, against 1 s to update one in place.)
/// A staging folder made by this build is removed if the build is not published.
pub struct Staging {
    folders: swap::Folders,
    /// The staging folder's identity if this build made it (there was none to update):
    /// removed if the build ends with it unpublished.
    made: Option<(u64, u64)>,
    /// The paths written by this build, relative to the folder: what is kept at the end.
    written: Mutex<HashSet<String>>,
    /// The folders made (or found) by this build: each is looked at once, not once for
    /// every file in it.
    folders_made: Mutex<HashSet<PathBuf>>,
    /// What the staging folder held when the build began (none if it was made now).
    listing: Option<Listing>,
    _lock: swap::Lock,
}

/// The entries of the staging folder when the build began, listed on a thread of their own
/// while the build works, for [`Staging::publish`] to remove those not written: the walk
/// took 0.2-0.5 s at the end of a 10,000-article build, most of it waiting for the disk.
/// `None` if the walk met an error (`publish` then walks the folder itself).
type Listing = std::thread::JoinHandle<Option<Vec<Entry>>>;

/// An entry of a folder: its path under the folder, and whether it is a folder.
type Entry = (PathBuf, bool);

impl Staging {
    /// Locks the output's folder, repairs what a stopped build left, and readies the
    /// staging folder beside `out` (a symbolic link `out` is replaced where it points).
    pub fn open(out: &Path) -> Result<Staging> {
        let folders = swap::Folders::beside(out)?;
        fs::create_dir_all(&folders.parent)
            .with_context(|| format!("cannot create {}", folders.parent.display()))?;
        let lock = swap::lock(&folders.parent, &folders.out)?;
        swap::recover(&folders)?;
        check_output_dir(&folders.out)?;
        let dir = &folders.staging;
        if fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(dir).with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        let fresh = fs::symlink_metadata(dir).is_err();
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let listing = match fresh {
            true => None,
            false => {
                let dir = dir.clone();
                let walk = move || entries(&dir).ok();
                std::thread::Builder::new().spawn(walk).ok()
            }
        };
        let staging = Staging {
            made: swap::identity(dir).filter(|_| fresh),
            folders,
            written: Mutex::new(HashSet::new()),
            folders_made: Mutex::new(HashSet::new()),
            listing,
            _lock: lock,
        };
        // The marker goes first, so a folder left half-written by a crash is still ours.
        fs::write(
            staging.folders.staging.join(MARKER),
            "This folder was written by shanshui; the next build replaces it.\n",
        )
        .context("cannot write the output marker")?;
        Ok(staging)
    }

    /// Writes one file into the staging folder, unless it already holds those bytes;
    /// whatever stands in its way (a file where a folder goes, a link, a folder where the
    /// file goes) is removed first. Links are never followed. Safe to call in parallel.
    /// The stamp the file will have in the output (the swap moves the staging folder,
    /// which changes none of its files' stamps), if it could be read.
    pub fn put(&self, file: &OutputFile) -> Result<Option<FileStamp>> {
        let path = self.make_room(&file.path)?;
        let hash = note::hash(&file.bytes);
        let found = fs::symlink_metadata(&path);
        if let Ok(meta) = &found {
            if meta.is_file() {
                let stamp = FileStamp::of(meta);
                match note::noted(&path, &stamp) {
                    Some(noted) if noted == hash => return self.written(&file.path, Some(stamp)),
                    None if same_bytes(&path, meta.len(), &file.bytes) => {
                        // (A note changes no part of a stamp.)
                        note::note(&path, hash);
                        return self.written(&file.path, Some(stamp));
                    }
                    _ => {}
                }
            }
            remove_entry(&path, meta)?;
        }
        // The output (the last build) often holds these bytes: a link to its file is
        // cheaper than writing them (a rebuild after a full one finds a staging folder
        // without the index's 25,000 files at 10,000 articles).
        let stamp = match self.linked_from_output(&file.path, &path, hash) {
            Some(stamp) => Some(stamp),
            None => {
                write_new(&path, &file.bytes)?;
                note::note(&path, hash)
            }
        };
        self.written(&file.path, stamp)
    }

    /// Links `to`, where there is nothing, to the output's file at `rel` if that file is
    /// noted to hold the bytes of `hash`; the stamp they share, or `None` if not linked.
    fn linked_from_output(&self, rel: &str, to: &Path, hash: u128) -> Option<FileStamp> {
        let from = self.folders.out.join(rel);
        let meta = fs::symlink_metadata(&from)
            .ok()
            .filter(|meta| meta.is_file())?;
        let stamp = FileStamp::of(&meta);
        (note::noted(&from, &stamp) == Some(hash) && fs::hard_link(&from, to).is_ok())
            .then_some(stamp)
    }

    /// Records that this build wrote or kept `rel`, which has `stamp`.
    fn written(&self, rel: &str, stamp: Option<FileStamp>) -> Result<Option<FileStamp>> {
        lock_ignoring_poison(&self.written).insert(rel.to_owned());
        Ok(stamp)
    }

    /// Where `path` (relative to the output) goes in the staging folder, its folders made
    /// (whatever stands in their way removed); a path that would leave the folder is refused.
    fn make_room(&self, path: &str) -> Result<PathBuf> {
        let rel = Path::new(path);
        let parts: Vec<&std::ffi::OsStr> = rel
            .components()
            .map(|c| match c {
                std::path::Component::Normal(part) => Ok(part),
                _ => Err(anyhow!(
                    "refusing to write outside the output folder: {path}"
                )),
            })
            .collect::<Result<_>>()?;
        let Some((_, folders)) = parts.split_last() else {
            bail!("refusing to write a file without a name into the output folder");
        };
        let mut folder = self.folders.staging.clone();
        for part in folders {
            folder.push(part);
            if !lock_ignoring_poison(&self.folders_made).contains(&folder) {
                make_folder(&folder)?;
                lock_ignoring_poison(&self.folders_made).insert(folder.clone());
            }
        }
        Ok(self.folders.staging.join(rel))
    }

    /// Takes the output's file at `path` into this build as it is (a hard link, or a copy
    /// where links cannot be made), if it is still the file `stamp` describes: `Ok(false)`
    /// when it is not (missing, replaced or changed since), and then nothing is taken.
    /// Safe to call in parallel.
    pub fn keep_from_output(&self, path: &str, stamp: &FileStamp) -> Result<bool> {
        let from = self.folders.out.join(path);
        match fs::symlink_metadata(&from) {
            Ok(meta) if meta.is_file() && FileStamp::of(&meta) == *stamp => {}
            _ => return Ok(false),
        }
        let to = self.make_room(path)?;
        match fs::symlink_metadata(&to) {
            // Already the same file (kept by the build before).
            Ok(meta) if meta.is_file() && FileStamp::of(&meta) == *stamp => {}
            found => {
                if let Ok(meta) = found {
                    remove_entry(&to, &meta)?;
                }
                if fs::hard_link(&from, &to).is_err() {
                    let bytes = fs::read(&from)
                        .with_context(|| format!("cannot read {}", from.display()))?;
                    write_new(&to, &bytes)?;
                }
            }
        }
        lock_ignoring_poison(&self.written).insert(path.to_owned());
        Ok(true)
    }

    /// The stamp that the file this build put at `path` will have in the output (see
    /// [`Self::put`]).
    pub fn stamp_once_published(&self, path: &str) -> Option<FileStamp> {
        FileStamp::in_output(&self.folders.staging, path)
    }

    /// The file where `build` keeps what it needs between runs, beside the output.
    pub fn cache_file(&self) -> PathBuf {
        self.folders.cache.join("build.cache")
    }

    /// Removes from the staging folder everything this build did not write, then swaps it
    /// in place of the output; the output it replaces becomes the previous build.
    pub fn publish(mut self) -> Result<()> {
        let written = std::mem::take(&mut *lock_ignoring_poison(&self.written));
        let dir = &self.folders.staging;
        let listed = match self.listing.take() {
            Some(listing) => listing.join().ok().flatten(),
            None => Some(Vec::new()),
        };
        let entries = match listed {
            Some(entries) => entries,
            None => entries(dir)?,
        };
        remove_unwritten(dir, &entries, &written)?;
        swap::swap_in(&self.folders)
    }
}

impl Drop for Staging {
    /// A build that ends unpublished (an error, a panic) removes the staging folder it
    /// made; one that failed in its swap is put right (the lock is still held). What
    /// cannot be done now the next build does.
    fn drop(&mut self) {
        let _ = swap::recover(&self.folders);
        let dir = &self.folders.staging;
        if self.made.is_some() && swap::identity(dir) == self.made {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

fn lock_ignoring_poison<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Makes `folder` a real folder (not a link): what else stands there is removed. Another
/// thread making the same folder at the same time is no error.
fn make_folder(folder: &Path) -> Result<()> {
    match fs::symlink_metadata(folder) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(meta) => remove_entry(folder, &meta)?,
        Err(_) => {}
    }
    match fs::create_dir(folder) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && folder.is_dir() => Ok(()),
        Err(err) => Err(err).with_context(|| format!("cannot create {}", folder.display())),
    }
}

/// Removes a file, link or folder of the staging folder (never what a link points to).
fn remove_entry(path: &Path, meta: &fs::Metadata) -> Result<()> {
    let removed = if meta.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    match removed {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Writes a file where there is none (a link put there since is not followed).
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Every entry under `dir`, folders before what they hold.
fn entries(dir: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        entries.push((rel.to_path_buf(), entry.file_type().is_dir()));
    }
    Ok(entries)
}

/// Removes from `dir` what this build did not write, of its `entries` (listed when the
/// build began, or now): each file not `written`, each folder that holds none. An entry
/// is looked at again before it goes, as the build may have changed it since (made room
/// for a file where a folder was, or the other way round); one gone already is passed.
fn remove_unwritten(dir: &Path, entries: &[Entry], written: &HashSet<String>) -> Result<()> {
    let mut wanted_dirs: HashSet<&Path> = HashSet::new();
    for f in written {
        let mut p = Path::new(f).parent();
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            if !wanted_dirs.insert(d) {
                break;
            }
            p = d.parent();
        }
    }
    let is_written =
        |rel: &Path| rel == Path::new(MARKER) || rel.to_str().is_some_and(|r| written.contains(r));
    // (A path under what is now a file is gone too.)
    use std::io::ErrorKind::{NotADirectory, NotFound};
    let gone = |err: &std::io::Error| matches!(err.kind(), NotFound | NotADirectory);
    let mut stale_dirs = Vec::new();
    for (rel, is_dir) in entries {
        let kept = match is_dir {
            true => wanted_dirs.contains(rel.as_path()),
            false => is_written(rel),
        };
        if kept {
            continue;
        }
        let path = dir.join(rel);
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) if gone(&err) => continue,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        if meta.is_dir() {
            if !wanted_dirs.contains(rel.as_path()) {
                stale_dirs.push(path);
            }
        } else if !(meta.is_file() && is_written(rel)) {
            match fs::remove_file(&path) {
                Err(err) if !gone(&err) => {
                    return Err(err).with_context(|| format!("cannot remove {}", path.display()))
                }
                _ => {}
            }
        }
    }
    // Deepest first, so a folder is empty when its turn comes.
    stale_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in &stale_dirs {
        match fs::remove_dir_all(d) {
            Err(err) if !gone(&err) => {
                return Err(err).with_context(|| format!("cannot remove {}", d.display()))
            }
            _ => {}
        }
    }
    Ok(())
}

/// What identifies a file of the output between two builds without reading it: its size,
/// its inode and when it was last written. A file written or replaced since has another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    len: u64,
    device: u64,
    inode: u64,
    modified_ns: u64,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        FileStamp {
            len: meta.len(),
            device,
            inode,
            modified_ns,
        }
    }

    /// The length of [`Self::to_bytes`].
    const BYTES: usize = 32;

    /// The stamp as bytes, for [`note`].
    fn to_bytes(self) -> [u8; Self::BYTES] {
        let mut bytes = [0; Self::BYTES];
        for (k, n) in [self.len, self.device, self.inode, self.modified_ns]
            .into_iter()
            .enumerate()
        {
            bytes[8 * k..8 * k + 8].copy_from_slice(&n.to_le_bytes());
        }
        bytes
    }

    /// The file's size in bytes.
    pub fn size(&self) -> usize {
        usize::try_from(self.len).unwrap_or(usize::MAX)
    }

    /// The stamp of the file at `path` (relative to the output folder `out`), if it is one.
    pub fn in_output(out: &Path, path: &str) -> Option<FileStamp> {
        let meta = fs::symlink_metadata(out.join(path)).ok()?;
        meta.is_file().then(|| FileStamp::of(&meta))
    }
}

/// Whether the file at `path`, `len` bytes long, holds exactly `bytes`.
fn same_bytes(path: &Path, len: u64, bytes: &[u8]) -> bool {
    len == bytes.len() as u64 && fs::read(path).is_ok_and(|old| old == bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole build at once: every file put into the staging folder, then swapped in.
    fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<()> {
        let staging = Staging::open(out)?;
        for f in files {
            staging.put(f)?;
        }
        staging.publish()
    }

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: s.as_bytes().to_vec(),
        }
    }

    /// Four builds, the fourth written into the first's output (kept as the staging
    /// folder, and touched by `touch` before it); what the fourth publishes for `x.html`
    /// holding "one".
    fn fourth_build_after(touch: impl Fn(&Path)) -> String {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        for bytes in ["one", "two", "six"] {
            write_atomically(&out, &[file("x.html", bytes)]).unwrap();
        }
        let staged = tmp.path().join(".site.staging/x.html");
        assert_eq!(fs::read_to_string(&staged).unwrap(), "one");
        touch(&staged);
        write_atomically(&out, &[file("x.html", "one")]).unwrap();
        fs::read_to_string(out.join("x.html")).unwrap()
    }

    /// Writes `bytes` over the file at `path` and gives it the modification time `at`.
    fn overwrite(path: &Path, bytes: &str, at: std::time::SystemTime) {
        fs::write(path, bytes).unwrap();
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(at).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_file_of_the_build_before_last_is_compared_by_its_note_unless_touched_since() {
        // Untouched: its note is taken at its word, the file is not read. (Shown by a
        // file changed with its stamp put back, which only a deliberate act does.)
        let forged = fourth_build_after(|path| {
            let meta = fs::symlink_metadata(path).unwrap();
            overwrite(path, "bad", meta.modified().unwrap());
        });
        assert_eq!(forged, "bad");
        // Touched since its note: read, found different, written again.
        let touched = fourth_build_after(|path| {
            let later = fs::symlink_metadata(path).unwrap().modified().unwrap()
                + std::time::Duration::from_secs(1);
            overwrite(path, "bad", later);
        });
        assert_eq!(touched, "one");
        // No note (an older build, a file system without them): read and compared.
        let unnoted = fourth_build_after(|path| {
            let meta = fs::symlink_metadata(path).unwrap();
            let _ = rustix::fs::lremovexattr(path, note::NAME);
            overwrite(path, "bad", meta.modified().unwrap());
        });
        assert_eq!(unnoted, "one");
    }

    #[test]
    fn replaces_its_own_output_and_refuses_other_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_atomically(&out, &[file("a/index.html", "one")]).unwrap();
        write_atomically(&out, &[file("b/index.html", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");

        let foreign = tmp.path().join("home");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = write_atomically(&foreign, &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("not created by shanshui"), "{err}");
        assert_eq!(
            fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );
        // Beside them only the build before last.
        let mut beside: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, [".site.previous", "home", "site"]);
        assert_eq!(
            fs::read_to_string(tmp.path().join(".site.previous/a/index.html")).unwrap(),
            "one"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_updates_the_build_before_the_previous_one_in_place() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = [
            file("same.html", "unchanged"),
            file("changed.html", "old"),
            file("gone/index.html", "removed later"),
            file("x", "a file where a folder will go"),
        ];
        for _ in 0..3 {
            write_atomically(&out, &first).unwrap();
        }
        // Now site/, .site.previous/ and .site.staging/ all hold `first`; the next build
        // goes into the last.
        let staging = tmp.path().join(".site.staging");
        let same_inode = fs::metadata(staging.join("same.html")).unwrap().ino();
        let secret = tmp.path().join("secret.txt");
        fs::write(&secret, "not ours").unwrap();
        std::os::unix::fs::symlink(&secret, staging.join("link.html")).unwrap();

        let second = [
            file("same.html", "unchanged"),
            file("changed.html", "new"),
            file("x/index.html", "now a folder"),
            file("link.html", "a page where a link was"),
        ];
        write_atomically(&out, &second).unwrap();
        assert_eq!(
            fs::metadata(out.join("same.html")).unwrap().ino(),
            same_inode
        );
        assert_eq!(fs::read_to_string(out.join("changed.html")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(out.join("x/index.html")).unwrap(),
            "now a folder"
        );
        assert!(!out.join("gone").exists());
        assert!(!fs::symlink_metadata(out.join("link.html"))
            .unwrap()
            .is_symlink());
        assert_eq!(fs::read_to_string(&secret).unwrap(), "not ours");
        assert!(out.join(MARKER).is_file());
        // The build before is kept whole.
        let previous = tmp.path().join(".site.previous");
        assert_eq!(
            fs::read_to_string(previous.join("changed.html")).unwrap(),
            "old"
        );
        assert!(previous.join("gone/index.html").is_file());
    }

    #[test]
    fn what_was_listed_is_looked_at_again_before_it_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for (path, text) in [
            ("a", "a file that becomes a folder"),
            ("b/index.html", "a folder that becomes a file"),
            ("c/old.html", "a folder that keeps nothing"),
            ("kept.html", "written"),
            ("gone.html", "removed during the build"),
            ("stale.html", "not written"),
        ] {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let listed = entries(dir).unwrap();
        // The build, after the listing: room made both ways, a file gone.
        fs::remove_file(dir.join("a")).unwrap();
        fs::create_dir(dir.join("a")).unwrap();
        fs::write(dir.join("a/index.html"), "new").unwrap();
        fs::remove_dir_all(dir.join("b")).unwrap();
        fs::write(dir.join("b"), "new").unwrap();
        fs::remove_file(dir.join("gone.html")).unwrap();
        let written: HashSet<String> = ["a/index.html", "b", "kept.html"].map(String::from).into();
        remove_unwritten(dir, &listed, &written).unwrap();
        let mut left: Vec<String> = entries(dir)
            .unwrap()
            .into_iter()
            .map(|(rel, _)| rel.to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "a/index.html", "b", "kept.html"]);
        assert_eq!(fs::read_to_string(dir.join("b")).unwrap(), "new");
    }

    #[test]
    fn a_file_the_output_holds_already_is_linked_to_not_written() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let inode = |path: &Path| fs::metadata(path).unwrap().ino();
        write_atomically(&out, &[file("a.json", "one"), file("b.json", "b")]).unwrap();
        let first = inode(&out.join("a.json"));
        // The second build's staging folder is new: the same bytes are linked to, other
        // bytes written.
        write_atomically(&out, &[file("a.json", "one"), file("b.json", "c")]).unwrap();
        assert_eq!(inode(&out.join("a.json")), first);
        let previous = tmp.path().join(".site.previous");
        assert_eq!(inode(&previous.join("a.json")), first);
        assert_eq!(fs::read_to_string(out.join("b.json")).unwrap(), "c");
        assert_eq!(fs::read_to_string(previous.join("b.json")).unwrap(), "b");
        // A file linked to is never written through: the build before keeps its bytes.
        write_atomically(&out, &[file("a.json", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.json")).unwrap(), "two");
        assert_eq!(fs::read_to_string(previous.join("a.json")).unwrap(), "one");
        // A file of the output touched since its note is not linked to.
        fs::write(out.join("a.json"), "six").unwrap();
        write_atomically(&out, &[file("a.json", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.json")).unwrap(), "two");
        assert_eq!(fs::read_to_string(previous.join("a.json")).unwrap(), "six");
    }

    #[test]
    fn builds_twice_into_an_empty_folder_made_by_the_user() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        write_atomically(&out, &[file("index.html", "one")]).unwrap();
        write_atomically(&out, &[file("index.html", "two")]).unwrap();
        write_atomically(&out, &[file("index.html", "three")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
    }

    #[test]
    fn refuses_a_staging_folder_it_did_not_create() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let staging = tmp.path().join(".site.previous");
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("notes.txt"), "mine").unwrap();
        let err = write_atomically(&out, &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("not created by shanshui"), "{err}");
        assert!(staging.join("notes.txt").is_file());
        assert!(!out.exists());
    }

    #[test]
    fn hidden_and_backup_files_of_static_are_not_published() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for (path, text) in [
            ("logo.svg", "<svg/>"),
            (".env", "SECRET=1"),
            (".git/config", "[core]"),
            ("css/site.css~", "old"),
            ("css/site.css", "new"),
            ("css/site.css.bak", "old"),
            ("css/.site.css.swp", "swap"),
            ("#notes#", "autosave"),
            (".well-known/security.txt", "Contact: mailto:a@b.cn"),
            ("docs/.htpasswd", "admin:x"),
        ] {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let published: Vec<String> = static_files(dir)
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .filter(|p| !templates_default(p))
            .collect();
        assert_eq!(published, ["static/css/site.css", "static/logo.svg"]);
    }

    fn templates_default(path: &str) -> bool {
        crate::output::DEFAULT_STATIC
            .iter()
            .any(|(name, _)| path == format!("static/{name}"))
    }

    fn site_with(dir: &Path, text: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(MARKER), "").unwrap();
        fs::write(dir.join("index.html"), text).unwrap();
    }

    fn index(dir: &Path) -> String {
        fs::read_to_string(dir.join("index.html")).unwrap()
    }

    #[test]
    fn leftovers_of_older_versions_are_removed_and_foreign_folders_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let aside = tmp.path().join(".site.old");
        site_with(&tmp.path().join(".site.old-4242"), "x");
        fs::create_dir(tmp.path().join(".site.old-mine")).unwrap();
        write_atomically(&out, &[file("index.html", "newest")]).unwrap();
        assert_eq!(index(&out), "newest");
        assert!(!tmp.path().join(".site.old-4242").exists());
        assert!(tmp.path().join(".site.old-mine").exists());
        // A foreign, non-empty `.site.old` or `.site.staging` is refused, not removed.
        for foreign in [aside, tmp.path().join(".site.staging")] {
            fs::create_dir(&foreign).unwrap();
            fs::write(foreign.join("notes.txt"), "mine").unwrap();
            let err = write_atomically(&out, &[file("index.html", "x")]).unwrap_err();
            assert!(err.to_string().contains("not created by shanshui"), "{err}");
            assert_eq!(index(&out), "newest");
            assert!(foreign.join("notes.txt").is_file());
            fs::remove_dir_all(&foreign).unwrap();
        }
    }

    #[test]
    fn a_second_build_waits_for_the_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let held = swap::lock(tmp.path(), &out).unwrap();
        let writer = {
            let out = out.clone();
            std::thread::spawn(move || write_atomically(&out, &[file("index.html", "one")]))
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!out.exists(), "the second build did not wait");
        drop(held);
        writer.join().unwrap().unwrap();
        assert_eq!(index(&out), "one");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_replaced_where_it_points() {
        let tmp = tempfile::tempdir().unwrap();
        let deploy = tmp.path().join("deploy");
        let out = tmp.path().join("site");
        fs::create_dir(&deploy).unwrap();
        std::os::unix::fs::symlink(&deploy, &out).unwrap();
        write_atomically(&out, &[file("index.html", "one")]).unwrap();
        write_atomically(&out, &[file("index.html", "two")]).unwrap();
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(index(&deploy), "two");
        assert_eq!(index(&tmp.path().join(".deploy.previous")), "one");
        // A link to nowhere is an error that says so.
        let dangling = tmp.path().join("dangling");
        std::os::unix::fs::symlink(tmp.path().join("gone"), &dangling).unwrap();
        let err = write_atomically(&dangling, &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    /// Names beside the output in `dir`, sorted.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_build_stopped_before_its_swap_changes_neither_the_output_nor_the_build_before_last() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let previous = tmp.path().join(".site.previous");
        let build = |text: &str| [file("a.html", text), file("index.html", text)];
        write_atomically(&out, &build("one")).unwrap();
        write_atomically(&out, &build("two")).unwrap();
        let expect_unchanged = || {
            assert_eq!(index(&out), "two");
            assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "two");
            assert_eq!(index(&previous), "one");
            assert_eq!(fs::read_to_string(previous.join("a.html")).unwrap(), "one");
            assert_eq!(beside(tmp.path()), [".site.previous", "site"]);
        };
        // A disk error after a file is written: a name longer than file systems allow.
        let too_long = format!("{}.html", "x".repeat(300));
        let err = write_atomically(
            &out,
            &[
                file("a.html", "three"),
                file(&too_long, "x"),
                file("index.html", "three"),
            ],
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"), "{err:#}");
        expect_unchanged();
        // Stopped by a failure elsewhere (a page that does not render) after some files
        // were written: the staging folder is dropped unpublished.
        let staging = Staging::open(&out).unwrap();
        staging.put(&file("index.html", "four")).unwrap();
        drop(staging);
        expect_unchanged();
    }

    #[test]
    fn a_file_is_kept_from_the_output_only_while_it_is_the_one_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_atomically(&out, &[file("a/index.html", "one"), file("b.html", "two")]).unwrap();
        let stamp = |path: &str| FileStamp::in_output(&out, path).unwrap();
        let (a, b) = (stamp("a/index.html"), stamp("b.html"));
        // Touched since it was recorded: another file of the same size (written a clock
        // tick later, as a person or another program would; its inode may be the old one's).
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::remove_file(out.join("b.html")).unwrap();
        fs::write(out.join("b.html"), "TWO").unwrap();
        let staging = Staging::open(&out).unwrap();
        assert!(staging.keep_from_output("a/index.html", &a).unwrap());
        assert!(!staging.keep_from_output("b.html", &b).unwrap());
        assert!(!staging.keep_from_output("missing.html", &a).unwrap());
        staging.publish().unwrap();
        assert_eq!(index(&out.join("a")), "one");
        // Only what was kept or written is published.
        assert!(!out.join("b.html").exists());
        assert!(FileStamp::in_output(&out, "a/index.html").is_some_and(|s| s == a));
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        assert!(write_atomically(&out, &[file("../evil.html", "x")]).is_err());
        assert!(!tmp.path().join("evil.html").exists());
        assert!(!out.exists());
    }
}
