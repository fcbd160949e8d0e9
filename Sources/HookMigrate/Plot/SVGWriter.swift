/// Writes an SVG document element by element. Every text and attribute value is escaped; every number is
/// written by `PlotFormat`, so the same drawing always gives the same bytes.
struct SVGWriter: Sendable {
    /// The document so far.
    private(set) var text = ""
    private var depth = 1

    /// Starts a document of the given size (in pixels), with a style sheet.
    init(width: Double, height: Double, style: String, title: String) {
        let w = PlotFormat.coordinate(width)
        let h = PlotFormat.coordinate(height)
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">\n"
        text += "  <title>\(Self.escape(title))</title>\n"
        text += "  <style>\n\(style)  </style>\n"
        text += "  <rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
    }

    /// Ends the document and returns it.
    mutating func finish() -> String {
        text += "</svg>\n"
        return text
    }

    private mutating func line(_ element: String) {
        text += String(repeating: "  ", count: depth) + element + "\n"
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Opens a group (`<g>`) with a class and optional extra attributes.
    mutating func open(_ className: String? = nil, _ extra: [(String, String)] = []) {
        line("<g" + Self.attributes((className.map { [("class", $0)] } ?? []) + extra) + ">")
        depth += 1
    }

    /// Closes the innermost group.
    mutating func close() {
        depth = max(1, depth - 1)
        line("</g>")
    }

    /// A comment (escaped so that it cannot end early).
    mutating func comment(_ words: String) {
        line("<!-- " + words.replacingOccurrences(of: "--", with: "- -") + " -->")
    }

    /// A line segment.
    mutating func segment(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) {
        line("<line class=\"\(className)\" x1=\"\(PlotFormat.coordinate(x1))\" y1=\"\(PlotFormat.coordinate(y1))\" x2=\"\(PlotFormat.coordinate(x2))\" y2=\"\(PlotFormat.coordinate(y2))\"/>")
    }

    /// A rectangle.
    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, className: String) {
        line("<rect class=\"\(className)\" x=\"\(PlotFormat.coordinate(x))\" y=\"\(PlotFormat.coordinate(y))\" width=\"\(PlotFormat.coordinate(width))\" height=\"\(PlotFormat.coordinate(height))\"/>")
    }

    /// A circle.
    mutating func circle(_ x: Double, _ y: Double, radius: Double, className: String) {
        line("<circle class=\"\(className)\" cx=\"\(PlotFormat.coordinate(x))\" cy=\"\(PlotFormat.coordinate(y))\" r=\"\(PlotFormat.coordinate(radius))\"/>")
    }

    /// A path from its `d` commands (already formatted).
    mutating func path(_ commands: String, className: String) {
        guard !commands.isEmpty else { return }
        line("<path class=\"\(className)\" d=\"\(commands)\"/>")
    }

    /// A text; `anchor` is start, middle or end; `rotate` turns it about its anchor point (degrees).
    mutating func label(_ words: String, x: Double, y: Double, className: String, anchor: String = "start", rotate: Int? = nil) {
        var attributes = "class=\"\(className)\" x=\"\(PlotFormat.coordinate(x))\" y=\"\(PlotFormat.coordinate(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let rotate {
            attributes += " transform=\"rotate(\(rotate) \(PlotFormat.coordinate(x)) \(PlotFormat.coordinate(y)))\""
        }
        line("<text \(attributes)>\(Self.escape(words))</text>")
    }

    /// Text made safe for XML content and attribute values: `&`, `<`, `>`, quotes escaped; characters XML 1.0
    /// does not allow (control characters other than tab and line ends, U+FFFE, U+FFFF) replaced by U+FFFD.
    static func escape(_ words: String) -> String {
        var result = ""
        result.reserveCapacity(words.utf8.count)
        for scalar in words.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF || (0x7F...0x9F).contains(scalar.value) {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
