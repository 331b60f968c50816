import StrandCore

/// The API's paths beyond an entity's own list and record: what each feature adds, each path's
/// parameters declared from its `{name}`s. `OpenAPICoverageTests` checks that every `/api/v1`
/// route the server registers is here.
struct ApiPaths {
    private(set) var paths: [String: JSON] = [:]
    static let object = JSON.object(["type": .string("object")])
    /// Path parameters that are numbers; the others (`kind`, `period`, `entity`, `target`) are words.
    static let numbered: Set<String> = ["id", "user", "pool", "import", "file"]

    mutating func add(_ method: String, _ path: String, _ summary: String, query: [JSON] = [], body: JSON? = nil,
                      response: JSON? = Self.object, status: String = "200") {
        var entry: [String: JSON] = if case .object(let existing)? = self.paths[path] { existing } else { [:] }
        let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        if !names.isEmpty {
            entry["parameters"] = .array(names.map { name in
                .object(["name": .string(name), "in": .string("path"), "required": .bool(true),
                         "schema": .object(["type": .string(Self.numbered.contains(name) ? "integer" : "string")])])
            })
        }
        entry[method] = OpenAPIDocument.operation(summary, parameters: query, body: body, response: response, status: status)
        self.paths[path] = .object(entry)
    }

    /// An object schema from `name: type` pairs; `[integer]` for a list.
    static func body(_ properties: KeyValuePairs<String, String>, required: [String] = []) -> JSON {
        var shaped: [String: JSON] = [:]
        for (name, type) in properties {
            shaped[name] = type.hasPrefix("[")
                ? .object(["type": .string("array"), "items": .object(["type": .string(String(type.dropFirst().dropLast()))])])
                : .object(["type": .string(type)])
        }
        var schema: [String: JSON] = ["type": .string("object"), "properties": .object(shaped)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSON.string)) }
        return .object(schema)
    }
}

extension OpenAPIDocument {
    static func featurePaths(_ catalog: EntityCatalog) -> [String: JSON] {
        var book = ApiPaths()
        for entity in catalog.entities {
            self.recordExtras(&book, entity)
        }
        self.directory(&book)
        self.sales(&book)
        self.workbench(&book)
        return book.paths
    }

    /// What every entity's records have besides create, read, update and delete.
    static func recordExtras(_ book: inout ApiPaths, _ entity: EntityDefinition) {
        let base = "/api/v1/\(entity.resource)"
        book.add("post", base + "/bulk", "One action on many \(entity.resource): `assign` (owner_id), `department` (department_id), `delete`, `tag` (tags), `pool` (reason)",
                 body: ApiPaths.body(["action": "string", "ids": "[integer]", "owner_id": "integer", "department_id": "integer",
                                      "reason": "string", "tags": "[string]"], required: ["action", "ids"]))
        book.add("get", base + "/export", "The list as .xlsx or .csv, with the list's own `q`, `filter[...]` and `sort`",
                 query: [self.parameter("format", "string"), self.parameter("q", "string"), self.parameter("sort", "string")], response: nil)
        book.add("get", base + "/{id}/shares", "Who the record is shared with, and how")
        book.add("post", base + "/{id}/shares", "Share the record with people (`access`: read or edit)",
                 body: ApiPaths.body(["user_ids": "[integer]", "access": "string"], required: ["user_ids"]))
        book.add("delete", base + "/{id}/shares/{user}", "Stop sharing the record with a person", response: nil, status: "204")
        let following = ApiPaths.body(["following": "boolean"])
        book.add("put", base + "/{id}/follow", "Follow the record: its changes arrive as notifications", response: following)
        book.add("delete", base + "/{id}/follow", "Stop following the record", response: following)
        book.add("get", base + "/{id}/notes", "The record's notes, newest first")
        if let flow = entity.documentFlow {
            let targets = flow.derivable.keys.sorted().joined(separator: ", ")
            book.add("post", base + "/{id}/derive/{target}", "Make a record from this \(entity.key); `target` is the new record's entity (\(targets))",
                     status: "201")
        }
    }

    static func directory(_ book: inout ApiPaths) {
        let user = ApiPaths.body(["username": "string", "password": "string", "name": "string", "department_id": "integer",
                                  "roles": "[string]", "active": "boolean", "version": "integer"])
        book.add("post", "/api/v1/users", "Create a user (administrators)", body: user, status: "201")
        book.add("get", "/api/v1/users/{id}", "A user")
        book.add("patch", "/api/v1/users/{id}", "Change a user; people change their own name, language, time zone and password", body: user)
        let department = ApiPaths.body(["name": "string", "parent_id": "integer", "version": "integer"])
        book.add("post", "/api/v1/departments", "Create a department (administrators)", body: department, status: "201")
        book.add("patch", "/api/v1/departments/{id}", "Rename or move a department", body: department)
        book.add("delete", "/api/v1/departments/{id}", "Delete an empty department", response: nil, status: "204")
        book.add("post", "/api/v1/files", "Upload a file (the body is its bytes; `name` in the query)", query: [self.parameter("name", "string")], status: "201")
        book.add("get", "/api/v1/files/{file}", "Download a file the caller may see", response: nil)
        book.add("post", "/api/v1/imports", "Start an import of a spreadsheet, .csv or .vcf (the body is the file)",
                 query: [self.parameter("entity", "string"), self.parameter("file_name", "string")], status: "201")
        book.add("get", "/api/v1/imports/{import}", "An import's settings, state and counts")
        book.add("put", "/api/v1/imports/{import}/settings", "Map columns to fields and say what a duplicate does",
                 body: ApiPaths.body(["mapping": "object", "duplicates": "string", "match_field": "string", "tag": "string", "into_pool": "boolean"]))
        book.add("get", "/api/v1/imports/{import}/preview", "Every row's verdict before anything is written",
                 query: [self.parameter("verdict", "string"), self.parameter("cursor", "string")])
        book.add("post", "/api/v1/imports/{import}/run", "Run the import in the background")
        book.add("post", "/api/v1/imports/{import}/revert", "Undo a finished import while nothing it wrote has changed since")
    }

    static func sales(_ book: inout ApiPaths) {
        book.add("get", "/api/v1/pools", "The public pools the caller may see, with their rules")
        let action = ApiPaths.body(["ids": "[integer]", "user_id": "integer", "by_territory": "boolean"], required: ["ids"])
        book.add("post", "/api/v1/pools/{pool}/claim", "Claim waiting customers, within the pool's limits", body: action)
        book.add("post", "/api/v1/pools/{pool}/assign", "Give waiting customers to a person, or each to its territory's (pool administrators)", body: action)
        book.add("get", "/api/v1/territories", "Territories and the automatic assignment settings")
        book.add("put", "/api/v1/territories", "Replace the territories (administrators)", body: ApiPaths.object)
        book.add("get", "/api/v1/targets", "Sales targets of a period with what has been reached", query: [self.parameter("period", "string")])
        book.add("put", "/api/v1/targets", "Set the targets of a period: `targets` of user_id or department_id, base and stretch",
                 body: ApiPaths.body(["period": "string", "targets": "[object]"], required: ["period", "targets"]))
        book.add("post", "/api/v1/customers/{id}/review", "Approve or reject a customer waiting for review (`decision`: approve or reject)",
                 body: ApiPaths.body(["decision": "string", "comment": "string"], required: ["decision"]))
        book.add("get", "/api/v1/competitors/{id}/head_to_head", "Deals won and lost against a competitor")
        book.add("get", "/api/v1/care", "Birthdays and anniversaries coming up", query: [self.parameter("days", "integer")])
    }

    static func workbench(_ book: inout ApiPaths) {
        book.add("get", "/api/v1/calendar", "Events and tasks of people between two days, repeats expanded",
                 query: [self.parameter("from", "string"), self.parameter("to", "string"), self.parameter("users", "string")])
        book.add("post", "/api/v1/events/{id}/response", "Answer an invitation (`response`: accepted, declined or tentative)",
                 body: ApiPaths.body(["response": "string"], required: ["response"]))
        book.add("get", "/api/v1/notifications", "The caller's notifications, newest first", query: [self.parameter("cursor", "string")])
        book.add("post", "/api/v1/notifications/read", "Mark notifications read: the `ids` given, or all", body: ApiPaths.body(["ids": "[integer]"]), response: nil, status: "204")
        book.add("get", "/api/v1/notes", "The caller's sticky notes")
        book.add("post", "/api/v1/notes", "Add a note, to a record (`entity`, `record_id`) or as a sticky note",
                 body: ApiPaths.body(["content": "string", "entity": "string", "record_id": "integer"], required: ["content"]), status: "201")
        book.add("delete", "/api/v1/notes/{id}", "Delete one of the caller's notes", response: nil, status: "204")
        book.add("get", "/api/v1/work_reports", "The caller's daily and weekly work reports")
        book.add("get", "/api/v1/work_reports/team", "The reports of the people a manager leads, with who has not sent one")
        book.add("put", "/api/v1/work_reports/{kind}/{period}", "Write the daily or weekly report of a day (`kind`: daily or weekly)",
                 body: ApiPaths.body(["done": "string", "plan": "string", "problems": "string"], required: ["done"]))
        book.add("post", "/api/v1/work_reports/{id}/comment", "A manager's comment on a report", body: ApiPaths.body(["comment": "string"], required: ["comment"]))
        book.add("get", "/api/v1/openapi.json", "This document", response: ApiPaths.object)
    }
}
