/*
 * toteumactl user: staff accounts. The password is read from standard
 * input (one line), never from the command line where other users of
 * the machine could see it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth.h"
#include "ctl.h"
#include "result.h"
#include "i18n.h"
#include "mime.h"
#include "totp.h"
#include "user_form.h"

#define USER_MAX_UNITS	32

static int	read_password(char *, size_t);
static int	read_password_hash(char *);
struct user_args;
static int	add_args(int, char **, struct user_args *);
static int	add_write(PGconn *, const struct user_args *, const char *);
static int	user_add(int, char **);
static int	user_passwd(int, char **);
static int	user_list(void);
static int	totp_write(PGconn *, const char *, const char *, const char *,
		    const char *);
static void	totp_issuer(char *, size_t);
static int	user_totp(int, char **);

static int
read_password(char *pw, size_t len)
{
	struct termios	 old, quiet;
	int		 tty = isatty(STDIN_FILENO), c;
	size_t		 n;

	if (tty) {
		fputs("Password: ", stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(pw, (int)len, stdin) == NULL)
		pw[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strlen(pw);
	if (n > 0 && pw[n - 1] != '\n' && !feof(stdin)) {
		while ((c = getchar()) != EOF && c != '\n')
			;
		fputs("toteumactl: the password is too long: at most 256 "
		    "characters\n", stderr);
		return -1;
	}
	while (n > 0 && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		pw[--n] = '\0';
	return 0;
}

/*
 * A new password read from the standard input, checked and hashed into
 * hash (AUTH_HASH_LEN); the password itself wiped. -1 with a message.
 */
static int
read_password_hash(char *hash)
{
	char		 pw[AUTH_PASSWORD_BYTES + 2];
	const char	*problem;
	int		 rc = -1;

	if (read_password(pw, sizeof(pw)) == -1)
		goto out;
	if ((problem = auth_password_problem(pw)) != NULL) {
		fprintf(stderr, "toteumactl: %s\n", problem);
		goto out;
	}
	if (auth_password_hash(pw, hash) == -1) {
		fputs("toteumactl: out of memory hashing the password\n",
		    stderr);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

/* What "toteumactl user add" was asked to do. */
struct user_args {
	char		 email[256];	/* lowercased */
	const char	*role;
	const char	*name;
	const char	*units[USER_MAX_UNITS];
	size_t		 nunits;
};

/* 0, or 2 after saying what is wrong with the command line. */
static int
add_args(int argc, char **argv, struct user_args *a)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(a, 0, sizeof(*a));
	a->name = "";
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			a->role = optarg;
			break;
		case 'u':
			if (a->nunits == USER_MAX_UNITS) {
				fputs("toteumactl: too many units\n", stderr);
				return 2;
			}
			a->units[a->nunits++] = optarg;
			break;
		case 'n':
			a->name = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc - 1 || a->role == NULL) {
		fputs("usage: toteumactl user add EMAIL --role admin|editor "
		    "[--unit NAME]... [--name NAME]\n", stderr);
		return 2;
	}
	snprintf(a->email, sizeof(a->email), "%s", argv[optind]);
	mime_address_lower(a->email);
	if (!user_valid_email(a->email)) {
		fprintf(stderr, "toteumactl: \"%s\" is not an e-mail address\n",
		    argv[optind]);
		return 2;
	}
	if (strcmp(a->role, "admin") != 0 && strcmp(a->role, "editor") != 0) {
		fprintf(stderr, "toteumactl: role must be admin or editor, "
		    "not \"%s\"\n", a->role);
		return 2;
	}
	if (strcmp(a->role, "editor") == 0 && a->nunits == 0) {
		fputs("toteumactl: an editor needs at least one --unit\n",
		    stderr);
		return 2;
	}
	return 0;
}

/*
 * The user, their units and the audit row in one transaction (rolled
 * back when the connection closes without COMMIT): 0, or -1.
 */
static int
add_write(PGconn *conn, const struct user_args *a, const char *hash)
{
	PGresult	*res;
	const char	*params[4];
	char		 uid[32];
	size_t		 i;

	if ((res = ctl_query(conn, "BEGIN", 0, NULL)) == NULL)
		return -1;
	PQclear(res);
	params[0] = a->email;
	params[1] = a->name;
	params[2] = a->role;
	params[3] = hash;
	if ((res = ctl_query(conn, "INSERT INTO app_user (email, name, role, "
	    "password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) "
	    "DO NOTHING RETURNING id", 4, params)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		fprintf(stderr, "toteumactl: a user %s exists already (use "
		    "\"toteumactl user passwd\" for a new password)\n",
		    a->email);
		PQclear(res);
		return -1;
	}
	snprintf(uid, sizeof(uid), "%s", res_text(res, 0, "id"));
	PQclear(res);
	for (i = 0; i < a->nunits; i++) {
		params[0] = uid;
		params[1] = a->units[i];
		if ((res = ctl_query(conn, "INSERT INTO user_unit (user_id, "
		    "unit_id) SELECT $1, id FROM unit WHERE name = $2 "
		    "ON CONFLICT DO NOTHING RETURNING unit_id", 2,
		    params)) == NULL)
			return -1;
		if (PQntuples(res) != 1) {
			fprintf(stderr, "toteumactl: there is no unit "
			    "\"%s\"\n", a->units[i]);
			PQclear(res);
			return -1;
		}
		PQclear(res);
	}
	params[0] = uid;
	params[1] = a->email;
	if ((res = ctl_query(conn, "INSERT INTO audit_log (user_id, email, "
	    "event, object) VALUES ($1, $2, 'user.create', 'toteumactl')",
	    2, params)) == NULL)
		return -1;
	PQclear(res);
	if ((res = ctl_query(conn, "COMMIT", 0, NULL)) == NULL)
		return -1;
	PQclear(res);
	return 0;
}

static int
user_add(int argc, char **argv)
{
	struct user_args	 a;
	char			 hash[AUTH_HASH_LEN];
	PGconn			*conn = NULL;
	int			 rc;

	if ((rc = add_args(argc, argv, &a)) != 0)
		return rc;
	rc = 1;
	if (read_password_hash(hash) == -1)
		goto out;
	if ((conn = ctl_connect()) == NULL || add_write(conn, &a, hash) == -1)
		goto out;
	printf("user %s (%s) added\n", a.email, a.role);
	rc = 0;
out:
	sodium_memzero(hash, sizeof(hash));
	if (conn != NULL)
		PQfinish(conn);
	return rc;
}

static int
user_passwd(int argc, char **argv)
{
	const char	*params[2];
	char		 hash[AUTH_HASH_LEN];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc = 1;

	if (argc != 2) {
		fputs("usage: toteumactl user passwd EMAIL\n", stderr);
		return 2;
	}
	if (read_password_hash(hash) == -1)
		goto out;
	if ((conn = ctl_connect()) == NULL)
		goto out;
	params[0] = argv[1];
	params[1] = hash;
	/* A new password ends every session of the user. */
	res = ctl_query(conn, "WITH u AS (UPDATE app_user SET password_hash = "
	    "$2, password_changed_at = now() WHERE email = lower($1) "
	    "RETURNING id, email), s AS (DELETE FROM staff_session WHERE "
	    "user_id IN (SELECT id FROM u)), a AS (INSERT INTO audit_log "
	    "(user_id, email, event, object) SELECT id, email, "
	    "'user.password', 'toteumactl' FROM u) SELECT id FROM u",
	    2, params);
	if (res == NULL)
		goto out;
	if (PQntuples(res) != 1) {
		fprintf(stderr, "toteumactl: there is no user %s\n", argv[1]);
		goto out;
	}
	printf("password of %s changed\n", argv[1]);
	rc = 0;
out:
	sodium_memzero(hash, sizeof(hash));
	if (res != NULL)
		PQclear(res);
	if (conn != NULL)
		PQfinish(conn);
	return rc;
}

static int
user_list(void)
{
	PGconn		*conn;
	PGresult	*res;
	int		 i;

	if ((conn = ctl_connect()) == NULL)
		return 1;
	res = ctl_query(conn, "SELECT u.email, u.role, CASE WHEN u.disabled "
	    "THEN 'disabled' ELSE 'active' END AS state, "
	    "coalesce(string_agg(un.name, '; ' ORDER BY un.name), '') "
	    "AS units FROM app_user u LEFT JOIN user_unit "
	    "uu ON uu.user_id = u.id LEFT JOIN unit un ON un.id = uu.unit_id "
	    "GROUP BY u.id ORDER BY u.email", 0, NULL);
	if (res == NULL) {
		PQfinish(conn);
		return 1;
	}
	for (i = 0; i < PQntuples(res); i++)
		printf("%s\t%s\t%s\t%s\n", res_text(res, i, "email"),
		    res_text(res, i, "role"), res_text(res, i, "state"),
		    res_text(res, i, "units"));
	PQclear(res);
	PQfinish(conn);
	return 0;
}

/*
 * The second factor of email, on at once with secret (hex) and the
 * recovery codes' salt and hashes (an array literal), in place of any
 * earlier one; sessions waiting for a code end. 0, or -1.
 */
static int
totp_write(PGconn *conn, const char *email, const char *secret,
    const char *salt, const char *hashes)
{
	PGresult	*res;
	const char	*params[4] = { email, secret, salt, hashes };
	int		 rc = -1;

	/* In one transaction, rolled back when the connection closes. */
	if ((res = ctl_query(conn, "BEGIN", 0, NULL)) == NULL)
		return -1;
	PQclear(res);
	res = ctl_query(conn, "WITH u AS (SELECT id, email FROM app_user "
	    "WHERE email = lower($1)), d AS (DELETE FROM user_totp WHERE "
	    "user_id IN (SELECT id FROM u)), s AS (DELETE FROM staff_session "
	    "WHERE user_id IN (SELECT id FROM u) AND stage = 'code'), "
	    "a AS (INSERT INTO audit_log (user_id, email, event, object) "
	    "SELECT id, email, 'totp.enrol', 'toteumactl' FROM u) "
	    "SELECT id FROM u", 1, params);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		fprintf(stderr, "toteumactl: there is no user %s\n", email);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	/* The old row is gone in the statement before: a fresh one. */
	res = ctl_query(conn, "WITH t AS (INSERT INTO user_totp (user_id, "
	    "secret, recovery_salt, enabled_at) SELECT id, decode($2, 'hex'), "
	    "decode($3, 'hex'), now() FROM app_user WHERE email = lower($1) "
	    "RETURNING user_id) INSERT INTO user_recovery_code (user_id, "
	    "code_hash) SELECT t.user_id, h FROM t, unnest($4::text[]) h",
	    4, params);
	if (res == NULL)
		return -1;
	PQclear(res);
	if ((res = ctl_query(conn, "COMMIT", 0, NULL)) != NULL) {
		rc = 0;
		PQclear(res);
	}
	return rc;
}

/* The name an authenticator app shows: the host of TOTEUMA_BASE_URL. */
static void
totp_issuer(char *out, size_t len)
{
	const char	*base = getenv("TOTEUMA_BASE_URL"), *p;
	size_t		 n;

	if (base == NULL || *base == '\0') {
		snprintf(out, len, "Toteuma");
		return;
	}
	if ((p = strstr(base, "://")) != NULL)
		base = p + 3;
	n = strcspn(base, " ,");
	snprintf(out, len, "Toteuma %.*s", (int)n, base);
}

/*
 * toteumactl user totp EMAIL: a new second factor for the user, on at
 * once (a county's first admin, or one who lost the phone): prints the
 * key, the otpauth:// URI for an authenticator app and the recovery
 * codes.
 */
static int
user_totp(int argc, char **argv)
{
	unsigned char	 secret[TOTP_SECRET_LEN];
	char		 hex[TOTP_SECRET_HEX + 1], b32[TOTP_BASE32_LEN + 1];
	char		 salt[TOTP_SALT_HEX + 1], issuer[300];
	char		 codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SHOWN + 1];
	char		 norm[TOTP_RECOVERY_CHARS + 1];
	char		 hash[TOTP_RECOVERY_HASH_HEX + 1];
	struct buf	 hashes, uri;
	PGconn		*conn = NULL;
	int		 i, rc = 1;

	if (argc != 2) {
		fputs("usage: toteumactl user totp EMAIL\n", stderr);
		return 2;
	}
	buf_init(&hashes);
	buf_init(&uri);
	if (totp_init() == -1)
		goto out;
	totp_secret_new(secret);
	totp_secret_hex(secret, hex);
	totp_salt_new(salt);
	buf_putc(&hashes, '{');
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++) {
		totp_recovery_new(codes[i]);
		totp_code_kind(codes[i], norm);
		totp_recovery_hash(norm, salt, hash);
		buf_printf(&hashes, "%s%s", i ? "," : "", hash);
	}
	buf_putc(&hashes, '}');
	if (totp_base32(secret, b32) == -1 ||
	    (conn = ctl_connect()) == NULL ||
	    totp_write(conn, argv[1], hex, salt, buf_cstr(&hashes)) == -1)
		goto out;
	totp_issuer(issuer, sizeof(issuer));
	totp_uri(&uri, issuer, argv[1], b32);
	printf("secret: %s\nuri: %s\nrecovery codes:\n", b32, buf_cstr(&uri));
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++)
		printf("  %s\n", codes[i]);
	rc = 0;
out:
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(codes, sizeof(codes));
	buf_free(&hashes);
	buf_free(&uri);
	if (conn != NULL)
		PQfinish(conn);
	return rc;
}

int
ctl_user(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "passwd") == 0)
		return user_passwd(argc - 1, argv + 1);
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return user_list();
	if (argc >= 2 && strcmp(argv[1], "totp") == 0)
		return user_totp(argc - 1, argv + 1);
	fputs("usage: toteumactl user add EMAIL --role admin|editor "
	    "[--unit NAME]... [--name NAME]\n"
	    "       toteumactl user passwd EMAIL\n"
	    "       toteumactl user totp EMAIL\n"
	    "       toteumactl user list\n", stderr);
	return 2;
}
