"""Randomized differential check of hookmigrate's `.py` reader against the Python running this script
(Python 3.8, as MMCV 1.7.2's oracle venv has): generates random expressions of the kinds where exact
Python semantics are intricate, evaluates them here, writes them as one config file, reads it with
`hookmigrate convert --resolve-only X.py --format json`, and compares every value (type and float repr
included). Expressions Python raises on are checked one by one to be refused by hookmigrate.

    .venv-oracle/bin/python tools/oracle/py_fuzz.py .build/debug/hookmigrate --kind numbers --seed 1 --count 3000
    .venv-oracle/bin/python tools/oracle/py_fuzz.py .build/debug/hookmigrate --kind strings --seed 1 --count 3000

numbers: format(x, spec) with random specs, printf-style `%`, round(x, n), arithmetic and comparisons
between ints, floats and bools, str/repr/int/float/divmod/abs/f-strings. strings: slicing, the string
methods, string format specs, sequence comparisons and concatenation, sorted/min/max/len/reversed/...,
str.format. Lines hookmigrate refuses on purpose (an int result beyond 64 bits) are listed, then left out.
syntax: random expressions, most of them mutated into invalid Python, one file each; every file Python
fails on (SyntaxError or another exception) must be refused, every other one read as Python reads it or
refused on purpose (python-unsupported).
Exit status 1 when any value differs or any Python error is accepted.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile


def numbers(rng, count):
    def rfloat():
        k = rng.random()
        if k < 0.1:
            # integers near a rounding tie: CPython's dtoa keeps trailing zeros for some of them ('g')
            return float(rng.randint(1, 10 ** rng.randint(1, 14)) * 10 ** rng.randint(0, 3) + rng.choice([0, 5, 50, 500, 5000]))
        if k < 0.2:
            return rng.choice([0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1e16, 1e-5, 123.456,
                               9.995, 0.045, 1e22, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3, 2 / 3, 1e15, 999.9999])
        if k < 0.35:
            return rng.randint(-10 ** 6, 10 ** 6) / rng.choice([1, 2, 4, 8, 10, 100, 1000, 16, 1024])
        if k < 0.6:
            return rng.uniform(-1, 1) * 10 ** rng.randint(-12, 22)
        if k < 0.8:
            return float(rng.randint(-10 ** 17, 10 ** 17))
        return rng.choice([1, -1]) * rng.random() * 10 ** rng.randint(-320, 308)

    def rint():
        k = rng.random()
        if k < 0.5:
            return rng.randint(-1000, 1000)
        if k < 0.8:
            return rng.randint(-10 ** 12, 10 ** 12)
        return rng.randint(-2 ** 62, 2 ** 62)

    def rnum():
        return rfloat() if rng.random() < 0.6 else (rint() if rng.random() < 0.9 else rng.choice([True, False]))

    def rspec(isfloat):
        s = ''
        if rng.random() < 0.3:
            if rng.random() < 0.5:
                s += rng.choice('*x0 ')
            s += rng.choice('<>=^')
        if rng.random() < 0.3:
            s += rng.choice('+- ')
        if rng.random() < 0.15:
            s += '#'
        if rng.random() < 0.2:
            s += '0'
        if rng.random() < 0.5:
            s += str(rng.randint(0, 25))
        if rng.random() < 0.2:
            s += rng.choice(',_')
        t = rng.choice(['', 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n'] if isfloat else ['', 'd', 'b', 'o', 'x', 'X', 'n', 'c', 'e', 'f', 'g', '%'])
        if rng.random() < 0.6 and (isfloat or t in 'efg%'):
            s += '.' + str(rng.randint(0, 20))
        return s + t

    def rpercent():
        s = '%'
        for flag in '-+ #0':
            if rng.random() < 0.15:
                s += flag
        if rng.random() < 0.5:
            s += str(rng.randint(0, 20))
        if rng.random() < 0.5:
            s += '.' + str(rng.randint(0, 18))
        return s + rng.choice('diouxXeEfFgGrs')

    for _ in range(count):
        k = rng.random()
        if k < 0.3:
            x = rnum()
            yield f'format({x!r}, {rspec(isinstance(x, float))!r})'
        elif k < 0.45:
            yield f'{rpercent()!r} % ({rnum()!r},)'
        elif k < 0.6:
            x = rfloat()
            yield f'round({x!r}, {rng.randint(-8, 25)})' if rng.random() < 0.8 else f'round({x!r})'
        elif k < 0.85:
            a, b = rnum(), rnum()
            op = rng.choice(['+', '-', '*', '/', '//', '%', '**', '<', '==', '<=', '>'])
            if op == '**':
                b = rng.choice([rng.randint(-5, 5), rng.uniform(-3, 3), 0.5, -1, 2])
                a = rng.choice([a, rng.uniform(-10, 10), rng.randint(-10, 10)])
            yield f'({a!r}) {op} ({b!r})'
        else:
            x = rnum()
            yield rng.choice([f'str({x!r})', f'repr({x!r})', f'int({x!r})', f'float({x!r})', f"f'{{{x!r}}}'",
                              f'divmod({x!r}, {rnum()!r})', f'abs({x!r})', f'float({str(x)!r})'])


def strings(rng, count):
    alpha = ['a', 'b', ' ', ',', 'é', '\t', 'Σ', 'ß', 'x', '-', '_', '😀', 'A', '1', '.']

    def rstr(n=None):
        n = rng.randint(0, 8) if n is None else n
        return ''.join(rng.choice(alpha) for _ in range(n))

    def ridx():
        return rng.choice([None, rng.randint(-12, 12)])

    def rseq():
        k = rng.random()
        if k < 0.4:
            return rstr()
        if k < 0.7:
            return [rng.randint(-3, 3) for _ in range(rng.randint(0, 7))]
        return tuple(rng.choice([1, 2.5, 'a', True, None]) for _ in range(rng.randint(0, 5)))

    def opt(v):
        return '' if v is None else repr(v)

    for _ in range(count):
        k = rng.random()
        s, t = rstr(), rstr(rng.randint(0, 2))
        if k < 0.2:
            q, a, b, c = rseq(), ridx(), ridx(), rng.choice([None, None, rng.choice([-3, -2, -1, 1, 2, 3])])
            yield f'({q!r})[{opt(a)}:{opt(b)}' + (f':{opt(c)}]' if c is not None or rng.random() < 0.3 else ']')
        elif k < 0.25:
            yield f'({rseq()!r})[{rng.randint(-8, 8)}]'
        elif k < 0.55:
            m = rng.choice(['split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'replace', 'find', 'rfind', 'count',
                            'startswith', 'endswith', 'partition', 'rpartition', 'lower', 'upper', 'zfill', 'center',
                            'ljust', 'rjust', 'join', 'index'])
            if m in ('split', 'rsplit'):
                args = rng.choice(['', repr(t or ','), f'{rng.choice(["None", repr(t or "a")])}, {rng.randint(-1, 3)}'])
            elif m in ('strip', 'lstrip', 'rstrip'):
                args = rng.choice(['', repr(t)])
            elif m == 'replace':
                args = f'{t!r}, {rstr(rng.randint(0, 2))!r}' + rng.choice(['', f', {rng.randint(-1, 3)}'])
            elif m in ('find', 'rfind', 'count', 'startswith', 'endswith', 'index'):
                args = repr(t) + rng.choice(['', f', {rng.randint(-5, 9)}', f', {rng.randint(-5, 9)}, {rng.randint(-5, 9)}'])
            elif m in ('partition', 'rpartition'):
                args = repr(t)
            elif m == 'zfill':
                args = str(rng.randint(-2, 12))
            elif m in ('center', 'ljust', 'rjust'):
                args = str(rng.randint(-2, 12)) + rng.choice(['', ", '*'"])
            elif m == 'join':
                args = repr([rstr(2) for _ in range(rng.randint(0, 3))])
            else:
                args = ''
            yield f'{s!r}.{m}({args})'
        elif k < 0.65:
            spec = rng.choice(['', '>', '<', '^', '*^', '.']) + str(rng.randint(0, 12)) + rng.choice(['', '.' + str(rng.randint(0, 5))]) + rng.choice(['', 's'])
            yield f'format({s!r}, {spec!r})'
        elif k < 0.75:
            yield f'({rseq()!r}) {rng.choice(["<", "<=", "==", "!=", ">", "+", "in", "not in"])} ({rseq()!r})'
        elif k < 0.85:
            f = rng.choice(['sorted', 'min', 'max', 'len', 'list', 'tuple', 'reversed', 'enumerate', 'sum', 'any', 'all'])
            yield f'{f}({rseq()!r})' if f not in ('reversed', 'enumerate') else f'list({f}({rseq()!r}))'
        else:
            fmt = rng.choice(['{}', '{0}{0}', '{:>5}', '{!r}', '{0!s:^6}', '{{{}}}', '{:.2}', '{0[0]}', 'x{}y{}', '{a}'])
            yield f'{fmt!r}.format({s!r}, {t!r}, a={s!r})'


def syntax(rng, count):
    """Random expressions, a share of them mutated (tokens dropped or inserted) into invalid Python."""
    atoms = ['1', '2.5', "'s'", 'x', 'y', 'True', 'None', '[1, 2]', '(1,)', '()', "{'k': 1}", 'd', "f'{x}'",
             "'a' 'b'", '-1', '0x1F', '1e3', 'l']
    binops = ['+', '-', '*', '/', '//', '%', '**', '<', '==', 'and', 'or', 'in', 'not in', 'is', '&', '|', '<<',
              'if x else']
    noise = ['(', ')', '[', ']', '{', '}', ',', ':', '=', '*', '**', '.', 'if', 'else', 'for', 'in', 'lambda', '\\',
             '\n', '#', "'", '"', ';', '  ', '@', '!', 'not', '+=']

    def expr(depth=0):
        k = rng.random()
        if depth > 3 or k < 0.3:
            return rng.choice(atoms)
        if k < 0.45:
            return f'{expr(depth + 1)} {rng.choice(binops)} {expr(depth + 1)}'
        if k < 0.55:
            return f'({expr(depth + 1)})'
        if k < 0.62:
            return f'[{expr(depth + 1)}, {expr(depth + 1)}]'
        if k < 0.68:
            return f'dict(a={expr(depth + 1)}, **d)'
        if k < 0.73:
            return f'[{expr(depth + 1)} for i in range(3) if i]'
        if k < 0.78:
            return f'{{{expr(depth + 1)}: {expr(depth + 1)}}}'
        if k < 0.83:
            return f'{expr(depth + 1)}[{rng.choice(["0", "-1", "1:", "::-1", "k"])}]'
        if k < 0.88:
            return f"f'{{{expr(depth + 1)}!r:>{rng.randint(0, 9)}}}'"
        if k < 0.92:
            return f'not {expr(depth + 1)}'
        if k < 0.96:
            return f'{expr(depth + 1)}, {expr(depth + 1)}'
        return f'len({expr(depth + 1)})'

    def mutate(text):
        chars = list(text)
        for _ in range(rng.randint(0, 2)):
            at = rng.randint(0, len(chars))
            if rng.random() < 0.4 and chars:
                del chars[min(at, len(chars) - 1)]
            else:
                chars.insert(at, rng.choice(noise))
        return ''.join(chars)

    for _ in range(count):
        body = f'r = {expr()}'
        yield mutate(body) if rng.random() < 0.6 else body


def run_syntax(binary, rng, count):
    """Each case is its own file (a syntax error spoils a whole file): Python's exec vs hookmigrate."""
    prefix = "x = 3\ny = 'yy'\nd = {'k': 2}\nl = [5, 6]\n"
    same = refused_both = refused_on_purpose = wrong = accepted = 0
    with tempfile.TemporaryDirectory() as temp:
        path = os.path.join(temp, 'case.py')
        for body in syntax(rng, count):
            source = prefix + body + '\n'
            namespace = {}
            try:
                exec(compile(source, 'case.py', 'exec'), namespace)
                python_error = None
                try:
                    expected = json.loads(json.dumps({k: v for k, v in namespace.items() if not k.startswith('__')}))
                except (TypeError, ValueError):
                    expected = None
            except Exception as error:  # noqa: BLE001 - SyntaxError included
                python_error = type(error).__name__
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(source)
            result = read(binary, path)
            if python_error:
                if result.returncode == 0:
                    accepted += 1
                    print('ACCEPTED', repr(body), '| Python raises', python_error)
                else:
                    refused_both += 1
            elif result.returncode != 0:
                refused_on_purpose += 1
                if 'python-unsupported' not in result.stderr and 'number-range' not in result.stderr:
                    wrong += 1
                    print('REFUSED', repr(body), '|', result.stderr.split('\n')[0])
            elif expected is not None and json.loads(result.stdout) != expected:
                wrong += 1
                print('DIFFERENT', repr(body))
            else:
                same += 1
    print(f'syntax: {count} files: {same} read as Python reads them, {refused_both} refused where Python fails '
          f'too, {refused_on_purpose} refused on purpose, {wrong} different, {accepted} accepted where Python fails')
    return 1 if wrong or accepted else 0


def evaluate(expression):
    value = eval(expression)
    if isinstance(value, float) and value != value:
        return None, 'nan'
    for item in (value if isinstance(value, (tuple, list)) else [value]):
        if isinstance(item, int) and not isinstance(item, bool) and not -2 ** 63 <= item < 2 ** 63:
            return None, 'bigint'
    json.dumps(value)
    return value, None


def read(binary, path):
    return subprocess.run([binary, 'convert', '--resolve-only', path, '--format', 'json'], capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('binary')
    parser.add_argument('--kind', choices=['numbers', 'strings', 'syntax'], default='numbers')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--count', type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.kind == 'syntax':
        return run_syntax(args.binary, rng, args.count)
    generate = numbers if args.kind == 'numbers' else strings
    lines, expected, raising = [], {}, []
    for index, expression in enumerate(generate(rng, args.count)):
        try:
            value, skip = evaluate(expression)
        except Exception as error:  # noqa: BLE001 - Python's errors are checked below
            raising.append((expression, type(error).__name__))
            continue
        if skip:
            continue
        name = f'r{index}'
        lines.append(f'{name} = {expression}')
        expected[name] = json.loads(json.dumps(value))  # tuples as lists, as the JSON output has them
    with tempfile.TemporaryDirectory() as temp:
        path = os.path.join(temp, 'fuzz.py')
        refused = []
        while True:
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write('\n'.join(lines) + '\n')
            result = read(args.binary, path)
            if result.returncode == 0:
                break
            match = re.search(r'fuzz\.py:(\d+):\d+: error: (.*)', result.stderr)
            if not match:
                print(result.stderr)
                return 1
            line = int(match.group(1))
            refused.append((lines[line - 1], match.group(2)))
            lines[line - 1] = '# refused: ' + lines[line - 1]
        ours = json.loads(result.stdout)
        different = 0
        compared = 0
        for line in lines:
            if line.startswith('#'):
                continue
            name = line.split(' = ', 1)[0]
            compared += 1
            want, got = expected[name], ours.get(name)
            same = want == got and type(want) == type(got) and (not isinstance(want, float) or repr(want) == repr(got))
            if not same:
                different += 1
                print('DIFFERENT', line, '| python:', repr(want), '| hookmigrate:', repr(got))
        accepted = 0
        for expression, error in raising:
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(f'r = {expression}\n')
            if read(args.binary, path).returncode == 0:
                accepted += 1
                print('ACCEPTED', expression, '| Python raises', error)
    for line, message in refused:
        print('refused', line, '|', message)
    print(f'{args.kind} seed {args.seed}: {compared} values compared, {different} different; '
          f'{len(raising)} Python errors, {accepted} accepted; {len(refused)} refused on purpose')
    return 1 if different or accepted else 0


if __name__ == '__main__':
    sys.exit(main())
