//! Way-finding contexts: the About page, and what a place page without articles offers
//! instead (its prefecture's figures, the places near it, the province map).

use super::super::bodies::{self, BodyText};
use super::super::views::CityView;
use super::super::{indicators, tilemap, Renderer};
use crate::diag::Diagnostic;
use crate::model::{Lang, Level, Site};
use tera::Context;

impl Renderer<'_> {
    /// The About page: its text, who edits the portal and, if site.yaml gives one, how to
    /// reach them.
    pub(super) fn about_context(
        &self,
        ctx: &mut Context,
        lang: Lang,
    ) -> Result<(String, String), Vec<Diagnostic>> {
        let site = self.site;
        let Some(about) = &site.about else {
            return Ok(Default::default());
        };
        let text = about.text(lang);
        let body = bodies::render_body(&site.config, &text.body, lang);
        let errors = bodies::body_errors(
            BodyText {
                path: &text.path,
                body: &text.body,
                body_line: text.body_line,
                lang,
            },
            &body,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        ctx.insert("body", &body.html);
        ctx.insert("toc", &body.toc);
        ctx.insert("contact", &site.config.contact);
        Ok((text.title.clone(), text.summary.clone().unwrap_or_default()))
    }

    /// A place without articles still leads somewhere: for a county its prefecture's
    /// figures, the places near it, and the province map.
    pub(super) fn empty_city_context(&self, ctx: &mut Context, lang: Lang, i: usize) {
        let site = self.site;
        let city = &site.cities[i];
        let mut parent_figures = match (city.level, &city.parent) {
            (Level::County, Some(parent)) => indicators::city_indicators(site, lang, parent),
            _ => Vec::new(),
        };
        // The most recent few; the prefecture's page, one link away, has them all.
        parent_figures.sort_by_key(|f| std::cmp::Reverse(f.latest.year));
        parent_figures.truncate(PARENT_FIGURES);
        ctx.insert("parent_figures", &parent_figures);
        let nearby: Vec<&CityView> = nearby(site, i)
            .into_iter()
            .map(|j| &self.shared(lang).cities[j])
            .collect();
        ctx.insert("nearby", &nearby);
        ctx.insert("tile_map", &site_tile_map(site, lang));
    }
}

/// The province map of the home page and the places list.
pub(super) fn site_tile_map(site: &Site, lang: Lang) -> Option<tilemap::TileMapView> {
    tilemap::site_map_indicator(site).and_then(|ind| tilemap::tile_map(site, lang, ind))
}

/// How many places the empty page of a prefecture suggests.
const NEARBY: usize = 4;

/// How many fellow counties the empty page of a county suggests (a Shanxi prefecture
/// has at most 23, all shown; a registry with more shows those around it).
const NEARBY_COUNTIES: usize = 24;

/// How many of its prefecture's figures the empty page of a county shows.
const PARENT_FIGURES: usize = 6;

/// Places near place `i` (positions in `site.cities`): a county's fellow counties, or
/// the prefectures nearest to a prefecture by the coordinates of their seats.
fn nearby(site: &Site, i: usize) -> Vec<usize> {
    let city = &site.cities[i];
    match city.level {
        Level::Province => Vec::new(),
        Level::County => {
            // The parent's list of children, not a search of every place: with 10,000
            // counties a page lists at most NEARBY_COUNTIES, those beside it in the registry.
            let siblings: &[String] = city
                .parent
                .as_deref()
                .and_then(|p| site.city(p))
                .map_or(&[], |p| p.children.as_slice());
            let at = siblings.iter().position(|id| *id == city.id).unwrap_or(0);
            let start = at
                .saturating_sub(NEARBY_COUNTIES / 2)
                .min(siblings.len().saturating_sub(NEARBY_COUNTIES + 1));
            siblings
                .iter()
                .skip(start)
                .filter(|id| **id != city.id)
                .take(NEARBY_COUNTIES)
                .filter_map(|id| site.city_position(id))
                .collect()
        }
        Level::Prefecture => {
            let (Some(lat), Some(lon)) = (city.lat, city.lon) else {
                return Vec::new();
            };
            let shrink = lat.to_radians().cos();
            let mut by_distance: Vec<(f64, usize)> = site
                .cities
                .iter()
                .enumerate()
                .filter(|(j, c)| *j != i && c.level == Level::Prefecture)
                .filter_map(|(j, c)| {
                    let (dy, dx) = (c.lat? - lat, (c.lon? - lon) * shrink);
                    Some((dx * dx + dy * dy, j))
                })
                .collect();
            let nearest_first =
                |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            // The nearest few picked in linear time, then sorted: not a sort of every place.
            if by_distance.len() > NEARBY {
                by_distance.select_nth_unstable_by(NEARBY, nearest_first);
                by_distance.truncate(NEARBY);
            }
            by_distance.sort_by(nearest_first);
            by_distance
                .into_iter()
                .take(NEARBY)
                .map(|(_, j)| j)
                .collect()
        }
    }
}
