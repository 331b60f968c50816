import StrandCore
import StrandStore
import Vapor

/// The words an import reads and writes: choices by their labels in every language, and the
/// reasons a row was refused.
enum ImportLabels {
    /// Field, then label (lower-cased), then option, for every choice field of the entity.
    static func choices(_ entity: EntityDefinition, request: Request) async throws -> [String: [String: String]] {
        let resolved = try await request.resolved(entity)
        var labels: [String: [String: String]] = [:]
        for field in resolved.fields where field.type == .choice || field.type == .choices {
            for option in field.options {
                for language in Language.allCases {
                    labels[field.key, default: [:]][field.label(of: option, entity: entity.key, strings: Strings(language)).lowercased()] = option
                }
            }
        }
        return labels
    }

    /// "客户名称：不能为空；负责人：找不到“王五”".
    static func reason(_ errors: [String: FieldError], entity: EntityDefinition, strings: Strings) -> String {
        errors.sorted { $0.key < $1.key }.map { key, error in
            let label = key == "row" ? "" : (key == RecordInputKeys.owner ? strings("system.owner_id") : strings.field(entity.key, key)) + strings("import.colon")
            return label + strings.error(error)
        }.joined(separator: strings("import.separator"))
    }
}
