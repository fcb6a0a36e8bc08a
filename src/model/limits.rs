//! Bounds the model puts on figures and addresses, so that what passes validation can be
//! drawn, linked and loaded in time proportional to its size.

/// The largest magnitude an observation or a standard may have. Charts compute their
/// scale from the values; near the largest float that scale becomes infinite. No
/// environmental figure comes near 10^15 in any unit the portal uses.
pub const MAX_VALUE: f64 = 1e15;

/// What is wrong with a figure, if anything: not a number, or too large to draw.
pub fn value_problem(value: f64) -> Option<String> {
    if !value.is_finite() {
        Some(format!("value `{value}` is not a number"))
    } else if value.abs() > MAX_VALUE {
        Some(format!(
            "value {value:e} is out of range (at most {MAX_VALUE:e} either way)"
        ))
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
    Ok(())
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
        for ok in [("a.cn", ""), ("a.cn:8080", "portal/"), ("a.cn", "x/y")] {
            assert_eq!(check_base_url(ok.0, ok.1), Ok(()), "{ok:?}");
        }
        for bad in [
            ("a.cn", "/portal/"),
            ("a.cn", "portal//x"),
            ("a.cn", "portal//"),
            ("user@evil.cn", ""),
            ("a.cn", "x\u{1}"),
        ] {
            assert!(check_base_url(bad.0, bad.1).is_err(), "{bad:?}");
        }
    }
}
