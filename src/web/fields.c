/* See fields.h. */
#include <string.h>

#include "fields.h"
#include "page.h"
#include "tmpl.h"

static int	takes_length(const char *);
static void	field_described(struct tmpl_vars *, const char *,
		    const struct field_view *, int, int);
static void	field_vars(struct tmpl_vars *, const struct form_field *,
		    const struct field_view *, const char *,
		    const char *, enum lang);

void
field_message(struct html *out, const char *name, const char *value,
    const char *msgid, enum lang lang)
{
	struct tmpl_vars	 ev;

	tv_init(&ev);
	tv_text(&ev, name, value != NULL ? value : "");
	tmpl_message(out, msgid, &ev, lang);
	tv_free(&ev);
}

/*
 * Whether an input of type takes maxlength: the text-like ones (NULL is
 * text, or a text area); a date, number or colour has no length.
 */
static int
takes_length(const char *type)
{
	static const char *const	text[] = { "email", "password",
					    "search", "tel", "text", "url" };
	size_t				i;

	if (type == NULL)
		return 1;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(type, text[i]) == 0)
			return 1;
	return 0;
}

/* The ids of what tells of the field: its hints, then its message. */
static void
field_described(struct tmpl_vars *fv, const char *id,
    const struct field_view *v, int hint, int error)
{
	struct buf	 ids;

	buf_init(&ids);
	if (v->hint_id != NULL)
		buf_puts(&ids, v->hint_id);
	if (hint)
		buf_printf(&ids, "%s%s-hint", ids.len > 0 ? " " : "", id);
	if (error)
		buf_printf(&ids, "%s%s-error", ids.len > 0 ? " " : "", id);
	tv_text(fv, "described", buf_cstr(&ids));
	buf_free(&ids);
}

/* One field's variables for the template "fragments.field". */
static void
field_vars(struct tmpl_vars *fv, const struct form_field *ff,
    const struct field_view *v, const char *value, const char *error,
    enum lang lang)
{
	const char	*id = v->id != NULL ? v->id : ff->name;
	const char	*hint = v->hint;
	struct html	 msg;
	size_t		 max;

	if (v->empty_hint != NULL && (value == NULL || value[0] == '\0'))
		hint = v->empty_hint;
	tv_text(fv, "id", id);
	tv_text(fv, "name", ff->name);
	tv_text(fv, "label", T(lang, v->label));
	tv_text(fv, "hint", hint != NULL ? T(lang, hint) : "");
	html_init(&msg);
	if (error != NULL)
		field_message(&msg, ff->name, value, error, lang);
	tv_html(fv, "error", &msg);
	html_free(&msg);
	tv_text(fv, "content_lang", v->lang != NULL ? v->lang : "");
	tv_text(fv, "type", v->type != NULL ? v->type : "");
	tv_text(fv, "required",
	    (ff->flags & FORM_REQUIRED) || v->required ? "1" : "");
	max = v->chars > 0 ? (size_t)v->chars : ff->chars > 0 ?
	    (size_t)ff->chars : ff->bytes;
	if (max > 0 && takes_length(v->type))
		tv_textf(fv, "maxlength", "%zu", max);
	else
		tv_text(fv, "maxlength", "");
	if (v->rows > 0)
		tv_textf(fv, "rows", "%d", v->rows);
	else
		tv_text(fv, "rows", "");
	if (v->minchars > 0)
		tv_textf(fv, "minlength", "%d", v->minchars);
	else
		tv_text(fv, "minlength", "");
	tv_text(fv, "autocomplete", v->autocomplete != NULL ?
	    v->autocomplete : "");
	tv_text(fv, "inputmode", v->inputmode != NULL ? v->inputmode : "");
	field_described(fv, id, v, hint != NULL, error != NULL);
	tv_text(fv, "value", value != NULL ? value : "");
}

void
fields_html(struct tmpl_vars *tv, const char *var,
    const struct form_field *fields, const struct field_view *views,
    size_t n, const char *const *values, const struct form *f,
    enum lang lang)
{
	struct tmpl_vars	 fv;
	struct html		 out;
	const char		*error;
	size_t			 i;

	html_init(&out);
	tv_init(&fv);
	for (i = 0; i < n; i++) {
		error = f != NULL && f->fields != NULL ?
		    f->err[views[i].field] : NULL;
		tv_reset(&fv);
		field_vars(&fv, &fields[views[i].field], &views[i],
		    values != NULL ? values[views[i].field] : NULL, error,
		    lang);
		tmpl_render(&out, tpl("fragments.field"), &fv, lang);
	}
	tv_html(tv, var, &out);
	tv_free(&fv);
	html_free(&out);
}
