//! Where a node of a YAML document stands, as the YAML parser reports it. The parser
//! gives positions only with errors, so the n-th item of a sequence is found by reading
//! past n items and raising an error at the next one.

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
}
