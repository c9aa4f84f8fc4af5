// The directory of every published process's actions (/actions): the
// table's search, filters (and its own process and year), sort, pages
// and downloads; and the embeds (/embed/p/SLUG, /embed/actions), which
// only the sites that admins allow may frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { get, psql, signInNew, resultCount, eventually } from './lib.mjs';

const P2024 = 'asukaspaneeli-2024';
const published = (where = 'true') => Number(psql(
    'SELECT count(DISTINCT pr.action_id) FROM process_row pr JOIN process p ' +
    'ON p.id = pr.process_id WHERE p.published AND pr.action_id IS NOT NULL ' +
    'AND ' + where));
const total = (html) => {
	const m = (resultCount(html) || '').match(/(\d+)\. /);
	return m ? Number(m[1]) : NaN;
};
const actionLinks = (html) => [...html.matchAll(/href="\/p\/[a-z0-9-]+\/a\/(\d+)[?"]/g)]
    .map((m) => m[1]);

test('/actions lists each action of every published process once', async () => {
	const r = await get('/actions?per=all&lang=en');
	assert.equal(r.status, 200);
	assert.equal(total(r.text), published(), 'the count is the ' +
	    'published processes\' distinct actions: ' + resultCount(r.text));
	const ids = actionLinks(r.text);
	assert.equal(ids.length, published(), 'one row per action');
	assert.equal(new Set(ids).size, ids.length, 'no action twice');
	const hidden = psql('SELECT string_agg(DISTINCT pr.action_id::text, \',\') ' +
	    'FROM process_row pr JOIN process p ON p.id = pr.process_id ' +
	    'WHERE NOT p.published AND pr.action_id IS NOT NULL');
	for (const id of hidden ? hidden.split(',') : [])
		assert.ok(!ids.includes(id), 'unpublished action ' + id + ' listed');
	assert.match(r.text, /<caption>Actions of every process/);
	assert.match(r.text, /<th scope="rowgroup"[^>]*><a class="row-process" href="\/p\/[a-z0-9-]+\?lang=en"/);
	// The default view and one page of it.
	const page = await get('/actions');
	assert.equal(total(page.text), published(), 'the unfiltered count');
	assert.ok(actionLinks(page.text).length <= 25);
	assert.match(page.text, /<nav class="pager"/);
	assert.match((await get('/')).text, /href="\/actions"/, 'the home page links it');
	const map = await get('/sitemap.xml');
	assert.match(map.text, /\/actions<\/loc>/, 'in the sitemap');
	assert.match((await get('/robots.txt')).text, /Disallow: \/embed\//);
});

test('the directory\'s filters: process, year, unit, status, search', async () => {
	const p = await get('/actions?per=all&process=' + P2024);
	assert.equal(p.status, 200);
	assert.equal(total(p.text), published(`p.slug = '${P2024}'`));
	assert.ok(actionLinks(p.text).length > 0);
	for (const [, slug] of p.text.matchAll(/href="\/p\/([a-z0-9-]+)\/a\//g))
		assert.equal(slug, P2024, 'only the chosen process');
	const year = psql(`SELECT year FROM process WHERE slug = '${P2024}'`);
	const y = await get('/actions?per=all&year=' + year);
	assert.equal(total(y.text), published('p.year = ' + year));
	assert.equal(total((await get('/actions?year=1999')).text), NaN,
	    'a year without processes: nothing (and no count)');
	assert.match((await get('/actions?year=1999&lang=en')).text,
	    /Nothing matches the search or filters/);

	const bad = await get('/actions?process=no-such-process&lang=en');
	assert.equal(bad.status, 400, 'an unknown process is a 400');
	assert.match(bad.text, /There is no such process/);
	assert.match(bad.text, /no-such-process/);
	const unpub = psql('SELECT slug FROM process WHERE NOT published LIMIT 1');
	if (unpub)
		assert.equal((await get('/actions?process=' + unpub)).status, 400,
		    'an unpublished process is unknown here');
	assert.equal((await get('/actions?process=Iso_Kirjain')).status, 400);
	assert.equal((await get('/actions?year=20x4')).status, 400);
	assert.equal((await get('/actions?year=12345')).status, 400);
	assert.equal((await get('/actions?unit=999999999')).status, 400);

	const unit = psql('SELECT u.id FROM unit u JOIN action_unit au ON ' +
	    'au.unit_id = u.id JOIN action a ON a.id = au.action_id JOIN ' +
	    'process p ON p.id = a.process_id AND p.published ' +
	    'WHERE a.deleted_at IS NULL LIMIT 1');
	const u = await get('/actions?per=all&unit=' + unit);
	assert.equal(total(u.text), published(`${unit} = ANY(pr.unit_ids)`));
	const st = psql('SELECT s.code FROM status s JOIN process_row pr ON ' +
	    'pr.status_id = s.id JOIN process p ON p.id = pr.process_id AND ' +
	    'p.published LIMIT 1');
	const s = await get('/actions?per=all&status=' + st);
	assert.equal(total(s.text), published(`pr.status_id = (SELECT id FROM status WHERE code = '${st}')`));
	const q = await get('/actions?per=all&q=asiakas');
	assert.equal(q.status, 200);
	assert.ok(total(q.text) > 0 && total(q.text) < published(),
	    'a search narrows the directory: ' + resultCount(q.text));
	// The same search finds the same actions as the process's table.
	const inTable = (await get('/p/' + P2024 + '?per=all&q=palvelu')).text;
	const inDir = (await get('/actions?per=all&q=palvelu&process=' + P2024)).text;
	assert.deepEqual(actionLinks(inDir).sort(), [...new Set(actionLinks(inTable))].sort());
	// Found in the workers' indexes or in the database (a date filter
	// searches there), a search finds the same actions in the same order.
	for (const query of ['q=palvelu', 'q=nuori+palvelu&sort=status&dir=desc',
	    'q=asiakas&year=' + year, 'q=palvelu&per=10&page=2',
	    'q=palvelu&per=10&page=2&dir=desc']) {
		const mem = await get('/actions?' + query);
		const sql = await get('/actions?since=1990-01-01&' + query);
		assert.equal(mem.status, 200);
		assert.deepEqual(actionLinks(mem.text), actionLinks(sql.text), query);
		assert.equal(total(mem.text), total(sql.text), query);
	}
	// Links keep the filters; the form's action is the directory.
	assert.match(p.text, /action="\/actions#results"/);
	assert.match(p.text, /<option value="asukaspaneeli-2024" selected>/);
	const sorted = await get('/actions?sort=status&dir=desc&process=' + P2024);
	assert.match(sorted.text, /href="\/actions\?process=asukaspaneeli-2024&amp;sort=status#results"/);
});

test('the directory\'s downloads hold what the view selects', async () => {
	const j = await get('/actions.json?process=' + P2024);
	assert.equal(j.status, 200);
	const doc = JSON.parse(j.text);
	assert.equal(doc.process, null);
	assert.equal(doc.query.process, P2024);
	assert.equal(doc.total, published(`p.slug = '${P2024}'`));
	assert.equal(doc.rows.length, doc.total);
	for (const row of doc.rows) {
		assert.equal(row.process.slug, P2024);
		assert.match(row.action.url, /^\/p\/asukaspaneeli-2024\/a\/\d+$/);
	}
	// The API's description says what the document is.
	const openapi = JSON.parse((await get('/api/v1/openapi.json')).text);
	assert.ok(openapi.paths['/actions.json']);
	const ajv = new Ajv2020({ strict: false, validateFormats: false });
	ajv.addSchema({ $id: 'openapi', components: openapi.components });
	const rowsSchema = ajv.compile({ $ref: 'openapi#/components/schemas/Rows' });
	assert.ok(rowsSchema(doc), JSON.stringify(rowsSchema.errors));
	const all = JSON.parse((await get('/actions.json')).text);
	assert.equal(all.rows.length, published());
	assert.ok(new Set(all.rows.map((r) => r.process.slug)).size > 1);
	const csv = await get('/actions.csv');
	assert.equal(csv.status, 200);
	assert.match(csv.headers.get('content-type'), /text\/csv/);
	assert.match(csv.headers.get('content-disposition'), /filename="actions\.csv"/);
	const xlsx = await get('/actions.xlsx?year=2024');
	assert.equal(xlsx.status, 200);
	assert.equal((await get('/actions.json?process=nope')).status, 400);
	const page = await get('/actions?process=' + P2024 + '&q=palvelu');
	assert.match(page.text, /href="\/actions\.json\?process=asukaspaneeli-2024&amp;q=palvelu&amp;per=all"/);
});

test('the directory is cached by the data version and answers 304', async () => {
	const a = await get('/actions?per=10');
	const etag = a.headers.get('etag');
	assert.ok(etag);
	assert.equal((await get('/actions?per=10', { 'if-none-match': etag })).status, 304);
});

// Generated combinations (as tests/http/combinations.test.mjs does for
// /p/SLUG): nothing may answer 5xx.
test('generated directory parameters never answer 5xx', async () => {
	let state = Number(process.env.TOTEUMA_SEED || Date.now() % 100000);
	const rnd = (n) => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state % n;
	};
	const pick = (a) => a[rnd(a.length)];
	const words = ['nuori', 'nuorten', 'palvelu', 'Keusote', '100%', 'a_b',
	    "o'neil", 'тест', '😀', ';', '$1', 'x'.repeat(40)];
	const urls = [];
	for (let i = 0; i < 120; i++) {
		const p = new URLSearchParams();
		const opt = (k, f) => { if (rnd(2)) p.set(k, f()); };
		opt('q', () => Array.from({ length: 1 + rnd(6) }, () => pick(words)).join(' '));
		opt('process', () => pick([P2024, 'asukaspaneeli-2023', 'nope', '']));
		opt('year', () => pick(['2023', '2024', '1999', '20x4', '']));
		opt('status', () => pick(['in_progress', 'done', 'x', '']));
		opt('unit', () => pick(['1', '3', '999', 'abc']));
		opt('sort', () => pick(['recommendation', 'action', 'schedule',
		    'status', 'unit', 'info', 'x']));
		opt('dir', () => pick(['asc', 'desc']));
		opt('per', () => pick(['10', '25', '100', 'all', '7']));
		opt('page', () => pick(['1', '2', '9999999', '0']));
		opt('since', () => pick(['2024-01-01', '2099-01-01', '2024-02-30']));
		opt('state', () => pick(['overdue', 'stale', 'completed', 'not_done']));
		opt('lang', () => pick(['fi', 'sv', 'en']));
		urls.push(pick(['/actions', '/actions', '/embed/actions',
		    '/actions.json', '/actions.csv']) + '?' + p);
	}
	const failures = [];
	let ok = 0;
	for (let i = 0; i < urls.length; i += 4) {
		const batch = urls.slice(i, i + 4);
		const res = await Promise.all(batch.map((u) => get(u)));
		res.forEach((r, k) => {
			if (r.status >= 500) failures.push(r.status + ' ' + batch[k]);
			if (r.status === 200) ok++;
		});
	}
	assert.deepEqual(failures, []);
	assert.ok(ok > urls.length / 4, ok + ' answered 200');
});

const csp = (r) => r.headers.get('content-security-policy') || '';

test('embeds: framed only by the allowed sites; links open apart', async () => {
	const admin = await signInNew('embed-admin');
	const form = await admin.get('/b/site?lang=en');
	assert.equal(form.status, 200);
	assert.match(form.text, /<pre class="snippet" id="embed-directory">&lt;iframe src=&quot;http[^&]*\/embed\/actions&quot;/,
	    'the snippet to copy, escaped');
	const site = psql("SELECT row_to_json(s) FROM site s");
	const doc = JSON.parse(site);
	const good = { csrf: admin.csrf, name: doc.name, name_sv: doc.name_sv,
	    name_en: doc.name_en, address: doc.address, phone: doc.phone,
	    email: doc.email, website: doc.website, compliance: doc.compliance,
	    statement_date: doc.statement_date, assessed_date: doc.assessed_date };
	const before = psql('SELECT embed_origins FROM site');
	for (const bad of ['http://kunta.example.fi', 'https://kunta.example.fi/sivu',
	    'https://*.example.fi', 'https://Kunta.example.fi', '*',
	    'https://kunta.example.fi:99999', "https://a.fi 'unsafe-inline'",
	    'https://a.fi;script-src *', 'javascript:alert(1)', 'https://',
	    'https://a..fi', 'https://kunta.example.fi/',
	    Array.from({ length: 21 }, (_, i) => `https://s${i}.fi`).join('\n')]) {
		const r = await admin.post('/b/site?lang=en', { ...good, embed_origins: bad });
		assert.equal(r.status, 422, JSON.stringify(bad));
		assert.match(r.text, /aria-describedby="embed_origins-help embed_origins-error"/);
		assert.match(r.text, /No paths and no wildcards/);
		assert.equal(psql('SELECT embed_origins FROM site'), before, 'nothing changed');
	}
	// None allowed: no site may frame an embed.
	let r = await admin.post('/b/site', { ...good, embed_origins: '' });
	assert.equal(r.status, 303);
	// Every worker reads the site's settings again at the next version.
	assert.ok(await eventually(async () => /frame-ancestors 'none'$/.test(
	    csp(await get('/embed/p/' + P2024)))), 'with no site, none may frame');
	r = await get('/embed/p/' + P2024);
	assert.equal(r.status, 200);

	r = await admin.post('/b/site', { ...good, embed_origins:
	    ' https://www.kunta.example.fi\r\nhttps://127.0.0.2:8443 \r\n\r\n' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(psql('SELECT array_to_string(embed_origins, \' \') FROM site'),
	    'https://www.kunta.example.fi https://127.0.0.2:8443');
	assert.ok(await eventually(async () => /kunta/.test(csp(
	    await get('/embed/actions')))), 'the new sites are allowed');
	for (const path of ['/embed/p/' + P2024, '/embed/actions?lang=sv',
	    '/embed/p/no-such-process']) {
		r = await get(path);
		assert.match(csp(r), /frame-ancestors https:\/\/www\.kunta\.example\.fi https:\/\/127\.0\.0\.2:8443$/, path);
		assert.equal(r.headers.get('x-frame-options'), null, path);
	}
	for (const path of ['/', '/actions', '/p/' + P2024, '/b/site', '/actions.json']) {
		r = await get(path);
		assert.match(csp(r), /frame-ancestors 'none'/, path);
		assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
	}
	// The embed: its own chrome, links to the full site apart, its
	// paging, sorting and form inside the embed.
	const e = await get('/embed/actions?per=10&lang=en');
	assert.match(e.text, /<html lang="en">/);
	assert.match(e.text, /<meta name="robots" content="noindex">/);
	assert.ok(!e.text.includes('class="site-header"'), 'no site header');
	assert.match(e.text, /<form class="filters"[^>]*action="\/embed\/actions#results"/);
	assert.match(e.text, /<nav class="pager"[\s\S]*href="\/embed\/actions\?lang=en&amp;per=10&amp;page=2#results"/);
	assert.match(e.text, /<th scope="col"[^>]*><a href="\/embed\/actions\?lang=en&amp;sort=action/);
	const out = [...e.text.matchAll(/<a ([^>]*)href="\/p\/[^"]*"([^>]*)>([\s\S]*?)<\/a>/g)];
	assert.ok(out.length > 5);
	for (const [, pre, post, text] of out) {
		assert.match(pre + post, /target="_blank" rel="noopener"/);
		assert.match(text, /\(opens in a new window\)/);
	}
	const p = await get('/embed/p/' + P2024 + '?status=in_progress');
	assert.match(p.text, /action="\/embed\/p\/asukaspaneeli-2024#results"/);
	assert.match(p.text, /<link rel="canonical" href="[^"]*\/p\/asukaspaneeli-2024\?status=in_progress"/);
	r = await admin.post('/b/site', { ...good, embed_origins: before.replace(/[{}]/g, '').replace(/,/g, '\n') });
	assert.equal(r.status, 303);
});
