import Foundation
import Vapor

/// The stylesheet and script, compiled into the binary and served from memory.
enum Assets {
    static let files: [String: (ByteBuffer, HTTPMediaType)] = {
        var files: [String: (ByteBuffer, HTTPMediaType)] = [:]
        for (name, type) in [("app.css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
                             ("app.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]))] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets"),
               let data = try? Data(contentsOf: url) {
                files[name] = (ByteBuffer(data: data), type)
            }
        }
        return files
    }()

    static func serve(_ request: Request) throws -> Response {
        guard let name = request.parameters.get("file"), let (buffer, type) = self.files[name] else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(buffer: buffer))
    }
}
