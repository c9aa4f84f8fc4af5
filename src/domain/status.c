/* Status cells; see status.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "status.h"
#include "utf8.h"

static int	status_is_boundary(const char *);

/* A label ends at the end of the cell, a space or punctuation. */
static int
status_is_boundary(const char *p)
{
	return *p == '\0' || strchr(" \t\n.:;,-", *p) != NULL ||
	    strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xc2\xa0", 2) == 0;
}

int
status_parse(const struct status_list *list, const char *cell,
    const char **note)
{
	struct buf	 lc, ll;
	const char	*p;
	size_t		 i, best_len = 0, n;
	int		 l, best = -1;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	if (*cell == '\0')
		return -2;
	buf_init(&lc);
	buf_init(&ll);
	utf8_lower(&lc, cell, strlen(cell));
	buf_cstr(&lc);
	for (i = 0; i < list->count; i++) {
		for (l = 0; l < LANG_COUNT; l++) {
			buf_reset(&ll);
			utf8_lower(&ll, list->items[i].label[l],
			    strlen(list->items[i].label[l]));
			n = ll.len;
			/* Lowercasing keeps byte lengths for these letters. */
			if (n > best_len && n <= lc.len &&
			    memcmp(lc.data, ll.data, n) == 0 &&
			    status_is_boundary(cell + n)) {
				best = (int)i;
				best_len = n;
			}
		}
	}
	buf_free(&lc);
	buf_free(&ll);
	if (best < 0)
		return -1;
	p = cell + best_len;
	while (*p != '\0' && (strchr(" \t\n.:;,-", *p) != NULL ||
	    strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xc2\xa0", 2) == 0))
		p += (unsigned char)*p >= 0x80 ? (*p == '\xc2' ? 2 : 3) : 1;
	*note = p;
	return best;
}

const struct status *
status_by_code(const struct status_list *list, const char *code)
{
	size_t	i;

	for (i = 0; i < list->count; i++)
		if (strcmp(list->items[i].code, code) == 0)
			return &list->items[i];
	return NULL;
}

const struct status *
status_by_id(const struct status_list *list, int id)
{
	size_t	i;

	for (i = 0; i < list->count; i++)
		if (list->items[i].id == id)
			return &list->items[i];
	return NULL;
}

void
status_list_free(struct status_list *list)
{
	size_t	i;
	int	l;

	for (i = 0; i < list->count; i++)
		for (l = 0; l < LANG_COUNT; l++) {
			free(list->items[i].label[l]);
			free(list->items[i].meaning[l]);
		}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}
