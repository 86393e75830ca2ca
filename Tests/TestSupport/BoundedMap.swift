import Foundation

/// `body` for every index in `0..<count`, at most `width` at a time, the results in index
/// order: the labelled sets are checked two files at a time, one a core.
///
/// Each call runs on a thread of its own, not on the cooperative pool the tests share (nor
/// on Dispatch's global queues, which draw on the same few threads): the labelled sets'
/// OCR takes minutes, and two suites of it there would leave every other suite's awaits
/// waiting that long for a turn.
public func boundedMap<Result: Sendable>(
    _ count: Int, width: Int = 2, _ body: @escaping @Sendable (Int) -> Result
) async -> [Result] {
    await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: count)
        var next = 0
        func start() {
            let index = next
            next += 1
            group.addTask {
                await withCheckedContinuation { done in
                    Thread { done.resume(returning: (index, body(index))) }.start()
                }
            }
        }
        for _ in 0..<min(width, count) { start() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < count { start() }
        }
        return results.map { $0! }
    }
}
