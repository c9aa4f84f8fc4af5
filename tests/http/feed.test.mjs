// The Atom feeds of changes against the real server and database: a
// change saved through the staff form is the newest entry of the site,
// process and unit feeds, with a working link and a title in the
// reader's language; feeds parse with feedparser (well-formed, escaped);
// conditional requests, unknown and malformed addresses, an empty feed,
// and that nothing of an unpublished process shows.
//
// The file works on processes and units of its own with a suffix per
// run, so that it can run again on the same database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { base, get, importCsv, HEADER, eventually, Browser, psql, addUser,
    RUN, PW, lit, signIn, actionSaveForm } from './lib.mjs';

const SLUG = 'feed-julkinen-' + RUN;
const HIDDEN = 'feed-piilo-' + RUN;
const UNIT = 'Syöteyksikkö ' + RUN;
const QUIET = 'Hiljainen yksikkö ' + RUN;
const EDITOR = `feed-editor-${RUN}@test.invalid`;
const NASTY = 'Ilmoitus <script>&"\' ' + RUN;

const ids = {};

// feedparser's reading of an Atom document, as JSON.
const PARSER = `
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    'bozo': d.bozo, 'version': d.version,
    'error': str(d.get('bozo_exception', '')),
    'title': d.feed.get('title'), 'id': d.feed.get('id'),
    'updated': d.feed.get('updated'), 'rights': d.feed.get('rights'),
    'author': d.feed.get('author'),
    'links': [{'rel': l.get('rel'), 'href': l.get('href'),
        'type': l.get('type')} for l in d.feed.get('links', [])],
    'entries': [{'id': e.get('id'), 'title': e.get('title'),
        'updated': e.get('updated'), 'link': e.get('link'),
        'content': e.content[0].value if 'content' in e else None}
        for e in d.entries]}))
`;

// The whole feed may be large: entries carry notes of up to 20,000
// characters, which other files' tests save.
function parse(xml) {
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PARSER],
	    { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

// A feed fetched, checked to be a well-formed Atom 1.0 feed, parsed.
async function feed(path) {
	const r = await get(path);
	assert.equal(r.status, 200, `${path}: expected 200, got ${r.status}: ` +
	    r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'),
	    'application/atom+xml; charset=utf-8', `${path}: content type`);
	const f = parse(r.text);
	assert.equal(f.bozo, false, `${path}: expected well-formed XML, ` +
	    `feedparser says ${f.error}`);
	assert.equal(f.version, 'atom10', `${path}: expected Atom 1.0`);
	f.raw = r.text;
	f.headers = r.headers;
	return f;
}

function link(f, rel) {
	const l = f.links.find((x) => x.rel === rel);
	return l ? l.href : null;
}

// Waits until the server's feed at path has an entry satisfying fn.
async function feedWith(path, fn) {
	let last;
	await eventually(async () => {
		last = await feed(path);
		return last.entries.some(fn);
	});
	return last;
}

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Syötesuositus,,Syötetoimenpide,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n` +
	    `,,Toinen syötetoimenpide,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n`,
	    'Syötteen testi');
	importCsv(HIDDEN, HEADER +
	    `1. Piilosuositus,,Piilotoimenpide,1/2025,Käynnissä,${UNIT},\r\n`,
	    'Piilotettu testi');
	psql(`INSERT INTO unit (name) VALUES (${lit(QUIET)})`);
	for (const line of psql('SELECT a.body, a.id FROM action a JOIN ' +
	    'process p ON p.id = a.process_id WHERE p.slug IN (' +
	    `${lit(SLUG)}, ${lit(HIDDEN)})`).split('\n')) {
		const [body, id] = line.split('|');
		ids[body] = Number(id);
	}
	ids.unit = Number(psql(`SELECT id FROM unit WHERE name = ${lit(UNIT)}`));
	ids.quiet = Number(psql(`SELECT id FROM unit WHERE name = ${lit(QUIET)}`));
	psql(`UPDATE process SET published = false WHERE slug = ${lit(HIDDEN)}`);

	// 1. A text with markup characters, written as the application
	// writes (the history trigger records it).
	const other = ids['Toinen syötetoimenpide'];
	psql(`UPDATE action SET body = ${lit(NASTY)} WHERE id = ${other}; ` +
	    `SELECT process_rows_refresh_action(${other})`);
	// 2. A status change saved by the unit's editor through the form.
	addUser(EDITOR, 'editor', [UNIT], PW);
	const b = await signIn(EDITOR);
	const id = ids['Syötetoimenpide'];
	const rev = psql(`SELECT revision FROM action WHERE id = ${id}`);
	const r = await b.post('/b/a/' + id, actionSaveForm(b.csrf, rev,
	    { status: 'done', status_note: 'Valmis ' + RUN }));
	assert.equal(r.status, 303, 'the save is accepted: ' +
	    r.text.slice(0, 400));
	// 3. A change in the unpublished process, the newest of all.
	psql('UPDATE action SET status_note = \'Salainen muutos\' WHERE id = ' +
	    ids['Piilotoimenpide']);
	// Each worker notices the change within a second.
	execFileSync('sleep', ['1.2']);
});

const isStatusChange = (e) => e.link && e.link.split('?')[0].endsWith(
    `/p/${SLUG}/a/${ids['Syötetoimenpide']}`) && /→/.test(e.title);

const feeds = () => [
	['site', '/feed.atom'],
	['process', `/p/${SLUG}/feed.atom`],
	['unit', `/unit/${ids.unit}/feed.atom`],
];

test('the saved change is the newest entry of each feed, linked to the ' +
    'action page', async () => {
	for (const [what, path] of feeds()) {
		const f = await feedWith(path, isStatusChange);
		const e = f.entries[0];
		assert.ok(isStatusChange(e), `${what} feed: expected the status ` +
		    `change first, got ${JSON.stringify(e)}`);
		assert.equal(e.link, `${base}/p/${SLUG}/a/${ids['Syötetoimenpide']}`,
		    `${what} feed: expected an absolute link to the action page`);
		assert.equal(e.title, 'Tila: Käynnissä → Toteutettu; Tilan ' +
		    'kuvaus muuttui – Syötetoimenpide', `${what} feed: title`);
		assert.match(e.content, new RegExp('Valmis ' + RUN),
		    `${what} feed: the content shows the new status note`);
		assert.match(e.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		    `${what} feed: a urn:uuid entry id`);
		assert.match(e.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
		    `${what} feed: RFC 3339 time`);
		assert.equal(f.updated, e.updated,
		    `${what} feed: the feed is as new as its newest entry`);
		assert.ok(f.entries.length <= 50, `${what}: at most 50 entries`);
		const page = await get(e.link.slice(base.length));
		assert.equal(page.status, 200, `${what} feed: the link answers`);
		assert.doesNotMatch(f.raw, new RegExp(EDITOR),
		    `${what} feed: no staff addresses`);
	}
});

test('an entry keeps its id across feeds and languages', async () => {
	const seen = new Set();
	for (const [, path] of feeds())
		for (const q of ['', '?lang=sv', '?lang=en']) {
			const f = await feed(path + q);
			seen.add(f.entries.find(isStatusChange).id);
		}
	assert.equal(seen.size, 1, `expected one id, got ${[...seen]}`);
});

test('titles and labels in Finnish, Swedish and English', async () => {
	const want = {
		'': ['Syötteen testi – Muutokset toimenpiteisiin',
		    'Tila: Käynnissä → Toteutettu', 'fi'],
		'?lang=sv': ['Syötteen testi – Ändringar i åtgärderna',
		    'Status: Pågår → Genomförd', 'sv'],
		'?lang=en': ['Syötteen testi – Changes to actions',
		    'Status: In progress → Done', 'en'],
	};
	for (const [q, [title, entry, lang]] of Object.entries(want)) {
		const f = await feed(`/p/${SLUG}/feed.atom${q}`);
		assert.equal(f.title, title, `feed title for lang ${lang}`);
		assert.match(f.raw, new RegExp(`<feed [^>]*xml:lang="${lang}"`),
		    `xml:lang is ${lang}`);
		assert.ok(f.entries[0].title.startsWith(entry),
		    `entry title for ${lang}: expected "${entry}…", got ` +
		    `"${f.entries[0].title}"`);
		assert.equal(link(f, 'self'), `${base}/p/${SLUG}/feed.atom${q}`,
		    `self link for ${lang}`);
		assert.equal(link(f, 'alternate'), `${base}/p/${SLUG}${q}`,
		    `alternate link for ${lang}`);
		assert.equal(link(f, 'license'),
		    'https://creativecommons.org/licenses/by/4.0/', 'licence link');
		assert.match(f.rights, /CC BY 4\.0/, 'rights name the licence');
		assert.equal(f.author, 'Toteuma', 'the service is the author');
		assert.ok(f.entries[0].link.endsWith(q),
		    `entry links keep the language ${lang}`);
	}
	const site = await feed('/feed.atom?lang=sv');
	assert.equal(site.title, 'Toteuma – Ändringar i åtgärderna');
	const unit = await feed(`/unit/${ids.unit}/feed.atom?lang=en`);
	assert.equal(unit.title, `${UNIT} – Changes to actions`);
});

test('markup characters in an action come out escaped and parse',
    async () => {
	for (const [what, path] of feeds()) {
		const f = await feed(path);
		const e = f.entries.find((x) => x.link.endsWith('/a/' +
		    ids['Toinen syötetoimenpide']) && /kuvaus/.test(x.title));
		assert.ok(e, `${what} feed: expected the change of the text`);
		assert.ok(e.title.includes(NASTY), `${what}: title ${e.title}`);
		assert.ok(e.content.includes(NASTY),
		    `${what}: content ${e.content}`);
		assert.doesNotMatch(f.raw, /<script/,
		    `${what}: no raw markup in the document`);
		assert.ok(f.raw.includes('&lt;script&gt;&amp;&quot;&#39;'),
		    `${what}: escaped in the document`);
	}
});

test('a change to an unpublished process never appears', async () => {
	for (const [what, path] of feeds())
		for (const q of ['', '?lang=en']) {
			const f = await feed(path + q);
			assert.doesNotMatch(f.raw, new RegExp(HIDDEN),
			    `${what} feed: nothing of ${HIDDEN}`);
			assert.doesNotMatch(f.raw, /Salainen|Piilo/,
			    `${what} feed: none of its texts`);
		}
	const r = await get(`/p/${HIDDEN}/feed.atom`);
	assert.equal(r.status, 404, 'its own feed is not found');
});

// A feed's ETag once every worker has the data as it is: a change of an
// earlier test may still be on its way to one of them (each worker has
// its own copy of the catalogue), and a feed that changed meanwhile
// rightly answers 200.
async function settledFeed(path) {
	let f = await feed(path);
	assert.ok(await eventually(async () => {
		const again = await feed(path);
		const same = again.headers.get('etag') === f.headers.get('etag');
		f = again;
		return same;
	}), `${path}: the ETag settles`);
	return f;
}

test('304 on If-None-Match and If-Modified-Since', async () => {
	for (const [what, path] of feeds()) {
		const f = await settledFeed(path);
		const etag = f.headers.get('etag');
		assert.ok(etag, `${what}: an ETag`);
		assert.ok(f.headers.get('last-modified'), `${what}: Last-Modified`);
		const r = await get(path, { 'if-none-match': etag });
		assert.equal(r.status, 304, `${what}: expected 304 for its ETag`);
		assert.equal(r.text, '', `${what}: 304 has no body`);
		const m = await get(path, { 'if-modified-since':
		    f.headers.get('last-modified') });
		assert.equal(m.status, 304, `${what}: expected 304 since then`);
		const other = await get(path + '?lang=sv',
		    { 'if-none-match': etag });
		assert.equal(other.status, 200, `${what}: another language is ` +
		    'another document');
	}
});

test('unknown and malformed addresses', async () => {
	const cases = [
		[`/p/ei-ole-${RUN}/feed.atom`, 404, 'Tällaista prosessia ei'],
		['/unit/999999999999/feed.atom', 404, 'Tällaista vastuutahoa'],
		['/unit/999999999999/feed.atom?lang=sv', 404,
		    'Det finns ingen sådan ansvarig enhet'],
		['/unit/abc/feed.atom?lang=en', 400,
		    'The address must name a responsible unit by its number.'],
		['/unit/0/feed.atom', 400, 'vastuutahon numero'],
		['/unit/1234567890123456789/feed.atom', 400, 'vastuutahon numero'],
		['/feed.atom?lang=de', 400, ''],
	];
	for (const [path, status, text] of cases) {
		const r = await get(path);
		assert.equal(r.status, status, `${path}: expected ${status}`);
		assert.match(r.headers.get('content-type'), /^text\/html/,
		    `${path}: an error page`);
		assert.ok(r.text.includes(text), `${path}: expected "${text}"`);
	}
	const p = await fetch(base + '/feed.atom', { method: 'POST' });
	assert.notEqual(p.status, 200, 'feeds only answer GET and HEAD');
	const h = await fetch(base + '/feed.atom', { method: 'HEAD' });
	assert.equal(h.status, 200, 'HEAD answers');
});

test('a unit without changes has a valid empty feed', async () => {
	const f = await feed(`/unit/${ids.quiet}/feed.atom`);
	assert.equal(f.entries.length, 0, 'no entries');
	assert.equal(f.title, `${QUIET} – Muutokset toimenpiteisiin`);
	assert.match(f.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
	    'an empty feed still has its updated time');
	assert.equal(link(f, 'self'), `${base}/unit/${ids.quiet}/feed.atom`);
});

// A raw request with its own Host header.
function withHost(path, host) {
	return new Promise((resolve, reject) => {
		const u = new URL(base);
		const req = http.request({ host: u.hostname, port: u.port, path,
		    headers: { host } }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { body += c; });
			res.on('end', () => resolve({ status: res.statusCode,
			    text: body }));
		});
		req.on('error', reject);
		req.end();
	});
}

test('links use the configured base address, whatever the Host header',
    async () => {
	for (const host of ['toteuma.example.fi:8443', 'evil.example"><x']) {
		const r = await withHost('/feed.atom', host);
		assert.equal(r.status, 200, host);
		const f = parse(r.text);
		assert.equal(f.bozo, false, host + ': well-formed');
		assert.equal(link(f, 'self'), base + '/feed.atom',
		    host + ': the base address (TOTEUMA_BASE_URL)');
		assert.doesNotMatch(r.text, /toteuma\.example\.fi|evil\.example/,
		    host + ': nothing of the Host header');
	}
});

test('the front page and the process page link to their feeds',
    async () => {
	for (const [path, feedPath] of [['/', '/feed.atom'],
	    [`/p/${SLUG}`, `/p/${SLUG}/feed.atom`]]) {
		for (const q of ['', '?lang=sv']) {
			const r = await get(path + q);
			assert.equal(r.status, 200);
			const href = (feedPath + q).replace(/&/g, '&amp;');
			assert.match(r.text, new RegExp('<link rel="alternate" ' +
			    'type="application/atom\\+xml" title="[^"]+" href="' +
			    href.replace(/[?+.]/g, '\\$&') + '">'),
			    `${path}${q}: the head names the feed`);
			assert.ok(r.text.includes(`<a href="${href}" ` +
			    'type="application/atom+xml">'),
			    `${path}${q}: a visible link to the feed`);
		}
	}
	const sv = await get('/?lang=sv');
	assert.ok(sv.text.includes('Följ ändringarna (Atom-flöde)'),
	    'the link text is in the page language');
});
