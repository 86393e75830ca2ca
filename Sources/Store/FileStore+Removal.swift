import Foundation

extension FileStore {
    /// Deletes a stored file. Deleting one already gone is not an error, so a removal
    /// repeated after a crash simply finishes the job.
    public func remove(_ relativePath: String) throws {
        let path = url(relativePath).path
        guard unlink(path) == 0 || errno == ENOENT else { throw Failure.io("delete", path: path) }
    }

    /// The size on disk of a stored file, or nil when it is not there.
    public func size(of relativePath: String) -> Int? {
        var status = stat()
        guard stat(url(relativePath).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Removes the folders that held `relativePaths` (and their parents, up to the top
    /// folder under the data directory) when they are empty, so years of pruned months do
    /// not leave a tree of empty folders. A folder that is not empty stays, untouched.
    public func removeEmptyFolders(of relativePaths: [String]) {
        var folders = Set<String>()
        for path in relativePaths {
            var components = path.split(separator: "/").dropLast()
            while components.count > 1 {
                folders.insert(components.joined(separator: "/"))
                components = components.dropLast()
            }
        }
        // Deepest first, so a month folder goes before its year.
        for folder in folders.sorted(by: { $0.split(separator: "/").count > $1.split(separator: "/").count }) {
            rmdir(url(folder).path)
        }
    }
}
