import HookMigrateTestSupport
import Testing
@testable import HookMigrateCore

/// `PythonWriter`: MMEngine-style `.py` modules. Round trips through the real MMEngine are checked by
/// tools/oracle/check_python_output.py (docs/config-model.md#python-pythonwriter).
@Suite struct PythonWriterTests {
    func py(_ yamlText: String, comment: String? = nil) throws -> String {
        try PythonWriter(leadingComment: comment).write(try yaml(yamlText))
    }

    @Test func shortValuesStayOnOneLine() throws {
        let text = try py("""
        optimizer: {type: SGD, lr: 0.02, momentum: 0.9, weight_decay: 0.0001}
        step: [8, 11]
        log_level: INFO
        load_from: null
        flag: true
        empty_map: {}
        empty_list: []
        """)
        #expect(text == """
        optimizer = dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001)
        step = [8, 11]
        log_level = 'INFO'
        load_from = None
        flag = True
        empty_map = dict()
        empty_list = []

        """)
    }

    @Test func longValuesBreakOneItemPerLineRecursively() throws {
        let text = try py("""
        a: 1
        lr_config: {policy: step, warmup: linear, warmup_iters: 500, warmup_ratio: 0.001, step: [8, 11]}
        model:
          type: RetinaNet
          backbone: {type: ResNet, depth: 50, num_stages: 4, out_indices: !!python/tuple [0, 1, 2, 3], frozen_stages: 1}
          hooks: [{type: TextLoggerHook, interval: 50, ignore_last: true, reset_flag: false, by_epoch: true}]
        b: 2
        """)
        #expect(text == """
        a = 1

        lr_config = dict(
            policy='step',
            warmup='linear',
            warmup_iters=500,
            warmup_ratio=0.001,
            step=[8, 11],
        )

        model = dict(
            type='RetinaNet',
            backbone=dict(
                type='ResNet',
                depth=50,
                num_stages=4,
                out_indices=(0, 1, 2, 3),
                frozen_stages=1,
            ),
            hooks=[
                dict(
                    type='TextLoggerHook',
                    interval=50,
                    ignore_last=True,
                    reset_flag=False,
                    by_epoch=True,
                ),
            ],
        )

        b = 2

        """)
    }

    @Test func seventyNineColumnsFitEightyDoNot() throws {
        // `x = '…'` with a 73-character string is 79 columns; inside a list item the suffix counts too.
        let fits = String(repeating: "a", count: 73)
        #expect(try py("x: \(fits)\n") == "x = '\(fits)'\n")
        let list79 = String(repeating: "b", count: 71)   // x = ['…'] is 5 + 73 + 1 = 79
        #expect(try py("x: [\(list79)]\n") == "x = ['\(list79)']\n")
        let list80 = String(repeating: "b", count: 72)
        #expect(try py("x: [\(list80)]\n") == "x = [\n    '\(list80)',\n]\n")
        // A string never splits, even when it overflows.
        let long = String(repeating: "c", count: 120)
        #expect(try py("x: {path: \(long)}\n") == "x = dict(\n    path='\(long)',\n)\n")
    }

    @Test func longListsOfNumbersFillTheirLines() throws {
        // 0…39 does not fit on one line: the numbers fill lines of at most 79 columns (`21,` would make the
        // first 81), each item with its comma.
        let numbers = (0..<40).map(String.init).joined(separator: ", ")
        let text = try py("frames: [\(numbers)]\nmixed: !!python/tuple [null, true, 1.5, \(numbers)]\n")
        #expect(text == """
        frames = [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
        ]

        mixed = (
            None, True, 1.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
            36, 37, 38, 39,
        )

        """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 79 })
        let back = try PythonConfigReader().read(SourceText(path: "t.py", text: text))
        #expect(back.mapping?["frames"]?.list?.items.map(\.scalar) == (0..<40).map { ConfigScalar.int($0) })
        #expect(back.mapping?["mixed"]?.list?.style == .tuple)
    }

    @Test func longListsOfStringsKeepOneItemALine() throws {
        let names = (0..<12).map { "'class_\($0)'" }.joined(separator: ", ")
        let text = try py("classes: [\(names)]\n")
        #expect(text == "classes = [\n" + (0..<12).map { "    'class_\($0)',\n" }.joined() + "]\n")
    }

    @Test func stringsAreWrittenAsReprWritesThem() throws {
        let node = ConfigNode(ConfigMapping([
            "plain": ConfigNode(.string("abc")),
            "single": ConfigNode(.string("it's")),
            "double": ConfigNode(.string("say \"hi\"")),
            "both": ConfigNode(.string("it's \"x\"")),
            "escapes": ConfigNode(.string("a\\b\n\t\r\u{0}\u{7F}")),
            "unicode": ConfigNode(.string("é ü 😀 中")),
            "invisible": ConfigNode(.string("\u{A0}\u{85}\u{200B}\u{2028}\u{FEFF}")),
            "empty": ConfigNode(.string("")),
        ]))
        #expect(try PythonWriter().write(node) == #"""
        plain = 'abc'
        single = "it's"
        double = 'say "hi"'
        both = 'it\'s "x"'
        escapes = 'a\\b\n\t\r\x00\x7f'
        unicode = 'é ü 😀 中'
        invisible = '\xa0\x85\u200b\u2028\ufeff'
        empty = ''

        """#)
    }

    @Test func tuplesKeepTheirShape() throws {
        let text = try py("""
        empty: !!python/tuple []
        one: !!python/tuple [1]
        two: !!python/tuple [1, 2]
        nested: [!!python/tuple [train, 1]]
        long_one: !!python/tuple [\(String(repeating: "t", count: 80))]
        """)
        #expect(text == """
        empty = ()
        one = (1,)
        two = (1, 2)
        nested = [('train', 1)]

        long_one = (
            '\(String(repeating: "t", count: 80))',
        )

        """)
    }

    @Test func numbersKeepTheirTypeAndSpecialFloatsAreExpressions() throws {
        let text = try py("""
        i: 3
        neg: -7
        f: 1.0
        small: 1.0e-05
        big: 1.0e+16
        tenth: 0.1
        inf: .inf
        ninf: -.inf
        nan: .nan
        negzero: -0.0
        mixed: [.inf, 1, 1.5]
        """)
        #expect(text == """
        i = 3
        neg = -7
        f = 1.0
        small = 1e-05
        big = 1e+16
        tenth = 0.1
        inf = float('inf')
        ninf = float('-inf')
        nan = float('nan')
        negzero = -0.0
        mixed = [float('inf'), 1, 1.5]

        """)
    }

    @Test func mappingsWithOtherKeysAreDisplays() throws {
        let text = try py("""
        keypoint_info: {0: {name: nose, id: 0}, 1: {name: left_eye, id: 1}}
        odd: {a-b: 1, class: 2, ok: 3}
        floats: {1.5: x, null: y, true: z}
        mixed_case: {Type: 1, _private: 2, __dunder: 3}
        """)
        #expect(text == """
        keypoint_info = {0: dict(name='nose', id=0), 1: dict(name='left_eye', id=1)}
        odd = {'a-b': 1, 'class': 2, 'ok': 3}
        floats = {1.5: 'x', None: 'y', True: 'z'}
        mixed_case = dict(Type=1, _private=2, __dunder=3)

        """)
        let broken = try py("k: {0: \(String(repeating: "v", count: 40)), 1: \(String(repeating: "w", count: 40))}\n")
        #expect(broken == "k = {\n    0: '\(String(repeating: "v", count: 40))',\n    1: '\(String(repeating: "w", count: 40))',\n}\n")
    }

    @Test func topLevelKeysThatAreNotModuleNamesAreRefused() {
        let cases: [(String, ConfigError.Code, String)] = [
            ("ok: 1\na-b: 2\n", .pythonName, "not a Python identifier"),
            ("ok: 1\n1abc: 2\n", .pythonName, "not a Python identifier"),
            ("ok: 1\nclass: 2\n", .pythonName, "keyword"),
            ("ok: 1\nNone: 2\n", .pythonName, "keyword"),
            ("ok: 1\n__hidden: 2\n", .pythonName, "drops module names that start with '__'"),
            ("ok: 1\n__debug__: 2\n", .pythonName, "__debug__"),
            ("ok: 1\n0: 2\n", .pythonName, "an int"),
            ("ok: 1\n_base_: [a.py]\n", .reservedKey, "inherit"),
            ("ok: 1\n_deprecation_: {expected: x}\n", .reservedKey, "deprecation"),
            ("ok: 1\nfilename: x\n", .reservedKey, "reserved"),
            ("ok: 1\ntext: x\n", .reservedKey, "reserved"),
            ("ok: 1\npretty_text: x\n", .reservedKey, "reserved"),
            ("ok: 1\nenv_variables: {}\n", .reservedKey, "reserved"),
            ("ok: 1\nﬁle: 2\n", .pythonName, "NFKC"),
        ]
        for (text, code, fragment) in cases {
            let error = configError { try PythonWriter().write(try yaml(text, path: "in.yaml")) }
            #expect(error?.code == code, "\(text)")
            #expect(error?.location == SourceLocation(file: "in.yaml", line: 2, column: 1), "\(text)")
            #expect(error?.message.contains(fragment) == true, "\(text): \(error?.message ?? "")")
        }
    }

    @Test func shadowingABuiltinThatIsUsedLaterIsRefused() throws {
        let error = configError { try PythonWriter().write(try yaml("dict: 1\nmodel: {type: X}\n", path: "s.yaml")) }
        #expect(error?.code == .pythonName)
        #expect(error?.location == SourceLocation(file: "s.yaml", line: 1, column: 1))
        #expect(error?.message.contains("'model'") == true)
        let float = configError { try PythonWriter().write(try yaml("float: 1\nx: [.inf]\n", path: "s.yaml")) }
        #expect(float?.code == .pythonName)
        // Harmless when nothing after it calls the builtin.
        #expect(try py("model: {type: X}\ndict: 1\nfloat: 2.0\nx: [1.5]\n") == "model = dict(type='X')\ndict = 1\nfloat = 2.0\nx = [1.5]\n")
    }

    @Test func keysPythonWouldMergeAndDeepNestingAreRefused() throws {
        let merged = configError { try PythonWriter().write(try yaml("m: {1: a, true: b}\n", path: "m.yaml")) }
        #expect(merged?.code == .invalidValue)
        #expect(merged?.location == SourceLocation(file: "m.yaml", line: 1, column: 11))
        let floatInt = configError { try PythonWriter().write(try yaml("m: {0: a, 0.0: b}\n", path: "m.yaml")) }
        #expect(floatInt?.code == .invalidValue)
        #expect(try py("m: {.nan: a, 1: b}\n") == "m = {float('nan'): 'a', 1: 'b'}\n")

        let ok = String(repeating: "[", count: PythonWriter.maxNesting) + String(repeating: "]", count: PythonWriter.maxNesting)
        #expect(try py("x: \(ok)\n").hasPrefix("x = [\n"))
        let deep = "[" + ok + "]"
        let error = configError { try PythonWriter().write(try yaml("x: \(deep)\n", path: "d.yaml")) }
        #expect(error?.code == .depthLimit)
        #expect(error?.location?.file == "d.yaml")
        let root = configError { try PythonWriter().write(ConfigNode(ConfigList([]), at: SourceLocation(file: "l.yaml", line: 1, column: 1))) }
        #expect(root?.code == .notAMapping)
    }

    @Test func leadingCommentComesFirst() throws {
        #expect(try py("a: 1\n", comment: "# Retinanet.\n# Second line.") == "# Retinanet.\n# Second line.\n\na = 1\n")
        #expect(try py("a: 1\n", comment: "no hash\n\n  # indented") == "# no hash\n#\n  # indented\n\na = 1\n")
        // A line break Python knows (a lone CR) cannot end the comment early; control characters go.
        #expect(try py("a: 1\n", comment: "# one\rtwo = 3\u{0}") == "# one\n# two = 3\n\na = 1\n")
        // The module is UTF-8: a coding declaration in the first two lines is dropped.
        #expect(try py("a: 1\n", comment: "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n# keep: coding=x") == "#!/usr/bin/env python\n# keep: coding=x\n\na = 1\n")
        #expect(try py("{}\n", comment: "# only") == "# only\n")
        #expect(try py("{}\n") == "")
        #expect(try py("a: 1\n", comment: "") == "a = 1\n")
    }

    @Test func leadingCommentIsExtractedFromYAMLAndPython() {
        #expect(LeadingComment.extract(from: "# A.\n#   B.  \nx: 1\n# later\n") == "# A.\n#   B.")
        #expect(LeadingComment.extract(from: "\n\n# after blanks\n\n# second block\nx = 1\n") == "# after blanks")
        #expect(LeadingComment.extract(from: "# Copyright.\r\n_base_ = ['a.py']\r\n") == "# Copyright.")
        #expect(LeadingComment.extract(from: "x: 1 # trailing\n") == nil)
        #expect(LeadingComment.extract(from: "{\"a\": 1}") == nil)
        #expect(LeadingComment.extract(from: "") == nil)
        #expect(LeadingComment.extract(from: "  # indented\nx: 1") == "  # indented")
        #expect(LeadingComment.extract(from: "# only") == "# only")
        #expect(LeadingComment.extract(from: "\n\n") == nil)
    }

    /// The comment is read line by line from the top, stopping at the first other line: the same block as
    /// taking it from all of the file's lines (`SourceText.lines`), over random texts of comment-ish pieces.
    @Test func leadingCommentStopsEarlyWithTheSameResult() {
        // All lines, leading blank ones dropped, then the comment lines up to the first other one, each
        // without its trailing blanks.
        func reference(_ text: String) -> String? {
            let blank = { (character: Character) in character == " " || character == "\t" }
            let comments = SourceText.lines(text).drop { $0.allSatisfy(blank) }.prefix { $0.drop(while: blank).hasPrefix("#") }
            let kept = comments.map { String($0.reversed().drop(while: blank).reversed()) }
            return kept.isEmpty ? nil : kept.joined(separator: "\n")
        }
        let pieces = ["#", " ", "\t", "\n", "\r", "\r\n", "x", "é", "# c", ""]
        var random = SplitMix(seed: 0xC0DE)
        for _ in 0..<5_000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(LeadingComment.extract(from: text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func outputIsDeterministicAndSameForEqualConfigs() throws {
        let text = "b: {z: 1, a: [1, 2, !!python/tuple [3]]}\na: {0: x}\n"
        let first = try py(text, comment: "# c")
        #expect(try py(text, comment: "# c") == first)
        #expect(try PythonWriter(leadingComment: "# c").write(try yaml(text, path: "other.yaml")) == first)
    }

    @Test(.enabled(if: Corpus.enabled, Corpus.skipNote)) func everyTenthCorpusConfigWrites() throws {
        var written = 0
        for path in Corpus.files("legacy", ext: "json").enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
            let node = try JSONReader().read(SourceText(path: path, bytes: try FileIO.readBytes(path)))
            let text = try PythonWriter().write(node)
            #expect(try PythonWriter().write(node) == text)
            #expect(text.hasSuffix("\n"))
            written += 1
        }
        #expect(written == 140)
    }
}

extension PythonWriterTests {
    @Test func basesComeFirstAsTheTreeModeWritesThem() throws {
        var mapping = ConfigMapping()
        mapping["lr"] = ConfigNode(.float(0.1))
        let one = try PythonWriter().write(ConfigNode(mapping), bases: ["./r50.py"])
        #expect(one == "_base_ = './r50.py'\nlr = 0.1\n")
        let two = try PythonWriter().write(ConfigNode(mapping), bases: ["../_base_/a.py", "../_base_/b.py"])
        #expect(two.hasPrefix("_base_ = ['../_base_/a.py', '../_base_/b.py']\n"))
        // A config's own key is still never called `_base_`.
        var own = ConfigMapping()
        own["_base_"] = ConfigNode(.string("x.py"))
        #expect(throws: ConfigError.self) { try PythonWriter().write(ConfigNode(own)) }
    }
}
