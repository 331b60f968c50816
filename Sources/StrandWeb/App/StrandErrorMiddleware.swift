import StrandCore
import StrandStore
import Vapor

/// One mapping from every error to what the client sees: JSON for the API, a page for people.
/// Internals never reach the client; a 500 is logged with its detail and shown as a plain apology.
struct StrandErrorMiddleware: AsyncMiddleware {
    struct Problem {
        let status: HTTPResponseStatus
        let code: String
        var fields: [String: FieldError] = [:]
        /// The message, when the code alone does not say it (which pool rule refused).
        var messageKey: String?

        var message: String {
            self.messageKey ?? (self.code == "not_found" ? "error.not_found_page" : (self.code == "invalid" ? "form.errors" : "error.\(self.code)"))
        }
    }

    let routes: AllowedMethods

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as RouteNotFound {
            let allowed = self.routes.methods(for: request.url.path)
            guard !allowed.isEmpty else { return self.response(for: error, request: request) }
            let response = self.response(for: Abort(.methodNotAllowed), request: request)
            response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
            return response
        } catch {
            return self.response(for: error, request: request)
        }
    }

    func response(for error: any Error, request: Request) -> Response {
        let problem = Self.problem(for: error)
        if problem.status == .internalServerError {
            request.logger.report(error: error)
        }
        if request.isAPI { return Self.json(problem, strings: request.strings) }
        if problem.status == .unauthorized {
            return request.redirect(to: "/sign-in?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return ErrorPage.response(problem, request: request)
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case let error as RecordError:
            switch error {
            case .notFound: return Problem(status: .notFound, code: "not_found")
            case .forbidden: return Problem(status: .forbidden, code: "forbidden")
            case .invalid(let failure): return Problem(status: .unprocessableEntity, code: "invalid", fields: failure.fields)
            case .conflict: return Problem(status: .conflict, code: "conflict")
            case .duplicates: return Problem(status: .conflict, code: "duplicate")
            case .busy: return Problem(status: .conflict, code: "busy")
            }
        case let error as ListError:
            switch error {
            case .badSort(let column): return Problem(status: .badRequest, code: "bad_sort", fields: ["sort": FieldError("bad_sort", ["column": column])])
            case .badFilter(let column): return Problem(status: .badRequest, code: "bad_filter", fields: [column: FieldError("bad_filter")])
            case .badValue(let name): return Problem(status: .badRequest, code: "bad_request", fields: [name: FieldError("bad_value")])
            }
        case PoolError.refused(let key): return Problem(status: .unprocessableEntity, code: "refused", messageKey: key)
        case is DecodingError: return Problem(status: .badRequest, code: "bad_request")
        case let abort as any AbortError:
            switch abort.status {
            case .forbidden where abort.reason == "csrf": return Problem(status: .forbidden, code: "csrf")
            case .unauthorized: return Problem(status: .unauthorized, code: "unauthorized")
            case .forbidden: return Problem(status: .forbidden, code: "forbidden")
            case .notFound: return Problem(status: .notFound, code: "not_found")
            case .tooManyRequests: return Problem(status: .tooManyRequests, code: "rate_limited")
            case .conflict: return Problem(status: .conflict, code: "conflict")
            case .preconditionRequired: return Problem(status: .preconditionRequired, code: "version_required", fields: ["version": .required])
            case .methodNotAllowed: return Problem(status: .methodNotAllowed, code: "method_not_allowed")
            case .unprocessableEntity: return Problem(status: .unprocessableEntity, code: "invalid")
            case .uriTooLong: return Problem(status: .uriTooLong, code: "uri_too_long")
            case .requestHeaderFieldsTooLarge: return Problem(status: .requestHeaderFieldsTooLarge, code: "headers_too_large")
            case let status where status.code < 500: return Problem(status: status, code: "bad_request")
            default: return Problem(status: .internalServerError, code: "server")
            }
        default: return Problem(status: .internalServerError, code: "server")
        }
    }

    static func json(_ problem: Problem, strings: Strings) -> Response {
        let fields = problem.fields.mapValues { JSON.string(strings.error($0)) }
        return .json(.object(["error": .object([
            "code": .string(problem.messageKey ?? problem.code), "message": .string(strings(problem.message)), "fields": .object(fields),
        ])]), status: problem.status)
    }
}
