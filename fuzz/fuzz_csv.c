/*
 * libFuzzer target: a CSV import file, through the CSV reader and the
 * published-table rules, then written back and read again.
 */
#include <stdint.h>

#include "table_fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct table		t;
	struct msg_problems	pr;

	if (table_read((const char *)data, len, &sl, &t, &pr) == 0)
		fuzz_table_written_back(&t);
	return 0;
}
