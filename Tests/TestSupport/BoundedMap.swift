/// `body` for every index in `0..<count`, at most `width` at a time, the results in index
/// order: the labelled sets are checked two files at a time, one a core.
public func boundedMap<Result: Sendable>(
    _ count: Int, width: Int = 2, _ body: @escaping @Sendable (Int) async -> Result
) async -> [Result] {
    await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: count)
        var next = 0
        func start() {
            let index = next
            next += 1
            group.addTask { (index, await body(index)) }
        }
        for _ in 0..<min(width, count) { start() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < count { start() }
        }
        return results.map { $0! }
    }
}
