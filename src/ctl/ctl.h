/* toteumactl's commands and the helpers they share. */
#ifndef TOTEUMA_CTL_H
#define TOTEUMA_CTL_H

#include <libpq-fe.h>

PGconn		*ctl_connect(void);
PGresult	*ctl_query(PGconn *, const char *, int, const char *const *);

int	ctl_migrate(int, char **);
int	ctl_import(int, char **);
int	ctl_export(int, char **);
int	ctl_user(int, char **);
int	ctl_prune(int, char **);
int	ctl_check(int, char **);
int	ctl_mail(int, char **);

#endif
