import HookMigrateCore

/// Writes a node and reads it back: what a reader accepted, the writers must write, and the readers must
/// read back (as the same node, for YAML).
public enum RoundTrip {
    /// Checks the round trips of a node read from a file through `formats`.
    public static func check(_ node: ConfigNode, through formats: [ConfigFormat] = [.yaml, .json]) {
        guard node.mapping != nil else { return }
        for format in formats {
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
