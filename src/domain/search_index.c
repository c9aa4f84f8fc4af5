/*
 * The in-memory inverted index; see search_index.h. Terms are interned
 * in an open-addressing hash table; postings are kept in compressed
 * sparse rows (offsets into one array of row numbers); a query builds
 * one bitset per word and intersects them. Rows changed after the build
 * are patches: their postings are masked out and their new terms are
 * matched one by one, so a status note saved costs no rebuild.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "buf.h"
#include "search_index.h"
#include "utf8.h"

/* A row as it is now, when it changed after the index was built. */
struct row_patch {
	uint32_t	  row;
	char		 *text;		/* the terms, '\0'-separated */
	char		**terms;
	size_t		  nterms;
	long long	 *units;
	size_t		  nunits;
	size_t		  bytes;
};

struct search_index {
	char		**terms;	/* id -> term */
	size_t		  nterms, capterms;
	uint32_t	 *slots;	/* hash: id + 1, 0 empty */
	size_t		  nslots;
	uint32_t	 *pair_term, *pair_row;	/* while building */
	size_t		  npairs, cappairs;
	uint32_t	 *offsets;	/* nterms + 1 */
	uint32_t	 *postings;
	int		 *status;	/* per row */
	uint32_t	 *unit_off;	/* nrows + 1 */
	long long	 *units;
	size_t		  nunits, capunits;
	size_t		  nrows, caprows;
	size_t		  bytes;
	uint32_t	 *scratch;	/* one row's term ids */
	size_t		  nscratch, capscratch;
	/* Byte trigrams of the terms, to find the terms containing a word. */
	uint32_t	 *tri_keys;	/* sorted, unique */
	uint32_t	 *tri_off;	/* ntri + 1 */
	uint32_t	 *tri_terms;
	size_t		  ntri;
	/* Rows changed since: masked in postings, matched by their patch. */
	uint64_t	 *dirty;
	struct row_patch *patches;
	size_t		  npatches;
};

static uint32_t	hash_term(const char *, size_t);
static uint32_t	intern(struct search_index *, const char *, size_t);
static int	lookup(const struct search_index *, const char *);
static void	add_term(struct search_index *, const char *, size_t);
static int	cmp_u32(const void *, const void *);
static int	cmp_u64(const void *, const void *);
static void	build_trigrams(struct search_index *);
static int	trigram_terms(const struct search_index *, const char *,
		    const uint32_t **, size_t *);
static void	set_postings(const struct search_index *, uint32_t,
		    uint64_t *);
static size_t	parse_units(const char *, long long **);
static struct row_patch *patch_of(const struct search_index *,
		    size_t);
static void	patch_free(struct row_patch *);
static int	patch_matches(const struct row_patch *,
		    const struct search_query *);
static int	row_has_unit(const struct search_index *, size_t, long long);

static uint32_t
hash_term(const char *s, size_t n)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static uint32_t
intern(struct search_index *ix, const char *s, size_t n)
{
	size_t		i, j;
	uint32_t	id;
	char		*t;

	if (ix->nterms * 2 >= ix->nslots) {
		uint32_t	*old = ix->slots;
		size_t		 oldn = ix->nslots;

		ix->nslots = oldn ? oldn * 2 : 4096;
		ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
		for (i = 0; i < oldn; i++) {
			if (old[i] == 0)
				continue;
			t = ix->terms[old[i] - 1];
			j = hash_term(t, strlen(t)) & (ix->nslots - 1);
			while (ix->slots[j] != 0)
				j = (j + 1) & (ix->nslots - 1);
			ix->slots[j] = old[i];
		}
		free(old);
	}
	j = hash_term(s, n) & (ix->nslots - 1);
	while (ix->slots[j] != 0) {
		t = ix->terms[ix->slots[j] - 1];
		if (strncmp(t, s, n) == 0 && t[n] == '\0')
			return ix->slots[j] - 1;
		j = (j + 1) & (ix->nslots - 1);
	}
	if (ix->nterms == ix->capterms) {
		ix->capterms = ix->capterms ? ix->capterms * 2 : 1024;
		ix->terms = xrealloc(ix->terms, ix->capterms *
		    sizeof(*ix->terms));
	}
	t = xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	id = (uint32_t)ix->nterms;
	ix->terms[ix->nterms++] = t;
	ix->slots[j] = id + 1;
	ix->bytes += n + 1 + sizeof(char *) + 2 * sizeof(uint32_t);
	return id;
}

static int
lookup(const struct search_index *ix, const char *s)
{
	size_t		 j, n = strlen(s);
	const char	*t;

	if (ix->nslots == 0)
		return -1;
	j = hash_term(s, n) & (ix->nslots - 1);
	while (ix->slots[j] != 0) {
		t = ix->terms[ix->slots[j] - 1];
		if (strcmp(t, s) == 0)
			return (int)ix->slots[j] - 1;
		j = (j + 1) & (ix->nslots - 1);
	}
	return -1;
}

static void
add_term(struct search_index *ix, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (ix->nscratch == ix->capscratch) {
		ix->capscratch = ix->capscratch ? ix->capscratch * 2 : 256;
		ix->scratch = xrealloc(ix->scratch, ix->capscratch *
		    sizeof(*ix->scratch));
	}
	ix->scratch[ix->nscratch++] = intern(ix, s, n);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

#define TRIGRAM(p)	(((uint32_t)(unsigned char)(p)[0] << 16) | \
			 ((uint32_t)(unsigned char)(p)[1] << 8) | \
			 (uint32_t)(unsigned char)(p)[2])

/* Every term under each of its byte trigrams, for substring lookups. */
static void
build_trigrams(struct search_index *ix)
{
	uint64_t	*pairs = NULL;
	size_t		 n = 0, cap = 0, i, len, j, k;

	for (i = 0; i < ix->nterms; i++) {
		/* A stem ("sv:tjänst") matches whole, as in SQL. */
		if (strchr(ix->terms[i], ':') != NULL)
			continue;
		len = strlen(ix->terms[i]);
		for (j = 0; j + 3 <= len; j++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 4096;
				pairs = xrealloc(pairs, cap * sizeof(*pairs));
			}
			pairs[n++] =
			    ((uint64_t)TRIGRAM(ix->terms[i] + j) << 32) | i;
		}
	}
	if (n > 0)
		qsort(pairs, n, sizeof(*pairs), cmp_u64);
	ix->tri_keys = xrealloc(NULL, (n + 1) * sizeof(*ix->tri_keys));
	ix->tri_off = xrealloc(NULL, (n + 2) * sizeof(*ix->tri_off));
	ix->tri_terms = xrealloc(NULL, (n + 1) * sizeof(*ix->tri_terms));
	for (i = 0, k = 0; i < n; i++) {
		if (i > 0 && pairs[i] == pairs[i - 1])
			continue;	/* a trigram twice in one term */
		if (ix->ntri == 0 || ix->tri_keys[ix->ntri - 1] !=
		    (uint32_t)(pairs[i] >> 32)) {
			ix->tri_keys[ix->ntri] = (uint32_t)(pairs[i] >> 32);
			ix->tri_off[ix->ntri++] = (uint32_t)k;
		}
		ix->tri_terms[k++] = (uint32_t)pairs[i];
	}
	ix->tri_off[ix->ntri] = (uint32_t)k;
	free(pairs);
	ix->bytes += ix->ntri * 2 * sizeof(uint32_t) + k * sizeof(uint32_t);
}

/*
 * The terms that may contain word: those with its rarest trigram.
 * Returns -1 when some trigram of the word is in no term at all.
 */
static int
trigram_terms(const struct search_index *ix, const char *word,
    const uint32_t **terms, size_t *count)
{
	size_t		 len = strlen(word), j, lo, hi, mid, best = SIZE_MAX;
	uint32_t	 key;

	*terms = NULL;
	*count = 0;
	for (j = 0; j + 3 <= len; j++) {
		key = TRIGRAM(word + j);
		lo = 0;
		hi = ix->ntri;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (ix->tri_keys[mid] < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == ix->ntri || ix->tri_keys[lo] != key)
			return -1;
		if (ix->tri_off[lo + 1] - ix->tri_off[lo] < best) {
			best = ix->tri_off[lo + 1] - ix->tri_off[lo];
			*terms = ix->tri_terms + ix->tri_off[lo];
			*count = best;
		}
	}
	return 0;
}

static void
set_postings(const struct search_index *ix, uint32_t t, uint64_t *bits)
{
	uint32_t	j;

	for (j = ix->offsets[t]; j < ix->offsets[t + 1]; j++)
		bits[ix->postings[j] / 64] |= 1ULL << (ix->postings[j] % 64);
}

/* The unit ids of "{1,2}"; *out is malloc'd (NULL when none). */
static size_t
parse_units(const char *units, long long **out)
{
	const char	*q;
	char		*end;
	long long	 u;
	size_t		 n = 0;

	*out = NULL;
	for (q = units; *q != '\0'; q = end) {
		u = strtoll(q, &end, 10);
		if (end == q) {
			end = (char *)(uintptr_t)(q + 1);
			continue;
		}
		if (n % 8 == 0)
			*out = xrealloc(*out, (n + 8) * sizeof(**out));
		(*out)[n++] = u;
	}
	return n;
}

static struct row_patch *
patch_of(const struct search_index *ix, size_t row)
{
	size_t	i;

	for (i = 0; i < ix->npatches; i++)
		if (ix->patches[i].row == row)
			return &ix->patches[i];
	return NULL;
}

static void
patch_free(struct row_patch *p)
{
	free(p->text);
	free(p->terms);
	free(p->units);
	memset(p, 0, sizeof(*p));
}

/*
 * Whether every word of sq matches one of a changed row's terms, as
 * search_index_match() matches the built rows: one of the word's terms
 * exactly, or, for words of three or more bytes, as part of a term that
 * is not a stem.
 */
static int
patch_matches(const struct row_patch *p, const struct search_query *sq)
{
	size_t	i, k, t;
	int	ok;

	for (i = 0; i < sq->nwords; i++) {
		ok = 0;
		for (t = 0; t < p->nterms && !ok; t++) {
			for (k = 0; k < sq->terms[i].count && !ok; k++)
				ok = strcmp(p->terms[t],
				    sq->terms[i].items[k]) == 0;
			if (!ok && strlen(sq->words[i]) >= 3 &&
			    strchr(p->terms[t], ':') == NULL)
				ok = strstr(p->terms[t], sq->words[i]) != NULL;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int
row_has_unit(const struct search_index *ix, size_t row, long long unit)
{
	const struct row_patch	*p = NULL;
	const long long		*u;
	size_t			 i, n;

	if (ix->dirty != NULL && (ix->dirty[row / 64] & (1ULL << (row % 64))))
		p = patch_of(ix, row);
	if (p != NULL) {
		u = p->units;
		n = p->nunits;
	} else {
		u = ix->units + ix->unit_off[row];
		n = ix->unit_off[row + 1] - ix->unit_off[row];
	}
	for (i = 0; i < n; i++)
		if (u[i] == unit)
			return 1;
	return 0;
}

struct search_index *
search_index_new(void)
{
	struct search_index	*ix;

	ix = xcalloc(1, sizeof(*ix));
	return ix;
}

void
search_index_add(struct search_index *ix, int status_id, const char *units,
    const char *terms)
{
	const char		*q, *e;
	size_t			 i, nu, row = ix->nrows;
	long long		*u;

	if (ix->nrows == ix->caprows) {
		ix->caprows = ix->caprows ? ix->caprows * 2 : 256;
		ix->status = xrealloc(ix->status, ix->caprows *
		    sizeof(*ix->status));
		ix->unit_off = xrealloc(ix->unit_off, (ix->caprows + 1) *
		    sizeof(*ix->unit_off));
	}
	ix->status[row] = status_id;
	ix->unit_off[row] = (uint32_t)ix->nunits;
	nu = parse_units(units, &u);
	if (ix->nunits + nu > ix->capunits) {
		while (ix->nunits + nu > ix->capunits)
			ix->capunits = ix->capunits ? ix->capunits * 2 : 256;
		ix->units = xrealloc(ix->units, ix->capunits *
		    sizeof(*ix->units));
	}
	for (i = 0; i < nu; i++)
		ix->units[ix->nunits++] = u[i];
	free(u);
	ix->nrows++;
	ix->unit_off[ix->nrows] = (uint32_t)ix->nunits;

	ix->nscratch = 0;
	for (q = terms; *q != '\0'; q = *e ? e + 1 : e) {
		e = strchr(q, '\x1f');
		if (e == NULL)
			e = q + strlen(q);
		add_term(ix, q, (size_t)(e - q));
	}
	qsort(ix->scratch, ix->nscratch, sizeof(*ix->scratch), cmp_u32);
	for (i = 0; i < ix->nscratch; i++) {
		if (i > 0 && ix->scratch[i] == ix->scratch[i - 1])
			continue;
		if (ix->npairs == ix->cappairs) {
			ix->cappairs = ix->cappairs ? ix->cappairs * 2 : 4096;
			ix->pair_term = xrealloc(ix->pair_term,
			    ix->cappairs * sizeof(uint32_t));
			ix->pair_row = xrealloc(ix->pair_row,
			    ix->cappairs * sizeof(uint32_t));
		}
		ix->pair_term[ix->npairs] = ix->scratch[i];
		ix->pair_row[ix->npairs++] = (uint32_t)row;
	}
}

void
search_index_finish(struct search_index *ix)
{
	size_t		i;
	uint32_t	*fill;

	ix->offsets = xcalloc(ix->nterms + 1, sizeof(*ix->offsets));
	ix->postings = xmalloc((ix->npairs ? ix->npairs : 1) *
	    sizeof(*ix->postings));
	fill = xcalloc(ix->nterms + 1, sizeof(*fill));
	for (i = 0; i < ix->npairs; i++)
		ix->offsets[ix->pair_term[i] + 1]++;
	for (i = 0; i < ix->nterms; i++)
		ix->offsets[i + 1] += ix->offsets[i];
	/* Pairs come in row order, so every posting list is sorted. */
	for (i = 0; i < ix->npairs; i++)
		ix->postings[ix->offsets[ix->pair_term[i]] +
		    fill[ix->pair_term[i]]++] = ix->pair_row[i];
	free(fill);
	build_trigrams(ix);
	free(ix->pair_term);
	free(ix->pair_row);
	free(ix->scratch);
	ix->pair_term = ix->pair_row = ix->scratch = NULL;
	ix->bytes += ix->npairs * sizeof(uint32_t) + ix->nrows *
	    (sizeof(int) + sizeof(uint32_t)) + ix->nunits * sizeof(long long);
}

void
search_index_free(struct search_index *ix)
{
	size_t	i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->nterms; i++)
		free(ix->terms[i]);
	free(ix->terms);
	free(ix->slots);
	free(ix->pair_term);
	free(ix->pair_row);
	free(ix->offsets);
	free(ix->postings);
	free(ix->status);
	free(ix->unit_off);
	free(ix->units);
	free(ix->scratch);
	free(ix->tri_keys);
	free(ix->tri_off);
	free(ix->tri_terms);
	for (i = 0; i < ix->npatches; i++)
		patch_free(&ix->patches[i]);
	free(ix->patches);
	free(ix->dirty);
	free(ix);
}

size_t
search_index_bytes(const struct search_index *ix)
{
	return ix->bytes + sizeof(*ix);
}

size_t
search_index_rows(const struct search_index *ix)
{
	return ix->nrows;
}

size_t
search_index_match(const struct search_index *ix,
    const struct search_query *sq, const struct search_filter *f, int **out)
{
	uint64_t	*acc, *cur;
	const uint32_t	*cand;
	size_t		 nwords = (ix->nrows + 63) / 64, i, k, t, count = 0;
	size_t		 ncand;
	int		 id;

	*out = NULL;
	acc = xmalloc((nwords ? nwords : 1) * sizeof(*acc));
	cur = xmalloc((nwords ? nwords : 1) * sizeof(*cur));
	memset(acc, 0xff, nwords * sizeof(*acc));
	for (i = 0; i < sq->nwords; i++) {
		memset(cur, 0, nwords * sizeof(*cur));
		for (k = 0; k < sq->terms[i].count; k++)
			if ((id = lookup(ix, sq->terms[i].items[k])) != -1)
				set_postings(ix, (uint32_t)id, cur);
		/* Parts of words, and words the dictionary does not know. */
		if (strlen(sq->words[i]) >= 3 &&
		    trigram_terms(ix, sq->words[i], &cand, &ncand) == 0) {
			for (t = 0; t < ncand; t++)
				if (strstr(ix->terms[cand[t]],
				    sq->words[i]) != NULL)
					set_postings(ix, cand[t], cur);
		}
		for (k = 0; k < nwords; k++)
			acc[k] &= cur[k];
	}
	/* Changed rows: as they are now, not as they were built. */
	if (ix->dirty != NULL) {
		for (k = 0; k < nwords; k++)
			acc[k] &= ~ix->dirty[k];
		for (k = 0; k < ix->npatches; k++)
			if (patch_matches(&ix->patches[k], sq))
				acc[ix->patches[k].row / 64] |=
				    1ULL << (ix->patches[k].row % 64);
	}
	for (i = 0; i < ix->nrows; i++) {
		if ((acc[i / 64] & (1ULL << (i % 64))) == 0)
			continue;
		if (f->status_id != 0 && ix->status[i] != f->status_id)
			continue;
		if (f->unit_id != 0 && !row_has_unit(ix, i, f->unit_id))
			continue;
		if (count % 256 == 0)
			*out = xrealloc(*out, (count + 256) * sizeof(**out));
		(*out)[count++] = (int)i;
	}
	free(acc);
	free(cur);
	return count;
}

int
search_index_update(struct search_index *ix, size_t row, int status_id,
    const char *units, const char *terms)
{
	struct row_patch	*p;
	size_t			 i, len;
	char			*q;

	if (row >= ix->nrows)
		return -1;
	if (ix->dirty == NULL)
		ix->dirty = xcalloc((ix->nrows + 63) / 64, sizeof(*ix->dirty));
	p = patch_of(ix, row);
	if (p == NULL) {
		ix->patches = xrealloc(ix->patches, (ix->npatches + 1) *
		    sizeof(*ix->patches));
		p = &ix->patches[ix->npatches++];
		memset(p, 0, sizeof(*p));
	} else {
		ix->bytes -= p->bytes;
		patch_free(p);
	}
	p->row = (uint32_t)row;
	len = strlen(terms);
	p->text = xmalloc(len + 1);
	memcpy(p->text, terms, len + 1);
	for (q = p->text; ; q++) {
		if (*q != '\x1f' && *q != '\0')
			continue;
		p->nterms++;
		if (*q == '\0')
			break;
		*q = '\0';
	}
	p->terms = xcalloc(p->nterms, sizeof(*p->terms));
	for (i = 0, q = p->text; i < p->nterms; i++, q += strlen(q) + 1)
		p->terms[i] = q;
	p->nunits = parse_units(units, &p->units);
	p->bytes = sizeof(*p) + len + 1 + p->nterms * sizeof(char *) +
	    p->nunits * sizeof(long long);
	ix->bytes += p->bytes;
	ix->status[row] = status_id;
	ix->dirty[row / 64] |= 1ULL << (row % 64);
	return 0;
}

size_t
search_index_changed(const struct search_index *ix)
{
	return ix->npatches;
}
