import Foundation
import SQLKit
import StrandCore

/// What an event's owner is already doing when it is held (C2), checked by the write pipeline
/// for entities whose records take their owner's time (`EntityDefinition.scheduled`). A
/// repeating event is checked at each time it is held in its first `horizon`, in one read.
enum EventConflicts {
    static let timeFields: Set<String> = ["starts_at", "ends_at", "repetition", "repeat_until", "owner_id"]
    /// A change of these may double-book someone: the times, or the people booked.
    static let bookingFields = timeFields.union([Invitations.field])
    static let horizon: Int64 = 90 * 86_400_000

    static func find(_ entity: EntityDefinition, values: [String: FieldValue], owner: Int64?, excluding id: Int64?, actor: Actor,
                     db: any SQLDatabase) async throws -> [CalendarEntry] {
        guard entity.scheduled, let owner, let timing = EventTiming(values: values) else { return [] }
        let start = timing.start
        // An event without length takes its minute.
        let times = timing.occurrences(overlapping: start, start + Self.horizon, limit: 100)
            .map { (from: $0.start, to: max($0.end, $0.start + 60_000)) }
        guard let last = times.last else { return [] }
        // Everyone it books: its owner and the people it invites.
        let people = [owner] + (values[Invitations.field].map { value -> [Int64] in
            guard case .list(let ids) = value else { return [] }
            return ids.compactMap { Int64($0) }.filter { $0 != owner }
        } ?? [])
        let held = try await StoreDatabase.held(owners: people, from: start, to: last.to, reader: actor.userId,
                                                reach: ScopeFilter(.everything), visible: actor.filter(.view, on: entity.key), db: db)
        return held.filter { entry in
            entry.eventId != id && times.contains { entry.start < $0.to && (entry.end > $0.from || (entry.end == entry.start && entry.start >= $0.from)) }
        }
    }
}
