import SQLKit
import StrandCore

/// Open opportunities expected to close in one period, for one person or department (or the
/// whole selection): their amount, weighted by probability, and committed (probability of 70%
/// or more, the seeds' 谈判审核 and beyond).
public struct ForecastRow: Sendable, Equatable {
    public let period: String
    /// The owner or department the row is about; nil when not grouped.
    public let group: Int64?
    public let count: Int
    public let amount: Int64
    public let weighted: Int64
    public let committed: Int64
}

public enum ForecastPeriod: String, Sendable, CaseIterable {
    case month, quarter

    /// `2026-12` or `2026-Q4` for an ISO date.
    func period(of date: String) -> String {
        let month = String(date.prefix(7))
        switch self {
        case .month: return month
        case .quarter: return String(date.prefix(4)) + "-Q" + String(((Int(month.suffix(2)) ?? 1) + 2) / 3)
        }
    }
}

public enum ForecastGroup: String, Sendable, CaseIterable {
    case company, department, owner

    var expression: String {
        switch self {
        case .company: "CAST(NULL AS BIGINT)"
        case .department: "department_id"
        case .owner: "owner_id"
        }
    }

    /// Grouping columns in the order of the forecast's report index, so rows come grouped
    /// without a sort; an owner's rows are also split by department, and add up after.
    var columns: String {
        switch self {
        case .company: "expected_close, probability"
        case .department: "expected_close, probability, department_id"
        case .owner: "expected_close, probability, department_id, owner_id"
        }
    }
}

/// Deals that closed: how many were won and lost, what the won ones were worth, and how long a
/// won deal took from creation to winning, on average.
public struct ClosedDeals: Sendable, Equatable {
    public var won = 0
    public var lost = 0
    public var wonAmount: Int64 = 0
    public var averageDaysToWin: Double?

    public init(won: Int = 0, lost: Int = 0, wonAmount: Int64 = 0, averageDaysToWin: Double? = nil) {
        (self.won, self.lost, self.wonAmount, self.averageDaysToWin) = (won, lost, wonAmount, averageDaysToWin)
    }

    /// Won deals among the closed ones, in whole percent; nil before any has closed.
    public var winRate: Int? {
        self.won + self.lost == 0 ? nil : (self.won * 100 + (self.won + self.lost) / 2) / (self.won + self.lost)
    }
}

extension StoreDatabase {
    public static let committedProbability = 70

    /// By period of `expected_close` and by group, over the open opportunities `query` and
    /// `scope` select. Weighting sums amount x probability and rounds once, half up, to the fen.
    /// The database totals each day and probability (reading a covering index in its order,
    /// with no sort) and those roll up into periods here.
    public func forecast(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, period: ForecastPeriod = .month,
                         by group: ForecastGroup = .company) async throws -> [ForecastRow] {
        let days = try await self.rowsPerPart(entity, query: query, scope: scope,
                                              adding: SQLQueryString("\(unsafeRaw: DealSQL.isOpen) AND expected_close <> ''")) { selected in
            SQLQueryString("""
                SELECT expected_close AS day, probability, \(unsafeRaw: group.expression) AS grp, COUNT(*) AS n,
                  CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount
                FROM \(ident: entity.table) WHERE \(selected) GROUP BY \(unsafeRaw: group.columns)
                """)
        }.map { try DayTotal($0, period: period) }
        return Dictionary(grouping: days, by: \.key).map { key, rows in
            ForecastRow(period: key.period, group: key.group, count: rows.reduce(0) { $0 + $1.count },
                        amount: rows.reduce(0) { $0 &+ $1.amount }, weighted: (rows.reduce(0) { $0 &+ $1.weighted100 } &+ 50) / 100,
                        committed: rows.reduce(0) { $0 &+ $1.committed })
        }.sorted { ($0.period, $0.group ?? 0) < ($1.period, $1.group ?? 0) }
    }

    /// Won and lost deals among those `query` and `scope` select.
    public func closedDeals(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter) async throws -> ClosedDeals {
        let rows = try await self.rowsPerPart(entity, query: query, scope: scope, adding: SQLQueryString("status IN ('won', 'lost')")) { selected in
            SQLQueryString("""
                SELECT status, COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount,
                  SUM(CAST(closed_at - created_at AS DOUBLE PRECISION)) AS cycle, COUNT(closed_at) AS timed
                FROM \(ident: entity.table) WHERE \(selected) GROUP BY status
                """)
        }
        var result = ClosedDeals()
        var cycleTotal = 0.0, cycleCount = 0
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "status", as: String.self) == "won" {
                result.won += count
                result.wonAmount += try row.decode(column: "amount", as: Int64.self)
                cycleTotal += try row.decode(column: "cycle", as: Double?.self) ?? 0
                cycleCount += try row.decode(column: "timed", as: Int.self)
            } else {
                result.lost += count
            }
        }
        result.averageDaysToWin = cycleCount == 0 ? nil : cycleTotal / Double(cycleCount) / 86_400_000
        return result
    }
}

/// One day's open deals for one group, before they roll up into a period.
struct DayTotal {
    struct Key: Hashable {
        let period: String
        let group: Int64?
    }

    let key: Key
    let count: Int
    let amount: Int64
    /// Amount x probability, in hundredths of a fen until the period's sum is rounded.
    let weighted100: Int64
    let committed: Int64

    init(_ row: any SQLRow, period: ForecastPeriod) throws {
        self.key = Key(period: period.period(of: try row.decode(column: "day", as: String.self)), group: try row.decode(column: "grp", as: Int64?.self))
        self.count = try row.decode(column: "n", as: Int.self)
        self.amount = try row.decode(column: "amount", as: Int64.self)
        let probability = try row.decode(column: "probability", as: Int64?.self) ?? 0
        self.weighted100 = self.amount.multipliedReportingOverflow(by: probability).partialValue
        self.committed = probability >= Int64(StoreDatabase.committedProbability) ? self.amount : 0
    }
}
