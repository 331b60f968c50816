import Foundation
import StrandCore
import StrandStore
import StrandTesting
@testable import StrandWeb
import Testing
import VaporTesting

/// Every page an administrator can reach, in each language, asks only for words the catalogue
/// has and fills every `{parameter}`: a raw key or an option's code on screen fails here.
@Suite(.serialized) struct StringsCoverageTests {
    @Test func everyPageIsInWordsOfEachLanguage() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let strand = app.strand
            try await DemoSeeder.run(database: strand.database, catalog: strand.catalog, hashPassword: { "test:" + $0 }, customers: 12)
            let browser = WebSession(app)
            _ = try await browser.signIn("admin", WebSession.adminPassword)
            try await browser.send(.GET, "/")
            var missing: [String: Set<String>] = [:]
            for language in Language.allCases {
                let saved = try await browser.send(.PATCH, "/api/v1/users/1", json: #"{"language":"\#(language.rawValue)"}"#,
                                                   headers: [("X-CSRF-Token", browser.csrf ?? "")])
                #expect(saved.status == .ok, "\(saved.body.string)")
                Strings.misses.withLockedValue { $0.removeAll() }
                let pages = try await Self.crawl(browser, limit: 400)
                #expect(pages > 60)
                // The escaping test renders a probe entity of its own, with no words, meanwhile.
                missing[language.rawValue] = Strings.misses.withLockedValue { $0 }.filter { !$0.contains("probe") }
            }
            for (language, keys) in missing.sorted(by: { $0.key < $1.key }) {
                #expect(keys.isEmpty, "\(language) lacks \(keys.count): \(keys.sorted().joined(separator: ", "))")
            }
        }
    }

    /// One part of a catalogue may not define a key another part defines: one would hide the other.
    @Test func noKeyIsDefinedTwice() {
        #expect(Strings.duplicateKeys.isEmpty, "\(Strings.duplicateKeys)")
        #expect(Set(Strings.simplified.keys) == Set(Strings.english.keys),
                "only in zh-Hans: \(Set(Strings.simplified.keys).subtracting(Strings.english.keys).sorted()); only in en: \(Set(Strings.english.keys).subtracting(Strings.simplified.keys).sorted())")
    }

    /// Follows every local link from the home page, breadth first; the number of pages read.
    static func crawl(_ browser: WebSession, limit: Int) async throws -> Int {
        var queue = ["/"], seen: Set<String> = ["/"], read = 0
        while !queue.isEmpty, read < limit {
            let path = queue.removeFirst()
            let response = try await browser.send(.GET, path)
            read += 1
            guard response.headers.contentType?.subType == "html" else { continue }
            for match in response.body.string.matches(of: /href="(\/[^"#]*)"/) {
                let link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                guard !seen.contains(link), !Self.skipped(link) else { continue }
                seen.insert(link)
                queue.append(link)
            }
        }
        return read
    }

    static func skipped(_ link: String) -> Bool {
        ["/export", "/stream", ".ics", "/files/", "/assets/", "cursor=", "/print", "/word", "format="].contains { link.contains($0) }
    }
}
