/* UTF-8 validation and decoding. */
#ifndef TOTEUMA_UTF8_H
#define TOTEUMA_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point at s (n bytes available). Returns its length in
 * bytes, or 0 for an invalid, overlong or truncated sequence.
 */
size_t	utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Returns the offset of the first invalid byte, or n if all is valid. */
size_t	utf8_check(const char *s, size_t n);
/* Number of code points in valid UTF-8. */
size_t	utf8_length(const char *s, size_t n);
/* The characters (code points) of a valid UTF-8 string. */
size_t	utf8_chars(const char *s);
/*
 * The bytes of the first chars characters of valid UTF-8 s (all of it
 * when it has fewer): where to shorten it without cutting a character.
 */
size_t	utf8_prefix(const char *s, size_t chars);

struct buf;
/* Appends s lowercased (ASCII and Latin-1 letters such as Ä, Ö, Å). */
void	utf8_lower(struct buf *, const char *s, size_t n);
/* Appends one code point. */
void	utf8_put(struct buf *, uint32_t cp);
/* Appends s, or its first chars characters and "…" when it is longer. */
void	utf8_put_short(struct buf *, const char *s, size_t chars);
#endif
