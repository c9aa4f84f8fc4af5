/*
 * Search terms from the Voikko Finnish morphology; see search.h. Voikko
 * gives every reading of a word: BASEFORM ("nuori") and WORDBASES, the
 * morphemes with their base forms, e.g.
 * "+digi+asioi(asioida)+nti(+ti)+alusta(alusta)". A root followed by
 * derivational suffixes ("asioi" + "nti") is one compound part,
 * "asiointi"; a root alone is its base form ("alusta"). Analyses are
 * cached per word, since texts repeat their words.
 */
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

static struct VoikkoHandle	*voikko;
static struct cache_slot	*cache;

static int	is_word_byte(unsigned char);
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
	if (cache != NULL) {
		for (i = 0; i < CACHE_SIZE; i++) {
			free(cache[i].word);
			strset_free(&cache[i].terms);
		}
		free(cache);
		cache = NULL;
	}
}

/* Letters (any non-ASCII byte belongs to a letter here) and digits. */
static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
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
			strset_add(set, clean.data ? clean.data : "", clean.len);
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
		slot->terms = terms;
	}
	for (j = 0; j < slot->terms.count; j++)
		strset_add(out, slot->terms.items[j],
		    strlen(slot->terms.items[j]));
}

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
	if (voikko != NULL && n <= SEARCH_MAX_WORD)
		analyse(lc.data, set, parts);
	buf_free(&lc);
}

void
search_terms(const char *text, struct strset *set)
{
	const unsigned char	*p = (const unsigned char *)text, *w;

	while (*p != '\0') {
		while (*p != '\0' && !is_word_byte(*p))
			p++;
		w = p;
		while (is_word_byte(*p))
			p++;
		if (p > w)
			word_terms((const char *)w, (size_t)(p - w), set, 1);
	}
}

size_t
search_query_parse(const char *q, struct search_query *sq)
{
	const unsigned char	*p = (const unsigned char *)q, *w;
	struct buf		 lc;
	size_t			 i;

	memset(sq, 0, sizeof(*sq));
	while (*p != '\0' && sq->nwords < SEARCH_MAX_WORDS) {
		while (*p != '\0' && !is_word_byte(*p))
			p++;
		w = p;
		while (is_word_byte(*p))
			p++;
		if (p == w)
			continue;
		buf_init(&lc);
		utf8_lower(&lc, (const char *)w, (size_t)(p - w));
		buf_cstr(&lc);
		for (i = 0; i < sq->nwords; i++)
			if (strcmp(sq->words[i], lc.data) == 0)
				break;
		if (i < sq->nwords || lc.len == 0) {
			buf_free(&lc);
			continue;
		}
		sq->words[sq->nwords] = lc.data;	/* owned */
		word_terms((const char *)w, (size_t)(p - w),
		    &sq->terms[sq->nwords], 0);
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
