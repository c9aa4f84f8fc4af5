/*
 * Reading one sheet of an Office Open XML workbook (.xlsx) into the
 * rows a CSV file gives: libzip opens the container and libxml2 reads
 * the workbook, its relations, shared strings, styles and the sheet.
 * Every size is capped before it is read (a ZIP bomb stops at the cap);
 * what a spreadsheet keeps that a table of text cannot hold (a formula
 * without a saved result, an error value, a date stored as a number,
 * cells merged across columns) is a problem at its cell, such as C7.
 */
#ifndef TOTEUMA_XLSX_H
#define TOTEUMA_XLSX_H

#include <stddef.h>

#include "csv.h"
#include "msg.h"

#define XLSX_MAX_ENTRIES	1000	/* files in the container */
#define XLSX_MAX_PART		(32u << 20)	/* bytes of one, unpacked */
#define XLSX_MAX_TOTAL		(64u << 20)	/* bytes of all read */
#define XLSX_MAX_ROWS		20000	/* the last row number read */
#define XLSX_MAX_COLUMNS	100

/* 1 when data starts as a ZIP container does. */
int	xlsx_sniff(const char *data, size_t len);

/*
 * Reads the sheet named sheet (the first one when NULL or "") into doc:
 * a record per row that has a cell with text, its line the row number,
 * its fields the cells from column A on, padded with "" to the width of
 * the first such row (the header). Returns 0, or -1 with the problems
 * in pr (doc is then empty). Text longer than max_cell bytes is a
 * problem too.
 */
int	xlsx_read(const char *data, size_t len, const char *sheet,
	    size_t max_cell, struct csv_doc *doc, struct msg_problems *pr);

/* "C7" for row 7 and column 2; "7" for column -1. */
void	xlsx_cell_name(size_t row, int col, char *out, size_t len);

#endif
