//! The pages' text for the index, out of memory while `build` works: each page's text is
//! appended to a file as the page is rendered, and read back a chunk of documents at a
//! time when the index is made. The build's cache keeps the file (`texts`, beside
//! `build.cache`), so a rebuild appends only the texts of the pages it renders and reads
//! the others where the last build left them; none is written twice.
//!
//! Held whole, the texts were the largest thing a build kept per page (about 11 KB an
//! article in both languages, 113 MB at 10,000 articles), and a rebuild read and wrote
//! them all again through the cache.

use crate::binary::hash128 as hash;
use anyhow::{bail, Context, Result};
use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A page's text: held in memory (`check`, `serve`, a build that has no file for them),
/// or stored in a [`TextFile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Held(String),
    Stored(StoredText),
}

/// Where a text is in its [`TextFile`], and what it is: its CRC-32, checked when the
/// cache is read, and its 128-bit hash, which the index's counts know it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredText {
    pub at: u64,
    pub len: u32,
    pub crc: u32,
    pub hash: u128,
}

impl Text {
    /// The text, read from `file` if it is stored there.
    pub fn read<'a>(&'a self, file: Option<&TextFile>) -> Result<Cow<'a, str>> {
        match self {
            Text::Held(text) => Ok(Cow::Borrowed(text)),
            Text::Stored(stored) => match file {
                Some(file) => file.read(stored).map(Cow::Owned),
                None => bail!("a page's text is stored, but there is no file to read it from"),
            },
        }
    }

    /// The 128-bit hash of the text's bytes.
    pub fn hash(&self) -> u128 {
        match self {
            Text::Held(text) => hash(text.as_bytes()),
            Text::Stored(stored) => stored.hash,
        }
    }
}

/// A file of texts, appended to from several threads at once and read at any place.
pub struct TextFile {
    file: fs::File,
    path: PathBuf,
    /// Where the next text goes: each writer takes its place first, then writes there.
    end: AtomicU64,
}

impl TextFile {
    /// A new, empty file at `path` (what was there is replaced).
    pub fn create(path: &Path) -> Result<TextFile> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(TextFile {
            file,
            path: path.to_path_buf(),
            end: AtomicU64::new(0),
        })
    }

    /// The file at `path`, to read what it holds and add texts after them.
    pub fn open(path: &Path) -> Result<TextFile> {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let len = file
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?
            .len();
        Ok(TextFile {
            file,
            path: path.to_path_buf(),
            end: AtomicU64::new(len),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many bytes the file holds.
    pub fn bytes_held(&self) -> u64 {
        self.end.load(Ordering::SeqCst)
    }

    /// Appends `text`; where it is.
    pub fn put(&self, text: &str) -> Result<StoredText> {
        let bytes = text.as_bytes();
        let len = u32::try_from(bytes.len()).context("a page's text is longer than 4 GB")?;
        let at = self.end.fetch_add(u64::from(len), Ordering::SeqCst);
        write_at(&self.file, bytes, at)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(StoredText {
            at,
            len,
            crc: crc32fast::hash(bytes),
            hash: hash(bytes),
        })
    }

    /// The text stored at `stored`, if the file holds it, unchanged.
    pub fn read(&self, stored: &StoredText) -> Result<String> {
        let bytes = self.bytes(stored)?;
        match intact(&bytes, stored) {
            Some(text) => Ok(text.to_owned()),
            None => bail!(
                "{} changed while the build read it; build again",
                self.path.display()
            ),
        }
    }

    /// Whether the file holds the text of `stored`, unchanged (what the cache says of it).
    pub fn holds(&self, stored: &StoredText) -> bool {
        self.bytes(stored)
            .is_ok_and(|bytes| intact(&bytes, stored).is_some())
    }

    fn bytes(&self, stored: &StoredText) -> Result<Vec<u8>> {
        let mut bytes = vec![0; stored.len as usize];
        let inside = stored
            .at
            .checked_add(u64::from(stored.len))
            .is_some_and(|end| end <= self.bytes_held());
        if !inside {
            bail!("{} is shorter than the cache says", self.path.display());
        }
        read_at(&self.file, &mut bytes, stored.at)
            .with_context(|| format!("cannot read {}", self.path.display()))?;
        Ok(bytes)
    }
}

/// `bytes` as text, if they are the text `stored` describes (its CRC-32) and UTF-8.
fn intact<'a>(bytes: &'a [u8], stored: &StoredText) -> Option<&'a str> {
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    (crc32fast::hash(bytes) == stored.crc).then_some(text)
}

#[cfg(unix)]
fn write_at(file: &fs::File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &fs::File, into: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, into, at)
}

#[cfg(windows)]
fn write_at(file: &fs::File, mut bytes: &[u8], mut at: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, at)?;
        bytes = &bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &fs::File, mut into: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !into.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, into, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                into = &mut into[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_written_from_several_threads_are_read_back_each_where_it_was_put() {
        let dir = tempfile::tempdir().unwrap();
        let file = TextFile::create(&dir.path().join("texts")).unwrap();
        let texts: Vec<String> = (0..200)
            .map(|n| format!("第{n}篇：汾河 Fen River {}", "水".repeat(n % 7)))
            .collect();
        let stored: Vec<StoredText> = {
            use rayon::prelude::*;
            texts.par_iter().map(|t| file.put(t).unwrap()).collect()
        };
        for (text, stored) in texts.iter().zip(&stored) {
            assert_eq!(file.read(stored).unwrap(), *text);
            assert!(file.holds(stored));
            assert_eq!(
                Text::Stored(*stored).hash(),
                Text::Held(text.clone()).hash()
            );
        }
        // Opened again, the file reads the same and adds after what it holds.
        drop(file);
        let file = TextFile::open(&dir.path().join("texts")).unwrap();
        let more = file.put("再一篇").unwrap();
        assert_eq!(more.at, texts.iter().map(|t| t.len() as u64).sum::<u64>());
        assert_eq!(file.read(&stored[7]).unwrap(), texts[7]);
        assert_eq!(file.read(&more).unwrap(), "再一篇");
    }

    #[test]
    fn a_text_the_file_no_longer_holds_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("texts");
        let file = TextFile::create(&path).unwrap();
        let first = file.put("山西省生态环境").unwrap();
        let second = file.put("空气质量").unwrap();
        drop(file);
        // A byte changed, a character cut, the file cut short.
        let mut bytes = fs::read(&path).unwrap();
        bytes[1] ^= 1;
        fs::write(&path, &bytes).unwrap();
        let file = TextFile::open(&path).unwrap();
        assert!(!file.holds(&first));
        assert!(file.read(&first).is_err());
        assert!(file.holds(&second));
        let cut = StoredText {
            len: second.len - 1,
            ..second
        };
        assert!(!file.holds(&cut));
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        let file = TextFile::open(&path).unwrap();
        assert!(!file.holds(&second));
        assert!(file.read(&second).is_err());
        let past = StoredText {
            at: u64::MAX,
            ..second
        };
        assert!(!file.holds(&past));
    }
}
