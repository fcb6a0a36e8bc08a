//! The conductor: load → model → render → assemble → guard in memory, the same for
//! `build`, `check` and `serve`; `build` then writes and swaps. A timing per stage.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{build_site, BaseUrl, ModelOptions, Site};
use crate::output::OutputFile;
use crate::render::bodies::Bodies;
use crate::render::templates::{self, Templates};
use crate::render::{feeds, sitemap, PageInfo, RenderedSite, Renderer, Views};
use crate::{load, write};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
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
}

#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
    pub stages: Stages,
    pub total: Duration,
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

/// The stages after validation, on what [`read_inputs`] made; `bodies` are article bodies
/// rendered before (by `check`, which reads their links).
pub fn render_and_assemble(
    opts: &BuildOptions,
    inputs: PartialInputs,
    bodies: Option<&Bodies>,
    progress: &(dyn Fn(usize, usize) + Sync),
    mut stages: Stages,
) -> Prepared {
    let PartialInputs {
        site,
        templates,
        mut diagnostics,
    } = inputs;
    let mut prepared = Prepared {
        site: None,
        templates: None,
        views: None,
        pages: Vec::new(),
        files: Vec::new(),
        diagnostics: Diagnostics::default(),
        stages: Stages::new(),
    };
    if let (Some(site), Some(templates), false) = (&site, &templates, diagnostics.has_errors()) {
        let t = Instant::now();
        let mut renderer = Renderer::new(site, templates);
        if let Some(bodies) = bodies {
            renderer = renderer.with_bodies(bodies);
        }
        let rendered = renderer.render_all(progress);
        prepared.views = Some(renderer.views());
        stages.push(("render", t.elapsed()));
        match rendered {
            Ok(rendered) => {
                prepared.pages = rendered.pages.clone();
                match assemble(opts, site, rendered, &mut stages) {
                    Ok(files) => prepared.files = files,
                    Err(err) => diagnostics.push(output_error(opts, err)),
                }
            }
            Err(d) => diagnostics.extend(d),
        }
    }
    if !prepared.files.is_empty() {
        let t = Instant::now();
        if let Err(err) = write::guard::check_output(&prepared.files) {
            diagnostics.push(output_error(opts, err));
        }
        stages.push(("guard", t.elapsed()));
    }
    if diagnostics.has_errors() {
        prepared.files.clear();
    }
    Prepared {
        site,
        templates,
        diagnostics: diagnostics.sorted(),
        stages,
        ..prepared
    }
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

/// The whole build: the in-memory stages, then the write and the swap.
/// `progress(done, total)` reports long renders.
pub fn build(
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let out = opts.out_dir();
    // Refuse a foreign output folder before doing any work.
    write::check_output_dir(&out).map_err(BuildError::Other)?;

    let (raw, read_problems) = load::load(&opts.root.join("content"));
    let Prepared {
        files,
        pages,
        diagnostics,
        mut stages,
        ..
    } = prepare(opts, &raw, read_problems, progress);
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics));
    }
    let t = Instant::now();
    let bytes = files.iter().map(|f| f.bytes.len()).sum();
    write::write_atomically(&out, &files).map_err(BuildError::Other)?;
    stages.push(("write", t.elapsed()));
    Ok(Summary {
        pages: pages.len(),
        files: files.len(),
        bytes,
        warnings: diagnostics,
        stages,
        total: start.elapsed(),
    })
}

/// Everything the output folder will hold, in memory and sorted by path: the rendered
/// files minified, feeds, sitemap, the search index (if asked) and static files.
pub fn assemble(
    opts: &BuildOptions,
    site: &Site,
    rendered: RenderedSite,
    stages: &mut Stages,
) -> anyhow::Result<Vec<OutputFile>> {
    let RenderedSite { mut files, pages } = rendered;
    let t = Instant::now();
    write::minify(&mut files);
    stages.push(("minify", t.elapsed()));

    let t = Instant::now();
    files.extend(feeds::feeds(site));
    let sitemap: Vec<sitemap::SitemapEntry> = pages
        .iter()
        .filter(|p| p.indexable)
        .map(|p| sitemap::SitemapEntry {
            url: p.url.clone(),
            alternates: p.alternates.clone(),
        })
        .collect();
    files.push(sitemap::sitemap(&sitemap));
    files.push(sitemap::robots(site));
    stages.push(("feeds", t.elapsed()));

    if opts.search {
        let t = Instant::now();
        let index = crate::search::index_rendered(&files, &pages, site)?;
        files.extend(index);
        stages.push(("search", t.elapsed()));
    }
    // After the search index, which reads the pages' links as the site serves them.
    if opts.portable {
        write::make_portable(&mut files, crate::route::Urls::new(&site.config))?;
    }
    files.extend(write::static_files(&opts.root.join("static"))?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
