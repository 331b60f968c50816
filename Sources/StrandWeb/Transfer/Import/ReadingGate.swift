import Foundation

/// At most `limit` at once; one more is turned away rather than queued, so a burst of large
/// uploads cannot pile up in memory behind the ones being read.
final class ReadingGate: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func enter() -> Bool {
        self.lock.withLock {
            guard self.inside < self.limit else { return false }
            self.inside += 1
            return true
        }
    }

    func leave() {
        self.lock.withLock { self.inside -= 1 }
        // A large table read and let go leaves its pages with the allocator; hand them back.
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim`, which its Swift module does not bring in (it lives in malloc.h).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
