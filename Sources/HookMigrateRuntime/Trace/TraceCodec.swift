import HookMigrateCore

/// Reads and writes traces as canonical JSON Lines (docs/trace-format.md): a header line, then one line
/// per event with keys in a fixed order, numbers in shortest round-trip form, no timestamps or paths
/// other than the config name. The same trace always gives the same bytes.
public enum TraceCodec {
    /// The format name in the header.
    public static let formatName = "hookmigrate-trace"
    /// The format version this build writes and reads.
    public static let version = 1

    /// The JSON Lines text of a trace.
    public static func encode(_ trace: Trace) -> String {
        var output = "{\"format\": \"\(formatName)\", \"version\": \(version), \"runner\": \(JSONWriter.quoted(trace.header.runner)), "
        output += "\"config\": \(JSONWriter.quoted(trace.header.config)), \"iters_per_epoch\": \(trace.header.itersPerEpoch)}\n"
        output.reserveCapacity(trace.events.count * 96)
        for index in trace.events.indices {
            output += line(trace.resolved(index))
            output += "\n"
        }
        return output
    }

    /// One event line.
    public static func line(_ resolved: ResolvedTraceEvent) -> String {
        let event = resolved.event
        var text = "{\"kind\": \"\(event.kind.name)\", \"point\": \"\(event.point.name)\", \"epoch\": \(event.epoch), \"iter\": \(event.iter), \"batch\": \(event.batch)"
        if event.step != 0 { text += ", \"step\": \(event.step)" }
        if let label = resolved.text { text += ", \"text\": " + JSONWriter.quoted(label) }
        if !resolved.values.isEmpty {
            text += ", \"values\": [" + resolved.values.map(number).joined(separator: ", ") + "]"
        }
        return text + "}"
    }

    static func number(_ value: Double) -> String {
        value.isNaN ? "null" : JSONWriter.scalarText(.float(value))
    }

    /// Parses a trace file's text; every mistake is a `file:line:column` error.
    public static func decode(_ text: String, path: String) throws -> Trace {
        let lines = SourceText.lines(text)
        guard let first = lines.first, !first.isEmpty else {
            throw ConfigError(.invalidValue, "empty trace file: expected a header line", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let header = try parseLine(String(first), path: path, line: 1)
        let headerPath = ConfigPath.root
        guard header["format"]?.scalar?.stringValue == formatName else {
            throw ConfigError(.invalidValue, "not a hookmigrate trace: the header's `format` must be \"\(formatName)\"", at: header.location)
        }
        let version = try header.required("version", in: headerPath).int("version")
        guard version == TraceCodec.version else {
            throw ConfigError(.invalidValue, "trace format version \(version) is not supported (this build reads version \(TraceCodec.version))", at: header["version"]?.location)
        }
        var trace = Trace(header: TraceHeader(
            runner: try header.required("runner", in: headerPath).string("runner"),
            config: try header.required("config", in: headerPath).string("config"),
            itersPerEpoch: try counter(header, "iters_per_epoch", in: 1...Int(Int32.max))))
        for (offset, raw) in lines.dropFirst().enumerated() where !raw.isEmpty {
            let number = offset + 2
            let node = try parseLine(String(raw), path: path, line: number)
            let kindName = try node.required("kind", in: .root).string("kind")
            guard let kind = TraceEventKind(name: kindName) else {
                throw ConfigError(.invalidValue, "unknown event kind '\(kindName)'", at: node["kind"]?.location)
            }
            let pointName = try node.required("point", in: .root).string("point")
            guard let point = MountPoint(name: pointName) else {
                throw ConfigError(.invalidValue, "unknown mount point '\(pointName)'", at: node["point"]?.location)
            }
            var numbers: [Double] = []
            if let list = node["values"] {
                for (index, item) in try list.list("values").items.enumerated() {
                    numbers.append(item.isNull ? .nan : try item.double(ConfigPath("values").appending(index: index)))
                }
            }
            trace.append(kind, at: point,
                         epoch: try counter(node, "epoch"),
                         iter: try counter(node, "iter"),
                         batch: try counter(node, "batch"),
                         step: node["step"] == nil ? 0 : try counter(node, "step"),
                         text: try node["text"].map { try $0.string("text") },
                         values: numbers)
        }
        return trace
    }

    /// Events hold their counters in 32 bits; a counter outside `range` (default 0 … Int32.max) is an
    /// `invalid-value` error at the number, never a trap.
    static func counter(_ node: ConfigNode, _ key: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) throws -> Int {
        let value = try node.required(key, in: .root).int(ConfigPath(key))
        guard range.contains(value) else {
            throw ConfigError(.invalidValue, "`\(key)` is \(value); a trace holds \(key) values from \(range.lowerBound) to \(range.upperBound)", at: node[key]?.location)
        }
        return value
    }

    static func parseLine(_ text: String, path: String, line: Int) throws -> ConfigNode {
        do {
            let node = try JSONReader().read(SourceText(path: path, text: text))
            guard case .mapping(let mapping) = node.value else {
                throw ConfigError(.invalidValue, "each trace line must be a JSON object", at: SourceLocation(file: path, line: line, column: 1))
            }
            return relocated(ConfigNode(mapping, at: node.location), line: line)
        } catch var error as ConfigError {
            if let location = error.location { error.location = SourceLocation(file: path, line: line, column: location.column) }
            throw error
        }
    }

    /// Moves line-1 locations of a single-line parse to the real line.
    static func relocated(_ node: ConfigNode, line: Int) -> ConfigNode {
        func move(_ location: SourceLocation?) -> SourceLocation? {
            location.map { SourceLocation(file: $0.file, line: line, column: $0.column) }
        }
        switch node.value {
        case .scalar: return ConfigNode(node.value, at: move(node.location))
        case .list(let list): return ConfigNode(ConfigList(list.items.map { relocated($0, line: line) }, style: list.style), at: move(node.location))
        case .mapping(let mapping):
            let entries = mapping.entries.map { ConfigMapping.Entry(key: $0.key, keyLocation: move($0.keyLocation), value: relocated($0.value, line: line)) }
            return ConfigNode(ConfigMapping(entries), at: move(node.location))
        }
    }
}

private extension ConfigNode {
    func required(_ key: String, in path: ConfigPath) throws -> ConfigNode {
        guard let mapping else { throw ConfigError(.typeMismatch, "expected a JSON object", at: location) }
        return try mapping.required(key, in: path, owner: location)
    }

    subscript(_ key: String) -> ConfigNode? { mapping?[key] }
}
