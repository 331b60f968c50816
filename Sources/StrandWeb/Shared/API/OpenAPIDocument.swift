import StrandCore

/// `/api/v1/openapi.json`, generated from the entity definitions so it cannot drift from them.
enum OpenAPIDocument {
    /// On a list's first page: how many records match, counted or, past a thousand, estimated.
    static let matchesSchema = JSON.object([
        "type": .string("object"), "nullable": .bool(true),
        "description": .string("On the first page only: how many records match; `exact` is false for an estimate"),
        "properties": .object(["count": .object(["type": .string("integer")]), "exact": .object(["type": .string("boolean")])]),
    ])

    static func make(_ catalog: EntityCatalog) -> JSON {
        var paths: [String: JSON] = [:]
        var schemas: [String: JSON] = ["Error": self.errorSchema]
        for entity in catalog.entities {
            let name = entity.key.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            schemas[name] = self.schema(entity)
            let ref = JSON.object(["$ref": .string("#/components/schemas/\(name)")])
            paths["/api/v1/\(entity.resource)"] = .object([
                "get": self.operation("List \(entity.resource)", parameters: self.listParameters(entity), response: .object([
                    "type": .string("object"),
                    "properties": .object(["data": .object(["type": .string("array"), "items": ref]),
                                           "next_cursor": .object(["type": .string("string"), "nullable": .bool(true)]),
                                           "prev_cursor": .object(["type": .string("string"), "nullable": .bool(true)]),
                                           "matches": self.matchesSchema]),
                ])),
                "post": self.operation("Create a \(entity.key)", body: ref, response: ref, status: "201"),
            ])
            paths["/api/v1/\(entity.resource)/{id}"] = .object([
                "parameters": .array([.object(["name": .string("id"), "in": .string("path"), "required": .bool(true),
                                               "schema": .object(["type": .string("integer")])])]),
                "get": self.operation("Get a \(entity.key)", response: ref),
                "patch": self.operation("Update a \(entity.key); send `version` to refuse a stale edit with 409", body: ref, response: ref),
                "delete": self.operation("Delete a \(entity.key) (to the recycle bin)", response: nil, status: "204"),
            ])
        }
        paths["/api/v1/auth/token"] = .object(["post": self.operation("Exchange a username and password for a bearer token",
            body: .object(["type": .string("object"), "properties": .object(["username": .object(["type": .string("string")]), "password": .object(["type": .string("string")])])]),
            response: .object(["type": .string("object"), "properties": .object(["token": .object(["type": .string("string")])])]))])
        paths["/api/v1/search"] = .object(["get": self.operation("Quick search across customers and contacts",
            parameters: [self.parameter("q", "string")], response: .object(["type": .string("object")]))])
        paths.merge(self.commercePaths(catalog)) { $1 }
        for resource in ["users", "departments", "roles"] {
            paths["/api/v1/\(resource)"] = .object(["get": self.operation("List \(resource)", response: .object(["type": .string("object")]))])
        }
        // Merged per method: users and departments gain their writes here.
        for (path, added) in self.featurePaths(catalog) {
            guard case .object(let operations) = added else { continue }
            let known: [String: JSON] = if case .object(let existing)? = paths[path] { existing } else { [:] }
            paths[path] = .object(known.merging(operations) { $1 })
        }
        return .object([
            "openapi": .string("3.0.3"),
            "info": .object(["title": .string("Strand CRM API"), "version": .string("1")]),
            "paths": .object(paths),
            "components": .object(["schemas": .object(schemas), "securitySchemes": .object([
                "bearer": .object(["type": .string("http"), "scheme": .string("bearer")]),
            ])]),
            "security": .array([.object(["bearer": .array([])])]),
        ])
    }

    /// The moves of documents, approvals, payment plans and the commercial reports.
    static func commercePaths(_ catalog: EntityCatalog) -> [String: JSON] {
        let object = JSON.object(["type": .string("object")])
        let id = JSON.object(["name": .string("id"), "in": .string("path"), "required": .bool(true), "schema": .object(["type": .string("integer")])])
        let post = { (summary: String) in JSON.object(["parameters": .array([id]), "post": self.operation(summary, response: object)]) }
        var paths: [String: JSON] = [:]
        for entity in catalog.entities where entity.documentFlow != nil {
            let base = "/api/v1/\(entity.resource)/{id}"
            paths[base + "/submit"] = post("Submit a draft \(entity.key): through its approval flow, or approved at once")
            paths[base + "/withdraw"] = post("Withdraw a \(entity.key) waiting for approval")
            paths[base + "/revise"] = post("Start a new revision of an approved \(entity.key), keeping the current one")
            paths[base + "/status"] = .object(["parameters": .array([id]), "post": self.operation("Move a \(entity.key) to a status by hand",
                body: .object(["type": .string("object"), "properties": .object(["status": .object(["type": .string("string")])])]), response: object)])
            paths[base + "/approvals"] = .object(["parameters": .array([id]), "get": self.operation("The approval requests of a \(entity.key), steps included", response: object)])
            paths[base + "/revisions"] = .object(["parameters": .array([id]), "get": self.operation("Earlier revisions of a \(entity.key)", response: object)])
        }
        for entity in catalog.entities where WordExport.entities.contains(entity.key) {
            paths["/api/v1/\(entity.resource)/{id}/document.docx"] = .object(["parameters": .array([id]), "get": self.operation(
                "The \(entity.key) as a Word document, from the administrator's template or Strand's own", response: nil)])
        }
        paths["/api/v1/approvals"] = .object(["get": self.operation("The approval steps waiting on the caller", response: object)])
        paths["/api/v1/approvals/{id}/decision"] = .object(["parameters": .array([id]), "post": self.operation(
            "Approve or reject the current step (`decision`: approve or reject; a rejection needs a `comment`)", body: object, response: object)])
        paths["/api/v1/contracts/{id}/plan"] = .object(["parameters": .array([id]), "put": self.operation(
            "Replace a contract's payment plan: `instalments` of label, due_date and amount adding up to the contract amount", body: object, response: object)])
        paths["/api/v1/receivables/aging"] = .object(["get": self.operation("The aging report of open instalments",
            parameters: [self.parameter("by", "string")], response: object)])
        paths["/api/v1/commissions"] = .object(["get": self.operation("Commission statements of a month",
            parameters: [self.parameter("period", "string"), self.parameter("user", "integer")], response: object)])
        paths["/api/v1/commissions/close"] = .object(["post": self.operation("Close a month's commissions (administrators)",
            parameters: [self.parameter("period", "string")], response: nil, status: "204")])
        paths["/api/v1/commerce_setup"] = .object(["get": self.operation("Numbering, discount limits, approval flows and commission rules", response: object),
                                                    "put": self.operation("Replace the commercial setup (administrators)", body: object, response: object)])
        var book = ApiPaths()
        book.add("put", "/api/v1/templates/{entity}", "Upload a Word template (.docx body) for an entity (administrators)", response: nil, status: "204")
        book.add("delete", "/api/v1/templates/{entity}", "Go back to Strand's own template", response: nil, status: "204")
        return paths.merging(book.paths) { $1 }
    }

    static func schema(_ entity: EntityDefinition) -> JSON {
        var properties: [String: JSON] = [
            "id": .object(["type": .string("integer"), "readOnly": .bool(true)]),
            "version": .object(["type": .string("integer")]),
            "owner_id": .object(["type": .string("integer"), "nullable": .bool(true)]),
            "department_id": .object(["type": .string("integer"), "nullable": .bool(true), "readOnly": .bool(true)]),
            "created_by": .object(["type": .string("integer"), "nullable": .bool(true), "readOnly": .bool(true)]),
            "created_at": .object(["type": .string("string"), "format": .string("date-time"), "readOnly": .bool(true)]),
            "updated_at": .object(["type": .string("string"), "format": .string("date-time"), "readOnly": .bool(true)]),
        ]
        for field in entity.fields { properties[field.key] = field.openAPIProperty }
        return .object(["type": .string("object"), "properties": .object(properties),
                        "required": .array(entity.fields.filter(\.required).map { .string($0.key) })])
    }

    static func listParameters(_ entity: EntityDefinition) -> [JSON] {
        [self.parameter("q", "string"), self.parameter("sort", "string"), self.parameter("limit", "integer"),
         self.parameter("cursor", "string")]
            + (entity.fields.filter(\.filterable).map(\.key) + ["owner_id", "department_id", "created_at", "updated_at"])
            .map { self.parameter("filter[\($0)]", "string") }
    }

    static func parameter(_ name: String, _ type: String) -> JSON {
        .object(["name": .string(name), "in": .string("query"), "required": .bool(false), "schema": .object(["type": .string(type)])])
    }

    static func operation(_ summary: String, parameters: [JSON] = [], body: JSON? = nil, response: JSON?, status: String = "200") -> JSON {
        var responses: [String: JSON] = [:]
        responses[status] = response.map { .object(["description": .string("OK"), "content": .object(["application/json": .object(["schema": $0])])]) }
            ?? .object(["description": .string("Done")])
        for code in ["400", "401", "403", "404", "409", "413", "415", "422", "428", "429"] {
            responses[code] = .object(["description": .string("Error"), "content": .object(["application/json": .object([
                "schema": .object(["$ref": .string("#/components/schemas/Error")])])])])
        }
        var operation: [String: JSON] = ["summary": .string(summary), "responses": .object(responses)]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body {
            operation["requestBody"] = .object(["required": .bool(true), "content": .object(["application/json": .object(["schema": body])])])
        }
        return .object(operation)
    }

    static let errorSchema = JSON.object(["type": .string("object"), "properties": .object([
        "error": .object(["type": .string("object"), "properties": .object([
            "code": .object(["type": .string("string")]), "message": .object(["type": .string("string")]),
            "fields": .object(["type": .string("object"), "additionalProperties": .object(["type": .string("string")])]),
        ])]),
    ])])
}
