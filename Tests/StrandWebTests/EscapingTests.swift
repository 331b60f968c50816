import Foundation
import StrandCore
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// Hostile text in every field type, rendered on every page: it must show as text and never
/// become markup, an attribute or a `javascript:` link.
@Suite struct EscapingTests {
    static let hostile = #""><script>alert(1)</script><img src=x onerror=alert(2)>' onmouseover='alert(3)"#

    /// An entity with one field of every type, so each type's rendering is exercised.
    static let probe = EntityDefinition(
        key: "probe", table: "probes", resource: "probes", searchCode: 9, titleField: "title", ownership: .owned,
        fields: FieldType.allCases.map { type in
            var field = FieldDefinition(type == .text ? "title" : "f_\(type.rawValue)", type).listed().searched(type == .text ? .name : .code)
            if type == .choice { field.options = [EscapingTests.hostile, "plain"] }
            if type == .link { field.linkTo = "customer" }
            if type == .text || type == .choice { field.sortable = true; field.filterable = true }
            if type == .longText || type == .text || type == .choices { field.maxLength = 500 }
            return field
        }
    )

    @Test func escapingCoversTextAndAttributes() {
        #expect(Escape.text("<b>&") == "&lt;b&gt;&amp;")
        #expect(Escape.attribute(#"" onmouseover='x' `"#) == "&quot; onmouseover=&#39;x&#39; &#96;")
        #expect(el("a", .href("javascript:alert(1)")) { "x" }.html == ##"<a href="#">x</a>"##)
        #expect(el("a", .href("//evil.example/x")) { "x" }.html == ##"<a href="#">x</a>"##)
        #expect(el("a", .href("/customers?q=<x>")) { "x" }.html == #"<a href="/customers?q=&lt;x&gt;">x</a>"#)
    }

    @Test(arguments: TestBackend.available)
    func hostileTextNeverBecomesMarkupOnAnyPage(_ backend: TestBackend) async throws {
        var entities = EntityCatalog().entities
        entities.append(Self.probe)
        try await WebSession.withApp(backend, catalog: EntityCatalog(entities)) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let hostile = Self.hostileJSON
            #expect(try await api.send(.POST, "/api/v1/departments", json: #"{"name":"\"><b>部</b>"}"#).status == .created)
            try await api.send(.POST, "/api/v1/users", json: #"{"username":"hostile","password":"password-hostile","name":"\"'><script>x</script>","department_id":1,"roles":["sales_rep"]}"#)
            let customer = try await api.send(.POST, "/api/v1/customers",
                json: #"{"name":\#(hostile),"address":\#(hostile),"notes":\#(hostile),"tags":["<script>x","' onmouseover='y"],"province":"<b>省"}"#)
            #expect(customer.status == .created)
            try await api.send(.POST, "/api/v1/contacts", json: #"{"customer_id":1,"name":"<i>x</i>","position":"' onmouseover='x","wechat":"\"><img src=x>"}"#)
            try await api.send(.POST, "/api/v1/follow_ups", json: #"{"customer_id":1,"happened_at":"2026-11-23T10:00:00Z","method":"call","content":\#(hostile),"next_step":\#(hostile)}"#)
            let probe = try await api.send(.POST, "/api/v1/probes", json: #"{"title":\#(hostile),"f_longText":\#(hostile),"f_choice":\#(hostile),"f_choices":["\"><b>t"],"f_link":1,"f_integer":7,"f_money":"12.50","f_bool":true}"#)
            #expect(probe.status == .created)
            for (field, value) in [("f_url", "javascript:alert(1)"), ("f_email", "\\\"><script>@x.com"), ("f_phone", "<script>")] {
                let refused = try await api.send(.POST, "/api/v1/probes", json: #"{"title":"t","\#(field)":"\#(value)"}"#)
                #expect(refused.status == .unprocessableEntity, "\(field) accepted \(value)")
            }
            let browser = WebSession(app)
            _ = try await browser.signIn("admin", WebSession.adminPassword)
            let pages = ["/", "/customers", "/customers/1", "/customers/1/edit", "/customers/1/delete", "/contacts", "/contacts/1",
                         "/follow_ups", "/follow_ups/1", "/probes", "/probes/1", "/probes/1/edit", "/probes?q=script",
                         "/search?q=script", "/search/live?q=script", "/admin/users", "/admin/users/2", "/admin/departments",
                         "/admin/roles", "/admin/audit", "/admin/recycle", "/account", "/customers?filter[province]=%3Cb%3E%E7%9C%81"]
            for path in pages {
                let page = try await browser.send(.GET, path)
                #expect(page.status == .ok, "\(path) answered \(page.status)")
                let problems = MarkupScan.problems(page.body.string)
                #expect(problems.isEmpty, "\(path): \(problems)")
            }
        }
    }

    static var hostileJSON: String {
        "\"" + Self.hostile.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Reads tags the way a browser would (quoted attribute values included) and reports any
/// script, element or attribute that data could only have produced by escaping markup.
enum MarkupScan {
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "header", "nav", "div", "main", "section", "h1", "h2", "p", "a", "ul", "ol",
        "li", "form", "input", "button", "label", "select", "option", "textarea", "table", "thead", "tbody", "tr", "th", "td", "dl",
        "dt", "dd", "span", "strong", "details", "summary", "del", "ins", "code", "fieldset", "legend", "script",
        "datalist", "tfoot", "small", "h3",
    ]

    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var scripts = 0
        let chars = Array(html.unicodeScalars)
        var index = 0
        while index < chars.count {
            guard chars[index] == "<" else { index += 1; continue }
            index += 1
            if index < chars.count, chars[index] == "/" || chars[index] == "!" { index += 1; continue }
            var name = ""
            while index < chars.count, chars[index].properties.isAlphabetic || ("0"..."9").contains(chars[index]) { name.unicodeScalars.append(chars[index]); index += 1 }
            guard !name.isEmpty else { continue }
            if !self.allowedTags.contains(name.lowercased()) { problems.append("tag <\(name)>") }
            var attributes: [(String, String)] = []
            while index < chars.count, chars[index] != ">" {
                if chars[index] == " " { index += 1; continue }
                var attribute = ""
                while index < chars.count, !" =>".unicodeScalars.contains(chars[index]) { attribute.unicodeScalars.append(chars[index]); index += 1 }
                var value = ""
                if index < chars.count, chars[index] == "=" {
                    index += 1
                    let quote = chars[index]
                    index += 1
                    while index < chars.count, chars[index] != quote { value.unicodeScalars.append(chars[index]); index += 1 }
                    index += 1
                }
                if !attribute.isEmpty { attributes.append((attribute.lowercased(), value)) }
            }
            for (attribute, value) in attributes {
                if attribute.hasPrefix("on") || attribute == "style" || attribute == "srcdoc" { problems.append("attribute \(attribute) on <\(name)>") }
                if ["href", "src", "action", "formaction"].contains(attribute), value.lowercased().contains("javascript:") { problems.append("\(attribute)=\(value)") }
            }
            if name == "script" {
                scripts += 1
                if !attributes.contains(where: { $0 == ("src", "/assets/app.js") }) { problems.append("inline script") }
            }
        }
        if scripts > 1 { problems.append("\(scripts) scripts") }
        return problems
    }
}
