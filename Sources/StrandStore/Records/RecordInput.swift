import Foundation
import StrandCore

/// Parses submitted values against the entity definition and the actor's field restrictions.
enum RecordInput {
    static let ownerKey = "owner_id"

    struct Parsed {
        var values: [String: FieldValue]
        var owner: Int64?
    }

    /// For a create every field is read (missing ones are empty); for an update only those sent.
    static func parse(_ input: [String: InputValue], entity: EntityDefinition, context: WriteContext,
                      creating: Bool) -> Result<Parsed, ValidationFailure> {
        var errors: [String: FieldError] = [:]
        var parsed = Parsed(values: Dictionary(minimumCapacity: entity.fields.count), owner: nil)
        let restricted = context.actor.restricts(fieldsOf: entity.key)
        for key in input.keys where key != self.ownerKey && !entity.fields.contains(where: { $0.key == key }) {
            errors[key] = FieldError("unknown_field")
        }
        if let owner = input[self.ownerKey], !owner.isBlank {
            if entity.ownership != .owned { errors[self.ownerKey] = FieldError("read_only") }
            else if let id = owner.integerText.flatMap(Int64.init) { parsed.owner = id }
            else { errors[self.ownerKey] = .invalid }
        }
        for field in entity.fields where creating || input[field.key] != nil {
            let access = field.maintained ? .readOnly : restricted ? context.actor.access(to: field.key, of: entity.key) : .full
            var value = input[field.key] ?? .null
            if creating, value.isBlank, let initial = field.initial { value = .string(initial) }
            if access != .full {
                if input[field.key] != nil && !value.isBlank { errors[field.key] = FieldError("read_only") }
                if creating { parsed.values[field.key] = field.initial.map(FieldValue.text) ?? field.emptyValue }
                continue
            }
            switch field.parse(value, timeZone: context.timeZone) {
            case .success(let stored): parsed.values[field.key] = stored
            case .failure(let error): errors[field.key] = error
            }
        }
        return errors.isEmpty ? .success(parsed) : .failure(ValidationFailure(errors))
    }
}

extension InputValue {
    var integerText: String? {
        switch self {
        case .string(let text), .number(let text): text.trimmingCharacters(in: .whitespaces)
        default: nil
        }
    }
}
