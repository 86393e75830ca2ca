/// A `Decoder` that answers every request with a placeholder and records which keys were
/// asked for, and how they nest: decoding `ConfigFile` with it lists the keys the config
/// file may use (`ConfigKeys.file`). Nothing is read from any input.
final class KeyProbe: Decoder {
    private var mapKeys: [String: KeyProbe] = [:]
    private var element: KeyProbe?
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    /// What was learned: a map, a list of something, or a plain value.
    var keys: ConfigKeys {
        if let element { return .list(element.keys) }
        if !mapKeys.isEmpty { return .map(mapKeys.mapValues(\.keys)) }
        return .value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(probe: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(probe: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single() }

    fileprivate func child(_ key: String) -> KeyProbe {
        if let known = mapKeys[key] { return known }
        let probe = KeyProbe()
        mapKeys[key] = probe
        return probe
    }

    fileprivate func elementProbe() -> KeyProbe {
        if let element { return element }
        let probe = KeyProbe()
        element = probe
        return probe
    }

    /// A placeholder of any type the config file holds: the probe learns keys, not values.
    fileprivate static func placeholder<T: Decodable>(_ type: T.Type, from probe: KeyProbe) throws -> T {
        switch type {
        case is String.Type: return "" as! T
        case is Bool.Type: return false as! T
        case is Int.Type: return 0 as! T
        case is Double.Type: return 0.0 as! T
        default: return try T(from: probe)
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let probe: KeyProbe
        let codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try KeyProbe.placeholder(type, from: probe.child(key.stringValue))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try probe.child(key.stringValue).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try probe.child(key.stringValue).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder { probe }
        func superDecoder(forKey key: Key) throws -> any Decoder { probe.child(key.stringValue) }
    }

    /// A list of exactly one element: enough to learn the element's keys.
    private struct Unkeyed: UnkeyedDecodingContainer {
        let probe: KeyProbe
        let codingPath: [any CodingKey] = []
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex > 0 }
        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            return try KeyProbe.placeholder(type, from: probe.elementProbe())
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            currentIndex += 1
            return try probe.elementProbe().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            currentIndex += 1
            return try probe.elementProbe().unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Decoder { probe.elementProbe() }
    }

    private struct Single: SingleValueDecodingContainer {
        let codingPath: [any CodingKey] = []
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try KeyProbe.placeholder(type, from: KeyProbe()) }
    }
}
