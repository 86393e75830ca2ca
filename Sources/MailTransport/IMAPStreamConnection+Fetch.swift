import Foundation

/// The fetch protocol of a stream session: each message whole, its literal straight to a
/// file, hashed on the way, with the next messages' `UID FETCH`es pipelined behind it, and
/// whatever order the server answers them in. Runs on the connection's queue.
extension IMAPStreamConnection {
    /// A `UID FETCH` sent ahead of its turn (`pipelined`).
    struct Pipelined {
        var uid: UInt32
        var tag: String
        /// Its tagged completion, when the server sent it before the previous fetch's: RFC 3501
        /// (section 5.5) lets a server complete commands it runs at once in any order.
        var completion: Result<Void, IMAPProtocolError>?
    }

    func fetchExamined(
        mailbox: String, uidValidity: UInt32, uid: UInt32, path: String, durable: Bool, next: [UInt32]
    ) throws -> FetchedFile {
        if examined?.mailbox != mailbox || examined?.uidValidity != uidValidity {
            try examine(mailbox, uidValidity: uidValidity)
        }
        if let fetched = try fetchMessage(uid: uid, path: path, durable: durable, next: next) {
            return fetched
        }
        // This session may not know of mail that arrived since it opened the folder:
        // a NOOP lets the server tell it, then the message is asked for once more.
        try command("NOOP") { _ in }
        if let fetched = try fetchMessage(uid: uid, path: path, durable: durable) { return fetched }
        throw IMAPProtocolError(.missingMessage, "the server returned no message for UID \(uid) in \(mailbox) (expunged meanwhile?)")
    }

    /// `UID FETCH uid (UID INTERNALDATE BODY.PEEK[])`, the literal straight to `path`; nil
    /// when the server answered OK without the message. The command may have gone out
    /// already, pipelined behind an earlier fetch; those of `next` not sent yet go out before
    /// this answer is read.
    private func fetchMessage(uid: UInt32, path: String, durable: Bool, next: [UInt32] = []) throws -> FetchedFile? {
        let tag: String
        var completion: Result<Void, IMAPProtocolError>?
        if let early = pipelined.first, early.uid == uid {
            pipelined.removeFirst()
            tag = early.tag
            completion = early.completion  // if so, its answer was read too: nothing more comes
        } else {
            try settlePipelined()
            tag = try send(Self.fetchCommand(uid))
        }
        for later in next where !pipelined.contains(where: { $0.uid == later }) {
            pipelined.append(Pipelined(uid: later, tag: try send(Self.fetchCommand(later))))
        }
        var fetched: FetchedFile?
        var file: LiteralFile?
        defer { file?.close() }
        while completion == nil {
            let line = try reader.readLine(from: stream)
            if let status = IMAPResponse.completion(of: line, tag: tag) {
                completion = status
                break
            }
            if let (ahead, status) = pipelinedCompletion(line) {
                pipelined[ahead].completion = status
                continue
            }
            guard let count = IMAPResponse.fetchLiteral(line) else { continue }  // other untagged news: not ours
            // Dovecot may answer a pipelined fetch before this one completes. Another
            // message's literal never goes into this file (once this message is in, the file
            // must keep the bytes that were hashed): the pipelined one is kept for its own
            // fetch, anything else is read past (its fetch finds it missing and asks again).
            let announced = IMAPResponse.number(after: "UID ", in: line)
            if fetched != nil || announced.map({ $0 != uid }) == true {
                if let announced, arrivedEarly[announced] == nil, pipelined.contains(where: { $0.uid == announced }) {
                    arrivedEarly[announced] = try receiveEarly(count, line: line, uid: announced, path: "\(path).early-\(announced)")
                } else {
                    try reader.readLiteral(count, from: stream) { _ in }
                    _ = try reader.readLine(from: stream)
                }
                continue
            }
            if file == nil { file = try LiteralFile(path: path) } else { try file!.restart() }
            try reader.readLiteral(count, from: stream) { try file!.append($0) }
            let attributes = try attributes(around: line)
            guard IMAPResponse.number(after: "UID ", in: attributes) == uid else { continue }
            if durable { try file!.sync() } else { file!.startWriteback() }
            fetched = FetchedFile(
                uid: uid, internalDate: IMAPResponse.internalDate(in: attributes), path: path,
                size: count, sha256: file!.digest(), isDurable: durable)
        }
        try completion?.get()
        return try fetched ?? takeArrivedEarly(uid, path: path, durable: durable)
    }

    /// Message `uid` if it came early (`receiveEarly`), moved to `path`.
    private func takeArrivedEarly(_ uid: UInt32, path: String, durable: Bool) throws -> FetchedFile? {
        guard let early = arrivedEarly.removeValue(forKey: uid) else { return nil }
        guard rename(early.path, path) == 0 else {
            unlink(early.path)
            throw LiteralFile.Failure(action: "move into place", path: path)
        }
        if durable {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            guard fd >= 0, fsync(fd) == 0 else { throw LiteralFile.Failure(action: "flush", path: path) }
        }
        return FetchedFile(
            uid: uid, internalDate: early.internalDate, path: path, size: early.size, sha256: early.sha256, isDurable: durable)
    }

    /// The pipelined fetch `line` completes, if any, and how.
    private func pipelinedCompletion(_ line: [UInt8]) -> (Int, Result<Void, IMAPProtocolError>)? {
        for index in pipelined.indices where pipelined[index].completion == nil {
            if let status = IMAPResponse.completion(of: line, tag: pipelined[index].tag) { return (index, status) }
        }
        return nil
    }

    /// Receives the pipelined fetch's message, which came early, into a file of its own.
    private func receiveEarly(_ count: Int, line: [UInt8], uid: UInt32, path: String) throws -> FetchedFile {
        var file = try LiteralFile(path: path)
        defer { file.close() }
        do {
            try reader.readLiteral(count, from: stream) { try file.append($0) }
            let attributes = try attributes(around: line)
            return FetchedFile(
                uid: uid, internalDate: IMAPResponse.internalDate(in: attributes), path: path,
                size: count, sha256: file.digest(), isDurable: false)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// A FETCH response's attributes: those on `line`, before its literal, and those after
    /// it to the end of the response (e.g. `)` or ` UID 7)`), read now.
    private func attributes(around line: [UInt8]) throws -> String {
        String(decoding: line, as: UTF8.self) + " " + String(decoding: try reader.readLine(from: stream), as: UTF8.self)
    }

    func dropArrivedEarly() {
        for early in arrivedEarly.values { unlink(early.path) }
        arrivedEarly = [:]
    }

    private static func fetchCommand(_ uid: UInt32) -> String { "UID FETCH \(uid) (UID INTERNALDATE BODY.PEEK[])" }

    /// Reads the pipelined fetches nobody asked for after all (the poll ended, the caller
    /// went elsewhere) to their ends, their messages discarded, so the session is in step
    /// again. Their completions may come in any order.
    func settlePipelined() throws {
        dropArrivedEarly()
        // Those whose answers were read with an earlier fetch are over already.
        var open = pipelined.filter { $0.completion == nil }.map(\.tag)
        pipelined = []
        while !open.isEmpty {
            let line = try reader.readLine(from: stream)
            if let done = open.firstIndex(where: { IMAPResponse.completion(of: line, tag: $0) != nil }) {
                open.remove(at: done)  // whatever it says: it is over
            } else if let count = IMAPResponse.literal(line) {
                try reader.readLiteral(count, from: stream) { _ in }
            }
        }
    }
}
