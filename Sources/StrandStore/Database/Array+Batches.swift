import Foundation

extension Array {
    /// The elements in consecutive runs of at most `size`, for statements with a bounded number of values.
    func chunked(by size: Int) -> [[Element]] {
        stride(from: 0, to: self.count, by: size).map { Array(self[$0..<Swift.min($0 + size, self.count)]) }
    }

    /// `map` with an async transform, one element after the other.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

extension Array where Element: Sendable {
    /// `map` of a pure transform spread over the machine's cores, in order: the search words
    /// and audit text of a batch of records, while the database waits anyway.
    func parallelMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) async -> [T] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, self.count / 64)
        guard parts > 1 else { return self.map(transform) }
        let pieces = self.chunked(by: (self.count + parts - 1) / parts)
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for (index, piece) in pieces.enumerated() { group.addTask { (index, piece.map(transform)) } }
            var mapped = [[T]](repeating: [], count: pieces.count)
            for await (index, part) in group { mapped[index] = part }
            return mapped.flatMap { $0 }
        }
    }
}
