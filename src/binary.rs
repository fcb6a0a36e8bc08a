//! Reading the little-endian, length-prefixed fields that `build` keeps between runs (its
//! cache's header and search records, the search index's counts): every read is checked,
//! so damaged bytes give `None`, never a panic or a huge allocation. And the 128-bit hash
//! by which what is kept knows bytes it does not hold (an output file, a page's text).

/// The 128-bit hash of `bytes`: two different contents do not share one by chance. XXH3:
/// a build hashes every file it writes and every page's text, and SipHash took 2% of it.
pub fn hash128(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What is left of the bytes being read.
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.0.is_empty()
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    /// A count or a length written as a u32.
    pub fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }

    /// Bytes preceded by their length (u32).
    pub fn field(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        self.bytes(n)
    }

    /// UTF-8 text preceded by its length (u32).
    pub fn string(&mut self) -> Option<String> {
        let field = self.field()?;
        simdutf8::basic::from_utf8(field).ok().map(str::to_owned)
    }

    /// Numbers (u32 each) preceded by how many (u32).
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.count()?;
        let bytes = self.bytes(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_is_there_and_nothing_past_it() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice("水质x".as_bytes()[..3].as_ref());
        bytes.extend_from_slice(&2u32.to_le_bytes());
        bytes.extend_from_slice(&7u32.to_le_bytes());
        bytes.extend_from_slice(&9u32.to_le_bytes());
        let mut reader = Reader(&bytes);
        assert_eq!(reader.string().as_deref(), Some("水"));
        assert_eq!(reader.u32s(), Some(vec![7, 9]));
        assert!(reader.is_done());
        assert_eq!(reader.u32(), None);
        for end in 0..bytes.len() {
            let mut cut = Reader(&bytes[..end]);
            assert!(
                cut.string().is_none() || cut.u32s().is_none(),
                "cut at {end}"
            );
        }
        // A length past the end, and bytes that are not UTF-8.
        assert_eq!(Reader(&u32::MAX.to_le_bytes()).u32s(), None);
        assert_eq!(Reader(&[1, 0, 0, 0, 0xff]).string(), None);
        for bad in [
            &b"\xe5\xb1"[..],
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            "山\u{0}西".as_bytes(),
        ] {
            let mut field = (bad.len() as u32).to_le_bytes().to_vec();
            field.extend_from_slice(bad);
            let read = Reader(&field).string();
            assert_eq!(read.as_deref(), std::str::from_utf8(bad).ok(), "{bad:?}");
        }
    }
}
