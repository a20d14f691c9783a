//! The shape of the code, checked: feature services never import each
//! other (they share `change` and `live_view`), and no two page modules
//! import each other.

use std::path::Path;

/// The first path segments that follow `super::` or `prefix::` in `text`,
/// including each member of a `{a, b::c}` group.
fn named_after(text: &str, prefix: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for marker in ["super::".to_string(), format!("{prefix}::")] {
        for (at, _) in text.match_indices(marker.as_str()) {
            let rest = &text[at + marker.len()..];
            match rest.strip_prefix('{') {
                Some(group) => {
                    let inner = &group[..group.find('}').unwrap_or(group.len())];
                    names.extend(inner.split(',').map(|p| ident(p.trim())));
                }
                None => names.push(ident(rest)),
            }
        }
    }
    names
}

/// The modules among `modules` that `file` imports.
fn imports_of(file: &str, prefix: &str, modules: &[String]) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("a source file");
    let named = named_after(&text, prefix);
    modules
        .iter()
        .filter(|m| named.iter().any(|n| n == *m))
        .cloned()
        .collect()
}

fn modules_in(dir: &str, except: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a source folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_suffix(".rs").map(str::to_string)
        })
        .filter(|n| n != "mod" && !except.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// Every import from one module of `dir` to another, except into `shared`.
fn cross_imports(dir: &str, prefix: &str, shared: &[&str]) -> Vec<String> {
    let modules = modules_in(dir, shared);
    let mut found = Vec::new();
    for module in &modules {
        let file = Path::new(dir).join(format!("{module}.rs"));
        let others: Vec<String> = modules.iter().filter(|m| *m != module).cloned().collect();
        for other in imports_of(file.to_str().expect("a path"), prefix, &others) {
            found.push(format!("{module} imports {other}"));
        }
    }
    found
}

#[test]
fn feature_services_never_import_each_other() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/service");
    let found = cross_imports(dir, "crate::service", &["change", "live_view"]);
    assert!(
        found.is_empty(),
        "feature services import each other: {found:?}"
    );
}

#[test]
fn page_modules_never_import_each_other() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/pages");
    let found = cross_imports(dir, "crate::web::pages", &[]);
    assert!(
        found.is_empty(),
        "page modules import each other: {found:?}"
    );
}

#[test]
fn the_import_check_sees_an_import_when_there_is_one() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("a.rs"), "use super::{self, b::Thing};\n").expect("a file");
    std::fs::write(dir.path().join("b.rs"), "pub struct Thing;\n").expect("a file");
    let found = cross_imports(dir.path().to_str().expect("a path"), "crate::x", &[]);
    assert_eq!(found, vec!["a imports b".to_string()]);
}
