//! Where a node of a YAML document stands, as the YAML parser reports it. The parser
//! gives positions only with errors, so a node is found by reading up to it and raising
//! an error there (the n-th item of a sequence: read past n items, fail at the next).
//! Lines are never found by searching the text, which is fooled by comments, quoted
//! values and nesting. Each look-up parses again: they are made only for messages.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use std::fmt;

/// 1-based line (within `yaml`) where item `index` of the top-level sequence starts, or
/// `None` if there is no such item.
pub fn sequence_item_line(yaml: &str, index: usize) -> Option<usize> {
    let err = NthItem(index)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    err.to_string()
        .contains(HERE)
        .then(|| err.location())
        .flatten()
        .map(|l| l.line())
}

/// 1-based line (within `yaml`) where item `index` of the sequence under the top-level
/// key `key` starts (`observations:` of an indicator), or `None`.
pub fn item_line_under(yaml: &str, key: &str, index: usize) -> Option<usize> {
    let err = Under(key, index)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    err.to_string()
        .contains(HERE)
        .then(|| err.location())
        .flatten()
        .map(|l| l.line())
}

const HERE: &str = "shanshui: item found";

/// 1-based (line, column) of the error if it was raised at the node looked for.
fn position_of(err: serde_yaml::Error) -> Option<(usize, usize)> {
    err.to_string()
        .contains(HERE)
        .then(|| err.location())
        .flatten()
        .map(|l| (l.line(), l.column()))
}

/// One step down a YAML document: a key of a mapping, or an item of a sequence.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// 1-based (line, column in characters), within `yaml`, of the node at `path`; of the
/// last key itself rather than its value when `key` is set.
pub fn position(yaml: &str, path: &[Step], key: bool) -> Option<(usize, usize)> {
    Walk { path, key }
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()
        .and_then(position_of)
}

/// 1-based (line, column) of the second `key` of the first mapping, in document order,
/// that holds `key` twice: where a "duplicate key" is.
pub fn repeated_key(yaml: &str, key: &str) -> Option<(usize, usize)> {
    Repeated(key)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()
        .and_then(position_of)
}

/// Reads down `path` and fails at the node it ends on.
struct Walk<'p> {
    path: &'p [Step<'p>],
    key: bool,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.path.first() {
            None => Here.deserialize(d),
            Some(Step::Key(_)) => d.deserialize_map(self),
            Some(Step::Item(_)) => d.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping or a sequence")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (Some(Step::Key(want)), rest) = (self.path.first(), &self.path[1..]) else {
            return Ok(());
        };
        let fail = self.key && rest.is_empty();
        while let Some(found) = map.next_key_seed(KeyIs { want, fail })? {
            if found {
                return map.next_value_seed(Walk { path: rest, ..self });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (Some(&Step::Item(n)), rest) = (self.path.first(), &self.path[1..]) else {
            return Ok(());
        };
        for _ in 0..n {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Walk { path: rest, ..self })?;
        Ok(())
    }
}

/// Reads a key: whether it is `want`; fails on it, if `fail`.
struct KeyIs<'k> {
    want: &'k str,
    fail: bool,
}

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v == self.want {
            true if self.fail => Err(E::custom(HERE)),
            found => Ok(found),
        }
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// Reads the whole document and fails at the second `key` of a mapping.
#[derive(Clone, Copy)]
struct Repeated<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for Repeated<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Repeated<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = false;
        while let Some(found) = map.next_key_seed(KeyIs {
            want: self.0,
            fail: seen,
        })? {
            seen |= found;
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads a mapping up to `key`, then item `index` of its value.
struct Under<'k>(&'k str, usize);

impl<'de> DeserializeSeed<'de> for Under<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Under<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == self.0 {
                return map.next_value_seed(NthItem(self.1));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

struct NthItem(usize);

impl<'de> DeserializeSeed<'de> for NthItem {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for NthItem {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for _ in 0..self.0 {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Here)?;
        Ok(())
    }
}

/// Fails on the node it is asked to read, so the parser names that node's position.
struct Here;

impl<'de> DeserializeSeed<'de> for Here {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Here {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(HERE)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_the_parser_in_block_and_flow_style() {
        let yaml = "# places\n- {id: jinzhong}\n- id: jin\n  level: town\n\n- {id: taiyuan,\n   zh: 太原}\n";
        assert_eq!(sequence_item_line(yaml, 0), Some(2));
        assert_eq!(sequence_item_line(yaml, 1), Some(3));
        assert_eq!(sequence_item_line(yaml, 2), Some(6));
        assert_eq!(sequence_item_line(yaml, 3), None);
        assert_eq!(sequence_item_line("[{id: a}, {id: b}]", 1), Some(1));
        let indicator = "id: x\nobservations:\n  - {city: a}\n  # a comment with - dashes\n  - city: b\n    note: \"- not an item\"\n  - {city: c}\n";
        assert_eq!(item_line_under(indicator, "observations", 0), Some(3));
        assert_eq!(item_line_under(indicator, "observations", 1), Some(5));
        assert_eq!(item_line_under(indicator, "observations", 2), Some(7));
        assert_eq!(item_line_under(indicator, "observations", 3), None);
    }

    #[test]
    fn keys_values_and_items_are_found_by_the_parser() {
        use Step::*;
        let yaml = "# url: in a comment\ntitle: \"url: quoted\"\ndate: 2025年3月\ncities: [太原, jinzhog]\nsource:\n  publication: 日报\n  url: https://a.cn\nurl: top\n";
        assert_eq!(position(yaml, &[Key("url")], true), Some((8, 1)));
        assert_eq!(
            position(yaml, &[Key("source"), Key("url")], true),
            Some((7, 3))
        );
        // Columns count characters.
        assert_eq!(position(yaml, &[Key("date")], false), Some((3, 7)));
        assert_eq!(
            position(yaml, &[Key("cities"), Item(1)], false),
            Some((4, 14))
        );
        assert_eq!(position(yaml, &[Key("cities"), Item(2)], false), None);
        assert_eq!(position(yaml, &[Key("nope")], true), None);
        assert_eq!(position(yaml, &[Key("title"), Key("x")], true), None);
    }

    #[test]
    fn a_repeated_key_is_found_at_its_second_place() {
        let yaml = "title: a\nsource:\n  publication: x\n  page_title: y\n  publication: z\n";
        assert_eq!(repeated_key(yaml, "publication"), Some((5, 3)));
        assert_eq!(
            repeated_key("people:\n  - {name: a, name: b}\n", "name"),
            Some((2, 15))
        );
        assert_eq!(repeated_key("a: {b: 1}\nb: 2\n", "b"), None);
    }
}
