import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Well-formedness of XML documents (the SVG plots), checked with Foundation's `XMLParser` (FoundationXML,
/// libxml2, on Linux).
public enum XMLCheck {
    /// `nil` when `text` is a well-formed XML document, else the parser's error with its line and column.
    public static func problem(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        if parser.parse() { return nil }
        let error = parser.parserError.map { "\($0)" } ?? "unknown error"
        return "line \(parser.lineNumber), column \(parser.columnNumber): \(error)"
    }

    /// The name of the document's root element, when it parses.
    public static func rootElement(_ text: String) -> String? {
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
                if name == nil { name = elementName }
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = Root()
        parser.delegate = delegate
        return parser.parse() ? delegate.name : nil
    }
}
