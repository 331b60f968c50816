import Foundation
import StrandCore

/// How an import's settings, rejected rows and replaced values are kept as JSON text.
enum ImportCodec {
    static func settings(_ settings: ImportSettings) -> String {
        JSON.object([
            "mapping": .object(Dictionary(uniqueKeysWithValues: settings.mapping.map { (String($0.key), JSON.string($0.value)) })),
            "duplicates": .string(settings.duplicates.rawValue),
            "match_field": settings.matchField.map(JSON.string) ?? .null,
            "tag": settings.tag.map(JSON.string) ?? .null,
            "into_pool": .bool(settings.intoPool),
        ]).serialized
    }

    static func settings(_ text: String) -> ImportSettings {
        guard case .object(let object)? = try? JSON.parse(text) else { return ImportSettings() }
        var settings = ImportSettings()
        if case .object(let mapping)? = object["mapping"] {
            for (column, field) in mapping { if let index = Int(column), case .string(let key) = field { settings.mapping[index] = key } }
        }
        if case .string(let mode)? = object["duplicates"] { settings.duplicates = .init(rawValue: mode) ?? .skip }
        if case .string(let key)? = object["match_field"] { settings.matchField = key }
        if case .string(let tag)? = object["tag"] { settings.tag = tag }
        if case .bool(let pooled)? = object["into_pool"] { settings.intoPool = pooled }
        return settings
    }

    static func rejects(_ rows: [ImportJob.Rejected]) -> String {
        JSON.array(rows.map { row in
            .object(["row": .int(Int64(row.row)), "errors": .object(row.errors.mapValues { error in
                .object(["code": .string(error.code), "params": .object(error.params.mapValues(JSON.string))])
            })])
        }).serialized
    }

    static func rejects(_ text: String) -> [ImportJob.Rejected] {
        guard case .array(let items)? = try? JSON.parse(text) else { return [] }
        return items.compactMap { item in
            guard case .object(let object) = item, case .number(let row)? = object["row"], let number = Int(row),
                  case .object(let errors)? = object["errors"] else { return nil }
            return ImportJob.Rejected(row: number, errors: errors.compactMapValues { value in
                guard case .object(let error) = value, case .string(let code)? = error["code"] else { return nil }
                var params: [String: String] = [:]
                if case .object(let given)? = error["params"] { for (key, value) in given { if case .string(let text) = value { params[key] = text } } }
                return FieldError(code, params)
            })
        }
    }

    /// Stored values, as an update found them.
    static func values(_ values: [String: FieldValue]) -> String {
        JSON.object(values.mapValues { value in
            switch value {
            case .null: .null
            case .text(let text): .string(text)
            case .integer(let number): .int(number)
            case .bool(let flag): .bool(flag)
            case .list(let items): .array(items.map(JSON.string))
            }
        }).serialized
    }

    static func values(_ text: String) -> [String: FieldValue] {
        guard case .object(let object)? = try? JSON.parse(text) else { return [:] }
        return object.compactMapValues { json in
            switch json {
            case .null: .null
            case .string(let text): .text(text)
            case .number(let digits): Int64(digits).map(FieldValue.integer)
            case .bool(let flag): .bool(flag)
            case .array(let items): .list(items.compactMap { if case .string(let text) = $0 { text } else { nil } })
            case .object: nil
            }
        }
    }
}
