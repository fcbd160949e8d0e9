import Foundation
import Testing
@testable import HookMigrateCore

/// Every refusal of the `.py` reader is a located `ConfigError` with a stable id: Python syntax errors
/// (`python-syntax`), constructs hookmigrate does not evaluate (`python-unsupported`), exceptions Python
/// itself raises (`python-error`), and the limits.
@Suite struct PythonErrorTests {
    /// The error of reading `text` as `cfg.py`, as `line:column [id]`.
    func failure(_ text: String) -> String {
        do {
            _ = try PythonTestSupport.read(text, path: "cfg.py")
            return "no error"
        } catch let error as ConfigError {
            let at = error.location.map { "\($0.line):\($0.column)" } ?? "-"
            return "\(at) [\(error.code.rawValue)]"
        } catch {
            return "\(error)"
        }
    }

    func message(_ text: String) -> String {
        do {
            _ = try PythonTestSupport.read(text, path: "cfg.py")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func syntaxErrorsPointAtTheOffendingToken() {
        #expect(failure("a = (1,\n") == "1:5 [python-syntax]")            // '(' was never closed
        #expect(failure("a = 1 +\n") == "1:8 [python-syntax]")            // expected an expression
        #expect(failure("a = 1\n  b = 2\n") == "2:3 [python-syntax]")      // unexpected indent
        #expect(failure("a = 'abc\n") == "1:5 [python-syntax]")           // unterminated string
        #expect(failure("a = 0777\n") == "1:5 [python-syntax]")           // leading zeros
        #expect(failure("a = $\n") == "1:5 [python-syntax]")              // invalid character
        #expect(failure("a = (]\n") == "1:6 [python-syntax]")             // mismatched bracket
        #expect(failure("a = dict(x=1, x=2)\n") == "1:15 [python-syntax]") // keyword argument repeated
        #expect(failure("1 = a\n") == "1:1 [python-syntax]")              // cannot assign to literal
        #expect(failure("a = f'{1!x}'\n") == "1:10 [python-syntax]")      // f-string conversion
        #expect(failure("a = f'a}b'\n") == "1:8 [python-syntax]")         // single '}'
        #expect(failure("return 1\n") == "1:1 [python-syntax]")
        #expect(failure("x := 1\n") == "1:3 [python-syntax]")             // walrus outside parentheses
        #expect(failure("a = 1 1\n") == "1:7 [python-syntax]")
        #expect(failure("a = b'x' 'y'\n") == "1:10 [python-syntax]")      // bytes and str mixed
        #expect(message("a = (1,\n") == "cfg.py:1:5: error: invalid Python syntax: '(' was never closed [python-syntax]")
    }

    @Test func unsupportedConstructsAreNamedWhereTheyStart() {
        #expect(message("import os\n") == "cfg.py:1:1: error: `import` statements are not supported in config files (hookmigrate reads configs without running Python) [python-unsupported]")
        #expect(failure("a = 1\nfrom os import path\n") == "2:1 [python-unsupported]")
        #expect(failure("def f():\n    return 1\n") == "1:1 [python-unsupported]")
        #expect(failure("class A:\n    pass\n") == "1:1 [python-unsupported]")
        #expect(failure("if True:\n    a = 1\n") == "1:1 [python-unsupported]")
        #expect(failure("for i in range(3):\n    pass\n") == "1:1 [python-unsupported]")
        #expect(failure("a = 1\ndel a\n") == "2:1 [python-unsupported]")
        #expect(failure("@dec\ndef f(): pass\n") == "1:1 [python-unsupported]")
        #expect(failure("a = lambda x: x\n") == "1:5 [python-unsupported]")
        #expect(failure("a = [(b := 1)]\n") == "1:9 [python-unsupported]")
        #expect(failure("a = {1, 2}\n") == "1:5 [python-unsupported]")
        #expect(failure("a = set()\n") == "1:5 [python-unsupported]")
        #expect(failure("a = 'x'.__class__\n") == "1:9 [python-unsupported]")
        #expect(failure("a = print\n") == "1:5 [python-unsupported]")
        #expect(failure("a = __file__\n") == "1:5 [python-unsupported]")
        #expect(failure("a = 'x'.title()\n") == "1:9 [python-unsupported]")
        #expect(failure("a = 1 is 1\n") == "1:7 [python-unsupported]")
        #expect(failure("a = 1j\n") == "1:5 [python-unsupported]")
        #expect(failure("a = b'x'\n") == "1:5 [python-unsupported]")
        #expect(failure("a: int = 1\n") == "1:1 [python-unsupported]")
        #expect(failure("a = dict()\na.x = 1\n") == "2:1 [python-unsupported]")
        #expect(failure("a = (-8) ** (1 / 3)\n") == "1:10 [python-unsupported]")
    }

    @Test func valuesAConfigCannotHoldAreRefusedWhereTheyWereMade() {
        #expect(failure("a = enumerate([1])\n") == "1:5 [python-unsupported]")
        #expect(failure("a = dict(x=1).keys()\n") == "1:5 [python-unsupported]")
        #expect(failure("a = len\n") == "1:5 [python-unsupported]")
        #expect(failure("a = (x for x in [1])\n") == "1:6 [python-unsupported]")
        #expect(failure("b = 1\na = {(1, 2): b}\n") == "2:6 [python-unsupported]")
        #expect(failure("a = {float('nan'): 1}\n") == "1:6 [python-unsupported]")
        #expect(message("a = []\na.append(a)\n") == "cfg.py:1:5: error: this list contains itself, so it cannot be a config value (MMCV fails on it with a RecursionError) [python-unsupported]")
        #expect(failure("d = {}\nd['self'] = d\n") == "1:5 [python-unsupported]")
    }

    @Test func pythonsOwnExceptionsAreLocated() {
        #expect(message("a = 1\nb = c\n") == "cfg.py:2:5: error: NameError: name 'c' is not defined (Python raises this when it runs the file, so MMCV cannot load it either) [python-error]")
        #expect(failure("d = dict(a=1)\nx = d['b']\n") == "2:7 [python-error]")      // KeyError at the key
        #expect(failure("x = [1, 2][5]\n") == "1:12 [python-error]")                  // IndexError
        #expect(failure("x = 1 / 0\n") == "1:7 [python-error]")                       // ZeroDivisionError at '/'
        #expect(failure("x = 7 // 0\n") == "1:7 [python-error]")
        #expect(failure("x = 1.0 % 0.0\n") == "1:9 [python-error]")
        #expect(failure("x = 0 ** -1\n") == "1:7 [python-error]")
        #expect(failure("x = 'a' + 1\n") == "1:9 [python-error]")                     // TypeError
        #expect(failure("x = dict(**[1])\n") == "1:12 [python-error]")                // ** of a non-mapping
        #expect(failure("b = dict(x=1)\nx = dict(x=2, **b)\n") == "2:17 [python-error]") // repeated keyword
        #expect(failure("x = {[1]: 2}\n") == "1:6 [python-error]")                    // unhashable
        #expect(failure("a, b = 1, 2, 3\n") == "1:1 [python-error]")                  // too many values
        #expect(failure("x = int('3.5')\n") == "1:5 [python-error]")                  // ValueError
        #expect(failure("x = [1].foo()\n") == "1:9 [python-error]")                   // AttributeError
        #expect(failure("x = sorted([1, 'a'])\n") == "1:5 [python-error]")
        #expect(failure("x = 5()\n") == "1:5 [python-error]")
        #expect(failure("d = {'a': 1}\nx = [d.setdefault(k + 'x', 1) for k in d]\n") == "2:40 [python-error]") // dict changed size
        #expect(failure("x = '%s %s' % ('a',)\n") == "1:13 [python-error]")
        #expect(failure("x = f'{\"s\":d}'\n") == "1:8 [python-error]")
        #expect(failure("x = 10.0 ** 400\n") == "1:10 [python-error]")             // OverflowError
    }

    @Test func integersOutside64BitsAreNumberRangeErrors() {
        #expect(failure("a = 123456789012345678901234567890\n") == "1:5 [number-range]")
        #expect(failure("a = 2 ** 64\n") == "1:7 [number-range]")
        #expect(failure("a = 9223372036854775807 + 1\n") == "1:25 [number-range]")
        #expect(failure("a = int(1e30)\n") == "1:5 [number-range]")
        // A literal that is never evaluated is no error, as in Python.
        #expect(failure("a = 1 if True else 123456789012345678901234567890\n") == "no error")
    }

    @Test func placeholdersCannotBeComputedWith() {
        // MMCV computes with a random string where `{{ _base_.x }}` was; the result would be random.
        let placeholder = "\"_lr_hookmigrate_base_variable_0\""
        #expect(failure("a = \(placeholder) * 2\n") == "1:5 [python-unsupported]")
        #expect(failure("a = f'{\(placeholder)}'\n") == "1:8 [python-unsupported]")
        #expect(failure("a = \(placeholder).upper()\n") == "1:5 [python-unsupported]")
        #expect(failure("a = len(\(placeholder))\n") == "1:9 [python-unsupported]")
        #expect(failure("a = 'x\(placeholder.dropFirst().dropLast())y'\n") == "1:5 [python-unsupported]")
        #expect(message("a = \(placeholder) + 'x'\n").contains("`{{ _base_.lr }}` is used in an expression"))
    }
}
