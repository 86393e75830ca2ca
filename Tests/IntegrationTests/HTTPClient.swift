import CCurl
import Foundation

/// A small HTTP/1.1 client over libcurl for the dashboard tests: no redirects followed, no
/// cookie engine (the test reads and sends cookies itself, so it can check their flags).
struct HTTPClient {
    var base: String

    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }

        /// The value of the cookie `name` this response sets, with its attributes.
        func setCookie(_ name: String) -> String? { headers("Set-Cookie").first { $0.hasPrefix("\(name)=") } }

        /// The value of `<input name="name" value="…">` in the page.
        func formValue(_ name: String) -> String? {
            guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    private final class Collected {
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    func get(_ path: String, cookie: String? = nil, headers: [String] = []) -> Response {
        perform(path, method: "GET", body: nil, cookie: cookie, headers: headers)
    }

    func post(_ path: String, form: [(String, String)], cookie: String? = nil, headers: [String] = []) -> Response {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return perform(
            path, method: "POST", body: Array(body.utf8), cookie: cookie,
            headers: ["Content-Type: application/x-www-form-urlencoded"] + headers)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }

    private func perform(_ path: String, method: String, body: [UInt8]?, cookie: String?, headers: [String]) -> Response {
        guard let handle = thidua_curl_easy_init() else { return Response(status: 0, headers: [], body: []) }
        defer { thidua_curl_easy_cleanup(handle) }
        let collected = Collected()
        let userdata = Unmanaged.passUnretained(collected).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        defer { thidua_curl_slist_free_all(list) }
        for header in headers { list = thidua_curl_slist_append(list, header) }
        if let cookie { list = thidua_curl_slist_append(list, "Cookie: \(cookie)") }
        var code = CURLE_OK
        withExtendedLifetime(collected) {
            _ = thidua_easy_setopt_string(handle, CURLOPT_URL, base + path)
            _ = thidua_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = thidua_easy_setopt_long(handle, CURLOPT_TIMEOUT, 30)
            _ = thidua_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
            if list != nil { _ = thidua_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list) }
            if let body {
                _ = thidua_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
                _ = body.withUnsafeBytes {
                    thidua_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
                }
            }
            _ = thidua_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { pointer, size, count, userdata in
                let box = Unmanaged<Collected>.fromOpaque(userdata!).takeUnretainedValue()
                let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self)
                if let colon = line.firstIndex(of: ":") {
                    box.headers.append(
                        (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)))
                }
                return size * count
            }
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata)
            _ = thidua_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { pointer, size, count, userdata in
                let box = Unmanaged<Collected>.fromOpaque(userdata!).takeUnretainedValue()
                box.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count))
                return size * count
            }
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata)
            code = thidua_curl_easy_perform(handle)
        }
        var status = 0
        if code == CURLE_OK { _ = thidua_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) }
        return Response(status: status, headers: collected.headers, body: collected.body)
    }

    /// A free TCP port on loopback (bound, read, released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until the server answers at all.
    func waitUntilUp(timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        // A last look after the deadline: a pool held by other suites may wake this past it.
        while true {
            if get("/healthz").status != 0 { return true }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
