#!/usr/bin/env python3
"""run.py PAIBAN — every bad input we know of, with the exact message and
exit status it must get.  Each case starts from a small good edition (in a
fresh folder), changes some files, runs `paiban build`, and checks:
the exit status, one exact line of stderr, and that no PDF was written when
the input is at fault.  Ends with "N passed, N failed"."""
import os, re, resource, shutil, struct, subprocess, sys, tempfile, zlib

PAIBAN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'build/paiban')
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
LAYOUT = os.path.join(ROOT, 'layout')
FONTS = os.path.join(ROOT, 'fonts', 'fonts.yaml')
JPEG = os.path.join(ROOT, 'content', '2018-12-28', 'images', 'xiaoguan.jpg')
SHIPPED_STYLES = open(os.path.join(LAYOUT, 'styles.yaml'), encoding='utf-8').read()
SHIPPED_BROADSHEET = open(os.path.join(LAYOUT, 'broadsheet.yaml'), encoding='utf-8').read()
SHIPPED_PROFILE = open(os.path.join(LAYOUT, 'newsprint.icc'), 'rb').read()

EDITION = """paper: 测试日报
date: 2018-12-28
template: broadsheet
pages:
  - page: A1
    name: 要闻
    articles:
      - article: a.yaml
        columns: 1-4
        top: 1
        lines: 40
"""
ARTICLE = """headline: 标题
body:
  - 正文第一段。
  - 正文第二段。
"""

# A word no line can hold: broken where no rule allows it, and reported.
LONG_WORD = 'headline: 标题\nbody:\n  - 正文PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS字。\n'  # capitals: no hyphenation

def pdf_file(objects):
    """A PDF of the objects (bytes, numbered from 1), its table counted out."""
    data = b'%PDF-1.4\n'
    at = []
    for i, o in enumerate(objects, 1):
        at.append(len(data))
        data += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(data)
    data += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    data += b''.join(b'%010d 00000 n \n' % a for a in at)
    data += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return data


PDF_ROOT = [b'<< /Type /Catalog /Pages 2 0 R >>']
# The edition with its name as the logotype ed/logo.pdf, the article below the masthead.
LOGO_EDITION = EDITION.replace('pages:', 'masthead:\n  logo: logo.pdf\npages:').replace('top: 1', 'top: 9')


DIR = object()  # a folder where a file should be
FIFO = object()  # a named pipe where a file should be (nobody writes to it)
OLD_PDF = b'%PDF-1.7\n% the PDF of the previous run\n' * 200


def png_chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def png(width=16, height=12, idat=None):
    """An RGB PNG; `idat` replaces its compressed data."""
    raw = b''.join(b'\0' + bytes((x * 7 + y * 3) % 256 for x in range(width * 3))
                   for y in range(height))
    return (b'\x89PNG\r\n\x1a\n'
            + png_chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + png_chunk(b'IDAT', zlib.compress(raw) if idat is None else idat)
            + png_chunk(b'IEND', b''))


def jpeg_claiming(width, height, marker=None):
    """The sample photo with its frame header changed to claim width ×
    height pixels (and to be of another kind of JPEG: `marker`)."""
    with open(JPEG, 'rb') as f:
        data = bytearray(f.read())
    i = 2
    while data[i + 1] not in (0xC0, 0xC1, 0xC2):
        i += 2 + struct.unpack('>H', data[i + 2:i + 4])[0]
    data[i + 5:i + 9] = struct.pack('>HH', height, width)
    if marker is not None:
        data[i + 1] = marker
    return bytes(data)


def alias_bomb(levels):
    """A body whose items are lists of ten aliases of the item before."""
    lines = ['headline: 标题', 'body:', '  - &p0 正文。']
    for i in range(1, levels + 1):
        lines.append('  - &p%d [%s]' % (i, ', '.join(['*p%d' % (i - 1)] * 10)))
    return '\n'.join(lines) + '\n'


PHOTO = 'headline: 标题\nphoto:\n  file: %s\nbody: [正文。]\n'
URL = 'https://example.com/' + 'abcdefghij' * 30
NUMBER = '1234567890' * 20
# One warning for the run, at its first line, not one a line.
# The URL breaks after its https:// (LB-12); the rest has no break.
URL_WARNING = ('ed/a.yaml:3:17: warning: the line "example.com/abcdefghija" breaks where the '
               'line-breaking rules forbid: a run of text without a break is wider than the measure; '
               'rewording the text near it or changing the measure gives the breaker other choices '
               '[rule-broken]')

# name, {file: content, None to delete, DIR for a folder, FIFO}, extra args, exit
# status, exact stderr line[, options: 'fsize' limits the size of files
# written (ulimit -f), 'old_pdf' puts a previous PDF in place first,
# 'seconds' fails a run that takes more CPU time (pathological input),
# 'errors' the number of errors there must be (no second, false one)]
CASES = [
    ('unknown key', {'ed/a.yaml': 'hedline: 标题\nbody: [正文。]\n'}, [], 2,
     'ed/a.yaml:1:1: error: unknown key "hedline" in an article; did you mean "headline"?'),
    ('unknown key without a near match', {'ed/a.yaml': ARTICLE + 'colour: red\n'}, [], 2,
     'ed/a.yaml:5:1: error: unknown key "colour" in an article; known keys: kicker, headline, '
     'subtitle, photo, lead, byline, body'),
    ('a failed continued placement, then another on the page (once a crash)',
     {'ed/edition.yaml': EDITION.replace('        columns: 1-4\n', '        continued: true\n        columns: 1-4\n')
      + '      - article: b.yaml\n        columns: 5-8\n        top: 1\n        lines: 40\n',
      'ed/b.yaml': ARTICLE}, [], 2,
     'ed/edition.yaml:9:20: error: "continued" places the rest of an article begun on an earlier page, '
     'but "a.yaml" has not been placed before'),
    ('the ear without a masthead', {'ed/edition.yaml': EDITION.replace('        columns: 1-4\n        top: 1\n        lines: 40\n', '        area: ear\n')}, [], 2,
     'ed/edition.yaml:9:15: error: the first page has no ear: edition.yaml has no "masthead" section, so '
     'no masthead is printed'),
    ('the ear with columns of its own',
     {'ed/edition.yaml': EDITION.replace('pages:', 'masthead: {issue: 第1期}\npages:')
      .replace('        top: 1\n', '        area: ear\n')}, [], 2,
     'ed/edition.yaml:10:18: error: the ear takes its columns and lines from the template\'s masthead; '
     'remove "columns"'),
    ('the ear on a later page',
     {'ed/edition.yaml': EDITION.replace('pages:', 'masthead: {issue: 第1期}\npages:')
      .replace('        top: 1\n', '        top: 9\n')
      + '  - page: A2\n    articles:\n      - article: b.yaml\n        area: ear\n',
      'ed/b.yaml': ARTICLE}, [], 2,
     'ed/edition.yaml:16:15: error: the ear (area: ear) stands beside the masthead of the edition\'s '
     'first page, not on this one'),
    ('columns of its own with parts (once a write past the module\'s cells)',
     {'ed/edition.yaml': EDITION.replace('        lines: 40\n', '        lines: 10\n        set-columns: 3\n'
                                         '        parts:\n          - {columns: 1-2, top: 11, lines: 5}\n')}, [], 2,
     'ed/edition.yaml:12:22: error: set-columns cannot be used with parts: a module set in columns of its '
     'own fills one area; drop the parts, or set-columns'),
    ('the ear is no place name', {'ed/edition.yaml': EDITION.replace('        top: 1\n', '        area: eye\n')}, [], 2,
     'ed/edition.yaml:10:15: error: area must be one of ear, not "eye"'),
    ('a teaser to an article no page places', {'ed/a.yaml': ARTICLE + '  - teaser: b.yaml\n', 'ed/b.yaml': ARTICLE}, [], 2,
     'ed/a.yaml:5:13: error: the teaser points to "b.yaml", which no page of this edition places; '
     'place it, or point to another article'),
    ('a teaser to a file that is not there', {'ed/a.yaml': ARTICLE + '  - teaser: nosuch.yaml\n'}, [], 2,
     'ed/a.yaml:5:13: error: the teaser\'s article file "nosuch.yaml" cannot be found (No such file or '
     'directory)'),
    ('a logo of two pages', {'ed/edition.yaml': LOGO_EDITION, 'ed/logo.pdf': pdf_file(PDF_ROOT + [
        b'<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 200 50] >>',
        b'<< /Type /Page /Parent 2 0 R >>', b'<< /Type /Page /Parent 2 0 R >>'])}, [], 2,
     'ed/edition.yaml:5:9: error: the logo ed/logo.pdf has 2 pages; a logo is a PDF of one page'),
    ('a logo on a rotated page', {'ed/edition.yaml': LOGO_EDITION, 'ed/logo.pdf': pdf_file(PDF_ROOT + [
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 50] >>',
        b'<< /Type /Page /Parent 2 0 R /Rotate 90 >>'])}, [], 2,
     'ed/edition.yaml:5:9: error: the logo ed/logo.pdf has a rotated page; export it upright'),
    ('a damaged logo PDF', {'ed/edition.yaml': LOGO_EDITION, 'ed/logo.pdf': b'%PDF-1.4\nthis is no pdf\n'}, [], 2,
     'ed/edition.yaml:5:9: error: the logo ed/logo.pdf is not a PDF that can be read (can\'t find startxref); '
     'export it again'),
    ('a logo that is no picture and no PDF', {'ed/edition.yaml': LOGO_EDITION, 'ed/logo.pdf': b'hello'}, [], 2,
     'ed/edition.yaml:5:9: error: the logo ed/logo.pdf is neither a PDF, a JPEG nor a PNG; export it as one '
     'of them'),
    ('a logo PDF with a JBIG2 picture', {'ed/edition.yaml': LOGO_EDITION, 'ed/logo.pdf': pdf_file(PDF_ROOT + [
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 50] >>',
        b'<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
        b'<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 1 /ColorSpace /DeviceGray '
        b'/Filter /JBIG2Decode /Length 4 >>\nstream\nabcd\nendstream',
        b'<< /Length 27 >>\nstream\nq 8 0 0 8 0 0 cm /Im1 Do Q\nendstream'])}, [], 2,
     'ed/edition.yaml:5:9: error: the logo ed/logo.pdf cannot be copied: a stream of it is compressed in a way '
     'paiban cannot copy (only Flate, LZW, ASCII, run-length and JPEG are); export it again in a simpler '
     'form, or as a PNG'),
    ('missing required key', {'ed/a.yaml': 'body: [正文。]\n'}, [], 2,
     'ed/a.yaml:1:1: error: an article lacks the required key "headline"'),
    ('wrong type: body as text', {'ed/a.yaml': 'headline: 标题\nbody: 正文。\n'}, [], 2,
     'ed/a.yaml:2:7: error: "body" must be a list, not a single value'),
    ('wrong type: columns', {'ed/edition.yaml': EDITION.replace('columns: 1-4', 'columns: 一到四')}, [], 2,
     'ed/edition.yaml:9:18: error: columns are written like 1-4 (grid columns from 1 to 8), '
     'not "一到四"'),
    ('columns past the grid', {'ed/edition.yaml': EDITION.replace('columns: 1-4', 'columns: 5-9')}, [], 2,
     'ed/edition.yaml:9:18: error: columns are written like 1-4 (grid columns from 1 to 8), '
     'not "5-9"'),
    ('module below the type area', {'ed/edition.yaml': EDITION.replace('lines: 40', 'lines: 90').replace('top: 1', 'top: 20')}, [], 2,
     'ed/edition.yaml:11:16: error: the article runs from grid line 20 for 90 lines, past the 97 lines of '
     'the type area'),
    ('missing date', {'ed/edition.yaml': EDITION.replace('date: 2018-12-28\n', '')}, [], 2,
     'ed/edition.yaml:1:1: error: edition.yaml lacks the required key "date"'),
    ('impossible date', {'ed/edition.yaml': EDITION.replace('2018-12-28', '2018-02-30')}, [], 2,
     'ed/edition.yaml:2:7: error: the date is written YYYY-MM-DD, like 2018-12-28; "2018-02-30" is not a date'),
    ('unknown template', {'ed/edition.yaml': EDITION.replace('broadsheet', 'berliner')}, [], 2,
     'ed/edition.yaml:3:11: error: template "berliner" is not in the layout folder (%s); add %s/berliner.yaml '
     'or name another' % (LAYOUT, LAYOUT)),
    ('unknown style', {'ed/a.yaml': ARTICLE + '  - p: 正文。\n    style: nosuch\n'}, [], 2,
     'ed/a.yaml:6:12: error: style "nosuch" is needed here but %s/styles.yaml does not define it' % LAYOUT),
    ('unknown body item', {'ed/a.yaml': ARTICLE + '  - h9: 小标题\n'}, [], 2,
     'ed/a.yaml:5:5: error: "h9" is not a kind of body item; use h2, h3, h4, h5, p, box, table, '
     'verse, code, list, notice, attribution or teaser'),
    ('tab in indentation', {'ed/a.yaml': 'headline: 标题\nbody:\n\t- 正文。\n'}, [], 2,
     'ed/a.yaml:3:1: error: YAML syntax: while scanning for the next token found character that cannot '
     'start any token (a tab: YAML indents with spaces only; replace the tab with spaces)'),
    ('duplicate key', {'ed/a.yaml': ARTICLE + 'headline: 又一个\n'}, [], 2,
     'ed/a.yaml:5:1: error: duplicate key "headline" (first given at line 1); remove one'),
    ('invalid UTF-8', {'ed/a.yaml': b'headline: \xe6\xa0\nbody: [x]\n'}, [], 2,
     'ed/a.yaml:1:11: error: invalid UTF-8 at byte offset 10 (byte 0xE6); save the file as UTF-8'),
    ('empty article', {'ed/a.yaml': ''}, [], 2,
     'ed/a.yaml: error: an article is a mapping with at least "headline" and "body"'),
    ('missing article file', {'ed/a.yaml': None}, [], 2,
     'ed/edition.yaml:8:18: error: article file "a.yaml" cannot be found (No such file or directory)'),
    ('no edition folder', {}, ['NOSUCH'], 2,
     'NOSUCH: error: no such edition folder; give the folder that holds edition.yaml'),
    ('photo missing', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: nosuch.jpg\nbody: [正文。]\n'}, [], 2,
     'ed/a.yaml:3:9: error: photo file "nosuch.jpg" cannot be found (No such file or directory)'),
    ('photo outside the edition', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: ../x.jpg\nbody: [正文。]\n',
                                   'x.jpg': 'JPEG'}, [], 2,
     'ed/a.yaml:3:9: error: photo file "../x.jpg" lies outside the edition folder; copy the file into ed '
     'or run with --allow-outside-root'),
    ('photo truncated', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: p.jpg\nbody: [正文。]\n',
                         'ed/p.jpg': ('TRUNC', 4000)}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.jpg is not a complete JPEG file (truncated or damaged); export '
     'it again'),
    ('photo not an image', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: p.jpg\nbody: [正文。]\n',
                            'ed/p.jpg': 'GIF89a not really'}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.jpg is neither JPEG nor PNG; convert it to one of them'),
    ('table ragged row', {'ed/a.yaml': ARTICLE + '  - table:\n      head: [甲, 乙]\n      rows:\n        - [1, 2]\n        - [3]\n'}, [], 2,
     'ed/a.yaml:9:11: error: this row fills 1 of the table\'s 2 columns; every row needs a cell (or a span) '
     'for each column'),
    ('table empty row', {'ed/a.yaml': ARTICLE + '  - table:\n      rows:\n        - [1, 2]\n        - []\n'}, [], 2,
     'ed/a.yaml:8:11: error: this table row is empty; give its cells or remove the row'),
    ('table too wide', {'ed/a.yaml': ARTICLE + '  - table:\n      rows:\n        - [Internationalization, 1234567890123456789012345]\n'}, [], 2,
     'ed/a.yaml:6:7: error: the table needs 139.4 pt but its frame is 117.0 pt wide (22.4 pt too wide); '
     'column 2 ("1234567890123456789012345") alone needs 116.3 pt. Span more columns, use a smaller table '
     'style, or shorten the text'),
    ('font not installed', {'fonts.yaml': 'faces:\n  serif: {family: Nonexistent Serif SC, package: fonts-nonexistent}\n'
                            '  serif-bold: {family: Noto Serif CJK SC, style: Bold}\n'
                            '  serif-black: {family: Noto Serif CJK SC, style: Black}\n'
                            '  sans: {family: Noto Sans CJK SC}\n  sans-bold: {family: Noto Sans CJK SC, style: Bold}\n'
                            '  kai: {family: AR PL KaitiM GB, style: Regular}\n  mono: {family: Noto Sans Mono CJK SC}\n'}, ['--fonts', 'fonts.yaml'], 2,
     '%s/styles.yaml:6:11: error: font "serif" (Nonexistent Serif SC Regular) is not installed; install the '
     'Debian package fonts-nonexistent (apt-get install fonts-nonexistent)' % LAYOUT),
    ('credit below 六号 (CB-6)', {'lay/styles.yaml': SHIPPED_STYLES.replace('size: 六号 ', 'size: 七号 '),
                                 'lay/broadsheet.yaml': SHIPPED_BROADSHEET, 'lay/newsprint.icc': SHIPPED_PROFILE,
                                 'ed/a.yaml': 'headline: 标题\nphoto:\n  file: p.jpg\n  credit: 本报记者 张三 摄\nbody: [正文。]\n',
                                 'ed/p.jpg': ('JPEG', 10**9)}, ['--layout', 'lay'], 0,
     'lay/styles.yaml:%d:3: warning: style "credit" sets a photo credit at 5.5 pt, below 六号 (7.5 pt); give it '
     'at least 六号 [small-type]' % (SHIPPED_STYLES.split('\n').index('  credit:') + 1)),
    ('character no font has', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 正文\U00013000字。\n'}, [], 0,
     'ed/a.yaml:3:7: warning: no font has U+13000 "\U00013000"; it prints as an empty box. Replace the '
     'character or add a face that has it to the fallback list in fonts/fonts.yaml [missing-glyph]'),
    ('character no font has, strict', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 正文\U00013000字。\n'}, ['--strict'], 1,
     'ed/a.yaml:3:7: warning: no font has U+13000 "\U00013000"; it prints as an empty box. Replace the '
     'character or add a face that has it to the fallback list in fonts/fonts.yaml [missing-glyph]'),
    ('control character', {'ed/a.yaml': 'headline: 标题\nbody:\n  - "正文\\u0007字。"\n'}, [], 0,
     'ed/a.yaml:3:5: warning: control character U+0007 in the text of a paragraph was dropped; remove it '
     'from the file [control-char]'),
    ('word wider than a column', {'ed/a.yaml': LONG_WORD}, [], 0,
     'ed/a.yaml:3:5: warning: the line "正文PNEUMONOULTR" breaks where the line-breaking rules '
     'forbid: a run of text without a break is wider than the measure; rewording the text near it or '
     'changing the measure gives the breaker other choices [rule-broken]'),
    ('word wider than a column, strict', {'ed/a.yaml': LONG_WORD}, ['--strict'], 1, None),
    ('warnings summary', {'ed/a.yaml': LONG_WORD}, ['--warnings'], 0, '      1 rule-broken'),
    ('overset', {'ed/a.yaml': 'headline: 标题\nbody:\n' + '  - ' + '正文很长。' * 900 + '\n'}, [], 1,
     None),
    ('overset allowed', {'ed/a.yaml': 'headline: 标题\nbody:\n' + '  - ' + '正文很长。' * 900 + '\n'},
     ['--allow-overset'], 0, None),
    ('modules overlap', {'ed/edition.yaml': EDITION + '      - article: b.yaml\n        columns: 3-5\n        top: 30\n        lines: 5\n',
                         'ed/b.yaml': ARTICLE}, [], 2,
     'ed/edition.yaml:12:9: error: article "b" overlaps article "a" at column 3, grid line 30; move one of them'),
    ('jump to a missing page', {'ed/edition.yaml': EDITION + '        continue-on: A9\n'}, [], 2,
     'ed/edition.yaml:12:22: error: the edition has no page "A9" to continue on'),
    ('jump without its continuation', {'ed/edition.yaml': EDITION.replace('lines: 40', 'lines: 40\n        continue-on: A2') +
                                       '  - page: A2\n    articles:\n      - article: b.yaml\n', 'ed/b.yaml': ARTICLE}, [], 2,
     'ed/edition.yaml:12:22: error: page "A2" has no placement of this article with "continued: true" to hold the rest'),
    ('continuation too short for its headline',
     {'ed/edition.yaml': EDITION.replace('columns: 1-4\n        top: 1\n        lines: 40',
                                         'columns: 1-4\n        top: 1\n        lines: 20\n        continue-on: A2')
      + '  - page: A2\n    articles:\n      - article: a.yaml\n        continued: true\n'
        '        columns: 1\n        top: 1\n        lines: 1\n',
      'ed/a.yaml': 'headline: 强基固本聚力跨越发展新篇\nbody:\n  - %s\n' % ('正文' * 400)}, ['--allow-overset'], 2,
     'ed/edition.yaml:15:9: error: the continuation of "a" repeats its headline in 2 grid lines but its '
     'module has 1; give it more lines or columns'),
    ('continued without a jump', {'ed/edition.yaml': EDITION + '  - page: A2\n    articles:\n      - article: a.yaml\n        continued: true\n'}, [], 2,
     'ed/edition.yaml:14:9: error: this placement continues "a", but no earlier placement says "continue-on: A2"'),
    ('placed twice', {'ed/edition.yaml': EDITION + '      - article: a.yaml\n        columns: 5-8\n'}, [], 2,
     'ed/edition.yaml:12:18: error: article "a.yaml" is placed twice in this edition; a second placement holding the rest of it says "continued: true"'),
    ('photo does not fit its module', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: p.jpg\n  lines: 60\nbody: [正文。]\n',
                                       'ed/p.jpg': ('JPEG', 10**9)}, [], 2,
     'ed/a.yaml:3:3: error: the photo (60 lines with its caption) does not fit in the article\'s area there; make it fewer lines or move it'),
    ('paragraph that is a mapping', {'ed/a.yaml': ARTICLE + '  - p: {甲: 乙}\n'}, [], 2,
     'ed/a.yaml:5:8: error: a paragraph must be a single value, not a mapping'),
    ('run of a paragraph that is no run', {'ed/a.yaml': ARTICLE + '  - p: [甲, {bold: 乙}]\n'}, [], 2,
     'ed/a.yaml:5:12: error: a run is text, or one of em: …, quote: …, url: …, nobreak: … or text: … '
     'with style: …'),
    ('table row that is not a list', {'ed/a.yaml': ARTICLE + '  - table: {rows: [甲乙, 丙丁]}\n'}, [], 2,
     'ed/a.yaml:5:20: error: a table row is a list of cells, like [中岳街道, 26266.2, 6.0%]'),
    ('table inside a box', {'ed/a.yaml': ARTICLE + '  - box: [框里第一段。, {table: {rows: [[甲, 乙]]}}]\n'}, [], 2,
     'ed/a.yaml:5:19: error: a box holds paragraphs only (text, or p: …)'),
    ('absolute photo path', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: /etc/passwd\nbody: [正文。]\n'}, [], 2,
     'ed/a.yaml:3:9: error: photo file "/etc/passwd" is an absolute path; name it relative to the edition '
     'folder ed, or run with --allow-outside-root'),
    ('photo through a parent folder that stays inside', {
        'ed/a.yaml': 'headline: 标题\nphoto:\n  file: img/../p.jpg\nbody: [正文。]\n', 'ed/img/x': '',
        'ed/p.jpg': ('JPEG', 10**9)}, [], 0, None),
    ('font style not installed', {'fonts.yaml': 'faces:\n  serif: {family: Noto Serif CJK SC, style: Italic, package: fonts-noto-cjk}\n'
                                  '  serif-bold: {family: Noto Serif CJK SC, style: Bold}\n'
                                  '  serif-black: {family: Noto Serif CJK SC, style: Black}\n'
                                  '  sans: {family: Noto Sans CJK SC}\n  sans-bold: {family: Noto Sans CJK SC, style: Bold}\n'
                                  '  kai: {family: AR PL KaitiM GB, style: Regular}\n  mono: {family: Noto Sans Mono CJK SC}\n'}, ['--fonts', 'fonts.yaml'], 2,
     # The styles are what the machine has of the family (fonts-noto-cjk, and more with
     # fonts-noto-cjk-extra): the message names them all, Bold and Regular among them.
     re.compile(re.escape('%s/styles.yaml:6:11: error: font "serif": Noto Serif CJK SC is installed '
                          'but has no style "Italic"; its styles are: ' % LAYOUT)
                + r'([A-Za-z]+, )*Bold, ([A-Za-z]+, )*Regular(, [A-Za-z]+)*$')),
    ('deep nesting', {'ed/a.yaml': 'headline: 标题\nbody: ' + '[' * 100 + ']' * 100 + '\n'}, [], 2,
     'ed/a.yaml:2:71: error: YAML nested more than 64 levels deep; flatten the structure'),
    ('huge paragraph', {'ed/a.yaml': ARTICLE + '  - ' + 'x' * (1 << 16) + 'y\n'}, [], 2,
     'ed/a.yaml:5:5: error: a paragraph is 65537 bytes long; one text may hold 64 KiB at most (a '
     'blank line starts a new paragraph), so split it'),
    ('alias bomb inside an article', {'ed/a.yaml': alias_bomb(6)}, [], 2,
     'ed/a.yaml:9:5: error: aliases here expand to more than 200000 nodes; this is not a '
     'newspaper edition (an alias bomb?)'),
    ('alias bomb of text', {'ed/a.yaml': 'headline: 标题\nbody:\n  - &p ' + '字' * 200000 + '\n'
                            '  - &l [*p, *p, *p, *p, *p, *p, *p, *p]\n  - [*l, *l, *l, *l]\n'}, [], 2,
     'ed/a.yaml:4:5: error: aliases here expand to more than 1 MiB of text; this is not a '
     'newspaper edition (an alias bomb?)'),
    ('YAML file too large', {'ed/a.yaml': ARTICLE + ('  - ' + '字' * 10000 + '\n') * 40}, [], 2,
     'ed/a.yaml: error: the file is larger than 1 MiB, the limit for one YAML file'),
    ('NUL character', {'ed/a.yaml': 'headline: 标题\nbody:\n  - "正文\\0字"\n'}, [], 2,
     'ed/a.yaml:3:5: error: this value holds a NUL character (\\0), which no text may hold; '
     'remove it'),
    ('edition.yaml missing', {'ed/edition.yaml': None}, [], 2,
     'ed/edition.yaml: error: cannot open: No such file or directory'),
    ('article file is a folder', {'ed/a.yaml': DIR}, [], 2,
     'ed/a.yaml: error: cannot read: this is a folder, not a file'),
    ('article file is a FIFO', {'ed/a.yaml': FIFO}, [], 2,
     'ed/a.yaml: error: cannot read: this is not a regular file (a FIFO? a device?)'),
    ('layout file is a folder', {'lay/styles.yaml': DIR}, ['--layout', 'lay'], 2,
     'lay/styles.yaml: error: cannot read: this is a folder, not a file'),
    ('font manifest is a folder', {'fdir/fonts.yaml': ''}, ['--fonts', 'fdir'], 2,
     'fdir: error: cannot read: this is a folder, not a file'),
    ('font file unreadable', {'fonts.yaml': 'faces:\n  serif: {family: X Serif, path: fdir}\n'
                              '  serif-bold: {family: Noto Serif CJK SC, style: Bold}\n'
                              '  serif-black: {family: Noto Serif CJK SC, style: Black}\n'
                              '  sans: {family: Noto Sans CJK SC}\n  sans-bold: {family: Noto Sans CJK SC, style: Bold}\n'
                              '  kai: {family: AR PL KaitiM GB, style: Regular}\n  mono: {family: Noto Sans Mono CJK SC}\n',
                              'fdir': DIR}, ['--fonts', 'fonts.yaml'], 2,
     '%s/styles.yaml:6:11: error: font "serif" (X Serif Regular, ./fdir) cannot be read: it is not '
     'a regular file (a folder? a device?)' % LAYOUT),
    ('long URL', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 请访问 %s 了解详情。\n' % URL}, [], 0,
     URL_WARNING),
    ('long URL, strict', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 请访问 %s 了解详情。\n' % URL},
     ['--strict'], 1, URL_WARNING),
    ('200-digit number', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 数字%s结束。\n' % NUMBER}, [], 0,
     'ed/a.yaml:3:5: warning: the line "数字123456789012345678" breaks where the line-breaking '
     'rules forbid: a run of text without a break is wider than the measure; rewording the text '
     'near it or changing the measure gives the breaker other choices [rule-broken]'),
    ('photo is a folder', {'ed/a.yaml': PHOTO % 'p.jpg', 'ed/p.jpg': DIR}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.jpg is a folder, not a file'),
    ('PNG with a wrong header', {'ed/a.yaml': PHOTO % 'p.png',
                                 'ed/p.png': b'\x89PNX' + png()[4:]}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.png is neither JPEG nor PNG; convert it to one of them'),
    ('PNG truncated', {'ed/a.yaml': PHOTO % 'p.png', 'ed/p.png': png()[:60]}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.png is not a complete PNG file (truncated or damaged); '
     'export it again'),
    ('PNG with damaged data', {'ed/a.yaml': PHOTO % 'p.png',
                               'ed/p.png': png(idat=b'\x78\x9c' + b'\xff' * 40)}, [], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.png is a damaged PNG file (IDAT: invalid block type); '
     'export it again'),
    ('JPEG claiming 60000 × 60000 pixels', {'ed/a.yaml': PHOTO % 'p.jpg', 'ed/p.jpg': jpeg_claiming(60000, 60000)},
     [], 2, 'ed/a.yaml:3:3: error: the photo ed/p.jpg has 60000 × 60000 pixels, more than 12 million; '
     'scale it down to what the page prints'),
    ('lossless JPEG in the archive form', {'ed/a.yaml': PHOTO % 'p.jpg',
                                           'ed/p.jpg': jpeg_claiming(3264, 2448, 0xC3)}, ['--archive'], 2,
     'ed/a.yaml:3:3: error: the photo ed/p.jpg does not decode (Unsupported JPEG process: SOF type 0xc3): '
     'it is damaged, or a kind of JPEG that PDF readers do not take; export it again as a baseline JPEG'),
    ('PNG', {'ed/a.yaml': PHOTO % 'p.png', 'ed/p.png': png()}, [], 0, None),
    ('JPEG named .png', {'ed/a.yaml': PHOTO % 'p.png', 'ed/p.png': ('TRUNC', 10 ** 7)}, [], 0, None),
    ('absolute path of a real photo', {'ed/a.yaml': PHOTO % JPEG}, [], 2,
     'ed/a.yaml:3:9: error: photo file "%s" is an absolute path; name it relative to the edition '
     'folder ed, or run with --allow-outside-root' % JPEG),
    ('absolute photo path allowed', {'ed/a.yaml': PHOTO % JPEG}, ['--allow-outside-root'], 0, None),
    ('article outside the edition', {'ed/edition.yaml': EDITION.replace('a.yaml', '../b.yaml'),
                                     'b.yaml': ARTICLE}, [], 2,
     'ed/edition.yaml:8:18: error: article file "../b.yaml" lies outside the edition folder; copy the '
     'file into ed or run with --allow-outside-root'),
    ('control character in the page name',
     {'ed/edition.yaml': EDITION.replace('name: 要闻', 'name: "要\\u0007闻"')}, [], 0,
     'ed/edition.yaml:6:11: warning: control character U+0007 in the text of the page name was '
     'dropped; remove it from the file [control-char]'),
    ('control characters printed as escapes', {'ed/a.yaml': ARTICLE + '"\\e[31mred": x\n'}, [], 2,
     'ed/a.yaml:5:1: error: unknown key "\\x1B[31mred" in an article; known keys: kicker, headline, '
     'subtitle, photo, lead, byline, body'),
    ('21 000 quotation marks in a row (a paragraph of 64 KiB)',
     {'ed/a.yaml': 'headline: 标题\nbody:\n  - 字' + '“' * 21000 + '字\n'}, ['--allow-overset'], 0,
     None, {'seconds': 2}),
    ('a paragraph of 21 000 characters', {'ed/a.yaml': 'headline: 标题\nbody:\n  - '
                                          + '正文很长，' * 4200 + '\n'}, ['--allow-overset'], 0,
     None, {'seconds': 2}),
    ('headline taller than its module', {'ed/a.yaml': 'headline: "%s"\nbody: [正文。]\n'
                                         % ('很长的标题' * 60)}, [], 2,
     'ed/a.yaml:1:11: error: the headline takes 158 grid lines but the module has 40; shorten it or '
     'give the article more columns or lines'),
    ('photo taller than its module', {'ed/a.yaml': 'headline: 标题\nphoto:\n  file: p.jpg\n  lines: 60\n'
                                      'body: [正文。]\n', 'ed/p.jpg': ('TRUNC', 10 ** 7)}, [], 2,
     'ed/a.yaml:3:3: error: the photo (60 lines with its caption) does not fit in the article\'s '
     'area there; make it fewer lines or move it'),
    # YAML mistakes typical of Chinese paragraphs: a hint, at the line of the mistake (issue 19).
    ('YAML: ": " in a wrapped paragraph', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 记者问: 这是什么？\n    第二行。\n'},
     [], 2, 'ed/a.yaml:3:8: error: YAML syntax: while scanning a simple key could not find expected \':\' ("'
     ': " in running text must be quoted: put the paragraph in \'…\', or write the colon full width, ：)'),
    ('YAML: a tab in a paragraph', {'ed/a.yaml': 'headline: 标题\nbody:\n  - 第一段，\n\t继续。\n'}, [], 2,
     'ed/a.yaml:4:1: error: YAML syntax: while scanning a plain scalar found a tab character that violates '
     'indentation (a tab: YAML indents with spaces only; replace the tab with spaces)'),
    ('YAML: a line of a paragraph indented like its "- "',
     {'ed/a.yaml': 'headline: 标题\nbody:\n  - 第一段，\n  继续。\n  - 第二段。\n'}, [], 2,
     'ed/a.yaml:4:3: error: YAML syntax: while scanning a simple key could not find expected \':\' (this line '
     'is read as a new key: indent every line of a paragraph after its first further than the "- " or the key '
     'it follows, or join it to the line above)'),
    ('YAML: a paragraph that starts with "', {'ed/a.yaml': 'headline: 标题\nbody:\n  - "两会"开幕了，\n    代表们到达。\n'},
     [], 2, 'ed/a.yaml:3:5: error: YAML syntax: while parsing a block collection did not find expected \'-\' '
     'indicator (a value that starts with a quotation mark ends where the quotation closes, and the text after '
     'it is out of place; quote the whole paragraph, \'"两会"开幕\', or use Chinese quotation marks “”)'),
    ('YAML: a paragraph that starts with " and never closes it',
     {'ed/a.yaml': 'headline: 标题\nbody:\n  - "两会开幕了，\n  - 第二段。\n'}, [], 2,
     'ed/a.yaml:3:5: error: YAML syntax: while scanning a quoted scalar found unexpected end of stream (this '
     'quotation mark opens a quoted value that does not close; a paragraph that starts with " is quoted whole, '
     '\'"两会"开幕\', or uses Chinese quotation marks “”)'),
    ('YAML: [0-3] as a table cell', {'ed/a.yaml': ARTICLE + '  - table:\n      rows:\n        - [年龄, [0-3], 人数]\n'},
     [], 2, 'ed/a.yaml:7:16: error: a table cell is text, not a list: a cell that starts with [ is read as one; '
     'quote it, like \'[0-3]\''),
    ('YAML: [0-3] starting a table cell', {'ed/a.yaml': ARTICLE + '  - table:\n      rows:\n        - [[0-3]岁, 12]\n'},
     [], 2, 'ed/a.yaml:7:12: error: YAML syntax: while parsing a flow sequence did not find expected \',\' or \']\' '
     '(text that starts with [ or { is read as a list or a mapping: quote it, like \'[0-3]岁\')'),
    ('no second error after a broken article: its continuation is not "placed before"',
     {'ed/edition.yaml': EDITION.replace('lines: 40', 'lines: 40\n        continue-on: A2')
      + '  - page: A2\n    articles:\n      - article: a.yaml\n        continued: true\n',
      'ed/a.yaml': 'headline: 标题\nbody:\n  - 记者问: 这是\n    什么。\n'}, [], 2,
     'ed/a.yaml:3:8: error: YAML syntax: while scanning a simple key could not find expected \':\' ("'
     ': " in running text must be quoted: put the paragraph in \'…\', or write the colon full width, ：)',
     {'errors': 1}),
    # The shipped tabloid has a masthead: a copy of the layout whose tabloid has none.
    ('a masthead for a template without one', {'ed/edition.yaml': EDITION.replace('broadsheet', 'tabloid').replace(
        'pages:', 'masthead:\n  issue: 第1期\npages:'),
        'lay/styles.yaml': open(os.path.join(LAYOUT, 'styles.yaml'), encoding='utf-8').read(),
        'lay/newsprint.icc': open(os.path.join(LAYOUT, 'newsprint.icc'), 'rb').read(),
        'lay/tabloid.yaml': re.sub(r'(?m)^masthead:.*\n(?:[ #].*\n)*', '',
                                   open(os.path.join(LAYOUT, 'tabloid.yaml'), encoding='utf-8').read())},
     ['--layout', 'lay'], 2,
     'ed/edition.yaml:5:3: error: edition.yaml has a masthead, but the template "tabloid" of its first page has '
     'none, so it would not be printed; remove "masthead" or give lay/tabloid.yaml a masthead: section'),
    ('an unknown key in a template\'s masthead, its grid wrong too',
     {'lay/styles.yaml': open(os.path.join(LAYOUT, 'styles.yaml'), encoding='utf-8').read(),
      'lay/broadsheet.yaml': open(os.path.join(LAYOUT, 'broadsheet.yaml'), encoding='utf-8').read()
      .replace('  lines: 97', '  lines: 0').replace('  rule: 2pt', '  rule: 2pt\n  colour: red')},
     ['--layout', 'lay'], 2,
     'lay/broadsheet.yaml:25:3: error: unknown key "colour" in "masthead"; known keys: lines, name-style, '
     'info-style, name-columns, info, ear-columns, rule, rule-color'),
    ('disk full', {}, [], 3,
     'out.pdf: error: cannot write: File too large (the previous file is left as it was)',
     {'fsize': 4096, 'old_pdf': True}),
]


def materialise(tmp, files):
    os.makedirs(os.path.join(tmp, 'ed'))
    base = {'ed/edition.yaml': EDITION, 'ed/a.yaml': ARTICLE}
    base.update(files)
    for name, content in base.items():
        if content is None:
            continue
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if content is DIR:
            os.makedirs(path)
        elif content is FIFO:
            os.mkfifo(path)
        elif isinstance(content, tuple):  # a truncated copy of the sample photo
            with open(JPEG, 'rb') as f:
                data = f.read(content[1])
            with open(path, 'wb') as f:
                f.write(data)
        elif isinstance(content, bytes):
            with open(path, 'wb') as f:
                f.write(content)
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(content)


def main():
    passed = failed = 0
    for name, files, args, want_status, want_line, *more in CASES:
        options = more[0] if more else {}
        tmp = tempfile.mkdtemp(prefix='paiban-err-')
        try:
            materialise(tmp, files)
            edition = 'ed'
            extra = list(args)
            if extra and not extra[0].startswith('-'):
                edition = extra.pop(0)
            cmd = [PAIBAN, 'build', edition, '-o', 'out.pdf', '--layout', LAYOUT]
            if '--fonts' not in extra:
                cmd += ['--fonts', FONTS]
            if options.get('old_pdf'):
                with open(os.path.join(tmp, 'out.pdf'), 'wb') as f:
                    f.write(OLD_PDF)
            limit = options.get('fsize')
            limit_files = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
                           ) if limit else None
            # CPU time, not wall time: a loaded machine must not fail a case.
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                r = subprocess.run(cmd + extra, cwd=tmp, capture_output=True, text=True,
                                   timeout=120, preexec_fn=limit_files)
            except subprocess.TimeoutExpired:
                failed += 1
                print('FAIL %s: did not finish in 120 s' % name)
                continue
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            took = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            problems = []
            if took > options.get('seconds', 120):
                problems.append('took %.1f s of CPU, more than %d' % (took, options['seconds']))
            if r.returncode != want_status:
                problems.append('exit %d, expected %d' % (r.returncode, want_status))
            lines = r.stderr.splitlines()
            errors = [l for l in lines if ': error: ' in l]
            if 'errors' in options and len(errors) != options['errors']:
                problems.append('%d errors, expected %d:\n      %s' % (
                    len(errors), options['errors'], '\n      '.join(errors[:6])))
            found = any(want_line.match(line) for line in lines) if hasattr(want_line, 'match') \
                else want_line in lines
            if want_line is not None and not found:
                problems.append('no line\n      %s\n    in stderr:\n      %s' % (
                    want_line, '\n      '.join(lines[:6])))
            if name.startswith('overset') and 'overset' not in r.stderr:
                problems.append('no overset report in stderr')
            out = os.path.join(tmp, 'out.pdf')
            wrote = os.path.exists(out)
            if options.get('old_pdf'):
                with open(out, 'rb') as f:
                    if f.read() != OLD_PDF:
                        problems.append('the previous PDF was changed')
            elif want_status in (2, 3) and wrote:
                problems.append('a PDF was written for bad input')
            if want_status in (0, 1) and not wrote:
                problems.append('no PDF was written')
            if want_status in (0, 1) and wrote:
                with open(out, 'rb') as f:
                    if not f.read(5) == b'%PDF-':
                        problems.append('what was written is not a PDF')
            if any('.tmp.' in n for n in os.listdir(tmp)):
                problems.append('temporary file left behind')
            if problems:
                failed += 1
                print('FAIL %s: %s' % (name, '; '.join(problems)))
            else:
                passed += 1
                print('ok   %s' % name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
