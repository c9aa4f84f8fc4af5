/* The unit editor's action form, checked without the database. */
#include <stdlib.h>

#include "action_form.h"
#include "unit.h"

/* Parses body as the form and checks it; returns the problem count. */
static int
form(const char *body, struct action_form *f)
{
	const char	*bad;

	if (action_form_parse(f, body, &bad) != PARAM_OK)
		return -1;
	return f->form.nerr;
}

/* Forms with one problem each, and the field it is on where looked at. */
static const struct bad_form {
	const char	*body;
	const char	*what;
	int		 field;
	const char	*field_what;
} bad_forms[] = {
	{ "schedule_kind=months&start=5%2F2025&end=4%2F2025&revision=1",
	    "an end before the start", AF_END, "it is the end month's" },
	{ "schedule_kind=months&revision=1", "months without months", 0, NULL },
	{ "schedule_kind=text&schedule_text=&revision=1",
	    "text schedule without text", 0, NULL },
	{ "schedule_kind=weekly&revision=1", "an unknown kind of schedule", 0,
	    NULL },
	{ "schedule_kind=none&actual_start=2025-05-02&actual_end=2025-05-01&"
	    "revision=1", "an actual end before its start", AF_ACTUAL_END,
	    "it is the actual end's" },
	{ "schedule_kind=none&evidence=javascript%3Aalert(1)&revision=1",
	    "a javascript: link", 0, NULL },
	{ "schedule_kind=none&evidence=%2Frelative&revision=1",
	    "a relative link", 0, NULL },
	{ "schedule_kind=none&evidence=https%3A%2F%2Fa.fi%2Fx%20y&revision=1",
	    "a link with a space", 0, NULL },
	{ "schedule_kind=none&evidence=https%3A%2F%2F%2Fpath&revision=1",
	    "a link without a host", 0, NULL },
	{ "schedule_kind=none", "no revision", AF_REVISION,
	    "the revision is missing" },
};

int
main(void)
{
	const struct bad_form	*c;
	struct action_form	 f;
	const char		*why;
	json_t			*j;
	char			*s, *body;
	int			 m, y;

	CHECK(form_month("3/2025", &m, &y, &why) == 0 && m == 3 && y == 2025,
	    "3/2025 is a month");
	CHECK(form_month("03/2025", &m, &y, &why) == 0 && m == 3,
	    "03/2025 is a month");
	CHECK(form_month("2025-11", &m, &y, &why) == 0 && m == 11 &&
	    y == 2025, "2025-11 is a month");
	CHECK(form_month("13/2025", &m, &y, &why) == -1 &&
	    strstr(why, "between 1 and 12") != NULL, "13/2025 is not: %s",
	    why);
	CHECK(form_month("0/2025", &m, &y, &why) == -1, "0/2025 is not");
	CHECK(form_month("3/25", &m, &y, &why) == -1, "3/25 is not");
	CHECK(form_month("3/2025x", &m, &y, &why) == -1, "trailing text");
	CHECK(form_month("maaliskuu", &m, &y, &why) == -1, "a word is not");

	CHECK(form_date("2024-02-29", &why) == 0, "a leap day");
	CHECK(form_date("2025-02-29", &why) == -1, "no leap day in 2025");
	CHECK(form_date("2025-04-31", &why) == -1, "April has 30 days");
	CHECK(form_date("2025-4-3", &why) == -1, "short form is refused");
	CHECK(form_date("31.12.2025", &why) == -1, "Finnish form is refused");

	CHECK_INT(form("status=done&status_note=Valmis%0D%0Aok&"
	    "schedule_kind=months&start=10%2F2024&end=3%2F2026&"
	    "actual_start=2024-10-01&actual_end=2026-03-15&info=&"
	    "evidence=https%3A%2F%2Fexample.org%2Fa%0D%0A%0D%0A"
	    "http%3A%2F%2Fexample.org%2Fb&revision=4&csrf=x", &f), 0,
	    "a valid form has no problems");
	CHECK_STR(f.form.v[AF_STATUS_NOTE], "Valmis\nok", "CRLF became LF");
	CHECK(f.revision == 4 && f.start_year == 2024 && f.end_month == 3,
	    "revision and months are read");
	j = action_form_json(&f);
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	CHECK_STR(s, "{\"actual_end\":\"2026-03-15\",\"actual_start\":"
	    "\"2024-10-01\",\"evidence\":[\"https://example.org/a\","
	    "\"http://example.org/b\"],\"info\":\"\",\"info_en\":\"\","
	    "\"info_sv\":\"\",\"reason_category\":null,\"schedule_end\":"
	    "\"2026-03-01\",\"schedule_kind\":\"months\",\"schedule_start\":"
	    "\"2024-10-01\",\"schedule_text\":\"\",\"status\":\"done\","
	    "\"status_note\":\"Valmis\\nok\",\"status_note_en\":\"\","
	    "\"status_note_sv\":\"\"}", "the document to save");
	free(s);
	json_decref(j);
	action_form_free(&f);

	CHECK_INT(form("schedule_kind=months&start=13%2F2025&revision=1",
	    &f), 1, "13/2025: one problem");
	CHECK(f.form.err[AF_START] != NULL, "it is the start month's");
	CHECK_STR(f.form.v[AF_START], "13/2025", "the typed value is kept");
	action_form_free(&f);

	for (c = bad_forms; c < bad_forms + UNIT_NCASES(bad_forms); c++) {
		CHECK_INT(form(c->body, &f), 1, c->what);
		if (c->field_what != NULL)
			CHECK(f.form.err[c->field] != NULL, "%s",
			    c->field_what);
		action_form_free(&f);
	}

	body = unit_body("schedule_kind=none&revision=1&info=", 20001, "");
	CHECK_INT(form(body, &f), 1, "20,001 characters of info");
	CHECK(f.form.err[AF_INFO] != NULL, "it is the info's");
	action_form_free(&f);
	free(body);
	return unit_done();
}
