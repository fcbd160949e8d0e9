import HookMigrateCore

/// Writes a node as YAML and as JSON and reads each back: what a reader accepted, the writers must
/// write, and the readers must read back as the same node.
public enum RoundTrip {
    /// Checks the round trips of a node read from a file.
    public static func check(_ node: ConfigNode) {
        guard node.mapping != nil else { return }
        for format in [ConfigFormat.yaml, .json] {
            let text: String
            do {
                text = try format.write(node)
            } catch let error as ConfigError {
                // Refusals are fine (e.g. a key JSON cannot hold); they must be located or name the value.
                _ = error
                continue
            } catch {
                fuzzInvariant(false, "writer threw a non-ConfigError: \(error)")
                continue
            }
            do {
                let back = try format.read(SourceText(path: "back.\(format.rawValue)", text: text))
                if format == .yaml {
                    fuzzInvariant(back == node, "YAML round trip changed the node:\n\(node)\n\(back)\n--- written:\n\(text)")
                }
            } catch {
                fuzzInvariant(false, "the \(format.rawValue) writer wrote text its reader refuses: \(error)\n--- written:\n\(text)")
            }
        }
    }
}
