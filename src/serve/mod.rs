//! `serve`: build into memory, serve on 127.0.0.1, watch the portal's folders, rebuild
//! what a change affects, and reload open pages. Never writes into `site/`.

mod conn;
mod desk;
mod desk_figures;
mod desk_form;
mod http;
mod messages;
mod rebuild;

use crate::messages as M;
use crate::model::BaseUrl;
use crate::pipeline::BuildOptions;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    pub search: bool,
}

/// What is being served, swapped as a whole after each successful rebuild.
pub type Files = Arc<BTreeMap<String, Arc<Vec<u8>>>>;

/// State shared by the HTTP threads and the rebuilder.
pub struct Shared {
    state: Mutex<Served>,
    changed: Condvar,
}

#[derive(Clone)]
struct Served {
    files: Files,
    /// Bumped on every rebuild attempt; open pages reload when it moves.
    version: u64,
    /// The last rebuild's problems, shown over the page until fixed.
    error: Option<String>,
}

impl Shared {
    fn snapshot(&self) -> Served {
        self.state
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    fn publish(&self, files: Option<Files>, error: Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(files) = files {
            state.files = files;
        }
        state.error = error;
        state.version += 1;
        self.changed.notify_all();
    }

    /// New files that no open page needs to reload for (a fresh search index).
    fn publish_quietly(&self, files: Files) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.files = files;
    }

    /// Waits until the version differs from `seen` (or `timeout` passes).
    fn wait_change(&self, seen: u64, timeout: Duration) -> Served {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.version == seen)
            .unwrap_or_else(|p| p.into_inner());
        state.clone()
    }
}

pub fn run(mut opts: ServeOptions) -> Result<()> {
    // Watch events name absolute paths; compare them with an absolute root.
    opts.root = std::fs::canonicalize(&opts.root)
        .with_context(|| M::SERVE_NO_ROOT.say(&[("path", &opts.root.display())]))?;
    let base_url = format!("http://127.0.0.1:{}/", opts.port);
    let build = BuildOptions {
        root: opts.root.clone(),
        out: None,
        base_url: Some(BaseUrl::parse(&base_url).map_err(|why| anyhow::anyhow!(why))?),
        drafts: opts.drafts,
        search: opts.search,
        portable: false,
    };
    let started = std::time::Instant::now();
    let mut builder = rebuild::Builder::new(build);
    let (files, error) = match builder.full() {
        Ok(files) => (files, None),
        Err(diags) => {
            crate::eprint_escaped!("{diags}");
            (Arc::new(BTreeMap::new()), Some(diags))
        }
    };
    match &error {
        None => crate::println_escaped!(
            "{}",
            M::SERVE_BUILT.say(&[
                ("files", &files.len()),
                ("ms", &started.elapsed().as_millis())
            ])
        ),
        Some(_) => crate::println_escaped!("{}", M::SERVE_BUILD_FAILED.say(&[])),
    }
    let shared = Arc::new(Shared {
        state: Mutex::new(Served {
            files,
            version: 1,
            error,
        }),
        changed: Condvar::new(),
    });

    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| {
        anyhow::anyhow!(M::SERVE_CANNOT_LISTEN.say(&[
            ("port", &opts.port),
            ("why", &e),
            ("other", &opts.port.wrapping_add(1).max(1024)),
        ]))
    })?;
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher =
        notify::recommended_watcher(tx).context(M::SERVE_CANNOT_WATCH_FOLDERS.say(&[]))?;
    let rebuild_shared = Arc::clone(&shared);
    let root = opts.root.clone();
    let (watching, ready) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        rebuild::watch_loop(builder, watcher, &root, rx, &rebuild_shared, &watching)
    });
    // Say where to look only once an edit made from there would be seen.
    let _ = ready.recv();
    let desk = desk::Desk::new(&opts.root, opts.port)
        .map_err(|e| anyhow::anyhow!(M::SERVE_NO_DESK_TOKEN.say(&[("why", &e)])))?;
    let serving = M::SERVE_SERVING.say(&[("url", &base_url)]);
    crate::println_escaped!("{serving}");
    crate::println_escaped!("{}", M::SERVE_DESK.say(&[("url", &desk.url())]));
    if opts.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&base_url)
        .spawn();
    }
    let handler_shared = Arc::clone(&shared);
    conn::run(listener, move |request| {
        if request.path_and_query().0.starts_with(desk::PREFIX) {
            desk.respond(request)
        } else {
            http::respond(request, &handler_shared)
        }
    })
    .context(M::SERVE_NO_THREADS.say(&[]))
}
