/*
 * The pages every public-sector site has (Act 306/2019, GDPR): the
 * accessibility statement with its feedback form, and the privacy
 * notice, with the county's details and the texts the participation
 * team keeps (site_cache.h). Feedback needs no account: a random value
 * in a cookie and the same value in the form (as at sign-in) keep other
 * sites from posting it, and the database limits it per address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "backend.h"
#include "catalog_cache.h"
#include "db.h"
#include "fields.h"
#include "public.h"
#include "serve.h"
#include "session.h"
#include "site_cache.h"
#include "site_form.h"
#include "tmpl.h"

#define FEEDBACK_COOKIE		"toteuma_feedback"

int	page_accessibility(struct http_request *);
int	page_privacy(struct http_request *);

static void	site_body(struct html *, const char *, enum lang);
static void	accessibility_render(struct http_request *, struct page *,
		    int, const struct feedback_form *, const char *, int);
static int	feedback_post(struct http_request *, struct page *,
		    struct feedback_form *);
static int	feedback_token_ok(struct http_request *, const char *);
static const char *site_text(const struct site *, enum site_page, enum lang,
		    int *);

enum { SQ_LANG, SQ_SENT, SQ_COUNT };
static const struct param_spec site_query[SQ_COUNT] = {
	PARAM_LANG,
	PARAM_FLAG("sent"),
};

/* A statement's text: its paragraphs, headings and lists, escaped. */
static void
site_body(struct html *out, const char *text, enum lang lang)
{
	struct text_block	 tb;
	struct tmpl_vars	 tv;
	struct html		 items, lines;
	struct buf		 b;
	const char		*p = text;
	int			 more;

	tv_init(&tv);
	html_init(&items);
	buf_init(&b);
	more = text_block_next(&p, &tb);
	while (more) {
		buf_reset(&b);
		buf_append(&b, tb.text, tb.len);
		tv_reset(&tv);
		if (tb.kind == TB_ITEM) {
			tv_text(&tv, "text", buf_cstr(&b));
			tmpl_render(&items, tpl("site.item"), &tv, lang);
			more = text_block_next(&p, &tb);
			if (more && tb.kind == TB_ITEM)
				continue;
			tv_reset(&tv);
			tv_html(&tv, "items", &items);
			tmpl_render(out, tpl("site.list"), &tv, lang);
			html_free(&items);
			html_init(&items);
			continue;
		}
		if (tb.kind == TB_HEADING) {
			tv_text(&tv, "text", buf_cstr(&b));
			tmpl_render(out, tpl("site.heading"), &tv, lang);
		} else {
			html_init(&lines);
			html_text_lines(&lines, buf_cstr(&b));
			tv_html(&tv, "text", &lines);
			tmpl_render(out, tpl("site.paragraph"), &tv, lang);
			html_free(&lines);
		}
		more = text_block_next(&p, &tb);
	}
	buf_free(&b);
	html_free(&items);
	tv_free(&tv);
}

/* The text in lang, or the Finnish one (then *fi is set). */
static const char *
site_text(const struct site *s, enum site_page page, enum lang lang,
    int *fi)
{
	if (*s->text[page][lang] != '\0' || lang == LANG_FI)
		return s->text[page][lang];
	*fi = 1;
	return s->text[page][LANG_FI];
}

/* The feedback form's fields, with what f has after a post (or NULL). */
static void
feedback_fields_html(struct tmpl_vars *tv, const struct feedback_form *f,
    enum lang lang)
{
	static const struct field_view	views[] = {
		{ .field = FB_MESSAGE, .label = N_("What did you find hard to "
		    "use? (required)"), .rows = 6 },
		{ .field = FB_NAME, .label = N_("Your name (optional)"),
		    .autocomplete = "name" },
		{ .field = FB_EMAIL, .label = N_("Your e-mail address, if you "
		    "want an answer (optional)"), .type = "email",
		    .autocomplete = "email" },
	};
	const int			sent = f != NULL && f->form.n > 0;

	fields_html(tv, "feedback_fields", feedback_fields, FIELD_VIEWS(views),
	    sent ? (const char *const *)f->form.v : NULL,
	    sent ? &f->form : NULL, lang);
}

/*
 * The statement with its form: values and messages from f after a
 * post, a new token in the cookie and the form each time.
 */
static void
accessibility_render(struct http_request *req, struct page *pg, int status,
    const struct feedback_form *f, const char *error, int sent)
{
	const struct site	*s = site_get();
	struct tmpl_vars	 tv;
	struct html		 body;
	char			 token[AUTH_TOKEN_LEN + 1], cookie[200];
	const char		*c = s->compliance;

	auth_token_new(token);
	snprintf(cookie, sizeof(cookie), FEEDBACK_COOKIE "=%s; "
	    "Path=/accessibility; HttpOnly; SameSite=Strict; Max-Age=7200%s",
	    token, cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
	tv_init(&tv);
	html_init(&body);
	page_contact(&tv, pg->lang);
	tv_text(&tv, "lang_query", lang_query(pg->lang));
	site_body(&body, site_text(s, SITE_ACCESSIBILITY, pg->lang,
	    &pg->finnish), pg->lang);
	tv_html(&tv, "body", &body);
	tv_text(&tv, "compliance", T(pg->lang, strcmp(c, "full") == 0 ?
	    N_("This site fully meets the accessibility requirements.") :
	    strcmp(c, "none") == 0 ? N_("This site does not meet the "
	    "accessibility requirements.") : N_("This site partially meets "
	    "the accessibility requirements. The shortcomings are listed "
	    "below.")));
	tv_date(&tv, "statement_date", s->statement_date);
	tv_date(&tv, "assessed_date", s->assessed_date);
	tv_text(&tv, "csrf", token);
	tv_text(&tv, "sent", sent ? "1" : "");
	tv_text(&tv, "error", error != NULL ? T(pg->lang, error) : "");
	feedback_fields_html(&tv, f, pg->lang);
	page_set_title(pg, "%s",
	    T(pg->lang, "Accessibility statement"));
	page_describe(pg, T(pg->lang, "How accessible this site is, what is "
	    "not yet accessible, and how to give feedback."));
	buf_reset(&pg->path);
	buf_puts(&pg->path, "/accessibility");
	tmpl_render(&pg->content, tpl("accessibility"), &tv, pg->lang);
	page_send(req, pg, status);
	html_free(&body);
	tv_free(&tv);
}

/*
 * GET: the statement (?sent=1 after feedback); POST: feedback, then a
 * redirect, or the form again with what is wrong (nothing stored).
 */
int
page_accessibility(struct http_request *req)
{
	struct page		 pg;
	struct feedback_form	 f;
	char			*v[SQ_COUNT] = { NULL, NULL };

	memset(&f, 0, sizeof(f));
	if (page_begin(req, &pg, site_query, SQ_COUNT, v) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST)
		feedback_post(req, &pg, &f);
	else
		accessibility_render(req, &pg, 200, NULL, NULL,
		    v[SQ_SENT] != NULL);
out:
	form_free(&f.form);
	params_free(v, SQ_COUNT);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/* Whether the form's token is the cookie's: the post is from this site. */
static int
feedback_token_ok(struct http_request *req, const char *token)
{
	char		 cookie[AUTH_TOKEN_LEN + 1];
	const char	*h;

	return http_same_origin(req) &&
	    http_request_header(req, "cookie", &h) &&
	    auth_cookie_get(h, FEEDBACK_COOKIE, cookie, sizeof(cookie)) == 0 &&
	    auth_token_equal(cookie, token);
}

/* Answers a post of the feedback form. */
static int
feedback_post(struct http_request *req, struct page *pg,
    struct feedback_form *f)
{
	struct kore_pgsql	 sql;
	struct buf		 body;
	const char		*bad, *params[5];
	char			 ip[64];
	int			 rc = -1;

	buf_init(&body);
	kore_pgsql_init(&sql);
	if (backend_read_form(req, &body) == -1 ||
	    form_parse(&f->form, feedback_fields, FB_COUNT, buf_cstr(&body),
	    &bad) != PARAM_OK) {
		accessibility_render(req, pg, 400, NULL, N_("The form could "
		    "not be read. Nothing was sent. Try again."), 0);
		goto out;
	}
	if (!feedback_token_ok(req, f->form.v[FB_CSRF])) {
		accessibility_render(req, pg, 403, f, N_("The form had expired "
		    "or did not come from this site. Nothing was sent. Send it "
		    "again."), 0);
		goto out;
	}
	if (feedback_form_check(f) > 0) {
		accessibility_render(req, pg, 400, f, N_("The feedback was not "
		    "sent. Correct what is marked and send it again."), 0);
		goto out;
	}
	client_ip(req, ip, sizeof(ip));
	params[0] = f->form.v[FB_NAME];
	params[1] = f->form.v[FB_EMAIL];
	params[2] = f->form.v[FB_MESSAGE];
	params[3] = lang_codes[pg->lang];
	params[4] = ip;
	if (db_write(&sql, "SELECT feedback_add($1, $2, $3, $4, $5) AS r", 5,
	    params) == -1 || kore_pgsql_ntuples(&sql) != 1) {
		accessibility_render(req, pg, 503, f, N_("The feedback could "
		    "not be stored just now. Try again in a moment."), 0);
		goto out;
	}
	if (strcmp(db_text(&sql, 0, "r"), "ok") != 0) {
		accessibility_render(req, pg, 429, f, site_get()->email[0] !=
		    '\0' ? N_("Much feedback has been sent from here in the "
		    "past hour. Try again later, or write to the e-mail "
		    "address above.") : N_("Much feedback has been sent from "
		    "here in the past hour. Try again later."), 0);
		goto out;
	}
	backend_redirect(req, pg->lang == LANG_FI ?
	    "/accessibility?sent=1#feedback" : pg->lang == LANG_SV ?
	    "/accessibility?lang=sv&sent=1#feedback" :
	    "/accessibility?lang=en&sent=1#feedback");
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	buf_free(&body);
	return rc;
}

/* The privacy notice: cached like the other public pages. */
int
page_privacy(struct http_request *req)
{
	const struct site	*s;
	struct page		 pg;
	struct tmpl_vars	 tv;
	struct html		 body;
	char			*v[1] = { NULL }, key[32];

	tv_init(&tv);
	html_init(&body);
	if (page_begin(req, &pg, lang_params, 1, v) == -1)
		goto out;
	snprintf(key, sizeof(key), "/privacy?lang=%s", lang_codes[pg.lang]);
	if (serve_cached(req, NULL, key))
		goto out;
	s = site_get();
	page_contact(&tv, pg.lang);
	tv_text(&tv, "lang_query", lang_query(pg.lang));
	site_body(&body, site_text(s, SITE_PRIVACY, pg.lang, &pg.finnish),
	    pg.lang);
	tv_html(&tv, "body", &body);
	page_set_title(&pg, "%s",
	    T(pg.lang, "Privacy notice"));
	page_describe(&pg, T(pg.lang, "What personal data this site keeps, "
	    "why and for how long, and your rights."));
	buf_puts(&pg.path, "/privacy");
	tmpl_render(&pg.content, tpl("privacy"), &tv, pg.lang);
	serve_rendered(req, &pg, NULL, key);
out:
	html_free(&body);
	tv_free(&tv);
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}
