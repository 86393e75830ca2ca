import Foundation

/// The fetch protocol of a stream session: each message whole, its literal straight to a
/// file, hashed on the way, with the next message's `UID FETCH` pipelined behind it, and
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
        mailbox: String, uidValidity: UInt32, uid: UInt32, path: String, durable: Bool, next: UInt32?
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
    /// already, pipelined behind the previous fetch; `next`'s goes out before this answer is
    /// read.
    private func fetchMessage(uid: UInt32, path: String, durable: Bool, next: UInt32? = nil) throws -> FetchedFile? {
        let tag: String
        var completion: Result<Void, IMAPProtocolError>?
        if let early = pipelined, early.uid == uid {
            pipelined = nil
            tag = early.tag
            completion = early.completion  // if so, its answer was read too: nothing more comes
        } else {
            try settlePipelined()
            tag = try send(Self.fetchCommand(uid))
        }
        if let next, pipelined == nil { pipelined = Pipelined(uid: next, tag: try send(Self.fetchCommand(next))) }
        var fetched: FetchedFile?
        var file: LiteralFile?
        defer { file?.close() }
        while completion == nil {
            let line = try reader.readLine(from: stream)
            if let status = IMAPResponse.completion(of: line, tag: tag) {
                completion = status
                break
            }
            if let ahead = pipelined, ahead.completion == nil, let status = IMAPResponse.completion(of: line, tag: ahead.tag) {
                pipelined?.completion = status
                continue
            }
            guard let count = IMAPResponse.fetchLiteral(line) else { continue }  // other untagged news: not ours
            // Dovecot may answer a pipelined fetch before this one completes. Another
            // message's literal never goes into this file (once this message is in, the file
            // must keep the bytes that were hashed): the pipelined one is kept for its own
            // fetch, anything else is read past (its fetch finds it missing and asks again).
            let announced = IMAPResponse.number(after: "UID ", in: line)
            if fetched != nil || announced.map({ $0 != uid }) == true {
                if let announced, announced == pipelined?.uid, arrivedEarly == nil {
                    arrivedEarly = try receiveEarly(count, line: line, uid: announced, path: path + ".next")
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
        if fetched == nil, let early = arrivedEarly, early.uid == uid {
            arrivedEarly = nil
            guard rename(early.path, path) == 0 else {
                unlink(early.path)
                throw LiteralFile.Failure(action: "move into place", path: path)
            }
            if durable {
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                defer { if fd >= 0 { close(fd) } }
                guard fd >= 0, fsync(fd) == 0 else { throw LiteralFile.Failure(action: "flush", path: path) }
            }
            fetched = FetchedFile(
                uid: uid, internalDate: early.internalDate, path: path, size: early.size,
                sha256: early.sha256, isDurable: durable)
        }
        return fetched
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
        if let early = arrivedEarly { unlink(early.path) }
        arrivedEarly = nil
    }

    private static func fetchCommand(_ uid: UInt32) -> String { "UID FETCH \(uid) (UID INTERNALDATE BODY.PEEK[])" }

    /// Reads a pipelined fetch nobody asked for after all (the poll ended, the caller went
    /// elsewhere) to its end, its message discarded, so the session is in step again.
    func settlePipelined() throws {
        dropArrivedEarly()
        guard let early = pipelined else { return }
        pipelined = nil
        if early.completion != nil { return }  // its answer was read with the fetch before it
        while true {
            let line = try reader.readLine(from: stream)
            if IMAPResponse.completion(of: line, tag: early.tag) != nil { return }  // whatever it says: it is over
            if let count = IMAPResponse.literal(line) { try reader.readLiteral(count, from: stream) { _ in } }
        }
    }
}
