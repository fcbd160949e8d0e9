/// A sink that keeps only a summary of a run: the first events (as canonical JSON Lines), the number of
/// events of each kind, and a 64-bit FNV-1a fingerprint of every event's fields. It never holds the run,
/// so golden files can pin runs of a million iterations in a few lines.
public struct TraceDigestSink: TraceSink, Sendable {
    /// How many leading events are kept verbatim.
    public let keep: Int
    /// The kept leading events.
    public private(set) var head: [String] = []
    /// Events of each kind, by `TraceEventKind.rawValue`.
    public private(set) var counts = [Int](repeating: 0, count: TraceEventKind.allCases.count)
    /// The fingerprint so far.
    public private(set) var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Creates a sink that keeps `keep` leading events.
    public init(keep: Int = 40) {
        self.keep = keep
    }

    @inline(__always) mutating func mix(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            fingerprint ^= v & 0xFF
            fingerprint &*= 0x100_0000_01B3
            v >>= 8
        }
    }

    public mutating func emit(_ kind: TraceEventKind, at point: MountPoint, epoch: Int, iter: Int, batch: Int,
                              step: Int, text: String?, values: TraceValues) {
        counts[Int(kind.rawValue)] += 1
        mix(UInt64(kind.rawValue) << 8 | UInt64(point.rawValue))
        mix(UInt64(bitPattern: Int64(epoch)))
        mix(UInt64(bitPattern: Int64(iter)))
        mix(UInt64(bitPattern: Int64(batch)))
        mix(UInt64(bitPattern: Int64(step)))
        for byte in (text ?? "").utf8 { mix(UInt64(byte)) }
        mix(UInt64(values.count))
        for value in values { mix(value.bitPattern) }
        if head.count < keep {
            let event = TraceEvent(kind: kind, point: point, epoch: Int32(epoch), iter: Int32(iter), batch: Int32(batch), step: Int32(step))
            head.append(TraceCodec.line(ResolvedTraceEvent(event: event, text: text, values: Array(values))))
        }
    }

    /// The summary as text: counts, fingerprint, then the kept events.
    public var summary: String {
        var lines: [String] = []
        let total = counts.reduce(0, +)
        lines.append("events: \(total)")
        for kind in TraceEventKind.allCases where counts[Int(kind.rawValue)] > 0 {
            lines.append("  \(kind.name): \(counts[Int(kind.rawValue)])")
        }
        let hex = String(fingerprint, radix: 16)
        lines.append("fingerprint: fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex)
        lines.append("first \(head.count) events:")
        lines += head
        return lines.joined(separator: "\n") + "\n"
    }
}
