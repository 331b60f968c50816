import StrandCore
import StrandStore
import Vapor

/// `GET/POST /leads/:id/convert`: the conversion form and its submission.
enum ConvertLeadController {
    static func register(_ pages: any RoutesBuilder) {
        pages.get("leads", ":id", "convert", use: self.form)
        pages.post("leads", ":id", "convert", use: self.convert)
    }

    static func form(_ request: Request) async throws -> Response {
        let lead = try await self.lead(request)
        let setup = try await request.salesSetup()
        var model = ConvertLeadPage.Model(lead: lead, opportunities: try await ApiRecordsController.entity(request, "opportunities"))
        model.form = ["opportunity-name": lead.title(request.strand.catalog.entity(EntityKey.lead)!),
                      "opportunity-stage": setup.defaultPipeline.openStages.first?.key ?? ""]
        return ConvertLeadPage.render(PageContext(request), model)
    }

    static func convert(_ request: Request) async throws -> Response {
        let lead = try await self.lead(request)
        let form = try FormInput.values(request)
        var opportunity: [String: InputValue]?
        if form["create_opportunity"] == "1" {
            opportunity = [:]
            for (key, value) in form.fields where key.hasPrefix("opportunity-") {
                opportunity?[String(key.dropFirst("opportunity-".count))] = .string(value)
            }
        }
        do {
            let result = try await request.strand.records.convertLead(
                id: lead.id, existingCustomer: form["existing_customer"].flatMap { Int64($0) }, opportunity: opportunity,
                context: try request.writeContext())
            return request.redirect(to: "/customers/\(result.customer.id)")
        } catch let error as RecordError {
            var model = ConvertLeadPage.Model(lead: lead, opportunities: try await ApiRecordsController.entity(request, "opportunities"),
                                              form: form.fields)
            switch error {
            case .invalid(let failure): model.errors = failure.fields
            case .duplicates(let matches): model.duplicates = matches
            case .conflict, .busy, .notFound, .forbidden: throw error
            }
            model.users = try await request.directoryNames().users
            return ConvertLeadPage.render(PageContext(request), model, status: error.status)
        }
    }

    /// The lead, when the actor may change it (converting changes it).
    static func lead(_ request: Request) async throws -> Record {
        let identity = try request.requireIdentity()
        guard let entity = request.strand.catalog.entity(EntityKey.lead), let id = request.parameters.get("id").flatMap({ Int64($0) }) else {
            throw RecordError.notFound
        }
        guard let lead = try await request.strand.database.find(entity, id: id, scope: identity.actor.filter(.view, on: entity.key)) else {
            throw RecordError.notFound
        }
        guard try await request.strand.database.mayEdit(entity, lead, actor: identity.actor) else { throw RecordError.forbidden }
        return lead
    }
}
