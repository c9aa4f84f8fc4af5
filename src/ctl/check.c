/*
 * toteumactl check: before the server starts (the systemd unit runs it),
 * the configuration and the database as the server will see them. An
 * environment file with a key toteuma does not know, a value it cannot
 * use, a database it cannot reach (a wrong password, say) or a schema
 * this build does not expect each stop it with one line saying what is
 * wrong and where.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "feed.h"
#include "mime.h"
#include "netaddr.h"
#include "schema.h"
#include "smtp.h"

#define LINE_MAX_BYTES	4096

static int	known(const char *);
static int	env_file(const char *);
static int	values(void);
static int	mail_values(void);

/* Every key of docs/configuration.md. */
static const char *const keys[] = {
	"TOTEUMA_DATABASE", "TOTEUMA_DATABASE_OWNER", "TOTEUMA_DATABASE_READ",
	"TOTEUMA_APP_ROLE",
	"TOTEUMA_BASE_URL", "TOTEUMA_ALLOWED_HOSTS", "TOTEUMA_TRUSTED_PROXIES",
	"TOTEUMA_HTTPS", "TOTEUMA_SEARCH_INDEX",
	"TOTEUMA_SMTP_URL", "TOTEUMA_MAIL_FROM", "TOTEUMA_MAIL_RETRY_SECONDS",
	"TOTEUMA_OIDC_ISSUER", "TOTEUMA_OIDC_CLIENT_ID",
	"TOTEUMA_OIDC_CLIENT_SECRET_FILE", "TOTEUMA_OIDC_CREATE_EDITORS",
	"TOTEUMA_OIDC_CA_FILE", "TOTEUMA_LOCAL_PASSWORDS",
	"TOTEUMA_BREAK_GLASS",
};

static int
known(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Reads KEY=VALUE lines (systemd's EnvironmentFile: # and ; comments,
 * a value may be in quotes) into the environment: 0, or -1 after
 * saying which line is wrong.
 */
static int
env_file(const char *path)
{
	FILE	*f;
	char	 line[LINE_MAX_BYTES], *key, *v, *end;
	size_t	 n, lineno = 0;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "toteumactl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if ((n = strlen(line)) > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (!feof(f)) {
			fprintf(stderr, "toteumactl: %s:%zu: the line is "
			    "longer than %d bytes\n", path, lineno,
			    LINE_MAX_BYTES - 2);
			rc = -1;
			break;
		}
		for (key = line; *key == ' ' || *key == '\t'; key++)
			;
		if (*key == '\0' || *key == '#' || *key == ';')
			continue;
		if ((v = strchr(key, '=')) == NULL) {
			fprintf(stderr, "toteumactl: %s:%zu: not KEY=VALUE\n",
			    path, lineno);
			rc = -1;
			break;
		}
		*v++ = '\0';
		for (end = key + strlen(key); end > key &&
		    (end[-1] == ' ' || end[-1] == '\t'); end--)
			end[-1] = '\0';
		if (!known(key)) {
			fprintf(stderr, "toteumactl: %s:%zu: unknown key "
			    "\"%s\" (docs/configuration.md lists them)\n",
			    path, lineno, key);
			rc = -1;
			break;
		}
		n = strlen(v);
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[n - 1] == v[0]) {
			v[n - 1] = '\0';
			v++;
		}
		if (setenv(key, v, 1) == -1) {
			fprintf(stderr, "toteumactl: %s: %s\n", key,
			    strerror(errno));
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}

/* The mail sender's settings, checked as "toteumactl mail" checks them. */
static int
mail_values(void)
{
	struct smtp_conf	 smtp;
	const char		*v;
	char			 err[200], *end;
	double			 d;

	if ((v = getenv("TOTEUMA_SMTP_URL")) != NULL && *v != '\0' &&
	    smtp_configure(&smtp, v, err, sizeof(err)) == -1) {
		fprintf(stderr, "toteumactl: %s\n", err);
		return -1;
	}
	if ((v = getenv("TOTEUMA_MAIL_FROM")) != NULL && *v != '\0' &&
	    !mime_address_valid(v)) {
		fprintf(stderr, "toteumactl: TOTEUMA_MAIL_FROM is not an "
		    "address such as toteuma@example.fi: %s\n", v);
		return -1;
	}
	if ((v = getenv("TOTEUMA_MAIL_RETRY_SECONDS")) != NULL && *v != '\0'
	    && ((d = strtod(v, &end)) < 1 || d > 3600 || *end != '\0')) {
		fprintf(stderr, "toteumactl: TOTEUMA_MAIL_RETRY_SECONDS must "
		    "be from 1 to 3600\n");
		return -1;
	}
	return 0;
}

/* The values the server reads at start, checked as it checks them. */
static int
values(void)
{
	struct netaddr_list	 proxies;
	const char		*v;
	char			 out[FEED_BASE_MAX], err[200];

	if ((v = getenv("TOTEUMA_DATABASE")) == NULL || *v == '\0') {
		fputs("toteumactl: TOTEUMA_DATABASE is not set: the server "
		    "would not know its database\n", stderr);
		return -1;
	}
	if ((v = getenv("TOTEUMA_BASE_URL")) != NULL && *v != '\0' &&
	    feed_base_parse(v, out, sizeof(out)) == -1) {
		fprintf(stderr, "toteumactl: TOTEUMA_BASE_URL is not "
		    "http[s]://host[:port][/path]: %s\n", v);
		return -1;
	}
	if ((v = getenv("TOTEUMA_TRUSTED_PROXIES")) != NULL &&
	    netaddr_list_parse(&proxies, v, err, sizeof(err)) == -1) {
		fprintf(stderr, "toteumactl: TOTEUMA_TRUSTED_PROXIES: %s\n",
		    err);
		return -1;
	}
	if ((v = getenv("TOTEUMA_HTTPS")) != NULL && *v != '\0' &&
	    strcmp(v, "1") != 0 && strcmp(v, "0") != 0) {
		fprintf(stderr, "toteumactl: TOTEUMA_HTTPS is 1 or 0, not "
		    "\"%s\"\n", v);
		return -1;
	}
	return mail_values();
}

int
ctl_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "env-file", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*file = NULL;
	char		 msg[512];
	int		 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "e:", opts, NULL)) != -1) {
		if (c != 'e')
			goto usage;
		file = optarg;
	}
	if (optind != argc)
		goto usage;
	if (file != NULL && env_file(file) == -1)
		return 1;
	if (values() == -1)
		return 1;
	/* As the server's own role: its password, its rights. */
	if (schema_check_conninfo(getenv("TOTEUMA_DATABASE"), msg,
	    sizeof(msg)) == -1) {
		fprintf(stderr, "toteumactl: %s\n", msg);
		return 1;
	}
	printf("the configuration and the database are ready for this "
	    "build\n");
	return 0;
usage:
	fputs("usage: toteumactl check [--env-file FILE]\n", stderr);
	return 2;
}
