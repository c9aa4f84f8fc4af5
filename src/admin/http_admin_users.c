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
#include "admin.h"
#include "backend.h"
#include "db.h"
#include "search.h"
#include "tmpl.h"

int	page_admin_users(struct http_request *);
int	page_admin_user(struct http_request *);
int	page_admin_units(struct http_request *);
int	page_admin_unit(struct http_request *);

#define MAX_UNITS	256

static int	form_units(const char *, char **, size_t);
static void	unit_options(struct html *, struct kore_pgsql *, enum lang,
		    const char *, const char *);
static int	valid_email(const char *);

static int
valid_email(const char *s)
{
	const char	*at = strchr(s, '@');
	size_t		 i;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(s) > 254)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || (s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
	return 1;
}

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

/* units: id, name, depth; checked: the ids to tick. */
void
unit_checkboxes(struct html *out, struct kore_pgsql *units, enum lang lang,
    char **checked, size_t nchecked)
{
	struct tmpl_vars	tv;
	size_t			k;
	int			i, on;

	tv_init(&tv);
	for (i = 0; i < kore_pgsql_ntuples(units); i++) {
		for (on = 0, k = 0; k < nchecked; k++)
			if (strcmp(checked[k], db_text(units, i, "id")) == 0)
				on = 1;
		tv_reset(&tv);
		db_vars(&tv, units, i, "id", "name", NULL);
		tv_text(&tv, "indent", db_text(units, i, "depth"));
		tv_text(&tv, "checked", on ? "1" : "");
		tv_text(&tv, "content_lang", lang == LANG_FI ? "" : "fi");
		tmpl_render(out, tpl("admin_user.unit"), &tv, lang);
	}
	tv_free(&tv);
}

/* Parent choices for a unit: every unit but itself. */
static void
unit_options(struct html *out, struct kore_pgsql *units, enum lang lang,
    const char *self, const char *selected)
{
	struct tmpl_vars	tv;
	int			i;

	tv_init(&tv);
	for (i = 0; i < kore_pgsql_ntuples(units); i++) {
		if (strcmp(self, db_text(units, i, "id")) == 0)
			continue;
		tv_reset(&tv);
		tv_text(&tv, "value", db_text(units, i, "id"));
		tv_text(&tv, "label", db_text(units, i, "name"));
		tv_text(&tv, "selected", strcmp(selected,
		    db_text(units, i, "id")) == 0 ? "1" : "");
		tmpl_render(out, tpl("backend_action.option"), &tv, lang);
	}
	tv_free(&tv);
}

int
page_admin_users(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv, rv;
	struct html		 rows;
	int			 i;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (db_query(&sql, "SELECT u.id, u.email, u.name, u.role, u.disabled, "
	    "coalesce(string_agg(un.name, '; ' ORDER BY un.name), '') AS "
	    "units, coalesce((SELECT to_char(max(at), 'YYYY-MM-DD') FROM "
	    "login_attempt la WHERE la.email = u.email AND la.success), '') "
	    "AS last_login "
	    "FROM app_user u LEFT JOIN user_unit uu ON uu.user_id = u.id "
	    "LEFT JOIN unit un ON un.id = uu.unit_id GROUP BY u.id "
	    "ORDER BY u.disabled, u.email", 0, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "/b/users/%s%s", db_text(&sql, i, "id"),
		    lang_query(b.pg.lang));
		db_vars(&rv, &sql, i, "email", "name", "units", "last_login",
		    NULL);
		tv_text(&rv, "role", T(b.pg.lang, strcmp(db_text(&sql, i,
		    "role"), "admin") == 0 ? N_("Administrator") :
		    N_("Unit editor")));
		tv_text(&rv, "state", T(b.pg.lang, db_true(&sql, i,
		    "disabled") ? N_("Disabled") : N_("Active")));
		tv_text(&rv, "content_lang", b.pg.lang == LANG_FI ? "" : "fi");
		tmpl_render(&rows, tpl("admin_users.row"), &rv, b.pg.lang);
	}
	tv_html(&tv, "rows", &rows);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang, "Users"));
	buf_reset(&b.pg.path);
	buf_puts(&b.pg.path, "/b/users");
	tmpl_render(&b.pg.content, tpl("admin_users"), &tv, b.pg.lang);
	backend_send(req, &b.pg, 200);
out:
	backend_end(&b);
done:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
	return KORE_RESULT_OK;
}

enum { UF_EMAIL, UF_NAME, UF_ROLE, UF_DISABLED, UF_PASSWORD, UF_CSRF,
    UF_COUNT };
static const struct param_spec user_params[UF_COUNT] = {
	{ "email", 254, NULL, 0 },
	{ "name", 800, NULL, 0 },
	{ "role", 16, NULL, 0 },
	{ "disabled", 1, NULL, 0 },
	{ "password", AUTH_PASSWORD_MAX + 1, NULL, 0 },
	{ "csrf", 64, NULL, 0 },
};

int
page_admin_user(struct http_request *req)
{
	struct kore_pgsql	 sql, units, save;
	struct backend		 b;
	struct tmpl_vars	 tv;
	struct html		 boxes;
	char			*v[UF_COUNT], *checked[MAX_UNITS];
	char			 tid[32], uid[32], ip[64], code[8];
	char			 hash[AUTH_HASH_LEN];
	const char		*error = NULL, *params[4];
	const char		*email = "", *name = "", *role = "editor";
	int			 disabled = 0, status = 200, i;
	size_t			 nchecked = 0, k;
	long long		 id;
	json_t			*doc, *ids;
	char			*docs = NULL;

	memset(v, 0, sizeof(v));
	kore_pgsql_init(&sql);
	kore_pgsql_init(&units);
	kore_pgsql_init(&save);
	tv_init(&tv);
	html_init(&boxes);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	id = backend_path_id(req->path, "/b/users/");
	snprintf(tid, sizeof(tid), "%lld", id);
	params[0] = tid;
	if (id != 0) {
		if (db_query(&sql, "SELECT u.email, u.name, u.role, "
		    "u.disabled, coalesce(array_to_string(ARRAY(SELECT "
		    "unit_id FROM user_unit WHERE user_id = u.id), ','), '') "
		    "FROM app_user u WHERE u.id = $1", 1, params) == -1) {
			backend_unavailable(req, &b);
			goto out;
		}
		if (kore_pgsql_ntuples(&sql) != 1) {
			render_error(&b.pg, 404, N_("There is no such user."),
			    "");
			backend_send(req, &b.pg, 404);
			goto out;
		}
		email = kore_pgsql_getvalue(&sql, 0, 0);
		name = kore_pgsql_getvalue(&sql, 0, 1);
		role = kore_pgsql_getvalue(&sql, 0, 2);
		disabled = kore_pgsql_getvalue(&sql, 0, 3)[0] == 't';
		{
			char	*list, *p, *save_p = NULL;

			list = xstrdup(kore_pgsql_getvalue(&sql, 0, 4));
			for (p = strtok_r(list, ",", &save_p); p != NULL &&
			    nchecked < MAX_UNITS; p = strtok_r(NULL, ",",
			    &save_p))
				checked[nchecked++] = xstrdup(p);
			free(list);
		}
	}
	if (req->method == HTTP_METHOD_POST) {
		if (backend_form(req, &b, user_params, UF_COUNT, v) ==
		    -1)
			goto out;
		for (k = 0; k < nchecked; k++)
			free(checked[k]);
		nchecked = (size_t)form_units(buf_cstr(&b.body), checked,
		    MAX_UNITS);
		for (i = 0; v[UF_EMAIL][i] != '\0'; i++)
			if (v[UF_EMAIL][i] >= 'A' && v[UF_EMAIL][i] <= 'Z')
				v[UF_EMAIL][i] += 'a' - 'A';
		if (id == 0)
			email = v[UF_EMAIL];
		name = v[UF_NAME];
		role = v[UF_ROLE];
		disabled = v[UF_DISABLED][0] == '1';
		status = 422;
		if (id == 0 && !valid_email(email))
			error = N_("Give an e-mail address, such as "
			    "name@example.org.");
		else if (strcmp(role, "admin") != 0 &&
		    strcmp(role, "editor") != 0)
			error = N_("Choose a role.");
		else if (strcmp(role, "editor") == 0 && nchecked == 0)
			error = N_("A unit editor needs at least one unit.");
		else if ((id == 0 || v[UF_PASSWORD][0] != '\0') &&
		    (error = auth_password_problem(v[UF_PASSWORD])) != NULL)
			;
		else if (strlen(name) > 200)
			error = N_("The name is too long: at most 200 "
			    "characters.");
		if (error != NULL)
			goto form;
		if (v[UF_PASSWORD][0] != '\0' &&
		    auth_password_hash(v[UF_PASSWORD], hash) == -1) {
			error = N_("Please try again in a moment.");
			status = 503;
			goto form;
		}
		ids = json_array();
		for (k = 0; k < nchecked; k++)
			json_array_append_new(ids, json_integer(
			    strtoll(checked[k], NULL, 10)));
		doc = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o}", "email",
		    email, "name", name, "role", role, "disabled", disabled,
		    "units", ids, "password_hash", v[UF_PASSWORD][0] ?
		    json_string(hash) : json_null());
		docs = json_dumps(doc, JSON_COMPACT);
		json_decref(doc);
		sodium_memzero(hash, sizeof(hash));
		snprintf(uid, sizeof(uid), "%lld", b.st.id);
		client_ip(req, ip, sizeof(ip));
		params[0] = uid;
		params[1] = id ? tid : NULL;
		params[2] = docs;
		params[3] = ip;
		/* The form's values may point into sql's result: keep it. */
		if (db_change("SELECT user_save($1, $2, $3::jsonb, $4)", 4,
		    params, code, sizeof(code)) == 0) {
			backend_redirect_with(req, &b, "saved=1", "/b/users");
			goto out;
		}
		if (strcmp(code, "23505") == 0)
			error = N_("There is already a user with this e-mail "
			    "address.");
		else if (strcmp(code, "P0001") == 0)
			error = N_("You can not disable your own account or "
			    "take away your own administrator role.");
		else if (strcmp(code, "42501") == 0) {
			backend_refused(req, &b, 403, N_("This page is for the "
			    "participation team's administrators."));
			goto out;
		} else {
			error = N_("Saving failed. Try again in a moment; your "
			    "text is still in the form.");
			status = 503;
		}
	}
form:
	if (db_query(&units, UNITS_SQL, 0, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	unit_checkboxes(&boxes, &units, b.pg.lang, checked, nchecked);
	tv_text(&tv, "error", error ? T(b.pg.lang, error) : "");
	tv_text(&tv, "new", id == 0 ? "1" : "");
	tv_text(&tv, "id", id == 0 ? "new" : tid);
	tv_text(&tv, "email", email);
	tv_text(&tv, "name", name);
	tv_text(&tv, "role_admin", strcmp(role, "admin") == 0 ? "1" : "");
	tv_text(&tv, "role_editor", strcmp(role, "admin") != 0 ? "1" : "");
	tv_text(&tv, "disabled", disabled ? "1" : "");
	tv_html(&tv, "units", &boxes);
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang,
	    id == 0 ? N_("Add a user") : N_("Edit user")));
	tv_text(&tv, "heading", b.pg.title);
	buf_reset(&b.pg.path);
	buf_printf(&b.pg.path, "/b/users/%s", id == 0 ? "new" : tid);
	tmpl_render(&b.pg.content, tpl("admin_user"), &tv, b.pg.lang);
	backend_send(req, &b.pg, error ? status : 200);
out:
	backend_end(&b);
done:
	for (k = 0; k < nchecked; k++)
		free(checked[k]);
	for (i = 0; i < UF_COUNT; i++)
		if (v[i] != NULL && i == UF_PASSWORD)
			sodium_memzero(v[i], strlen(v[i]));
	params_free(v, UF_COUNT);
	free(docs);
	kore_pgsql_cleanup(&sql);
	kore_pgsql_cleanup(&units);
	kore_pgsql_cleanup(&save);
	tv_free(&tv);
	html_free(&boxes);
	return KORE_RESULT_OK;
}

int
page_admin_units(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv, rv;
	struct html		 rows;
	int			 i;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (db_query(&sql, UNITS_SQL, 0, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "/b/units/%s%s", db_text(&sql, i, "id"),
		    lang_query(b.pg.lang));
		tv_text(&rv, "name", db_text(&sql, i, "name"));
		tv_text(&rv, "indent", db_text(&sql, i, "depth"));
		tv_text(&rv, "content_lang", b.pg.lang == LANG_FI ? "" : "fi");
		tmpl_render(&rows, tpl("admin_units.row"), &rv, b.pg.lang);
	}
	tv_html(&tv, "rows", &rows);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	tv_text(&tv, "saved", (b.notices & BACKEND_SAVED) ? "1" : "");
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang,
	    "Units"));
	buf_reset(&b.pg.path);
	buf_puts(&b.pg.path, "/b/units");
	tmpl_render(&b.pg.content, tpl("admin_units"), &tv, b.pg.lang);
	backend_send(req, &b.pg, 200);
out:
	backend_end(&b);
done:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
	return KORE_RESULT_OK;
}

enum { NF_NAME, NF_PARENT, NF_CSRF, NF_COUNT };
static const struct param_spec unit_params[NF_COUNT] = {
	{ "name", 800, NULL, 0 },
	{ "parent", 18, NULL, 0 },
	{ "csrf", 64, NULL, 0 },
};

int
page_admin_unit(struct http_request *req)
{
	struct kore_pgsql	 sql, units, save;
	struct backend		 b;
	struct tmpl_vars	 tv;
	struct html		 options;
	struct strset		 terms = { NULL, 0, 0 };
	struct buf		 arr;
	char			*v[NF_COUNT], tid[32], uid[32], ip[64];
	char			 code[8];
	const char		*error = NULL, *params[6];
	const char		*name = "", *parent = "";
	size_t			 k, len;
	long long		 id;
	int			 status = 200;

	memset(v, 0, sizeof(v));
	kore_pgsql_init(&sql);
	kore_pgsql_init(&units);
	kore_pgsql_init(&save);
	tv_init(&tv);
	html_init(&options);
	buf_init(&arr);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	id = backend_path_id(req->path, "/b/units/");
	snprintf(tid, sizeof(tid), "%lld", id);
	params[0] = tid;
	if (id != 0) {
		if (db_query(&sql, "SELECT name, coalesce(parent_id::text, '') "
		    "FROM unit WHERE id = $1", 1, params) == -1) {
			backend_unavailable(req, &b);
			goto out;
		}
		if (kore_pgsql_ntuples(&sql) != 1) {
			render_error(&b.pg, 404, N_("There is no such unit."),
			    "");
			backend_send(req, &b.pg, 404);
			goto out;
		}
		name = kore_pgsql_getvalue(&sql, 0, 0);
		parent = kore_pgsql_getvalue(&sql, 0, 1);
	}
	if (req->method == HTTP_METHOD_POST) {
		if (backend_form(req, &b, unit_params, NF_COUNT, v) ==
		    -1)
			goto out;
		/* Names are stored trimmed (the schema insists). */
		name = v[NF_NAME];
		while (*name == ' ')
			name++;
		len = strlen(name);
		while (len > 0 && name[len - 1] == ' ')
			((char *)name)[--len] = '\0';
		parent = v[NF_PARENT];
		status = 422;
		if (*name == '\0')
			error = N_("Give the unit a name.");
		else if (len > 800 || strchr(name, ';') != NULL)
			error = N_("A unit's name can not contain ';' (it "
			    "separates units in the published table) and has "
			    "at most 200 characters.");
		else if (*parent != '\0' && !param_is_digits(parent))
			error = N_("Choose a unit from the list.");
		if (error != NULL)
			goto form;
		search_terms(name, &terms);
		strset_finish(&terms);
		buf_putc(&arr, '{');
		for (k = 0; k < terms.count; k++) {
			const char *t;

			buf_puts(&arr, k ? ",\"" : "\"");
			for (t = terms.items[k]; *t != '\0'; t++) {
				if (*t == '"' || *t == '\\')
					buf_putc(&arr, '\\');
				buf_putc(&arr, *t);
			}
			buf_putc(&arr, '"');
		}
		buf_putc(&arr, '}');
		snprintf(uid, sizeof(uid), "%lld", b.st.id);
		client_ip(req, ip, sizeof(ip));
		params[0] = uid;
		params[1] = id ? tid : NULL;
		params[2] = name;
		params[3] = *parent ? parent : NULL;
		params[4] = buf_cstr(&arr);
		params[5] = ip;
		if (db_change("SELECT unit_save($1, $2, $3, $4, $5::text[], "
		    "$6)", 6, params, code, sizeof(code)) == 0) {
			backend_redirect_with(req, &b, "saved=1", "/b/units");
			goto out;
		}
		if (strcmp(code, "23505") == 0)
			error = N_("There is already a unit with this name.");
		else if (strcmp(code, "P0001") == 0)
			error = N_("A unit can not be placed under itself or "
			    "under a unit below it.");
		else if (strcmp(code, "23503") == 0)
			error = N_("Choose a unit from the list.");
		else if (strcmp(code, "23514") == 0)
			error = N_("A unit's name can not contain ';' (it "
			    "separates units in the published table) and has "
			    "at most 200 characters.");
		else {
			error = N_("Saving failed. Try again in a moment; your "
			    "text is still in the form.");
			status = 503;
		}
	}
form:
	if (db_query(&units, UNITS_SQL, 0, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	unit_options(&options, &units, b.pg.lang, tid, parent);
	tv_text(&tv, "error", error ? T(b.pg.lang, error) : "");
	tv_text(&tv, "id", id == 0 ? "new" : tid);
	tv_text(&tv, "name", name);
	tv_text(&tv, "no_parent", *parent == '\0' ? "1" : "");
	tv_html(&tv, "parents", &options);
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang,
	    id == 0 ? N_("Add a unit") : N_("Edit unit")));
	tv_text(&tv, "heading", b.pg.title);
	buf_reset(&b.pg.path);
	buf_printf(&b.pg.path, "/b/units/%s", id == 0 ? "new" : tid);
	tmpl_render(&b.pg.content, tpl("admin_unit"), &tv, b.pg.lang);
	backend_send(req, &b.pg, error ? status : 200);
out:
	backend_end(&b);
done:
	params_free(v, NF_COUNT);
	strset_free(&terms);
	buf_free(&arr);
	kore_pgsql_cleanup(&sql);
	kore_pgsql_cleanup(&units);
	kore_pgsql_cleanup(&save);
	tv_free(&tv);
	html_free(&options);
	return KORE_RESULT_OK;
}
