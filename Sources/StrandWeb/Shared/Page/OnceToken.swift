import StrandStore
import Vapor

/// A create form's one-time token (`FormTokens`): the form carries it, the first submit claims
/// it, and a second submit of the same form is sent to what the first made.
enum OnceToken {
    static let field = "_once"

    static var hiddenField: Node { el("input", .type("hidden"), .name(self.field), .value(Secrets.token())) }

    enum Outcome {
        /// No token came, or this submit is the first: create, then `finish` or `release`.
        case proceed(String?)
        /// The same form was sent before: this is the answer.
        case answered(Response)

        func finish(at path: String, request: Request) async throws {
            if case .proceed(let token?) = self { try await FormTokens.finish(token, result: path, database: request.strand.database) }
        }

        func release(_ request: Request) async throws {
            if case .proceed(let token?) = self { try await FormTokens.release(token, database: request.strand.database) }
        }
    }

    /// A second submit waits a moment for the first to finish (a double click sends both at
    /// once), then goes where the first went, or back to the list if the first is still busy.
    static func claim(_ form: SubmittedForm, request: Request) async throws -> Outcome {
        guard let token = form[self.field], !token.isEmpty, token.utf8.count <= 64 else { return .proceed(nil) }
        let userId = try request.requireIdentity().user.id
        for _ in 0..<50 {
            switch try await FormTokens.claim(token, userId: userId, database: request.strand.database) {
            case .first: return .proceed(token)
            case .done(let path): return .answered(Flash.redirect(request, to: path, saying: "flash.already_saved"))
            case .pending: try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        return .answered(Flash.redirect(request, to: FormInput.returnPath(form) ?? "/", saying: "flash.still_saving"))
    }

    /// Runs a form's write once however often the form is sent: a redirect is the answer to
    /// give a repeat; anything else (the form again, with its errors) gives the token back.
    static func guarding(_ request: Request, _ write: () async throws -> Response) async throws -> Response {
        let outcome = try await self.claim(try FormInput.values(request), request: request)
        if case .answered(let response) = outcome { return response }
        do {
            let response = try await write()
            if response.status.code / 100 == 3, let location = response.headers.first(name: .location) {
                try await outcome.finish(at: location, request: request)
            } else {
                try await outcome.release(request)
            }
            return response
        } catch {
            try await outcome.release(request)
            throw error
        }
    }
}
