/*
 * Search terms from the Voikko Finnish morphology and the Snowball
 * Swedish and English stemmers; see search.h. Voikko
 * gives every reading of a word: BASEFORM ("nuori") and WORDBASES, the
 * morphemes with their base forms, e.g.
 * "+digi+asioi(asioida)+nti(+ti)+alusta(alusta)". A root followed by
 * derivational suffixes ("asioi" + "nti") is one compound part,
 * "asiointi"; a root alone is its base form ("alusta"). Analyses are
 * cached per word, since texts repeat their words.
 */
#include <libstemmer.h>
#include <libvoikko/voikko.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "buf.h"
#include "search.h"
#include "utf8.h"

#define CACHE_SIZE	8192	/* words; a slot is replaced on collision */

struct cache_slot {
	char		*word;
	struct strset	 terms;
};

enum char_class { CH_SEP, CH_WORD, CH_JOIN };

/* Code points >= 0x80 that are no letter or digit (as [[:alnum:]]). */
static const uint32_t	separators[][2] = {
	{ 0x80, 0xa9 }, { 0xab, 0xb4 }, { 0xb6, 0xb9 }, { 0xbb, 0xbf },
	{ 0xd7, 0xd7 }, { 0xf7, 0xf7 }, { 0x2000, 0x206f },
	{ 0x20a0, 0x20cf }, { 0x2190, 0x245f }, { 0x2500, 0x2bff },
	{ 0x2e00, 0x2e7f }, { 0x3000, 0x3003 }, { 0x3008, 0x3020 },
	{ 0xfe10, 0xfe6f }, { 0xff01, 0xff0f }, { 0xff1a, 0xff20 },
	{ 0xff3b, 0xff40 }, { 0xff5b, 0xff65 }, { 0xfffd, 0xfffd },
	{ 0x1f000, 0x1faff },
};

static struct VoikkoHandle	*voikko;
static struct sb_stemmer	*stem_sv, *stem_en;
static struct cache_slot	*cache;

static enum char_class	char_class(uint32_t);
static enum char_class	class_at(const unsigned char *,
			    const unsigned char *, size_t *);
static int	next_word(const unsigned char **, const unsigned char *,
		    const unsigned char **, size_t *, int *);
static void	add_joined(struct strset *, const char *, size_t);
static void	written_terms(const unsigned char *, size_t, int,
		    struct strset *, int);
static void	stems(struct sb_stemmer *, const char *, const char *,
		    struct strset *);
static void	word_terms(const char *, size_t, struct strset *, int);
static void	analyse(const char *, struct strset *, int);
static void	wordbases_parts(const char *, struct strset *);
static uint32_t	hash(const char *);
static void	append_surface(struct buf *, const char *, size_t);
static int	strcmp_p(const void *, const void *);

int
search_init(char *err, size_t errlen)
{
	const char	*verr = NULL;

	if (voikko != NULL)
		return 0;
	if ((voikko = voikkoInit(&verr, "fi", NULL)) == NULL) {
		strncpy(err, verr ? verr : "unknown error", errlen - 1);
		err[errlen - 1] = '\0';
		return -1;
	}
	voikkoSetBooleanOption(voikko, VOIKKO_OPT_IGNORE_DOT, 1);
	/* PostgreSQL's swedish_stem and english_stem: the same Snowball. */
	if ((stem_sv = sb_stemmer_new("swedish", "UTF_8")) == NULL ||
	    (stem_en = sb_stemmer_new("english", "UTF_8")) == NULL) {
		strncpy(err, "no Snowball stemmer for Swedish or English",
		    errlen - 1);
		err[errlen - 1] = '\0';
		search_fini();
		return -1;
	}
	cache = xcalloc(CACHE_SIZE, sizeof(*cache));
	return 0;
}

void
search_fini(void)
{
	size_t	i;

	if (voikko != NULL)
		voikkoTerminate(voikko);
	voikko = NULL;
	if (stem_sv != NULL)
		sb_stemmer_delete(stem_sv);
	if (stem_en != NULL)
		sb_stemmer_delete(stem_en);
	stem_sv = stem_en = NULL;
	if (cache != NULL) {
		for (i = 0; i < CACHE_SIZE; i++) {
			free(cache[i].word);
			strset_free(&cache[i].terms);
		}
		free(cache);
		cache = NULL;
	}
}

/*
 * Letters and digits are words; joiners join two parts of a written
 * word ("Pol.is", "e-palvelu", "digi\u2010palvelu", "don't") when they
 * stand between letters or digits; the rest separates words. The same
 * classes as search_words() in sql/functions/search.sql.
 */
static enum char_class
char_class(uint32_t cp)
{
	size_t	i;

	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return CH_WORD;
		return cp == '.' || cp == '-' || cp == '\'' ? CH_JOIN : CH_SEP;
	}
	/* Soft hyphen, hyphen, non-breaking hyphen, en dash, apostrophe. */
	if (cp == 0xad || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 ||
	    cp == 0x2019)
		return CH_JOIN;
	for (i = 0; i < sizeof(separators) / sizeof(separators[0]); i++)
		if (cp >= separators[i][0] && cp <= separators[i][1])
			return CH_SEP;
	return CH_WORD;
}

/* The class of the character at p and its length (an invalid byte: 1). */
static enum char_class
class_at(const unsigned char *p, const unsigned char *e, size_t *len)
{
	uint32_t	cp;

	if ((*len = utf8_decode(p, (size_t)(e - p), &cp)) == 0) {
		*len = 1;
		return CH_SEP;
	}
	return char_class(cp);
}

/*
 * The next written word at or after *pp: letters and digits, with single
 * joiners between them (*joined says whether there was one). Returns 0
 * at the end of the text.
 */
static int
next_word(const unsigned char **pp, const unsigned char *e,
    const unsigned char **w, size_t *n, int *joined)
{
	const unsigned char	*p = *pp;
	size_t			 len = 0, jlen;

	*joined = 0;
	while (p < e && class_at(p, e, &len) != CH_WORD)
		p += len;
	*w = p;
	for (;;) {
		while (p < e && class_at(p, e, &len) == CH_WORD)
			p += len;
		/* What ends the word: a joiner may lead to more of it. */
		if (p == e || class_at(p, e, &len) != CH_JOIN)
			break;
		jlen = len;
		if (p + jlen >= e || class_at(p + jlen, e, &len) != CH_WORD)
			break;
		*joined = 1;
		p += jlen;
	}
	*n = (size_t)(p - *w);
	*pp = p;
	return *n > 0;
}

/* Appends s (n bytes) without its joiners ("e-palvelu" -> "epalvelu"). */
static void
join_into(struct buf *b, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s, *e = p + n;
	size_t			 len;

	while (p < e) {
		if (class_at(p, e, &len) != CH_JOIN)
			buf_append(b, p, len);
		p += len;
	}
}

static void
add_joined(struct strset *set, const char *s, size_t n)
{
	struct buf	b;

	buf_init(&b);
	join_into(&b, s, n);
	strset_add(set, b.data ? b.data : "", b.len);
	buf_free(&b);
}

static uint32_t
hash(const char *s)
{
	uint32_t	h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* A morpheme's surface; '=' marks a boundary inside it ("toimen=pide"). */
static void
append_surface(struct buf *b, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] != '=')
			buf_putc(b, s[i]);
}

/*
 * "+käyt(käyttää)+tö(+tö)+ohje(ohje)": groups a root with the suffixes
 * after it and adds each group's surface ("käyttö") and the root's base.
 */
static void
wordbases_parts(const char *wb, struct strset *set)
{
	struct buf	 group;
	const char	*p = wb, *surf, *base;
	size_t		 slen, blen;
	int		 groups = 0;

	buf_init(&group);
	while (*p == '+') {
		p++;
		surf = p;
		while (*p != '\0' && *p != '(' && *p != '+')
			p++;
		slen = (size_t)(p - surf);
		base = NULL;
		blen = 0;
		if (*p == '(') {
			base = ++p;
			while (*p != '\0' && *p != ')')
				p++;
			blen = (size_t)(p - base);
			if (*p == ')')
				p++;
		}
		if (base != NULL && blen > 0 && base[0] == '+') {
			/* A derivational suffix: part of the current group. */
			append_surface(&group, surf, slen);
			continue;
		}
		if (group.len > 0)
			strset_add(set, group.data, group.len);
		buf_reset(&group);
		append_surface(&group, surf, slen);
		if (base != NULL && blen > 0) {
			struct buf clean;

			buf_init(&clean);
			append_surface(&clean, base, blen);
			strset_add(set, clean.data ? clean.data : "",
			    clean.len);
			buf_free(&clean);
		}
		groups++;
	}
	if (group.len > 0 && groups > 1)
		strset_add(set, group.data, group.len);
	buf_free(&group);
}

/* The terms of one lowercase word, from the cache or from Voikko. */
static void
analyse(const char *word, struct strset *out, int parts)
{
	struct voikko_mor_analysis	**an;
	struct cache_slot		 *slot;
	struct strset			  terms = { NULL, 0, 0 };
	char				 *v;
	size_t				  i, j;

	slot = &cache[(hash(word) ^ (uint32_t)parts) % CACHE_SIZE];
	if (slot->word == NULL || strcmp(slot->word + 1, word) != 0 ||
	    slot->word[0] != (char)('0' + parts)) {
		an = voikkoAnalyzeWordCstr(voikko, word);
		for (i = 0; an != NULL && an[i] != NULL; i++) {
			if ((v = voikko_mor_analysis_value_cstr(an[i],
			    "BASEFORM")) != NULL) {
				struct buf lc;

				buf_init(&lc);
				utf8_lower(&lc, v, strlen(v));
				strset_add(&terms, lc.data ? lc.data : "",
				    lc.len);
				buf_free(&lc);
				voikko_free_mor_analysis_value_cstr(v);
			}
			if (parts && (v = voikko_mor_analysis_value_cstr(an[i],
			    "WORDBASES")) != NULL) {
				wordbases_parts(v, &terms);
				voikko_free_mor_analysis_value_cstr(v);
			}
		}
		if (an != NULL)
			voikko_free_mor_analysis(an);
		free(slot->word);
		strset_free(&slot->terms);
		slot->word = xmalloc(strlen(word) + 2);
		slot->word[0] = (char)('0' + parts);
		strcpy(slot->word + 1, word);
		/* "e-palvelu" is found as "epalvelu", as its text is. */
		for (j = 0; j < terms.count; j++)
			add_joined(&slot->terms, terms.items[j],
			    strlen(terms.items[j]));
		strset_free(&terms);
	}
	for (j = 0; j < slot->terms.count; j++)
		strset_add(out, slot->terms.items[j],
		    strlen(slot->terms.items[j]));
}

/* The lowercase word w and its Voikko terms. */
static void
word_terms(const char *w, size_t n, struct strset *set, int parts)
{
	struct buf	lc;

	buf_init(&lc);
	utf8_lower(&lc, w, n);
	if (lc.len == 0) {
		buf_free(&lc);
		return;
	}
	buf_cstr(&lc);
	strset_add(set, lc.data, lc.len);
	if (voikko != NULL && lc.len <= SEARCH_MAX_WORD)
		analyse(lc.data, set, parts);
	buf_free(&lc);
}

/*
 * The terms of a written word w (n bytes). A word with joiners gives
 * the terms of its parts (for a text: parts = 1), of the whole as
 * written ("e-palvelu": its base form) and of the whole joined
 * ("epalvelu"), each without joiners.
 */
static void
written_terms(const unsigned char *w, size_t n, int joined,
    struct strset *set, int parts)
{
	const unsigned char	*p = w, *part;
	struct strset		 whole = { NULL, 0, 0 };
	struct buf		 j;
	size_t			 i, len = 0;

	if (!joined) {
		word_terms((const char *)w, n, set, parts);
		return;
	}
	while (parts && p < w + n) {
		for (part = p; p < w + n && class_at(p, w + n, &len) ==
		    CH_WORD; p += len)
			;
		word_terms((const char *)part, (size_t)(p - part), set,
		    parts);
		if (p < w + n)
			p += len;	/* the joiner */
	}
	word_terms((const char *)w, n, &whole, parts);
	for (i = 0; i < whole.count; i++)
		add_joined(set, whole.items[i], strlen(whole.items[i]));
	strset_free(&whole);
	buf_init(&j);
	join_into(&j, (const char *)w, n);
	word_terms(j.data ? j.data : "", j.len, set, parts);
	buf_free(&j);
}

/* Adds "xx:" and the Snowball stem of the lowercase word w. */
static void
stems(struct sb_stemmer *st, const char *prefix, const char *w,
    struct strset *set)
{
	const sb_symbol	*s;
	struct buf	 b;

	if (st == NULL || strlen(w) > SEARCH_MAX_WORD)
		return;
	if ((s = sb_stemmer_stem(st, (const sb_symbol *)w,
	    (int)strlen(w))) == NULL)
		return;
	buf_init(&b);
	buf_puts(&b, prefix);
	buf_append(&b, s, (size_t)sb_stemmer_length(st));
	strset_add(set, b.data, b.len);
	buf_free(&b);
}

void
search_terms(const char *text, struct strset *set)
{
	const unsigned char	*p = (const unsigned char *)text, *e, *w;
	size_t			 n;
	int			 joined;

	e = p + strlen(text);
	while (next_word(&p, e, &w, &n, &joined))
		written_terms(w, n, joined, set, 1);
}

size_t
search_query_parse(const char *q, struct search_query *sq)
{
	const unsigned char	*p = (const unsigned char *)q, *e, *w;
	struct buf		 lc, j;
	size_t			 i, n;
	int			 joined;

	memset(sq, 0, sizeof(*sq));
	e = p + strlen(q);
	while (sq->nwords < SEARCH_MAX_WORDS &&
	    next_word(&p, e, &w, &n, &joined)) {
		buf_init(&j);
		join_into(&j, (const char *)w, n);
		buf_init(&lc);
		utf8_lower(&lc, j.data ? j.data : "", j.len);
		buf_cstr(&lc);
		buf_free(&j);
		for (i = 0; i < sq->nwords; i++)
			if (strcmp(sq->words[i], lc.data) == 0)
				break;
		if (i < sq->nwords || lc.len == 0) {
			buf_free(&lc);
			continue;
		}
		sq->words[sq->nwords] = lc.data;	/* owned */
		written_terms(w, n, joined, &sq->terms[sq->nwords], 0);
		stems(stem_sv, SEARCH_STEM_SV, lc.data,
		    &sq->terms[sq->nwords]);
		stems(stem_en, SEARCH_STEM_EN, lc.data,
		    &sq->terms[sq->nwords]);
		strset_finish(&sq->terms[sq->nwords]);
		sq->nwords++;
	}
	return sq->nwords;
}

void
search_query_free(struct search_query *sq)
{
	size_t	i;

	for (i = 0; i < sq->nwords; i++) {
		free(sq->words[i]);
		strset_free(&sq->terms[i]);
	}
	sq->nwords = 0;
}

void
strset_add(struct strset *s, const char *p, size_t n)
{
	char	*c;

	if (n == 0)
		return;
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->items = xrealloc(s->items,
		    s->cap * sizeof(*s->items));
	}
	c = xmalloc(n + 1);
	memcpy(c, p, n);
	c[n] = '\0';
	s->items[s->count++] = c;
}

static int
strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strset_finish(struct strset *s)
{
	size_t	i, j = 0;

	if (s->count == 0)
		return;
	qsort(s->items, s->count, sizeof(*s->items), strcmp_p);
	for (i = 1; i < s->count; i++) {
		if (strcmp(s->items[i], s->items[j]) == 0)
			free(s->items[i]);
		else
			s->items[++j] = s->items[i];
	}
	s->count = j + 1;
}

void
strset_free(struct strset *s)
{
	size_t	i;

	for (i = 0; i < s->count; i++)
		free(s->items[i]);
	free(s->items);
	s->items = NULL;
	s->count = s->cap = 0;
}
