/*
 * The admin's snapshots of a process (/b/p/ID/snapshots): the list, and
 * a form that freezes the process's table as of a day. The database
 * function snapshot_create() checks the role and the date again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "backend.h"
#include "catalog.h"
#include "db.h"
#include "tmpl.h"
#include "utf8.h"

int	page_admin_snapshots(struct http_request *);


enum { SN_AS_OF, SN_LABEL, SN_CSRF, SN_COUNT };
static const struct param_spec snapshot_params[SN_COUNT] = {
	{ "as_of", 32, NULL, 0 },
	{ "label", 1024, NULL, 0 },
	{ "csrf", 64, NULL, 0 },
};


int
page_admin_snapshots(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv, rv;
	struct html		 rows;
	char			*v[SN_COUNT], pid[32], uid[32], ip[64];
	char			 code[8], slug[80];
	const char		*params[1], *err_as_of = NULL;
	const char		*err_label = NULL, *error = NULL, *why;
	const char		*as_of = "", *label = "";
	long long		 id;
	int			 i, status = 200, fi = 0;

	memset(v, 0, sizeof(v));
	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	id = strtoll(req->path + strlen("/b/p/"), NULL, 10);
	snprintf(pid, sizeof(pid), "%lld", id);
	params[0] = pid;
	if (db_query(&sql, "SELECT slug, title, title_sv, title_en FROM "
	    "process WHERE id = $1", 1, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1) {
		render_error(&b.pg, 404, N_("There is no such process. It may "
		    "have been removed or the address may be mistyped."), "");
		backend_send(req, &b.pg, 404);
		goto out;
	}
	snprintf(slug, sizeof(slug), "%s", kore_pgsql_getvalue(&sql, 0, 0));
	{
		char	*titles[LANG_COUNT];

		for (i = 0; i < LANG_COUNT; i++)
			titles[i] = kore_pgsql_getvalue(&sql, 0, 1 + i);
		tv_text(&tv, "title", cat_text(titles, b.pg.lang, &fi));
		tv_text(&tv, "title_lang", b.pg.lang != LANG_FI && fi ?
		    "fi" : "");
	}
	kore_pgsql_cleanup(&sql);

	if (req->method == HTTP_METHOD_POST) {
		if (backend_form(req, &b, snapshot_params, SN_COUNT, v) == -1)
			goto out;
		as_of = v[SN_AS_OF];
		label = v[SN_LABEL];
		if (form_date(as_of, &why) == -1)
			err_as_of = why;
		if (utf8_chars(label) > 200)
			err_label = N_("The label is too long: at most 200 "
			    "characters.");
		if (err_as_of == NULL && err_label == NULL) {
			snprintf(uid, sizeof(uid), "%lld", b.st.id);
			client_ip(req, ip, sizeof(ip));
			{
				const char	*p5[5] = { uid, pid, as_of, label,
				    ip };

				if (db_change("SELECT snapshot_create($1, $2, "
				    "$3::date, $4, $5)", 5, p5, code,
				    sizeof(code)) == 0) {
					backend_redirect_with(req, &b,
					    "saved=1", "/b/p/%lld/snapshots",
					    id);
					goto out;
				}
			}
			if (strcmp(code, "42501") == 0) {
				backend_refused(req, &b, 403, N_("This page is "
				    "for the participation team's "
				    "administrators."));
				goto out;
			}
			if (strcmp(code, "P0002") == 0) {
				backend_refused(req, &b, 404, N_("It has been "
				    "removed meanwhile. Nothing was saved."));
				goto out;
			}
			if (strcmp(code, "22023") == 0)
				err_as_of = N_("The date is in the future. A "
				    "snapshot shows a day that has ended or is "
				    "today.");
			else {
				error = N_("Saving failed. Try again in a "
				    "moment; your text is still in the form.");
				status = 503;
			}
		}
		if (status == 200)
			status = 422;
	}

	if (db_query(&sql, "SELECT s.id, to_char(s.as_of, 'YYYY-MM-DD'), "
	    "s.label, (SELECT count(*) FROM snapshot_row r WHERE "
	    "r.snapshot_id = s.id), to_char(s.created_at, 'YYYY-MM-DD HH24:MI'), "
	    "coalesce(u.email, '') FROM snapshot s LEFT JOIN app_user u ON "
	    "u.id = s.created_by WHERE s.process_id = $1 "
	    "ORDER BY s.as_of DESC, s.id DESC", 1, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "/p/%s/s/%s%s", slug,
		    kore_pgsql_getvalue(&sql, i, 0), lang_query(b.pg.lang));
		tv_text(&rv, "as_of", kore_pgsql_getvalue(&sql, i, 1));
		tv_text(&rv, "label", kore_pgsql_getvalue(&sql, i, 2));
		tv_text(&rv, "rows", kore_pgsql_getvalue(&sql, i, 3));
		tv_textf(&rv, "made", "%s, %s",
		    kore_pgsql_getvalue(&sql, i, 4),
		    kore_pgsql_getvalue(&sql, i, 5));
		tmpl_render(&rows, tpl("snapshot_admin.row"), &rv, b.pg.lang);
	}
	tv_html(&tv, "rows", &rows);
	tv_textf(&tv, "id", "%lld", id);
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	tv_text(&tv, "as_of", as_of);
	tv_text(&tv, "label", label);
	tv_text(&tv, "err_as_of", err_as_of ? T(b.pg.lang, err_as_of) : "");
	tv_text(&tv, "err_label", err_label ? T(b.pg.lang, err_label) : "");
	tv_text(&tv, "error", error ? T(b.pg.lang, error) : "");
	tv_text(&tv, "saved", status == 200 &&
	    (b.notices & BACKEND_SAVED) ? "1" : "");
	snprintf(b.pg.title, sizeof(b.pg.title), "%s",
	    T(b.pg.lang, "Snapshots"));
	buf_reset(&b.pg.path);
	buf_printf(&b.pg.path, "/b/p/%lld/snapshots", id);
	tmpl_render(&b.pg.content, tpl("snapshot_admin"), &tv, b.pg.lang);
	backend_send(req, &b.pg, status);
out:
	backend_end(&b);
done:
	params_free(v, SN_COUNT);
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
	return KORE_RESULT_OK;
}
