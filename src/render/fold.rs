//! The templates with the values every page of a language shares written in. A page's
//! templates read many values that are the same on every page of its language: the UI
//! strings (`t.search`), the menu's links (`urls.cities`), the site's title. Tera looks
//! each one up by name, on every page, through its stack of frames and two ordered maps,
//! making a string for each part of the name: the chrome of `base.html` alone was 13% of a
//! 10,000-article build's CPU, most of it such lookups.
//! Here a copy of the templates for each language has those names replaced by their
//! values once, before any page is rendered, and the pages come out byte for byte the
//! same (a test renders the portal both ways).
//!
//! A name is written in only where it can mean nothing else:
//! - its first part is a key of the shared context that no template binds (`set`,
//!   `set_global`, `for`, a macro's argument), so no frame can hide it;
//! - it is a plain dotted name whose value is a string (Tera has no literal for the rest);
//! - it carries no filter, and is not an operand of a numeric comparison or of
//!   arithmetic, where Tera reads a literal otherwise than a name.
//!
//! A value printed as it is becomes text, escaped as Tera would escape it; elsewhere (a
//! condition, a `set`, a filter's argument) it becomes a string literal, which Tera
//! escapes and compares as it did the name's value. A page whose own context replaces one
//! of these keys is rendered with the templates as written ([`Folded::holds_for`]).

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use tera::ast::{Expr, ExprVal, LogicOperator, Node};
use tera::Tera;

/// A language's copy of the templates, and the keys of the shared context written into it.
pub struct Folded {
    pub tera: Tera,
    keys: Vec<String>,
}

impl Folded {
    /// A copy of `tera` with the values of `shared` (a language's shared context) written
    /// in; `escape` is the escape Tera was given.
    pub fn new(tera: &Tera, shared: &Value, escape: fn(&str) -> String) -> Folded {
        let mut tera = tera.clone();
        let bound = bound_names(&tera);
        let keys: Vec<String> = match shared {
            Value::Object(map) => map
                .keys()
                .filter(|k| !bound.contains(*k))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        // Tera escapes what a page prints when the template it renders ends with one of
        // these; text written in is escaped only if every template would be.
        let suffixes = tera.autoescape_suffixes.clone();
        let escaped = tera
            .templates
            .keys()
            .all(|name| suffixes.iter().any(|s| name.ends_with(s)));
        let folder = Folder {
            shared,
            keys: keys.iter().map(String::as_str).collect(),
            escape: escaped.then_some(escape),
        };
        for template in tera.templates.values_mut() {
            folder.nodes(&mut template.ast);
            for definitions in template.blocks_definitions.values_mut() {
                for (_, block) in definitions {
                    folder.nodes(&mut block.body);
                }
            }
            for block in template.blocks.values_mut() {
                folder.nodes(&mut block.body);
            }
            for definition in template.macros.values_mut() {
                folder.macro_definition(definition);
            }
        }
        Folded { tera, keys }
    }

    /// Whether a page with `own` context (laid over the shared one) may be rendered with
    /// these templates: it replaces none of the values written in.
    pub fn holds_for(&self, own: &tera::Context) -> bool {
        !self.keys.iter().any(|key| own.contains_key(key))
    }
}

/// Every name a template binds: what it sets, its loops' variables, its macros' arguments
/// and the names it imports macros as.
fn bound_names(tera: &Tera) -> BTreeSet<String> {
    fn walk(nodes: &[Node], out: &mut BTreeSet<String>) {
        for node in nodes {
            match node {
                Node::Set(_, set) => {
                    out.insert(set.key.clone());
                }
                Node::Forloop(_, forloop, _) => {
                    out.extend(forloop.key.clone());
                    out.insert(forloop.value.clone());
                    walk(&forloop.body, out);
                    walk(forloop.empty_body.as_deref().unwrap_or_default(), out);
                }
                Node::MacroDefinition(_, definition, _) => {
                    out.extend(definition.args.keys().cloned());
                    walk(&definition.body, out);
                }
                Node::ImportMacro(_, _, namespace) => {
                    out.insert(namespace.clone());
                }
                Node::Block(_, block, _) => walk(&block.body, out),
                Node::FilterSection(_, section, _) => walk(&section.body, out),
                Node::If(branches, _) => {
                    for (_, _, body) in &branches.conditions {
                        walk(body, out);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        walk(body, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    for template in tera.templates.values() {
        walk(&template.ast, &mut out);
        for definition in template.macros.values() {
            out.extend(definition.args.keys().cloned());
            walk(&definition.body, &mut out);
        }
    }
    out
}

struct Folder<'a> {
    shared: &'a Value,
    keys: BTreeSet<&'a str>,
    /// Tera's escape, if what it prints is escaped.
    escape: Option<fn(&str) -> String>,
}

impl Folder<'_> {
    /// The string `name` stands for, if it is one written in.
    fn value(&self, name: &str) -> Option<&str> {
        let mut parts = name.split('.');
        let first = parts.next()?;
        if !self.keys.contains(first) {
            return None;
        }
        let mut value = self.shared.get(first)?;
        for part in parts {
            let plain = !part.is_empty()
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !part.starts_with(|c: char| c.is_ascii_digit());
            value = value.as_object().filter(|_| plain)?.get(part)?;
        }
        value.as_str()
    }

    fn nodes(&self, nodes: &mut [Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&self, node: &mut Node) {
        match node {
            Node::VariableBlock(_, expr) => {
                let printed = match (&expr.val, self.escape) {
                    (ExprVal::Ident(name), Some(escape)) if is_plain(expr) => {
                        self.value(name).map(escape)
                    }
                    _ => None,
                };
                match printed {
                    Some(text) => *node = Node::Text(text),
                    None => self.expr(expr),
                }
            }
            Node::Set(_, set) => self.expr(&mut set.value),
            Node::FilterSection(_, section, _) => {
                self.args(&mut section.filter.args);
                self.nodes(&mut section.body);
            }
            Node::Block(_, block, _) => self.nodes(&mut block.body),
            Node::Forloop(_, forloop, _) => {
                self.expr(&mut forloop.container);
                self.nodes(&mut forloop.body);
                if let Some(body) = &mut forloop.empty_body {
                    self.nodes(body);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &mut branches.conditions {
                    self.expr(condition);
                    self.nodes(body);
                }
                if let Some((_, body)) = &mut branches.otherwise {
                    self.nodes(body);
                }
            }
            Node::MacroDefinition(_, definition, _) => self.macro_definition(definition),
            _ => {}
        }
    }

    fn macro_definition(&self, definition: &mut tera::ast::MacroDefinition) {
        for default in definition.args.values_mut().flatten() {
            self.expr(default);
        }
        self.nodes(&mut definition.body);
    }

    fn expr(&self, expr: &mut Expr) {
        for filter in &mut expr.filters {
            self.args(&mut filter.args);
        }
        if expr.filters.is_empty() {
            if let ExprVal::Ident(name) = &expr.val {
                if let Some(value) = self.value(name) {
                    expr.val = ExprVal::String(value.to_owned());
                }
                return;
            }
        }
        match &mut expr.val {
            ExprVal::Logic(logic) => match logic.operator {
                // Tera compares these as numbers, and a literal string fails otherwise.
                LogicOperator::Gt | LogicOperator::Gte | LogicOperator::Lt | LogicOperator::Lte => {
                }
                _ => {
                    self.expr(&mut logic.lhs);
                    self.expr(&mut logic.rhs);
                }
            },
            ExprVal::In(within) => {
                self.expr(&mut within.lhs);
                self.expr(&mut within.rhs);
            }
            ExprVal::Test(test) => test.args.iter_mut().for_each(|arg| self.expr(arg)),
            ExprVal::MacroCall(call) => self.args(&mut call.args),
            ExprVal::FunctionCall(call) => self.args(&mut call.args),
            ExprVal::Array(items) => items.iter_mut().for_each(|item| self.expr(item)),
            ExprVal::StringConcat(concat) => {
                for part in &mut concat.values {
                    if let ExprVal::Ident(name) = part {
                        if let Some(value) = self.value(name) {
                            *part = ExprVal::String(value.to_owned());
                        }
                    }
                }
            }
            // Arithmetic: a string is an error either way, but another one.
            _ => {}
        }
    }

    fn args(&self, args: &mut HashMap<String, Expr>) {
        args.values_mut().for_each(|arg| self.expr(arg));
    }
}

/// An expression that is its value alone: no filter, no `not`.
fn is_plain(expr: &Expr) -> bool {
    expr.filters.is_empty() && !expr.negated
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;")
    }

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        tera.add_raw_templates(templates.to_vec())
            .expect("templates parse");
        tera
    }

    fn shared() -> Value {
        json!({"t": {"home": "首页 & <b>", "sep": " · ", "empty": ""}, "title": "站点",
               "count": 3, "missing": null, "urls": {"a": "/a/"}})
    }

    /// What `name` renders to with the templates as written and with the values written in.
    fn both(tera: &Tera, name: &str, own: &tera::Context) -> (String, String) {
        let folded = Folded::new(tera, &shared(), escape);
        let mut ctx = tera::Context::from_value(shared()).expect("an object");
        ctx.extend(own.clone());
        let render = |t: &Tera| t.render(name, &ctx).expect("renders");
        (render(tera), render(&folded.tera))
    }

    /// The names still looked up in `name`'s nodes, printed or anywhere in an expression.
    fn looked_up(tera: &Tera, name: &str) -> String {
        format!("{:?}", tera.templates[name].ast)
    }

    #[test]
    fn shared_values_are_written_in_wherever_they_are_read() {
        let t = tera(&[
            (
                "base.html",
                "<h1>{{ title }}</h1>{% block body %}{% endblock body %}",
            ),
            (
                "page.html",
                r#"{% extends "base.html" %}{% block body %}{{ t.home }}{% if t.empty %}x{% elif not t.empty %}y{% endif %}{% set here = urls.a %}{% if here == urls.a %}={% endif %}{% if "/a" in urls.a %}in{% endif %}{{ t.sep ~ title }}{{ t.home | length }}{{ page | default(value=title) }}{% include "part.html" %}{% endblock body %}"#,
            ),
            ("part.html", "[{{ t.home }}|{{ count }}|{{ missing }}]"),
        ]);
        let (as_written, folded) = both(&t, "page.html", &tera::Context::new());
        assert_eq!(folded, as_written);
        assert_eq!(
            folded,
            "<h1>站点</h1>首页 &amp; &lt;b>y=in · 站点8站点[首页 &amp; &lt;b>|3|]"
        );
        let folded = Folded::new(&t, &shared(), escape);
        // Printed values became text; numbers, nulls and filtered names are still looked up.
        let part = looked_up(&folded.tera, "part.html");
        assert!(!part.contains("\"t.home\""), "{part}");
        assert!(
            part.contains("\"count\"") && part.contains("\"missing\""),
            "{part}"
        );
        let page = format!(
            "{:?}",
            folded.tera.templates["page.html"].blocks_definitions
        );
        for name in ["\"urls.a\"", "\"t.sep\"", "\"t.empty\""] {
            assert!(!page.contains(name), "{name} in {page}");
        }
        assert!(
            page.contains("\"t.home\""),
            "the filtered one stays: {page}"
        );
    }

    #[test]
    fn a_name_a_template_binds_is_left_to_tera() {
        let t = tera(&[
            (
                "a.html",
                r#"{% set t = "set" %}{{ t }}{% include "b.html" %}"#,
            ),
            (
                "b.html",
                "{{ title }}{% for urls in [1] %}{{ urls }}{% endfor %}",
            ),
            ("c.html", "{% macro m(title) %}{{ title }}{% endmacro m %}"),
        ]);
        let (as_written, folded) = both(&t, "a.html", &tera::Context::new());
        assert_eq!(folded, as_written);
        assert_eq!(folded, "set站点1");
        let folded = Folded::new(&t, &shared(), escape);
        assert!(looked_up(&folded.tera, "b.html").contains("\"title\""));
        assert!(folded.holds_for(&tera::Context::new()));
    }

    #[test]
    fn a_page_that_replaces_a_shared_value_is_not_rendered_with_it_written_in() {
        let t = tera(&[("a.html", "{{ title }}")]);
        let folded = Folded::new(&t, &shared(), escape);
        let mut own = tera::Context::new();
        own.insert("latest", &1);
        assert!(folded.holds_for(&own));
        own.insert("title", "文章");
        assert!(!folded.holds_for(&own));
    }

    #[test]
    fn nothing_is_written_in_where_tera_would_not_escape_it() {
        let mut t = tera(&[("a.html", "{{ t.home }}")]);
        t.add_raw_template("feed.txt", "{{ t.home }}")
            .expect("parses");
        let folded = Folded::new(&t, &shared(), escape);
        // (A literal is escaped, or not, by Tera as the name's value was.)
        let ctx = tera::Context::from_value(shared()).expect("an object");
        for name in ["a.html", "feed.txt"] {
            assert_eq!(
                folded.tera.render(name, &ctx).expect("renders"),
                t.render(name, &ctx).expect("renders")
            );
        }
        assert_eq!(
            folded.tera.render("feed.txt", &ctx).expect("renders"),
            "首页 & <b>"
        );
    }
}
