/*
 * Templates: HTML files in templates/ with a small syntax.
 *   {{name}}             the variable, escaped (tv_text), a rendered
 *                        fragment (tv_html) or a date written in the
 *                        page language's convention (tv_date)
 *   {{_ Message text}}   the message in the page's language; %name%
 *                        inside it is replaced by the variable, escaped
 *   {{#if name}}..{{/if}}, {{#if !name}}..{{/if}}
 *                        shown when the variable is (not) empty
 *   {{@block name}}..{{@end}}
 *                        a separate template "file.name" in the file
 *   {{=name}}            a number the program fixes (a field's limit),
 *                        written in when the templates are loaded
 * Templates are parsed once at start; an unknown message or a broken
 * tag stops the start with the file and line.
 */
#ifndef TOTEUMA_TMPL_H
#define TOTEUMA_TMPL_H

#include <stddef.h>

#include "buf.h"
#include "html.h"
#include "i18n.h"

struct tmpl;

enum tv_kind {
	TV_TEXT,
	TV_HTML,
	TV_DATE
};

/* One value: its name and where its bytes are in the arena. */
struct tmpl_var {
	const char	*name;
	size_t		 off;
	size_t		 len;
	enum tv_kind	 kind;
};

/* The values a page gives its template: as many as it sets. */
struct tmpl_vars {
	struct tmpl_var	*vars;		/* owned */
	int		 count;
	int		 cap;
	struct buf	 arena;
};

struct embedded;

/* A number templates write as {{=name}}: defined once, in the code. */
struct tmpl_const {
	const char	*name;
	long		 value;
};

/*
 * Parses files, with the n numbers of consts for {{=name}} (NULL, 0:
 * none). -1 with the file, line and tag in err: a broken tag, an
 * unknown message or an unknown constant.
 */
int	tmpl_load(const struct embedded *files, const struct tmpl_const *,
	    size_t n, char *err, size_t errlen);
void	tmpl_unload(void);
/*
 * Checks that every variable the loaded templates use is one of known
 * (sorted; the names the code can set, see template_var_names): a
 * misspelt {{name}} would otherwise render as nothing. -1 with the
 * file, line and name in err.
 */
int	tmpl_check_names(const char *const *known, size_t n, char *err,
	    size_t errlen);
/* The template by name ("layout", "process.row"); NULL if unknown. */
const struct tmpl *tmpl_get(const char *name);

void	tv_init(struct tmpl_vars *);
void	tv_reset(struct tmpl_vars *);
void	tv_free(struct tmpl_vars *);
/* Names must outlive the vars (use literals). Values are copied. */
void	tv_text(struct tmpl_vars *, const char *name, const char *value);
void	tv_textf(struct tmpl_vars *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	tv_html(struct tmpl_vars *, const char *name, const struct html *);
/* An ISO date or timestamp ("2026-11-30", "2026-11-30 14:05"), shown
 * as the page's language writes dates (date.h). */
void	tv_date(struct tmpl_vars *, const char *name, const char *iso);

/* Renders into out. */
void	tmpl_render(struct html *out, const struct tmpl *,
	    const struct tmpl_vars *, enum lang);
/*
 * The same as plain text (a mail's text part): variables and messages
 * as they are, not escaped; a fragment (tv_html) is left out.
 */
void	tmpl_render_text(struct buf *out, const struct tmpl *,
	    const struct tmpl_vars *, enum lang);
/* A message with its %name% placeholders filled in, escaped. */
void	tmpl_message(struct html *out, const char *msgid,
	    const struct tmpl_vars *, enum lang);

#endif
