/*
 * Handing a message to the mail relay with libcurl's SMTP client:
 * TOTEUMA_SMTP_URL is smtp://HOST[:PORT] or smtps://HOST[:PORT]
 * (TLS from the start), with USER:PASSWORD@ for authentication. A
 * user name, or "?starttls" at the end, makes STARTTLS required on
 * smtp://, so that a password never goes in the clear.
 */
#ifndef TOTEUMA_SMTP_H
#define TOTEUMA_SMTP_H

#include <stddef.h>

struct smtp_conf {
	char	url[1024];	/* as libcurl takes it */
	int	starttls;	/* STARTTLS required */
};

enum smtp_result {
	SMTP_SENT,		/* the relay accepted it */
	SMTP_LATER,		/* no relay, or it said 4xx: try again */
	SMTP_REFUSED		/* it said 5xx: do not */
};

/* 0, or -1 with what is wrong with url in err. */
int	smtp_configure(struct smtp_conf *, const char *url, char *err,
	    size_t errlen);
/*
 * Sends msg (a whole message, CRLF line ends) from from to to, with
 * the relay's last answer (or why there was none) in answer.
 */
enum smtp_result smtp_send(const struct smtp_conf *, const char *from,
	    const char *to, const char *msg, size_t len, char *answer,
	    size_t alen);

#endif
