/*
 * The toteuma module for Kore: start-up (database, dictionary, message
 * catalogue, templates), the worker sandbox, static assets and the
 * health check. Public pages are in http_public.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>
#include <kore/seccomp.h>

#include "metrics.h"
#include "oidc.h"
#include "cache.h"
#include "compress.h"
#include "mem.h"
#include "catalog.h"
#include "db.h"
#include "schema.h"
#include "embedded.h"
#include "http_util.h"
#include "field_limits.h"
#include "i18n.h"
#include "listen.h"
#include "page.h"
#include "rows.h"
#include "search.h"
#include "session.h"
#include "store.h"
#include "tmpl.h"
#include "totp.h"

/*
 * Beyond Kore's list: libpq's connect (newfstatat, getdents64, uname),
 * and glibc's realloc of large blocks (mremap) for big pages and search
 * indexes. Single sign-on calls the provider through libcurl in Kore's
 * task threads (glibc's pthread_create: clone3, rseq; under
 * AddressSanitizer a new thread also asks for its id and CPUs, gettid
 * and sched_getaffinity), whose
 * connect asks for the peer's address (getpeername). A call the filter refuses
 * there kills the task thread alone, and the sign-in would hang: the
 * HTTP tests run with the sandbox on, and tests/production.sh in the
 * chroot.
 */
KORE_SECCOMP_FILTER("toteuma",
	KORE_SYSCALL_ALLOW(clone3),
	KORE_SYSCALL_ALLOW(rseq),
	KORE_SYSCALL_ALLOW(getpeername),
	KORE_SYSCALL_ALLOW(gettid),
	KORE_SYSCALL_ALLOW(sched_getaffinity),
	KORE_SYSCALL_ALLOW(mremap),
	KORE_SYSCALL_ALLOW(newfstatat),
	KORE_SYSCALL_ALLOW(getdents64),
	KORE_SYSCALL_ALLOW(uname),
	KORE_SYSCALL_ALLOW(sendmmsg)
);

/* Old audit rows and sign-in attempts go once an hour (prune_old). */
#define PRUNE_INTERVAL_MS	(60 * 60 * 1000)

void	kore_parent_configure(int, char **);
void	kore_worker_configure(void);
int	page_asset(struct http_request *);
int	page_health(struct http_request *);
int	page_metrics(struct http_request *);

static void	prune(void *, u_int64_t);
static int	sso_configure(char *, size_t);
static void	tick(void *, u_int64_t);

/*
 * Kore checks connection deadlines (a header that takes over 10 s: 408;
 * idle keep-alive; a refused oversized request's linger, conn.c) only
 * when a worker wakes, and an idle worker sleeps until its next timer.
 */
#define TICK_MS			500

/* The newest migration this build carries: /healthz wants it applied. */
static int	schema_version;

void
kore_parent_configure(int argc, char **argv)
{
	const char	*conninfo, *po[LANG_COUNT];
	const struct embedded *f;
	char		 err[300];
	int		 l;

	/*
	 * In the foreground Kore logs with printf: to a file or the
	 * journal's pipe stdout is fully buffered, so a worker's lines
	 * came out kilobytes late and out of order with the others'.
	 * A line at a time; the workers inherit it.
	 */
	fflush(stdout);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((conninfo = getenv("TOTEUMA_DATABASE")) == NULL ||
	    *conninfo == '\0')
		conninfo = "dbname=toteuma";
	store_time_zone();
	if (!kore_pgsql_register(DB_NAME, conninfo))
		fatal("cannot register the database");
	db_listen_configure(conninfo);
	if (db_read_configure(getenv("TOTEUMA_DATABASE_READ")) == -1)
		fatal("cannot register the read replica "
		    "(TOTEUMA_DATABASE_READ)");
	if (totp_init() == -1)
		fatal("liboath (the second factor's codes) did not start");
	if (search_init(err, sizeof(err)) == -1)
		fatal("the Finnish dictionary (voikko-fi) failed to load: %s",
		    err);
	for (l = 0; l < LANG_COUNT; l++) {
		char name[16];

		snprintf(name, sizeof(name), "%s.po", lang_codes[l]);
		if ((f = embedded_find(po_files, name)) == NULL)
			fatal("message catalogue %s is missing", name);
		po[l] = (const char *)f->data;
	}
	if (i18n_load(po, err, sizeof(err)) == -1)
		fatal("message catalogue: %s", err);
	if (tmpl_load(template_files, template_limits, ntemplate_limits, err,
	    sizeof(err)) == -1 ||
	    tmpl_check_names(template_var_names, ntemplate_var_names, err,
	    sizeof(err)) == -1)
		fatal("templates: %s", err);
	if (http_base_configure(err, sizeof(err)) == -1 ||
	    client_ip_configure(err, sizeof(err)) == -1 ||
	    sso_configure(err, sizeof(err)) == -1)
		fatal("%s", err);
	/* An older or newer schema: say what to run, and do not start. */
	if (schema_check_conninfo(conninfo, err, sizeof(err)) == -1)
		fatalx("%s", err);
	schema_version = schema_expected();
	if (metrics_init() == -1)
		fatal("no shared memory for the counters of /metrics");
	/* No version banner: "Server: toteuma". */
	http_server_version("toteuma");
	cache_init(12 * 1024 * 1024, 1024 * 1024, 16 * 1024 * 1024);
	/* TOTEUMA_SEARCH_INDEX=off: search in PostgreSQL only. */
	if ((conninfo = getenv("TOTEUMA_SEARCH_INDEX")) != NULL &&
	    strcmp(conninfo, "off") == 0)
		rows_index_limit(0);
}

/*
 * Staff single sign-on, when TOTEUMA_OIDC_ISSUER is set: the client and
 * its secret, and the CA certificates read now, before a chroot. The
 * provider is asked for its discovery document once here; should it
 * not answer, the server starts anyway and each worker asks again at
 * the first sign-in through it.
 */
static int
sso_configure(char *err, size_t len)
{
	const char	*issuer = getenv("TOTEUMA_OIDC_ISSUER");
	const char	*client = getenv("TOTEUMA_OIDC_CLIENT_ID");
	const char	*secret = getenv("TOTEUMA_OIDC_CLIENT_SECRET_FILE");
	const char	*ca = getenv("TOTEUMA_OIDC_CA_FILE");
	const char	*create = getenv("TOTEUMA_OIDC_CREATE_EDITORS");
	const char	*local = getenv("TOTEUMA_LOCAL_PASSWORDS");
	char		 redirect[1100], why[300];

	if (local != NULL && strcmp(local, "on") != 0 &&
	    strcmp(local, "off") != 0) {
		snprintf(err, len, "TOTEUMA_LOCAL_PASSWORDS is on or off");
		return -1;
	}
	if (issuer == NULL || *issuer == '\0')
		return 0;
	if (client == NULL || secret == NULL) {
		snprintf(err, len, "TOTEUMA_OIDC_ISSUER needs "
		    "TOTEUMA_OIDC_CLIENT_ID and "
		    "TOTEUMA_OIDC_CLIENT_SECRET_FILE");
		return -1;
	}
	if (create != NULL && strcmp(create, "yes") != 0 &&
	    strcmp(create, "no") != 0) {
		snprintf(err, len, "TOTEUMA_OIDC_CREATE_EDITORS is yes or no");
		return -1;
	}
	if (ca == NULL || *ca == '\0')
		ca = "/etc/ssl/certs/ca-certificates.crt";
	if (access(ca, R_OK) == -1 && strncmp(issuer, "http://", 7) == 0)
		ca = NULL;
	snprintf(redirect, sizeof(redirect), "%s/login/oidc/callback",
	    http_base_primary());
	if (oidc_configure(issuer, client, secret, redirect, ca, why,
	    sizeof(why)) == -1) {
		snprintf(err, len, "TOTEUMA_OIDC_*: %.200s", why);
		return -1;
	}
	if (oidc_discover(why, sizeof(why)) == -1)
		kore_log(LOG_WARNING, "single sign-on unavailable for now: %s",
		    why);
	return 0;
}

void
kore_worker_configure(void)
{
	http_server_version("toteuma");
	kore_timer_add(tick, TICK_MS, NULL, 0);
	db_listen_tick(kore_time_ms());
	/* One worker prunes; the others need not. */
	if (worker->id == KORE_WORKER_BASE) {
		kore_timer_add(prune, 10 * 1000, NULL, 1);
		kore_timer_add(prune, PRUNE_INTERVAL_MS, NULL, 0);
	}
}

static void
tick(void *arg, u_int64_t now)
{
	db_listen_tick(now);
}

static void
prune(void *arg, u_int64_t now)
{
	struct kore_pgsql	sql;

	if (db_write(&sql, "SELECT attempts, audits FROM prune_old(NULL, "
	    "NULL)", 0, NULL) == 0 && kore_pgsql_ntuples(&sql) == 1 &&
	    (atoll(db_text(&sql, 0, "attempts")) > 0 ||
	    atoll(db_text(&sql, 0, "audits")) > 0))
		kore_log(LOG_INFO, "pruned %s sign-in attempts and %s audit "
		    "rows", db_text(&sql, 0, "attempts"),
		    db_text(&sql, 0, "audits"));
	kore_pgsql_cleanup(&sql);
}

/* An asset's content type, by the ending of its name. */
static const char *
asset_type(const char *name)
{
	static const char *const types[][2] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char	*ext = strrchr(name, '.');
	size_t		 i;

	for (i = 0; ext != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(ext, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/*
 * What an asset is sent with, made on its first request in a worker:
 * its ETag and its compressed bodies (the stylesheet blocks the first
 * paint of every page: 6 KB with gzip instead of 22).
 */
struct asset_kept {
	char	 etag[24];
	int	 tried[ENC_COUNT];
	char	*body[ENC_COUNT];
	size_t	 len[ENC_COUNT];
};

static struct asset_kept *
asset_kept(const struct embedded *f)
{
	static struct asset_kept	*kept;
	const struct embedded		*e;
	struct asset_kept		*k;
	size_t				 n = 0;

	if (kept == NULL) {
		for (e = asset_files; e->name != NULL; e++)
			n++;
		kept = xcalloc(n + 1, sizeof(*kept));
	}
	k = &kept[f - asset_files];
	if (k->etag[0] == '\0')
		snprintf(k->etag, sizeof(k->etag), "\"%016llx\"",
		    (unsigned long long)cache_hash(f->data, f->len));
	return k;
}

int
page_asset(struct http_request *req)
{
	const struct embedded	*f;
	struct asset_kept	*k;
	const char		*name = req->path + strlen("/assets/");
	const char		*inm, *accept = NULL, *type;
	const void		*body;
	size_t			 len;
	enum encoding		 enc = ENC_IDENTITY;
	char			 etag[32];

	if ((f = embedded_find(asset_files, name)) == NULL) {
		http_send(req, 404, "text/plain; charset=utf-8",
		    "not found\n", 10);
		return KORE_RESULT_OK;
	}
	k = asset_kept(f);
	type = asset_type(name);
	body = f->data;
	len = f->len;
	snprintf(etag, sizeof(etag), "%s", k->etag);
	http_security_headers(req);
	if (http_compressible(type)) {
		/* One weak ETag for every encoding, as for pages. */
		snprintf(etag, sizeof(etag), "W/%s", k->etag);
		http_response_header(req, "vary", "accept-encoding");
		(void)http_request_header(req, "accept-encoding", &accept);
		enc = accept_encoding(accept);
		if (enc != ENC_IDENTITY && !k->tried[enc]) {
			k->tried[enc] = 1;
			if (compress_body(enc, f->data, f->len, &k->body[enc],
			    &k->len[enc]) == -1)
				k->body[enc] = NULL;
		}
		if (enc != ENC_IDENTITY && k->body[enc] != NULL) {
			body = k->body[enc];
			len = k->len[enc];
		} else
			enc = ENC_IDENTITY;
	}
	http_response_header(req, "etag", etag);
	http_response_header(req, "cache-control", "public, max-age=86400");
	if (http_request_header(req, "if-none-match", &inm) &&
	    strstr(inm, k->etag) != NULL) {
		http_answer(req, 304, NULL, 0);
		return KORE_RESULT_OK;
	}
	http_response_header(req, "content-type", type);
	if (enc != ENC_IDENTITY)
		http_response_header(req, "content-encoding",
		    encoding_name(enc));
	http_answer(req, 200, body, len);
	return KORE_RESULT_OK;
}

/*
 * 200 only when this worker reaches the database and its schema has the
 * newest migration this build carries; a cached catalogue is not
 * enough (pages may be served from it, but the service is degraded).
 */
/*
 * The counters every worker adds to, for Prometheus. Routed on the
 * internal listener only (conf/toteuma.conf.in): loopback, not proxied.
 */
int
page_metrics(struct http_request *req)
{
	struct buf	b;

	buf_init(&b);
	metrics_write(&b);
	http_send(req, 200, "text/plain; version=0.0.4; charset=utf-8",
	    b.data, b.len);
	buf_free(&b);
	return KORE_RESULT_OK;
}

int
page_health(struct http_request *req)
{
	struct kore_pgsql	 sql;
	const char		*why = NULL;
	char			 body[128];
	int			 n;

	if (db_query(&sql, "SELECT coalesce(max(version), 0) AS version "
	    "FROM schema_migrations", 0, NULL) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1)
		why = "database unavailable";
	else if (atoi(db_text(&sql, 0, "version")) < schema_version)
		why = "database not migrated (run toteumactl migrate)";
	kore_pgsql_cleanup(&sql);
	if (why != NULL) {
		n = snprintf(body, sizeof(body), "%s\n", why);
		http_send(req, 503, "text/plain; charset=utf-8", body,
		    (size_t)n);
		return KORE_RESULT_OK;
	}
	http_send(req, 200, "text/plain; charset=utf-8", "ok\n", 3);
	return KORE_RESULT_OK;
}
