/* See result.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"

int
res_col(const PGresult *res, const char *col)
{
	int	i;

	i = res != NULL ? PQfnumber(res, col) : -1;
	if (i < 0)
		fprintf(stderr, "statement has no column \"%s\"\n", col);
	return i;
}

const char *
res_text(const PGresult *res, int row, const char *col)
{
	int	i;

	if ((i = res_col(res, col)) < 0)
		return "";
	return PQgetvalue(res, row, i);
}

int
res_null(const PGresult *res, int row, const char *col)
{
	int	i;

	if ((i = res_col(res, col)) < 0)
		return 1;
	return PQgetisnull(res, row, i);
}

long long
res_int(const PGresult *res, int row, const char *col)
{
	return strtoll(res_text(res, row, col), NULL, 10);
}

int
res_true(const PGresult *res, int row, const char *col)
{
	return strcmp(res_text(res, row, col), "t") == 0;
}
