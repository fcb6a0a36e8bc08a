//! Putting a finished build in place of the output folder so that, whatever happens and
//! whenever the process dies, the output is always a complete build: the old or the new,
//! and `.<out>.previous` beside it the build before it.
//!
//! - One build at a time: a build holds a lock on the folder that contains the output
//!   while it writes; a second build into the same place waits for it.
//! - A build is written into a folder of its own, `.<out>.staging` (the build before the
//!   previous one, updated in place); a build that fails or is stopped before its swap
//!   leaves the output and the previous build untouched.
//! - The swap is one atomic exchange of the two folders where the system has one (Linux,
//!   `renameat2(RENAME_EXCHANGE)`). Elsewhere it takes two renames; a build killed between
//!   them leaves the previous output aside as `.<out>.old`, and the next start puts it back.
//!   Then the output it replaced becomes `.<out>.previous`, and the previous build the
//!   next staging folder (by exchange: nothing is deleted whole).
//! - Just before the swap a journal, `.<out>.swap`, names the new build's folder and the
//!   output (device and inode, which a rename keeps), so the next start knows whether a
//!   build stopped during its swap had put the new output in place, and whether the
//!   output it replaced is the previous build yet.
//! - An output that is a symbolic link keeps pointing where it did: the folder it points
//!   to is the one replaced, by the same swap.

use super::MARKER;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The real output folder: `out` itself, or the folder it links to.
pub fn resolve_link(out: &Path) -> Result<PathBuf> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(out.to_path_buf());
    };
    if !meta.file_type().is_symlink() {
        return Ok(out.to_path_buf());
    }
    fs::canonicalize(out).with_context(|| {
        format!(
            "{} is a symbolic link to a folder that does not exist; create that folder or remove the link",
            out.display()
        )
    })
}

/// Held while a build writes; dropping it lets the next build in.
pub struct Lock(#[allow(dead_code)] fs::File);

/// Locks `parent` (the folder holding the output) for this build, waiting for another
/// build that holds it. The lock is on the folder itself, so it leaves no file behind and
/// is released by the system however the build ends.
pub fn lock(parent: &Path, out: &Path) -> Result<Lock> {
    let dir = fs::File::open(parent)
        .with_context(|| format!("cannot open {} to lock it", parent.display()))?;
    match dir.try_lock() {
        Ok(()) => return Ok(Lock(dir)),
        Err(fs::TryLockError::WouldBlock) => crate::eprintln_escaped!(
            "Another shanshui build is writing into {}; waiting for it to finish…",
            out.display()
        ),
        Err(fs::TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("cannot lock {}", parent.display()))
        }
    }
    dir.lock()
        .with_context(|| format!("cannot lock {}", parent.display()))?;
    Ok(Lock(dir))
}

/// The folders and files a build uses beside its output, all in the output's own folder.
pub struct Folders {
    /// The folder holding the output, which the build locks.
    pub parent: PathBuf,
    /// The real output folder (where a link points).
    pub out: PathBuf,
    /// Where this build is written: `.<out>.staging`.
    pub staging: PathBuf,
    /// The build before the output: `.<out>.previous`.
    pub previous: PathBuf,
    /// What the build keeps between runs: `.<out>.cache`.
    pub cache: PathBuf,
    /// Where the output waits between the two renames of a swap without exchange.
    aside: PathBuf,
    /// Names the new build's folder while it is swapped in.
    journal: PathBuf,
    name: String,
}

impl Folders {
    /// The folders beside `out` (a symbolic link `out` is followed to its folder).
    pub fn beside(out: &Path) -> Result<Folders> {
        let out = resolve_link(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let beside = |suffix: &str| parent.join(format!(".{name}.{suffix}"));
        Ok(Folders {
            staging: beside("staging"),
            previous: beside("previous"),
            cache: beside("cache"),
            aside: beside("old"),
            journal: beside("swap"),
            out,
            parent,
            name,
        })
    }
}

pub fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

pub fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Refuses a folder shanshui would replace or remove that it did not create (it has no
/// marker and is not empty).
pub fn refuse_foreign(dir: &Path) -> Result<()> {
    if fs::symlink_metadata(dir).is_ok() && !is_ours(dir) && !is_empty_dir(dir) {
        bail!(
            "{} exists but was not created by shanshui (no {MARKER} file in it); move it away and build again",
            dir.display()
        );
    }
    Ok(())
}

/// Puts right what a build stopped before the end left beside the output (call with the
/// lock held; a build that ends without publishing calls it too). After a swap that put
/// the new output in place, what it replaced becomes the previous build; otherwise the
/// output is put back if it waits aside, and the unfinished build is removed. Folders
/// `.<out>.old-<pid>` of older versions are removed.
pub fn recover(f: &Folders) -> Result<()> {
    for dir in [&f.aside, &f.staging, &f.previous] {
        refuse_foreign(dir)?;
    }
    match read_journal(&f.journal) {
        Some((new, old)) if identity(&f.out) == Some(new) => {
            // Swapped: the output it replaced becomes the previous build, unless it is already.
            if old.is_some() && identity(&f.previous) != old {
                if let Some(replaced) = [&f.aside, &f.staging]
                    .into_iter()
                    .find(|dir| identity(dir) == old)
                {
                    keep_as_previous(replaced, f)?;
                }
            }
        }
        _ => {
            if fs::symlink_metadata(&f.out).is_err() && is_ours(&f.aside) {
                crate::eprintln_escaped!(
                    "A previous build was stopped while it swapped {} in; the output before it is put back.",
                    f.out.display()
                );
                rename(&f.aside, &f.out)?;
            }
            // The staging folder stays: the next build brings it up to date.
            remove_if_present(&f.aside)?;
        }
    }
    remove_if_present(&f.journal)?;
    let legacy = format!(".{}.old-", f.name);
    for entry in
        fs::read_dir(&f.parent).with_context(|| format!("cannot read {}", f.parent.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", f.parent.display()))?;
        let old = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&legacy) && is_ours(&old) {
            remove_ours(&old)?;
        }
    }
    Ok(())
}

/// Makes `replaced`, the output a swap replaced, the previous build (an empty folder the
/// user made for the output is removed instead). The previous build it replaces becomes
/// the staging folder of the next build, which updates it in place: nothing is deleted.
fn keep_as_previous(replaced: &Path, f: &Folders) -> Result<()> {
    if !is_ours(replaced) {
        return fs::remove_dir(replaced)
            .with_context(|| format!("cannot remove {}", replaced.display()));
    }
    if fs::symlink_metadata(&f.previous).is_ok() {
        if replaced == f.staging {
            if exchange(&f.staging, &f.previous)? {
                return Ok(());
            }
            remove_if_present(&f.previous)?;
        } else if fs::symlink_metadata(&f.staging).is_err() {
            rename(&f.previous, &f.staging)?;
        } else {
            remove_if_present(&f.previous)?;
        }
    }
    rename(replaced, &f.previous)
}

/// Removes a file or one of our folders (or an empty one) if it is there.
fn remove_if_present(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() => remove_ours(path),
        Ok(_) => fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display())),
    }
}

/// A folder's identity: its device and inode, which a rename keeps.
#[cfg(unix)]
pub fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

/// Without inodes, a build stopped during its swap is taken as not swapped: the output
/// is whole either way, only the previous build may be lost.
#[cfg(not(unix))]
pub fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// The journal of a swap: the identity of the new build's folder, and of the output it
/// replaces (if there was one).
type Journal = ((u64, u64), Option<(u64, u64)>);

fn read_journal(journal: &Path) -> Option<Journal> {
    let text = fs::read_to_string(journal).ok()?;
    let numbers: Vec<u64> = text
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [dev, ino] => Some(((dev, ino), None)),
        [dev, ino, old_dev, old_ino] => Some(((dev, ino), Some((old_dev, old_ino)))),
        _ => None,
    }
}

fn remove_ours(dir: &Path) -> Result<()> {
    fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))
}

/// Puts the staging folder in place of the output, and the output it replaces in place
/// of the previous build (or removes it if it was an empty folder made by the user, the
/// only foreign folder replaced).
pub fn swap_in(f: &Folders) -> Result<()> {
    if let Some((dev, ino)) = identity(&f.staging) {
        let old = identity(&f.out).map_or(String::new(), |(d, i)| format!(" {d} {i}"));
        fs::write(&f.journal, format!("{dev} {ino}{old}\n"))
            .with_context(|| format!("cannot write {}", f.journal.display()))?;
    }
    if fs::symlink_metadata(&f.out).is_err() {
        rename(&f.staging, &f.out)?;
    } else if exchange(&f.staging, &f.out)? {
        keep_as_previous(&f.staging, f)?;
    } else {
        rename(&f.out, &f.aside)?;
        if let Err(err) = rename(&f.staging, &f.out) {
            // Put the previous output back, so nothing is lost.
            let _ = fs::rename(&f.aside, &f.out);
            return Err(err);
        }
        keep_as_previous(&f.aside, f)?;
    }
    remove_if_present(&f.journal)
}

/// Exchanges two folders in one step; `false` where the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP | Errno::PERM) => Ok(false),
        Err(err) => Err(std::io::Error::from(err))
            .with_context(|| format!("cannot swap {} with {}", a.display(), b.display())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn site_with(dir: &Path, text: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(MARKER), "").unwrap();
        fs::write(dir.join("index.html"), text).unwrap();
    }

    fn index(dir: &Path) -> String {
        fs::read_to_string(dir.join("index.html")).unwrap()
    }

    /// A build's swap begun: its staging folder holds `text`, the journal names it and
    /// the output.
    fn swap_begun(f: &Folders, text: &str) {
        site_with(&f.staging, text);
        let (dev, ino) = identity(&f.staging).unwrap();
        let (old_dev, old_ino) = identity(&f.out).unwrap();
        fs::write(&f.journal, format!("{dev} {ino} {old_dev} {old_ino}\n")).unwrap();
    }

    fn assert_state(f: &Folders, out: &str, previous: &str) {
        assert_eq!(index(&f.out), out);
        assert_eq!(index(&f.previous), previous);
        for gone in [&f.aside, &f.journal] {
            assert!(!gone.exists(), "{} left", gone.display());
        }
    }

    #[test]
    fn a_build_stopped_in_its_swap_is_put_right_at_the_next_start() {
        let tmp = tempfile::tempdir().unwrap();
        let f = Folders::beside(&tmp.path().join("site")).unwrap();
        site_with(&f.out, "one");
        site_with(&f.previous, "zero");
        // Stopped before the swap: the output and the build before it stay.
        swap_begun(&f, "two");
        recover(&f).unwrap();
        assert_state(&f, "one", "zero");
        // Stopped after the exchange: the output it replaced becomes the previous build.
        swap_begun(&f, "two");
        assert!(exchange(&f.staging, &f.out).unwrap());
        recover(&f).unwrap();
        assert_state(&f, "two", "one");
        // Without exchange, stopped between the renames: the output is put back.
        swap_begun(&f, "three");
        rename(&f.out, &f.aside).unwrap();
        recover(&f).unwrap();
        assert_state(&f, "two", "one");
        // Without exchange, stopped after the new build went in.
        swap_begun(&f, "three");
        rename(&f.out, &f.aside).unwrap();
        rename(&f.staging, &f.out).unwrap();
        recover(&f).unwrap();
        assert_state(&f, "three", "two");
        // Recovering twice does not rotate twice.
        recover(&f).unwrap();
        assert_state(&f, "three", "two");
        // The build before the previous one waits as the next build's staging folder.
        assert_eq!(index(&f.staging), "one");
    }
}
