//! The conductor: load → model → render → assemble → guard in memory, the same for
//! `build`, `check` and `serve`; `build` then writes and swaps. A timing per stage.

use crate::cache::{self, Cache};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{build_site, BaseUrl, ModelOptions, Site};
use crate::output::OutputFile;
use crate::render::bodies::Bodies;
use crate::render::templates::{self, Templates};
use crate::render::{feeds, sitemap, PageInfo, Renderer, Views};
use crate::route::Route;
use crate::search::{Text, TextFile};
use crate::write::FileStamp;
use crate::{load, write};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The portal's root: holds `content/`, and optionally `templates/` and `static/`.
    pub root: PathBuf,
    /// Output folder; `<root>/site` by default.
    pub out: Option<PathBuf>,
    pub base_url: Option<BaseUrl>,
    pub drafts: bool,
    /// Build the search index (the slowest stage; off for quick previews).
    pub search: bool,
    /// Write every link relative, for a copy opened from a folder (`file://`).
    pub portable: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            base_url: None,
            drafts: false,
            search: true,
            portable: false,
        }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("site"))
    }

    /// The options that decide what the output holds, written out (the build's cache
    /// is valid only for the same ones).
    fn output_options(&self) -> String {
        format!(
            "base_url={:?} drafts={} search={} portable={}",
            self.base_url, self.drafts, self.search, self.portable
        )
    }
}

#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
    pub stages: Stages,
    pub total: Duration,
    /// The pages rendered when the others were kept from the last build (see
    /// `crate::cache`); `None` for a full build.
    pub rendered: Option<usize>,
}

/// The reasons a build can fail.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in content or templates, all of them.
    Content(Diagnostics),
    /// Anything else (I/O, an output folder we may not replace).
    Other(anyhow::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => write!(f, "{d}"),
            BuildError::Other(e) => write!(f, "error: {e:#}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// What every command reads before it does its own work: the validated site, the
/// templates, and the warnings found on the way.
pub struct Inputs {
    pub site: Site,
    pub templates: Templates,
    pub warnings: Diagnostics,
}

/// The one input step of `build`, `check` and `serve`: templates, then content (checked
/// against the UI strings the templates use). Every problem of both, or the inputs.
pub fn load_inputs(opts: &BuildOptions) -> Result<Inputs, Diagnostics> {
    let (raw, read_problems) = load::load(&opts.root.join("content"));
    inputs_from_raw(&raw, read_problems, opts)
}

/// [`load_inputs`] from content already read (`serve` re-reads only the files that
/// changed); `read_problems` are the problems found while reading.
pub fn inputs_from_raw(
    raw: &load::RawContent,
    read_problems: Diagnostics,
    opts: &BuildOptions,
) -> Result<Inputs, Diagnostics> {
    let partial = read_inputs(raw, read_problems, opts);
    match (partial.site, partial.templates) {
        (Some(site), Some(templates)) if !partial.diagnostics.has_errors() => Ok(Inputs {
            site,
            templates,
            warnings: partial.diagnostics,
        }),
        _ => Err(partial.diagnostics),
    }
}

/// What could be read, even with errors: `check` looks further into it.
pub struct PartialInputs {
    /// The valid part of the site; `None` without a valid site.yaml.
    pub site: Option<Site>,
    pub templates: Option<Templates>,
    /// Every problem found, sorted.
    pub diagnostics: Diagnostics,
}

/// Templates, then content checked against the UI strings the templates use; goes on
/// past every error it can.
pub fn read_inputs(
    raw: &load::RawContent,
    read_problems: Diagnostics,
    opts: &BuildOptions,
) -> PartialInputs {
    let mut diagnostics = read_problems;
    let templates = templates::load_templates(&opts.root.join("templates"))
        .map_err(|d| diagnostics.extend(d))
        .ok();
    let (site, model_diags) = build_site(
        raw,
        &model_options(opts, templates.as_ref().map(Templates::ui_keys)),
    );
    diagnostics.extend(model_diags);
    PartialInputs {
        site,
        templates,
        diagnostics: diagnostics.sorted(),
    }
}

fn model_options(opts: &BuildOptions, ui_keys: Option<BTreeSet<String>>) -> ModelOptions {
    ModelOptions {
        drafts: opts.drafts,
        base_url: opts.base_url.clone(),
        ui_keys,
    }
}

/// Load and validate the content alone (no templates, so UI strings are not checked
/// against them): the model, shared read-only by everything after.
pub fn load_site(opts: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let (raw, diags) = load::load(&opts.root.join("content"));
    site_from_raw(&raw, diags, opts, None)
}

/// The model from content already read. `diags` are the problems found while reading;
/// `ui_keys`, the UI strings in use, to check `i18n/*.yaml` against.
pub fn site_from_raw(
    raw: &load::RawContent,
    mut diags: Diagnostics,
    opts: &BuildOptions,
    ui_keys: Option<BTreeSet<String>>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let (site, model_diags) = build_site(raw, &model_options(opts, ui_keys));
    diags.extend(model_diags);
    let diags = diags.sorted();
    match site {
        Some(site) if !diags.has_errors() => Ok((site, diags)),
        _ => Err(diags),
    }
}

/// Time spent in each stage, in order.
pub type Stages = Vec<(&'static str, Duration)>;

/// What the in-memory stages made of the portal, as far as they got.
pub struct Prepared {
    /// The valid part of the site; `None` without a valid site.yaml.
    pub site: Option<Site>,
    pub templates: Option<Templates>,
    /// The lists and cards the pages were rendered from (`serve` keeps them).
    pub views: Option<Arc<Views>>,
    /// What is known of each rendered page.
    pub pages: Vec<PageInfo>,
    /// Every file of the output folder, sorted by path; empty after an error.
    pub files: Vec<OutputFile>,
    /// Every problem found, sorted; the output may be published only without errors.
    pub diagnostics: Diagnostics,
    pub stages: Stages,
}

/// The conductor that `build`, `check` and `serve` all run: load and validate, then
/// render, assemble and guard in memory. What fails here fails every command alike;
/// `build` adds the write and the swap, `check` its own passes. Pages are rendered only
/// from content without errors: a site with errors in it would fail its templates for
/// reasons already said (a missing UI string fails every page that shows it).
pub fn prepare(
    opts: &BuildOptions,
    raw: &load::RawContent,
    read_problems: Diagnostics,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Prepared {
    let mut stages = Stages::new();
    let t = Instant::now();
    let inputs = read_inputs(raw, read_problems, opts);
    stages.push(("load", t.elapsed()));
    render_and_assemble(opts, inputs, None, progress, stages)
}

/// The stages after validation, on what [`read_inputs`] made, every file kept in memory
/// (`check`, `serve`); `bodies` are article bodies rendered before (by `check`, which
/// reads their links).
pub fn render_and_assemble(
    opts: &BuildOptions,
    inputs: PartialInputs,
    bodies: Option<&Bodies>,
    progress: &(dyn Fn(usize, usize) + Sync),
    stages: Stages,
) -> Prepared {
    let kept = Mutex::new(Vec::new());
    let keep = |file: OutputFile| {
        lock(&kept).push(file);
        Ok(None)
    };
    let made = make_output(opts, inputs, bodies, None, progress, stages, &keep);
    let mut files = kept.into_inner().unwrap_or_else(PoisonError::into_inner);
    if made.diagnostics.has_errors() {
        files.clear();
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Prepared {
        site: made.site,
        templates: made.templates,
        views: made.views,
        pages: made.records.into_iter().map(|r| r.page).collect(),
        files,
        diagnostics: made.diagnostics,
        stages: made.stages,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where each finished file goes: kept in memory, or written into the staging folder
/// (which gives the file's stamp there, for the cache). An error here (a file that
/// cannot be written) stops the build.
type Destination<'a> = dyn Fn(OutputFile) -> anyhow::Result<Option<FileStamp>> + Sync + 'a;

/// What `build` gives [`make_output`] from its last run: perhaps pages to keep, and the
/// search index's counts (see `crate::search::Counts`); and the file the pages' search
/// texts go to (`None`: they are held in memory). `build` takes no site and no views
/// back: given this, [`make_output`] lets go of the views (the cards and lists) once the
/// pages are rendered and of the articles' bodies once the feeds are made.
struct ForCache<'a> {
    keep: Option<Keep<'a>>,
    counts: crate::search::Counts,
    texts: Option<&'a TextFile>,
}

/// The pages of the last build but those of the articles to render again (see
/// `crate::cache`), how to take a page's file from the output (false when it is no
/// longer the file the cache describes), and the search record of each page of the plan.
struct Keep<'a> {
    plan: cache::Plan<'a>,
    take: &'a (dyn Fn(&cache::CachedPage) -> anyhow::Result<bool> + Sync),
    records: Vec<Option<crate::search::SearchRecord>>,
}

/// What [`make_output`] made: [`Prepared`] without the files, which went to their
/// destination as they were made.
struct Made {
    site: Option<Site>,
    templates: Option<Templates>,
    views: Option<Arc<Views>>,
    /// Every page, in the order they are rendered, with its search record (the index
    /// borrows them, `build`'s cache keeps them).
    records: Vec<PageRecord>,
    files: usize,
    bytes: usize,
    /// The pages rendered when the others were kept; `None` for a full build.
    rendered: Option<usize>,
    /// The search index's counts, for `build`'s cache.
    counts: crate::search::Counts,
    diagnostics: Diagnostics,
    /// The first error of the destination, if any.
    destination_error: Option<anyhow::Error>,
    stages: Stages,
}

/// What is kept of a page once it is written: what the sitemap and the search index need.
#[derive(Clone)]
struct PageRecord {
    page: PageInfo,
    search: Option<crate::search::SearchRecord>,
    bytes: usize,
    /// The written file's stamp, when the destination gave one (`None` for a kept page).
    stamp: Option<FileStamp>,
}

/// Why a file was not published: refused by the guard or a later stage (a problem of the
/// output, said like content problems), or not written (`build` stops with it).
enum FileProblem {
    Refused(String, anyhow::Error),
    NotWritten(anyhow::Error),
}

/// The one path of every output file, the same for `build`, `check` and `serve`: pages
/// rendered, read for the search index, made portable if asked and guarded
/// one by one, each handed to `destination` as soon as it is made; then the feeds,
/// sitemap, search index, charts, data and static files, guarded the same way.
fn make_output(
    opts: &BuildOptions,
    inputs: PartialInputs,
    bodies: Option<&Bodies>,
    for_cache: Option<ForCache>,
    progress: &(dyn Fn(usize, usize) + Sync),
    mut stages: Stages,
    destination: &Destination,
) -> Made {
    let PartialInputs {
        mut site,
        templates,
        mut diagnostics,
    } = inputs;
    let for_build = for_cache.is_some();
    let mut made = Made {
        site: None,
        templates: None,
        views: None,
        records: Vec::new(),
        files: 0,
        bytes: 0,
        rendered: None,
        counts: Default::default(),
        diagnostics: Diagnostics::default(),
        destination_error: None,
        stages: Stages::new(),
    };
    if let (Some(site), Some(templates), false) = (&mut site, &templates, diagnostics.has_errors())
    {
        let t = Instant::now();
        let mut renderer = Renderer::new(site, templates);
        if let Some(bodies) = bodies {
            renderer = renderer.with_bodies(bodies);
        }
        let urls = crate::route::Urls::new(&site.config);
        let texts = for_cache.as_ref().and_then(|c| c.texts);
        let finish_page = |mut file: OutputFile, page: PageInfo| {
            let search = match opts.search {
                true => {
                    crate::search::SearchRecord::of_page(&page, &file.bytes, &site.config.base_path)
                        .map_err(|e| FileProblem::Refused(file.path.clone(), e))?
                        .map(|record| store_text(record, texts))
                }
                false => None,
            };
            // After the search record, which reads the links as the site serves them.
            if opts.portable {
                write::make_portable(&mut file, urls)
                    .map_err(|e| FileProblem::Refused(file.path.clone(), e))?;
            }
            let (bytes, stamp) = finish(file, destination)?;
            Ok(PageRecord {
                page,
                search,
                bytes,
                stamp,
            })
        };
        // Pages are kept only from a last build with the very same pages, and only if
        // every one of them can still be taken from the output.
        let (keep, counts) = for_cache.map_or((None, Default::default()), |c| (c.keep, c.counts));
        let keep = keep.filter(|k| {
            let infos = renderer.page_infos();
            infos.len() == k.plan.pages.len()
                && infos.iter().zip(k.plan.pages).all(|(a, b)| *a == b.info)
                && kept_pages(&k.plan)
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .all(|page| matches!((k.take)(page), Ok(true)))
        });
        let render_page = |_: &str, route: Route| match &keep {
            Some(k) => matches!(route, Route::Article(slug) if k.plan.render.contains(slug)),
            None => true,
        };
        let rendered = renderer.render_all(&render_page, progress, &finish_page);
        // `build` takes no views back: its cards and lists go now, with the renderer.
        made.views = (!for_build).then(|| renderer.views());
        drop(renderer);
        stages.push(("render", t.elapsed()));
        // The feeds are the last to read the bodies (they quote one where an article has
        // no summary): made before `build` lets go of them.
        let t = Instant::now();
        let feeds = feeds::feeds(site);
        stages.push(("feeds", t.elapsed()));
        if for_build {
            site.forget_article_bodies();
        }
        match rendered {
            Ok((records, files)) => {
                let mut problems = Vec::new();
                let mut fresh = Vec::new();
                for record in records {
                    match record {
                        Ok(r) => fresh.push(r),
                        Err(problem) => problems.push(problem),
                    }
                }
                if let Some(k) = keep {
                    made.rendered = Some(fresh.len());
                    match with_kept_pages(&k.plan, fresh, k.records) {
                        Ok(all) => fresh = all,
                        Err(err) => {
                            fresh = Vec::new();
                            problems.push(FileProblem::NotWritten(err));
                        }
                    }
                }
                for r in &fresh {
                    made.files += 1;
                    made.bytes += r.bytes;
                }
                made.records = fresh;
                let pages: Vec<&PageInfo> = made.records.iter().map(|r| &r.page).collect();
                let searchable = made
                    .records
                    .iter()
                    .filter_map(|r| r.search.as_ref())
                    .collect();
                // The other files are finished as they are made, some in parallel.
                let finished = Mutex::new((0, 0, Vec::new()));
                let emit = |file: OutputFile| {
                    let result = finish(file, destination).map(|(bytes, _)| bytes);
                    let mut finished = lock(&finished);
                    match result {
                        Ok(bytes) => {
                            finished.0 += 1;
                            finished.1 += bytes;
                        }
                        Err(problem) => finished.2.push(problem),
                    }
                };
                let index = Index {
                    records: searchable,
                    previous: &counts,
                    texts,
                };
                let files = files.into_iter().chain(feeds).collect();
                match other_files(opts, site, &pages, index, files, &mut stages, &emit) {
                    Ok(counts) => made.counts = counts,
                    Err(err) => diagnostics.push(output_error(opts, err)),
                }
                let (count, bytes, later) = finished
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner);
                made.files += count;
                made.bytes += bytes;
                problems.extend(later);
                let (refused, not_written) = split_problems(problems);
                made.destination_error = not_written;
                // The first refused file by path, the same whatever order they were made in.
                if let Some((_, err)) = refused.into_iter().min_by(|a, b| a.0.cmp(&b.0)) {
                    diagnostics.push(output_error(opts, err));
                }
            }
            Err(d) => diagnostics.extend(d),
        }
    }
    Made {
        // Without its bodies, if they were let go.
        site: site.filter(|_| !for_build),
        templates,
        diagnostics: diagnostics.sorted(),
        stages,
        ..made
    }
}

/// `record` with its text moved to `texts`, if there is that file and the text can be
/// written there (else it stays in memory, and no cache is written: see `build`).
fn store_text(
    mut record: crate::search::SearchRecord,
    texts: Option<&TextFile>,
) -> crate::search::SearchRecord {
    if let (Some(texts), Text::Held(text)) = (texts, &record.text) {
        if let Ok(stored) = texts.put(text) {
            record.text = Text::Stored(stored);
        }
    }
    record
}

/// The pages of the last build that are kept as they are.
fn kept_pages<'a>(plan: &'a cache::Plan) -> impl Iterator<Item = &'a cache::CachedPage> + 'a {
    plan.pages.iter().filter(|page| {
        match Route::parse(page.info.path.trim_end_matches("index.html")) {
            Some((_, Route::Article(slug))) => !plan.render.contains(slug),
            _ => true,
        }
    })
}

/// Every page in the order they are rendered: those rendered now, the others as the last
/// build recorded them, with their search `records` (one a page of the plan).
fn with_kept_pages(
    plan: &cache::Plan,
    fresh: Vec<PageRecord>,
    records: Vec<Option<crate::search::SearchRecord>>,
) -> anyhow::Result<Vec<PageRecord>> {
    let kept: std::collections::HashSet<&str> =
        kept_pages(plan).map(|p| p.info.path.as_str()).collect();
    let mut fresh: std::collections::HashMap<String, PageRecord> = fresh
        .into_iter()
        .map(|r| (r.page.path.clone(), r))
        .collect();
    let rendered: Vec<Option<PageRecord>> = plan
        .pages
        .iter()
        .map(|page| fresh.remove(&page.info.path))
        .collect();
    plan.pages
        .par_iter()
        .zip(rendered)
        .zip(records)
        .map(|((page, rendered), search)| match rendered {
            Some(record) => Ok(record),
            None if kept.contains(page.info.path.as_str()) => Ok(PageRecord {
                page: page.info.clone(),
                search,
                bytes: page.stamp.size(),
                // (Read again once written: a page kept by a copy has a stamp of its own.)
                stamp: None,
            }),
            // Not expected: the pages kept and those rendered are told apart alike.
            None => Err(anyhow::anyhow!(
                "{} was neither rendered nor kept from the last build; remove the build's cache folder and build again",
                page.info.path
            )),
        })
        .collect()
}

/// The last step of every output file: the guard, then its destination. Its size, and
/// its stamp at the destination.
fn finish(
    file: OutputFile,
    destination: &Destination,
) -> Result<(usize, Option<FileStamp>), FileProblem> {
    write::guard::check_output(std::slice::from_ref(&file))
        .map_err(|e| FileProblem::Refused(file.path.clone(), e))?;
    let bytes = file.bytes.len();
    let stamp = destination(file).map_err(FileProblem::NotWritten)?;
    Ok((bytes, stamp))
}

/// The files refused, by path, and the first file that could not be written.
fn split_problems(
    problems: Vec<FileProblem>,
) -> (Vec<(String, anyhow::Error)>, Option<anyhow::Error>) {
    let mut refused = Vec::new();
    let mut not_written = None;
    for problem in problems {
        match problem {
            FileProblem::Refused(path, err) => refused.push((path, err)),
            FileProblem::NotWritten(err) => {
                not_written.get_or_insert(err);
            }
        }
    }
    (refused, not_written)
}

/// A problem of the output as a whole (a static file unreadable, a page refused by the
/// guard), placed at the portal's root: its message names the file.
fn output_error(opts: &BuildOptions, err: anyhow::Error) -> Diagnostic {
    let why = format!("{err:#}");
    Diagnostic::error(
        &opts.root,
        0,
        crate::messages::OUTPUT_PROBLEM.both(&[("why", &why)]),
    )
}

/// The whole build: the stages of [`prepare`], each file written into the staging folder
/// as it is made, then the swap. `progress(done, total)` reports long renders.
pub fn build(
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let out = opts.out_dir();
    // Refuse a foreign output folder before doing any work.
    write::check_output_dir(&out).map_err(BuildError::Other)?;

    let mut stages = Stages::new();
    let t = Instant::now();
    let (raw, read_problems) = load::load(&opts.root.join("content"));
    let inputs = read_inputs(&raw, read_problems, opts);
    drop(raw);
    stages.push(("load", t.elapsed()));
    if inputs.diagnostics.has_errors() {
        return Err(BuildError::Content(inputs.diagnostics));
    }
    let staging = write::Staging::open(&out).map_err(BuildError::Other)?;
    let cache_file = staging.cache_file();
    // What decides this build's output; what the last build kept, if it is still good.
    // The articles are hashed now, while their bodies are held (see `make_output`).
    let t = Instant::now();
    let (hashed, mut last) = rayon::join(
        || cache::Inputs::of(&opts.root, &opts.output_options()),
        || Cache::load(&cache_file),
    );
    let counts = match (&mut last, &hashed) {
        (Some(last), Some(hashed)) => last.take_counts(hashed),
        _ => Default::default(),
    };
    let state = hashed
        .zip(inputs.site.as_ref())
        .map(|(hashed, site)| cache::State::with_inputs(hashed, site));
    let take = |page: &cache::CachedPage| staging.keep_from_output(&page.info.path, &page.stamp);
    // The kept pages' texts are where the last build left them, and the others go after
    // them; a full build starts a file of its own, put in place at the end.
    let texts_path = Cache::texts_path(&cache_file);
    let plan = last
        .as_ref()
        .zip(state.as_ref())
        .and_then(|(last, state)| last.plan(state));
    let last_texts = plan.as_ref().and_then(|_| TextFile::open(&texts_path).ok());
    let keep = plan.zip(last.as_ref()).zip(last_texts.as_ref());
    let keep = keep.and_then(|((plan, last), texts)| {
        Some(Keep {
            records: last.records(&cache_file, texts)?,
            plan,
            take: &take,
        })
    });
    let texts = match (&keep, last_texts) {
        (Some(_), Some(texts)) => Some(texts),
        _ => TextFile::create(&texts_path.with_extension("partial")).ok(),
    };
    stages.push(("plan", t.elapsed()));
    let put = |file: OutputFile| staging.put(&file);
    let for_cache = ForCache {
        keep,
        counts,
        texts: texts.as_ref(),
    };
    let made = make_output(opts, inputs, None, Some(for_cache), progress, stages, &put);
    drop(last);
    if made.diagnostics.has_errors() {
        return Err(BuildError::Content(made.diagnostics));
    }
    if let Some(err) = made.destination_error {
        return Err(BuildError::Other(err));
    }
    let mut stages = made.stages;
    let t = Instant::now();
    let pages = made.records.len();
    // This build's cache is written while the staging folder is swapped in, and put in
    // place only once the swap is done. (Its pages' stamps are read before the swap.)
    let cached = cached_pages(&staging, made.records);
    // The output is about to change: the last cache would no longer describe it.
    Cache::forget(&cache_file).map_err(BuildError::Other)?;
    let (published, aside) = rayon::join(
        || staging.publish(),
        // A cache that cannot be written costs the next build its speed, nothing else.
        || {
            let (pages, mut records) = cached?;
            cache::settle_texts(texts.as_ref()?, &mut records, &cache_file).ok()?;
            Cache::new(state?, pages)
                .write_aside(&cache_file, &records, &made.counts)
                .ok()
        },
    );
    if let Err(err) = published {
        if let Some(aside) = aside {
            let _ = std::fs::remove_file(aside);
        }
        return Err(BuildError::Other(err));
    }
    if let Some(aside) = aside {
        let _ = Cache::put_in_place(&aside, &cache_file);
    }
    stages.push(("write", t.elapsed()));
    Ok(Summary {
        pages,
        files: made.files,
        bytes: made.bytes,
        warnings: made.diagnostics,
        stages,
        total: start.elapsed(),
        rendered: made.rendered,
    })
}

/// Each page as the cache keeps it, and its search record.
type ForNextBuild = (
    Vec<cache::CachedPage>,
    Vec<Option<crate::search::SearchRecord>>,
);

/// What the next build needs of each page of this one (see `crate::cache`), its stamp
/// read in the staging folder, and its search record; `None` if a stamp cannot be read
/// (the next build is a full one).
fn cached_pages(staging: &write::Staging, records: Vec<PageRecord>) -> Option<ForNextBuild> {
    let pages: Vec<(cache::CachedPage, Option<crate::search::SearchRecord>)> = records
        .into_par_iter()
        .map(|r| {
            let stamp = r
                .stamp
                .or_else(|| staging.stamp_once_published(&r.page.path))?;
            let page = cache::CachedPage {
                info: r.page,
                stamp,
            };
            Some((page, r.search))
        })
        .collect::<Option<_>>()?;
    Some(pages.into_iter().unzip())
}

/// What the search index is made from: the pages' records (their texts in `texts` when
/// stored), and the last build's counts.
struct Index<'a> {
    records: Vec<&'a crate::search::SearchRecord>,
    previous: &'a crate::search::Counts,
    texts: Option<&'a TextFile>,
}

/// Every file of the output but the pages, each handed to `emit` as it is made: `files`
/// (charts, data and feeds), sitemap, robots.txt, the search index (if asked), and static
/// files; the index's counts, for the next build. The sitemap is made beside the index,
/// which leaves part of the machine idle while it merges its lists.
fn other_files(
    opts: &BuildOptions,
    site: &Site,
    pages: &[&PageInfo],
    index: Index,
    files: Vec<OutputFile>,
    stages: &mut Stages,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> anyhow::Result<crate::search::Counts> {
    let files_and_sitemap = || {
        let t = Instant::now();
        files.into_iter().for_each(emit);
        emit(sitemap::sitemap(pages));
        emit(sitemap::robots(site));
        ("sitemap", t.elapsed())
    };
    let search = || {
        let t = Instant::now();
        opts.search.then(|| {
            let counts =
                crate::search::emit_index(index.records, site, index.previous, index.texts, emit);
            (("search", t.elapsed()), counts)
        })
    };
    let (sitemap, search) = rayon::join(files_and_sitemap, search);
    let (search, counts) = search.unzip();
    stages.extend(std::iter::once(sitemap).chain(search));
    let counts = counts.transpose()?;
    write::static_files(&opts.root.join("static"))?
        .into_iter()
        .for_each(emit);
    Ok(counts.unwrap_or_default())
}
