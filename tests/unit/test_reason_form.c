/*
 * The reason category form: labels required in three languages and
 * their limit in characters, a code of lowercase letters and _ for a
 * new category only.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "reason_form.h"
#include "unit.h"

UNIT_FORM_CHECK_WITH(reason_form, reason_fields, RNF_COUNT)

/* The form read as is_new from a body whose Finnish label has n "ä". */
static int
with_label(struct reason_form *f, size_t n, const char *rest, int is_new)
{
	char	*body;
	int	 r;

	body = unit_body("csrf=t&label_fi=", n, rest);
	r = check(f, body, is_new);
	free(body);
	return r;
}

int
main(void)
{
	struct reason_form	f;

	CHECK_INT(with_label(&f, REASON_LABEL_MAX, "&code=no_money&"
	    "label_sv=S&label_en=E", 1), 0, "a new category, a label of "
	    "exactly 80 characters");
	reason_form_free(&f);
	CHECK_INT(with_label(&f, REASON_LABEL_MAX + 1, "&code=no_money&"
	    "label_sv=S&label_en=E", 1), 1, "a label of 81 characters");
	CHECK_STR(f.error, "A label has at most 80 characters.", "said");
	reason_form_free(&f);
	CHECK_INT(with_label(&f, 3, "&code=No+Money&label_sv=&label_en=E", 1),
	    2, "a bad code and no Swedish label");
	CHECK_STR(f.error, "Give the label in Finnish, Swedish and English.",
	    "the missing label is said first");
	reason_form_free(&f);
	CHECK_INT(with_label(&f, 3, "&code=&label_sv=S&label_en=E", 0), 0,
	    "an existing category: no code needed");
	reason_form_free(&f);
	return unit_done();
}
