import Foundation
import SQLKit
import StrandCore

/// The approvals table: a request's steps with their approvers, the state of each, who acted
/// and what they said. Written inside the transaction that changes the record.
enum Approvals {
    /// Starts a request through `flow`; the first step that is not passed becomes current and
    /// its approver is notified. Returns the approval (approved at once when every step passes).
    static func start(_ flow: ApprovalFlow, entity: EntityDefinition, record: Record, revision: Int64, requester: Actor,
                      now: Int64, db: any SQLDatabase) async throws -> Approval {
        var routes: [ApprovalRouting.Routed] = []
        for rule in flow.steps { routes.append(try await ApprovalRouting.route(rule, requester: requester, db: db)) }
        let first = routes.firstIndex { $0 != .passed }
        let state: Approval.State = first == nil ? .approved : .pending
        let row = try await db.raw("""
            INSERT INTO approvals (entity, record_id, revision, flow_key, flow_name, requester_id, state, created_at, finished_at)
            VALUES (\(bind: entity.key), \(bind: record.id), \(bind: revision), \(bind: flow.key), \(bind: flow.name),
              \(bind: requester.userId), \(bind: state.rawValue), \(bind: now), \(bind: state == .approved ? now : nil as Int64?))
            RETURNING id
            """).first()
        let id = try row!.decode(column: "id", as: Int64.self)
        var steps: [ApprovalStep] = []
        for (index, route) in routes.enumerated() {
            let stepState: ApprovalStep.State = route == .passed ? .passed : index == first ? .current : .waiting
            let approver: Int64? = if case .person(let user) = route { user } else { nil }
            steps.append(ApprovalStep(position: Int64(index + 1), approverId: approver, state: stepState, comment: "",
                                      actedBy: nil, actedAt: stepState == .passed ? now : nil))
        }
        try await self.insert(steps, approval: id, db: db)
        let approval = Approval(id: id, entity: entity.key, recordId: record.id, revision: revision, flowName: flow.name,
                                requesterId: requester.userId, state: state, createdAt: now, finishedAt: nil, steps: steps)
        if let step = approval.currentStep {
            try await self.notifyApprovers(of: step, approval: approval, title: record.title(entity), now: now, db: db)
        }
        return approval
    }

    static func insert(_ steps: [ApprovalStep], approval: Int64, db: any SQLDatabase) async throws {
        for step in steps {
            try await db.raw("""
                INSERT INTO approval_steps (approval_id, position, approver_id, state, comment, acted_at)
                VALUES (\(bind: approval), \(bind: step.position), \(bind: step.approverId), \(bind: step.state.rawValue), '', \(bind: step.actedAt))
                """).run()
        }
    }

    /// A record's requests, newest first.
    static func of(entity: String, recordId: Int64, db: any SQLDatabase) async throws -> [Approval] {
        let rows = try await db.raw("""
            SELECT * FROM approvals WHERE entity = \(bind: entity) AND record_id = \(bind: recordId) ORDER BY id DESC
            """).all()
        return try await self.withSteps(rows, db: db)
    }

    static func find(id: Int64, db: any SQLDatabase) async throws -> Approval? {
        try await self.withSteps(try await db.raw("SELECT * FROM approvals WHERE id = \(bind: id)").all(), db: db).first
    }

    static func withSteps(_ rows: [any SQLRow], db: any SQLDatabase) async throws -> [Approval] {
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return [] }
        var steps: [Int64: [ApprovalStep]] = [:]
        for row in try await db.raw("""
            SELECT * FROM approval_steps WHERE approval_id IN \(SQLGroupExpression.binds(ids)) ORDER BY approval_id, position
            """).all() {
            steps[try row.decode(column: "approval_id", as: Int64.self), default: []].append(ApprovalStep(
                position: try row.decode(column: "position", as: Int64.self), approverId: try row.integer("approver_id"),
                state: ApprovalStep.State(rawValue: try row.text("state") ?? "") ?? .waiting, comment: try row.text("comment") ?? "",
                actedBy: try row.integer("acted_by"), actedAt: try row.integer("acted_at")))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return Approval(id: id, entity: try row.text("entity") ?? "", recordId: try row.decode(column: "record_id", as: Int64.self),
                            revision: try row.integer("revision") ?? 1, flowName: try row.text("flow_name") ?? "",
                            requesterId: try row.decode(column: "requester_id", as: Int64.self),
                            state: Approval.State(rawValue: try row.text("state") ?? "") ?? .pending,
                            createdAt: try row.decode(column: "created_at", as: Int64.self), finishedAt: try row.integer("finished_at"),
                            steps: steps[id] ?? [])
        }
    }

    static func setStep(_ approval: Int64, position: Int64, state: ApprovalStep.State, comment: String = "", actor: Int64?,
                        now: Int64?, db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE approval_steps SET state = \(bind: state.rawValue), comment = \(bind: comment), acted_by = \(bind: actor),
              acted_at = \(bind: now) WHERE approval_id = \(bind: approval) AND position = \(bind: position)
            """).run()
    }

    static func finish(_ approval: Int64, state: Approval.State, now: Int64, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE approvals SET state = \(bind: state.rawValue), finished_at = \(bind: now) WHERE id = \(bind: approval)").run()
    }

    /// Tells a step's approver (or, when the administrators decide, each of them) that a request waits.
    static func notifyApprovers(of step: ApprovalStep, approval: Approval, title: String, now: Int64, db: any SQLDatabase) async throws {
        var people = step.approverId.map { [$0] } ?? []
        if people.isEmpty { people = try await self.administrators(db: db) }
        try await Notices.add(people.map {
            Notice(userId: $0, kind: "approval_requested", entity: approval.entity, recordId: approval.recordId,
                   params: ["name": title], createdAt: now)
        }, db: db)
    }

    static func administrators(db: any SQLDatabase) async throws -> [Int64] {
        let admins = try await Directory.roles(db: db).filter(\.role.isAdmin).map(\.role.key)
        return try await Directory.users(db: db).filter { $0.active && $0.roleKeys.contains(where: admins.contains) }.map(\.id)
    }

    /// Whether `actor` may decide the step: its approver, or an administrator when the step
    /// has no approver or its approver has left.
    static func decides(_ step: ApprovalStep, actor: Actor, db: any SQLDatabase) async throws -> Bool {
        if let approver = step.approverId {
            if approver == actor.userId { return true }
            guard actor.isAdmin else { return false }
            return try await Directory.user(id: approver, db: db)?.active != true
        }
        return actor.isAdmin
    }
}
