//! Putting a finished build in place of the output folder so that, whatever happens and
//! whenever the process dies, the output is always a complete build: the old or the new.
//!
//! - One build at a time: a build holds a lock on the folder that contains the output
//!   while it writes; a second build into the same place waits for it.
//! - The swap is one atomic exchange of the two folders where the system has one (Linux,
//!   `renameat2(RENAME_EXCHANGE)`). Elsewhere it takes two renames; a build killed between
//!   them leaves the previous output aside as `.<out>.old`, and the next start puts it back.
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

/// Where the previous output waits between the two renames of a swap without exchange.
fn aside_dir(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.old"))
}

fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

pub fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Repairs what a build killed during its swap left behind (call with the lock held):
/// the previous output left aside goes back in place if the output is missing, otherwise
/// it becomes the staging folder or is removed. Folders `.<out>.old-<pid>` of older
/// versions are removed.
pub fn recover(parent: &Path, name: &str, out: &Path, staging: &Path) -> Result<()> {
    let aside = aside_dir(parent, name);
    if fs::symlink_metadata(&aside).is_ok() {
        if !is_ours(&aside) {
            if !(aside.is_dir() && is_empty_dir(&aside)) {
                bail!(
                    "{} exists but was not created by shanshui (no {MARKER} file in it); move it away and build again",
                    aside.display()
                );
            }
            fs::remove_dir(&aside).with_context(|| format!("cannot remove {}", aside.display()))?;
        } else if fs::symlink_metadata(out).is_err() {
            crate::eprintln_escaped!(
                "A previous build was stopped while it swapped {} in; the output before it is put back.",
                out.display()
            );
            rename(&aside, out)?;
        } else if fs::symlink_metadata(staging).is_err() {
            rename(&aside, staging)?;
        } else {
            remove_ours(&aside)?;
        }
    }
    let legacy = format!(".{name}.old-");
    for entry in
        fs::read_dir(parent).with_context(|| format!("cannot read {}", parent.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", parent.display()))?;
        let old = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&legacy) && is_ours(&old) {
            remove_ours(&old)?;
        }
    }
    Ok(())
}

fn remove_ours(dir: &Path) -> Result<()> {
    fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))
}

/// Puts `staging` in place of `out`, and what was `out` where `staging` was (or removes
/// it if it was an empty folder made by the user, the only foreign folder replaced).
pub fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if fs::symlink_metadata(out).is_err() {
        return rename(staging, out);
    }
    if !exchange(staging, out)? {
        let aside = aside_dir(parent, name);
        rename(out, &aside)?;
        if let Err(err) = rename(staging, out) {
            // Put the previous output back, so nothing is lost.
            let _ = fs::rename(&aside, out);
            return Err(err);
        }
        rename(&aside, staging)?;
    }
    if !is_ours(staging) {
        return fs::remove_dir(staging)
            .with_context(|| format!("cannot remove {}", staging.display()));
    }
    Ok(())
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
