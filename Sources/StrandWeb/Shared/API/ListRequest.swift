import Foundation
import StrandCore
import StrandStore
import Vapor

/// Reads a list request from the query string, the same for pages and the API:
/// `q`, `sort=-updated_at`, `limit`, `cursor`, `filter[field]=a,b` and
/// `filter[created_at]=2026-01-01..2026-03-31` (days in the reader's time zone).
enum ListRequest {
    static let maxLimit = 200

    static func items(_ request: Request) -> [(String, String)] {
        guard let query = request.url.query else { return [] }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let key = parts.first, !key.isEmpty else { return nil }
            return (key, parts.count > 1 ? parts[1] : "")
        }
    }

    static func query(_ request: Request, entity: EntityDefinition, timeZone: TimeZone, defaultLimit: Int = 50) throws -> ListQuery {
        var query = ListQuery()
        query.limit = defaultLimit
        var ranges: [String: (String, String)] = [:]
        for (key, value) in self.items(request) where !value.isEmpty {
            switch key {
            case "created_from", "updated_from": ranges[String(key.prefix(7)) + "_at", default: ("", "")].0 = value
            case "created_to", "updated_to": ranges[String(key.prefix(7)) + "_at", default: ("", "")].1 = value
            case "q": query.search = String(value.prefix(100))
            case "sort": query.sort = ListQuery.Sort(parameter: value) ?? query.sort
            case "limit":
                guard let limit = Int(value), (1...self.maxLimit).contains(limit) else { throw ListError.badValue("limit") }
                query.limit = limit
            case "cursor":
                guard let cursor = Cursor(token: value) else { throw Abort(.badRequest) }
                query.cursor = cursor
            default:
                guard key.hasPrefix("filter["), key.hasSuffix("]") else { continue }
                let column = String(key.dropFirst(7).dropLast())
                query.filters.append(try self.filter(column, value, entity: entity, timeZone: timeZone))
            }
        }
        for (column, (from, to)) in ranges.sorted(by: { $0.key < $1.key }) {
            query.filters.append(try self.filter(column, from + ".." + to, entity: entity, timeZone: timeZone))
        }
        return query
    }

    /// A field hidden from the reader can be neither filtered nor sorted by: either would tell
    /// its values.
    static func checkAccess(_ query: ListQuery, entity: EntityDefinition, actor: Actor) throws {
        if entity.field(query.sort.column) != nil, actor.access(to: query.sort.column, of: entity.key) == .hidden {
            throw ListError.badSort(query.sort.column)
        }
        for filter in query.filters where entity.field(filter.column) != nil && actor.access(to: filter.column, of: entity.key) == .hidden {
            throw ListError.badFilter(filter.column)
        }
    }

    static func filter(_ column: String, _ value: String, entity: EntityDefinition, timeZone: TimeZone) throws -> ListQuery.Filter {
        if column == "created_at" || column == "updated_at" {
            let ends = value.components(separatedBy: "..")
            let low = ends.first.flatMap { self.dayStart($0, timeZone: timeZone, offset: 0) }
            let high = ends.count > 1 ? self.dayStart(ends[1], timeZone: timeZone, offset: 1).map { $0 - 1 } : nil
            return ListQuery.Filter(column: column, operation: .between(low.map(FieldValue.integer), high.map(FieldValue.integer)))
        }
        let values = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let field = entity.field(column) else {
            return ListQuery.Filter(column: column, operation: .equals(values.compactMap { Int64($0) }.map(FieldValue.integer)))
        }
        let parsed = values.compactMap { try? field.parse(.string($0), timeZone: timeZone).get() }
        if field.type == .choices { return ListQuery.Filter(column: column, operation: .equals(values.map(FieldValue.text))) }
        return ListQuery.Filter(column: column, operation: .equals(parsed))
    }

    /// Midnight at the start of `day` (plus `offset` days) in the reader's zone, in epoch ms.
    static func dayStart(_ day: String, timeZone: TimeZone, offset: Int) -> Int64? {
        CalendarDay(day.trimmingCharacters(in: .whitespaces))?.adding(days: offset).start(in: timeZone)
    }
}
