/* The published-table layout: reading, its rules, writing back. */
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "unit.h"

static struct status items[] = {
	UNIT_STATUS(1, "not_started", "Ei aloitettu", "Inte påbörjad",
	    "Not started", 0, 1),
	UNIT_STATUS(2, "processed", "Käsitelty", "Behandlad", "Processed", 0,
	    4),
	UNIT_STATUS(3, "done", "Toteutettu", "Genomförd", "Done", 1, 5),
};
static struct status_list sl = { items, 3 };

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*p;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	*len = fread(p, 1, (size_t)n, f);
	fclose(f);
	return p;
}

/* Reads s; returns the first problem's "line:column:message" or "OK". */
static const char *
first_problem(const char *s)
{
	static char		out[600];
	char			why[480];
	struct table		t;
	struct msg_problems	pr;

	if (table_read(s, strlen(s), &sl, &t, &pr) == 0) {
		table_free(&t);
		return "OK";
	}
	msg_english(&pr.items[0].why, why, sizeof(why));
	snprintf(out, sizeof(out), "%zu:%s:%s", pr.items[0].line,
	    pr.items[0].column >= 0 ? table_headers[pr.items[0].column] : "-",
	    why);
	return out;
}

#define HEAD "Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu," \
	"Lisätieto\n"

int
main(void)
{
	struct table		t, t2;
	struct msg_problems	pr;
	struct buf		out, out2;
	char			*data;
	size_t			 len;

	buf_init(&out);
	buf_init(&out2);
	data = slurp("data/asukaspaneeli-2023.csv", &len);
	CHECK(data != NULL, "demo table 2023 is readable");
	CHECK(table_read(data, len, &sl, &t, &pr) == 0,
	    "demo table 2023 reads without problems");
	CHECK_INT(t.nrecs, 1, "2023 has one recommendation");
	CHECK_INT(t.recs[0].nchildren, 4, "with four sub-recommendations");
	CHECK_STR(t.recs[0].children[2].number, "1.3", "numbered 1.3");
	CHECK_INT(t.recs[0].children[0].nactions, 1,
	    "a row without an action text but with a status is an action");
	table_write(&t, &sl, ',', &out);
	CHECK(out.len == len && memcmp(out.data, data, len) == 0,
	    "2023 is written back byte for byte");
	table_free(&t);
	free(data);

	data = slurp("data/asukaspaneeli-2024.csv", &len);
	CHECK(table_read(data, len, &sl, &t, &pr) == 0,
	    "demo table 2024 reads without problems");
	CHECK(t.recs[0].children[0].kind == NODE_SPECIFICATION,
	    "unnumbered Tarkennus is a specification");
	CHECK(t.recs[1].children[1].actions[0].schedule.kind ==
	    SCHEDULE_CONTINUOUS, "Jatkuvaa is continuous");
	CHECK_STR(t.recs[1].children[1].actions[0].status_note,
	    "Thinglink ohjeita pilotoitu kausirokotusten ajanvarauksessa",
	    "status note without the label");
	buf_reset(&out);
	table_write(&t, &sl, ',', &out);
	CHECK(table_read(out.data, out.len, &sl, &t2, &pr) == 0,
	    "the written table reads back");
	table_write(&t2, &sl, ',', &out2);
	CHECK(out.len == out2.len && memcmp(out.data, out2.data, out.len) == 0,
	    "write, read, write gives the same bytes");
	table_free(&t);
	table_free(&t2);
	free(data);

	/* Formulas: an apostrophe on the way out, none on the way in. */
	data = strdup(HEAD "1. A,,=1+1,,,,@x\n,,+358,,,,-5 %\n,,'=2,,,,\n");
	CHECK(table_read(data, strlen(data), &sl, &t, &pr) == 0,
	    "cells that start like formulas read");
	CHECK_STR(t.recs[0].actions[2].body, "=2",
	    "an apostrophe before a formula is taken away on reading");
	buf_reset(&out);
	table_write(&t, &sl, ';', &out);
	CHECK(strstr(out.data, "\r\n1. A;;'=1+1;;;;'@x\r\n;;'+358;;;;'-5 %\r\n"
	    ";;'=2;;;;\r\n") != NULL, "formulas get an apostrophe, ';' "
	    "separates: %s", out.data);
	CHECK(table_read(out.data, out.len, &sl, &t2, &pr) == 0,
	    "the ';' table reads back");
	CHECK_STR(t2.recs[0].actions[0].body, "=1+1", "the formula comes "
	    "back as it was typed");
	CHECK_STR(t2.recs[0].actions[1].info, "-5 %", "and so does -5 %");
	table_free(&t);
	table_free(&t2);
	free(data);
	CHECK(table_formula_like("=A1") && table_formula_like("+1") &&
	    table_formula_like("-") && table_formula_like("@f") &&
	    table_formula_like("\tx") && !table_formula_like("") &&
	    !table_formula_like("1. =A1") && !table_formula_like("'=A1"),
	    "what a spreadsheet runs as a formula");

	/* The licence row of a download ends the table; nowhere else. */
	CHECK_STR(first_problem(HEAD "1. A,,x,,,,\n,,,,,,\n"
	    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
	    "Source: x,,,,,,\n"), "OK", "the licence row is not a row");
	data = strdup(HEAD "1. A,,x,,,,\nCC BY 4.0 (l),,,,,,\n2. B,,y,,,,\n");
	CHECK(table_read(data, strlen(data), &sl, &t, &pr) == 0 &&
	    t.nrecs == 3, "a licence-like row before the end is a "
	    "recommendation (%zu)", t.nrecs);
	table_free(&t);
	free(data);
	data = strdup(HEAD "1. A,,x,,,,\nCC BY 4.0 (l),,z,,,,\n");
	CHECK(table_read(data, strlen(data), &sl, &t, &pr) == 0 &&
	    t.nrecs == 2 && t.recs[1].nactions == 1, "a last row with "
	    "more than the first cell is data");
	table_free(&t);
	free(data);

	CHECK_STR(first_problem(""), "0:-:the file is empty", "empty file");
	CHECK_STR(first_problem(HEAD), "1:-:the file has a header but no rows",
	    "header only");
	CHECK_PREFIX(first_problem("Suositus,b,c\n1,2,3\n"),
	    "1:-:the header has 3", "wrong header");
	CHECK_PREFIX(first_problem("1. A,,x,,,,\n2. B,,y,,,,\n"),
	    "1:-:the first row is not the header row", "no header row");
	CHECK_PREFIX(first_problem(HEAD "1. A,,x,,,,\n2. B,x\n"),
	    "3:-:the row has 2 columns", "wrong column count names line 3");
	CHECK_PREFIX(first_problem(HEAD ",1.1. x,y,,,,\n"), "2:Suositus:",
	    "the first row must name a recommendation");
	CHECK_PREFIX(first_problem(HEAD "1. A,2.1. x,y,,,,\n"),
	    "2:Tarkennus:sub-recommendation 2.1 does not belong",
	    "a sub-recommendation of another number");
	CHECK_PREFIX(first_problem(HEAD "1. A,,x,13/2025,,,\n"),
	    "2:Aikataulu:month 13", "an invalid month");
	CHECK_PREFIX(first_problem(HEAD "1. A,,x,,Valmis,,\n"),
	    "2:Status:\"Valmis\" does not start with a known status",
	    "an unknown status");
	CHECK_PREFIX(first_problem(HEAD "1. A,,\"x\x01\",,,,\n"),
	    "2:Toimenpide:the cell contains a control character",
	    "a control character");
	CHECK(strncmp(first_problem(HEAD "1. A,,\"open\n"),
	    "2:Suositus:a quoted cell is never closed", 30) == 0 ||
	    strncmp(first_problem(HEAD "1. A,,\"open\n"),
	    "2:Toimenpide:a quoted cell is never closed", 40) == 0,
	    "an unbalanced quote: %s", first_problem(HEAD "1. A,,\"open\n"));
	/* Every problem is reported, not only the first. */
	CHECK(table_read(HEAD "1. A,,x,13/2025,Valmis,,\n2. B,,y,0/2020,,,\n",
	    strlen(HEAD) + 43, &sl, &t, &pr) == -1 && pr.count == 3,
	    "three problems in two rows are all reported (got %zu)", pr.count);
	buf_free(&out);
	buf_free(&out2);
	return unit_done();
}
