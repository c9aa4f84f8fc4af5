/*
 * The connect callback of the HTTP listener (conf/toteuma.conf.in, "bind
 * ... toteuma_connect"): Kore's own plain-HTTP setup, plus an answer to a
 * request line or headers that do not fit in http_header_max. Without it
 * Kore 4.1 calls recv(2) with no room left in the buffer, takes the 0 it
 * gets for the client's close, and the client sees a reset, no status.
 */
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

/*
 * After the answer the connection stays open for what the client is still
 * sending: a close with unread data makes the kernel send a reset, and a
 * reset can throw away the answer before the client has read it. (A
 * half-close would be better, but shutdown(2) is not in Kore's seccomp
 * filter.) The connection closes at once when the client closes, else
 * after a quiet second (Kore's idle timer), and at the latest after a few
 * seconds (Kore checks these timers when the worker wakes: the tick of
 * server.c wakes it).
 */
#define CONN_LINGER_IDLE_MS	1000
#define CONN_LINGER_MAX_MS	5000

void	toteuma_connect(struct connection *);

static int	conn_read(struct connection *, size_t *);
static int	conn_refuse(struct connection *, int);
static int	conn_discard(struct netbuf *);

/* What kore_connection_accept does for HTTP, with our read wrapper. */
void
toteuma_connect(struct connection *c)
{
	/* Kore leaves this to the callback when TLS is on; harmless off. */
	c->state = CONN_STATE_ESTABLISHED;
	c->proto = CONN_PROTO_HTTP;
	if (http_keepalive_time != 0)
		c->idle_timer.length = http_keepalive_time * 1000;
	net_recv_queue(c, http_header_max, NETBUF_CALL_CB_ALWAYS,
	    http_header_recv);
	/* conn_read calls net_read: under TLS, Kore's reader stays. */
	if (c->read == net_read)
		c->read = conn_read;
}

static int
conn_read(struct connection *c, size_t *bytes)
{
	struct netbuf	*nb;

	nb = c->rnb;
	/*
	 * A full header buffer still waiting for http_header_recv holds no
	 * complete request (that would have taken the buffer). Kore's own
	 * error answers have set CONN_CLOSE_EMPTY: those keep their way out,
	 * and so does a connection with a request still running, whose
	 * answer must not come after ours.
	 */
	if (nb->cb == http_header_recv && nb->s_off == nb->b_len &&
	    c->state == CONN_STATE_ESTABLISHED &&
	    !(c->flags & CONN_CLOSE_EMPTY) &&
	    TAILQ_EMPTY(&c->http_requests)) {
		if (!conn_refuse(c,
		    memchr(nb->buf, '\n', nb->s_off) == NULL))
			return (KORE_RESULT_ERROR);
	}
	return (net_read(c, bytes));
}

/*
 * Answers 414 when not even the request line fitted, else 431 (Kore has no
 * text for 431), and turns the connection into a sink; see CONN_LINGER_*.
 */
static int
conn_refuse(struct connection *c, int line)
{
	const char	*status, *body;
	char		 head[256];
	int		 n;

	status = line ? "414 URI Too Long" :
	    "431 Request Header Fields Too Large";
	body = line ? "Request line too long\n" :
	    "Request header fields too large\n";
	n = snprintf(head, sizeof(head), "HTTP/1.1 %s\r\n"
	    "content-type: text/plain; charset=utf-8\r\n"
	    "content-length: %zu\r\n"
	    "connection: close\r\n"
	    "x-content-type-options: nosniff\r\n"
	    "cache-control: no-store\r\n"
	    "\r\n", status, strlen(body));
	if (n < 0 || (size_t)n >= sizeof(head))
		return (KORE_RESULT_ERROR);

	c->rnb->cb = conn_discard;
	c->rnb->s_off = 0;
	/* Kore's header timeout would append a 408 to our answer. */
	c->http_timeout = 0;
	c->http_start = kore_time_ms();	/* conn_discard's clock */
	c->idle_timer.length = CONN_LINGER_IDLE_MS;

	net_send_queue(c, head, (size_t)n);
	net_send_queue(c, body, strlen(body));
	return (net_send_flush(c));
}

/*
 * A client that keeps sending is cut off after CONN_LINGER_MAX_MS, with a
 * reset if it must be: it has had its answer for seconds.
 */
static int
conn_discard(struct netbuf *nb)
{
	struct connection	*c;

	c = nb->owner;
	nb->s_off = 0;
	if (kore_time_ms() - c->http_start >= CONN_LINGER_MAX_MS)
		return (KORE_RESULT_ERROR);
	return (KORE_RESULT_OK);
}
