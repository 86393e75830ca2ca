#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program and collects its standard output, within a wall-clock deadline and an
/// output cap, straight on POSIX: `posix_spawn`, `poll` and `read`, each retried on EINTR.
///
/// Foundation's `Process` is not used: its `FileHandle` reads trap on an interrupted system
/// call, which a signal arriving in the daemon (SIGCHLD, SIGHUP) can cause at any time.
enum BoundedProcess {
    struct Outcome {
        var output: [UInt8]
        /// Exit status when it exited by itself; nil when killed (by us or a limit).
        var exitStatus: Int32?
    }

    static func run(_ path: String, _ arguments: [String], seconds: Double, maxOutput: Int) -> Outcome? {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(writeEnd)
        guard spawned == 0 else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = now() + seconds
        var killed = false
        while true {
            let left = deadline - now()
            if left <= 0 || output.count > maxOutput {
                kill(pid, SIGKILL)
                killed = true
                break
            }
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros: the low 7 bits are the signal, 0 for an exit.
        let exited = status & 0x7F == 0
        return Outcome(output: output, exitStatus: !killed && exited ? (status >> 8) & 0xFF : nil)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
