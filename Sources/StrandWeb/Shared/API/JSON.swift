import StrandCore
import Vapor

extension Response {
    static func json(_ value: JSON, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(string: value.serialized))
    }
}
