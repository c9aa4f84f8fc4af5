/*
 * toteumactl mail: the outbox's sender. "mail run" stays up: it
 * listens for new mail (NOTIFY toteuma_mail, sent when a row is
 * queued) and wakes for retries that fall due, and at least once a
 * minute queues what the calendar says is due (the rounds' reminders
 * and summaries, the weekly digests); "mail send-once" does both once
 * and stops; "mail test EMAIL" queues a test message.
 *
 * Each mail is claimed (FOR UPDATE SKIP LOCKED), rendered in its
 * recipient's language, handed to the relay and marked in the same
 * transaction: a sender that stops before the relay accepted leaves
 * the row waiting, and one that stops after it has not committed
 * either, so a mail is sent twice only when the connection to the
 * database is lost in the moment between the relay's answer and the
 * commit. Its Message-ID is the same every time.
 *
 * The sender connects as the server does (TOTEUMA_DATABASE): the
 * outbox functions are all it needs.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "ctl.h"
#include "embedded.h"
#include "field_limits.h"
#include "mail.h"
#include "mem.h"
#include "mime.h"
#include "result.h"
#include "smtp.h"
#include "tmpl.h"

/* A mail not delivered this many hours after it was queued fails. */
#define GIVE_UP_HOURS	48
/* The longest wait of "mail run" between two looks at the outbox. */
#define IDLE_SECONDS	60

struct sender {
	PGconn			*conn;
	struct smtp_conf	 smtp;
	char			 from[MIME_ADDRESS_MAX + 1];
	const char		*domain;	/* of from: Message-IDs */
	char			 base[512];
	double			 retry;		/* first retry, seconds */
};

static volatile sig_atomic_t	stopping;

static int	setup(struct sender *, int);
static int	texts_load(void);
static PGconn	*connect_server_role(void);
static void	on_signal(int);
static int	deliver_one(struct sender *);
static int	deliver(struct sender *, PGresult *, char *, size_t);
static int	record(struct sender *, const char *, const char *,
		    const char *, double);
static void	site_name(struct sender *, const char *, struct buf *);
static int	mail_run(struct sender *, int);
static int	mail_test(int, char **);
static int	send_due(struct sender *);
static void	schedule(struct sender *);

static void
on_signal(int sig)
{
	stopping = 1;
}

/* The catalogue and the templates the mails are made of. */
static int
texts_load(void)
{
	const char		*po[LANG_COUNT];
	const struct embedded	*f;
	char			 name[16], err[300];
	int			 l;

	for (l = 0; l < LANG_COUNT; l++) {
		snprintf(name, sizeof(name), "%s.po", lang_codes[l]);
		if ((f = embedded_find(po_files, name)) == NULL)
			return -1;
		po[l] = (const char *)f->data;
	}
	if (i18n_load(po, err, sizeof(err)) == -1 ||
	    tmpl_load(template_files, template_limits, ntemplate_limits, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "toteumactl: %s\n", err);
		return -1;
	}
	return 0;
}

static PGconn *
connect_server_role(void)
{
	const char	*conninfo = getenv("TOTEUMA_DATABASE");
	PGconn		*conn;

	conn = PQconnectdb(conninfo != NULL && *conninfo != '\0' ?
	    conninfo : "dbname=toteuma");
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "toteumactl: mail: cannot connect to the "
		    "database: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

/*
 * The settings: TOTEUMA_SMTP_URL, TOTEUMA_BASE_URL, TOTEUMA_MAIL_FROM
 * and TOTEUMA_MAIL_RETRY_SECONDS. 0, or 2 after saying what is wrong.
 */
static int
setup(struct sender *s, int need_smtp)
{
	const char	*v, *host;
	char		 err[200], *end;
	size_t		 n;

	memset(s, 0, sizeof(*s));
	v = getenv("TOTEUMA_SMTP_URL");
	if (need_smtp && (v == NULL || *v == '\0')) {
		fputs("toteumactl: mail: TOTEUMA_SMTP_URL is not set\n",
		    stderr);
		return 2;
	}
	if (need_smtp && smtp_configure(&s->smtp, v, err, sizeof(err))
	    == -1) {
		fprintf(stderr, "toteumactl: mail: %s\n", err);
		return 2;
	}
	v = getenv("TOTEUMA_BASE_URL");
	if (v == NULL || (strncmp(v, "http://", 7) != 0 &&
	    strncmp(v, "https://", 8) != 0) || strlen(v) >= sizeof(s->base)) {
		fputs("toteumactl: mail: TOTEUMA_BASE_URL must be the site's "
		    "http:// or https:// address, for the links of mail\n",
		    stderr);
		return 2;
	}
	snprintf(s->base, sizeof(s->base), "%s", v);
	while ((n = strlen(s->base)) > 0 && s->base[n - 1] == '/')
		s->base[n - 1] = '\0';
	if ((v = getenv("TOTEUMA_MAIL_FROM")) != NULL && *v != '\0')
		snprintf(s->from, sizeof(s->from), "%s", v);
	else {
		host = strstr(s->base, "://") + 3;
		n = strcspn(host, ":/");
		snprintf(s->from, sizeof(s->from), "noreply@%.*s", (int)n,
		    host);
		if (!mime_address_valid(s->from) || strspn(host,
		    "0123456789.") >= n)
			snprintf(s->from, sizeof(s->from), "toteuma@localhost");
	}
	if (!mime_address_valid(s->from)) {
		fputs("toteumactl: mail: TOTEUMA_MAIL_FROM is not an address "
		    "such as toteuma@example.fi\n", stderr);
		return 2;
	}
	s->domain = strchr(s->from, '@') + 1;
	s->retry = 60;
	if ((v = getenv("TOTEUMA_MAIL_RETRY_SECONDS")) != NULL && *v != '\0') {
		s->retry = strtod(v, &end);
		if (*end != '\0' || !(s->retry >= 1 && s->retry <= 3600)) {
			fputs("toteumactl: mail: TOTEUMA_MAIL_RETRY_SECONDS "
			    "must be from 1 to 3600\n", stderr);
			return 2;
		}
	}
	return texts_load() == -1 ? 1 : 0;
}

/* The county's name in lang, else in Finnish, else "". */
static void
site_name(struct sender *s, const char *lang, struct buf *out)
{
	PGresult	*res;
	const char	*p[1] = { lang };

	buf_reset(out);
	res = PQexecParams(s->conn, "SELECT in_lang($1, name, name_sv, "
	    "name_en) FROM site", 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		buf_puts(out, PQgetvalue(res, 0, 0));
	PQclear(res);
	buf_cstr(out);
}

/* One of the outbox's outcomes for mail id. 0, or -1. */
static int
record(struct sender *s, const char *fn, const char *id, const char *answer,
    double delay)
{
	PGresult	*res;
	char		 sql[80], d[32];
	const char	*p[3] = { id, answer, d };

	snprintf(d, sizeof(d), "%.0f", delay);
	snprintf(sql, sizeof(sql), "SELECT %s($1, $2%s)", fn,
	    strcmp(fn, "mail_later") == 0 ? ", $3" : "");
	res = PQexecParams(s->conn, sql, strcmp(fn, "mail_later") == 0 ? 3 :
	    2, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "toteumactl: mail: %s",
		    PQerrorMessage(s->conn));
		PQclear(res);
		return -1;
	}
	PQclear(res);
	printf("mail %s: %s: %s\n", id, strcmp(fn, "mail_sent") == 0 ?
	    "sent" : strcmp(fn, "mail_later") == 0 ? "will retry" : "failed",
	    answer);
	fflush(stdout);
	return 0;
}

/*
 * Renders the claimed mail (row 0 of res) and hands it to the relay;
 * what happened into answer. Returns the outcome as an enum smtp_result,
 * or -1 when the mail cannot be made.
 */
static int
deliver(struct sender *s, PGresult *res, char *answer, size_t alen)
{
	struct mail_content	 c;
	struct mail_source	 src;
	struct mime_mail	 m;
	struct buf		 msg, site;
	json_t			*params;
	char			 mid[128], *html;
	const char		*why;
	enum lang		 lang = LANG_FI;
	int			 rc = -1;

	mail_content_init(&c);
	buf_init(&msg);
	buf_init(&site);
	memset(&src, 0, sizeof(src));
	memset(&m, 0, sizeof(m));
	params = json_loads(PQgetvalue(res, 0, 4), 0, NULL);
	lang_from_code(PQgetvalue(res, 0, 2), 2, &lang);
	site_name(s, lang_codes[lang], &site);
	src.kind = PQgetvalue(res, 0, 3);
	src.lang = lang;
	src.params = params;
	src.secret = PQgetisnull(res, 0, 5) ? NULL : PQgetvalue(res, 0, 5);
	src.base = s->base;
	src.site = site.data;
	if (mail_render(&c, &src, &why) == -1) {
		snprintf(answer, alen, "not sent: %s", why);
		goto out;
	}
	snprintf(mid, sizeof(mid), "%s@%s", PQgetvalue(res, 0, 6), s->domain);
	html = xstrndup(html_data(&c.html), html_len(&c.html));
	m.from = s->from;
	m.from_name = site.data;
	m.to = PQgetvalue(res, 0, 1);
	m.subject = buf_cstr(&c.subject);
	m.lang = lang_codes[lang];
	m.date = (time_t)strtoll(PQgetvalue(res, 0, 8), NULL, 10);
	m.message_id = mid;
	m.auto_submitted = c.automatic;
	m.text = buf_cstr(&c.text);
	m.html = html;
	if (c.unsubscribe.len > 0) {
		/* RFC 8058: a POST to the URL unsubscribes, no page needed. */
		m.extra[0] = (struct mime_header){ "List-Unsubscribe",
		    buf_cstr(&c.unsubscribe) };
		m.extra[1] = (struct mime_header){ "List-Unsubscribe-Post",
		    "List-Unsubscribe=One-Click" };
		m.nextra = 2;
	}
	if (mime_build(&msg, &m, &why) == -1)
		snprintf(answer, alen, "not sent: %s", why);
	else
		rc = (int)smtp_send(&s->smtp, s->from, m.to, msg.data,
		    msg.len, answer, alen);
	free(html);
out:
	json_decref(params);
	buf_free(&site);
	buf_free(&msg);
	mail_content_free(&c);
	return rc;
}

/* Claims, sends and marks one due mail: 1, 0 when none is due, -1. */
static int
deliver_one(struct sender *s)
{
	PGresult	*res;
	char		 answer[1000], id[24];
	double		 delay;
	int		 rc = -1, outcome, attempts;

	res = PQexec(s->conn, "BEGIN");
	PQclear(res);
	res = PQexec(s->conn, "SELECT id, recipient, lang, kind, params, "
	    "secret, message_id, attempts, created, age_hours "
	    "FROM mail_claim()");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "toteumactl: mail: %s",
		    PQerrorMessage(s->conn));
		goto out;
	}
	if (PQntuples(res) == 0) {
		rc = 0;
		goto out;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	attempts = atoi(PQgetvalue(res, 0, 7));
	outcome = deliver(s, res, answer, sizeof(answer));
	/* Twice as long each time, from retry up to 60 times it. */
	delay = s->retry * pow(2, attempts < 10 ? attempts : 10);
	if (delay > s->retry * 60)
		delay = s->retry * 60;
	if (outcome == SMTP_LATER && atof(PQgetvalue(res, 0, 9)) >=
	    GIVE_UP_HOURS) {
		outcome = SMTP_REFUSED;
		snprintf(answer + strlen(answer), sizeof(answer) -
		    strlen(answer), " (given up after %d hours)",
		    GIVE_UP_HOURS);
	}
	if (record(s, outcome == SMTP_SENT ? "mail_sent" : outcome ==
	    SMTP_LATER ? "mail_later" : "mail_failed", id, answer,
	    delay) == 0)
		rc = 1;
out:
	PQclear(res);
	res = PQexec(s->conn, rc == -1 ? "ROLLBACK" : "COMMIT");
	if (rc != -1 && PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = -1;
	PQclear(res);
	return rc;
}

/*
 * Queues the mail that falls due by the calendar (a round's reminders
 * and summary, the weekly digests); each is queued once, whoever runs
 * this how often.
 */
static void
schedule(struct sender *s)
{
	PGresult	*res;

	res = PQexec(s->conn, "SELECT round_mail_due() + digest_mail_due() + "
	    "follow_mail_due() AS n");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fprintf(stderr, "toteumactl: mail: %s",
		    PQerrorMessage(s->conn));
	else if (atoi(PQgetvalue(res, 0, 0)) > 0)
		printf("mail: %s queued by the calendar\n",
		    PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* Sends every due mail: 0, or -1 when the database failed. */
static int
send_due(struct sender *s)
{
	int	rc;

	while (!stopping && (rc = deliver_one(s)) == 1)
		;
	return stopping ? 0 : rc;
}

/*
 * Sends, then sleeps until a mail is queued, a retry falls due or a
 * minute has passed; reconnects after losing the database. once: stop
 * when nothing more is due.
 */
static int
mail_run(struct sender *s, int once)
{
	struct pollfd	 pfd;
	PGresult	*res;
	PGnotify	*n;
	double		 wait;

	while (!stopping) {
		if (s->conn == NULL || PQstatus(s->conn) != CONNECTION_OK) {
			PQfinish(s->conn);
			if ((s->conn = connect_server_role()) == NULL) {
				if (once)
					return 1;
				sleep(5);
				continue;
			}
			res = PQexec(s->conn, "LISTEN toteuma_mail");
			PQclear(res);
		}
		schedule(s);
		if (send_due(s) == -1) {
			if (once)
				return 1;
			PQreset(s->conn);
			continue;
		}
		if (once || stopping)
			break;
		wait = IDLE_SECONDS;
		res = PQexec(s->conn, "SELECT mail_next_due()");
		if (PQresultStatus(res) == PGRES_TUPLES_OK &&
		    !PQgetisnull(res, 0, 0) && atof(PQgetvalue(res, 0, 0)) <
		    wait)
			wait = atof(PQgetvalue(res, 0, 0));
		PQclear(res);
		pfd.fd = PQsocket(s->conn);
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(wait * 1000) + 50) > 0)
			PQconsumeInput(s->conn);
		while ((n = PQnotifies(s->conn)) != NULL)
			PQfreemem(n);
	}
	return 0;
}

/* "mail test EMAIL [--lang fi|sv|en]": queues a test message. */
static int
mail_test(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*lang = "fi", *p[2];
	PGconn		*conn;
	PGresult	*res;
	enum lang	 l;
	int		 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'l' || lang_from_code(optarg, strlen(optarg), &l)
		    == -1 || strlen(optarg) != 2)
			goto usage;
		lang = optarg;
	}
	if (optind != argc - 1)
		goto usage;
	if (!mime_address_valid(argv[optind])) {
		fprintf(stderr, "toteumactl: \"%s\" is not an e-mail address\n",
		    argv[optind]);
		return 2;
	}
	if ((conn = ctl_connect()) == NULL)
		return 1;
	p[0] = argv[optind];
	p[1] = lang;
	res = ctl_query(conn, "SELECT mail_queue($1, $2, 'test', '{}')", 2, p);
	if (res != NULL)
		printf("queued mail %s\n", PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	return res != NULL ? 0 : 1;
usage:
	fputs("usage: toteumactl mail test EMAIL [--lang fi|sv|en]\n", stderr);
	return 2;
}

int
ctl_mail(int argc, char **argv)
{
	struct sender		s;
	struct sigaction	sa;
	int			rc, once;

	if (argc >= 2 && strcmp(argv[1], "test") == 0)
		return mail_test(argc - 1, argv + 1);
	if (argc != 2 || (strcmp(argv[1], "run") != 0 &&
	    strcmp(argv[1], "send-once") != 0)) {
		fputs("usage: toteumactl mail run | send-once | test EMAIL "
		    "[--lang fi|sv|en]\n", stderr);
		return 2;
	}
	once = strcmp(argv[1], "send-once") == 0;
	if ((rc = setup(&s, 1)) != 0)
		return rc;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!once)
		printf("mail: sending from <%s> through %s\n", s.from,
		    strncmp(s.smtp.url, "smtps", 5) == 0 ? "smtps" : "smtp");
	fflush(stdout);
	rc = mail_run(&s, once);
	PQfinish(s.conn);
	curl_global_cleanup();
	return rc;
}
