//! Reading a `multipart/form-data` body (a form with a file input) into
//! its named parts. Small on purpose: the only such form is the umbrella
//! import, whose body is already bounded and read whole.

/// One part of the form: its field name and its bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub content: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The name in a part's `Content-Disposition: form-data; name="…"` header.
fn part_name(headers: &str) -> Option<String> {
    headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?
        .split(';')
        .find_map(|p| {
            let p = p.trim();
            p.strip_prefix("name=")
                .map(|v| v.trim_matches('"').to_string())
        })
}

/// Every part of `body`, or `None` when the body is not well formed.
pub fn parts(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut rest = &body[find(body, &delimiter)? + delimiter.len()..];
    let mut parts = Vec::new();
    // After each delimiter: "--" ends the body, a line break starts a part.
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let headers = std::str::from_utf8(&rest[..head_end]).ok()?;
        let content_and_more = &rest[head_end + 4..];
        let mut next = b"\r\n".to_vec();
        next.extend_from_slice(&delimiter);
        let end = find(content_and_more, &next)?;
        parts.push(Part {
            name: part_name(headers)?,
            content: content_and_more[..end].to_vec(),
        });
        rest = &content_and_more[end + next.len()..];
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browsers_form_with_a_file_reads_as_its_parts() {
        let ct = "multipart/form-data; boundary=----WebKitFormBoundaryAbC";
        let b = boundary(ct).expect("a boundary");
        let body = "------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n\
             ------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.json\"\r\n\
             Content-Type: application/json\r\n\r\n{\"a\":\r\n1}\r\n------WebKitFormBoundaryAbC--\r\n";
        let parts = parts(body.as_bytes(), &b).expect("well formed");
        assert_eq!(
            parts[0],
            Part {
                name: "csrf".into(),
                content: b"tok".to_vec()
            }
        );
        assert_eq!(parts[1].name, "file");
        assert_eq!(parts[1].content, b"{\"a\":\r\n1}".to_vec());
        assert!(boundary("application/x-www-form-urlencoded").is_none());
        assert!(super::parts(b"garbage", &b).is_none());
    }
}
