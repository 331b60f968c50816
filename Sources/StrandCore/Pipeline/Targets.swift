import Foundation

/// A month, a quarter or a year that a sales target is set for: `2026-11`, `2026-Q4`, `2026`.
public struct TargetPeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case month, quarter, year
    }

    public let kind: Kind
    public let year: Int
    /// The month (1–12) or quarter (1–4); 1 for a year.
    public let number: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4, (2000...2999).contains(year) else { return nil }
        switch parts.count {
        case 1: (self.kind, self.number) = (.year, 1)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter), parts[1].count == 2 else { return nil }
            (self.kind, self.number) = (.quarter, quarter)
        case 2:
            guard let month = Int(parts[1]), (1...12).contains(month), parts[1].count == 2 else { return nil }
            (self.kind, self.number) = (.month, month)
        default: return nil
        }
        self.year = year
    }

    init(kind: Kind, year: Int, number: Int) {
        (self.kind, self.year, self.number) = (kind, year, number)
    }

    /// The period of this kind holding the moment.
    public static func current(_ kind: Kind, at millis: Int64, in timeZone: TimeZone) -> TargetPeriod {
        let parts = self.calendar(timeZone).dateComponents([.year, .month], from: Date(timeIntervalSince1970: Double(millis) / 1000))
        let (year, month) = (parts.year ?? 2000, parts.month ?? 1)
        switch kind {
        case .month: return TargetPeriod(kind: .month, year: year, number: month)
        case .quarter: return TargetPeriod(kind: .quarter, year: year, number: (month + 2) / 3)
        case .year: return TargetPeriod(kind: .year, year: year, number: 1)
        }
    }

    public var description: String {
        switch self.kind {
        case .month: String(format: "%04d-%02d", self.year, self.number)
        case .quarter: "\(self.year)-Q\(self.number)"
        case .year: String(self.year)
        }
    }

    var firstMonth: Int {
        switch self.kind {
        case .month: self.number
        case .quarter: (self.number - 1) * 3 + 1
        case .year: 1
        }
    }

    var months: Int { [Kind.month: 1, .quarter: 3, .year: 12][self.kind]! }

    /// The period `steps` later (earlier when negative), of the same kind.
    public func moved(by steps: Int) -> TargetPeriod {
        let perYear = 12 / self.months
        let index = self.year * perYear + (self.number - 1) + steps
        return TargetPeriod(kind: self.kind, year: index / perYear, number: index % perYear + 1)
    }

    /// Its first moment and the first moment after it, in milliseconds, in the time zone.
    public func range(in timeZone: TimeZone) -> (start: Int64, end: Int64) {
        let calendar = Self.calendar(timeZone)
        let start = calendar.date(from: DateComponents(year: self.year, month: self.firstMonth, day: 1))!
        let end = calendar.date(byAdding: .month, value: self.months, to: start)!
        return (Int64(start.timeIntervalSince1970 * 1000), Int64(end.timeIntervalSince1970 * 1000))
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}

/// What a person or a department should sell in a period: a base figure to reach, and a
/// stretch figure to aim for, in fen.
public struct SalesTarget: Sendable, Equatable {
    public let unit: SalesUnit
    public var base: Int64
    public var stretch: Int64

    public init(unit: SalesUnit, base: Int64, stretch: Int64) {
        (self.unit, self.base, self.stretch) = (unit, base, stretch)
    }

    /// Completion in whole percent of a figure; nil when the figure is not set.
    public static func percent(_ done: Int64, of figure: Int64) -> Int? {
        guard figure > 0 else { return nil }
        return Int(min((Double(done) * 100 / Double(figure)).rounded(), Double(Int32.max)))
    }
}

extension SalesTarget {
    /// How a target's audit rows read. A target is no catalogue entity, but its figures are
    /// money, kept in fen like any other.
    public static let auditSubject = EntityDefinition(
        key: EntityKey.salesTarget, table: "sales_targets", resource: "targets", searchCode: 0, titleField: "period", ownership: .owned,
        fields: [FieldDefinition("period", .text), FieldDefinition("base", .money), FieldDefinition("stretch", .money)]).inArea(.sales)
}
