//! A note on each file `build` puts into the staging folder, kept in an extended attribute:
//! the hash of its bytes and the stamp the file had when they were written. The staging
//! folder holds the build before last, and a file whose note still matches its stamp is
//! compared by the hash, without being read: on a machine that had let those files go
//! from memory, reading them back took a tenth of a 10,000-article build and made its time
//! vary by seconds. A file without a note (a file system without extended attributes, a
//! file written by an older build) or touched since is read and compared as before.
//! Copies of the output made with `cp -r` or by a web host carry no note.

use super::FileStamp;
use std::path::Path;

/// The hash the notes hold: 128 bits, so two different files do not share one by chance.
pub use crate::binary::hash128 as hash;

/// The hash noted on the file at `path`, if its note is there and was made when the file
/// had the stamp it has now.
pub fn noted(path: &Path, now: &FileStamp) -> Option<u128> {
    let mut note = [0; NOTE_LEN];
    let len = read(path, &mut note)?;
    let (hash, stamp) = note.get(..len)?.split_at_checked(16)?;
    (stamp == now.to_bytes()).then(|| u128::from_le_bytes(hash.try_into().unwrap_or([0; 16])))
}

/// Notes on the file at `path`, just written or found the same, that it holds the bytes
/// of `hash`; its stamp, if it could be read. A note that cannot be made costs the next
/// build a read, nothing else.
pub fn note(path: &Path, hash: u128) -> Option<FileStamp> {
    let stamp = FileStamp::of(&std::fs::symlink_metadata(path).ok()?);
    let mut note = [0; NOTE_LEN];
    note[..16].copy_from_slice(&hash.to_le_bytes());
    note[16..].copy_from_slice(&stamp.to_bytes());
    write(path, &note);
    Some(stamp)
}

pub(super) const NAME: &str = "user.shanshui.written";
const NOTE_LEN: usize = 16 + FileStamp::BYTES;

#[cfg(target_os = "linux")]
fn read(path: &Path, into: &mut [u8]) -> Option<usize> {
    rustix::fs::lgetxattr(path, NAME, into).ok()
}

#[cfg(target_os = "linux")]
fn write(path: &Path, note: &[u8]) {
    let _ = rustix::fs::lsetxattr(path, NAME, note, rustix::fs::XattrFlags::empty());
}

#[cfg(not(target_os = "linux"))]
fn read(_: &Path, _: &mut [u8]) -> Option<usize> {
    None
}

#[cfg(not(target_os = "linux"))]
fn write(_: &Path, _: &[u8]) {}
