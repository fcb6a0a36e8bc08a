//! The output folder is always one complete build, the old or the new, whatever happens
//! to the build: killed at each rename of the swap (by `strace -e inject`, with and
//! without the atomic exchange), killed at random moments, run twice at once, or writing
//! through a symbolic link. Needs `strace` (test.sh installs it on Debian).

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

type Tree = Vec<(String, Vec<u8>)>;

/// A demo portal built once (`site/` holds the old build), with a change made to its
/// content since; returns the old and the new output, and how long the new build took.
fn portal_with_a_change(root: &Path) -> (Tree, Tree, Duration) {
    copy_dir(&repo().join("tests/fixtures/demo"), root);
    let old = tree(&build(root, &["--no-search"]));
    let article = root.join("content/articles/air-2025.zh.md");
    let text = read(&article).replacen("title: ", "title: 新版：", 1);
    fs::write(&article, text).expect("change the article");
    // The new build as it should come out, made in a copy of the same portal.
    let copy = tempfile::tempdir().expect("temp dir");
    copy_dir(root, copy.path());
    let started = std::time::Instant::now();
    let new = tree(&build(copy.path(), &["--no-search"]));
    let took = started.elapsed();
    assert_ne!(old, new, "the change must show in the output");
    (old, new, took)
}

fn build_command(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shanshui"));
    cmd.arg("--root")
        .arg(root)
        .args(["build", "--no-search"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Runs the build under strace with `inject` (e.g. `signal=KILL:when=2`) on every rename
/// system call; `true` if the build was killed.
fn build_under_strace(root: &Path, inject: &[&str]) -> bool {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=/^rename"]);
    for i in inject {
        cmd.args(["-e", &format!("inject={i}")]);
    }
    let status = cmd
        .arg(env!("CARGO_BIN_EXE_shanshui"))
        .arg("--root")
        .arg(root)
        .args(["build", "--no-search"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("strace must be installed (apt-get install strace)");
    // strace ends as the traced program did: killed by the same signal.
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9) || status.code() == Some(137)
}

fn assert_complete(root: &Path, old: &Tree, new: &Tree, when: &str) {
    let site = tree(&root.join("site"));
    assert!(
        site == *old || site == *new,
        "after {when}: site/ is neither the old nor the new build ({} files; old {}, new {})",
        site.len(),
        old.len(),
        new.len()
    );
}

/// After the faults, a normal build recovers: the new site, and beside it nothing but
/// the build before last and the one before that (the next build's staging folder, once
/// there have been three).
fn assert_recovers(root: &Path, new: &Tree) {
    build(root, &["--no-search"]);
    assert_eq!(tree(&root.join("site")), *new);
    let mut beside: Vec<String> = fs::read_dir(root)
        .expect("read root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The build's cache (`.site.cache`) may be there or not.
        .filter(|n| n.starts_with(".site") && n != ".site.cache")
        .collect();
    beside.sort();
    assert!(
        beside == [".site.previous"] || beside == [".site.previous", ".site.staging"],
        "{beside:?}"
    );
}

fn kill_at_each_rename(extra: &[&str]) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let (old, new, _) = portal_with_a_change(root);
    let mut kills = 0;
    for n in 1.. {
        let mut inject = vec![format!("/^rename:signal=KILL:when={n}")];
        inject.extend(extra.iter().map(|s| s.to_string()));
        let inject: Vec<&str> = inject.iter().map(String::as_str).collect();
        let killed = build_under_strace(root, &inject);
        assert_complete(root, &old, &new, &format!("a kill at rename {n}"));
        if !killed {
            break;
        }
        kills += 1;
        assert!(n < 50, "the build renames without end");
    }
    assert!(kills >= 1, "no rename was hit");
    assert_recovers(root, &new);
}

#[test]
fn a_kill_at_any_rename_of_the_atomic_exchange_leaves_a_whole_site() {
    kill_at_each_rename(&[]);
}

#[test]
fn a_kill_at_any_rename_without_the_exchange_leaves_a_whole_site_or_one_put_back() {
    // Make the exchange fail as on a file system without it: the swap takes three
    // renames (the output aside, the new build in, the old one to staging).
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let (old, new, _) = portal_with_a_change(root);
    for n in 1..=3 {
        let killed = build_under_strace(
            root,
            &[
                "renameat2:error=EINVAL",
                &format!("/^rename(at)?$:signal=KILL:when={n}"),
            ],
        );
        assert!(killed, "rename {n} of the swap was not reached");
        if !root.join("site").exists() {
            // Killed between the two renames: the previous output waits aside, whole,
            // and the next start puts it back before anything else.
            let aside = tree(&root.join(".site.old"));
            assert!(
                aside == old || aside == new,
                "the output left aside is not whole"
            );
            build(root, &["--no-search"]);
        }
        assert_complete(root, &old, &new, &format!("a kill at fallback rename {n}"));
    }
    assert_recovers(root, &new);
}

#[test]
fn a_kill_at_random_moments_leaves_a_whole_site() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let (old, new, took) = portal_with_a_change(root);
    let took = took.as_millis().max(50) as u64;
    let mut rng = fastrand::Rng::with_seed(16);
    for round in 0..12 {
        let mut child = build_command(root).spawn().expect("run shanshui");
        std::thread::sleep(Duration::from_millis(rng.u64(0..took + took / 2)));
        let _ = child.kill(); // SIGKILL; the build may have finished already
        let _ = child.wait();
        assert_complete(root, &old, &new, &format!("a kill in round {round}"));
    }
    assert_recovers(root, &new);
}

#[test]
fn two_builds_at_once_into_one_folder_do_not_interleave() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let (_, new, _) = portal_with_a_change(root);
    for _ in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                build_command(root)
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("run shanshui")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_recovers(root, &new);
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_keeps_its_link_and_its_target_is_swapped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("portal");
    fs::create_dir(&root).expect("mkdir");
    let (old, new, _) = portal_with_a_change(&root);
    let deploy = tmp.path().join("deploy");
    fs::rename(root.join("site"), &deploy).expect("move the site");
    std::os::unix::fs::symlink(&deploy, root.join("site")).expect("link");
    assert_eq!(tree(&root.join("site")), old);
    for round in 0..3 {
        build(&root, &["--no-search"]);
        assert!(fs::symlink_metadata(root.join("site"))
            .expect("site")
            .file_type()
            .is_symlink());
        assert_eq!(tree(&deploy), new, "round {round}");
    }
    // The build before last is kept beside the target, not beside the link.
    assert!(tmp.path().join(".deploy.previous").is_dir());
    assert!(!root.join(".site.previous").exists());
}

/// A swap that fails (the exchange, or the rename that puts the new build in place on a
/// system without exchange) leaves `site/` and the build before it as they were, and
/// nothing else beside them.
#[test]
fn a_failed_swap_keeps_the_site_and_the_build_before_last() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    portal_with_a_change(root);
    build(root, &["--no-search"]);
    let article = root.join("content/articles/air-2025.zh.md");
    let text = read(&article).replacen("title: ", "title: 再版：", 1);
    fs::write(&article, text).expect("change the article");
    let site = tree(&root.join("site"));
    let previous = tree(&root.join(".site.previous"));
    for inject in [
        &["renameat2:error=EIO"][..],
        &["renameat2:error=EINVAL", "/^rename(at)?$:error=EIO:when=2"],
    ] {
        let killed = build_under_strace(root, inject);
        assert!(!killed, "{inject:?}");
        assert!(
            tree(&root.join("site")) == site,
            "{inject:?}: site/ changed"
        );
        assert!(
            tree(&root.join(".site.previous")) == previous,
            "{inject:?}: .site.previous changed"
        );
        let beside: Vec<String> = fs::read_dir(root)
            .expect("read root")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".site") && n != ".site.cache")
            .collect();
        assert_eq!(beside, [".site.previous"], "{inject:?}");
    }
}
