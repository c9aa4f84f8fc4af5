#!/usr/bin/python3
# Writes a small Excel workbook (.xlsx) for the import tests with the
# standard library only, so that a test can say exactly what is in it.
# Usage: xlsx_fixture.py OUT.xlsx < SPEC.json, where SPEC is
#   {"sheets": [{"name": "Taulukko1", "rows": [[CELL, ...], ...],
#                "merges": ["A2:C2"], "start": 1}],
#    "bomb": false, "rows_million": false, "shared": true}
# ("bomb": the shared strings unpack to 80 MB; "rows_million": the
# first sheet goes on to row 1000001, each with a number in column A)
# and a CELL is a string (a shared string, or an inline one when
# "shared" is false), null (no cell), a number, {"f": "A1", "v": "x"}
# (a formula with its saved text, or none without "v") or
# {"date": 45678} (a number in a date format).
import json
import sys
import zipfile
from xml.sax.saxutils import escape

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
      'relationships"')


def col_name(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def main():
    spec = json.load(sys.stdin)
    out = sys.argv[1]
    shared = []
    index = {}

    def sst(s):
        if s not in index:
            index[s] = len(shared)
            shared.append(s)
        return index[s]

    sheets = []
    for sh in spec['sheets']:
        parts = []
        for i, row in enumerate(sh.get('rows', [])):
            r = sh.get('start', 1) + i
            cells = []
            for c, v in enumerate(row):
                ref = f'{col_name(c)}{r}'
                if v is None:
                    continue
                if isinstance(v, str):
                    if spec.get('shared', True):
                        cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t '
                                     f'xml:space="preserve">{escape(v)}</t>'
                                     '</is></c>')
                elif isinstance(v, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                elif 'date' in v:
                    cells.append(f'<c r="{ref}" s="1"><v>{v["date"]}</v></c>')
                elif 'f' in v:
                    val = (f'<v>{escape(v["v"])}</v>' if 'v' in v else '')
                    cells.append(f'<c r="{ref}" t="str"><f>{escape(v["f"])}'
                                 f'</f>{val}</c>')
            parts.append(f'<row r="{r}">{"".join(cells)}</row>')
        merges = sh.get('merges', [])
        merge_xml = ''
        if merges:
            merge_xml = (f'<mergeCells count="{len(merges)}">' +
                         ''.join(f'<mergeCell ref="{m}"/>' for m in merges) +
                         '</mergeCells>')
        sheets.append((sh['name'], ''.join(parts), merge_xml))

    # Fast rather than small: the large ones are made while a test waits.
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED,
                         compresslevel=1) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="'
                   'http://schemas.openxmlformats.org/package/2006/'
                   'content-types"/>')
        z.writestr('xl/workbook.xml',
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>'
                   '<sheets>' + ''.join(
                       f'<sheet name="{escape(n)}" sheetId="{i + 1}" '
                       f'r:id="rId{i + 1}"/>'
                       for i, (n, _, _) in enumerate(sheets)) +
                   '</sheets></workbook>')
        rels = ''.join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(sheets)))
        rels += ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats'
                 '.org/officeDocument/2006/relationships/sharedStrings" '
                 'Target="sharedStrings.xml"/>'
                 '<Relationship Id="rIdT" Type="http://schemas.openxmlformats'
                 '.org/officeDocument/2006/relationships/styles" '
                 'Target="styles.xml"/>')
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships">{rels}</Relationships>')
        z.writestr('xl/styles.xml',
                   f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
                   '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
                   '</cellXfs></styleSheet>')
        for i, (_, data, merge_xml) in enumerate(sheets):
            name = f'xl/worksheets/sheet{i + 1}.xml'
            if i == 0 and spec.get('rows_million'):
                with z.open(name, 'w', force_zip64=True) as f:
                    f.write(f'<?xml version="1.0" encoding="UTF-8"?>'
                            f'<worksheet {NS}><sheetData>'.encode())
                    f.write(data.encode())
                    # Rows and cells numbered by their place, as a
                    # writer may leave them: a million rows in 26 MB.
                    row = b'<row><c><v>1</v></c></row>' * 1000
                    for _ in range(1000):
                        f.write(row)
                    f.write(b'</sheetData></worksheet>')
                continue
            body = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
                    f'<sheetData>{data}</sheetData>{merge_xml}</worksheet>')
            z.writestr(name, body)
        sst_xml = (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} '
                   f'count="{len(shared)}" uniqueCount="{len(shared)}">' +
                   ''.join(f'<si><t xml:space="preserve">{escape(s)}</t></si>'
                           for s in shared) + '</sst>')
        if not spec.get('bomb'):
            z.writestr('xl/sharedStrings.xml', sst_xml)
            return
        # The shared strings unpack to 80 MB (of spaces): a ZIP bomb.
        with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
            f.write(sst_xml[:-len('</sst>')].encode())
            chunk = b' ' * (1 << 20)
            for _ in range(80):
                f.write(chunk)
            f.write(b'</sst>')


main()
