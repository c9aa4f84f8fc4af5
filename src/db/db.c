/* Server-side queries; see db.h. */
#include <libpq-fe.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "db.h"
#include "result.h"

/* pg_type.h: the types db_vars gives a meaning of their own. */
#define DB_BOOLOID		16
#define DB_DATEOID		1082
#define DB_TIMESTAMPOID		1114
#define DB_TIMESTAMPTZOID	1184

/* pgsql_conn_max (2) and one more. */
#define DB_RETRIES	3

/* The same error again within this time is counted, not logged. */
#define DB_LOG_INTERVAL_MS	10000

static int	db_run(struct kore_pgsql *, const char *, const char *, int,
		    const char *const *);
static int	db_try(struct kore_pgsql *, const char *, const char *, int,
		    const char *const *);

/* A replica that failed is left alone this long; reads go to the primary. */
#define DB_READ_HOLD_MS		5000
/* A replica whose data stays behind the primary's this long has failed. */
#define DB_READ_MAX_LAG_MS	5000

static int		read_configured;
/* The last failure, for the line the failed answer logs (db_last_error). */
static char		last_error[256];
static uint64_t		read_down_until;
static uint64_t		read_behind_since;
static void	db_log(const char *);

/*
 * While the database is down every request fails the same few ways:
 * one line per message and interval, with a count, not one per request.
 */
#define DB_LOG_SLOTS		8

static void
db_log(const char *msg)
{
	static struct {
		char		msg[256];
		uint64_t	since;
		unsigned	repeated;
	}		 slot[DB_LOG_SLOTS];
	uint64_t	 now = kore_time_ms();
	size_t		 i, old = 0;

	snprintf(last_error, sizeof(last_error), "%s", msg);

	for (i = 0; i < DB_LOG_SLOTS; i++) {
		if (strncmp(slot[i].msg, msg, sizeof(slot[i].msg) - 1) == 0)
			break;
		if (slot[i].since < slot[old].since)
			old = i;
	}
	if (i < DB_LOG_SLOTS && now - slot[i].since < DB_LOG_INTERVAL_MS) {
		slot[i].repeated++;
		return;
	}
	if (i == DB_LOG_SLOTS)
		i = old;
	if (slot[i].repeated > 0)
		kore_log(LOG_NOTICE, "database error repeated %u times: %s",
		    slot[i].repeated, slot[i].msg);
	kore_log(LOG_NOTICE, "database error: %s", msg);
	snprintf(slot[i].msg, sizeof(slot[i].msg), "%s", msg);
	slot[i].since = now;
	slot[i].repeated = 0;
}

void
db_log_error(const struct kore_pgsql *sql)
{
	char	msg[256];
	size_t	n;

	snprintf(msg, sizeof(msg), "%s", sql->error ? sql->error : "unknown");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	db_log(msg);
	metrics_add(METRIC_DB_ERROR, 1);
}

/* One attempt; 1 when the connection was found broken and was reset. */
static int
db_run(struct kore_pgsql *sql, const char *name, const char *query, int n,
    const char *const *params)
{
	kore_pgsql_init(sql);
	if (!kore_pgsql_setup(sql, name, KORE_PGSQL_SYNC)) {
		db_log_error(sql);
		return -1;
	}
	if (kore_pgsql_query_param_fields(sql, query, 0, n,
	    (const char **)(uintptr_t)params, NULL, NULL))
		return 0;
	/*
	 * Kore's pool checks a connection only when it opens it: one broken
	 * by a database restart would go back to the pool and fail there.
	 */
	if (sql->conn != NULL && PQstatus(sql->conn->db) == CONNECTION_BAD) {
		db_log("connection lost, reconnecting");
		PQreset(sql->conn->db);
		metrics_add(METRIC_DB_RECONNECT, 1);
		if (PQstatus(sql->conn->db) == CONNECTION_OK)
			return 1;
	}
	db_log_error(sql);
	return -1;
}

/*
 * A read on the database name: a read is safe to repeat. The next try
 * may meet another broken connection of the pool (the free list hands
 * out the oldest first), so try once per pooled connection and once
 * more.
 */
static int
db_try(struct kore_pgsql *sql, const char *name, const char *query, int n,
    const char *const *params)
{
	int	r, tries;

	for (tries = 0; tries < DB_RETRIES; tries++) {
		if ((r = db_run(sql, name, query, n, params)) != 1)
			return r;
		kore_pgsql_cleanup(sql);
	}
	kore_pgsql_init(sql);
	return -1;
}

int
db_query(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	return db_try(sql, DB_NAME, query, n, params);
}

int
db_read_configure(const char *conninfo)
{
	if (conninfo == NULL || *conninfo == '\0')
		return 0;
	if (!kore_pgsql_register(DB_READ_NAME, conninfo))
		return -1;
	read_configured = 1;
	return 0;
}

/* The data version on database name, or -1. */
static long long
data_version(const char *name)
{
	struct kore_pgsql	sql;
	long long		v = -1;

	if (db_try(&sql, name, "SELECT version FROM data_version", 0,
	    NULL) == 0 && kore_pgsql_ntuples(&sql) == 1)
		v = strtoll(db_text(&sql, 0, "version"), NULL, 10);
	kore_pgsql_cleanup(&sql);
	return v;
}

void
db_read_check(void)
{
	long long	primary, replica;
	uint64_t	now;
	char		msg[128];

	if (!read_configured || (now = kore_time_ms()) < read_down_until)
		return;
	primary = data_version(DB_NAME);
	replica = data_version(DB_READ_NAME);
	if (primary < 0 || replica < 0 || replica >= primary) {
		read_behind_since = 0;
		return;
	}
	if (read_behind_since == 0)
		read_behind_since = now;
	if (now - read_behind_since < DB_READ_MAX_LAG_MS)
		return;
	snprintf(msg, sizeof(msg), "read replica is %llu s behind the "
	    "primary: reading from the primary for 5 s",
	    (unsigned long long)(now - read_behind_since) / 1000);
	db_log(msg);
	metrics_add(METRIC_READ_FALLBACK, 1);
	read_down_until = now + DB_READ_HOLD_MS;
}

int
db_read(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	uint64_t	now;

	if (!read_configured || (now = kore_time_ms()) < read_down_until)
		return db_query(sql, query, n, params);
	if (db_try(sql, DB_READ_NAME, query, n, params) == 0)
		return 0;
	/* The replica failed: the primary answers, for a while. */
	kore_pgsql_cleanup(sql);
	read_down_until = now + DB_READ_HOLD_MS;
	db_log("read replica failed: reading from the primary for 5 s");
	metrics_add(METRIC_READ_FALLBACK, 1);
	return db_query(sql, query, n, params);
}

int
db_write(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	/*
	 * A write is never repeated: it may have committed before the
	 * connection broke. The caller shows the form again instead.
	 */
	return db_run(sql, DB_NAME, query, n, params) == 0 ? 0 : -1;
}

void
db_sqlstate(const struct kore_pgsql *sql, char *code, size_t len)
{
	const char	*s;

	code[0] = '\0';
	if (sql->result != NULL &&
	    (s = PQresultErrorField(sql->result, PG_DIAG_SQLSTATE)) != NULL)
		snprintf(code, len, "%s", s);
}

int
db_change(const char *query, int n, const char *const *params, char *code,
    size_t len)
{
	struct kore_pgsql	sql;
	int			rc;

	rc = db_write(&sql, query, n, params);
	if (rc == 0)
		code[0] = '\0';
	else
		db_sqlstate(&sql, code, len);
	kore_pgsql_cleanup(&sql);
	return rc;
}

const char *
db_last_error(void)
{
	return last_error;
}

void
db_clear_error(void)
{
	last_error[0] = '\0';
}

int
db_col(struct kore_pgsql *sql, const char *col)
{
	return res_col(sql->result, col);
}

const char *
db_text(struct kore_pgsql *sql, int row, const char *col)
{
	return res_text(sql->result, row, col);
}

const char *
db_text_lang(struct kore_pgsql *sql, int row, const char *col, enum lang lang,
    int *finnish)
{
	const char	*fi = db_text(sql, row, col), *t;
	char		 name[64];

	*finnish = 0;
	if (lang == LANG_FI)
		return fi;
	snprintf(name, sizeof(name), "%s_%s", col, lang_codes[lang]);
	if (*(t = db_text(sql, row, name)) != '\0')
		return t;
	*finnish = *fi != '\0';
	return fi;
}

int
db_true(struct kore_pgsql *sql, int row, const char *col)
{
	return res_true(sql->result, row, col);
}

void
db_vars(struct tmpl_vars *tv, struct kore_pgsql *sql, int row, ...)
{
	va_list		 ap;
	const char	*col, *v;
	int		 i;

	va_start(ap, row);
	while ((col = va_arg(ap, const char *)) != NULL) {
		if ((i = db_col(sql, col)) < 0)
			continue;
		v = kore_pgsql_getvalue(sql, row, i);
		switch (PQftype(sql->result, i)) {
		case DB_BOOLOID:
			tv_text(tv, col, strcmp(v, "t") == 0 ? "1" : "");
			break;
		case DB_DATEOID:
		case DB_TIMESTAMPOID:
		case DB_TIMESTAMPTZOID:
			tv_date(tv, col, v);
			break;
		default:
			tv_text(tv, col, v);
			break;
		}
	}
	va_end(ap);
}

PGresult *
db_take_result(struct kore_pgsql *sql)
{
	PGresult	*res = sql->result;

	sql->result = NULL;
	return res;
}

size_t
db_result_bytes(const PGresult *res)
{
	size_t	bytes = 0;
	int	r, c;

	for (r = 0; r < PQntuples(res); r++)
		for (c = 0; c < PQnfields(res); c++)
			bytes += (size_t)PQgetlength(res, r, c) + 16;
	return bytes;
}

int
db_render_rows(db_reader run, struct html *out, const struct tmpl *t,
    enum lang lang, db_row_fill fill, const void *arg, const char *query,
    int n, const char *const *params)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	int			 i, rows = -1;

	kore_pgsql_init(&sql);
	tv_init(&rv);
	if (run(&sql, query, n, params) == 0) {
		rows = kore_pgsql_ntuples(&sql);
		for (i = 0; i < rows; i++) {
			tv_reset(&rv);
			fill(&rv, &sql, i, lang, arg);
			tmpl_render(out, t, &rv, lang);
		}
	}
	kore_pgsql_cleanup(&sql);
	tv_free(&rv);
	return rows;
}
