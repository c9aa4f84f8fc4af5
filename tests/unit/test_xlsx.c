/* Reading a workbook's sheet into rows (xlsx.c), on workbooks made here. */
#include <stdlib.h>

#include <zip.h>

#include "xlsx.h"
#include "unit.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/" \
	"2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/" \
	"officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"

static const char workbook[] = "<workbook " NS "><sheets>"
	"<sheet name=\"Ohje\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"Data\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
	"</workbook>";
static const char rels[] = "<Relationships xmlns=\"http://schemas."
	"openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" "
	"Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" "
	"Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL "styles\" "
	"Target=\"styles.xml\"/></Relationships>";
static const char strings[] = "<sst " NS "><si><t>Suositus</t></si>"
	"<si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>x</t></rPh></si>"
	"</sst>";
static const char styles[] = "<styleSheet " NS "><numFmts>"
	"<numFmt numFmtId=\"164\" formatCode=\"d.m.yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/></numFmts>"
	"<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>"
	"</styleSheet>";
static const char sheet1[] = "<worksheet " NS "><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ohje</t></is></c>"
	"</row></sheetData></worksheet>";

/* A workbook whose second sheet is sheet2; its bytes in *len. */
static char *
book(const char *sheet2, size_t *len)
{
	const char	*names[] = { "xl/workbook.xml",
	    "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
	    "xl/styles.xml", "xl/worksheets/sheet1.xml",
	    "xl/worksheets/sheet2.xml" };
	const char	*parts[] = { workbook, rels, strings, styles, sheet1,
	    sheet2 };
	zip_source_t	*src, *s;
	zip_t		*z;
	zip_stat_t	 st;
	char		*out;
	size_t		 i;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	for (i = 0; i < 6; i++) {
		s = zip_source_buffer(z, parts[i], strlen(parts[i]), 0);
		zip_file_add(z, names[i], s, 0);
	}
	zip_close(z);
	zip_source_stat(src, &st);
	zip_source_open(src);
	out = malloc(st.size);
	*len = (size_t)zip_source_read(src, out, st.size);
	zip_source_close(src);
	zip_source_free(src);
	return out;
}

/* The first problem of reading sheet "Data" of sheet2, as "C7:msgid". */
static const char *
problem(const char *sheet2)
{
	static char		 s[300];
	struct csv_doc		 d;
	struct msg_problems	 pr;
	char			*data, cell[16];
	size_t			 len;

	data = book(sheet2, &len);
	if (xlsx_read(data, len, "Data", 1000, &d, &pr) == 0) {
		csv_free(&d);
		free(data);
		return "read";
	}
	free(data);
	xlsx_cell_name(pr.items[0].line, pr.items[0].column, cell,
	    sizeof(cell));
	snprintf(s, sizeof(s), "%s:%s", cell, pr.items[0].why.id);
	return s;
}

#define SHEET(rows, more) "<worksheet " NS "><sheetData>" rows \
	"</sheetData>" more "</worksheet>"

/* Sheets a problem is found in, and the start of the problem. */
static const struct {
	const char	*sheet;
	const char	*want;
	const char	*what;
} problems[] = {
	{ SHEET("<row r=\"2\"><c r=\"B2\" s=\"2\"><v>4</v></c></row>", ""),
	    "B2:the cell holds a date", "a date format of the workbook's own" },
	{ SHEET("<row r=\"7\"><c r=\"C7\"><f>1+1</f></c></row>", ""),
	    "C7:the cell has a formula without a saved result",
	    "a formula without its result" },
	{ SHEET("<row r=\"2\"><c r=\"A2\" t=\"e\"><v>#REF!</v></c></row>", ""),
	    "A2:the cell holds the error", "an error value" },
	{ SHEET("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>9</v></c></row>", ""),
	    "A2:the cell points to text", "a shared string that is not there" },
	{ SHEET("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>",
	    "<mergeCells><mergeCell ref=\"B2:C3\"/></mergeCells>"),
	    "B2:the cells %a% are merged across columns",
	    "cells merged across columns" },
	{ SHEET("<row r=\"3\"/><row r=\"2\"/>", ""),
	    "2:the rows of the sheet are out of order", "rows out of order" },
	{ SHEET("<row r=\"60000\"><c r=\"A60000\"><v>1</v></c></row>", ""),
	    "60000:the sheet has more than",
	    "a row beyond the last one read" },
	{ SHEET("<row r=\"2\"><c r=\"A2\"><v>1", ""),
	    "0:the sheet's XML is broken", "broken XML" },
	{ "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
	    SHEET("<row r=\"2\"><c r=\"A2\"><v>&a;</v></c></row>", ""),
	    "0:the sheet's XML is broken", "a document type is refused" },
};

int
main(void)
{
	struct csv_doc		 d;
	struct msg_problems	 pr;
	char			*data, cell[16];
	size_t			 len, i;

	xlsx_cell_name(7, 2, cell, sizeof(cell));
	CHECK_STR(cell, "C7", "column 2 of row 7 is C7");
	xlsx_cell_name(10, 27, cell, sizeof(cell));
	CHECK_STR(cell, "AB10", "column 27 is AB");
	xlsx_cell_name(3, -1, cell, sizeof(cell));
	CHECK_STR(cell, "3", "a whole row is its number");
	CHECK(!xlsx_sniff("a,b\n", 4), "CSV is not a workbook");
	CHECK(xlsx_sniff("PK\003\004", 4), "a ZIP container may be one");

	data = book(SHEET("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
	    "<c r=\"C2\" t=\"s\"><v>1</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" s=\"3\"><v>12.5</v></c>"
	    "<c r=\"B3\" t=\"str\"><f>A1</f><v>kaava</v></c>"
	    "<c r=\"D3\" t=\"b\"><v>1</v></c></row>"
	    "<row r=\"4\"><c r=\"A4\" s=\"1\"/></row>"
	    "<row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>x</t></is></c>"
	    "</row>", "<mergeCells><mergeCell ref=\"A3:A5\"/></mergeCells>"),
	    &len);
	CHECK(xlsx_read(data, len, "Data", 1000, &d, &pr) == 0,
	    "the named sheet is read");
	CHECK_INT(d.nrecords, 3, "rows with text only (row 4 is empty)");
	CHECK_INT(d.records[0].line, 2, "a row's line is its number");
	CHECK_INT(d.records[0].nfields, 3, "the header's width: to column C");
	CHECK_STR(d.records[0].fields[1].data, "", "a missing cell is empty");
	CHECK_STR(d.records[0].fields[2].data, "Rich text",
	    "rich text is joined, phonetic hints left out");
	CHECK_STR(d.records[1].fields[0].data, "12.5",
	    "a number in a format with a quoted d is a number");
	CHECK_STR(d.records[1].fields[1].data, "kaava",
	    "a formula's saved result is its value");
	CHECK_INT(d.records[1].nfields, 4,
	    "a row may be wider than the header");
	CHECK_STR(d.records[1].fields[3].data, "TRUE", "a boolean");
	CHECK_INT(d.records[2].nfields, 3, "a short row is padded");
	csv_free(&d);
	CHECK(xlsx_read(data, len, NULL, 1000, &d, &pr) == 0,
	    "the first sheet without a name");
	CHECK_STR(d.records[0].fields[0].data, "Ohje", "an inline string");
	csv_free(&d);
	CHECK(xlsx_read(data, len, "Puuttuu", 1000, &d, &pr) == -1,
	    "a sheet that is not there");
	CHECK_STR(pr.items[0].why.b, "Ohje, Data", "the sheets are named");
	CHECK(xlsx_read(data, len / 2, NULL, 1000, &d, &pr) == -1,
	    "half a workbook");
	free(data);

	CHECK_STR(problem(SHEET("<row r=\"2\"><c r=\"D2\" s=\"1\"><v>45678</v>"
	    "</c></row>", "")), "D2:the cell holds a date stored as a number "
	    "(%a%): write it as text, such as 3/2025, and format the cell as "
	    "text", "a built-in date format");
	for (i = 0; i < UNIT_NCASES(problems); i++)
		CHECK_PREFIX(problem(problems[i].sheet), problems[i].want,
		    problems[i].what);
	return unit_done();
}
