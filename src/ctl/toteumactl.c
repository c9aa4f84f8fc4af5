/*
 * toteumactl: the command-line administration tool. It talks to the
 * same database as the server, as the role that owns the schema
 * (TOTEUMA_DATABASE_OWNER, else TOTEUMA_DATABASE: libpq connection
 * strings) and exits 0 on success, 1 when the work failed, 2 on a usage
 * error.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "ctl.h"
#include "store.h"

static void	usage(FILE *);

static void
usage(FILE *f)
{
	fputs("usage: toteumactl COMMAND [ARGS]\n"
	    "\n"
	    "commands:\n"
	    "  migrate                  apply the schema migrations this build "
	    "carries\n"
	    "  migrate --status         list applied and pending migrations\n"
	    "  check [--env-file FILE]  check the configuration (the file's "
	    "keys, then\n"
	    "                           the environment) and that the server's "
	    "role\n"
	    "                           reaches a database with this build's "
	    "schema\n"
	    "  import --process SLUG [--title TITLE] [--publish] [--dry-run] "
	    "FILE.csv\n"
	    "                           import a published table; FILE - reads "
	    "standard\n"
	    "                           input; a new process is unpublished "
	    "unless --publish\n"
	    "  export --process SLUG    write a process's table as CSV to "
	    "standard output\n"
	    "  user add EMAIL --role admin|editor [--unit NAME]... "
	    "[--name NAME]\n"
	    "                           create a staff account; the password "
	    "is read\n"
	    "                           from standard input\n"
	    "  user passwd EMAIL        set a new password (standard input) "
	    "and end\n"
	    "                           the user's sessions\n"
	    "  user list                list staff accounts\n"
	    "  user totp EMAIL          a new second factor (TOTP) for the "
	    "user, on at once:\n"
	    "                           prints the key, the otpauth:// URI "
	    "and ten\n"
	    "                           recovery codes\n"
	    "  mail run                 send the outbox's mail to "
	    "TOTEUMA_SMTP_URL, and\n"
	    "                           wait for more (the sender "
	    "service)\n"
	    "  mail send-once           send the mail that is due, then "
	    "stop\n"
	    "  mail test EMAIL [--lang fi|sv|en]\n"
	    "                           queue a test message to EMAIL\n"
	    "  prune [--login-days N] [--audit-days N]\n"
	    "                           remove sign-in attempts and audit "
	    "rows older\n"
	    "                           than N days (default: the settings, "
	    "30 and 730)\n"
	    "\n"
	    "The database is given by TOTEUMA_DATABASE_OWNER, else by "
	    "TOTEUMA_DATABASE,\n"
	    "a libpq connection string (default: \"dbname=toteuma\"); "
	    "migrate grants the\n"
	    "server's role TOTEUMA_APP_ROLE (default toteuma_app) what it "
	    "needs.\n"
	    "See toteumactl(8).\n", f);
}

PGconn *
ctl_connect(void)
{
	const char	*conninfo;
	PGconn		*conn;
	PGresult	*res;

	store_time_zone();
	if (((conninfo = getenv("TOTEUMA_DATABASE_OWNER")) == NULL ||
	    *conninfo == '\0') && ((conninfo = getenv("TOTEUMA_DATABASE")) ==
	    NULL || *conninfo == '\0'))
		conninfo = "dbname=toteuma";
	conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "toteumactl: cannot connect to the database: "
		    "%s", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	res = PQexec(conn, "SET client_min_messages = warning");
	PQclear(res);
	return conn;
}

/* Runs a statement with text parameters; NULL after printing why. */
PGresult *
ctl_query(PGconn *conn, const char *sql, int n, const char *const *params)
{
	PGresult	*res;

	res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "toteumactl: %s", PQerrorMessage(conn));
		PQclear(res);
		return NULL;
	}
	return res;
}

/* The commands, each run with the arguments after toteumactl. */
static const struct {
	const char	*name;
	int		(*run)(int, char **);
} commands[] = {
	{ "migrate", ctl_migrate },
	{ "import", ctl_import },
	{ "export", ctl_export },
	{ "user", ctl_user },
	{ "prune", ctl_prune },
	{ "check", ctl_check },
	{ "mail", ctl_mail },
};

int
main(int argc, char *argv[])
{
	size_t	i;

	if (sodium_init() < 0) {
		fputs("toteumactl: libsodium failed to start\n", stderr);
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "toteumactl: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
