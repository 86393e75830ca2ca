extension FileStore {
    /// Keeps the page thumbnail of the file whose content is `sha256`; returns its path.
    /// Written once, durably, before its check is recorded: a check on record always has
    /// its picture.
    public func writeThumbnail(_ jpeg: [UInt8], sha256: String) throws -> String {
        let path = StoredPaths.thumbnail(sha256: sha256)
        try writeDurably(jpeg, to: path)
        return path
    }
}
