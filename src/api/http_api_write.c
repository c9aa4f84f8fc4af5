/*
 * The write API for a unit's own system (/api/v1/my/actions/...):
 * with "Authorization: Bearer TOKEN" (a token made on
 * /b/account/tokens), its user's actions are read and updated as the
 * action and milestone forms update them: the JSON is read strictly
 * (unknown keys refused) into the same typed forms, checked the same,
 * and saved by the same SQL functions (action_save,
 * action_milestone_save), which check who may edit the action again. A
 * change must name the revision it is based on in If-Match (the ETag):
 * 428 without it, 412 when the action has moved on. No cookie is read,
 * so there is nothing for a forged request to borrow: no CSRF token.
 * Every call is in the audit log and the token's last use is kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "action_form.h"
#include "catalog_cache.h"
#include "date.h"
#include "db.h"
#include "http_util.h"
#include "mem.h"
#include "milestone_form.h"
#include "search.h"
#include "session.h"
#include "token_form.h"

int	page_api_my(struct http_request *);

#define API_BODY_MAX	(256 * 1024)

/*
 * The action as the API shows it; $1 the action, $2 the token's user.
 * Months as YYYY-MM, days as YYYY-MM-DD, "" for none.
 */
#define STATE_SQL \
	"SELECT a.id, a.revision, p.slug, a.body, " \
	"coalesce(s.code, '') AS status, a.status_note, a.status_note_sv, " \
	"a.status_note_en, a.schedule_kind, " \
	"coalesce(to_char(a.schedule_start, 'YYYY-MM'), '') AS start, " \
	"coalesce(to_char(a.schedule_end, 'YYYY-MM'), '') AS \"end\", " \
	"a.schedule_text, " \
	"coalesce(a.actual_start::text, '') AS actual_start, " \
	"coalesce(a.actual_end::text, '') AS actual_end, a.info, a.info_sv, " \
	"a.info_en, array_to_string(a.evidence, E'\\n') AS evidence, " \
	"coalesce(a.reason_category::text, '') AS reason, " \
	"user_may_edit_action($2, a.id) AS may_edit, " \
	"coalesce((SELECT json_agg(json_build_object('id', " \
	"(m->>'id')::integer, 'title', m->>'title', 'title_sv', " \
	"coalesce(m->>'title_sv', ''), 'title_en', " \
	"coalesce(m->>'title_en', ''), 'target', " \
	"to_char((m->>'target')::date, 'YYYY-MM'), 'done', m->'done', " \
	"'note', coalesce(m->>'note', ''))) " \
	"FROM jsonb_array_elements(a.milestones) m), '[]') AS milestones, " \
	"to_char(a.updated_at AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated_at " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE a.id = $1 AND a.deleted_at IS NULL"

/* What the path and the token say a call is about. */
struct call {
	struct http_request	*req;
	char			 uid[32];	/* the token's user */
	char			 aid[32];	/* the action */
	char			 mid[16];	/* a milestone, "" none */
	int			 milestones;	/* .../milestones */
	char			 ip[64];
	char			 rev[16];	/* from If-Match */
	json_t			*body;
};

/*
 * The JSON keys of the action form's fields that the API takes and, for
 * a field the form has a person choose, what a client is told instead
 * of the form's message (NULL: the form's).
 */
static const struct {
	const char	*key;
	int		 field;
	int		 nullable;
	const char	*why;
} action_keys[] = {
	{ "status", AF_STATUS, 1, "Not a status's code: /api/v1/statuses "
	    "lists them." },
	{ "status_note", AF_STATUS_NOTE, 0, NULL },
	{ "status_note_sv", AF_STATUS_NOTE_SV, 0, NULL },
	{ "status_note_en", AF_STATUS_NOTE_EN, 0, NULL },
	{ "schedule_kind", AF_SCHEDULE_KIND, 0, "One of none, months, "
	    "continuous and text." },
	{ "schedule_start", AF_START, 1, NULL },
	{ "schedule_end", AF_END, 1, NULL },
	{ "schedule_text", AF_SCHEDULE_TEXT, 0, NULL },
	{ "actual_start", AF_ACTUAL_START, 1, NULL },
	{ "actual_end", AF_ACTUAL_END, 1, NULL },
	{ "reason", AF_REASON, 1, "A status that is not progress needs a "
	    "reason category's id." },
};
#define NACTION_KEYS	(sizeof(action_keys) / sizeof(action_keys[0]))

static const char *const milestone_keys[] = {
	"title", "title_sv", "title_en", "target", "done", "note"
};

static void	api_fail(struct http_request *, int, const char *,
		    const char *, json_t *);
static int	api_auth(struct call *);
static int	api_path(struct call *, const char *);
static int	api_if_match(struct call *);
static int	api_body(struct call *);
static json_t	*state_doc(struct kore_pgsql *);
static int	state_load(struct call *, struct kore_pgsql *);
static int	state_current(struct call *, struct kore_pgsql *);
static void	state_send(struct call *, int);
static int	action_values(struct call *, struct kore_pgsql *, char **);
static int	action_checked(struct call *, struct action_form *);
static void	action_patch(struct call *);
static void	milestone_change(struct call *);
static int	milestone_values(struct call *, char **);
static void	save_refused(struct call *, const char *);
static int	text_ok(const char *, int);

/* An error as JSON: status, message, detail and each field's message. */
static void
api_fail(struct http_request *req, int status, const char *message,
    const char *detail, json_t *fields)
{
	json_t	*doc;
	char	*text;

	doc = json_pack("{s:{s:i, s:s, s:s}}", "error", "status", status,
	    "message", message, "detail", detail ? detail : "");
	if (fields != NULL)
		json_object_set_new(json_object_get(doc, "error"), "fields",
		    fields);
	if (status == 401)
		http_response_header(req, "www-authenticate",
		    "Bearer realm=\"toteuma\", error=\"invalid_token\"");
	text = json_dumps(doc, JSON_COMPACT);
	http_send(req, status, "application/json; charset=utf-8", text,
	    strlen(text));
	free(text);
	json_decref(doc);
}

/*
 * The token of the Authorization header: its user into c->uid, the call
 * audited. -1 after answering 401 (or 503).
 */
static int
api_auth(struct call *c)
{
	struct kore_pgsql	 sql;
	const char		*h, *params[3], *state;
	char			 hex[2 * TOKEN_HASH_LEN + 1], what[160];
	int			 rc = -1;

	if (!http_request_header(c->req, "authorization", &h) ||
	    strncasecmp(h, "Bearer ", 7) != 0 ||
	    token_hash_hex(h + 7, hex, sizeof(hex)) == -1) {
		api_fail(c->req, 401, "Send a token made on /b/account/tokens "
		    "as \"Authorization: Bearer TOKEN\".", "", NULL);
		return -1;
	}
	snprintf(what, sizeof(what), "%s %s", http_method_text(
	    c->req->method), c->req->path);
	params[0] = hex;
	params[1] = c->ip;
	params[2] = what;
	kore_pgsql_init(&sql);
	if (db_write(&sql, "SELECT * FROM api_token_use(decode($1, 'hex'), "
	    "$2, $3)", 3, params) == -1) {
		api_fail(c->req, 503, "Please try again in a moment.", "",
		    NULL);
		goto out;
	}
	state = db_text(&sql, 0, "state");
	if (strcmp(state, "ok") == 0) {
		snprintf(c->uid, sizeof(c->uid), "%s", db_text(&sql, 0,
		    "user_id"));
		rc = 0;
	} else
		api_fail(c->req, 401, strcmp(state, "expired") == 0 ?
		    "The token has expired. Make a new one on "
		    "/b/account/tokens." : strcmp(state, "revoked") == 0 ?
		    "The token has been revoked." : strcmp(state,
		    "disabled") == 0 ? "The token's user account is "
		    "disabled." : "There is no such token.", state, NULL);
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* /actions/ID[/milestones[/MID]] after /api/v1/my: 0, or -1. */
static int
api_path(struct call *c, const char *p)
{
	size_t	n;

	if (strncmp(p, "/actions/", 9) != 0)
		return -1;
	p += 9;
	if ((n = strspn(p, "0123456789")) == 0 || n > 18 || *p == '0')
		return -1;
	snprintf(c->aid, sizeof(c->aid), "%.*s", (int)n, p);
	p += n;
	if (*p == '\0')
		return 0;
	if (strncmp(p, "/milestones", 11) != 0)
		return -1;
	c->milestones = 1;
	p += 11;
	if (*p == '\0')
		return 0;
	if (*p++ != '/' || (n = strspn(p, "0123456789")) == 0 || n > 9 ||
	    p[n] != '\0')
		return -1;
	snprintf(c->mid, sizeof(c->mid), "%s", p);
	return 0;
}

/* The revision If-Match names into c->rev: -1 after answering. */
static int
api_if_match(struct call *c)
{
	const char	*h;
	size_t		 n;

	if (!http_request_header(c->req, "if-match", &h)) {
		api_fail(c->req, 428, "A change must say which revision of "
		    "the action it is based on: send If-Match with the "
		    "action's ETag.", "", NULL);
		return -1;
	}
	if (*h == '"')
		h++;
	n = strspn(h, "0123456789");
	if (n == 0 || n > 9 || (h[n] != '\0' && strcmp(h + n, "\"") != 0)) {
		api_fail(c->req, 400, "If-Match must be the action's ETag, "
		    "such as \"3\".", "", NULL);
		return -1;
	}
	snprintf(c->rev, sizeof(c->rev), "%.*s", (int)n, h);
	return 0;
}

/* The request's JSON object into c->body: -1 after answering. */
static int
api_body(struct call *c)
{
	struct buf	 b;
	json_error_t	 err;
	const char	*ct;
	char		 chunk[8192];
	ssize_t		 n;
	int		 rc = -1;

	buf_init(&b);
	if (!http_request_header(c->req, "content-type", &ct) ||
	    strncasecmp(ct, "application/json", 16) != 0) {
		api_fail(c->req, 415, "Send the change as application/json.",
		    "", NULL);
		goto out;
	}
	while ((n = http_body_read(c->req, chunk, sizeof(chunk))) > 0 &&
	    b.len + (size_t)n <= API_BODY_MAX)
		buf_append(&b, chunk, (size_t)n);
	if (n != 0) {
		api_fail(c->req, 413, "The change is too large.", "", NULL);
		goto out;
	}
	c->body = json_loadb(b.data ? b.data : "", b.len,
	    JSON_REJECT_DUPLICATES, &err);
	if (c->body == NULL || !json_is_object(c->body)) {
		api_fail(c->req, 400, "The body must be one JSON object.",
		    c->body == NULL ? err.text : "", NULL);
		goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* A text the form would take: no control characters but line breaks. */
static int
text_ok(const char *s, int multiline)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && !(multiline && (*s == '\n' ||
		    *s == '\t'))) || *s == 0x7f)
			return 0;
	return 1;
}

/* The action of row 0 as the API shows it. */
static json_t *
state_doc(struct kore_pgsql *row)
{
	const char	*cols[] = { "status_note", "status_note_sv",
	    "status_note_en", "schedule_kind", "schedule_text" };
	const char	*nullable[] = { "status", "start", "end",
	    "actual_start", "actual_end" };
	const char	*names[] = { "status", "schedule_start",
	    "schedule_end", "actual_start", "actual_end" };
	const char	*v;
	json_t		*doc;
	size_t		 i;

	doc = json_object();
	json_object_set_new(doc, "id", json_integer(atoll(db_text(row, 0,
	    "id"))));
	json_object_set_new(doc, "revision", json_integer(atoi(db_text(row,
	    0, "revision"))));
	json_object_set_new(doc, "process", json_string(db_text(row, 0,
	    "slug")));
	json_object_set_new(doc, "body", json_string(db_text(row, 0,
	    "body")));
	for (i = 0; i < sizeof(nullable) / sizeof(nullable[0]); i++) {
		v = db_text(row, 0, nullable[i]);
		json_object_set_new(doc, names[i], *v ? json_string(v) :
		    json_null());
	}
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		json_object_set_new(doc, cols[i], json_string(db_text(row, 0,
		    cols[i])));
	v = db_text(row, 0, "reason");
	json_object_set_new(doc, "reason", *v ? json_integer(atoi(v)) :
	    json_null());
	json_object_set_new(doc, "milestones", json_loads(db_text(row, 0,
	    "milestones"), 0, NULL));
	json_object_set_new(doc, "updated_at", json_string(db_text(row, 0,
	    "updated_at")));
	return doc;
}

/*
 * The action into row, when the token's user may edit it: 0, or -1
 * after answering 404, 403 or 503.
 */
static int
state_load(struct call *c, struct kore_pgsql *row)
{
	const char	*params[2] = { c->aid, c->uid };

	if (db_query(row, STATE_SQL, 2, params) == -1) {
		api_fail(c->req, 503, "Please try again in a moment.", "",
		    NULL);
		return -1;
	}
	if (kore_pgsql_ntuples(row) != 1) {
		api_fail(c->req, 404, "There is no such action. It may have "
		    "been removed.", "", NULL);
		return -1;
	}
	if (!db_true(row, 0, "may_edit")) {
		api_fail(c->req, 403, "This action belongs to another unit. "
		    "The token's user can update the actions of their own "
		    "units only.", "", NULL);
		return -1;
	}
	return 0;
}

/*
 * state_load, when the action is still at the revision the call names:
 * 0, or -1 after answering (412 with the action as it is now).
 */
static int
state_current(struct call *c, struct kore_pgsql *row)
{
	if (state_load(c, row) == -1)
		return -1;
	if (strcmp(c->rev, db_text(row, 0, "revision")) != 0) {
		kore_pgsql_cleanup(row);
		state_send(c, 412);
		return -1;
	}
	return 0;
}

/*
 * The action as it is now, with its ETag, as status; for a 412, as
 * "current" beside the error. STATUS_SAVED after action_save(): 200, or
 * 202 when the revision did not move because the process's review step
 * holds the change until an admin approves it.
 */
#define STATUS_SAVED	-1
static void
state_send(struct call *c, int status)
{
	struct kore_pgsql	 row;
	json_t			*doc;
	char			*text, etag[24];

	kore_pgsql_init(&row);
	if (state_load(c, &row) == 0) {
		if (status == STATUS_SAVED)
			status = strcmp(db_text(&row, 0, "revision"),
			    c->rev) == 0 ? 202 : 200;
		doc = state_doc(&row);
		if (status == 412)
			doc = json_pack("{s:{s:i, s:s, s:s}, s:o}", "error",
			    "status", 412, "message", "The action has changed "
			    "since the revision in If-Match: nothing was "
			    "saved. Read it again (the ETag of this answer), "
			    "and send the change based on it.", "detail", "",
			    "current", doc);
		text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		snprintf(etag, sizeof(etag), "\"%s\"", db_text(&row, 0,
		    "revision"));
		http_response_header(c->req, "etag", etag);
		http_send(c->req, status, "application/json; charset=utf-8",
		    text, strlen(text));
		free(text);
		json_decref(doc);
	}
	kore_pgsql_cleanup(&row);
}

/*
 * The form's values: the stored ones, then the body's (strictly: a key
 * the API does not take, or a value of the wrong type, is refused).
 * -1 after answering 400.
 */
static int
action_values(struct call *c, struct kore_pgsql *row, char **v)
{
	struct param_spec	 specs[AF_COUNT];
	const char		*key;
	json_t			*val;
	char			 detail[200], num[24];
	size_t			 i;
	int			 f;

	/* STATE_SQL names its columns as the form names its fields. */
	form_specs(action_fields, AF_COUNT, specs);
	for (f = 0; f < AF_COUNT; f++)
		v[f] = xstrdup(f < AF_CORRECTION ? db_text(row, 0,
		    action_fields[f].name) : "");
	free(v[AF_REVISION]);
	v[AF_REVISION] = xstrdup(c->rev);
	json_object_foreach(c->body, key, val) {
		for (i = 0; i < NACTION_KEYS; i++)
			if (strcmp(key, action_keys[i].key) == 0)
				break;
		if (i == NACTION_KEYS) {
			snprintf(detail, sizeof(detail), "%s", key);
			api_fail(c->req, 400, "The body has a key the API does "
			    "not take.", detail, NULL);
			return -1;
		}
		f = action_keys[i].field;
		if (json_is_null(val) && action_keys[i].nullable)
			num[0] = '\0';
		else if (f == AF_REASON && json_is_integer(val) &&
		    json_integer_value(val) > 0 &&
		    json_integer_value(val) < 1000000000)
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(val));
		else if (f != AF_REASON && json_is_string(val) &&
		    json_string_length(val) <= specs[f].maxlen &&
		    text_ok(json_string_value(val),
		    specs[f].flags & PARAM_MULTILINE))
			;
		else {
			api_fail(c->req, 400, "A value has the wrong type, is "
			    "too long or has control characters.", key, NULL);
			return -1;
		}
		free(v[f]);
		v[f] = xstrdup(json_is_string(val) ? json_string_value(val) :
		    num);
	}
	return 0;
}

/*
 * The checks of the form, and the status and reason lists: 0, or -1
 * after answering 422 with each field's message.
 */
static int
action_checked(struct call *c, struct action_form *f)
{
	json_t	*fields;
	size_t	 i;
	int	 n = 0;

	action_form_check_status(f, &catalog_get()->statuses);
	fields = json_object();
	for (i = 0; i < NACTION_KEYS; i++)
		if (f->form.err[action_keys[i].field] != NULL) {
			json_object_set_new(fields, action_keys[i].key,
			    json_string(action_keys[i].why != NULL ?
			    action_keys[i].why :
			    f->form.err[action_keys[i].field]));
			n++;
		}
	if (n == 0) {
		json_decref(fields);
		return 0;
	}
	api_fail(c->req, 422, "The change was not saved: see each field's "
	    "message.", "", fields);
	return -1;
}

/*
 * What a refused save answers, by its SQLSTATE: the status, the message
 * and, for a field's mistake, the field and what it is told.
 */
static const struct {
	const char	*code;
	int		 status;
	const char	*message, *field, *why;
} save_refusals[] = {
	{ "42501", 403, "This action belongs to another unit. The token's "
	    "user can update the actions of their own units only.", NULL,
	    NULL },
	{ "P0002", 404, "There is no such action or milestone.", NULL, NULL },
	{ "23503", 422, "The change was not saved: see each field's message.",
	    "reason", "There is no reason category with this id." },
	{ "TM001", 422, "An action has at most 20 milestones.", NULL, NULL },
	{ "TM002", 422, "The change was not saved: see each field's message.",
	    "done", "The day it was done can not be in the future." },
};
#define NSAVE_REFUSALS	(sizeof(save_refusals) / sizeof(save_refusals[0]))

/* A save the database refused with SQLSTATE code, answered. */
static void
save_refused(struct call *c, const char *code)
{
	size_t	i;

	if (strcmp(code, "40001") == 0) {
		/* The action as it is now: its ETag is the one to use. */
		state_send(c, 412);
		return;
	}
	for (i = 0; i < NSAVE_REFUSALS; i++)
		if (strcmp(code, save_refusals[i].code) == 0) {
			api_fail(c->req, save_refusals[i].status,
			    save_refusals[i].message, "",
			    save_refusals[i].field == NULL ? NULL :
			    json_pack("{s:s}", save_refusals[i].field,
			    save_refusals[i].why));
			return;
		}
	api_fail(c->req, 503, "Saving failed. Try again in a moment.", "",
	    NULL);
}

/* PATCH /api/v1/my/actions/ID: answered in every case. */
static void
action_patch(struct call *c)
{
	struct kore_pgsql	 row;
	struct action_form	 f;
	char			*v[AF_COUNT], *docs = NULL, code[8];
	const char		*args[5];
	int			 i;

	memset(&f, 0, sizeof(f));
	memset(v, 0, sizeof(v));
	kore_pgsql_init(&row);
	if (state_current(c, &row) == -1)
		goto out;
	if (action_values(c, &row, v) == -1)
		goto out;
	action_form_check(&f, v);
	if (action_checked(c, &f) == -1)
		goto out;
	docs = action_form_document(&f, db_text(&row, 0, "body"));
	kore_pgsql_cleanup(&row);
	args[0] = c->uid;
	args[1] = c->aid;
	args[2] = c->rev;
	args[3] = docs;
	args[4] = c->ip;
	if (db_change("SELECT action_save($1, $2, $3, $4::jsonb, $5)", 5,
	    args, code, sizeof(code)) == 0)
		state_send(c, STATUS_SAVED);
	else
		save_refused(c, code);
out:
	for (i = 0; i < AF_COUNT; i++)
		free(v[i]);
	free(docs);
	action_form_free(&f);
	kore_pgsql_cleanup(&row);
}

/*
 * The milestone form's values from the body (strictly, as for an
 * action): -1 after answering 400.
 */
static int
milestone_values(struct call *c, char **v)
{
	const char	*key;
	json_t		*val;
	size_t		 i;

	for (i = 0; i < MF_COUNT; i++)
		v[i] = xstrdup("");
	free(v[MF_REVISION]);
	v[MF_REVISION] = xstrdup(c->rev);
	if (c->body == NULL) {
		free(v[MF_REMOVE]);
		v[MF_REMOVE] = xstrdup("1");
		return 0;
	}
	json_object_foreach(c->body, key, val) {
		for (i = 0; i < MF_REVISION; i++)
			if (strcmp(key, milestone_keys[i]) == 0)
				break;
		if (i == MF_REVISION) {
			api_fail(c->req, 400, "The body has a key the API does "
			    "not take.", key, NULL);
			return -1;
		}
		if (json_is_null(val) && i == MF_DONE)
			continue;
		if (!json_is_string(val) || json_string_length(val) >
		    PARAM_BYTES(MILESTONE_NOTE_MAX) ||
		    !text_ok(json_string_value(val), i == MF_NOTE)) {
			api_fail(c->req, 400, "A value has the wrong type, is "
			    "too long or has control characters.", key, NULL);
			return -1;
		}
		free(v[i]);
		v[i] = xstrdup(json_string_value(val));
	}
	return 0;
}

/* POST, PUT or DELETE of a milestone: answered in every case. */
static void
milestone_change(struct call *c)
{
	struct kore_pgsql	 row;
	struct milestone_form	 mf;
	json_t			*fields;
	char			*v[MF_COUNT], *doc = NULL, today[11], code[8];
	const char		*args[6];
	int			 i;

	memset(&mf, 0, sizeof(mf));
	kore_pgsql_init(&row);
	if (state_current(c, &row) == -1)
		goto out;
	kore_pgsql_cleanup(&row);
	if (milestone_values(c, v) == -1) {
		for (i = 0; i < MF_COUNT; i++)
			free(v[i]);
		goto out;
	}
	form_take(&mf.form, milestone_fields, MF_COUNT, v);
	date_day_finland(time(NULL), today);
	if (milestone_form_check(&mf, today) > 0) {
		fields = json_object();
		for (i = 0; i < MF_REVISION; i++)
			if (mf.form.err[i] != NULL)
				json_object_set_new(fields, milestone_keys[i],
				    json_string(mf.form.err[i]));
		api_fail(c->req, 422, "The change was not saved: see each "
		    "field's message.", "", fields);
		goto out;
	}
	doc = milestone_form_document(&mf);
	args[0] = c->uid;
	args[1] = c->aid;
	args[2] = c->rev;
	args[3] = c->mid[0] ? c->mid : NULL;
	args[4] = doc;
	args[5] = c->ip;
	if (db_change("SELECT action_milestone_save($1, $2, $3, $4, "
	    "$5::jsonb, $6)", 6, args, code, sizeof(code)) == 0)
		state_send(c, c->mid[0] ? 200 : 201);
	else
		save_refused(c, code);
out:
	free(doc);
	milestone_form_free(&mf);
	kore_pgsql_cleanup(&row);
}

int
page_api_my(struct http_request *req)
{
	struct call	c;
	int		m = req->method;

	memset(&c, 0, sizeof(c));
	c.req = req;
	client_ip(req, c.ip, sizeof(c.ip));
	if (api_path(&c, req->path + strlen("/api/v1/my")) == -1 ||
	    (c.milestones && c.mid[0] == '\0' && m != HTTP_METHOD_POST) ||
	    (c.mid[0] != '\0' && m != HTTP_METHOD_PUT &&
	    m != HTTP_METHOD_DELETE) || (!c.milestones &&
	    m != HTTP_METHOD_GET && m != HTTP_METHOD_PATCH)) {
		api_fail(req, c.aid[0] ? 405 : 404, "There is no such call "
		    "of the API: see /api/v1/openapi.json.", "", NULL);
		return KORE_RESULT_OK;
	}
	if (api_auth(&c) == -1)
		return KORE_RESULT_OK;
	if (catalog_refresh() == -1) {
		api_fail(req, 503, "Please try again in a moment.", "", NULL);
		return KORE_RESULT_OK;
	}
	if (m == HTTP_METHOD_GET)
		state_send(&c, 200);
	else if (api_if_match(&c) == 0 && (m == HTTP_METHOD_DELETE ||
	    api_body(&c) == 0)) {
		if (c.milestones)
			milestone_change(&c);
		else
			action_patch(&c);
	}
	json_decref(c.body);
	return KORE_RESULT_OK;
}
