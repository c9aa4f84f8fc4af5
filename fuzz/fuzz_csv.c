/*
 * libFuzzer target: a CSV import file, through the CSV reader and the
 * published-table rules, then written back and read again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static struct status items[] = {
	{ .id = 1, .code = "processed", .label = { "Käsitelty", "Behandlad",
	    "Processed" }, .progress = 50, .position = 1 },
	{ .id = 2, .code = "done", .label = { "Toteutettu", "Genomförd",
	    "Done" }, .is_final = 1, .progress = 100, .position = 2 },
};
static struct status_list sl = { items, 2 };

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct table		t, t2;
	struct table_problems	pr;
	struct buf		out, out2;

	if (table_read((const char *)data, len, &sl, &t, &pr) != 0)
		return 0;
	buf_init(&out);
	buf_init(&out2);
	table_write(&t, &sl, ',', &out);
	/* What we write must read back and write the same again. */
	if (table_read(out.data, out.len, &sl, &t2, &pr) != 0)
		abort();
	table_write(&t2, &sl, ',', &out2);
	if (out.len != out2.len || memcmp(out.data, out2.data, out.len) != 0)
		abort();
	table_free(&t);
	table_free(&t2);
	buf_free(&out);
	buf_free(&out2);
	return 0;
}
