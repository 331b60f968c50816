import Foundation
import SQLKit
import StrandCore

/// One run of a record through an approval flow, with its steps.
public struct Approval: Sendable, Equatable {
    public enum State: String, Sendable {
        case pending, approved, rejected, withdrawn
    }

    public var id: Int64
    public var entity: String
    public var recordId: Int64
    public var revision: Int64
    public var flowName: String
    public var requesterId: Int64
    public var state: State
    public var createdAt: Int64
    public var finishedAt: Int64?
    public var steps: [ApprovalStep]

    public var currentStep: ApprovalStep? { self.steps.first { $0.state == .current } }
}

public struct ApprovalStep: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Not reached yet.
        case waiting
        /// The step the approval waits on.
        case current
        case approved, rejected
        /// Passed without anyone acting: its approver would have been the requester.
        case passed
        /// The request was withdrawn while this step waited.
        case withdrawn
    }

    public var position: Int64
    /// Nil: no one holds the role above the requester, so the administrators decide.
    public var approverId: Int64?
    public var state: State
    public var comment: String
    public var actedBy: Int64?
    public var actedAt: Int64?
}

/// Who approves a step, found when the request is made: a named person, or the nearest
/// active holder of a role going up from the requester's department (never the requester).
enum ApprovalRouting {
    enum Routed: Equatable {
        case person(Int64)
        /// Nobody fits: the administrators decide.
        case administrators
        /// The requester would approve their own request.
        case passed
    }

    static func route(_ rule: ApprovalStepRule, requester: Actor, db: any SQLDatabase) async throws -> Routed {
        if rule.kind == .user {
            guard let user = rule.userId else { return .administrators }
            if user == requester.userId { return .passed }
            return try await Directory.user(id: user, db: db)?.active == true ? .person(user) : .administrators
        }
        guard let role = rule.searchedRole else { return .administrators }
        let parents = Dictionary(uniqueKeysWithValues: try await Directory.departments(db: db).map { ($0.id, $0.parentId) })
        var department = requester.departmentId
        var seen: Set<Int64> = []
        while let current = department, seen.insert(current).inserted {
            if let holder = try await db.raw("""
                SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                WHERE r.key = \(bind: role) AND u.department_id = \(bind: current) AND u.active = 1 AND u.id <> \(bind: requester.userId)
                ORDER BY u.id LIMIT 1
                """).first() {
                return .person(try holder.decode(column: "id", as: Int64.self))
            }
            department = parents[current] ?? nil
        }
        return .administrators
    }
}
