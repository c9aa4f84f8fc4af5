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

#endif
