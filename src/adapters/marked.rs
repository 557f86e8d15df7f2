//! The one lookup every markup listener makes: from an event, the nearest
//! element (the target or an ancestor) carrying a `data-` attribute that
//! says what it is, and that attribute's value. Panels set their markup in
//! one DOM call and listen once; this is how a listener learns what was
//! clicked or changed.

use wasm_bindgen::JsCast;

/// The element nearest `ev`'s target (itself included) that has
/// `attribute`, and the attribute's value.
pub fn marked(ev: &web_sys::Event, attribute: &str) -> Option<(web_sys::Element, String)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target.closest(&format!("[{attribute}]")).ok().flatten()?;
    let value = el.get_attribute(attribute)?;
    Some((el, value))
}
