//! What a shard of the index holds for a term or a key: shared by the index writer and
//! the keys (names, aliases, equivalents) it adds, which are written the same way.

/// What a shard holds for a term or a key.
pub enum Entry {
    List(Vec<u32>),
    /// A word whose stem differs, or a traditional character: the query follows it.
    Alias(String),
    /// The pages a name names.
    Docs(Vec<u32>),
    /// Equivalents of a phrase, or the words a deletion comes from.
    Words(Vec<String>),
}
