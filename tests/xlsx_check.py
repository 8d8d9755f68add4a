#!/usr/bin/env python3
"""xlsx_check.py: reads DIR/results.xlsx with Python's zipfile and
xml.etree alone (independent of libxlsxwriter, which wrote it) and checks it
against the CSV files it was made from.

    xlsx_check.py DIR UNITS.csv [SHEET FILE.csv KIND]...

UNITS.csv has lines "KIND,name,unit": the unit of each column that a sheet
of KIND ("series": a scenario's time series; "table": summary, comparison
and other run-wide tables) shows, from the registries (outvars.def,
kpis.def), written by the test that runs this. Each SHEET FILE KIND names a
sheet, in workbook order, the CSV file in DIR it must show (either
dialect: a ';' in the first line makes it German, with a decimal comma)
and its kind.
The checks, per sheet:
  - the header row: column c is "NAME [UNIT]" where NAME is the CSV's column
    name and UNIT its registered unit, or just "NAME" for a column the
    registries do not know (a text column, a rank);
  - every other cell: an empty CSV field is no cell; a number is a number
    cell holding the CSV's value to 16 significant digits (libxlsxwriter
    writes %.16g; Excel keeps 15); any other text a string cell with that
    text;
  - a cell of a column with a unit has that unit's number format (EUR with
    grouping, shares in percent, years without grouping, indices with two
    decimals);
  - the header row is frozen, and every column has its width.
Prints what differs and exits 1, or exits 0.
"""
import csv
import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
RID = "{%s}id" % NS["r"]

# The number format each unit must have (the codes Excel stores).
FORMATS = {"EUR": '#,##0 "EUR"', "1": "0.0%", "index": "0.00", "year": "0",
           "services": "#,##0", "h": "#,##0"}

errors = []


def fail(msg):
    errors.append(msg)


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1, int(ref[len(letters):]) - 1


def read_csv(path):
    raw = open(path, "rb").read().decode("utf-8-sig")
    first = raw.split("\n", 1)[0]
    german = ";" in first.replace('";"', ";") and ";" in re.sub(r'"[^"]*"', "", first)
    rows = list(csv.reader(io.StringIO(raw), delimiter=";" if german else ","))
    return rows, german


def csv_number(text, german):
    t = text.strip()
    if german:
        if "." in t:
            return None
        t = t.replace(",", ".", 1)
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", t):
        return None
    return float(t)


def load_book(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = {int(f.get("numFmtId")): f.get("formatCode")
             for f in styles.findall("m:numFmts/m:numFmt", NS)}
    xf_format = [codes.get(int(xf.get("numFmtId", "0")), "General")
                 for xf in styles.findall("m:cellXfs/m:xf", NS)]
    sheets = []
    for s in wb.findall("m:sheets/m:sheet", NS):
        xml = ET.fromstring(z.read("xl/" + target[s.get(RID)]))
        cells = {}
        for c in xml.iter("{%s}c" % NS["m"]):
            col, row = col_index(c.get("r"))
            v = c.find("m:v", NS)
            fmt = xf_format[int(c.get("s", "0"))]
            if c.get("t") == "s":
                cells[row, col] = ("s", strings[int(v.text)], fmt)
            elif c.get("t") == "inlineStr":
                cells[row, col] = ("s", "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"])), fmt)
            else:
                cells[row, col] = ("n", float(v.text), fmt)
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        widths = {}
        for c in xml.findall("m:cols/m:col", NS):
            for i in range(int(c.get("min")), int(c.get("max")) + 1):
                widths[i - 1] = float(c.get("width"))
        sheets.append((s.get("name"), cells, pane, widths))
    return sheets


def check_sheet(name, cells, pane, widths, rows, german, units):
    header = rows[0]
    if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
        fail("%s: the header row is not frozen" % name)
    nums = 0
    for c, col in enumerate(header):
        unit = units.get(col)
        want = "%s [%s]" % (col, unit) if unit else col
        got = cells.get((0, c))
        if got is None or got[0] != "s" or got[1] != want:
            fail("%s: column %d: header %r, want %r%s" % (name, c + 1, got and got[1], want,
                 " (its unit is missing)" if unit else ""))
        if c not in widths:
            fail("%s: column %d (%s) has no width" % (name, c + 1, col))
    for r, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            fail("%s: CSV row %d has %d fields" % (name, r + 1, len(row)))
            continue
        for c, text in enumerate(row):
            got = cells.get((r, c))
            where = "%s: %s%d (%s)" % (name, chr(ord("A") + c) if c < 26 else "?", r + 1, header[c])
            if text == "":
                if got is not None:
                    fail("%s: the CSV field is empty, the cell holds %r" % (where, got[1]))
                continue
            x = csv_number(text, german)
            if x is not None:
                if got is None or got[0] != "n" or got[1] != float("%.16g" % x):
                    fail("%s: CSV %s, cell %r" % (where, text, got and got[1]))
                    continue
                unit = units.get(header[c])
                if unit in FORMATS and got[2] != FORMATS[unit]:
                    fail("%s: format %r, want %r for unit %s" % (where, got[2], FORMATS[unit], unit))
                nums += 1
            elif got is None or got[0] != "s" or got[1] != text:
                fail("%s: CSV text %r, cell %r" % (where, text, got and got[1]))
    for (r, c) in cells:
        if r >= len(rows) or c >= len(header):
            fail("%s: a cell at row %d, column %d that the CSV does not have" % (name, r + 1, c + 1))
    return nums


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    directory, units_path = argv[1], argv[2]
    units = {"series": {}, "table": {}}
    for line in open(units_path):
        if line.strip():
            kind, name, unit = line.rstrip("\n").split(",", 2)
            units[kind][name] = unit
    rest = argv[3:]
    if len(rest) % 3:
        sys.stderr.write(__doc__)
        return 2
    pairs = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    sheets = load_book(directory + "/results.xlsx")
    if [s[0] for s in sheets] != [p[0] for p in pairs]:
        fail("sheets %r, want %r" % ([s[0] for s in sheets], [p[0] for p in pairs]))
    nums = 0
    for (name, cells, pane, widths), (_, csvname, kind) in zip(sheets, pairs):
        rows, german = read_csv(directory + "/" + csvname)
        nums += check_sheet(name, cells, pane, widths, rows, german, units[kind])
    for e in errors[:40]:
        print("xlsx_check: " + e)
    if errors:
        print("xlsx_check: %d differences" % len(errors))
        return 1
    print("xlsx_check: %d sheets, %d numbers equal to the CSV" % (len(sheets), nums))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
