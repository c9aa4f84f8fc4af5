// Generated combinations of every public table parameter: 1-20 search
// words (known words, word forms, SQL and LIKE metacharacters, other
// scripts) with each filter, sort, direction, page size, page, since,
// language and download format. Nothing may answer 5xx; tests/run runs
// this file against the server built with ASan/UBSan too, where any
// report fails the suite. The seed is printed; TOTEUMA_SEED repeats a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, seeded } from './lib.mjs';

const { seed, rnd, pick } = seeded();

const SLUGS = ['asukaspaneeli-2024', 'asukaspaneeli-2023', 'testi-sivutus'];
const WORDS = ['nuori', 'nuorten', 'alusta', 'Digiasiointialustan',
    'Keusote', 'Pol.is', 'mielenterveys', 'koulu', 'palvelu', 'a', 'ab',
    "o'neil", '100%', 'a_b', 'back\\slash', '"lainaus"', 'ääkköset',
    'Åland', 'тест', '日本', '😀', '--', ';', 'OR', '1=1', '$1', '::text',
    'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf',
    'hotel', 'x'.repeat(40)];
const SORTS = ['recommendation', 'action', 'schedule', 'status', 'unit',
    'info'];
const PERS = ['10', '25', '50', '100', 'all'];
const SINCES = ['2024-01-01', '2020-02-29', '2026-11-30', '1999-12-31',
    '2099-01-01'];
const EXTS = ['', '', '', '.csv', '.json', '.xlsx'];

async function vocabulary(slug) {
	const { text } = await get('/p/' + slug);
	const sel = (name) => {
		const m = text.match(new RegExp('<select id="' + name +
		    '"[\\s\\S]*?</select>'));
		return m ? [...m[0].matchAll(/value="([^"]+)"/g)].map((x) =>
		    x[1]) : [];
	};
	return { statuses: sel('status'), units: sel('unit') };
}

function query(v) {
	const p = new URLSearchParams();
	const opt = (k, f) => { if (rnd(2)) p.set(k, f()); };
	const nwords = 1 + rnd(20);
	if (rnd(5)) {
		const w = [];
		for (let i = 0; i < nwords; i++) w.push(pick(WORDS));
		p.set('q', w.join(' ').slice(0, 200));
	}
	opt('status', () => pick(v.statuses.length ? v.statuses : ['x']));
	opt('unit', () => rnd(6) ? pick(v.units.length ? v.units : ['1']) :
	    String(rnd(1000000)));
	opt('sort', () => pick(SORTS));
	opt('dir', () => pick(['asc', 'desc']));
	opt('per', () => pick(PERS));
	opt('page', () => pick(['1', '2', '3', String(1 + rnd(50)),
	    '9999999']));
	opt('since', () => pick(SINCES));
	opt('state', () => pick(['overdue', 'stale', 'completed', 'not_done',
	    'x']));
	opt('lang', () => pick(['fi', 'sv', 'en']));
	return p;
}

test('generated combinations of public parameters never answer 5xx ' +
    '(seed ' + seed + ')', async () => {
	const vocab = {};
	for (const s of SLUGS) vocab[s] = await vocabulary(s);
	const urls = [
	    // The request that once wrote past the end of an array.
	    '/p/asukaspaneeli-2024?q=alpha+bravo+charlie+delta+echo+foxtrot+' +
	    'golf+hotel&since=2024-01-01&status=' +
	    (vocab['asukaspaneeli-2024'].statuses.includes('in_progress') ?
	    'in_progress' : vocab['asukaspaneeli-2024'].statuses[0]),
	];
	for (let i = 0; i < 300; i++) {
		const slug = pick(SLUGS);
		const ext = pick(EXTS);
		const p = query(vocab[slug]);
		if (ext === '.csv' && rnd(2))
			p.set('dialect', pick(['rfc4180', 'spreadsheet']));
		urls.push('/p/' + slug + ext + '?' + p.toString());
	}
	const failures = [];
	let ok = 0, refused = 0;
	for (let i = 0; i < urls.length; i += 4) {
		const batch = urls.slice(i, i + 4);
		const res = await Promise.all(batch.map((u) => get(u)));
		res.forEach((r, k) => {
			if (r.status >= 500)
				failures.push(r.status + ' ' + batch[k]);
			else if (r.status === 200)
				ok++;
			else
				refused++;
		});
	}
	const first = await get(urls[0]);
	assert.equal(first.status, 200, 'the eight-word search with since ' +
	    'and status answers 200');
	assert.deepEqual(failures, [], 'no 5xx among ' + urls.length +
	    ' requests');
	assert.ok(ok > urls.length / 2, 'most combinations answer 200 (' +
	    ok + ' did, ' + refused + ' got a 4xx)');
});
