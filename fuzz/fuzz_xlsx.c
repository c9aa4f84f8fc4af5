/*
 * libFuzzer target: a workbook (.xlsx) import file, through libzip,
 * libxml2 and the sheet reader into the published-table rules, then
 * written as CSV and read back the same.
 */
#include <stdint.h>

#include "table_fuzz.h"
#include "xlsx.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct table		t;
	struct msg_problems	pr;
	char			place[32];
	size_t			i;

	if (table_read_xlsx((const char *)data, len, NULL, &sl, &t,
	    &pr) != 0) {
		for (i = 0; i < pr.count; i++)
			table_problem_place(&pr, &pr.items[i], place,
			    sizeof(place));
		return 0;
	}
	fuzz_table_written_back(&t);
	return 0;
}
