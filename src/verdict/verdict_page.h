/*
 * The panel's verdict: a member's page (http_verdict.c, /verdict/TOKEN)
 * and the admins' page of a process (http_verdict_admin.c).
 */
#ifndef TOTEUMA_VERDICT_PAGE_H
#define TOTEUMA_VERDICT_PAGE_H

#include <kore/kore.h>
#include <kore/http.h>

int	page_verdict_member(struct http_request *);
int	page_admin_verdict(struct http_request *);

#endif
