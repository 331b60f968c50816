import StrandCore
import StrandStore
import Vapor

/// List, detail and form pages for every entity.
enum RecordPages {
    static func list(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        return ListPage.render(PageContext(request), try await ListPage.model(request, entity: entity))
    }

    static func detail(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let model = try await DetailModel.make(request, entity: entity, id: try ApiRecordsController.id(request))
        return DetailPage.render(PageContext(request), model)
    }

    static func newForm(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        guard identity.actor.can(.create, on: entity.key) else { throw RecordError.forbidden }
        var texts: [String: String] = [:]
        for (key, value) in ListRequest.items(request) where entity.field(key) != nil { texts[key] = value }
        // A required moment or day starts as now or today (a follow-up's time, a quotation's date).
        for field in entity.fields where field.required && texts[field.key] == nil {
            if field.type == .dateTime { texts[field.key] = field.formText(.integer(Clock.millis()), timeZone: identity.timeZone) }
            if field.type == .date { texts[field.key] = DateTimeText.day(Clock.millis(), timeZone: identity.timeZone).description }
        }
        let model = try await FormModel.make(request, entity: entity, record: nil, texts: texts)
        return FormPage.render(PageContext(request), model)
    }

    static func editForm(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        guard let record = try await request.strand.database.find(entity, id: try ApiRecordsController.id(request),
                                                                   scope: identity.actor.filter(.view, on: entity.key)) else { throw RecordError.notFound }
        guard try await request.strand.database.mayEdit(entity, record, actor: identity.actor) else { throw RecordError.forbidden }
        var model = try await FormModel.make(request, entity: entity, record: record, texts: FormModel.texts(record, entity: entity, timeZone: identity.timeZone))
        model.version = record.version
        return FormPage.render(PageContext(request), model)
    }

    static func create(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let form = try FormInput.values(request)
        let once = try await OnceToken.claim(form, request: request)
        if case .answered(let response) = once { return response }
        let input = try await FormInput.input(form, entity: entity, fullForm: true, request: request)
        do {
            let created = try await request.strand.records.create(entity, input: input, context: try request.writeContext(),
                                                                  acknowledgeWarnings: form["acknowledge_warnings"] == "1")
            // A record a territory gave to someone else may be out of the writer's sight.
            let record = created.record
            let visible = try request.requireIdentity().actor.filter(.view, on: entity.key).allows(owner: record.ownerId, department: record.departmentId)
            let path = FormInput.returnPath(form) ?? "/\(entity.resource)" + (visible ? "/\(record.id)" : "")
            try await once.finish(at: path, request: request)
            return Flash.redirect(request, to: path, saying: "flash.created", ["name": record.title(entity)])
        } catch let error as RecordError {
            try await once.release(request)
            return try await self.refused(error, request: request, entity: entity, record: nil, form: form, input: input)
        } catch {
            try await once.release(request)
            throw error
        }
    }

    static func update(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let id = try ApiRecordsController.id(request)
        let form = try FormInput.values(request)
        let input = try await FormInput.input(form, entity: entity, fullForm: form["partial"] != "1", request: request)
        let stale = StaleChoice(form)
        // A clash left unchosen asks again: a save on the version first read meets the conflict.
        let askAgain = stale.flatMap { $0.unchosen.isEmpty ? nil : $0.base }
        do {
            let record = try await request.strand.records.update(entity, id: id, input: input,
                                                                 expectedVersion: askAgain ?? form["version"].flatMap { Int64($0) },
                                                                 context: try request.writeContext(),
                                                                 acknowledgeWarnings: form["acknowledge_warnings"] == "1",
                                                                 merge: askAgain == nil ? stale?.merge : nil)
            return Flash.redirect(request, to: FormInput.returnPath(form) ?? "/\(entity.resource)/\(record.id)",
                                  saying: "flash.saved", ["name": record.title(entity)])
        } catch let error as RecordError {
            let identity = try request.requireIdentity()
            let record = try await request.strand.database.find(entity, id: id, scope: identity.actor.filter(.view, on: entity.key))
            return try await self.refused(error, request: request, entity: entity, record: record, form: form, input: input)
        }
    }

    /// Shows the form again with what was typed and why it was refused; a missing record or a
    /// denied action goes to the error page.
    static func refused(_ error: RecordError, request: Request, entity: EntityDefinition, record: Record?,
                        form: SubmittedForm, input: [String: InputValue]) async throws -> Response {
        var texts = form.fields
        for field in entity.fields where field.type == .files {
            if case .list(let ids)? = input[field.key] { texts[field.key] = ids.joined(separator: ",") }
        }
        for field in entity.fields where field.type == .lines {
            if case .rows(let rows)? = input[field.key] { texts[field.key] = LineRows.encode(rows) }
        }
        // A partial change keeps the record's other values: only what it sent is new.
        let partial = form["partial"] == "1" ? form.fields.filter { !FormInput.controlKeys.contains($0.key) } : nil
        if let partial, let record {
            texts = FormModel.texts(record, entity: entity, timeZone: try request.requireIdentity().timeZone).merging(partial) { _, sent in sent }
        }
        var model = try await FormModel.make(request, entity: entity, record: record, texts: texts)
        model.version = form["version"].flatMap { Int64($0) }
        model.returnTo = FormInput.returnPath(form)
        switch error {
        case .invalid(let failure):
            model.errors = failure.fields
            if record != nil { model.partial = partial }
        case .conflict(let current, let changes, let clashes):
            // What only the colleague changed shows their value; a clash keeps what was typed.
            let theirs = FormModel.texts(current, entity: entity, timeZone: try request.requireIdentity().timeZone)
            for key in changes.keys where clashes[key] == nil { model.texts[key] = theirs[key] }
            let choice = StaleChoice(form)
            model.stale = FormPage.StaleEdit(changes: changes, clashes: clashes, base: choice?.base ?? model.version ?? current.version,
                                             unchosen: choice?.unchosen ?? [])
            model.version = current.version
            model.lookups = try await Lookups.load(for: [current] + DetailModel.valuesIn([changes, clashes], entity: entity), entity: entity, request: request)
        case .duplicates(let matches):
            model.duplicates = matches
            model.duplicatesBlocked = try await request.strand.database.read { try await Settings.duplicateMode(db: $0) } == .block
        case .busy(let entries): model.busy = entries
        case .notFound, .forbidden: throw error
        }
        // An inline add on a parent's page shows its errors on that page, not on a bare form.
        if case .invalid = error, record == nil, let (parent, parentId) = self.parent(of: model.returnTo, request: request) {
            let detail = try await DetailModel.make(request, entity: parent, id: parentId, inline: model)
            return DetailPage.render(PageContext(request), detail).with(status: .unprocessableEntity)
        }
        return FormPage.render(PageContext(request), model, status: error.status)
    }

    /// The record a local path such as `/customers/12` shows.
    static func parent(of path: String?, request: Request) -> (EntityDefinition, Int64)? {
        let parts = (path ?? "").split(separator: "/")
        guard parts.count == 2, let entity = request.strand.catalog.entity(resource: String(parts[0])), let id = Int64(parts[1]) else { return nil }
        return (entity, id)
    }

    static func confirmDelete(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        let id = try ApiRecordsController.id(request)
        guard let record = try await request.strand.database.find(entity, id: id, scope: identity.actor.filter(.view, on: entity.key)) else { throw RecordError.notFound }
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("action.delete")) {
            el("section", .class("card narrow")) {
                el("h1") { s("action.delete") + "：" + record.title(entity) }
                el("p") { s("action.confirm_delete") }
                el("form", Attribute("method", "post"), .action("/\(entity.resource)/\(id)/delete")) {
                    context.csrfField
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .class("danger")) { s("action.delete") }
                        el("a", .href("/\(entity.resource)/\(id)"), .class("button")) { s("action.cancel") }
                    }
                }
            }
        }
    }

    static func delete(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        try await request.strand.records.delete(entity, id: try ApiRecordsController.id(request), context: try request.writeContext())
        return Flash.redirect(request, to: "/\(entity.resource)", saying: "flash.deleted")
    }

    static func saveView(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        let form = try FormInput.values(request)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let query = form["query"] ?? ""
        guard !name.isEmpty, name.count <= 40, query.count <= 2000 else { throw Abort(.badRequest) }
        try await request.strand.database.write {
            try await SavedViews.save(userId: identity.user.id, entity: entity.key, name: name, query: query, shared: false, db: $0)
        }
        return request.redirect(to: "/\(entity.resource)?" + query)
    }
}

extension RecordError {
    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .invalid: .unprocessableEntity
        case .conflict, .duplicates, .busy: .conflict
        }
    }
}

extension Response {
    func with(status: HTTPResponseStatus) -> Response {
        self.status = status
        return self
    }
}
