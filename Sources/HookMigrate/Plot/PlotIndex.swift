/// The `index.html` of a tree's plots folder: every complete config of the tree in path order, with its
/// verdict and its picture (or why it has none). Deterministic, like the pictures.
public enum PlotIndex {
    /// The file name a config's picture is written to, relative to the plots folder: the config's own
    /// relative path with `.svg` appended (`retinanet/retinanet_r50_fpn_1x_coco.py.svg`), so that `x.yaml`
    /// and `x.json` get different pictures.
    public static func pictureName(of configPath: String) -> String {
        configPath + ".svg"
    }

    /// The page. `drawn` says which configs have a picture.
    public static func html(_ result: TreeMigrationResult, drawn: (String) -> Bool) -> String {
        let configs = result.files.filter { $0.role == .config }
        var counts = (equivalent: 0, notEquivalent: 0, notProven: 0, other: 0)
        for file in configs {
            switch file.outcome {
            case .equivalent?: counts.equivalent += 1
            case .notEquivalent?: counts.notEquivalent += 1
            case .notProven?: counts.notProven += 1
            case nil: counts.other += 1
            }
        }
        var lines: [String] = []
        lines.append("<!DOCTYPE html>")
        lines.append("<html lang=\"en\">")
        lines.append("<head>")
        lines.append("<meta charset=\"utf-8\">")
        lines.append("<title>hookmigrate plots: \(escape(result.inputRoot))</title>")
        lines.append("<style>")
        lines.append("body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; max-width: 840px; margin: 2em auto; color: #222222; }")
        lines.append("h2 { font-size: 1em; margin: 2em 0 0.3em; word-break: break-all; }")
        lines.append("img { width: 800px; max-width: 100%; border: 1px solid #dddddd; }")
        lines.append(".equivalent { color: #1b7a34; } .not-equivalent { color: #c62828; } .not-proven, .none { color: #8a6200; }")
        lines.append("td { padding: 0 0.8em 0 0; vertical-align: top; } td.path { word-break: break-all; }")
        lines.append("</style>")
        lines.append("</head>")
        lines.append("<body>")
        lines.append("<h1>hookmigrate plots</h1>")
        lines.append("<p>\(escape(result.inputRoot)): \(configs.count) configs; \(counts.equivalent) equivalent, "
            + "\(counts.notEquivalent) not equivalent, \(counts.notProven) not proven, \(counts.other) without a verdict. "
            + "How to read a plot: docs/plots.md of hookmigrate.</p>")
        lines.append("<table>")
        for (index, file) in configs.enumerated() {
            let (className, words) = verdict(file)
            lines.append("<tr><td class=\"path\"><a href=\"#c\(index)\">\(escape(file.path))</a></td><td class=\"\(className)\">\(escape(words))</td></tr>")
        }
        lines.append("</table>")
        for (index, file) in configs.enumerated() {
            let (className, words) = verdict(file)
            lines.append("<section id=\"c\(index)\">")
            lines.append("<h2>\(escape(file.path))</h2>")
            lines.append("<p class=\"\(className)\">\(escape(words))</p>")
            if drawn(file.path) {
                let picture = escape(pictureName(of: file.path))
                lines.append("<a href=\"\(picture)\"><img src=\"\(picture)\" alt=\"plot of \(escape(file.path))\" loading=\"lazy\"></a>")
            }
            lines.append("</section>")
        }
        lines.append("</body>")
        lines.append("</html>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict of one config for the page: a class and a phrase.
    static func verdict(_ file: TreeFileResult) -> (String, String) {
        if let error = file.error { return ("none", "refused: " + error.message) }
        guard let outcome = file.outcome else { return ("none", "no verdict (already MMEngine, or validation off)") }
        let headline = PlotVerdict(outcome).headline.replacingOccurrences(of: "verdict: ", with: "")
        switch outcome {
        case .equivalent: return ("equivalent", headline)
        case .notEquivalent: return ("not-equivalent", headline)
        case .notProven(let reason): return ("not-proven", "not proven: " + reason)
        }
    }

    /// Text made safe for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        SVGWriter.escape(text)
    }
}
