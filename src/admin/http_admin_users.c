/*
 * The participation team's pages for people and units: staff accounts
 * (role, units, disabled, a new password) and the unit tree. Only admins
 * reach them; user_save() and unit_save() check the role again.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "unit_form.h"
#include "user_form.h"
#include "admin.h"
#include "backend.h"
#include "fields.h"
#include "db.h"
#include "search.h"
#include "tmpl.h"

int	page_admin_users(struct http_request *);
int	page_admin_user(struct http_request *);
int	page_admin_units(struct http_request *);
int	page_admin_user_invite(struct http_request *);
int	page_admin_user_totp_reset(struct http_request *);
int	page_admin_unit(struct http_request *);

#define MAX_UNITS	256

static int	form_units(const char *, char **, size_t);
static void	user_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);
static void	unit_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);
static void	lang_options(struct tmpl_vars *, enum lang);

/* The values of every "unit" checkbox of a form, digits only. */
static int
form_units(const char *body, char **ids, size_t max)
{
	char	*names[64], *values[64];
	size_t	 n, i, k = 0;

	n = params_list(body, names, values, 64);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "unit") == 0 && k < max &&
		    param_is_digits(values[i])) {
			ids[k++] = values[i];
			values[i] = NULL;
		}
		free(names[i]);
		free(values[i]);
	}
	return (int)k;
}

/*
 * A list of the units in tree order, each through the template block:
 * ticked when its id is one of checked, chosen when it is selected, left
 * out when it is self (NULL: none).
 */
struct unit_list {
	const char	*block;
	char		**checked;
	size_t		 nchecked;
	const char	*self;
	const char	*selected;
};

/* The list l into out: 0, or -1 when the database did not answer. */
static int
unit_rows(struct html *out, enum lang lang, const struct unit_list *l)
{
	struct kore_pgsql	units;
	struct tmpl_vars	tv;
	const char		*id;
	size_t			k;
	int			i, on, rc = -1;

	tv_init(&tv);
	if (db_query(&units, UNITS_SQL, 0, NULL) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&units); i++) {
		id = db_text(&units, i, "id");
		if (l->self != NULL && strcmp(l->self, id) == 0)
			continue;
		for (on = 0, k = 0; k < l->nchecked; k++)
			if (strcmp(l->checked[k], id) == 0)
				on = 1;
		tv_reset(&tv);
		db_vars(&tv, &units, i, "id", "name", (char *)NULL);
		tv_text(&tv, "indent", db_text(&units, i, "depth"));
		tv_text(&tv, "checked", on ? "1" : "");
		tv_text(&tv, "content_lang", lang_attr(lang, 1));
		tv_text(&tv, "value", id);
		tv_text(&tv, "label", db_text(&units, i, "name"));
		tv_text(&tv, "selected", strcmp(l->selected, id) == 0 ? "1" :
		    "");
		tmpl_render(out, tpl(l->block), &tv, lang);
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&units);
	tv_free(&tv);
	return rc;
}

int
unit_checkboxes(struct html *out, enum lang lang, char **checked,
    size_t nchecked)
{
	const struct unit_list	l = { "admin_user.unit", checked, nchecked,
	    NULL, "" };

	return unit_rows(out, lang, &l);
}

/* The list l into tv's variable var: 0, or -1 after a 503. */
static int
unit_list_var(struct http_request *req, struct backend *b,
    struct tmpl_vars *tv, const char *var, const struct unit_list *l)
{
	struct html	rows;
	int		rc;

	html_init(&rows);
	if ((rc = unit_rows(&rows, b->pg.lang, l)) == -1)
		backend_unavailable(req, b);
	else
		tv_html(tv, var, &rows);
	html_free(&rows);
	return rc;
}

/* A row of the users' list. */
static void
user_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i, enum lang lang)
{
	db_vars(rv, sql, i, "email", "name", "units", "last_login",
	    (char *)NULL);
	tv_text(rv, "role", T(lang, strcmp(db_text(sql, i, "role"),
	    "admin") == 0 ? N_("Administrator") : N_("Unit editor")));
	tv_text(rv, "state", T(lang, db_true(sql, i, "disabled") ?
	    N_("Disabled") : N_("Active")));
}

int
page_admin_users(struct http_request *req)
{
	static const struct admin_list	list = {
		"SELECT u.id, u.email, u.name, u.role, u.disabled, "
		"coalesce(string_agg(un.name, '; ' ORDER BY un.name), '') AS "
		"units, (SELECT max(at)::date FROM "
		"login_attempt la WHERE la.email = u.email AND la.success) "
		"AS last_login "
		"FROM app_user u LEFT JOIN user_unit uu ON uu.user_id = u.id "
		"LEFT JOIN unit un ON un.id = uu.unit_id GROUP BY u.id "
		"ORDER BY u.disabled, u.email",
		"/b/users/", user_row, N_("Users"), "/b/users", "admin_users",
		0
	};

	return admin_list_page(req, &list);
}

/*
 * /b/users/ID and /b/users/new: a staff account. GET shows the form;
 * POST saves it with user_save() or shows it again with the message
 * (422).
 */
struct user_page {
	struct backend_page	 p;
	struct user_form	 f;		/* what was sent */
	const char		*email;		/* what the form shows */
	const char		*name;
	const char		*role;
	const char		*totp;		/* "on", "pending", "off" */
	int			 disabled;
	char			*checked[MAX_UNITS];	/* owned */
	size_t			 nchecked;
	enum lang		 mail_lang;	/* of the account's mail */
};

static int	user_save_form(struct http_request *, struct user_page *,
		    struct user_form *);
static void
user_free(void *arg)
{
	struct user_page	*up = arg;
	size_t			 k;

	for (k = 0; k < up->nchecked; k++)
		free(up->checked[k]);
	user_form_free(&up->f);
}

/* The stored user into up (borrowed from up->p.row); -1 after 404 or 503. */
static int
user_load(struct http_request *req, void *arg)
{
	struct user_page	*up = arg;
	struct kore_pgsql	*sql = &up->p.row;
	char			*list, *p, *save_p = NULL;

	backend_page_id(req, &up->p, "/b/users/");
	up->email = up->name = "";
	up->role = "editor";
	up->totp = "off";
	up->mail_lang = up->p.b.pg.lang;
	if (up->p.id == 0)
		return 0;
	if (backend_query_one(req, &up->p.b, sql, "SELECT u.email, u.name, "
	    "u.role, u.disabled, u.lang, coalesce(array_to_string(ARRAY(SELECT "
	    "unit_id FROM user_unit WHERE user_id = u.id), ','), '') AS units, "
	    "(totp_status(u.id)).status AS totp FROM app_user u "
	    "WHERE u.id = $1", up->p.tid,
	    N_("There is no such user.")) == -1)
		return -1;
	up->email = db_text(sql, 0, "email");
	up->name = db_text(sql, 0, "name");
	up->role = db_text(sql, 0, "role");
	up->disabled = db_true(sql, 0, "disabled");
	up->totp = db_text(sql, 0, "totp");
	lang_from_code(db_text(sql, 0, "lang"), 2, &up->mail_lang);
	list = xstrdup(db_text(sql, 0, "units"));
	for (p = strtok_r(list, ",", &save_p); p != NULL &&
	    up->nchecked < MAX_UNITS; p = strtok_r(NULL, ",", &save_p))
		up->checked[up->nchecked++] = xstrdup(p);
	free(list);
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
user_post(struct http_request *req, void *arg)
{
	struct user_page	*up = arg;
	struct user_form	*f = &up->f;
	size_t			 k;

	if (backend_page_read(req, &up->p, &f->form, user_fields,
	    UF_COUNT) == -1)
		return -1;
	for (k = 0; k < up->nchecked; k++)
		free(up->checked[k]);
	up->nchecked = (size_t)form_units(buf_cstr(&up->p.b.body), up->checked,
	    MAX_UNITS);
	user_form_check(f, up->p.id == 0, up->nchecked);
	if (up->p.id == 0)
		up->email = f->form.v[UF_EMAIL];
	up->name = f->form.v[UF_NAME];
	up->role = f->form.v[UF_ROLE];
	up->disabled = f->disabled;
	if (f->mail_lang != NULL)
		lang_from_code(f->mail_lang, 2, &up->mail_lang);
	if ((up->p.error = f->error) != NULL)
		return 0;
	return user_save_form(req, up, f);
}

/* user_save() with a checked form; as user_post(). */
static int
user_save_form(struct http_request *req, struct user_page *up,
    struct user_form *f)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23505", N_("There is already a user with "
		    "this e-mail address.")),
		BACKEND_AGAIN("P0001", N_("You can not disable your own "
		    "account or take away your own administrator role.")),
		BACKEND_ADMIN_END
	};
	char		 hash[AUTH_HASH_LEN];
	char		 token[AUTH_TOKEN_LEN + 1], th[AUTH_TOKEN_HASH_LEN + 1];
	const char	*pw = f->form.v[UF_PASSWORD];
	json_t		*doc, *ids;
	size_t		 k;

	/* An invited user's password is one nobody knows until then. */
	auth_token_new(token);
	if (auth_password_hash(pw[0] != '\0' ? pw : token, hash) == -1) {
		up->p.error = N_("Please try again in a moment.");
		up->p.status = 503;
		return 0;
	}
	auth_token_new(token);
	auth_token_hash(token, th);
	ids = json_array();
	for (k = 0; k < up->nchecked; k++)
		json_array_append_new(ids, json_integer(
		    strtoll(up->checked[k], NULL, 10)));
	doc = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "email",
	    up->email, "name", up->name, "role", up->role, "disabled",
	    up->disabled, "units", ids, "password_hash", pw[0] || f->invite ?
	    json_string(hash) : json_null(), "lang", f->mail_lang != NULL ?
	    json_string(f->mail_lang) : json_null());
	if (f->invite)
		json_object_set_new(doc, "invite", json_pack("{s:s, s:s, s:s}",
		    "hash", th, "token", token, "lang", f->mail_lang != NULL ?
		    f->mail_lang : "fi"));
	sodium_memzero(hash, sizeof(hash));
	sodium_memzero(token, sizeof(token));
	return admin_save_doc(req, &up->p, "SELECT user_save($1, $2, "
	    "$3::jsonb, $4)", doc, "/b/users", codes);
}

static int
user_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	email[] = {
		{ .field = UF_EMAIL, .label = N_("E-mail address"),
		    .type = "email", .required = 1, .autocomplete = "off" },
	};
	static const struct field_view	name[] = {
		{ .field = UF_NAME, .label = N_("Name"),
		    .autocomplete = "off" },
	};
	/* A new user's, or a new one for a user; never shown again. */
	static const struct field_view	password[2] = {
		{ .field = UF_PASSWORD, .label = N_("Password (leave empty to "
		    "send an invitation)"), .hint = N_("Without a password, "
		    "the person gets an invitation by e-mail and chooses a "
		    "password through a link that works once, for 72 hours. "
		    "A password given here must have at least 12 characters; "
		    "give it to the person in a safe way."),
		    .type = "password", .autocomplete = "new-password",
		    .chars = AUTH_PASSWORD_MAX },
		{ .field = UF_PASSWORD, .label = N_("New password (leave "
		    "empty to keep the current one)"), .hint = N_("At least 12 "
		    "characters. Give it to the person in a safe way; they can "
		    "change it after signing in."), .type = "password",
		    .autocomplete = "new-password",
		    .chars = AUTH_PASSWORD_MAX },
	};
	struct user_page		*up = arg;
	struct backend			*b = &up->p.b;
	const struct unit_list		 units = { "admin_user.unit",
	    up->checked, up->nchecked, NULL, "" };
	const char			*cur[UF_COUNT] = { NULL };
	const struct form		*f = form_sent(&up->f.form);

	if (unit_list_var(req, b, tv, "units", &units) == -1)
		return -1;
	cur[UF_EMAIL] = up->email;
	cur[UF_NAME] = up->name;
	tv_text(tv, "email", up->email);
	fields_html(tv, "email_field", user_fields, FIELD_VIEWS(email), cur,
	    f, b->pg.lang);
	fields_html(tv, "name_field", user_fields, FIELD_VIEWS(name), cur, f,
	    b->pg.lang);
	fields_html(tv, "password_field", user_fields,
	    &password[up->p.id != 0], 1, cur, f, b->pg.lang);
	tv_text(tv, "role_admin", strcmp(up->role, "admin") == 0 ? "1" : "");
	tv_text(tv, "role_editor", strcmp(up->role, "admin") != 0 ? "1" : "");
	tv_text(tv, "disabled", up->disabled ? "1" : "");
	lang_options(tv, up->mail_lang);
	tv_text(tv, "invited", up->p.id != 0 && (b->notices & BACKEND_SAVED) ?
	    "1" : "");
	tv_text(tv, "totp_on", strcmp(up->totp, "on") == 0 ? "1" : "");
	tv_text(tv, "totp_pending", strcmp(up->totp, "pending") == 0 ? "1" :
	    "");
	tv_text(tv, "totp_reset", up->p.id != 0 &&
	    (b->notices & BACKEND_REMOVED) ? "1" : "");
	backend_page_title(&up->p, N_("Add a user"), N_("Edit user"));
	return 0;
}

/* A user's page, whose state owns the units ticked and a password. */
int
page_admin_user(struct http_request *req)
{
	static const struct backend_form_page	page = {
		BACKEND_NEED_ADMIN, sizeof(struct user_page), "admin_user",
		user_load, user_post, user_render, user_free
	};

	return backend_form_page(req, &page);
}

/* A row of the unit tree. */
static void
unit_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i, enum lang lang)
{
	tv_text(rv, "name", db_text(sql, i, "name"));
	tv_text(rv, "indent", db_text(sql, i, "depth"));
}

int
page_admin_units(struct http_request *req)
{
	static const struct admin_list	list = {
		UNITS_SQL, "/b/units/", unit_row, N_("Units"), "/b/units",
		"admin_units", BACKEND_SAVED
	};

	return admin_list_page(req, &list);
}

/*
 * /b/units/ID and /b/units/new: a unit's name and the unit above it.
 * GET shows the form; POST saves it with unit_save() or shows it again
 * with the message (422).
 */
struct unit_page {
	struct backend_page	 p;
	struct unit_form	 f;		/* what was sent */
	const char		*cur[NF_COUNT];	/* what the form shows */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_unit, BACKEND_NEED_ADMIN, unit_page,
    "admin_unit", unit_load, unit_post, unit_render);

static void	unit_lexemes(struct buf *, const char *);

/* The stored unit into np (borrowed from np->p.row); -1 after 404 or 503. */
static int
unit_load(struct http_request *req, void *arg)
{
	static const struct backend_record	unit = { "/b/units/",
	    "SELECT name, name_sv, name_en, coalesce(parent_id::text, '') "
	    "AS parent FROM unit WHERE id = $1", N_("There is no such unit."),
	    unit_fields, NF_CSRF, NF_COUNT };
	struct unit_page			*np = arg;

	return backend_page_load(req, &np->p, &unit, np->cur);
}

/* The search terms of name as an SQL array literal into arr. */
static void
unit_lexemes(struct buf *arr, const char *name)
{
	struct strset	 terms = { NULL, 0, 0 };
	const char	*t;
	size_t		 k;

	search_terms(name, &terms);
	strset_finish(&terms);
	buf_putc(arr, '{');
	for (k = 0; k < terms.count; k++) {
		buf_puts(arr, k ? ",\"" : "\"");
		for (t = terms.items[k]; *t != '\0'; t++) {
			if (*t == '"' || *t == '\\')
				buf_putc(arr, '\\');
			buf_putc(arr, *t);
		}
		buf_putc(arr, '"');
	}
	buf_putc(arr, '}');
	strset_free(&terms);
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
unit_post(struct http_request *req, void *arg)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23505", N_("There is already a unit with "
		    "this name.")),
		BACKEND_AGAIN("P0001", N_("A unit can not be placed under "
		    "itself or under a unit below it.")),
		BACKEND_AGAIN("23503", N_("Choose a unit from the list.")),
		BACKEND_AGAIN("23514", N_("A unit's name can not contain "
		    "';' (it separates units in the published table) and "
		    "has at most 200 characters.")),
		BACKEND_END
	};
	struct unit_page	*np = arg;
	struct unit_form	*f = &np->f;
	struct buf		 arr;
	char			 code[8];
	const char		*args[6];
	int			 rc;

	if (backend_page_read(req, &np->p, &f->form, unit_fields,
	    NF_COUNT) == -1)
		return -1;
	unit_form_check(f);
	np->cur[NF_NAME] = f->name;
	np->cur[NF_NAME_SV] = f->name_sv;
	np->cur[NF_NAME_EN] = f->name_en;
	np->cur[NF_PARENT] = f->form.v[NF_PARENT];
	if ((np->p.error = f->error) != NULL)
		return 0;
	buf_init(&arr);
	unit_lexemes(&arr, np->cur[NF_NAME]);
	args[0] = np->p.id ? np->p.tid : NULL;
	args[1] = np->cur[NF_NAME];
	args[2] = np->cur[NF_NAME_SV];
	args[3] = np->cur[NF_NAME_EN];
	args[4] = *np->cur[NF_PARENT] ? np->cur[NF_PARENT] : NULL;
	args[5] = buf_cstr(&arr);
	rc = backend_change(req, &np->p.b, NULL, "SELECT unit_save($1, $2, $3, "
	    "$4, $5, $6, $7::text[], $8)", 6, args, code, sizeof(code));
	buf_free(&arr);
	if (rc == 0) {
		backend_redirect_with(req, &np->p.b, "saved=1", "/b/units");
		return -1;
	}
	return backend_page_unsaved(&np->p, code, codes);
}

static int
unit_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	name[] = {
		{ .field = NF_NAME, .label = N_("Name"), .required = 1,
		    .chars = UNIT_NAME_MAX },
	};
	static const struct field_view	translations[] = {
		{ .field = NF_NAME_SV, .label = N_("Name in Swedish"),
		    .lang = "sv", .chars = UNIT_NAME_MAX },
		{ .field = NF_NAME_EN, .label = N_("Name in English"),
		    .lang = "en", .chars = UNIT_NAME_MAX },
	};
	struct unit_page		*np = arg;
	/* Parent choices for a unit: every unit but itself. */
	const struct unit_list		 parents = { "fragments.option",
	    NULL, 0, np->p.tid, np->cur[NF_PARENT] };

	if (unit_list_var(req, &np->p.b, tv, "parents", &parents) == -1)
		return -1;
	fields_html(tv, "name_field", unit_fields, FIELD_VIEWS(name), np->cur,
	    form_sent(&np->f.form), np->p.b.pg.lang);
	fields_html(tv, "translation_fields", unit_fields,
	    FIELD_VIEWS(translations), np->cur, form_sent(&np->f.form),
	    np->p.b.pg.lang);
	tv_text(tv, "no_parent", *np->cur[NF_PARENT] == '\0' ? "1" : "");
	backend_page_title(&np->p, N_("Add a unit"), N_("Edit unit"));
	return 0;
}

/* The languages of an invitation, the page's chosen: "lang_options". */
static void
lang_options(struct tmpl_vars *tv, enum lang lang)
{
	static const char *const names[LANG_COUNT] = { "suomi", "svenska",
	    "English" };
	struct html	out;
	int		l;

	html_init(&out);
	for (l = 0; l < LANG_COUNT; l++)
		backend_option(&out, lang_codes[l], names[l], l == (int)lang,
		    lang);
	tv_html(tv, "lang_options", &out);
	html_free(&out);
}

/* A change of a user that may have been removed meanwhile. */
static const struct backend_refusal	no_user[] = {
	{ "P0002", 404, N_("There is no such user."), BACKEND_ERROR_PAGE },
	BACKEND_AS_ADMIN
};

enum { UI_CSRF, UI_LANG, UI_COUNT };
static const struct param_spec invite_form[UI_COUNT] = {
	PARAM_CSRF,
	{ "mail_lang", 2, NULL, 0 },
};

BACKEND_BUTTON_DEFINE(page_admin_user_invite, BACKEND_NEED_ADMIN,
    invite_form, UI_COUNT, invite_post);

/*
 * /b/users/ID/invite: a new invitation (user_invite(), which uses up
 * the user's earlier links), then back to the user's page.
 */
static void
invite_post(struct http_request *req, struct backend *b, char **v)
{
	char		 id[24];
	char		 token[AUTH_TOKEN_LEN + 1], th[AUTH_TOKEN_HASH_LEN + 1];
	const char	*args[4];
	enum lang	 l = LANG_FI;

	lang_from_code(v[UI_LANG], strlen(v[UI_LANG]), &l);
	backend_path_id(req->path, "/b/users/", id, sizeof(id));
	auth_token_new(token);
	auth_token_hash(token, th);
	args[0] = id;
	args[1] = th;
	args[2] = token;
	args[3] = lang_codes[l];
	(void)backend_change_answer(req, b, "SELECT user_invite($1, $2, $3, "
	    "$4, $5, $6)", 4, args, no_user, "saved=1", "/b/users/%s", id);
	sodium_memzero(token, sizeof(token));
}

enum { UT_CSRF, UT_COUNT };
static const struct param_spec totp_reset_form[UT_COUNT] = {
	PARAM_CSRF,
};

BACKEND_BUTTON_DEFINE(page_admin_user_totp_reset, BACKEND_NEED_ADMIN,
    totp_reset_form, UT_COUNT, totp_reset_post);

/*
 * /b/users/ID/totp-reset: takes away the user's second factor (a lost
 * phone) with totp_reset(), in the audit log; then back to the user's
 * page. An admin without it is asked to set it up at the next sign-in
 * with a password.
 */
static void
totp_reset_post(struct http_request *req, struct backend *b, char **v)
{
	char		 id[24];
	const char	*args[1] = { id };

	backend_path_id(req->path, "/b/users/", id, sizeof(id));
	(void)backend_change_answer(req, b, "SELECT totp_reset($1, $2, $3)",
	    1, args, no_user, "removed=1", "/b/users/%s", id);
}
