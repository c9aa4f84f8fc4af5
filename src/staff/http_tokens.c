/*
 * A staff user's API tokens (/b/account/tokens): the list (name, made,
 * expires, last used), making one (shown once, on the page that answers
 * the form, and never again: only its hash is stored) and revoking one.
 * An admin sees everyone's tokens and may revoke any of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "tmpl.h"
#include "token_form.h"

int	page_account_tokens(struct http_request *);

#define TOKENS_SQL \
	"SELECT t.id, t.name, u.email, " \
	"to_char(t.created_at, 'YYYY-MM-DD HH24:MI') AS created, " \
	"to_char(t.expires_at, 'YYYY-MM-DD HH24:MI') AS expires, " \
	"coalesce(to_char(t.last_used_at, 'YYYY-MM-DD HH24:MI'), '') " \
	"AS last_used, " \
	"coalesce(to_char(t.revoked_at, 'YYYY-MM-DD HH24:MI'), '') " \
	"AS revoked, t.expires_at <= now() AS expired " \
	"FROM api_token t JOIN app_user u ON u.id = t.user_id " \
	"WHERE $2 OR t.user_id = $1 " \
	"ORDER BY t.revoked_at IS NOT NULL, t.expires_at <= now(), " \
	"t.created_at DESC, t.id DESC LIMIT 500"

static const struct backend_refusal token_codes[] = {
	{ "P0002", 409, N_("The token has been revoked already, or there is "
	    "no such token."), BACKEND_FORM_AGAIN },
	{ "42501", 403, N_("You can revoke your own tokens only."),
	    BACKEND_FORM_AGAIN },
	{ "22023", 422, N_("A token lasts from 1 to 366 days."),
	    BACKEND_FORM_AGAIN },
	BACKEND_END
};

static void	tokens_render(struct http_request *, struct backend *,
		    const struct token_form *, const char *, const char *,
		    int);
static void	tokens_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	tokens_rows(struct backend *, struct html *);
static int	tokens_post(struct http_request *, struct backend *,
		    struct token_form *, char *, size_t, const char **);

/* A token of the list, row i of sql (arg: the page's backend). */
static void
tokens_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct backend	*b = arg;
	int			 live = db_text(sql, i, "revoked")[0] == '\0';

	db_vars(rv, sql, i, "id", "name", "created", "expires", "last_used",
	    "revoked", (char *)NULL);
	tv_text(rv, "email", b->st.is_admin ? db_text(sql, i, "email") : "");
	tv_text(rv, "expired", live && db_true(sql, i, "expired") ? "1" : "");
	tv_text(rv, "live", live && !db_true(sql, i, "expired") ? "1" : "");
	tv_text(rv, "csrf", b->st.csrf);
	tv_text(rv, "lang_query", lang_query(lang));
}

/* The rows of the list: 0, or -1 when the database failed. */
static int
tokens_rows(struct backend *b, struct html *rows)
{
	const char	*params[2];
	char		 uid[32];

	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	params[1] = b->st.is_admin ? "t" : "f";
	return db_render_rows(db_query, rows, tpl("account_tokens.row"),
	    b->pg.lang, tokens_row, b, TOKENS_SQL, 2, params) == -1 ? -1 : 0;
}

/*
 * The page: a token just made (shown once), the form with tf's values
 * and error (a msgid) unless NULL, and the list.
 */
static void
tokens_render(struct http_request *req, struct backend *b,
    const struct token_form *tf, const char *made, const char *error,
    int status)
{
	static const struct field_view	views[] = {
		{ .field = TKF_NAME, .label = N_("Name"), .hint = N_("Which "
		    "system uses it, such as \"Project register\"."),
		    .required = 1 },
		{ .field = TKF_DAYS, .label = N_("Valid for days"),
		    .hint = N_("At most 366 days."), .required = 1,
		    FIELD_NUMBER(TOKEN_DAYS_MAX) },
	};
	const char			*cur[TKF_COUNT] = { NULL };
	char				 days[16];
	struct tmpl_vars		 tv;
	struct html			 rows;
	int				 typed = tf != NULL && !tf->revoke &&
					    error != NULL;

	tv_init(&tv);
	html_init(&rows);
	backend_title(b, N_("API tokens"), "/b/account/tokens");
	if (tokens_rows(b, &rows) == -1) {
		backend_error(req, b, 503, N_("Please try again in a moment."));
		goto out;
	}
	tv_html(&tv, "rows", &rows);
	tv_text(&tv, "made", made ? made : "");
	snprintf(days, sizeof(days), "%d", TOKEN_DAYS_DEFAULT);
	cur[TKF_NAME] = typed ? tf->form.v[TKF_NAME] : "";
	cur[TKF_DAYS] = typed && tf->form.v[TKF_DAYS][0] != '\0' ?
	    tf->form.v[TKF_DAYS] : days;
	fields_html(&tv, "token_fields", token_fields, FIELD_VIEWS(views),
	    cur, NULL, b->pg.lang);
	tv_text(&tv, "admin", b->st.is_admin ? "1" : "");
	backend_form_vars(&tv, b, error);
	tmpl_render(&b->pg.content, tpl("account_tokens"), &tv, b->pg.lang);
	page_send(req, &b->pg, status);
out:
	tv_free(&tv);
	html_free(&rows);
}

/*
 * A posted form: a token made (into made) or revoked. Returns the
 * status to answer with the page (200, or 4xx/503 with *error), or -1
 * after answering.
 */
static int
tokens_post(struct http_request *req, struct backend *b,
    struct token_form *tf, char *made, size_t madelen, const char **error)
{
	const char	*args[3];
	char		 hex[2 * TOKEN_HASH_LEN + 1], days[16], code[8];
	int		 status = 200;

	if (backend_form_read(req, b, &tf->form, token_fields,
	    TKF_COUNT) == -1)
		return -1;
	if (token_form_check(tf) > 0) {
		*error = form_first_error(&tf->form, NULL);
		return 422;
	}
	if (tf->revoke) {
		args[0] = tf->form.v[TKF_TOKEN];
		if (backend_change(req, b, NULL, "SELECT api_token_revoke($1, "
		    "$2, $3)", 1, args, code, sizeof(code)) == 0) {
			backend_redirect_with(req, b, "revoked=1",
			    "/b/account/tokens");
			return -1;
		}
		*error = backend_save_error(code, token_codes, &status);
		return status;
	}
	token_new(made, madelen);
	if (token_hash_hex(made, hex, sizeof(hex)) == -1)
		abort();
	snprintf(days, sizeof(days), "%d", tf->days);
	args[0] = tf->form.v[TKF_NAME];
	args[1] = days;
	args[2] = hex;
	if (backend_change(req, b, NULL, "SELECT api_token_create($1, $2, "
	    "$3, decode($4, 'hex'), $5)", 3, args, code, sizeof(code)) == 0)
		return 201;
	sodium_memzero(made, madelen);
	*error = backend_save_error(code, token_codes, &status);
	return status;
}

int
page_account_tokens(struct http_request *req)
{
	struct backend		 b;
	struct token_form	 tf;
	char			 made[TOKEN_LEN + 1] = "";
	const char		*error = NULL;
	int			 status = 200;

	memset(&tf, 0, sizeof(tf));
	if (backend_open(req, &b, BACKEND_NEED_SESSION) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST &&
	    (status = tokens_post(req, &b, &tf, made, sizeof(made),
	    &error)) == -1)
		goto out;
	tokens_render(req, &b, req->method == HTTP_METHOD_POST ? &tf : NULL,
	    made[0] ? made : NULL, error, status == 201 ? 200 : status);
out:
	sodium_memzero(made, sizeof(made));
	token_form_free(&tf);
	backend_end(&b);
	return KORE_RESULT_OK;
}
