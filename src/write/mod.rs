//! Write: minify pages, add static files, and put the result on disk atomically.
//!
//! The build writes into a fresh folder beside the output and swaps it in only when
//! everything succeeded; a failed build leaves the previous output exactly as it was.
//! A folder is only ever replaced if shanshui created it (it holds our marker file).

pub mod feeds;
pub mod search;
pub mod sitemap;

use crate::render::OutputFile;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder as shanshui's output, so a later build may replace it.
pub const MARKER: &str = ".shanshui-output";

/// Minifies HTML files in place (in parallel). Other files are left as they are.
pub fn minify(files: &mut [OutputFile]) {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    // Stay valid HTML: minify-html's defaults may drop spaces between attributes.
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.minify_css = true;
    files
        .par_iter_mut()
        .filter(|f| f.path.ends_with(".html"))
        .for_each(|f| {
            f.bytes = minify_html::minify(&f.bytes, &cfg);
        });
}

/// Static files: the built-in defaults, replaced or extended by the site's `static/`.
pub fn static_files(site_static: &Path) -> Result<Vec<OutputFile>> {
    let mut files: Vec<OutputFile> = crate::render::templates::DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("static/{name}"),
            bytes: bytes.to_vec(),
        })
        .collect();
    if site_static.is_dir() {
        for entry in walkdir::WalkDir::new(site_static).sort_by_file_name() {
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
    let empty = fs::read_dir(out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).is_file() {
        bail!(
            "refusing to replace {}: it was not created by shanshui (no {MARKER} file in it); choose another --out or empty it yourself",
            out.display()
        );
    }
    Ok(())
}

/// Writes `files` into a fresh folder next to `out`, then swaps it in.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<()> {
    check_output_dir(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    if fresh.exists() {
        fs::remove_dir_all(&fresh).with_context(|| format!("cannot clear {}", fresh.display()))?;
    }
    let result = write_tree(&fresh, files).and_then(|()| swap_in(&fresh, out, &parent, &name));
    if result.is_err() && fresh.exists() {
        let _ = fs::remove_dir_all(&fresh);
    }
    result
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // Folders first (serially, sorted), then the files in parallel.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        let rel = Path::new(&f.path);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bail!("refusing to write outside the output folder: {}", f.path);
        }
        let path = dir.join(rel);
        fs::write(&path, &f.bytes).with_context(|| format!("cannot write {}", path.display()))
    })?;
    fs::write(
        dir.join(MARKER),
        "This folder was written by shanshui; the next build replaces it.\n",
    )
    .context("cannot write the output marker")?;
    Ok(())
}

fn swap_in(fresh: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(out, &old)
            .with_context(|| format!("cannot move the previous {} aside", out.display()))?;
        if let Err(err) = fs::rename(fresh, out) {
            // Put the previous output back, so nothing is lost.
            let _ = fs::rename(&old, out);
            return Err(err)
                .with_context(|| format!("cannot move the new site into {}", out.display()));
        }
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    } else {
        fs::rename(fresh, out)
            .with_context(|| format!("cannot move the new site into {}", out.display()))?;
    }
    Ok(())
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
        // Nothing is left beside it.
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
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
