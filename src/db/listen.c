/* The LISTEN connection of a server worker; see listen.h. */
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <libpq-fe.h>

#include "catalog_cache.h"
#include "listen.h"

#define RETRY_MS	3000
#define CHANNEL		"toteuma_data"

static char		*conninfo;
static PGconn		*conn;
static uint64_t		 next_try;
static struct kore_event evt;
static int		 failed_said;

static void	listen_read(void *, int);
static void	listen_drop(const char *);

void
db_listen_configure(const char *info)
{
	free(conninfo);
	conninfo = strdup(info);
}

int
db_listening(void)
{
	return conn != NULL;
}

static void
listen_drop(const char *why)
{
	if (!failed_said)
		kore_log(LOG_NOTICE, "not listening for changes (%s); reading "
		    "the data version once a second", why);
	failed_said = 1;
	if (conn != NULL) {
		kore_platform_disable_read(PQsocket(conn));
		PQfinish(conn);
		conn = NULL;
	}
}

void
db_listen_tick(uint64_t now)
{
	PGresult	*r;
	int		 ok;

	if (conn != NULL || conninfo == NULL || now < next_try)
		return;
	next_try = now + RETRY_MS;
	if ((conn = PQconnectdb(conninfo)) == NULL)
		return;
	if (PQstatus(conn) != CONNECTION_OK) {
		PQfinish(conn);
		conn = NULL;
		listen_drop("no connection");
		return;
	}
	r = PQexec(conn, "LISTEN " CHANNEL);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok || PQsetnonblocking(conn, 1) == -1) {
		listen_drop("LISTEN failed");
		return;
	}
	evt.type = 0;
	evt.flags = 0;
	evt.handle = listen_read;
	kore_platform_event_level_read(PQsocket(conn), &evt);
	if (failed_said)
		kore_log(LOG_NOTICE, "listening for changes again");
	failed_said = 0;
	/* What changed before the LISTEN: read the version once. */
	catalog_invalidate();
}

static void
listen_read(void *arg, int error)
{
	PGnotify	*n;

	evt.flags &= ~KORE_EVENT_READ;
	if (error || !PQconsumeInput(conn)) {
		listen_drop("the connection was lost");
		catalog_invalidate();
		return;
	}
	while ((n = PQnotifies(conn)) != NULL) {
		catalog_announced(strtoull(n->extra, NULL, 10));
		PQfreemem(n);
	}
}
