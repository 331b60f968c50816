import StrandCore
import StrandStore
import Vapor

/// Users, departments and roles over the API. Everyone signed in may read the directory (to
/// pick an owner); only administrators change it.
enum ApiDirectoryController {
    static func register(_ api: any RoutesBuilder) {
        api.get("users") { request in
            _ = try request.requireIdentity()
            let users = try await request.strand.database.read { try await Directory.users(db: $0) }
            return Response.json(.object(["data": .array(users.map(self.json)), "next_cursor": .null]))
        }
        api.get("users", ":id") { request in
            _ = try request.requireIdentity()
            let id = try ApiRecordsController.id(request)
            guard let user = try await request.strand.database.read({ try await Directory.user(id: id, db: $0) }) else { throw RecordError.notFound }
            return Response.json(self.json(user))
        }
        api.post("users") { request in
            let user = try await request.strand.directory.createUser(try self.userInput(request), context: try request.writeContext())
            return Response.json(self.json(user), status: .created)
        }
        api.patch("users", ":id") { request in
            let body = try ApiRecordsController.body(request)
            let version = body["version"].flatMap { if case .number(let n) = $0 { Int64(n) } else { nil } }
            let user = try await request.strand.directory.updateUser(try ApiRecordsController.id(request), try self.userInput(request),
                                                                     expectedVersion: version, context: try request.writeContext())
            return Response.json(self.json(user))
        }
        api.get("departments") { request in
            _ = try request.requireIdentity()
            let departments = try await request.strand.database.read { try await Directory.departments(db: $0) }
            return Response.json(.object(["data": .array(departments.map(self.json)), "next_cursor": .null]))
        }
        api.post("departments") { request in
            let (name, parent) = try self.departmentInput(request)
            let department = try await request.strand.directory.createDepartment(name: name, parentId: parent, context: try request.writeContext())
            return Response.json(self.json(department), status: .created)
        }
        api.patch("departments", ":id") { request in
            let (name, parent) = try self.departmentInput(request)
            let reviews: Bool? = if case .bool(let flag)? = try ApiRecordsController.body(request)["reviews_customers"] { flag } else { nil }
            let department = try await request.strand.directory.updateDepartment(try ApiRecordsController.id(request), name: name,
                                                                                 parentId: parent, reviewsCustomers: reviews,
                                                                                 context: try request.writeContext())
            return Response.json(self.json(department))
        }
        api.delete("departments", ":id") { request in
            try await request.strand.directory.deleteDepartment(try ApiRecordsController.id(request), context: try request.writeContext())
            return Response(status: .noContent)
        }
        api.get("roles") { request in
            _ = try request.requireIdentity()
            let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
            return Response.json(.object(["data": .array(roles.map(self.json)), "next_cursor": .null]))
        }
    }

    static func userInput(_ request: Request) throws -> DirectoryService.UserInput {
        let body = try ApiRecordsController.body(request)
        var input = DirectoryService.UserInput()
        func text(_ key: String) -> String? { if case .string(let value)? = body[key] { value } else { nil } }
        (input.username, input.password, input.name, input.email) = (text("username"), text("password"), text("name"), text("email"))
        (input.language, input.timeZone) = (text("language"), text("time_zone"))
        switch body["department_id"] {
        case .number(let n)?: input.departmentId = .some(Int64(n))
        case .null?: input.departmentId = .some(nil)
        default: break
        }
        if case .bool(let active)? = body["active"] { input.active = active }
        if case .array(let roles)? = body["roles"] { input.roleKeys = roles.compactMap { if case .string(let k) = $0 { k } else { nil } } }
        return input
    }

    static func departmentInput(_ request: Request) throws -> (String, Int64?) {
        let body = try ApiRecordsController.body(request)
        guard case .string(let name)? = body["name"] else {
            throw RecordError.invalid(ValidationFailure(["name": .required]))
        }
        if case .number(let n)? = body["parent_id"] { return (name, Int64(n)) }
        return (name, nil)
    }

    static func json(_ user: User) -> JSON {
        .object(["id": .int(user.id), "username": .string(user.username), "name": .string(user.name),
                 "department_id": .int(user.departmentId), "active": .bool(user.active), "email": .string(user.email),
                 "language": .string(user.language), "time_zone": .string(user.timeZone),
                 "roles": .array(user.roleKeys.map(JSON.string)), "version": .int(user.version)])
    }

    static func json(_ department: Department) -> JSON {
        .object(["id": .int(department.id), "name": .string(department.name), "parent_id": .int(department.parentId),
                 "reviews_customers": .bool(department.reviewsCustomers), "version": .int(department.version)])
    }

    static func json(_ stored: Directory.StoredRole) -> JSON {
        let grants = stored.role.grants.mapValues { actions in JSON.object(Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, JSON.string($0.value.rawValue)) })) }
        return .object(["id": .int(stored.id), "key": .string(stored.role.key), "name": .string(stored.role.name),
                        "is_admin": .bool(stored.role.isAdmin), "built_in": .bool(stored.builtIn), "grants": .object(grants)])
    }
}
