/* CSV reading and writing. */
#include <stdlib.h>

#include "csv.h"
#include "unit.h"

static int
parse(const char *s, struct csv_doc *d, struct csv_error *e)
{
	return csv_parse(s, strlen(s), 100, d, e);
}

int
main(void)
{
	struct csv_doc		d;
	struct csv_error	e;
	struct buf		b;

	CHECK(parse("a,b,c\r\n1,\"2,x\",\"say \"\"hi\"\"\"\r\n", &d, &e) == 0,
	    "quoted cells with commas and doubled quotes parse");
	CHECK_INT(d.nrecords, 2, "two records");
	CHECK_STR(d.records[1].fields[1].data, "2,x", "comma inside quotes");
	CHECK_STR(d.records[1].fields[2].data, "say \"hi\"", "doubled quote");
	csv_free(&d);

	CHECK(parse("\xef\xbb\xbf" "a;b\n\"x\ny\";z\n", &d, &e) == 0,
	    "BOM, semicolons and LF parse");
	CHECK_INT(d.delim, ';', "semicolon detected as the delimiter");
	CHECK_STR(d.records[0].fields[0].data, "a", "BOM is not part of the "
	    "first cell");
	CHECK_STR(d.records[1].fields[0].data, "x\ny", "line break inside a "
	    "quoted cell");
	CHECK_INT(d.records[1].line, 2, "record starts on line 2");
	csv_free(&d);

	CHECK(parse("a,b\n\n1,2\n\n", &d, &e) == 0, "empty lines are skipped");
	CHECK_INT(d.nrecords, 2, "two records around empty lines");
	CHECK_INT(d.records[1].line, 3, "line numbers count empty lines");
	csv_free(&d);

	CHECK(parse("a,b\n1,\"open\n2,3\n", &d, &e) == -1,
	    "an unclosed quote is an error");
	CHECK_INT(e.line, 2, "the error names the line where the quote opened");
	CHECK_INT(e.column, 2, "and the column");

	CHECK(parse("a,b\n1,\"x\"y\n", &d, &e) == -1 &&
	    strstr(e.msg, "after the closing quote") != NULL,
	    "text after a closing quote is an error: %s", e.msg);
	CHECK(parse("a,b\n1,x\"y\n", &d, &e) == -1 && e.line == 2,
	    "a quote inside an unquoted cell is an error on line 2");
	CHECK(parse("a,b\n1,\xff\n", &d, &e) == -1 && e.line == 2 &&
	    strstr(e.msg, "UTF-8") != NULL,
	    "invalid UTF-8 is an error on its line: %s", e.msg);
	CHECK(parse("a,b\n1,\xc3\x28\n", &d, &e) == -1,
	    "a truncated UTF-8 sequence is an error");
	CHECK(parse("a,b\n1,\xed\xa0\x80\n", &d, &e) == -1,
	    "an encoded surrogate is an error");
	CHECK(csv_parse("a,b\n1,\0x\n", 8, 100, &d, &e) == -1 &&
	    strstr(e.msg, "NUL") != NULL, "a NUL byte is an error");
	{
		char big[300];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK(parse(big, &d, &e) == -1 &&
		    strstr(e.msg, "longer than 100") != NULL,
		    "a cell over the limit is an error: %s", e.msg);
	}

	buf_init(&b);
	csv_write_field(&b, "plain", ',');
	buf_putc(&b, '|');
	csv_write_field(&b, "a,b", ',');
	buf_putc(&b, '|');
	csv_write_field(&b, "say \"hi\"", ',');
	buf_putc(&b, '|');
	csv_write_field(&b, "two\nlines", ',');
	CHECK_STR(buf_cstr(&b), "plain|\"a,b\"|\"say \"\"hi\"\"\"|"
	    "\"two\nlines\"", "fields are quoted only when they must be");
	buf_free(&b);
	return unit_done();
}
