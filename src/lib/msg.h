/*
 * A message about bad input that can be shown in any language: its
 * msgid (English, with the placeholders %a% and %b%) and their values.
 * The command-line tool prints it in English; pages translate it.
 */
#ifndef TOTEUMA_MSG_H
#define TOTEUMA_MSG_H

#include <stddef.h>

struct msg {
	const char	*id;
	char		 a[160];
	char		 b[240];
};

void	msg_set(struct msg *, const char *id, const char *a, const char *b);
/* The message in English, placeholders filled in. */
void	msg_english(const struct msg *, char *out, size_t len);

/*
 * The problems found in an input (a CSV file, a sheet), each at its
 * place: a line or a sheet's row (0: the whole input) and a column
 * (0-based; -1: the whole line). The first MSG_MAX_PROBLEMS are kept,
 * the rest counted.
 */
#define MSG_MAX_PROBLEMS	100
struct msg_problem {
	size_t		line;
	int		column;
	struct msg	why;
};
struct msg_problems {
	struct msg_problem	items[MSG_MAX_PROBLEMS];
	size_t			count;
	size_t			more;	/* problems not listed */
	int			cells;	/* read from a sheet: places as C7 */
};
void	msg_problem(struct msg_problems *, size_t line, int column,
	    const char *id, const char *a, const char *b);

#endif
