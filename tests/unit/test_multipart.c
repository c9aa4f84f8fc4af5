/* File uploads: multipart/form-data bodies (multipart.c). */
#include "multipart.h"
#include "unit.h"

int
main(void)
{
	static const char body[] =
	    "--b1\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n"
	    "--b1\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"taulukko.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n"
	    "a,b\r\n1,2\r\n"
	    "\r\n--b1--\r\n";
	struct mp_part		 parts[4];
	const struct mp_part	*p;
	char			 b[80];
	int			 n;

	CHECK(multipart_boundary("multipart/form-data; boundary=b1", b,
	    sizeof(b)) == 0, "boundary found");
	CHECK_STR(b, "b1", "boundary");
	CHECK(multipart_boundary("multipart/form-data; boundary=\"a b\"", b,
	    sizeof(b)) == 0 && strcmp(b, "a b") == 0, "quoted boundary");
	CHECK(multipart_boundary("application/x-www-form-urlencoded", b,
	    sizeof(b)) == -1, "a form is not multipart");
	CHECK(multipart_boundary("multipart/form-data", b, sizeof(b)) == -1,
	    "no boundary");

	n = multipart_parse(body, sizeof(body) - 1, "b1", parts, 4);
	CHECK_INT(n, 2, "two parts");
	p = multipart_get(parts, n, "csrf");
	CHECK(p != NULL && p->len == 3 && memcmp(p->data, "tok", 3) == 0,
	    "the csrf part");
	p = multipart_get(parts, n, "file");
	CHECK(p != NULL && strcmp(p->filename, "taulukko.csv") == 0,
	    "the file's name");
	/* The CRLF before the delimiter belongs to the delimiter. */
	CHECK(p != NULL && p->len == 10 && memcmp(p->data,
	    "a,b\r\n1,2\r\n", 10) == 0,
	    "the file's bytes, its own line ends kept");
	CHECK(multipart_get(parts, n, "filename") == NULL,
	    "filename is not a part's name");

	CHECK_INT(multipart_parse(body, sizeof(body) - 10, "b1", parts, 4), -1,
	    "a body cut short");
	CHECK_INT(multipart_parse(body, sizeof(body) - 1, "b1", parts, 1), -1,
	    "more parts than room");
	CHECK_INT(multipart_parse(body, sizeof(body) - 1, "zz", parts, 4), -1,
	    "another boundary");
	CHECK_INT(multipart_parse("--b1\r\nX: y\r\n\r\nz\r\n--b1--", 24, "b1",
	    parts, 4), -1, "a part without a name");
	return unit_done();
}
