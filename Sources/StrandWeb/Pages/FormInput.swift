import StrandCore
import Vapor

/// A submitted HTML form as raw field input. Checkboxes that are not ticked send nothing, so a
/// bool field missing from a full form means false.
enum FormInput {
    static let controlKeys: Set<String> = ["_csrf", "version", "acknowledge_duplicates", "return_to"]

    static func values(_ request: Request) throws -> [String: String] {
        (try? request.content.decode([String: String].self)) ?? [:]
    }

    static func input(_ form: [String: String], entity: EntityDefinition, fullForm: Bool) -> [String: InputValue] {
        var input: [String: InputValue] = [:]
        for (key, value) in form where !self.controlKeys.contains(key) {
            input[key] = .string(value)
        }
        if fullForm {
            for field in entity.fields where field.type == .bool && input[field.key] == nil {
                input[field.key] = .bool(false)
            }
        }
        return input
    }

    /// A local path to go back to after saving, or nil.
    static func returnPath(_ form: [String: String]) -> String? {
        guard let path = form["return_to"], path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return nil }
        return path
    }
}
