/*
 * Handlers of the Atom feeds of changes to actions: /feed.atom (every
 * published process), /p/SLUG/feed.atom (one process) and
 * /unit/ID/feed.atom (the actions of one responsible unit). One entry
 * per history row that changed a public field of an action, newest
 * first; cached per data version like the public pages. Links are
 * absolute: the base address is TOTEUMA_BASE_URL, or else made from a
 * valid Host header.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "feed.h"
#include "serve.h"
#include "http_util.h"
#include "labels.h"
#include "page.h"
#include "params.h"

#define UNIT_NAME_MAX	1024

int	page_feed(struct http_request *);

enum feed_scope {
	SCOPE_SITE,
	SCOPE_PROCESS,
	SCOPE_UNIT
};

/* What a feed request asks for, once it is known to be valid. */
struct feed_req {
	enum lang			 lang;
	enum feed_scope			 scope;
	const struct cat_process	*proc;		/* SCOPE_PROCESS */
	long long			 unit_id;	/* SCOPE_UNIT */
	char				 unit_name[UNIT_NAME_MAX];
	char				 base[FEED_BASE_MAX + 1];
	char				 path[160];	/* the feed's own */
};

/* A field of action_public_changes(): its label and how a title says
 * that it changed. */
struct change_field {
	const char	*field;
	const char	*label;
	const char	*changed;
};

static const struct change_field change_fields[] = {
	{ "new", N_("Action"), N_("New action") },
	{ "body", N_("Action"), N_("Action text changed") },
	{ "status", N_("Status"), NULL },
	{ "status_note", N_("Status note"), N_("Status note changed") },
	{ "schedule", N_("Schedule"), N_("Schedule changed") },
	{ "actual", N_("Actual dates"), N_("Actual dates changed") },
	{ "info", N_("Additional information"),
	    N_("Additional information changed") },
	{ "evidence", N_("Evidence links"), N_("Evidence links changed") },
	{ "deleted", N_("Removed"), NULL },
	{ "milestones", N_("Milestones"), N_("Milestones changed") },
	{ "reason_category", N_("Reason category"),
	    N_("Reason category changed") },
};

/* Where the columns of public_changes() are in a result. */
struct change_cols {
	int	history_id, changed_us, action_id, process_id, deleted;
	int	body, field, before, after;
};

static int	feed_request(struct http_request *, struct page *,
		    struct feed_req *, char **);
static int	feed_process(struct http_request *, struct page *,
		    struct feed_req *);
static int	feed_unit(struct http_request *, struct page *,
		    struct feed_req *);
static int	feed_cols(struct change_cols *, struct kore_pgsql *);
static void	entry_changes(const struct feed_req *, struct kore_pgsql *,
		    const struct change_cols *, int, int, struct buf *,
		    struct buf *);
static int	unit_lookup(struct feed_req *);
static int	feed_render(const struct feed_req *, struct buf *);
static void	feed_write_head(const struct feed_req *, struct buf *,
		    long long);
static void	entry_write(const struct feed_req *, struct buf *,
		    struct kore_pgsql *, const struct change_cols *, int, int);
static const struct change_field *change_field(const char *);
static const char *change_value(const char *, const char *, enum lang);

/* 1 when the unit exists (its name is then set), 0 when not, -1. */
static int
unit_lookup(struct feed_req *fr)
{
	struct kore_pgsql	 sql;
	const char		*params[1];
	char			 id[32];
	int			 rc = -1;

	snprintf(id, sizeof(id), "%lld", fr->unit_id);
	params[0] = id;
	if (db_read(&sql, "SELECT name FROM unit WHERE id = $1", 1,
	    params) == -1)
		goto out;
	rc = 0;
	if (kore_pgsql_ntuples(&sql) == 1) {
		snprintf(fr->unit_name, sizeof(fr->unit_name), "%s",
		    db_text(&sql, 0, "name"));
		rc = 1;
	}
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * The language of a feed request (into pg, whose errors are pages for
 * people, and fr) and an up-to-date catalogue: 0, or -1 after answering
 * with an error.
 */
static int
feed_request(struct http_request *req, struct page *pg, struct feed_req *fr,
    char **v)
{
	const char	*bad;

	if (params_parse(req->query_string, lang_params, 1, v, &bad) !=
	    PARAM_OK) {
		serve_error(req, pg, 400, N_("A search setting in the "
		    "address has a value that is not allowed."), bad);
		return -1;
	}
	if (v[0] != NULL)
		lang_from_code(v[0], strlen(v[0]), &pg->lang);
	fr->lang = pg->lang;
	return serve_catalogue(req, pg);
}

/* "/p/SLUG/feed.atom" (the route guarantees the shape): 0, or -1. */
static int
feed_process(struct http_request *req, struct page *pg, struct feed_req *fr)
{
	if ((fr->proc = serve_process(req, pg, req->path, NULL,
	    serve_error)) == NULL)
		return -1;
	snprintf(fr->path, sizeof(fr->path), "/p/%s/feed.atom",
	    fr->proc->slug);
	return 0;
}

/* "/unit/ID/feed.atom": ID is anything but a slash. 0, or -1. */
static int
feed_unit(struct http_request *req, struct page *pg, struct feed_req *fr)
{
	const char	*p, *e;
	size_t		 n, r;

	p = req->path + 6;
	e = strchr(p, '/');
	n = e != NULL ? (size_t)(e - p) : 0;
	for (r = 0; r < n; r++)
		if (p[r] < '0' || p[r] > '9')
			break;
	fr->unit_id = 0;
	if (n > 0 && n <= 18 && r == n)
		fr->unit_id = strtoll(p, NULL, 10);
	if (fr->unit_id <= 0) {
		serve_error(req, pg, 400, N_("The address must "
		    "name a responsible unit by its number."), "");
		return -1;
	}
	snprintf(fr->path, sizeof(fr->path), "/unit/%lld/feed.atom",
	    fr->unit_id);
	return 0;
}

/* /feed.atom, /p/SLUG/feed.atom and /unit/ID/feed.atom. */
int
page_feed(struct http_request *req)
{
	struct feed_req	*fr;
	struct page	 pg;
	struct buf	 key, body;
	char		*v[1] = { NULL };
	int		 r;

	page_init(&pg, LANG_FI);
	buf_init(&key);
	buf_init(&body);
	fr = xcalloc(1, sizeof(*fr));
	fr->scope = strncmp(req->path, "/p/", 3) == 0 ? SCOPE_PROCESS :
	    strncmp(req->path, "/unit/", 6) == 0 ? SCOPE_UNIT : SCOPE_SITE;
	if (feed_request(req, &pg, fr, v) == -1)
		goto out;
	if (fr->scope == SCOPE_SITE)
		snprintf(fr->path, sizeof(fr->path), "/feed.atom");
	else if ((fr->scope == SCOPE_PROCESS ? feed_process(req, &pg, fr) :
	    feed_unit(req, &pg, fr)) == -1)
		goto out;

	http_base_url(req, fr->base, sizeof(fr->base));
	buf_printf(&key, "feed %s%s?lang=%s", fr->base, fr->path,
	    lang_codes[fr->lang]);
	/* A process's feed is kept while that process stays the same. */
	if (serve_cached(req, fr->proc, buf_cstr(&key)))
		goto out;
	if (fr->scope == SCOPE_UNIT) {
		if ((r = unit_lookup(fr)) == 0) {
			serve_error(req, &pg, 404,
			    N_("There is no such responsible unit."), "");
			goto out;
		}
		if (r == -1) {
			serve_error(req, &pg, 503,
			    N_("Please try again in a moment."), "");
			goto out;
		}
	}
	if (feed_render(fr, &body) == -1) {
		serve_error(req, &pg, 503,
		    N_("Please try again in a moment."), "");
		goto out;
	}
	serve_put(req, fr->proc, buf_cstr(&key), FEED_CONTENT_TYPE, body.data,
	    body.len);
out:
	params_free(v, 1);
	buf_free(&key);
	buf_free(&body);
	free(fr);
	page_free(&pg);
	return KORE_RESULT_OK;
}

static const struct change_field *
change_field(const char *field)
{
	size_t	i;

	for (i = 0; i < sizeof(change_fields) / sizeof(change_fields[0]); i++)
		if (strcmp(change_fields[i].field, field) == 0)
			return &change_fields[i];
	return NULL;
}

/* A value as a reader reads it: status labels, empty as a word. */
static const char *
change_value(const char *field, const char *v, enum lang lang)
{
	/* A title says "No status" rather than "(empty)". */
	if (strcmp(field, "status") == 0 && *v == '\0')
		return T(lang, "No status");
	return history_value(&catalog_get()->statuses, field, v, lang);
}

static void
feed_write_head(const struct feed_req *fr, struct buf *out,
    long long updated)
{
	struct feed_head	 h;
	struct buf		 title, self, alt, when;
	const char		*lq = lang_query(fr->lang);
	int			 fi = 0;

	buf_init(&title);
	buf_init(&self);
	buf_init(&alt);
	buf_init(&when);
	switch (fr->scope) {
	case SCOPE_SITE:
		buf_puts(&title, T(fr->lang, "Toteuma"));
		buf_printf(&alt, "%s/%s", fr->base, lq);
		break;
	case SCOPE_PROCESS:
		buf_puts(&title, cat_text(fr->proc->title, fr->lang, &fi));
		buf_printf(&alt, "%s/p/%s%s", fr->base, fr->proc->slug, lq);
		break;
	case SCOPE_UNIT:
		buf_puts(&title, fr->unit_name);
		buf_printf(&alt, "%s/%s", fr->base, lq);
		break;
	}
	buf_printf(&title, " – %s", T(fr->lang, "Changes to actions"));
	buf_printf(&self, "%s%s%s", fr->base, fr->path, lq);
	feed_time(&when, updated);

	memset(&h, 0, sizeof(h));
	h.lang = lang_codes[fr->lang];
	h.id = buf_cstr(&self);
	h.title = buf_cstr(&title);
	h.updated = buf_cstr(&when);
	h.self = buf_cstr(&self);
	h.alternate = buf_cstr(&alt);
	h.rights = T(fr->lang, "The data is open: licence CC BY 4.0.");
	h.author = T(fr->lang, "Toteuma");
	feed_begin(out, &h);
	buf_free(&title);
	buf_free(&self);
	buf_free(&alt);
	buf_free(&when);
}

/*
 * The title's and the content's account of the changes in the rows
 * first..last-1 of one history row.
 */
static void
entry_changes(const struct feed_req *fr, struct kore_pgsql *sql,
    const struct change_cols *col, int first, int last, struct buf *title,
    struct buf *content)
{
	const struct change_field	*cf;
	const char			*field, *before, *after;
	int				 i, parts = 0;

	for (i = first; i < last; i++) {
		field = kore_pgsql_getvalue(sql, i, col->field);
		before = kore_pgsql_getvalue(sql, i, col->before);
		after = kore_pgsql_getvalue(sql, i, col->after);
		if ((cf = change_field(field)) == NULL)
			continue;
		if (parts++ > 0)
			buf_puts(title, "; ");
		if (strcmp(field, "status") == 0)
			buf_printf(title, "%s: %s → %s",
			    T(fr->lang, "Status"),
			    change_value(field, before, fr->lang),
			    change_value(field, after, fr->lang));
		else if (strcmp(field, "deleted") == 0)
			buf_puts(title, *after != '\0' ?
			    T(fr->lang, "Action removed") :
			    T(fr->lang, "Action restored"));
		else
			buf_puts(title, T(fr->lang, cf->changed));
		if (strcmp(field, "new") == 0)
			continue;
		buf_printf(content, "\n%s: %s → ", T(fr->lang, cf->label),
		    change_value(field, before, fr->lang));
		buf_printf(content, "%s", change_value(field, after,
		    fr->lang));
	}
}

/* One entry from the rows first..last-1 of one history row. */
static void
entry_write(const struct feed_req *fr, struct buf *out,
    struct kore_pgsql *sql, const struct change_cols *col, int first,
    int last)
{
	const struct cat_process	*proc;
	struct feed_entry		 e;
	struct buf			 id, title, when, link, content;
	const char			*body;
	const char			*lq = lang_query(fr->lang);
	long long			 hid, us, aid;
	int				 fi = 0, deleted;

	proc = catalog_process_by_id(strtoll(kore_pgsql_getvalue(sql, first,
	    col->process_id), NULL, 10));
	/* The catalogue may lag a second behind: leave such an entry out. */
	if (proc == NULL || !proc->published)
		return;
	hid = strtoll(kore_pgsql_getvalue(sql, first, col->history_id), NULL,
	    10);
	us = strtoll(kore_pgsql_getvalue(sql, first, col->changed_us), NULL,
	    10);
	aid = strtoll(kore_pgsql_getvalue(sql, first, col->action_id), NULL,
	    10);
	deleted = kore_pgsql_getvalue(sql, first, col->deleted)[0] == 't';
	body = kore_pgsql_getvalue(sql, first, col->body);

	buf_init(&id);
	buf_init(&title);
	buf_init(&when);
	buf_init(&link);
	buf_init(&content);
	feed_entry_id(&id, hid, us);
	feed_time(&when, us / 1000000);
	/* A removed action has no page of its own; its process has. */
	if (deleted)
		buf_printf(&link, "%s/p/%s%s", fr->base, proc->slug, lq);
	else
		buf_printf(&link, "%s/p/%s/a/%lld%s", fr->base, proc->slug,
		    aid, lq);

	buf_printf(&content, "%s: %s\n", T(fr->lang, "Process"),
	    cat_text(proc->title, fr->lang, &fi));
	buf_printf(&content, "%s: %s\n", T(fr->lang, "Action"),
	    *body != '\0' ? body : T(fr->lang, "(empty)"));
	entry_changes(fr, sql, col, first, last, &title, &content);
	if (*body != '\0') {
		buf_puts(&title, " – ");
		feed_excerpt(&title, body, 80);
	}

	memset(&e, 0, sizeof(e));
	e.id = buf_cstr(&id);
	e.title = buf_cstr(&title);
	e.updated = buf_cstr(&when);
	e.link = buf_cstr(&link);
	e.content = buf_cstr(&content);
	feed_entry(out, &e);
	buf_free(&id);
	buf_free(&title);
	buf_free(&when);
	buf_free(&link);
	buf_free(&content);
}

/* The columns of public_changes() in sql, by name: 0, or -1. */
static int
feed_cols(struct change_cols *col, struct kore_pgsql *sql)
{
	col->history_id = db_col(sql, "history_id");
	col->changed_us = db_col(sql, "changed_us");
	col->action_id = db_col(sql, "action_id");
	col->process_id = db_col(sql, "process_id");
	col->deleted = db_col(sql, "deleted");
	col->body = db_col(sql, "action_body");
	col->field = db_col(sql, "field");
	col->before = db_col(sql, "before");
	col->after = db_col(sql, "after");
	return col->history_id < 0 || col->changed_us < 0 ||
	    col->action_id < 0 || col->process_id < 0 || col->deleted < 0 ||
	    col->body < 0 || col->field < 0 || col->before < 0 ||
	    col->after < 0 ? -1 : 0;
}

static int
feed_render(const struct feed_req *fr, struct buf *out)
{
	struct kore_pgsql	 sql;
	struct change_cols	 col;
	const char		*params[5];
	char			 pid[32], uid[32], lim[16];
	long long		 updated;
	int			 i, first, n, rc = -1;

	snprintf(pid, sizeof(pid), "%lld",
	    fr->scope == SCOPE_PROCESS ? fr->proc->id : 0);
	snprintf(uid, sizeof(uid), "%lld",
	    fr->scope == SCOPE_UNIT ? fr->unit_id : 0);
	snprintf(lim, sizeof(lim), "%d", FEED_MAX_ENTRIES);
	params[0] = pid;
	params[1] = uid;
	params[2] = lang_codes[fr->lang];
	params[3] = T(fr->lang, "Continuous");
	params[4] = lim;
	if (db_read(&sql, "SELECT history_id, changed_us, action_id, "
	    "process_id, deleted, coalesce(action_body, '') AS action_body, "
	    "field, coalesce(before, '') AS before, "
	    "coalesce(after, '') AS after "
	    "FROM public_changes($1, $2, $3, $4, $5)", 5, params) == -1 ||
	    feed_cols(&col, &sql) == -1)
		goto out;
	n = kore_pgsql_ntuples(&sql);
	/* The newest change, or when the data last changed at all. */
	updated = n > 0 ? strtoll(kore_pgsql_getvalue(&sql, 0,
	    col.changed_us), NULL, 10) / 1000000 :
	    (long long)(fr->proc != NULL ? fr->proc->changed_at :
	    catalog_get()->changed_at);
	feed_write_head(fr, out, updated);
	for (first = 0; first < n; first = i) {
		for (i = first + 1; i < n && strcmp(kore_pgsql_getvalue(&sql,
		    i, col.history_id), kore_pgsql_getvalue(&sql, first,
		    col.history_id)) == 0; i++)
			;
		entry_write(fr, out, &sql, &col, first, i);
	}
	feed_end(out);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}
