/*
 * Outgoing HTTP(S) through libcurl's easy interface, one handle per
 * request, so that several threads may use it. No redirects are
 * followed, only http and https are spoken, and the answer is bounded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "httpc.h"
#include "mem.h"

/* The CA bundle, read before any chroot (NULL: libcurl's default). */
static struct curl_blob	ca_blob;
static int		ca_loaded;

static size_t	body_cb(char *, size_t, size_t, void *);

int
httpc_init(const char *ca_file, char *err, size_t len)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, len, "libcurl failed to start");
		return -1;
	}
	if (ca_file == NULL)
		return 0;
	if ((f = fopen(ca_file, "r")) == NULL) {
		snprintf(err, len, "cannot read the CA certificates %s",
		    ca_file);
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	/* Kept for the life of the process. */
	ca_blob.data = b.data;
	ca_blob.len = b.len;
	ca_blob.flags = CURL_BLOB_NOCOPY;
	ca_loaded = 1;
	return 0;
}

static size_t
body_cb(char *data, size_t size, size_t n, void *arg)
{
	struct buf	*out = arg;

	if (out->len + size * n > HTTPC_BODY_MAX)
		return 0;
	buf_append(out, data, size * n);
	return size * n;
}

int
httpc_request(const char *url, const char *form, const char *user,
    const char *password, long timeout, long *status, struct buf *out,
    char *err, size_t len)
{
	CURL		*h;
	CURLcode	 rc;
	char		 errbuf[CURL_ERROR_SIZE];

	*status = 0;
	buf_reset(out);
	errbuf[0] = '\0';
	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, len, "libcurl: no handle");
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "toteuma");
	if (ca_loaded) {
		curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &ca_blob);
		curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
	}
	if (form != NULL) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, form);
		if (user != NULL) {
			curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
			curl_easy_setopt(h, CURLOPT_USERNAME, user);
			curl_easy_setopt(h, CURLOPT_PASSWORD, password);
		}
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK) {
		snprintf(err, len, "%s: %s", url, errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

int
httpc_url_allowed(const char *url, int loopback_http)
{
	static const char *const loopback[] = {
		"http://127.0.0.1", "http://[::1]", "http://localhost"
	};
	size_t		 i, n;

	if (strncmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	if (!loopback_http)
		return 0;
	for (i = 0; i < sizeof(loopback) / sizeof(loopback[0]); i++) {
		n = strlen(loopback[i]);
		if (strncmp(url, loopback[i], n) == 0 &&
		    (url[n] == ':' || url[n] == '/' || url[n] == '\0'))
			return 1;
	}
	return 0;
}
