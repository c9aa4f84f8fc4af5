/*
 * toteumactl prune: removes sign-in attempts and audit rows older than
 * the retention periods (the settings, or --login-days and
 * --audit-days). The server does the same every hour.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "result.h"

static int	days_arg(const char *, const char *, long, long, char *,
		    size_t);

/* A whole number of days within [lo, hi], as text; -1 after saying why. */
static int
days_arg(const char *name, const char *s, long lo, long hi, char *out,
    size_t len)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "toteumactl: %s must be a number of days from "
		    "%ld to %ld\n", name, lo, hi);
		return -1;
	}
	snprintf(out, len, "%ld", v);
	return 0;
}

int
ctl_prune(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "login-days", required_argument, NULL, 'l' },
		{ "audit-days", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	PGconn		*conn;
	PGresult	*r;
	const char	*params[2] = { NULL, NULL };
	char		 login[16], audit[16];
	int		 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (days_arg("--login-days", optarg, 1, 365, login,
			    sizeof(login)) == -1)
				return 2;
			params[0] = login;
			break;
		case 'a':
			if (days_arg("--audit-days", optarg, 30, 3650, audit,
			    sizeof(audit)) == -1)
				return 2;
			params[1] = audit;
			break;
		default:
			fputs("usage: toteumactl prune [--login-days N] "
			    "[--audit-days N]\n", stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs("usage: toteumactl prune [--login-days N] "
		    "[--audit-days N]\n", stderr);
		return 2;
	}
	if ((conn = ctl_connect()) == NULL)
		return 1;
	if ((r = ctl_query(conn, "SELECT attempts, audits FROM "
	    "prune_old($1::integer, $2::integer)", 2, params)) == NULL) {
		PQfinish(conn);
		return 1;
	}
	printf("removed %s sign-in attempts and %s audit rows\n",
	    res_text(r, 0, "attempts"), res_text(r, 0, "audits"));
	PQclear(r);
	PQfinish(conn);
	return 0;
}
