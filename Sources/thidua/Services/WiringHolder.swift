/// The running daemon's configuration-dependent parts, replaced whole on SIGHUP.
actor WiringHolder {
    private(set) var current: Wiring

    init(_ wiring: Wiring) { current = wiring }

    func replace(with wiring: Wiring) { current = wiring }
}
