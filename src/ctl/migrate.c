/*
 * toteumactl migrate: applies the numbered, forward-only SQL files of
 * migrations/ that this build carries, each in one transaction together
 * with its row in schema_migrations. An applied migration whose file has
 * changed, or that this build does not have, stops everything: the
 * database and the program disagree about the schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "embedded.h"
#include "result.h"
#include "schema.h"

#define MIGRATE_LOCK	"SELECT pg_advisory_lock(727001)"

/*
 * The text migrations had before what they defined moved elsewhere: the
 * first ones' functions and triggers to sql/functions (each is now only
 * tables), and the feeds' action_change_public() with its indexes,
 * which 0006 made and 0021 and 0025 made again, to 0035. A database
 * that applied the former text has the same schema once the function
 * files and 0035 are applied, so migrate takes it and records the
 * present checksum.
 */
static const struct {
	const char	*name;
	const char	*checksum;
} former[] = {
	{ "0001_schema.sql",
	  "997525f1c2387d74502ae362337c438a6dd8f42a955f80f8e8c9bbf0507bc1ee" },
	{ "0002_import.sql",
	  "d78e267a24290b1d448a7b61b5f3f5977285fdfcfe5cb06c685c26b7dac7bc78" },
	{ "0003_backend.sql",
	  "abbb93109f2e9461e740069b1b6ceee2bfb80a79a1c108a75f5706d10b8c5031" },
	{ "0004_reports.sql",
	  "1b34a36ffc4d200c6ed54aeab60a3fc2d95234ae37f5f5d5cfde9039bc60e11c" },
	{ "0005_rounds.sql",
	  "e7588ce1ed5e07c6c431dbd7f9ae0be92318c0a7a66014128efebd9e2bd0e09f" },
	{ "0006_feeds.sql",
	  "5c0df8b87bd4bf485293fb90cd396be4e6d301eade9abc839ecbcc8051ec0e9a" },
	{ "0006_feeds.sql",
	  "de4c2cb96d85fa9c978ce9636101385890d894e2efbd33239d5e35c4171f02b9" },
	{ "0021_followup.sql",
	  "d7b2fb3700c9b44b3b4253150991a762071f054c9601fdf075eeb7e75404b393" },
	{ "0025_weights_reason_history.sql",
	  "dbdb5ad047f9ce97977f9a2ce9b55c22eecc25a78c2bfb1b1673a0c53502572e" },
};

static int	is_former(const char *, const char *);
static int	functions(PGconn *, int);
static int	apply_functions(PGconn *, const struct embedded *,
		    const char *);
static int	privileges(PGconn *);
static int	version_of(const char *);
static int	check_applied(PGconn *, const PGresult *, int);
static int	record(PGconn *, int, const char *);
static int	is_applied(const PGresult *, int);
static int	apply(PGconn *, const struct embedded *);

/* "0002_import.sql" -> 2; -1 when the name is not NNNN_name.sql. */
static int
version_of(const char *name)
{
	size_t	n = strlen(name);
	int	i;

	if (n < 10 || name[4] != '_' || strcmp(name + n - 4, ".sql") != 0)
		return -1;
	for (i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	return atoi(name);
}

/*
 * Functions are defined once each, in the files of sql/functions, and
 * re-applied (CREATE OR REPLACE) after the migrations in one
 * transaction with the server's rights (privileges); schema_functions
 * keeps each file's checksum, so --status can say which changed since
 * they were last applied.
 */
/*
 * One function file and its checksum, in the transaction functions()
 * opened: 0, or -1 after rolling it back.
 */
static int
apply_functions(PGconn *conn, const struct embedded *f, const char *hex)
{
	PGresult	*r;
	const char	*params[2] = { f->name, hex };

	r = PQexec(conn, (const char *)f->data);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "toteumactl: sql/functions/%s failed, no "
		    "function file was applied: %s", f->name,
		    PQerrorMessage(conn));
		PQclear(r);
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	PQclear(r);
	if ((r = ctl_query(conn, "INSERT INTO schema_functions (name, "
	    "checksum) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE "
	    "SET checksum = $2, applied_at = now() WHERE "
	    "schema_functions.checksum <> $2", 2, params)) == NULL) {
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	PQclear(r);
	return 0;
}

static int
functions(PGconn *conn, int status)
{
	const struct embedded	*f;
	PGresult		*r, *known = NULL;
	char			 hex[SCHEMA_CHECKSUM_LEN];
	int			 i, changed, n = 0, nchanged = 0, rc = -1;

	if ((r = ctl_query(conn, "CREATE TABLE IF NOT EXISTS schema_functions "
	    "(name text PRIMARY KEY, checksum text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL)) ==
	    NULL)
		return -1;
	PQclear(r);
	if ((known = ctl_query(conn, "SELECT name, checksum FROM "
	    "schema_functions", 0, NULL)) == NULL)
		return -1;
	/*
	 * The files may refer to each other's functions in any order (as
	 * pg_dump's output does): bodies are checked when they run.
	 */
	if (!status) {
		if ((r = ctl_query(conn, "BEGIN", 0, NULL)) == NULL)
			goto out;
		PQclear(r);
		if ((r = ctl_query(conn, "SET LOCAL check_function_bodies = "
		    "off", 0, NULL)) == NULL)
			goto out;
		PQclear(r);
	}
	for (f = function_files; f->name != NULL; f++) {
		schema_checksum(f, hex);
		changed = 1;
		for (i = 0; i < PQntuples(known); i++)
			if (strcmp(res_text(known, i, "name"), f->name) == 0 &&
			    strcmp(res_text(known, i, "checksum"), hex) == 0)
				changed = 0;
		nchanged += changed;
		n++;
		if (status)
			printf("%s sql/functions/%s\n", changed ? "changed " :
			    "current ", f->name);
		else if (apply_functions(conn, f, hex) == -1)
			goto out;
	}
	if (!status) {
		/*
		 * CREATE OR REPLACE resets a function's rights: the server's
		 * role gets them back in the same transaction.
		 */
		if (privileges(conn) == -1) {
			PQclear(PQexec(conn, "ROLLBACK"));
			goto out;
		}
		if ((r = ctl_query(conn, "COMMIT", 0, NULL)) == NULL)
			goto out;
		PQclear(r);
		if (nchanged > 0)
			printf("applied %d of %d function files (changed or "
			    "new)\n", nchanged, n);
	}
	rc = 0;
out:
	PQclear(known);
	return rc;
}

/*
 * The server's role may read and run the application's functions, no
 * more (sql/privileges.sql); re-applied after every migration, so a new
 * function or table is covered at once.
 */
static int
privileges(PGconn *conn)
{
	const struct embedded	*f;
	const char		*role, *params[1];
	PGresult		*r;

	if ((role = getenv("TOTEUMA_APP_ROLE")) == NULL || *role == '\0')
		role = "toteuma_app";
	if ((f = embedded_find(sql_files, "privileges.sql")) == NULL) {
		fputs("toteumactl: privileges.sql is missing from this "
		    "build\n", stderr);
		return -1;
	}
	params[0] = role;
	if ((r = ctl_query(conn, "SELECT set_config('toteuma.app_role', $1, "
	    "false)", 1, params)) == NULL)
		return -1;
	PQclear(r);
	r = PQexec(conn, (const char *)f->data);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "toteumactl: granting the server's role %s "
		    "failed: %s", role, PQerrorMessage(conn));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

/*
 * Each applied migration (res: version, name, checksum) is in this
 * build with the same text: 0, or -1 after saying which is not.
 */
static int
check_applied(PGconn *conn, const PGresult *res, int status)
{
	const struct embedded	*f;
	char			 hex[SCHEMA_CHECKSUM_LEN];
	int			 i, version;

	for (i = 0; i < PQntuples(res); i++) {
		version = (int)res_int(res, i, "version");
		for (f = migration_files; f->name != NULL; f++)
			if (version_of(f->name) == version)
				break;
		if (f->name == NULL) {
			fprintf(stderr, "toteumactl: migration %s is applied "
			    "in the database but missing from this build\n",
			    res_text(res, i, "name"));
			return -1;
		}
		schema_checksum(f, hex);
		if (strcmp(hex, res_text(res, i, "checksum")) != 0 &&
		    is_former(f->name, res_text(res, i, "checksum"))) {
			if (!status && record(conn, version, hex) == -1)
				return -1;
		} else if (strcmp(hex, res_text(res, i, "checksum")) != 0) {
			fprintf(stderr, "toteumactl: migration %s was applied "
			    "but its file has changed since; migrations are "
			    "forward-only: add a new one instead\n", f->name);
			return -1;
		}
		if (status)
			printf("applied  %s\n", f->name);
	}
	return 0;
}

/* Whether sum is the former checksum of the migration name. */
static int
is_former(const char *name, const char *sum)
{
	size_t	i;

	for (i = 0; i < sizeof(former) / sizeof(former[0]); i++)
		if (strcmp(former[i].name, name) == 0 &&
		    strcmp(former[i].checksum, sum) == 0)
			return 1;
	return 0;
}

/* The present checksum of an applied migration whose text was former. */
static int
record(PGconn *conn, int version, const char *hex)
{
	PGresult	*r;
	const char	*params[2];
	char		 vbuf[16];

	snprintf(vbuf, sizeof(vbuf), "%d", version);
	params[0] = vbuf;
	params[1] = hex;
	if ((r = ctl_query(conn, "UPDATE schema_migrations SET checksum = $2 "
	    "WHERE version = $1", 2, params)) == NULL)
		return -1;
	PQclear(r);
	return 0;
}

static int
is_applied(const PGresult *res, int version)
{
	int	i;

	for (i = 0; i < PQntuples(res); i++)
		if (res_int(res, i, "version") == version)
			return 1;
	return 0;
}

/* One migration and its row, in one transaction: 0, or -1 (nothing). */
static int
apply(PGconn *conn, const struct embedded *f)
{
	PGresult	*r;
	const char	*params[3];
	char		 hex[SCHEMA_CHECKSUM_LEN], vbuf[16];

	schema_checksum(f, hex);
	snprintf(vbuf, sizeof(vbuf), "%d", version_of(f->name));
	params[0] = vbuf;
	params[1] = f->name;
	params[2] = hex;
	if ((r = ctl_query(conn, "BEGIN", 0, NULL)) == NULL)
		return -1;
	PQclear(r);
	r = PQexec(conn, (const char *)f->data);
	/* A migration may be only comments: it once held functions. */
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK &&
	    PQresultStatus(r) != PGRES_EMPTY_QUERY) {
		fprintf(stderr, "toteumactl: migration %s failed, nothing of "
		    "it was applied: %s", f->name, PQerrorMessage(conn));
		PQclear(r);
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	PQclear(r);
	if ((r = ctl_query(conn, "INSERT INTO schema_migrations (version, "
	    "name, checksum) VALUES ($1, $2, $3)", 3, params)) == NULL) {
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	PQclear(r);
	if ((r = ctl_query(conn, "COMMIT", 0, NULL)) == NULL)
		return -1;
	PQclear(r);
	printf("applied %s\n", f->name);
	return 0;
}

int
ctl_migrate(int argc, char **argv)
{
	const struct embedded	*f;
	PGconn			*conn;
	PGresult		*res = NULL, *r;
	int			 applied = 0, status = 0, rc = 1;

	if (argc == 2 && strcmp(argv[1], "--status") == 0)
		status = 1;
	else if (argc != 1) {
		fputs("usage: toteumactl migrate [--status]\n", stderr);
		return 2;
	}
	if ((conn = ctl_connect()) == NULL)
		return 1;
	if ((r = ctl_query(conn, MIGRATE_LOCK, 0, NULL)) == NULL)
		goto out;
	PQclear(r);
	if ((r = ctl_query(conn, "CREATE TABLE IF NOT EXISTS "
	    "schema_migrations (version integer PRIMARY KEY, "
	    "name text NOT NULL, checksum text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL)) == NULL)
		goto out;
	PQclear(r);
	if ((res = ctl_query(conn, "SELECT version, name, checksum FROM "
	    "schema_migrations ORDER BY version", 0, NULL)) == NULL)
		goto out;
	if (check_applied(conn, res, status) == -1)
		goto out;
	for (f = migration_files; f->name != NULL; f++) {
		if (version_of(f->name) == -1) {
			fprintf(stderr, "toteumactl: %s is not named "
			    "NNNN_name.sql\n", f->name);
			goto out;
		}
		if (is_applied(res, version_of(f->name)))
			continue;
		if (status)
			printf("pending  %s\n", f->name);
		else if (apply(conn, f) == -1)
			goto out;
		else
			applied++;
	}
	if (!status && applied == 0)
		printf("the schema is up to date\n");
	if (functions(conn, status) == -1)
		goto out;
	rc = 0;
out:
	PQclear(res);
	PQfinish(conn);
	return rc;
}
