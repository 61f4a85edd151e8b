"""pdfcheck — what the PDF checks share: running a tool, a named test
and its result, a PDF's objects as qpdf reads them, content-stream
operators.  A check ends with finish(): "N passed, N failed"."""
import base64, json, re, subprocess, sys

results = []


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def test(name):
    def wrap(fn):
        try:
            msg = fn()
        except AssertionError as e:
            msg = str(e) or 'assertion failed'
        except Exception as e:  # a tool crashed: that is a failure too
            msg = '%s: %s' % (type(e).__name__, e)
        results.append((name, msg))
        print(('ok   %s' % name) if not msg else ('FAIL %s: %s' % (name, msg)))
        return fn
    return wrap


class Pdf:
    """The objects of a PDF as qpdf sees them: raw dictionaries, and stream
    data with every standard filter but DCT undone."""

    def __init__(self, path):
        self.raw = self._load(path, 'none')
        self.decoded = self._load(path, 'generalized')
        self.trailer = self.raw['trailer']['value']

    @staticmethod
    def _load(path, level):
        r = run(['qpdf', '--json=2', '--json-key=qpdf', '--json-stream-data=inline',
                 '--decode-level=' + level, path, '-'])
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)['qpdf'][1]

    def obj(self, ref):
        """The value of ref (a dictionary, or a stream's dictionary)."""
        if not (isinstance(ref, str) and ref.endswith(' R')):
            return ref
        o = self.raw['obj:' + ref]
        return o['stream']['dict'] if 'stream' in o else o['value']

    def data(self, ref):
        return base64.b64decode(self.decoded['obj:' + ref]['stream']['data'])

    def raw_data(self, ref):
        """A stream's bytes as the file holds them, filters not undone."""
        return base64.b64decode(self.raw['obj:' + ref]['stream']['data'])

    def root(self):
        return self.obj(self.trailer['/Root'])

    def pages(self):
        refs = []

        def walk(ref):
            node = self.obj(ref)
            if node.get('/Type') == '/Pages':
                for kid in node['/Kids']:
                    walk(kid)
            else:
                refs.append(ref)
        walk(self.root()['/Pages'])
        return refs

    def content(self, page_ref):
        c = self.obj(page_ref)['/Contents']
        refs = c if isinstance(c, list) else [c]
        return b'\n'.join(self.data(r) for r in refs).decode('latin-1')


def text_of(s):
    """A PDF text string as qpdf's JSON writes it."""
    assert isinstance(s, str) and s[:2] in ('u:', 'b:'), repr(s)
    return s[2:] if s.startswith('u:') else bytes.fromhex(s[2:]).decode('latin-1')


# Content stream tokens: enough of the syntax for our own streams.
TOKEN = re.compile(r'\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|'
                   r'[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z\'"*]+|<<|>>')


def operations(stream):
    """(operator, operands) in order; arrays and strings are kept whole."""
    ops, stack, depth = [], [], 0
    for tok in TOKEN.findall(stream):
        if tok == '[':
            depth += 1
            stack.append(tok)
        elif tok == ']':
            depth -= 1
            stack.append(tok)
        elif depth == 0 and re.fullmatch(r"[A-Za-z'\"*]+", tok) and tok not in ('true', 'false', 'null'):
            ops.append((tok, stack))
            stack = []
        else:
            stack.append(tok)
    return ops


def finish():
    failed = sum(1 for _, m in results if m)
    print('%d passed, %d failed' % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)
