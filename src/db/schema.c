/* See schema.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "result.h"
#include "schema.h"

static int	functions_current(PGconn *, char *, size_t);

int
schema_expected(void)
{
	const struct embedded	*f;
	int			 v = 0;

	for (f = migration_files; f->name != NULL; f++)
		if (atoi(f->name) > v)
			v = atoi(f->name);
	return v;
}

void
schema_checksum(const struct embedded *f, char *hex)
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, f->data, f->len);
	sodium_bin2hex(hex, SCHEMA_CHECKSUM_LEN, h, sizeof(h));
}

/* Each function file is applied in the text this build carries. */
static int
functions_current(PGconn *conn, char *msg, size_t len)
{
	const struct embedded	*f;
	PGresult		*res;
	char			 hex[SCHEMA_CHECKSUM_LEN];
	int			 i, rc = 0;

	res = PQexec(conn, "SELECT name, checksum FROM schema_functions");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		snprintf(msg, len, "the database has no record of its "
		    "functions: run \"toteumactl migrate\"");
		PQclear(res);
		return -1;
	}
	for (f = function_files; f->name != NULL && rc == 0; f++) {
		schema_checksum(f, hex);
		for (i = 0; i < PQntuples(res); i++)
			if (strcmp(res_text(res, i, "name"), f->name) == 0 &&
			    strcmp(res_text(res, i, "checksum"), hex) == 0)
				break;
		if (i == PQntuples(res)) {
			snprintf(msg, len, "the database's functions in "
			    "sql/functions/%s are not this build's: run "
			    "\"toteumactl migrate\"", f->name);
			rc = -1;
		}
	}
	PQclear(res);
	return rc;
}

int
schema_check(PGconn *conn, char *msg, size_t len)
{
	PGresult	*res;
	int		 have, want = schema_expected();

	res = PQexec(conn, "SELECT coalesce(max(version), 0) AS version "
	    "FROM schema_migrations");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		snprintf(msg, len, "the database has no schema: run "
		    "\"toteumactl migrate\"");
		PQclear(res);
		return -1;
	}
	have = (int)res_int(res, 0, "version");
	PQclear(res);
	if (have < want) {
		snprintf(msg, len, "the database's schema is at migration %d "
		    "and this build needs %d: run \"toteumactl migrate\"",
		    have, want);
		return -1;
	}
	if (have > want) {
		snprintf(msg, len, "the database's schema is at migration %d, "
		    "newer than this build (%d): run the toteuma that "
		    "migrated it, or restore a backup made for this one",
		    have, want);
		return -1;
	}
	return functions_current(conn, msg, len);
}

int
schema_check_conninfo(const char *conninfo, char *msg, size_t len)
{
	PGconn	*conn;
	char	*nl;
	int	 rc;

	conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		snprintf(msg, len, "cannot connect to the database: %s",
		    PQerrorMessage(conn));
		if ((nl = strchr(msg, '\n')) != NULL)
			*nl = '\0';
		PQfinish(conn);
		return -1;
	}
	rc = schema_check(conn, msg, len);
	PQfinish(conn);
	return rc;
}
