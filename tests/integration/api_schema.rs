//! A small JSON Schema check for the API tests: does a response match the
//! schema its OpenAPI document gives? Types (including 3.1's type lists),
//! required fields, no field the document does not describe, enums, items,
//! `$ref` into the components and oneOf/anyOf/allOf.

use serde_json::Value;

/// The schema of a path's 200 JSON response, as the document describes it.
pub fn response_schema<'a>(doc: &'a Value, path: &str) -> &'a Value {
    let schema =
        &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "the document describes the 200 response of {path}"
    );
    schema
}

/// Checks `value` against `schema`; the error names where they differ.
pub fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .ok_or_else(|| format!("{at}: unexpected reference {reference}"))?;
        let target = &doc["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: {reference} is not in the components"));
        }
        return check(doc, target, value, at);
    }
    for sub in schema["allOf"].as_array().into_iter().flatten() {
        check(doc, sub, value, at)?;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alternatives) = schema[key].as_array()
            && !alternatives
                .iter()
                .any(|s| check(doc, s, value, at).is_ok())
        {
            return Err(format!(
                "{at}: {value} matches none of {key} {alternatives:?}"
            ));
        }
    }
    if let Some(kind) = schema.get("type") {
        let kinds: Vec<&str> = match kind {
            Value::String(s) => vec![s.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !kinds.iter().any(|k| is_a(k, value)) {
            return Err(format!("{at}: {value} is not of type {kinds:?}"));
        }
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let (Value::Object(fields), Some(properties)) = (value, schema["properties"].as_object()) {
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !fields.contains_key(name) {
                return Err(format!("{at}: the required field {name} is missing"));
            }
        }
        for (name, field) in fields {
            let described = properties
                .get(name)
                .ok_or_else(|| format!("{at}: the field {name} is not in the document"))?;
            check(doc, described, field, &format!("{at}.{name}"))?;
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(doc, item_schema, item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

fn is_a(kind: &str, value: &Value) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}
