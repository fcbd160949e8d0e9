import Foundation
import Testing
@testable import HookMigrateCore

/// Hostile or broken `.py` files stop with a located limit error, never a hang, a crash or a trap.
@Suite struct PythonLimitsTests {
    func code(_ text: String, limits: ReadLimits = .default) -> ConfigError.Code? {
        do {
            _ = try PythonTestSupport.read(text, limits: limits)
            return nil
        } catch let error as ConfigError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func longSequencesAreSizeLimits() {
        // Checked before anything is built, at the default limits.
        #expect(code("a = 'x' * 10 ** 12\n") == .sizeLimit)
        #expect(code("a = [0] * 10 ** 9\n") == .sizeLimit)
        #expect(code("a = (0,) * 10 ** 9\n") == .sizeLimit)
        #expect(code("a = range(10 ** 12)\n") == .sizeLimit)               // a range stored in the config
        #expect(code("a = len(range(10 ** 12))\n") == nil)                 // fine: ranges stay lazy
        #expect(code("a = 10 ** 12 - 1 in range(10 ** 12)\n") == nil)
        #expect(code("a = '{:>999999999}'.format(1)\n") == .sizeLimit)
        #expect(code("a = format(1.0, '.999999999f')\n") == .sizeLimit)
        #expect(code("a = '%999999999d' % 1\n") == .sizeLimit)
        #expect(code("a = 'ab'.center(10 ** 12)\n") == .sizeLimit)
        #expect(code("a = ','.join(['abcdefghij'] * 100000)\n") == nil)
    }

    @Test func endlessOrHugeLoopsStopAtTheValueBound() {
        // The same bound as `maxNodes`, smaller here so that the test runs quickly in debug builds.
        let loops = ReadLimits(maxFileBytes: 64 << 20, maxDepth: 1000, maxNodes: 50_000, maxRangeLength: 1_000_000)
        #expect(code("a = list(range(10 ** 12))\n", limits: loops) == .sizeLimit)
        #expect(code("a = [x for x in range(10 ** 12) if x < 0]\n", limits: loops) == .sizeLimit)
        #expect(code("a = sum(range(10 ** 12))\n", limits: loops) == .sizeLimit)
        #expect(code("a = any(x < 0 for x in range(10 ** 12))\n", limits: loops) == .sizeLimit)
        // A list that grows while a comprehension reads it (Python would run until memory runs out).
        #expect(code("l = [1]\nx = [l.append(i) for i in l]\n", limits: loops) == .sizeLimit)
        #expect(code("a = sum(range(10000))\n", limits: loops) == nil)
    }

    @Test func sharedValuesCountOncePerCopyInTheConfig() {
        // 1000 × 1000 × 1000 values once expanded; each list is built small.
        let bomb = "a = [0] * 1000\nb = [a] * 1000\nc = [b] * 1000\n"
        #expect(code(bomb) == .sizeLimit)
        #expect(code("a = [0] * 1000\nb = [a] * 1000\n") == nil)
    }

    @Test func deepNestingIsBounded() {
        // CPython's tokenizer allows 200 open brackets; Python 3.8's parser overflows its stack near 100
        // (MemoryError), so hookmigrate refuses from a conservative estimate of that stack on.
        #expect(code("a = " + String(repeating: "[", count: 201) + String(repeating: "]", count: 201) + "\n") == .pythonSyntax)
        #expect(code("a = " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "\n") == .pythonSyntax)
        #expect(code("a = " + String(repeating: "[", count: 80) + String(repeating: "]", count: 80) + "\n") == nil)
        #expect(code("a = " + String(repeating: "-(", count: 90) + "1" + String(repeating: ")", count: 90) + "\n") == .pythonSyntax)
        #expect(code("a = " + String(repeating: "-", count: 5000) + "1\n") == .pythonSyntax)
        #expect(code("a = " + String(repeating: "-", count: 600) + "1\n") == nil)
        #expect(code("a = 1" + String(repeating: " + 1", count: 5000) + "\n") == .depthLimit)
        #expect(code("a = 1" + String(repeating: " + 1", count: 900) + "\n") == nil)
        #expect(code("a = x" + String(repeating: "[0]", count: 5000) + "\n") == .depthLimit)
        // MMCV's Config.fromfile fails with RecursionError past 330 levels; hookmigrate reads 300.
        #expect(code("a = []\n" + String(repeating: "a = [a]\n", count: 299)) == nil)
        #expect(code("a = []\n" + String(repeating: "a = [a]\n", count: 300)) == .depthLimit)
        // Nesting built by statements: 2000 levels deep when converted.
        #expect(code("a = []\n" + String(repeating: "a = [a]\n", count: 2000)) == .depthLimit)
        // Comparing or printing such values is bounded too.
        #expect(code("a = []\nb = []\n" + String(repeating: "a = [a]\nb = [b]\n", count: 1200) + "c = a == b\nd = str(a)\n") == .depthLimit)
    }

    @Test func releasingDeeplyNestedValuesDoesNotRecurse() {
        // Swift releases nested objects recursively; 200,000 levels overflow an 8 MB stack. The
        // containers hand their items to PyGraveyard instead. This runs on the test's own (small) stack.
        var list = PyObj(.list(PyList()), at: .start)
        var tuple = PyObj(.tuple(PyTuple([])), at: .start)
        var dict = PyObj(.dict(PyDict()), at: .start)
        for _ in 0..<200_000 {
            list = PyObj(.list(PyList([list])), at: .start)
            tuple = PyObj(.tuple(PyTuple([tuple])), at: .start)
            let next = PyDict()
            next.set(.string(PyExactString("k")), keyObject: PyObj(.str("k"), at: .start), value: dict)
            dict = PyObj(.dict(next), at: .start)
        }
        list = PyObj(.none, at: .start)
        tuple = PyObj(.none, at: .start)
        dict = PyObj(.none, at: .start)
        #expect(list.holdsContainer == false && tuple.holdsContainer == false && dict.holdsContainer == false)
        // End to end: 20,000 levels built by statements, refused at conversion, then released.
        #expect(code("a = []\n" + String(repeating: "a = [a]\n", count: 20_000) + "t = ()\n" + String(repeating: "t = (t,)\n", count: 20_000) + "t = 1\n") == .depthLimit)
        #expect(code("t = ()\n" + String(repeating: "t = (t,)\n", count: 20_000) + "d = {t: 1}\n") == .depthLimit)
        // Iterators wrapping iterators are bounded when they are made.
        #expect(code("g = [1]\n" + String(repeating: "g = (x for x in g)\n", count: 1_200) + "r = list(g)\n") == .depthLimit)
    }

    @Test func smallLimitsAreHonoured() {
        let tight = ReadLimits(maxFileBytes: 1 << 20, maxDepth: 10, maxNodes: 100, maxRangeLength: 5)
        #expect(code("a = list(range(200))\n", limits: tight) == .sizeLimit)
        #expect(code("a = range(6)\n", limits: tight) == .sizeLimit)
        #expect(code("a = range(5)\n", limits: tight) == nil)
        #expect(code("a = [[[[[[[[[[[1]]]]]]]]]]]\n", limits: tight) == .depthLimit)
        #expect(code(String(repeating: "#", count: 2 << 20), limits: tight) == .sizeLimit)
    }
}
