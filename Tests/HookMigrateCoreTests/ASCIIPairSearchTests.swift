import HookMigrateCore
import Testing

/// `Substring.firstRange(ofASCII:_:)`, the byte search behind template braces and checkpoint file names.
@Suite struct ASCIIPairSearchTests {
    func found(_ text: String, _ first: Character, _ second: Character) -> String? {
        let sub = Substring(text)
        guard let range = sub.firstRange(ofASCII: first.asciiValue ?? 0, second.asciiValue ?? 0) else { return nil }
        return String(sub[..<range.lowerBound]) + "|" + String(sub[range]) + "|" + String(sub[range.upperBound...])
    }

    @Test func findsTheFirstPairAfterLoneAndNonASCIICharacters() {
        #expect(found("epoch_{}.pth", "{", "}") == "epoch_|{}|.pth")
        #expect(found("a{b{}c{}", "{", "}") == "a{b|{}|c{}")
        #expect(found("{{{ x }}", "{", "{") == "|{{|{ x }}")
        #expect(found("é{ü{{ n }}", "{", "{") == "é{ü|{{| n }}")
        #expect(found("ends with {", "{", "{") == nil)
        #expect(found("", "{", "}") == nil)
        // Non-ASCII bytes are refused: they could match inside a character.
        #expect(Substring("é").firstRange(ofASCII: 0xC3, 0xA9) == nil)
    }

    /// A slice that starts inside its string (the byte loop's offsets are the slice's own).
    @Test func findsThePairInASliceOfALongerText() {
        let text = "{{ a }} é {{ b }}"
        let slice = text[text.index(text.startIndex, offsetBy: 3)...]
        guard let range = slice.firstRange(ofASCII: UInt8(ascii: "{"), UInt8(ascii: "{")) else {
            Issue.record("no pair found")
            return
        }
        #expect(String(slice[..<range.lowerBound]) == "a }} é ")
        #expect(String(slice[range.upperBound...]) == " b }}")
        #expect(slice.firstRange(ofASCII: UInt8(ascii: "}"), UInt8(ascii: "{")) == nil)
    }
}
