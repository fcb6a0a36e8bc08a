//! YAML aliases bounded. An anchor (`&a`) names a value that each alias (`*a`) repeats:
//! a 1 MB string anchored once and aliased 10,000 times is 10 GB once read, and nested
//! lists of aliases grow tenfold a line. Content has no need of them, but a shared
//! value is harmless: what is refused is a document that aliases make much larger than
//! it is written, measured before anything is built from it.

use crate::diag::Diagnostic;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use std::fmt;
use std::path::Path;

/// What a value weighs beyond its text (a list, a key, a number), in bytes: about what
/// it costs in memory once read.
const NODE_WEIGHT: usize = 16;

/// How much larger than its text a document may grow: aliases may repeat it about once
/// more, plus a fixed allowance for small files.
fn budget(yaml: &str) -> usize {
    2 * yaml.len() + 64 * 1024
}

/// An error at the first alias if the aliases of `yaml` (starting at `first_line` of
/// `path`) expand it beyond its budget; `None` otherwise, also when it does not parse
/// (the parse that follows reports that, with its position).
pub fn too_large(path: &Path, yaml: &str, first_line: usize) -> Option<Diagnostic> {
    // An alias is written with `*`.
    if !yaml.contains('*') {
        return None;
    }
    let mut left = budget(yaml);
    let over = Measure { left: &mut left }
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()
        .is_some_and(|e| e.to_string().contains(OVER));
    if !over {
        return None;
    }
    let line = first_alias_line(yaml).unwrap_or(1);
    let mut d = Diagnostic::error(
        path,
        line + first_line - 1,
        crate::messages::ALIASES_TOO_BIG.both(&[
            ("expanded", &(budget(yaml) / 1024)),
            ("written", &yaml.len().div_ceil(1024)),
        ]),
    )
    .hint(crate::messages::ALIASES_HINT.both(&[]));
    d.source_line = yaml
        .lines()
        .nth(line - 1)
        .map(|l| crate::diag::excerpt(l, 0).into());
    Some(d)
}

const OVER: &str = "shanshui: aliases expand beyond the budget";

/// 1-based line of the first `*name` that stands where a value starts (after a space,
/// `[`, `{`, `,` or at the start of a line); only for placing the message.
fn first_alias_line(yaml: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.match_indices('*').any(|(i, _)| {
                let before = line[..i].chars().next_back();
                let after = line[i + 1..].chars().next();
                before.is_none_or(|c| c.is_whitespace() || matches!(c, '[' | '{' | ',' | '-' | ':'))
                    && after.is_some_and(|c| !c.is_whitespace() && c != '*')
            })
        })
        .map(|i| i + 1)
}

/// Walks a document as the parser expands it, taking each value's weight off `left`,
/// and fails as soon as nothing is left: the work done is bounded by the budget, not by
/// the expanded size.
struct Measure<'a> {
    left: &'a mut usize,
}

impl Measure<'_> {
    fn take<E: de::Error>(&mut self, weight: usize) -> Result<(), E> {
        match self.left.checked_sub(weight + NODE_WEIGHT) {
            Some(rest) => {
                *self.left = rest;
                Ok(())
            }
            None => Err(E::custom(OVER)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.take(0)
    }
    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.take(0)
    }
    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.take(0)
    }
    fn visit_i128<E: de::Error>(mut self, _: i128) -> Result<(), E> {
        self.take(0)
    }
    fn visit_u128<E: de::Error>(mut self, _: u128) -> Result<(), E> {
        self.take(0)
    }
    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.take(0)
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.take(v.len())
    }
    fn visit_bytes<E: de::Error>(mut self, v: &[u8]) -> Result<(), E> {
        self.take(v.len())
    }
    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.take(0)
    }
    fn visit_none<E: de::Error>(mut self) -> Result<(), E> {
        self.take(0)
    }
    fn visit_some<D: Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.take(0)?;
        Measure { left: self.left }.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.take(0)?;
        Measure { left: self.left }.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.take(0)?;
        while seq
            .next_element_seed(Measure { left: self.left })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.take(0)?;
        while map.next_key_seed(Measure { left: self.left })?.is_some() {
            map.next_value_seed(Measure { left: self.left })?;
        }
        Ok(())
    }
    fn visit_enum<A: EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        self.take(0)?;
        let ((), variant) = data.variant_seed(Measure { left: self.left })?;
        variant.newtype_variant_seed(Measure { left: self.left })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(yaml: &str) -> bool {
        too_large(Path::new("x.yaml"), yaml, 1).is_some()
    }

    #[test]
    fn a_large_string_aliased_many_times_is_refused_at_its_first_alias() {
        let big = "x".repeat(100_000);
        let yaml = format!("a: &s \"{big}\"\nb: [{}]\n", vec!["*s"; 50].join(", "));
        let d = too_large(Path::new("x.md"), &yaml, 2).expect("refused");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("aliases"), "{d}");
    }

    #[test]
    fn nested_aliases_are_refused_however_small_their_values() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..6 {
            yaml.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        assert!(refused(&yaml));
        // A tagged value is walked too.
        let tagged = yaml.replace("a5: &a5 [", "a5: !t [");
        assert!(refused(&tagged));
    }

    #[test]
    fn a_shared_value_and_documents_without_aliases_pass() {
        assert!(!refused("a: &s 汾河\nb: *s\nc: [*s, *s]\n"));
        assert!(!refused("title: \"a * b\"\nsummary: 2*3\n"));
        let long = format!("body: \"{}\"\n", "长".repeat(300_000));
        assert!(!refused(&long));
        assert!(!refused("a: [unclosed\n"));
    }
}
