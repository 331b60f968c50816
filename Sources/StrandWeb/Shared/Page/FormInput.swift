import MultipartKit
import StrandCore
import StrandStore
import Vapor

/// A submitted HTML form as raw field input. Checkboxes that are not ticked send nothing, so a
/// bool field missing from a full form means false. Forms with file fields come as multipart:
/// their uploads are saved first and join the ids of the files the person kept.
struct SubmittedForm: Sendable {
    var fields: [String: String] = [:]
    /// Every value of each name, for names sent more than once (the ticked rows of a list).
    var lists: [String: [String]] = [:]
    var uploads: [Upload] = []

    /// The ids ticked under `name`, ignoring anything that is not one.
    func ids(_ name: String) -> [Int64] {
        (self.lists[name] ?? []).compactMap { Int64($0) }
    }

    struct Upload: Sendable {
        let field: String, name: String, type: String, data: Data
    }

    subscript(key: String) -> String? { self.fields[key] }
}

enum FormInput {
    /// `partial` marks a form that sends some fields only (a kanban card's move), so fields
    /// it leaves out keep their values rather than count as cleared.
    static let controlKeys: Set<String> = ["_csrf", "version", "acknowledge_warnings", "return_to", "partial", OnceToken.field,
                                           StaleChoice.baseKey, StaleChoice.clashingKey]
    static let newSuffix = "__new"
    static let keepMarker = "__keep_"

    struct ParsedKey: StorageKey {
        typealias Value = SubmittedForm
    }

    /// The form of this request, parsed once (the CSRF check reads it before the handler does).
    static func values(_ request: Request) throws -> SubmittedForm {
        if let parsed = request.storage[ParsedKey.self] { return parsed }
        let form = try self.parse(request)
        request.storage[ParsedKey.self] = form
        return form
    }

    static func parse(_ request: Request) throws -> SubmittedForm {
        guard request.headers.contentType?.type == "multipart", let boundary = request.headers.contentType?.parameters["boundary"],
              let body = request.body.data else {
            return self.urlEncoded(request.body.string ?? "")
        }
        var form = SubmittedForm()
        var headers = HTTPHeaders(), part = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { headers.add(name: $0, value: $1) }
        parser.onBody = { part.writeBuffer(&$0) }
        parser.onPartComplete = {
            let disposition = headers.contentDisposition
            if let name = disposition?.name {
                if let filename = disposition?.filename {
                    if part.readableBytes > 0 {
                        form.uploads.append(.init(field: name, name: filename, type: headers.contentType?.serialize() ?? "application/octet-stream", data: Data(buffer: part)))
                    }
                } else {
                    form.fields[name] = part.getString(at: part.readerIndex, length: part.readableBytes) ?? ""
                }
            }
            (headers, part) = (HTTPHeaders(), ByteBuffer())
        }
        try parser.execute(body)
        return form
    }

    /// `a=1&b=2&b=3`: the last value of each name in `fields`, all of them in `lists`.
    static func urlEncoded(_ body: String) -> SubmittedForm {
        var form = SubmittedForm()
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            guard !name.isEmpty else { continue }
            form.fields[name] = value
            form.lists[name, default: []].append(value)
        }
        return form
    }

    static func input(_ form: SubmittedForm, entity: EntityDefinition, fullForm: Bool, request: Request) async throws -> [String: InputValue] {
        var input: [String: InputValue] = [:]
        for (key, value) in form.fields where !self.controlKeys.contains(key) && !key.contains("__") && !key.contains("[") {
            input[key] = .string(value)
        }
        for field in entity.fields where field.type == .lines {
            if let rows = LineRows.submitted(form.fields, key: field.key) { input[field.key] = .rows(rows) } else if fullForm { input[field.key] = .rows([]) }
        }
        for field in entity.fields where field.type == .files && (fullForm || form.fields.keys.contains { $0.hasPrefix(field.key + "__") }) {
            var ids = form.fields.keys.filter { $0.hasPrefix(field.key + self.keepMarker) }.map { String($0.dropFirst(field.key.count + self.keepMarker.count)) }.sorted()
            let identity = try request.requireIdentity()
            for upload in form.uploads where upload.field == field.key + self.newSuffix {
                let saved = try await FileStore.save(upload.data, name: upload.name, contentType: upload.type, userId: identity.user.id,
                                                     dataDirectory: request.strand.config.dataDirectory, database: request.strand.database)
                ids.append(saved.id)
            }
            input[field.key] = .list(ids)
        }
        // A multiple choice sends one value per person chosen, and nothing when none is.
        for field in entity.editableFields where field.type == .people {
            if let chosen = form.lists[field.key] { input[field.key] = .list(chosen) } else if fullForm { input[field.key] = .list([]) }
        }
        if fullForm {
            for field in entity.editableFields where field.type == .bool && input[field.key] == nil {
                input[field.key] = .bool(false)
            }
        }
        return input
    }

    /// A local path to go back to after saving, or nil.
    static func returnPath(_ form: SubmittedForm, field: String = "return_to") -> String? {
        guard let path = form[field], path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return nil }
        return path
    }
}
