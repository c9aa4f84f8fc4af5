/*
 * The import's upload form, read from the parts of a multipart body
 * (form_parse_parts): the same limits and refusals as a form's body.
 */
#include <stdlib.h>
#include <string.h>

#include "import_form.h"
#include "multipart.h"
#include "process_form.h"
#include "unit.h"

#define NPARTS	6

/* parts[i] named name, holding value (not copied); a file's when file. */
static void
part(struct mp_part *p, const char *name, const char *value, int file)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->name, name);
	if (file)
		strcpy(p->filename, "taulukko.csv");
	p->data = value;
	p->len = strlen(value);
}

/* The five fields and a file, with title and sheet as given. */
static int
upload(struct mp_part *parts, const char *title, const char *sheet)
{
	part(&parts[0], "csrf", "tok", 0);
	part(&parts[1], "process", "", 0);
	part(&parts[2], "new_slug", "asukaspaneeli-2025", 0);
	part(&parts[3], "title", title, 0);
	part(&parts[4], "file", "Suositus,Toimenpide\r\n", 1);
	part(&parts[5], "sheet", sheet, 0);
	return NPARTS;
}

/* The request is refused (want), naming field. */
static void
refused(struct mp_part *parts, int n, enum param_error want,
    const char *field, const char *what)
{
	struct form	 f;
	const char	*bad = NULL;

	CHECK_INT(form_parse_parts(&f, import_fields, IMP_COUNT, parts, n,
	    &bad), want, what);
	CHECK_STR(bad, field, what);
	CHECK_INT(f.n, 0, "and nothing is kept");
	form_free(&f);
}

int
main(void)
{
	struct mp_part	 parts[NPARTS + 1];
	struct form	 f;
	const char	*bad = NULL;
	char		*t, *s;
	int		 n;

	n = upload(parts, "Asukaspaneeli", "Taul1");
	CHECK_INT(form_parse_parts(&f, import_fields, IMP_COUNT, parts, n,
	    &bad), PARAM_OK, "an upload's fields are read; the file is not "
	    "one of them");
	CHECK_STR(f.v[IMP_CSRF], "tok", "its token");
	CHECK_STR(f.v[IMP_PROCESS], "", "no process chosen");
	CHECK_STR(f.v[IMP_NEW_SLUG], "asukaspaneeli-2025", "a new address");
	CHECK_STR(f.v[IMP_TITLE], "Asukaspaneeli", "its title");
	CHECK_STR(f.v[IMP_SHEET], "Taul1", "the sheet");
	CHECK_INT(f.nerr, 0, "no message");
	form_free(&f);

	CHECK_INT(form_parse_parts(&f, import_fields, IMP_COUNT, parts, 1,
	    &bad), PARAM_OK, "a form of its token alone is read");
	CHECK_STR(f.v[IMP_TITLE], "", "an absent field is empty");
	form_free(&f);

	/* Limits in characters, as the page's maxlength counts them. */
	t = unit_repeat("ä", PROCESS_TITLE_MAX);
	s = unit_repeat("€", IMPORT_SHEET_MAX);
	n = upload(parts, t, s);
	CHECK_INT(form_parse_parts(&f, import_fields, IMP_COUNT, parts, n,
	    &bad), PARAM_OK, "a title and a sheet name at their limits");
	CHECK_INT(f.nerr, 0, "are taken, whatever bytes their letters take");
	form_free(&f);
	free(t);
	free(s);
	t = unit_repeat("ä", PROCESS_TITLE_MAX + 1);
	s = unit_repeat("€", IMPORT_SHEET_MAX + 1);
	n = upload(parts, t, s);
	CHECK_INT(form_parse_parts(&f, import_fields, IMP_COUNT, parts, n,
	    &bad), PARAM_OK, "a character more is read");
	CHECK_INT(f.nerr, 2, "with a message on each");
	CHECK_STR(f.err[IMP_TITLE], PROCESS_TITLE_LONG, "the title's");
	CHECK_PREFIX(f.err[IMP_SHEET], "The sheet's name is too long",
	    "the sheet's");
	form_free(&f);
	free(t);
	free(s);

	/* What no browser sends refuses the whole request. */
	t = unit_repeat("a", 4 * PROCESS_TITLE_MAX + 1);
	n = upload(parts, t, "");
	refused(parts, n, PARAM_TOO_LONG, "title", "a title beyond any "
	    "sensible size");
	free(t);
	n = upload(parts, "Asukas\xc3", "");
	refused(parts, n, PARAM_ENCODING, "title", "a title that is not "
	    "UTF-8");
	n = upload(parts, "Asukas\npaneeli", "");
	refused(parts, n, PARAM_ENCODING, "title", "a line break in a line");
	n = upload(parts, "Asukaspaneeli", "Taul1");
	part(&parts[n], "sheet", "Taul2", 0);
	refused(parts, n + 1, PARAM_REPEATED, "sheet", "a field sent twice");
	n = upload(parts, "Asukaspaneeli", "");
	part(&parts[3], "title", "Asukaspaneeli", 1);
	refused(parts, n, PARAM_ENCODING, "title", "a file where a text "
	    "belongs");
	return unit_done();
}
