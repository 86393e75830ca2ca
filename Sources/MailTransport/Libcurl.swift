import CCurl

/// libcurl, which thidua opens at its first use rather than at exec (`Sources/CCurl/shim.h`).
public enum Libcurl {
    /// Opens libcurl now, so that a connection made soon after does not wait for it.
    public static func load() { thidua_curl_preload() }
}
