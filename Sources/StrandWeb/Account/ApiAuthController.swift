import StrandStore
import Vapor

/// `POST /api/v1/auth/token`: the same checks as the sign-in form, answered with a bearer token
/// that lasts as long as a browser session may.
enum ApiAuthController {
    static func token(_ request: Request) async throws -> Response {
        let body = try ApiRecordsController.body(request)
        guard case .string(let username)? = body["username"], case .string(let password)? = body["password"] else {
            throw Abort(.badRequest)
        }
        do {
            let userId = try await SignIn.attempt(username: username, password: password, request: request)
            let token = try await request.strand.database.write {
                try await ApiTokenStore.create(userId: userId, name: "sign-in", expiresAt: Clock.millis() + ApiTokenStore.issuedLifetime, db: $0)
            }
            return .json(.object(["token": .string(token)]))
        } catch SignInError.limited {
            throw Abort(.tooManyRequests)
        } catch SignInError.locked {
            throw Abort(.tooManyRequests)
        } catch SignInError.failed {
            throw Abort(.unauthorized)
        }
    }
}
