/// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` prints it.
public enum UnifiedDiff {
    /// The diff with `context` lines around each change; empty when the texts are equal.
    public static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        let script = editScript(a, b)
        guard script.contains(where: { $0.kind != .keep }) else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks with `context` lines of shared text around them.
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.kind != .keep }) else { break }
            var start = max(index, firstChange - context)
            if start < index { start = index }
            var end = firstChange
            var lastChange = firstChange
            while end < script.count {
                if script[end].kind != .keep { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            let stop = min(script.count, lastChange + context + 1)
            let hunk = script[start..<stop]
            let oldStart = (hunk.first?.oldLine ?? 0)
            let newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .keep: output += " " + edit.text + "\n"
                case .delete: output += "-" + edit.text + "\n"
                case .insert: output += "+" + edit.text + "\n"
                }
            }
            index = stop
        }
        return output
    }

    struct Edit {
        enum Kind { case keep, delete, insert }
        var kind: Kind
        var text: String
        /// 0-based line in the old text at which this edit stands (for deletes and keeps, its own line).
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ text: String) -> [String] {
        var result = SourceText.lines(text).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The shortest edit script (Myers 1986), as keeps, deletes and inserts in order.
    static func editScript(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        let maxD = n + m
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        let offset = maxD + 1
        outer: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { break outer }
            }
        }
        // Walk back through the trace.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : vd[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(Edit(kind: .keep, text: a[x], oldLine: x, newLine: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(Edit(kind: .insert, text: b[y], oldLine: x, newLine: y))
                } else {
                    x -= 1
                    edits.append(Edit(kind: .delete, text: a[x], oldLine: x, newLine: y))
                }
            }
        }
        return edits.reversed()
    }
}
