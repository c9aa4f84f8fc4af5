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
	/* In the order of prune_old's parameters, each with its bounds. */
	static const struct option opts[] = {
		{ "login-days", required_argument, NULL, 'd' },
		{ "audit-days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	static const long	 lo[2] = { 1, 30 }, hi[2] = { 365, 3650 };
	PGconn			*conn;
	PGresult		*r;
	const char		*params[2] = { NULL, NULL };
	char			 days[2][16], name[24];
	int			 c, k;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, &k)) == 'd') {
		snprintf(name, sizeof(name), "--%s", opts[k].name);
		if (days_arg(name, optarg, lo[k], hi[k], days[k],
		    sizeof(days[k])) == -1)
			return 2;
		params[k] = days[k];
	}
	if (c != -1 || optind != argc) {
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
