//! Write: minify pages, add static files, and put the result on disk atomically.
//!
//! The build writes into a staging folder beside the output and swaps it in only when
//! everything succeeded; a failed build leaves the previous output exactly as it was.
//! A folder is only ever replaced if shanshui created it (it holds our marker file).

pub mod guard;
mod portable;
pub use portable::make_portable;
mod swap;

use crate::output::OutputFile;
use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as shanshui's output, so a later build may replace it.
pub const MARKER: &str = ".shanshui-output";

/// Minifies HTML files in place (in parallel). Other files are left as they are.
pub fn minify(files: &mut [OutputFile]) {
    let minifier = Minifier::new();
    files.par_iter_mut().for_each(|f| minifier.minify(f));
}

/// The minifier of HTML pages, set up once per build.
pub struct Minifier(minify_html::Cfg);

impl Minifier {
    pub fn new() -> Self {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_html_and_head_opening_tags = true;
        cfg.keep_closing_tags = true;
        // Stay valid HTML: minify-html's defaults may drop spaces between attributes.
        cfg.allow_noncompliant_unquoted_attribute_values = false;
        cfg.allow_removing_spaces_between_attributes = false;
        cfg.minify_css = true;
        Minifier(cfg)
    }

    /// Minifies `file` in place if it is an HTML file.
    pub fn minify(&self, file: &mut OutputFile) {
        if file.path.ends_with(".html") {
            file.bytes = minify_html::minify(&file.bytes, &self.0);
        }
    }
}

impl Default for Minifier {
    fn default() -> Self {
        Self::new()
    }
}

/// Static files: the built-in defaults, replaced or extended by the site's `static/`.
pub fn static_files(site_static: &Path) -> Result<Vec<OutputFile>> {
    let mut files: Vec<OutputFile> = crate::output::DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("static/{name}"),
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
            let path = format!("static/{rel}");
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

/// Writes `files` (already passed by [`guard::check_output`]) into the staging folder
/// next to `out`, then swaps it in: [`Staging`] with every file at once.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::open(out)?;
    for f in files {
        staging.put(f)?;
    }
    staging.publish()
}

/// The folder a build writes into, file by file as they are made, and swaps in place of
/// the output when every file is written. Holds the lock on the output's folder.
///
/// The staging folder is the build before last, kept as `.<out>.previous` beside `out`:
/// only the files that differ from it are written and, when the build is published, the
/// ones it did not write are removed, so a rebuild touches few files. Creating and
/// deleting tens of thousands of files costs more than rendering them on common file
/// systems (ext4 took 20 s to swap a fresh 10,000-article site in, against 1 s to update
/// one in place).
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// The paths written by this build, relative to the folder: what is kept at the end.
    written: Mutex<HashSet<String>>,
    _lock: swap::Lock,
}

impl Staging {
    /// Locks the output's folder, repairs what a stopped build left, and readies the
    /// staging folder beside `out` (a symbolic link `out` is replaced where it points).
    pub fn open(out: &Path) -> Result<Staging> {
        let out = swap::resolve_link(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let dir = previous_dir(&parent, &name);
        let lock = swap::lock(&parent, &out)?;
        swap::recover(&parent, &name, &out, &dir)?;
        check_output_dir(&out)?;
        // An empty staging folder is one made by the user for the output, left by a build
        // stopped just after the swap; it is filled like ours.
        if dir.exists() && !dir.join(MARKER).is_file() && !swap::is_empty_dir(&dir) {
            bail!(
                "{} exists but was not created by shanshui (no {MARKER} file in it); move it away and build again",
                dir.display()
            );
        }
        // A failure from here on leaves `out` as it was; the staging folder is brought up
        // to date from scratch by the next build whatever state it is left in.
        if fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // The marker goes first, so a folder left half-written by a crash is still ours.
        fs::write(
            dir.join(MARKER),
            "This folder was written by shanshui; the next build replaces it.\n",
        )
        .context("cannot write the output marker")?;
        Ok(Staging {
            dir,
            out,
            parent,
            name,
            written: Mutex::new(HashSet::new()),
            _lock: lock,
        })
    }

    /// Writes one file into the staging folder, unless it already holds those bytes;
    /// whatever stands in its way (a file where a folder goes, a link, a folder where the
    /// file goes) is removed first. Links are never followed. Safe to call in parallel.
    pub fn put(&self, file: &OutputFile) -> Result<()> {
        let rel = Path::new(&file.path);
        let parts: Vec<&std::ffi::OsStr> = rel
            .components()
            .map(|c| match c {
                std::path::Component::Normal(part) => Ok(part),
                _ => Err(anyhow!(
                    "refusing to write outside the output folder: {}",
                    file.path
                )),
            })
            .collect::<Result<_>>()?;
        let Some((_, folders)) = parts.split_last() else {
            bail!("refusing to write a file without a name into the output folder");
        };
        let mut folder = self.dir.clone();
        for part in folders {
            folder.push(part);
            make_folder(&folder)?;
        }
        let path = self.dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() && same_bytes(&path, meta.len(), &file.bytes) => {}
            Ok(meta) => {
                remove_entry(&path, &meta)?;
                write_new(&path, &file.bytes)?;
            }
            Err(_) => write_new(&path, &file.bytes)?,
        }
        lock_ignoring_poison(&self.written).insert(file.path.clone());
        Ok(())
    }

    /// Removes from the staging folder everything this build did not write, then swaps it
    /// in place of the output.
    pub fn publish(self) -> Result<()> {
        let written = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        remove_unwritten(&self.dir, &written)?;
        swap::swap_in(&self.dir, &self.out, &self.parent, &self.name)
    }
}

/// Where the previous build is kept: `.site.previous` for `site`.
pub fn previous_dir(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.previous"))
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

/// Removes everything under `dir` but the marker, the `written` files and their folders.
fn remove_unwritten(dir: &Path, written: &HashSet<String>) -> Result<()> {
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
    let mut stale_dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let kind = entry.file_type();
        let keep = if kind.is_dir() {
            wanted_dirs.contains(rel)
        } else {
            kind.is_file()
                && (rel == Path::new(MARKER) || rel.to_str().is_some_and(|r| written.contains(r)))
        };
        if keep {
            continue;
        }
        if kind.is_dir() {
            stale_dirs.push(path.to_path_buf());
        } else {
            fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    // Deepest first, so a folder is empty when its turn comes.
    stale_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in &stale_dirs {
        fs::remove_dir_all(d).with_context(|| format!("cannot remove {}", d.display()))?;
    }
    Ok(())
}

/// Whether the file at `path`, `len` bytes long, holds exactly `bytes`.
fn same_bytes(path: &Path, len: u64, bytes: &[u8]) -> bool {
    len == bytes.len() as u64 && fs::read(path).is_ok_and(|old| old == bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: s.as_bytes().to_vec(),
        }
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
        // Beside them only the build before last, kept to be updated by the next build.
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
    fn updates_the_build_before_last_in_place() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = [
            file("same.html", "unchanged"),
            file("changed.html", "old"),
            file("gone/index.html", "removed later"),
            file("x", "a file where a folder will go"),
        ];
        write_atomically(&out, &first).unwrap();
        write_atomically(&out, &first).unwrap();
        // Now site/ and .site.previous/ both hold `first`; the next build goes into the latter.
        let previous = tmp.path().join(".site.previous");
        let same_inode = fs::metadata(previous.join("same.html")).unwrap().ino();
        let secret = tmp.path().join("secret.txt");
        fs::write(&secret, "not ours").unwrap();
        std::os::unix::fs::symlink(&secret, previous.join("link.html")).unwrap();

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
        assert_eq!(
            fs::read_to_string(previous.join("changed.html")).unwrap(),
            "old"
        );
        assert!(previous.join("gone/index.html").is_file());
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
    fn a_swap_stopped_between_its_renames_is_repaired_at_the_next_start() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, staging) = (tmp.path().join("site"), tmp.path().join(".site.previous"));
        let aside = tmp.path().join(".site.old");
        // Stopped after moving the output aside: no site/, the old build aside.
        site_with(&aside, "old");
        site_with(&staging, "new");
        swap::recover(tmp.path(), "site", &out, &staging).unwrap();
        assert_eq!(index(&out), "old");
        assert!(!aside.exists());
        // Stopped after moving the new build in: the old one aside becomes the staging.
        fs::remove_dir_all(&staging).unwrap();
        site_with(&aside, "older");
        swap::recover(tmp.path(), "site", &out, &staging).unwrap();
        assert_eq!(index(&staging), "older");
        // Leftovers of older versions are removed; foreign folders are not.
        site_with(&tmp.path().join(".site.old-4242"), "x");
        fs::create_dir(tmp.path().join(".site.old-mine")).unwrap();
        write_atomically(&out, &[file("index.html", "newest")]).unwrap();
        assert_eq!(index(&out), "newest");
        assert!(!tmp.path().join(".site.old-4242").exists());
        assert!(tmp.path().join(".site.old-mine").exists());
        // A foreign, non-empty `.site.old` is refused, not removed.
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("notes.txt"), "mine").unwrap();
        let err = write_atomically(&out, &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("not created by shanshui"), "{err}");
        assert_eq!(index(&out), "newest");
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

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        assert!(write_atomically(&out, &[file("../evil.html", "x")]).is_err());
        assert!(!tmp.path().join("evil.html").exists());
        assert!(!out.exists());
    }
}
