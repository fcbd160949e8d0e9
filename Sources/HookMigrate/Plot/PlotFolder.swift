import HookMigrateCore

/// Writes a tree's plots into their folder: one picture per complete config (at the config's relative path
/// with `.svg` appended) and `index.html`. The same safety as the tree's output folder: every path stays
/// inside the folder, no symbolic link is followed below it, files are replaced atomically and only when
/// their content changes.
public enum PlotFolder {
    /// Writes the pictures (`(config path, svg)`, any order: they are written in path order) and the index.
    /// Returns how many files were written (created or replaced).
    @discardableResult
    public static func write(_ pictures: [(path: String, svg: String)], index: String, to root: String) throws -> Int {
        try TreeOutput.createFolder(root)
        var written = 0
        let files = pictures.map { (PlotIndex.pictureName(of: $0.path), $0.svg) } + [("index.html", index)]
        for (relative, text) in files.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
            let path = try TreeOutput.safePath(relative, under: root)
            if TreeOutput.existingText(path) == text { continue }
            try TreeOutput.createFolders(for: relative, under: root)
            try FileIO.writeAtomically(text, to: path)
            written += 1
        }
        return written
    }
}
