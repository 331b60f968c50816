import StrandCore

/// A labelled control with its error beside it, for forms not driven by a field definition
/// (people, the mail server).
enum LabelledField {
    static func render(_ context: PageContext, id: String, label: String, error: FieldError?, _ control: Node) -> Node {
        el("div", .class("field" + (error == nil ? "" : " invalid"))) {
            el("label", Attribute("for", id)) { label }
            control
            if let error { el("p", .class("field-error"), Attribute("role", "alert")) { context.strings.error(error) } }
        }
    }
}
