//! Rebuilding under `serve`: what a change affects, and only that.

use super::{Files, Shared};
use crate::cache;
use crate::diag::Diagnostics;
use crate::load::{self, article_file_name, RawContent};
use crate::messages;
use crate::model::Site;
use crate::pipeline::{self, BuildOptions};
use crate::render::templates::{self, Templates};
use crate::render::{PageInfo, Renderer, Views};
use crate::route::Route;
use crate::write;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The last good build, kept to rebuild from.
pub struct Builder {
    opts: BuildOptions,
    last: Option<(Site, Templates)>,
    /// The lists and cards of the last good site, reused while no edit changes them.
    views: Option<Arc<Views>>,
    /// The content as last read, so an article edit re-reads that one file only.
    raw: Option<RawContent>,
    files: BTreeMap<String, Arc<Vec<u8>>>,
    /// The pages of the last full render: the search index is rebuilt from them.
    pages: Vec<PageInfo>,
    /// A partial re-render changed pages the search index has not seen yet.
    stale_index: bool,
    /// The content's problems while it is broken: a template or static edit meanwhile
    /// rebuilds from the last good content, and the problems stay shown.
    content_error: Option<String>,
}

/// What kind of file changed decides what is rebuilt.
#[derive(Debug, Default)]
struct Changes {
    articles: BTreeSet<String>,
    article_paths: Vec<PathBuf>,
    other_content: bool,
    templates: BTreeSet<String>,
    statics: bool,
}

fn no_progress(_: usize, _: usize) {}

impl Builder {
    pub fn new(opts: BuildOptions) -> Self {
        Builder {
            opts,
            last: None,
            views: None,
            raw: None,
            files: BTreeMap::new(),
            pages: Vec::new(),
            stale_index: false,
            content_error: None,
        }
    }

    fn snapshot(&self) -> Files {
        Arc::new(self.files.clone())
    }

    /// A whole build into memory, by the conductor `build` and `check` run.
    pub fn full(&mut self) -> Result<Files, String> {
        let (raw, read_problems) = load::load(&self.opts.root.join("content"));
        let prepared = pipeline::prepare(&self.opts, &raw, read_problems, &no_progress);
        self.raw = Some(raw);
        let (Some(site), Some(tera), false) = (
            prepared.site,
            prepared.templates,
            prepared.diagnostics.has_errors(),
        ) else {
            return Err(prepared.diagnostics.to_string());
        };
        crate::eprint_escaped!("{}", prepared.diagnostics);
        self.views = prepared.views;
        self.pages = prepared.pages;
        self.files = prepared
            .files
            .into_iter()
            .map(|f| (f.path, Arc::new(f.bytes)))
            .collect();
        self.last = Some((site, tera));
        Ok(self.snapshot())
    }

    /// The search index again from the pages as they are now, if a partial re-render left
    /// it behind; the new files, or None if it was up to date.
    pub fn refresh_index(&mut self) -> Option<Result<Files, String>> {
        if !std::mem::take(&mut self.stale_index) {
            return None;
        }
        Some(self.reindex().map(|()| self.snapshot()))
    }

    fn reindex(&mut self) -> Result<(), String> {
        let Some((site, _)) = &self.last else {
            return Ok(());
        };
        let files = &self.files;
        let index = crate::search::index_pages(&self.pages, site, |path| {
            files.get(path).map(|bytes| bytes.as_slice())
        })
        .map_err(|e| format!("{e:#}"))?;
        let dir = format!("{}/", crate::search::SEARCH_DIR);
        self.files.retain(|path, _| !path.starts_with(&dir));
        self.files
            .extend(index.into_iter().map(|f| (f.path, Arc::new(f.bytes))));
        Ok(())
    }

    /// Rebuilds after `paths` changed; returns the new files and what was done, or the
    /// problems. Content problems outlive rebuilds that do not read the content.
    fn update(&mut self, paths: &[PathBuf]) -> Result<(Files, String), String> {
        let root = &self.opts.root;
        let reads_content = paths
            .iter()
            .any(|p| p.strip_prefix(root).is_ok_and(|r| r.starts_with("content")));
        match self.update_inner(paths) {
            Ok(done) => {
                if reads_content {
                    self.content_error = None;
                }
                Ok(done)
            }
            Err(err) => {
                if reads_content {
                    self.content_error = Some(err.clone());
                }
                Err(err)
            }
        }
    }

    fn update_inner(&mut self, paths: &[PathBuf]) -> Result<(Files, String), String> {
        let changes = self.classify(paths);
        let started = Instant::now();
        if self.last.is_none() || changes.other_content {
            let files = self.full()?;
            return Ok((
                files,
                messages::SERVE_FULL_REBUILD.say(&[("ms", &started.elapsed().as_millis())]),
            ));
        }
        if changes.statics {
            for f in
                write::static_files(&self.opts.root.join("static")).map_err(|e| format!("{e:#}"))?
            {
                self.files.insert(f.path, Arc::new(f.bytes));
            }
        }
        let mut rerendered = 0;
        if !changes.templates.is_empty() {
            let (site, old_tera) = self.last.take().ok_or("no previous build")?;
            let tera = match templates::load_templates(&self.opts.root.join("templates")) {
                Ok(t) => t,
                Err(d) => {
                    // Keep the last good state for the next change.
                    self.last = Some((site, old_tera));
                    return Err(d.to_string());
                }
            };
            let everything = changes
                .templates
                .iter()
                .any(|t| t == "base.html" || t.starts_with("partials/"));
            let names = changes.templates.clone();
            let keep = move |template: &str, _: Route| everything || names.contains(template);
            rerendered += self.rerender(&site, &tera, &keep)?;
            self.last = Some((site, tera));
        }
        if !changes.articles.is_empty() {
            let (old_site, tera) = self.last.take().ok_or("no previous build")?;
            let reloaded = match self.raw.as_mut() {
                Some(raw) => {
                    let mut problems = Diagnostics::default();
                    for path in &changes.article_paths {
                        problems.extend(raw.reload_article(path));
                    }
                    let ui_keys = Some(tera.ui_keys());
                    pipeline::site_from_raw(raw, problems, &self.opts, ui_keys)
                }
                None => pipeline::load_site(&self.opts),
            };
            let site = match reloaded {
                Ok((site, _)) => site,
                Err(d) => {
                    self.last = Some((old_site, tera));
                    return Err(d.to_string());
                }
            };
            if !cards_unchanged(&old_site, &site, &changes.articles) {
                // A title, date, tag or summary moved: lists, feeds and neighbours change too.
                self.last = Some((site, tera));
                let files = self.full()?;
                return Ok((
                    files,
                    messages::SERVE_FULL_REBUILD.say(&[("ms", &started.elapsed().as_millis())]),
                ));
            }
            // The edited articles' own pages, in both languages.
            let edited = changes.articles.clone();
            let keep = move |_: &str, route: Route| matches!(route, Route::Article(slug) if edited.contains(slug));
            rerendered += self.rerender(&site, &tera, &keep)?;
            self.last = Some((site, tera));
        }
        // The index is brought up to date after the pages are served (`refresh_index`).
        self.stale_index = rerendered > 0 && self.opts.search;
        Ok((
            self.snapshot(),
            messages::SERVE_RERENDERED.say(&[
                ("pages", &rerendered),
                ("ms", &started.elapsed().as_millis()),
            ]),
        ))
    }

    fn rerender(
        &mut self,
        site: &Site,
        tera: &Templates,
        keep: &(dyn Fn(&str, Route) -> bool + Sync),
    ) -> Result<usize, String> {
        let renderer = match &self.views {
            Some(views) => Renderer::with_views(site, tera, Arc::clone(views)),
            None => Renderer::new(site, tera),
        };
        let rendered = renderer
            .render_pages(keep, &no_progress)
            .map_err(|d| d.to_string())?;
        let n = rendered.files.len();
        for f in rendered.files {
            self.files.insert(f.path, Arc::new(f.bytes));
        }
        Ok(n)
    }

    fn classify(&self, paths: &[PathBuf]) -> Changes {
        let root = &self.opts.root;
        let mut changes = Changes::default();
        for path in paths {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let rel_str = rel.to_string_lossy().replace('\\', "/");
            if let Some(name) = rel_str.strip_prefix("templates/") {
                changes.templates.insert(name.to_owned());
            } else if rel_str.starts_with("static/") {
                changes.statics = true;
            } else if rel_str.starts_with("content/articles/") && rel_str.ends_with(".md") {
                match article_file_name(rel) {
                    Some((slug, _)) => {
                        changes.articles.insert(slug);
                        changes.article_paths.push(path.clone());
                    }
                    None => changes.other_content = true,
                }
            } else {
                changes.other_content = true;
            }
        }
        changes
    }
}

/// Whether the edit leaves every list as it was: the same articles in the same order, and
/// the edited articles' listings (their cards in both languages, the summary taken from
/// the body too, and all of their front matter: see `cache::listing`, which `build`
/// compares alike) unchanged. The kept views stay valid then.
fn cards_unchanged(old: &Site, new: &Site, changed: &BTreeSet<String>) -> bool {
    old.articles.len() == new.articles.len()
        && old.articles.iter().zip(&new.articles).all(|(a, b)| a.slug == b.slug)
        && changed.iter().all(|slug| match (old.article(slug), new.article(slug)) {
            (Some(a), Some(b)) => cache::listing(old, a) == cache::listing(new, b),
            _ => false,
        })
        // Figures cite articles by slug; a changed article keeps its citations.
        && old.indicators.len() == new.indicators.len()
}

/// Paths that are no part of the portal: hidden files, editors' backups and the
/// temporary files that editors (and `sed -i`) write before renaming. `path` is inside
/// the root: the folders above it (which may be called anything) do not count.
fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_dir = |dir: &str| path.starts_with(dir);
    name.starts_with('.')
        || name.ends_with('~')
        || (in_dir("content") && !matches!(ext.as_str(), "md" | "yaml" | "yml"))
        || (in_dir("templates") && ext != "html")
}

/// Watches `content/`, `templates/` and `static/`; the root itself too, so that a
/// `templates/` or `static/` folder created later is watched from then on.
fn watch(watcher: &mut notify::RecommendedWatcher, root: &Path, watched: &mut BTreeSet<PathBuf>) {
    use notify::{RecursiveMode, Watcher};
    if watched.insert(root.to_path_buf()) {
        if let Err(err) = watcher.watch(root, RecursiveMode::NonRecursive) {
            let said =
                messages::SERVE_CANNOT_WATCH.say(&[("path", &root.display()), ("why", &err)]);
            crate::eprintln_escaped!("{said}");
        }
    }
    for dir in ["content", "templates", "static"] {
        let path = root.join(dir);
        if path.is_dir() && watched.insert(path.clone()) {
            if let Err(err) = watcher.watch(&path, RecursiveMode::Recursive) {
                let said =
                    messages::SERVE_CANNOT_WATCH.say(&[("path", &path.display()), ("why", &err)]);
                crate::eprintln_escaped!("{said}");
            }
        }
    }
}

/// Waits for file events, gathers a burst of them, rebuilds and publishes the result.
/// Says on `watching` when the folders are watched.
pub fn watch_loop(
    mut builder: Builder,
    mut watcher: notify::RecommendedWatcher,
    root: &Path,
    events: Receiver<notify::Result<notify::Event>>,
    shared: &Shared,
    watching: &std::sync::mpsc::Sender<()>,
) {
    let mut watched = BTreeSet::new();
    watch(&mut watcher, root, &mut watched);
    let _ = watching.send(());
    let relevant = |e: notify::Result<notify::Event>| -> Vec<PathBuf> {
        match e {
            Ok(event) if !event.kind.is_access() => event.paths,
            _ => Vec::new(),
        }
    };
    while let Ok(first) = events.recv() {
        let mut paths = relevant(first);
        // Editors save in bursts (write, rename, chmod): take them together.
        while let Ok(more) = events.recv_timeout(Duration::from_millis(60)) {
            paths.extend(relevant(more));
        }
        // A new folder's files are found by walking it once it is watched.
        watch(&mut watcher, root, &mut watched);
        let created_dirs: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
        for dir in created_dirs {
            paths.extend(
                walkdir::WalkDir::new(dir)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path()),
            );
        }
        paths.retain(|p| {
            !p.is_dir()
                && p.strip_prefix(root)
                    .is_ok_and(|r| r.components().count() > 1 && !is_noise(r))
        });
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            continue;
        }
        match builder.update(&paths) {
            Ok((files, what)) => {
                crate::println_escaped!("{}", messages::SERVE_UPDATED.say(&[("what", &what)]));
                shared.publish(Some(files), builder.content_error.clone());
                match builder.refresh_index() {
                    Some(Ok(files)) => shared.publish_quietly(files),
                    Some(Err(err)) => crate::eprintln_escaped!("{err}"),
                    None => {}
                }
            }
            Err(err) => {
                crate::eprint_escaped!("{err}");
                crate::eprintln_escaped!("{}", messages::SERVE_REBUILD_FAILED.say(&[]));
                shared.publish(None, Some(err));
            }
        }
    }
}
