import StrandCore

/// Why a write was refused. Each maps to one HTTP status: 404, 403, 422, 409, 409.
public enum RecordError: Error, Sendable {
    /// Missing, deleted, or outside the actor's scope: the same answer for all three.
    case notFound
    case forbidden
    case invalid(ValidationFailure)
    /// The record changed since `expectedVersion`; `changes` says what changed meanwhile.
    /// `clashes` holds the fields both changed, to different values: `from` is theirs (the
    /// current value) and `to` the writer's, as the audit log keeps values.
    case conflict(current: Record, changes: [String: AuditChange], clashes: [String: AuditChange] = [:])
    /// The duplicate check is set to block, and these records match.
    case duplicates([DuplicateMatch])
    /// The people an event takes are busy then (C2), and the writer has not said to save anyway.
    case busy([CalendarEntry])
}

/// A save made after a conflict was shown (see `RecordError.conflict`): `base` is the version
/// the writer first read, and `keepTheirs` the fields where they chose the colleague's value.
/// Fields the writer left as they were at `base` keep the colleague's value too.
public struct StaleMerge: Sendable {
    public let base: Int64
    public let keepTheirs: Set<String>

    public init(base: Int64, keepTheirs: Set<String>) {
        (self.base, self.keepTheirs) = (base, keepTheirs)
    }
}

/// Who is writing, from where, and in which time zone their wall-clock input is meant.
public struct WriteContext: Sendable {
    public let actor: Actor
    public let ip: String
    public let timeZone: TimeZone

    public init(actor: Actor, ip: String, timeZone: TimeZone) {
        (self.actor, self.ip, self.timeZone) = (actor, ip, timeZone)
    }
}

import Foundation
