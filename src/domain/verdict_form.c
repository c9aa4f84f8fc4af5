/* See verdict_form.h. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "i18n.h"
#include "action_form.h"
#include "form.h"
#include "mem.h"
#include "mime.h"
#include "params.h"
#include "utf8.h"
#include "verdict_form.h"

/* Names read from one body: three a recommendation and the token. */
#define VERDICT_FIELDS	(3 * VERDICT_ITEMS_MAX + 2)

enum verdict_part { VP_RESPONSE, VP_PROGRESS, VP_COMMENT };

static struct verdict_item	*item_of(struct verdict_form *, long long);
static int	field(struct verdict_form *, const char *, char *);
static int	rating(const char *, int *);
static void	comment_check(struct verdict_item *);

static struct verdict_item *
item_of(struct verdict_form *vf, long long rec)
{
	size_t	i;

	for (i = 0; i < vf->n; i++)
		if (vf->items[i].rec == rec)
			return &vf->items[i];
	if (vf->n == VERDICT_ITEMS_MAX)
		return NULL;
	memset(&vf->items[vf->n], 0, sizeof(vf->items[0]));
	vf->items[vf->n].rec = rec;
	return &vf->items[vf->n++];
}

/* "" (none) or 1-5 into *r: 0, or -1 for anything else. */
static int
rating(const char *v, int *r)
{
	if (*v == '\0') {
		*r = VERDICT_NONE;
		return 0;
	}
	return param_int(v, 1, 5, r);
}

/* A comment: its lines kept (CRLF made LF), no other control bytes. */
static void
comment_check(struct verdict_item *it)
{
	char		*s, *d;

	for (s = d = it->comment; *s != '\0'; s++)
		if (!(*s == '\r' && s[1] == '\n'))
			*d++ = *s;
	*d = '\0';
	for (s = it->comment; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') {
			it->err_comment = N_("The comment contains characters "
			    "that are not allowed.");
			return;
		}
	if (utf8_chars(it->comment) > VERDICT_COMMENT_MAX)
		it->err_comment = N_("The comment is too long: at most 1,000 "
		    "characters.");
}

/* One field name=value (value taken): 0, or -1 for a foreign field. */
static int
field(struct verdict_form *vf, const char *name, char *value)
{
	static const char *const prefixes[] = { "response-", "progress-",
	    "comment-" };
	struct verdict_item	*it;
	const char		*id;
	size_t			 p;

	if (strcmp(name, "csrf") == 0) {
		if (vf->csrf != NULL)
			return -1;
		vf->csrf = value;
		return 0;
	}
	for (p = 0; p < 3; p++)
		if (strncmp(name, prefixes[p], strlen(prefixes[p])) == 0)
			break;
	id = name + (p < 3 ? strlen(prefixes[p]) : 0);
	if (p == 3 || !param_is_digits(id) || strlen(id) > VERDICT_ID_DIGITS ||
	    (it = item_of(vf, strtoll(id, NULL, 10))) == NULL)
		return -1;
	if (it->given & (1u << p))
		return -1;
	it->given |= 1u << p;
	if (p == VP_COMMENT) {
		it->comment = value;
		comment_check(it);
		return 0;
	}
	if (rating(value, p == VP_RESPONSE ? &it->response : &it->progress) ==
	    -1)
		it->err_rating = N_("Choose a rating from 1 to 5, or no "
		    "rating.");
	free(value);
	return 0;
}

int
verdict_form_read(struct verdict_form *vf, const char *body)
{
	char	**names, **values;
	size_t	 n, i;
	int	 rc = 0;

	memset(vf, 0, sizeof(*vf));
	names = xcalloc(VERDICT_FIELDS, sizeof(*names));
	values = xcalloc(VERDICT_FIELDS, sizeof(*values));
	n = params_list(body, names, values, VERDICT_FIELDS);
	if (n == VERDICT_FIELDS)
		rc = -1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && field(vf, names[i], values[i]) == -1)
			rc = -1;
		else if (rc == 0)
			values[i] = NULL;
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
	for (i = 0; i < vf->n; i++) {
		if (vf->items[i].comment == NULL)
			vf->items[i].comment = xstrdup("");
		vf->nerr += vf->items[i].err_rating != NULL ||
		    vf->items[i].err_comment != NULL;
	}
	return rc;
}

const struct verdict_item *
verdict_form_item(const struct verdict_form *vf, long long rec)
{
	size_t	i;

	for (i = 0; i < vf->n; i++)
		if (vf->items[i].rec == rec)
			return &vf->items[i];
	return NULL;
}

char *
verdict_form_doc(const struct verdict_form *vf)
{
	const struct verdict_item	*it;
	json_t				*doc, *e;
	char				*s;
	size_t				 i;

	doc = json_array();
	for (i = 0; i < vf->n; i++) {
		it = &vf->items[i];
		e = json_pack("{s:I, s:s}", "rec", (json_int_t)it->rec,
		    "comment", it->comment);
		json_object_set_new(e, "response", it->response ?
		    json_integer(it->response) : json_null());
		json_object_set_new(e, "progress", it->progress ?
		    json_integer(it->progress) : json_null());
		json_array_append_new(doc, e);
	}
	s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}

void
verdict_form_free(struct verdict_form *vf)
{
	size_t	i;

	free(vf->csrf);
	for (i = 0; i < vf->n; i++)
		free(vf->items[i].comment);
	memset(vf, 0, sizeof(*vf));
}

const struct form_field verdict_admin_fields[VA_COUNT] = {
	[VA_OP] = { "op", NULL, 0, 8, 0, NULL, NULL, NULL },
	[VA_CSRF] = FORM_CSRF,
	[VA_COUNT_LINKS] = { "count", NULL, 0, 8, 0, NULL, NULL, NULL },
	[VA_EMAILS] = { "emails", NULL, VERDICT_EMAILS_MAX, 0,
	    PARAM_MULTILINE, N_("Too many addresses: at most 200."), NULL,
	    NULL },
	[VA_LANG] = { "lang_mail", NULL, 0, 2, 0, NULL, NULL, NULL },
	[VA_CLOSES] = { "closes", NULL, 0, 10, 0, NULL, NULL, NULL },
	[VA_NUMBER] = { "number", NULL, 0, 9, 0, NULL, NULL, NULL },
	[VA_COMMENT] = { "comment", "err_comment", 0, 18, 0, NULL, NULL,
	    NULL },
	[VA_REASON] = { "reason", "err_reason", VERDICT_REASON_MAX, 0,
	    PARAM_MULTILINE, N_("The reason is too long: at most 1,000 "
	    "characters."), NULL, NULL },
};

static const char *const op_names[VOP_COUNT] = { "issue", "revoke", "open",
	"close", "seen", "hide", "show" };

static void	emails_split(struct verdict_admin_form *);

/* The addresses of the emails field, one a line, each checked. */
static void
emails_split(struct verdict_admin_form *af)
{
	struct form	*f = &af->form;
	char		*s = f->v[VA_EMAILS], *line, *end;

	for (; s != NULL && *s != '\0'; s = end) {
		if ((end = strchr(s, '\n')) != NULL)
			*end++ = '\0';
		else
			end = s + strlen(s);
		line = s + strspn(s, " \t");
		line[strcspn(line, " \t")] = '\0';
		if (*line == '\0')
			continue;
		if (af->nemails == VERDICT_LINKS_MAX) {
			form_fail(f, VA_EMAILS, N_("Too many addresses: at "
			    "most 200."));
			return;
		}
		if (!mime_address_valid(line)) {
			form_fail(f, VA_EMAILS, N_("Write one e-mail address "
			    "a line, such as name@example.org."));
			return;
		}
		af->emails[af->nemails++] = line;
	}
}

int
verdict_admin_form_check(struct verdict_admin_form *af)
{
	struct form	*f = &af->form;
	const char	*why;
	int		 i;

	for (i = 0; i < VOP_COUNT; i++)
		if (strcmp(f->v[VA_OP], op_names[i]) == 0)
			break;
	if (i == VOP_COUNT)
		return -1;
	af->op = (enum verdict_op)i;
	if (af->op == VOP_ISSUE) {
		emails_split(af);
		af->links = af->nemails;
		if (af->nemails == 0 && f->err[VA_EMAILS] == NULL &&
		    param_int(f->v[VA_COUNT_LINKS], 1, VERDICT_LINKS_MAX,
		    &af->links) == -1)
			form_fail(f, VA_COUNT_LINKS, N_("Give the number of "
			    "links, from 1 to 200, or the addresses to mail "
			    "them to."));
	} else if (af->op == VOP_OPEN &&
	    form_date(f->v[VA_CLOSES], &why) == -1)
		form_fail(f, VA_CLOSES, why);
	else if (af->op == VOP_HIDE && *f->v[VA_REASON] == '\0')
		form_fail(f, VA_REASON, N_("Say why the comment is hidden."));
	if (af->op == VOP_REVOKE && (!param_is_digits(f->v[VA_NUMBER]) ||
	    *f->v[VA_NUMBER] == '\0'))
		return -1;
	if (af->op >= VOP_SEEN && (!param_is_digits(f->v[VA_COMMENT]) ||
	    *f->v[VA_COMMENT] == '\0'))
		return -1;
	af->number = strtoll(f->v[VA_NUMBER], NULL, 10);
	af->comment = strtoll(f->v[VA_COMMENT], NULL, 10);
	return f->nerr;
}

FORM_FREE_DEFINE(verdict_admin_form);
