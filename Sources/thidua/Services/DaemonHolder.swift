/// The running daemon's configuration-dependent parts, replaced whole on SIGHUP.
actor DaemonHolder {
    private(set) var current: Daemon

    init(_ daemon: Daemon) { current = daemon }

    func replace(with daemon: Daemon) { current = daemon }
}
