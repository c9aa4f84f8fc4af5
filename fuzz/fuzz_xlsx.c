/*
 * libFuzzer target: a workbook (.xlsx) import file, through libzip,
 * libxml2 and the sheet reader into the published-table rules, then
 * written as CSV and read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "xlsx.h"

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
	struct buf		out;
	char			place[32];
	size_t			i;

	if (table_read_xlsx((const char *)data, len, NULL, &sl, &t,
	    &pr) != 0) {
		for (i = 0; i < pr.count; i++)
			table_problem_place(&pr, &pr.items[i], place,
			    sizeof(place));
		return 0;
	}
	buf_init(&out);
	table_write(&t, &sl, ',', &out);
	if (table_read(out.data, out.len, &sl, &t2, &pr) != 0)
		abort();
	table_free(&t);
	table_free(&t2);
	buf_free(&out);
	return 0;
}
