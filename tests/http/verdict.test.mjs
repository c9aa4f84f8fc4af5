// The panel's verdict against the real server: an admin issues links
// (printed once, or mailed through the outbox), opens a round; members
// rate with their links (CSRF without a session, last save wins, two
// browsers at once); bad input is refused with nothing changed; the
// public page shows the aggregate only from three answers on and a
// comment only once an admin has read it, as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { mailTo } from './maillib.mjs';
import { importCsv, HEADER, Browser, hiddenValue, psql, lit, signInNew,
    unescapeHtml, WAITS, htmlProblems, eventually } from './lib.mjs';

const SLUG = 'http-verdict';
const OTHER = 'http-verdict-toinen';
let pid, admin, started, issuedPage, mailed, links = [];
const rec = {};
const day = (days) => psql(`SELECT (current_date + ${days})::text`);
const rows = () => Number(psql('SELECT count(*) FROM verdict WHERE ' +
    `process_id = ${pid}`));

before(async () => {
	importCsv(SLUG, HEADER +
	    '1. Ensimmäinen suositus,,Toimi A,1/2025 – 12/2026,Käynnissä,Arvioyksikkö,\r\n' +
	    '2. Toinen suositus,,Toimi B,1/2025 – 12/2026,Käynnissä,,\r\n',
	    'Arvion testi');
	importCsv(OTHER, HEADER +
	    '1. Muu suositus,,Toimi C,1/2025 – 12/2026,Käynnissä,,\r\n',
	    'Toinen prosessi');
	pid = Number(psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`));
	for (const [k, s, n] of [['one', SLUG, '1'], ['two', SLUG, '2'],
	    ['other', OTHER, '1']])
		rec[k] = Number(psql('SELECT r.id FROM recommendation r JOIN ' +
		    `process p ON p.id = r.process_id WHERE p.slug = ${lit(s)} ` +
		    `AND r.number = ${lit(n)}`));
	// A database used before: this file's process starts without a verdict.
	for (const t of ['verdict', 'verdict_link', 'verdict_round'])
		psql(`DELETE FROM ${t} WHERE process_id = ${pid}`);
	started = psql('SELECT now()');
	admin = await signInNew('verdict-admin');
});

after(() => {
	psql('UPDATE verdict_round SET closed_at = now() WHERE closed_at IS NULL');
});

const adminPost = (form) => admin.post(`/b/p/${pid}/verdict`,
    { csrf: admin.csrf, ...form });

// A member's browser that has opened link url: its form's csrf.
async function open(url) {
	const b = new Browser();
	const path = new URL(url).pathname;
	const r = await b.get(path);
	assert.equal(r.status, 200, r.text.slice(0, 400));
	b.path = path;
	b.csrf = hiddenValue(r.text, 'csrf');
	return { b, r };
}

test('the admin page of the process links to its verdict page', async () => {
	const r = await admin.get(`/b/p/${pid}`);
	assert.ok(r.text.includes(`<a href="/b/p/${pid}/verdict">Paneelin arvio</a>`));
});

test('an admin issues five links, shown once as a list to print', async () => {
	const r = await adminPost({ op: 'issue', count: '5', lang_mail: 'fi' });
	assert.equal(r.status, 200, r.text.slice(0, 400));
	issuedPage = r;
	links = [...r.text.matchAll(/class="verdict-url">([^<]+)</g)]
	    .map((m) => unescapeHtml(m[1]));
	assert.equal(links.length, 5, 'five links are listed');
	assert.equal(psql('SELECT count(*) FROM verdict_link WHERE ' +
	    `process_id = ${pid}`), '5');
	const token = new URL(links[0]).pathname.split('/')[2];
	assert.equal(psql('SELECT count(*) FROM verdict_link WHERE token_hash = ' +
	    `convert_to(${lit(token)}, 'UTF8')`), '0', 'not stored as such');
	const again = await admin.get(`/b/p/${pid}/verdict`);
	assert.ok(!again.text.includes(token), 'the page does not show it again');
	assert.equal(psql("SELECT count(*) FROM audit_log WHERE event = " +
	    `'verdict.links_issue' AND object = 'process/${pid}' AND at > ` +
	    lit(started)), '1');
});

test('links to addresses are mailed, one each, addresses not kept', async () => {
	const a = `jasen-${Date.now()}@test.invalid`;
	const r = await adminPost({ op: 'issue', emails: `${a}\n\n`,
	    lang_mail: 'sv' });
	assert.equal(r.status, 200);
	assert.equal(psql('SELECT count(*) FROM mail_outbox WHERE recipient = ' +
	    `${lit(a)} AND kind = 'verdict_invite' AND lang = 'sv'`), '1');
	const bad = await adminPost({ op: 'issue', emails: 'ei osoite' });
	assert.equal(bad.status, 422, 'an address that is not one');
	assert.match(bad.text, /Kirjoita yksi sähköpostiosoite riville/);
	mailed = a;
});

test('the invitation arrives in its language with a link that works', WAITS, async () => {
	const m = await mailTo(mailed);
	assert.match(m.subject, /Din länk för att bedöma/);
	const link = m.text.match(/https?:\/\/\S+\/verdict\/[A-Za-z0-9_-]{43}\?lang=sv/);
	assert.ok(link, 'the mail has the link, in Swedish');
	const page = await new Browser().get(new URL(link[0]).pathname + '?lang=sv');
	assert.equal(page.status, 200, 'and the link works');
	assert.match(page.text, /Panelens bedömning/);
});

test('without an open round a link shows read-only and saves nothing', async () => {
	const { b, r } = await open(links[0]);
	assert.match(r.text, /Arviointikierros ei ole auki/);
	assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
	const p = await b.post(b.path, { csrf: 'x', [`response-${rec.one}`]: '3' });
	assert.ok(p.status === 403 || p.status === 409, `got ${p.status}`);
	assert.equal(rows(), 0);
});

test('an admin opens the round; a past day is refused', async () => {
	const past = await adminPost({ op: 'open', closes: day(-1) });
	assert.equal(past.status, 422);
	const r = await adminPost({ op: 'open', closes: day(7) });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const twice = await adminPost({ op: 'open', closes: day(7) });
	assert.equal(twice.status, 422, 'one open round at a time');
});

test('a member rates, and changes it with the same link', async () => {
	const { b, r } = await open(links[0]);
	assert.match(r.text, /<fieldset class="verdict-scale-choice"><legend>/);
	const p = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '4', [`progress-${rec.one}`]: '2',
	    [`comment-${rec.one}`]: '<script>alert(1)</script> hyvä',
	    [`response-${rec.two}`]: '', [`progress-${rec.two}`]: '' });
	assert.equal(p.status, 303, p.text.slice(0, 400));
	assert.equal(rows(), 1, 'no row for a recommendation left unrated');
	const again = await b.get(b.path);
	assert.match(again.text, new RegExp(`id="response-${rec.one}-4" ` +
	    `name="response-${rec.one}" value="4" checked`));
	assert.ok(again.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; hyvä'),
	    'the comment comes back as text');
	const c = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '5', [`comment-${rec.one}`]: '' });
	assert.equal(c.status, 303);
	assert.equal(psql('SELECT response || \'|\' || coalesce(progress::text, ' +
	    `'-') || '|' || comment FROM verdict WHERE process_id = ${pid}`),
	    '5|-|');
});

test('two browsers with one link: both save, last write wins, one row', async () => {
	const x = await open(links[1]);
	const y = await open(links[1]);
	const [p, q] = await Promise.all([
	    x.b.post(x.b.path, { csrf: x.b.csrf, [`response-${rec.one}`]: '1' }),
	    y.b.post(y.b.path, { csrf: y.b.csrf, [`response-${rec.one}`]: '2' })]);
	assert.equal(p.status, 303);
	assert.equal(q.status, 303);
	const link = psql('SELECT count(*) FROM verdict v JOIN verdict_link l ' +
	    `ON l.id = v.link_id WHERE l.process_id = ${pid} AND l.number = 2`);
	assert.equal(link, '1', 'one row for the link and recommendation');
	const z = await y.b.post(y.b.path, { csrf: y.b.csrf,
	    [`response-${rec.one}`]: '3' });
	assert.equal(z.status, 303);
	assert.equal(psql('SELECT v.response FROM verdict v JOIN verdict_link ' +
	    `l ON l.id = v.link_id WHERE l.process_id = ${pid} AND ` +
	    'l.number = 2'), '3', 'the last save is what stays');
});

test('bad input: nothing changes', async () => {
	const { b } = await open(links[2]);
	const before = rows();
	const long = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '4', [`comment-${rec.one}`]: 'x'.repeat(100000) });
	assert.equal(long.status, 422, 'a comment of 100,000 characters');
	assert.match(long.text, /Kommentti on liian pitkä: enintään 1 000 merkkiä/);
	const six = await b.post(b.path, { csrf: b.csrf, [`response-${rec.one}`]: '6' });
	assert.equal(six.status, 422, 'a rating of 6');
	assert.match(six.text, /Valitse arvio 1–5/);
	const zero = await b.post(b.path, { csrf: b.csrf, [`progress-${rec.one}`]: '0' });
	assert.equal(zero.status, 422, 'a rating of 0');
	const other = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.other}`]: '3' });
	assert.equal(other.status, 422, 'a recommendation of another process');
	const forged = await b.post(b.path, { csrf: 'x'.repeat(43),
	    [`response-${rec.one}`]: '3' });
	assert.equal(forged.status, 403, 'a form without its token');
	const nul = await b.post(b.path, { csrf: 'y'.repeat(43),
	    [`response-${rec.one}`]: '3' }, { origin: 'null' });
	assert.equal(nul.status, 403, 'Origin null without the token');
	const cross = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '3' }, { origin: 'https://evil.example' });
	assert.equal(cross.status, 403, 'a post from another site');
	const foreign = await b.post(b.path, { csrf: b.csrf, 'x-1': '3' });
	assert.equal(foreign.status, 400, 'a field of no form of ours');
	assert.equal(rows(), before, 'nothing was saved');
	// The page has no referrer, so a browser posts with Origin null.
	const ok = await b.post(b.path, { csrf: b.csrf, [`response-${rec.two}`]: '2' },
	    { origin: 'null' });
	assert.equal(ok.status, 303, 'Origin null with the token is taken');
	assert.equal(rows(), before + 1);
	assert.equal((await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.two}`]: '' })).status, 303, 'and can be taken back');
	assert.equal(rows(), before, 'a recommendation left unrated has no row');
	const unknown = await new Browser().post('/verdict/' + 'A'.repeat(43),
	    { [`response-${rec.one}`]: '3' });
	assert.equal(unknown.status, 404);
	assert.match(unknown.text, /Tämä arviointilinkki ei toimi/);
	assert.equal(unknown.headers.get('referrer-policy'), 'no-referrer');
});

// The public page of recommendation one once its text passes shows (a
// worker hears of a change within a second), or as it is by then.
async function recPage(shows) {
	let last;
	await eventually(async () => {
		last = await new Browser().get(`/p/${SLUG}/r/${rec.one}`);
		return shows(last.text);
	}, 6000);
	return last;
}

test('the aggregate shows from three answers on, never who', async () => {
	const page = () => new Browser().get(`/p/${SLUG}/r/${rec.one}`);
	let r = await page();
	assert.match(r.text, /Vastauksia: 2\. Liian vähän/,
	    'two answers: only the count');
	assert.doesNotMatch(r.text, /class="verdict-dist"/);
	const { b } = await open(links[2]);
	assert.equal((await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '4', [`progress-${rec.one}`]: '4',
	    [`comment-${rec.one}`]: '<b>Hyvä</b> alku' })).status, 303);
	r = await recPage((t) => t.includes('Vastauksia: 3.'));
	assert.match(r.text, /Vastauksia: 3\. Keskiarvo: 4,0 \/ 5\./,
	    'three answers: the distribution and mean (5, 3, 4)');
	assert.ok(r.text.includes('<span class="verdict-value">3 – kohtalainen' +
	    '</span>: <span class="verdict-count">1</span>'), 'a count per value');
	assert.match(r.text, /class="verdict-dist"/);
	assert.doesNotMatch(r.text, /Hyvä<\/b> alku/, 'an unread comment is not public');
});

test('the aggregate in the table, the report and the API', async () => {
	const t = await new Browser().get(`/p/${SLUG}`);
	assert.ok(t.text.includes('<span class="verdict-short">Paneeli: vastaus ' +
	    '4,0/5 (vastauksia: 3)</span>'),
	    'beside the recommendation');
	const sv = await new Browser().get(`/p/${SLUG}?lang=sv`);
	assert.match(sv.text, /Panelen: svaret 4,0\/5/);
	const rep = await new Browser().get(`/p/${SLUG}/report`);
	assert.equal(rep.status, 200);
	assert.match(rep.text, /Paneelin arvio suosituksittain/);
	assert.match(rep.text, /4,0 \/ 5 \(3\)/, 'the mean and the answers');
	assert.match(rep.text, /liian vähän vastauksia \(1\)/,
	    'one rating of the progress: too few');
	assert.ok(rep.text.includes('4,0 / 5 (3)<br><span class="verdict-dist-' +
	    'text">Arvioittain: 1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1</span>'),
	    'the report gives the distribution beside the mean');
	assert.match(rep.text, /Paneelin arvio suosituksittain: keskiarvo, vastaukset ja kunkin arvion antaneiden määrä/);
	// The report of every process: per process, the recommendations
	// whose distribution is shown, added up.
	const all = await new Browser().get('/report?lang=en');
	assert.equal(all.status, 200);
	assert.ok(all.text.includes('The panel\'s verdict by process: mean, ' +
	    'answers and how many gave each rating'), 'the table by process');
	const row = all.text.split('<tr>').find((x) =>
	    x.includes(`href="/p/${SLUG}/report?lang=en"`));
	assert.ok(row, 'a row for the process');
	assert.match(row, /data-label="Recommendations">1<\/td>/,
	    'one recommendation with a distribution: ' + row);
	assert.ok(row.includes('4.0 / 5 (3)<br><span class="verdict-dist-text">' +
	    'By rating: 1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1</span>'), row);
	assert.match(row, /data-label="Rating of the progress">–<\/td>/,
	    'a progress rating below three answers is left out: ' + row);
	// The JSON download: each row's recommendation, no comments.
	const dl = JSON.parse((await new Browser().get(`/p/${SLUG}.json`)).text);
	const spec = JSON.parse((await new Browser().get(
	    '/api/v1/openapi.json')).text);
	const ajv = new Ajv2020({ strict: false, validateFormats: false });
	ajv.addSchema({ $id: 'openapi', components: spec.components });
	const valid = ajv.compile({ $ref: 'openapi#/components/schemas/Rows' });
	assert.ok(valid(dl), JSON.stringify(valid.errors));
	const dlOne = dl.rows.find((x) => x.recommendation.id === rec.one);
	assert.deepEqual(dlOne.recommendation.verdict, { min_answers: 3,
	    response: { answers: 3, distribution: [0, 0, 1, 1, 1], mean: 4 },
	    progress: { answers: 1, distribution: null, mean: null } });
	assert.equal(dl.rows.find((x) => x.recommendation.id === rec.two)
	    .recommendation.verdict, null, 'nobody rated the second');
	const csv = await new Browser().get(`/p/${SLUG}.csv?dialect=rfc4180`);
	assert.ok(csv.text.startsWith(HEADER +
	    '1. Ensimmäinen suositus,,Toimi A,1/2025 – 12/2026,Käynnissä,' +
	    'Arvioyksikkö,\r\n2. Toinen suositus,,Toimi B,1/2025 – 12/2026,' +
	    'Käynnissä,,\r\n,,,,,,\r\n'),
	    'the CSV keeps the published layout, without a verdict');
	const api = await new Browser().get(`/api/v1/processes/${SLUG}`);
	const doc = JSON.parse(api.text);
	const one = doc.recommendations.find((x) => x.id === rec.one);
	assert.deepEqual(one.verdict.response, { answers: 3,
	    distribution: [0, 0, 1, 1, 1], mean: 4.0 });
	assert.deepEqual(one.verdict.progress, { answers: 1, distribution: null,
	    mean: null }, 'below three answers only the count');
	assert.deepEqual(one.verdict.comments, [], 'no unread comment');
	assert.equal(doc.recommendations.find((x) => x.id === rec.two).verdict,
	    null, 'nobody rated the second');
});

test('the verdict pages are valid HTML5', async () => {
	const { b, r } = await open(links[2] + '?lang=sv');
	const pages = [
		['/verdict/TOKEN', r],
		['/verdict/TOKEN refused', await b.post(b.path, { csrf: b.csrf,
		    [`response-${rec.one}`]: '9' })],
		['/b/p/ID/verdict', await admin.get(`/b/p/${pid}/verdict?lang=en`)],
		['/b/p/ID/verdict issued', issuedPage],
		['/p/SLUG/r/ID', await new Browser().get(`/p/${SLUG}/r/${rec.one}`)],
	];
	const problems = await htmlProblems(pages.map(([what, x]) => [what, x.text]));
	assert.deepEqual(problems, [], 'expected no HTML5 errors');
});

test('revoking a link: 404 for it, out of the aggregate; audited', async () => {
	// A member has the page open when the link is revoked.
	const { b } = await open(links[0]);
	const before = psql('SELECT string_agg(concat_ws(\'|\', id, response, ' +
	    `progress, comment), ';' ORDER BY id) FROM verdict WHERE process_id = ${pid}`);
	const r = await adminPost({ op: 'revoke', number: '1' });
	assert.equal(r.status, 303);
	const g = await new Browser().get(new URL(links[0]).pathname);
	assert.equal(g.status, 404);
	const late = await b.post(b.path, { csrf: b.csrf,
	    [`response-${rec.one}`]: '1', [`comment-${rec.one}`]: 'Myöhässä' });
	assert.equal(late.status, 404, 'a save with a revoked link: 404');
	assert.match(late.text, /Tämä arviointilinkki ei toimi/,
	    'the page says the link does not work');
	assert.equal(psql('SELECT string_agg(concat_ws(\'|\', id, response, ' +
	    `progress, comment), ';' ORDER BY id) FROM verdict WHERE process_id = ${pid}`),
	    before, 'nothing changed');
	const p = await new Browser().get(`/p/${SLUG}/r/${rec.one}`);
	assert.match(p.text, /Vastauksia: 2\. Liian vähän/);
	assert.equal(psql("SELECT count(*) FROM audit_log WHERE event = " +
	    `'verdict.link_revoke' AND object = 'process/${pid}' AND at > ` +
	    lit(started)), '1');
});

test('a comment is public once read, shown as text; hidden with a reason', async () => {
	const id = psql(`SELECT id FROM verdict WHERE process_id = ${pid} ` +
	    "AND comment <> ''");
	const list = await admin.get(`/b/p/${pid}/verdict`);
	assert.ok(list.text.includes('&lt;b&gt;Hyvä&lt;/b&gt; alku'),
	    'the moderation list shows it as text');
	assert.equal((await adminPost({ op: 'seen', comment: id })).status, 303);
	let r = await recPage((t) => t.includes('&lt;b&gt;Hyvä&lt;/b&gt; alku'));
	assert.ok(r.text.includes('&lt;b&gt;Hyvä&lt;/b&gt; alku'),
	    'public, escaped');
	const noReason = await adminPost({ op: 'hide', comment: id, reason: '' });
	assert.equal(noReason.status, 422, 'hiding needs a reason');
	assert.equal((await adminPost({ op: 'hide', comment: id,
	    reason: 'Mainitsee henkilön' })).status, 303);
	r = await recPage((t) => !t.includes('Hyvä&lt;/b&gt; alku'));
	assert.ok(!r.text.includes('Hyvä&lt;/b&gt; alku'), 'hidden');
	assert.equal(psql("SELECT detail->>'reason' FROM audit_log WHERE event = " +
	    `'verdict.comment_hide' AND object = 'verdict/${id}'`),
	    'Mainitsee henkilön');
});

test('after the round closes the link is read-only (409 on save)', async () => {
	assert.equal((await adminPost({ op: 'close' })).status, 303);
	const { b, r } = await open(links[2]);
	assert.match(r.text, /Arviointikierros ei ole auki/);
	assert.doesNotMatch(r.text, /<form method="post" action="\/verdict/);
	const p = await b.post(b.path, { csrf: 'x', [`response-${rec.one}`]: '1' });
	assert.equal(p.status, 409);
	assert.equal(psql('SELECT v.response FROM verdict v JOIN verdict_link l ' +
	    `ON l.id = v.link_id WHERE l.process_id = ${pid} AND l.number = 3`),
	    '4', 'nothing changed');
});

test('an editor may not use the admin page', async () => {
	const ed = await signInNew('verdict-editor', 'editor', ['Arvioyksikkö']);
	const r = await ed.get(`/b/p/${pid}/verdict`);
	assert.equal(r.status, 403);
});
