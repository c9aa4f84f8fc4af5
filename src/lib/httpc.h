/*
 * Outgoing HTTP(S) requests through libcurl, for JSON documents of a
 * bounded size: a GET, or a POST of a form. Blocking: callers run them
 * off the event loop (a task thread). The CA certificates may be given
 * as a bundle read into memory before a chroot.
 */
#ifndef TOTEUMA_HTTPC_H
#define TOTEUMA_HTTPC_H

#include <stddef.h>

#include "buf.h"

/* Bodies larger than this are refused. */
#define HTTPC_BODY_MAX		(256 * 1024)

/* Once in the process, before threads; ca_file may be NULL (libcurl's). */
int	httpc_init(const char *ca_file, char *err, size_t len);
/*
 * GET url (form NULL) or POST form (application/x-www-form-urlencoded)
 * with basic credentials user:password unless user is NULL, within
 * timeout seconds. 0 with the status in *status and the body in out,
 * or -1 with a reason in err when no answer came.
 */
int	httpc_request(const char *url, const char *form, const char *user,
	    const char *password, long timeout, long *status, struct buf *out,
	    char *err, size_t len);
/*
 * 1 when url is https://, or http:// to a loopback host (127.0.0.1,
 * [::1], localhost) when loopback_http is set.
 */
int	httpc_url_allowed(const char *url, int loopback_http);

#endif
