//! Reading the route table's source: every `(method, path)` of the event
//! scope, for tests that must cover every route (the cross-event matrix).

/// Every `(method, path)` of the `/e/{slug}` scope, read from the route
/// table, following each `.configure(…)` into the function it names (a page
/// module's `routes`), so a route registered there cannot hide.
pub fn event_routes() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("src/web/mod.rs").expect("the route table");
    let scope = &text[text
        .find("web::scope(\"/e/{slug}\")")
        .expect("the event scope")..];
    routes_in(&scope.split_whitespace().collect::<String>())
}

/// The routes of flattened route-table code, with those of every function
/// it `.configure`s. Any other way to add routes (`.service(`) fails loudly,
/// as the reader would not see what it adds.
fn routes_in(flat: &str) -> Vec<(String, String)> {
    assert!(
        !flat.contains(".service(") && !flat.contains("web::resource("),
        "the event scope adds routes the matrix's reader does not follow: {flat}"
    );
    let mut routes: Vec<(String, String)> = flat
        .split(".route(\"")
        .skip(1)
        .filter_map(|rest| {
            let (path, after) = rest.split_once('"')?;
            let method = after.strip_prefix(",web::")?.split('(').next()?;
            Some((method.to_uppercase(), path.to_string()))
        })
        .collect();
    for rest in flat.split(".configure(").skip(1) {
        let name = rest.split(')').next().expect("a configured function");
        routes.extend(routes_in(&configured_fn(name)));
    }
    routes
}

/// The flattened body of a function passed to `.configure(…)`:
/// `module::routes` in `src/web/pages/module.rs`, or a plain name in
/// `src/web/mod.rs`.
fn configured_fn(name: &str) -> String {
    let (file, function) = match name.split_once("::") {
        Some((module, function)) => (format!("src/web/pages/{module}.rs"), function),
        None => ("src/web/mod.rs".to_string(), name),
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let start = text
        .find(&format!("fn {function}("))
        .unwrap_or_else(|| panic!("no fn {function} in {file}"));
    let body = &text[start..];
    let end = body.find("\n}").expect("the end of the function");
    body[..end].split_whitespace().collect()
}
