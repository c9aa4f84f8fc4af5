/*
 * What the fuzz targets of import files share: a list of two statuses
 * for the published-table rules, and the check that a table read from
 * any file is written as CSV that reads back and writes the same again.
 */
#ifndef TOTEUMA_TABLE_FUZZ_H
#define TOTEUMA_TABLE_FUZZ_H

#include <stdlib.h>
#include <string.h>

#include "table.h"

static struct status fuzz_statuses[] = {
	{ .id = 1, .code = "processed", .label = { "Käsitelty", "Behandlad",
	    "Processed" }, .progress = 50, .position = 1 },
	{ .id = 2, .code = "done", .label = { "Toteutettu", "Genomförd",
	    "Done" }, .is_final = 1, .progress = 100, .position = 2 },
};
static struct status_list sl = { fuzz_statuses, 2 };

/* Writes t as CSV, reads it back and writes it again; frees t. */
static void
fuzz_table_written_back(struct table *t)
{
	struct table		t2;
	struct msg_problems	pr;
	struct buf		out, out2;

	buf_init(&out);
	buf_init(&out2);
	table_write(t, &sl, ',', &out);
	/* What we write must read back and write the same again. */
	if (table_read(out.data, out.len, &sl, &t2, &pr) != 0)
		abort();
	table_write(&t2, &sl, ',', &out2);
	if (out.len != out2.len || memcmp(out.data, out2.data, out.len) != 0)
		abort();
	table_free(t);
	table_free(&t2);
	buf_free(&out);
	buf_free(&out2);
}

#endif
