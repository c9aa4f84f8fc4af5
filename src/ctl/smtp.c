/*
 * SMTP through libcurl; see smtp.h. libcurl speaks the protocol
 * (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA with dot-stuffing); this
 * module gives it the message and keeps what the relay said last.
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "smtp.h"

struct upload {
	const char	*data;
	size_t		 len, off;
};

struct answer {
	char		*line;
	size_t		 len;
};

static size_t	read_cb(char *, size_t, size_t, void *);
static int	debug_cb(CURL *, curl_infotype, char *, size_t, void *);

int
smtp_configure(struct smtp_conf *c, const char *url, char *err,
    size_t errlen)
{
	const char	*host, *at, *end;
	size_t		 n;

	memset(c, 0, sizeof(*c));
	if (strncmp(url, "smtp://", 7) == 0)
		host = url + 7;
	else if (strncmp(url, "smtps://", 8) == 0)
		host = url + 8;
	else {
		snprintf(err, errlen, "TOTEUMA_SMTP_URL is not smtp:// or "
		    "smtps://");
		return -1;
	}
	n = strlen(url);
	if (n > 9 && strcmp(url + n - 9, "?starttls") == 0) {
		c->starttls = 1;
		n -= 9;
	}
	if (strpbrk(url, " \t\r\n") != NULL || n >= sizeof(c->url) ||
	    host[0] == '\0' || host[0] == '/' || memchr(url, '?', n)) {
		snprintf(err, errlen, "TOTEUMA_SMTP_URL is not an address "
		    "such as smtp://127.0.0.1:25");
		return -1;
	}
	end = strchr(host, '/');
	at = strchr(host, '@');
	if (at != NULL && (end == NULL || at < end) && url[4] == ':')
		c->starttls = 1;
	memcpy(c->url, url, n);
	c->url[n] = '\0';
	return 0;
}

static size_t
read_cb(char *out, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(out, u->data + u->off, n);
	u->off += n;
	return n;
}

/* Keeps the relay's last answer line, but for its goodbye to QUIT. */
static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct answer	*a = arg;
	size_t		 n = size;

	if (type != CURLINFO_HEADER_IN || (size >= 3 &&
	    memcmp(data, "221", 3) == 0))
		return 0;
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= a->len)
		n = a->len - 1;
	memcpy(a->line, data, n);
	a->line[n] = '\0';
	return 0;
}

enum smtp_result
smtp_send(const struct smtp_conf *c, const char *from, const char *to,
    const char *msg, size_t len, char *answer, size_t alen)
{
	CURL			*h;
	struct curl_slist	*rcpt = NULL;
	struct upload		 u = { msg, len, 0 };
	struct answer		 a = { answer, alen };
	char			 errbuf[CURL_ERROR_SIZE] = "", addr[300];
	long			 code = 0;
	CURLcode		 rc;

	answer[0] = '\0';
	if ((h = curl_easy_init()) == NULL) {
		snprintf(answer, alen, "libcurl failed to start");
		return SMTP_LATER;
	}
	snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(rcpt, addr);
	snprintf(addr, sizeof(addr), "<%s>", from);
	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (c->starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, &a);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	if (rc == CURLE_OK)
		return SMTP_SENT;
	if (code < 400 || answer[0] == '\0')
		snprintf(answer, alen, "%s", errbuf[0] != '\0' ? errbuf :
		    curl_easy_strerror(rc));
	return code >= 500 && code < 600 ? SMTP_REFUSED : SMTP_LATER;
}
