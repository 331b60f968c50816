import StrandCore

/// Why a write was refused. Each maps to one HTTP status: 404, 403, 422, 409, 409.
public enum RecordError: Error, Sendable {
    /// Missing, deleted, or outside the actor's scope: the same answer for all three.
    case notFound
    case forbidden
    case invalid(ValidationFailure)
    /// The record changed since `expectedVersion`; `changes` says what changed meanwhile.
    case conflict(current: Record, changes: [String: AuditChange])
    /// The duplicate check is set to block, and these records match.
    case duplicates([DuplicateMatch])
    /// The people an event takes are busy then (C2), and the writer has not said to save anyway.
    case busy([CalendarEntry])
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
