// The public pages against the real server and database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, get, importCsv, HEADER, resultCount, rowCount, eventually,
    psql, unescapeHtml } from './lib.mjs';

const P23 = '/p/asukaspaneeli-2023';
const P24 = '/p/asukaspaneeli-2024';

test('front page lists the published processes with counts per status',
    async () => {
	const r = await get('/');
	assert.equal(r.status, 200);
	assert.match(r.text, /<html lang="fi">/);
	assert.match(r.text, /href="\/p\/asukaspaneeli-2023"/);
	assert.match(r.text, /href="\/p\/asukaspaneeli-2024"/);
	assert.match(r.text, /Käsitelty<\/span>: 4/,
	    'expected "Käsitelty: 4" for the 2023 panel');
});

test('every page carries the security headers', async () => {
	for (const path of ['/', P23, '/p/nope', '/assets/style.css']) {
		const r = await get(path);
		const csp = r.headers.get('content-security-policy') || '';
		assert.match(csp, /default-src 'none'/, path + ': CSP');
		assert.match(csp, /frame-ancestors 'none'/, path + ': frames');
		assert.doesNotMatch(csp, /unsafe-inline/, path);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.ok(r.headers.get('referrer-policy'), path + ': referrer');
	}
});

test('public pages answer conditional requests with 304', async () => {
	const r = await get(P23);
	const etag = r.headers.get('etag');
	const lm = r.headers.get('last-modified');
	assert.ok(etag && lm, 'expected ETag and Last-Modified');
	const c1 = await get(P23, { 'if-none-match': etag });
	assert.equal(c1.status, 304);
	assert.equal(c1.text, '');
	const c2 = await get(P23, { 'if-modified-since': lm });
	assert.equal(c2.status, 304);
	const c3 = await get(P23, { 'if-none-match': '"other"' });
	assert.equal(c3.status, 200);
	const sv = await get(P23 + '?lang=sv');
	assert.notEqual(sv.headers.get('etag'), etag,
	    'another language is another representation');
});

test('the table groups actions under their recommendation', async () => {
	const r = await get(P23);
	assert.equal(r.status, 200);
	assert.equal(rowCount(r.text), 4);
	const groups = r.text.match(/<th scope="rowgroup" rowspan="(\d+)"/g);
	assert.deepEqual(groups, ['<th scope="rowgroup" rowspan="4"'],
	    'one recommendation shown once for its four rows');
	assert.match(resultCount(r.text), /Näytetään rivit 1–4, rivejä yhteensä 4/);
	assert.match(r.text, /<caption>/);
	assert.match(r.text, /<th scope="col" aria-sort="ascending">/);
});

for (const [path, q, expect, n] of [
	[P23, 'nuori', /nuorten/, 4],
	[P24, 'alusta', /Digiasiointialustan/, 2],
	[P23, 'Keusote', /Keusoteen/, 1],
	[P23, 'psykiatrinen', /Psykiatristen/, 1],
	[P24, 'käyttöohje', /käyttöohjeet/, 1],
	[P24, 'asiointi', /Digiasiointialustan/, 2],
	[P24, 'ALUST', /Alusta/, 2],
	[P24, 'tietohallinto alusta', /Tietohallinto/, 2],
]) {
	test(`search "${q}" understands Finnish and finds ${n} rows`,
	    async () => {
		const r = await get(path + '?q=' + encodeURIComponent(q));
		assert.equal(r.status, 200);
		assert.equal(rowCount(r.text), n, resultCount(r.text));
		assert.match(r.text, expect);
		assert.match(r.text, new RegExp('value="' + q + '"'),
		    'the search box keeps the query');
	});
}

test('search with SQL and HTML metacharacters is harmless and escaped',
    async () => {
	const q = `<script>alert(1)</script>' OR 1=1; -- "x"`;
	const r = await get(P23 + '?q=' + encodeURIComponent(q));
	assert.equal(r.status, 200);
	assert.equal(rowCount(r.text), 0);
	assert.doesNotMatch(r.text, /<script>alert/);
	assert.match(r.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;&#39; OR 1=1; -- &quot;x&quot;"/);
	assert.match(resultCount(r.text), /eivät löytäneet/);
});

test('filters by status and by unit; unknown values are a 400',
    async () => {
	let r = await get(P24 + '?status=processed');
	assert.equal(rowCount(r.text), 3);
	r = await get(P24 + '?status=done');
	assert.equal(rowCount(r.text), 0);
	const unit = r.text.match(/<option value="(\d+)">Tietohallinto<\/option>/);
	assert.ok(unit, 'the unit list offers Tietohallinto');
	r = await get(P24 + '?unit=' + unit[1]);
	assert.equal(rowCount(r.text), 2);
	assert.match(r.text, new RegExp(`<option value="${unit[1]}" selected>`));
	r = await get(P24 + '?status=zzz');
	assert.equal(r.status, 400);
	assert.match(r.text, /Tällaista tilaa ei ole/);
	r = await get(P24 + '?unit=999999');
	assert.equal(r.status, 400);
});

test('sorting by a column, both directions, marked with aria-sort',
    async () => {
	const asc = await get(P24 + '?sort=action');
	const desc = await get(P24 + '?sort=action&dir=desc');
	const actions = (h) => [...h.matchAll(/\/a\/\d+"[^>]*>([^<]+)<\/a>/g)]
	    .map((m) => m[1]);
	const a = actions(asc.text), d = actions(desc.text);
	assert.equal(a.length, 3);
	assert.deepEqual(d, [...a].reverse());
	assert.deepEqual(a, [...a].sort((x, y) => x.localeCompare(y, 'fi')));
	assert.match(desc.text, /<th scope="col" aria-sort="descending"><a href="\/p\/asukaspaneeli-2024\?sort=action#results"/);
	for (const s of ['schedule', 'status', 'unit', 'info', 'recommendation']) {
		const r = await get(P24 + '?sort=' + s + '&dir=desc');
		assert.equal(r.status, 200, s);
		assert.equal(rowCount(r.text), 3, s);
	}
	assert.equal((await get(P24 + '?sort=colour')).status, 400);
	assert.equal((await get(P24 + '?dir=up')).status, 400);
});

test('invalid, repeated and huge parameters are a 400 in the page language',
    async () => {
	for (const qs of ['per=7', 'page=0', 'page=abc', 'q=a&q=b',
	    'q=' + 'x'.repeat(201), 'q=%ff%fe', 'q=a%00b', 'lang=de']) {
		const r = await get(P23 + '?' + qs);
		assert.equal(r.status, 400, qs);
		assert.match(r.text, /<h1>Osoite ei kelpaa<\/h1>/, qs);
	}
	const sv = await get(P23 + '?lang=sv&per=7');
	assert.equal(sv.status, 400);
	assert.match(sv.text, /<html lang="sv">/);
	assert.match(sv.text, /Adressen är inte giltig/);
	const huge = await get(P23 + '?q=' + 'a'.repeat(5000));
	assert.ok([400, 414].includes(huge.status), 'huge query: ' + huge.status);
	assert.equal((await get('/')).status, 200, 'and the server keeps serving');
	assert.equal((await get(P23 + '?utm_source=news')).status, 200,
	    'unknown parameters are ignored');
});

test('a search as long as the box lets one type is served, in any letters',
    async () => {
	const page = await get(P23);
	const max = Number(page.text.match(
	    /<input type="search" id="q"[^>]* maxlength="(\d+)"/)[1]);
	assert.ok(max >= 100, 'the box takes ' + max);
	for (const ch of ['a', '\u00e4', '\u20ac']) {
		const q = encodeURIComponent(ch.repeat(max));
		const r = await get(P23 + '?q=' + q);
		assert.equal(r.status, 200, max + ' times ' + ch);
		assert.match(r.text, /<input type="search" id="q" name="q" value="/);
	}
	// The page's title shortens a long search at a character.
	const odd = await get(P23 + '?q=' + encodeURIComponent(
	    'a' + '\u00e4'.repeat(150)));
	const title = odd.text.match(/<title>([^<]*)<\/title>/)[1];
	assert.ok(!title.includes('\ufffd'), 'no broken character: ' + title);
	assert.ok(title.includes('\u201da' + '\u00e4'.repeat(99) +
	    '\u2026\u201d'), 'the first 100 characters and an ellipsis: ' +
	    title);
	const over = await get(P23 + '?q=' + encodeURIComponent(
	    '\u00e4'.repeat(max + 1)));
	assert.equal(over.status, 400, 'one character more');
	assert.match(over.text, /hakuasetus on liian pitkä/);
});

test('an item\'s page title shortens a long text at a character, with ' +
    'an ellipsis', async () => {
	const [id, body] = psql('SELECT a.id, a.body FROM action a JOIN ' +
	    'process p ON p.id = a.process_id WHERE p.slug = ' +
	    `'asukaspaneeli-2023' AND length(a.body) > 100 AND ` +
	    'a.deleted_at IS NULL ORDER BY a.id LIMIT 1').split('|');
	const r = await get(`${P23}/a/${id}`);
	const title = unescapeHtml(r.text.match(/<title>([^<]*)<\/title>/)[1]);
	assert.ok(title.startsWith([...body].slice(0, 100).join('') +
	    '\u2026 \u2013 '), 'the first 100 characters: ' + title);
	assert.ok(title.length < 300, 'not the whole text: ' + title.length);
});

test('unknown slugs and ids are a 404 in the page language', async () => {
	for (const [p, h1] of [['/p/no-such', 'Sivua ei löydy'],
	    ['/p/no-such?lang=sv', 'Sidan hittades inte'],
	    ['/p/no-such?lang=en', 'Page not found'],
	    [P23 + '/r/999999', 'Sivua ei löydy'],
	    [P23 + '/a/999999', 'Sivua ei löydy'],
	    [P23 + '/r/abc', 'Sivua ei löydy'],
	    ['/p/UPPER', 'Sivua ei löydy'], ['/nothing/here', 'Sivua ei löydy']]) {
		const r = await get(p);
		assert.equal(r.status, 404, p);
		assert.match(r.text, new RegExp(`<h1>${h1}</h1>`), p);
	}
	// An action of another process is not found under this one.
	const other = await get(P24);
	const aid = other.text.match(/\/a\/(\d+)/)[1];
	assert.equal((await get(P23 + '/a/' + aid)).status, 404);
});

test('per-page choices and pagination with aria-current', async () => {
	let csv = HEADER;
	for (let i = 1; i <= 27; i++)
		csv += `${i}. Suositus ${i},,Toimenpide ${i},1/2025 – ${1 + i % 12}/2026,` +
		    `Käynnissä,Perhekeskus,Lisätietoa ${i}\r\n`;
	importCsv('http-paging', csv);
	const r = await eventually(async () => {
		const x = await get('/p/http-paging?per=10&page=2');
		return x.status === 200 ? x : null;
	});
	assert.ok(r, 'the imported process appears');
	assert.equal(rowCount(r.text), 10);
	assert.match(resultCount(r.text), /Näytetään rivit 11–20, rivejä yhteensä 27/);
	assert.match(r.text, /<nav class="pager" aria-label="Sivut">/);
	assert.match(r.text, /<a href="\/p\/http-paging\?per=10&amp;page=2#results" aria-current="page">/);
	assert.match(r.text, /rel="prev"/);
	assert.match(r.text, /rel="next"/);
	for (const per of ['10', '25', '50', '100', 'all']) {
		const x = await get('/p/http-paging?per=' + per);
		assert.equal(x.status, 200, per);
		assert.equal(rowCount(x.text), per === 'all' ? 27 :
		    Math.min(27, Number(per)), per);
	}
	const past = await get('/p/http-paging?per=10&page=9');
	assert.equal(past.status, 200);
	assert.match(resultCount(past.text), /viimeisen sivun jälkeen: tuloksia on 27/);
});

test('search results page, sort and filter like the whole table',
    async () => {
	// http-paging (27 rows) was imported by the previous test.
	const q = '/p/http-paging?q=toimenpiteet&per=10';
	let r = await get(q + '&page=3');
	assert.equal(r.status, 200);
	assert.match(resultCount(r.text), /Näytetään rivit 21–27, rivejä yhteensä 27/);
	assert.equal(rowCount(r.text), 7);
	r = await get(q + '&dir=desc');
	const first = r.text.match(/\/a\/\d+"[^>]*>([^<]+)</)[1];
	assert.equal(first, 'Toimenpide 27', 'descending starts from the last');
	r = await get(q + '&dir=desc&page=3');
	assert.equal(rowCount(r.text), 7);
	assert.match(r.text, />Toimenpide 1</);
	r = await get('/p/http-paging?q=toimenpiteet&sort=action&per=all');
	const names = [...r.text.matchAll(/\/a\/\d+"[^>]*>([^<]+)</g)]
	    .map((m) => m[1]);
	assert.equal(names.length, 27);
	assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'fi')));
	r = await get('/p/http-paging?q=lisätietoa+1&per=all');
	assert.equal(rowCount(r.text), 27, '"1" is part of a word in all rows? ' +
	    resultCount(r.text));
	r = await get('/p/http-paging?q=suositus+17');
	assert.equal(rowCount(r.text), 1, 'two words must both match');
	r = await get('/p/http-paging?q=toimenpide&status=done');
	assert.equal(rowCount(r.text), 0);
	assert.match(resultCount(r.text), /eivät löytäneet/);
	r = await get('/p/http-paging?q=toimenpide&status=in_progress&page=2&per=25');
	assert.equal(rowCount(r.text), 2);
});

test('recommendation and action pages have stable permalinks', async () => {
	const t = await get(P24);
	const rec = t.text.match(/href="(\/p\/asukaspaneeli-2024\/r\/\d+)"/)[1];
	const act = t.text.match(/href="(\/p\/asukaspaneeli-2024\/a\/\d+)"/)[1];
	const r = await get(rec);
	assert.equal(r.status, 200);
	assert.match(r.text, /Oman asian etenemisen seuranta/);
	assert.match(r.text, /Digiasiointialustan hankinta ja käyttöönotto/);
	const a = await get(act + '?lang=en');
	assert.equal(a.status, 200);
	assert.match(a.text, /<html lang="en">/);
	assert.match(a.text, /Answers the recommendations/);
	assert.match(a.text, /10\/2024 – 3\/2026/);
	assert.match(a.text, /<h1 lang="fi">Digiasiointialustan hankinta ja käyttöönotto<\/h1>/);
});

test('links keep the language', async () => {
	const r = await get(P24 + '?lang=sv&per=10');
	assert.match(r.text, /<html lang="sv">/);
	const main = r.text.slice(r.text.indexOf('<main'));
	const links = [...main.matchAll(/href="(\/p\/[^"]*)"/g)].map((m) => m[1]);
	assert.ok(links.length > 5);
	for (const l of links)
		assert.match(l, /lang=sv/, 'link without lang=sv: ' + l);
	assert.match(r.text, /<a href="\/p\/asukaspaneeli-2024\?per=10" hreflang="fi"/);
	// The alternates in the head are absolute (search engines).
	assert.ok(r.text.includes(`hreflang="fi" href="${base}/p/asukaspaneeli-2024?per=10"`));
});

test('data typed as HTML is shown as text everywhere', async () => {
	const x = '<img src=x onerror=alert(1)>"&\'';
	importCsv('http-xss', HEADER + `"1. ${x.replace(/"/g, '""')}",` +
	    `"1.1. ${x.replace(/"/g, '""')}","${x.replace(/"/g, '""')}",,` +
	    `"Käynnissä ${x.replace(/"/g, '""')}","${x.replace(/"/g, '""')}",` +
	    `"${x.replace(/"/g, '""')}"\r\n`, 'XSS <b>title</b>');
	const r = await eventually(async () => {
		const y = await get('/p/http-xss');
		return y.status === 200 ? y : null;
	});
	assert.ok(r);
	const rec = r.text.match(/href="(\/p\/http-xss\/r\/\d+)"/)[1];
	const act = r.text.match(/href="(\/p\/http-xss\/a\/\d+)"/)[1];
	for (const page of [r, await get('/'), await get(rec), await get(act)]) {
		assert.doesNotMatch(page.text, /<img src=x/);
		assert.doesNotMatch(page.text, /<b>title/);
	}
	assert.match(r.text, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&amp;&#39;/);
});

test('a change shows on the public page within seconds', async () => {
	importCsv('http-change', HEADER + '1. Eka,,Ennen,,Käynnissä,,\r\n');
	const before = await eventually(async () => {
		const y = await get('/p/http-change');
		return y.status === 200 && /Ennen/.test(y.text) ? y : null;
	});
	assert.ok(before);
	importCsv('http-change', HEADER + '1. Eka,,Jälkeen,,Toteutettu,,\r\n');
	const after = await eventually(async () => {
		const y = await get('/p/http-change');
		return /Jälkeen/.test(y.text) ? y : null;
	});
	assert.ok(after, 'expected the new text within 4 s');
	assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
	// Every worker notices within a second; then an old ETag is stale.
	await new Promise((r) => setTimeout(r, 1200));
	for (let i = 0; i < 6; i++) {
		const cond = await get('/p/http-change',
		    { 'if-none-match': before.headers.get('etag') });
		assert.equal(cond.status, 200, 'an old ETag gets the new page');
	}
});

test('a large page and a large search index are served', async () => {
	let csv = HEADER;
	const long = 'Pitkä lisätieto, joka toistuu monta kertaa. '.repeat(12);
	for (let i = 1; i <= 800; i++)
		csv += `${i}. Suositus ${i},,Toimenpide ${i} nuorten tueksi,` +
		    `Jatkuvaa,Käynnissä,Yksikkö ${i % 40},"${long}${i}"\r\n`;
	importCsv('http-large', csv);
	const all = await get('/p/http-large?per=all');
	assert.equal(all.status, 200);
	assert.equal(rowCount(all.text), 800);
	assert.ok(all.text.length > 400000, 'a page of ' + all.text.length +
	    ' bytes');
	for (let i = 0; i < 4; i++) {
		const s = await get('/p/http-large?q=nuori+toimenpide+' + (i + 7));
		assert.equal(s.status, 200, 'search ' + i);
		assert.ok(rowCount(s.text) >= 1, 'search ' + i);
	}
	assert.equal((await get('/p/http-large?per=all&lang=sv')).status, 200);
	assert.equal((await get('/')).status, 200, 'the workers are alive');
});

test('public pages only read: other methods are refused', async () => {
	for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
		const r = await fetch(process.env.TOTEUMA_URL +
		    '/p/asukaspaneeli-2023', { method, body: 'x=1' });
		assert.equal(r.status, 405, method);
	}
	const head = await fetch(process.env.TOTEUMA_URL +
	    '/p/asukaspaneeli-2023', { method: 'HEAD' });
	assert.equal(head.status, 200);
	assert.ok(head.headers.get('etag'), 'HEAD carries the ETag');
	assert.equal((await head.text()).length, 0);
});

// Every row of a table has as many cells as its header, counting the
// cells that a rowspan above carries down.
function tableShapes(html) {
	const problems = [];
	for (const table of html.match(/<table[\s\S]*?<\/table>/g) || []) {
		const head = table.match(/<thead>[\s\S]*?<\/thead>/)[0];
		const width = (head.match(/<t[hd][ >]/g) || []).length;
		for (const body of table.match(/<tbody>[\s\S]*?<\/tbody>/g) || []) {
			let carried = [];
			for (const row of body.match(/<tr>[\s\S]*?<\/tr>/g) || []) {
				const cells = row.match(/<t[hd][ >][^>]*>?/g) || [];
				let n = cells.length + carried.length;
				carried = carried.map((k) => k - 1).filter((k) => k > 0);
				for (const c of cells) {
					const span = c.match(/rowspan="(\d+)"/);
					if (span && Number(span[1]) > 1)
						carried.push(Number(span[1]) - 1);
				}
				if (n !== width)
					problems.push(`${n} cells under ${width} headers`);
			}
		}
	}
	return problems;
}

test('every table row lines up with its column headers', async () => {
	const t = await get('/p/asukaspaneeli-2023');
	const rec = t.text.match(/href="(\/p\/asukaspaneeli-2023\/r\/\d+)"/)[1];
	let checked = 0;
	for (const path of ['/p/asukaspaneeli-2023', '/p/asukaspaneeli-2024',
	    '/p/asukaspaneeli-2024?sort=status', rec,
	    '/p/testi-sivutus?per=25&page=2']) {
		const r = await get(path);
		assert.equal(r.status, 200, path);
		assert.match(r.text, /<table/, path);
		assert.deepEqual(tableShapes(r.text), [], path);
		checked++;
	}
	assert.deepEqual(tableShapes('<table><thead><tr><th>a</th><th>b</th>' +
	    '</tr></thead><tbody><tr><td>x</td></tr></tbody></table>'),
	    ['1 cells under 2 headers'], 'the check itself finds a short row');
	assert.equal(checked, 5);
});

test('the result count says what the rows are: the actions among them, ' +
    'counted as the report counts them, and recommendations without ' +
    'actions apart', async () => {
	const { psql, lit } = await import('./lib.mjs');
	const slug = 'http-count-' + Date.now().toString(36);
	importCsv(slug, HEADER +
	    '1. Suositus yksi,,Toimenpide A,Jatkuvaa,Käynnissä,Perhekeskus,\r\n' +
	    '2. Suositus kaksi,,Toimenpide B,Jatkuvaa,Käynnissä,Perhekeskus,\r\n' +
	    '3. Suositus kolme,,,,,,\r\n');
	// Action A answers recommendation 2 too: two rows, one action.
	psql(`INSERT INTO recommendation_action (process_id, recommendation_id,
	    action_id, position) SELECT p.id, r.id, a.id, 1 FROM process p
	    JOIN recommendation r ON r.process_id = p.id AND r.number = '2'
	    JOIN action a ON a.process_id = p.id AND a.body = 'Toimenpide A'
	    WHERE p.slug = ${lit(slug)};
	    SELECT process_rows_rebuild(id) FROM process WHERE slug = ${lit(slug)}`);
	const r = await eventually(async () => {
		const x = await get(`/p/${slug}`);
		return rowCount(x.text) === 4 && x;
	});
	assert.ok(r, 'four rows: A twice, B, and recommendation 3');
	assert.equal(resultCount(r.text), 'Näytetään rivit 1–4, rivejä yhteensä 4. ' +
	    'Toimenpiteitä: 2. Suosituksia ilman toimenpiteitä: 1.');
	const report = await get(`/p/${slug}/report`);
	assert.match(report.text, /Toimenpiteitä yhteensä: 2\./,
	    'the report counts the same actions');
	// A search (the worker's index) and a sorted search (the database).
	for (const q of ['?q=toimenpide', '?q=toimenpide&sort=status',
	    '?status=in_progress']) {
		const s = await get(`/p/${slug}${q}`);
		assert.equal(resultCount(s.text), 'Näytetään rivit 1–3, rivejä ' +
		    'yhteensä 3. Toimenpiteitä: 2.', q);
	}
	const en = await get(`/p/${slug}?lang=en&q=yksi`);
	assert.equal(resultCount(en.text), 'Showing rows 1–1 of 1. Actions: 1.');
});
