import Foundation
import SQLKit
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// An event's participants: invited, shown the event, booked (conflicts), reminded, answering.
@Suite struct InvitationTests {
    static func at(_ text: String) -> Int64 { Clock.millis(DateTimeText.parse(text, timeZone: .shanghai)!) }

    @Test(arguments: TestBackend.available)
    func participantsAreInvitedBookedRemindedAndAnswer(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let events = company.entity("event")
        let (owner, guest, manager) = (company.repOne, company.repTwo, company.managerOne)
        let input = { (subject: String, start: String, end: String, people: [Actor]) -> [String: InputValue] in
            ["subject": .string(subject), "kind": .string("meeting"), "starts_at": .string(start), "ends_at": .string(end),
             "participants": .list(people.map { String($0.userId) })]
        }
        // The guest is busy at ten; inviting them then names their visit, even to someone who cannot see it.
        _ = try await company.records.create(events, input: input("客户拜访", "2099-03-02 10:00", "2099-03-02 11:00", []), context: company.context(guest))
        var busy: [CalendarEntry] = []
        do {
            _ = try await company.records.create(events, input: input("方案评审", "2099-03-02 10:30", "2099-03-02 12:00", [guest, manager]),
                                                 context: company.context(owner), acknowledgeWarnings: false)
        } catch RecordError.busy(let entries) { busy = entries }
        #expect(busy.count == 1 && busy.first?.ownerId == guest.userId && busy.first?.busyOnly == true)
        let review = try await company.records.create(events, input: input("方案评审", "2099-03-02 10:30", "2099-03-02 12:00", [guest, manager]),
                                                      context: company.context(owner)).record

        let responses = try await company.database.read { try await Invitations.responses(eventId: review.id, db: $0) }
        #expect(responses == [guest.userId: .pending, manager.userId: .pending])
        let invited = try await company.database.read { try await Notices.list(userId: guest.userId, db: $0) }
        #expect(invited.map(\.kind) == ["invitation"] && invited.first?.recordId == review.id)
        // The guest from another department reads it and has it on their calendar, whole.
        #expect(try await company.database.find(events, id: review.id, scope: guest.filter(.view, on: "event")) != nil)
        let (day, next) = (Self.at("2099-03-02 00:00"), Self.at("2099-03-03 00:00"))
        let calendar = try await company.database.calendar(owners: [guest.userId], from: day, to: next, reader: guest.userId,
                                                           scope: guest.filter(.view, on: "event"))
        #expect(calendar.map(\.subject) == ["客户拜访", "方案评审"] && calendar.last?.attendees == [owner.userId, guest.userId, manager.userId])
        let reminded = { try await company.database.read { try await ReminderQueue.of(entity: "event", recordId: review.id, db: $0) }.map(\.userId).sorted() }
        #expect(try await reminded() == [owner.userId, manager.userId, guest.userId].sorted())

        // Declining takes it off their calendar and reminders; the organiser hears of it.
        try await company.records.respond(to: review.id, accept: false, context: company.context(guest))
        let after = try await company.database.calendar(owners: [guest.userId], from: day, to: next, reader: guest.userId,
                                                        scope: guest.filter(.view, on: "event"))
        #expect(after.map(\.subject) == ["客户拜访"])
        #expect(try await reminded() == [owner.userId, manager.userId].sorted())
        let told = try await company.database.read { try await Notices.list(userId: owner.userId, db: $0) }
        #expect(told.map(\.kind) == ["invitation_declined"] && told.first?.params["by"] != nil)
        // Someone not invited cannot answer.
        await #expect(throws: RecordError.self) { try await company.records.respond(to: review.id, accept: true, context: company.context(company.repOneB)) }

        // Dropped from the list, the manager's answer and read share go; moving it tells who remains.
        _ = try await company.records.update(events, id: review.id, input: ["participants": .list([String(guest.userId)]),
                                                                            "starts_at": .string("2099-03-02 14:00"), "ends_at": .string("2099-03-02 15:00")],
                                             expectedVersion: nil, context: company.context(owner))
        let remaining = try await company.database.read { try await Invitations.responses(eventId: review.id, db: $0) }
        #expect(remaining == [guest.userId: .declined])
        #expect(try await company.database.find(events, id: review.id, scope: company.repOneB.filter(.view, on: "event")) == nil)
        let moved = try await company.database.read { try await Notices.list(userId: guest.userId, db: $0) }
        #expect(moved.first?.kind == "invitation_moved")
        // Only active people can be invited.
        await #expect(throws: RecordError.self) {
            _ = try await company.records.create(events, input: input("x", "2099-04-01 10:00", "2099-04-01 11:00", []).merging(["participants": .list(["999999"])]) { $1 },
                                                 context: company.context(owner))
        }
    }
}
