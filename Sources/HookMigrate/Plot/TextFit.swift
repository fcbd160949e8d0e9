/// Fits text into a width without a font engine: widths are estimated from the advance widths of DejaVu Sans
/// (what `rsvg-convert` on Linux draws with; Verdana, the fallback elsewhere, is as wide), rounded up, and 10%
/// more for bold text. Names are then cut in the middle, sentences wrapped at spaces.
enum TextFit {
    /// The estimated width of `text` at `size` pixels.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += em(scalar) }
        return ems * size * (bold ? 1.1 : 1.0)
    }

    /// The advance of a character in ems (DejaVu Sans, rounded up).
    static func em(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", "'": return 0.28
        case "I", "J", " ", ".", ",", "·": return 0.32
        case ":", ";", "|", "/", "f", "-": return 0.37
        case "(", ")", "[", "]", "t", "!", "r": return 0.42
        case "\"", "_", "s", "z", "?": return 0.54
        case "c", "L", "F", "k", "v", "x", "y", "P", "T", "Y": return 0.61
        case "a"..."z", "0"..."9", "S", "E": return 0.64
        case "K", "A", "B", "C", "V", "X", "Z", "R": return 0.7
        case "U", "H", "N", "D", "G", "O", "Q", "&": return 0.79
        case "w", "=", "+", "×", "−", "#", "<", ">", "M": return 0.87
        case "%", "m", "W", "—", "…": return 1.0
        default: return scalar.value >= 0x1100 ? 1.0 : 0.7
        }
    }

    /// `text`, or its start and end around an ellipsis, fitting `maxWidth`.
    static func middle(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
        guard width(text, size: size, bold: bold) > maxWidth else { return text }
        let characters = Array(text)
        var keep = characters.count
        while keep > 2 {
            keep -= 1
            let head = keep / 2
            let candidate = String(characters.prefix(head)) + "…" + String(characters.suffix(keep - head))
            if width(candidate, size: size, bold: bold) <= maxWidth { return candidate }
        }
        return "…"
    }

    /// `text` wrapped at spaces into at most `lines` lines of `maxWidth`; the last line ends with an ellipsis
    /// when the text does not fit.
    static func wrap(_ text: String, maxWidth: Double, size: Double, lines: Int) -> [String] {
        var result: [String] = []
        var current = ""
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < words.count {
            let word = words[index]
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, size: size) <= maxWidth || current.isEmpty && width(word, size: size) <= maxWidth {
                current = candidate
                index += 1
                continue
            }
            if current.isEmpty {
                // A word longer than a line: cut it.
                current = middle(word, maxWidth: maxWidth, size: size)
                index += 1
            }
            result.append(current)
            current = ""
            if result.count == lines { break }
        }
        if result.count < lines, !current.isEmpty {
            result.append(current)
            current = ""
        }
        if index < words.count || !current.isEmpty, var last = result.popLast() {
            while !last.isEmpty, width(last + " …", size: size) > maxWidth { last.removeLast() }
            result.append(last + " …")
        }
        return result
    }
}
