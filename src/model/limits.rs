//! Bounds the model puts on figures and addresses, so that what passes validation can be
//! drawn, linked and loaded in time proportional to its size.

/// The largest magnitude an observation or a standard may have. Charts compute their
/// scale from the values; near the largest float that scale becomes infinite. No
/// environmental figure comes near 10^15 in any unit the portal uses.
pub const MAX_VALUE: f64 = 1e15;

/// What is wrong with a figure, if anything: not a number, or too large to draw.
pub fn value_problem(value: f64) -> Option<crate::messages::Said> {
    use crate::messages::{NOT_A_NUMBER, VALUE_OUT_OF_RANGE};
    if !value.is_finite() {
        Some(NOT_A_NUMBER.both(&[("value", &value)]))
    } else if value.abs() > MAX_VALUE {
        let (value, max) = (format!("{value:e}"), format!("{MAX_VALUE:e}"));
        Some(VALUE_OUT_OF_RANGE.both(&[("value", &value), ("max", &max)]))
    } else {
        None
    }
}

/// Checks the host and path of a base URL (the part after `scheme://`): an empty path
/// segment would make links start with `//`, which browsers read as another host.
pub fn check_base_url(host: &str, path: &str) -> Result<(), String> {
    if host.contains(|c: char| c.is_control() || matches!(c, '@' | '\\' | '%')) {
        return Err("the host may hold only a name or an address and a port".into());
    }
    if path.contains(char::is_control) {
        return Err("the path holds a control character".into());
    }
    if path.contains("//") || path.starts_with('/') {
        return Err("the path has an empty segment (`//`); write each `/` once".into());
    }
    check_port(host)?;
    for segment in path.split('/') {
        let decoded = percent_decoded(segment)
            .ok_or("a `%` in the path must start an escape of two hex digits, such as %20")?;
        // What an escape stands for is checked as if written plainly: a server decodes
        // `%2e%2e` to `..` and `%00` to a NUL.
        if decoded == b".." || decoded == b"." {
            return Err(format!("the path segment `{segment}` means `{}`, which leaves the folder; write plain names", String::from_utf8_lossy(&decoded)));
        }
        if decoded
            .iter()
            .any(|&b| b < 0x20 || b == 0x7f || b == b'/' || b == b'\\')
        {
            return Err(format!(
                "the path segment `{segment}` hides a control character or a slash in an escape"
            ));
        }
    }
    Ok(())
}

/// The port of `host:port`, if one is written, must be a number from 1 to 65535.
fn check_port(host: &str) -> Result<(), String> {
    // An IPv6 address is written in brackets and holds colons of its own.
    let after_address = host.rfind(']').map_or(host, |i| &host[i + 1..]);
    let Some((_, port)) = after_address.rsplit_once(':') else {
        return Ok(());
    };
    match port.parse::<u16>() {
        Ok(p) if p > 0 && port.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        _ => Err(format!(
            "the port `{port}` is not a port: a number from 1 to 65535"
        )),
    }
}

/// The bytes `segment` stands for, its `%XX` escapes decoded; `None` for a `%` not
/// followed by two hex digits.
fn percent_decoded(segment: &str) -> Option<Vec<u8>> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_must_be_finite_and_drawable() {
        assert_eq!(value_problem(66.9), None);
        assert_eq!(value_problem(-1e15), None);
        for bad in [f64::NAN, f64::INFINITY, 1.79e308, -2e15] {
            assert!(value_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn base_url_paths_have_no_empty_segment() {
        for ok in [
            ("a.cn", ""),
            ("a.cn:8080", "portal/"),
            ("a.cn", "x/y"),
            ("a.cn:65535", "%E9%97%A8%E6%88%B7/"),
            ("[::1]:8080", "x"),
            ("[::1]", ""),
            ("a.cn", "a%20b/.well"),
        ] {
            assert_eq!(check_base_url(ok.0, ok.1), Ok(()), "{ok:?}");
        }
        for bad in [
            ("a.cn", "/portal/"),
            ("a.cn", "portal//x"),
            ("a.cn", "portal//"),
            ("user@evil.cn", ""),
            ("a.cn", "x\u{1}"),
            ("a.cn", "%2e%2e/x"),
            ("a.cn", "x/%2E"),
            ("a.cn", ".%2e"),
            ("a.cn", "x%00"),
            ("a.cn", "a%2fb"),
            ("a.cn", "a%5Cb"),
            ("a.cn", "a%zz"),
            ("a.cn", "a%2"),
            ("a.cn:99999", ""),
            ("a.cn:0", ""),
            ("a.cn:", ""),
            ("a.cn:+80", ""),
            ("a.cn:http", ""),
            ("[::1]:70000", ""),
        ] {
            assert!(check_base_url(bad.0, bad.1).is_err(), "{bad:?}");
        }
    }
}
