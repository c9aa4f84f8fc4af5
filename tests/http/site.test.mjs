// What a public-sector site must have: the accessibility statement and
// its feedback form, the privacy notice, the county's details and logo
// kept by admins, robots.txt, sitemap.xml, the favicon, and the links
// and descriptions every page carries for search engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { base, get, psql, signInNew, Browser, hiddenValue, textareaValue,
    RUN, WAITS } from './lib.mjs';

const count = () => Number(psql('SELECT count(*) FROM accessibility_feedback'));

// A browser that has the statement's form (its cookie and token).
async function feedbackBrowser(lang = '') {
	const b = new Browser();
	const page = await b.get('/accessibility' + (lang ? '?lang=' + lang : ''));
	assert.equal(page.status, 200);
	b.token = hiddenValue(page.text, 'csrf');
	assert.ok(b.token && b.cookie('toteuma_feedback'),
	    'the form carries a token and the cookie the same one');
	return b;
}

test('the accessibility statement in three languages', async () => {
	const want = {
		'': [/<html lang="fi"/, /Saavutettavuusseloste/,
		    /Saavutettavuuden tila/, /Valvontaviranomaisen yhteystiedot/],
		'?lang=sv': [/<html lang="sv"/, /Tillgänglighets\u00adutlåtande/,
		    /Innehåll som inte är tillgängligt/],
		'?lang=en': [/<html lang="en"/, /Accessibility statement/,
		    /Enforcement procedure/, /Content that is not accessible/],
	};
	for (const [q, res] of Object.entries(want)) {
		const r = await get('/accessibility' + q);
		assert.equal(r.status, 200, q);
		for (const re of res) assert.match(r.text, re, q);
		assert.match(r.text, /saavutettavuusvaatimukset\.fi/);
		assert.match(r.text, /mailto:saavutettavuus@traficom\.fi/);
		assert.match(r.text, /029 534 5000/);
		assert.match(r.text, /<textarea id="message" name="message"/);
		assert.equal(r.headers.get('cache-control'), 'no-store',
		    'a page with a fresh token is not cached');
	}
	const bad = await get('/accessibility?lang=de');
	assert.equal(bad.status, 400);
});

test('the privacy notice in three languages', async () => {
	for (const [q, re] of [['', /Tietosuojaseloste/],
	    ['?lang=sv', /Dataskyddsbeskrivning/],
	    ['?lang=en', /Privacy notice/]]) {
		const r = await get('/privacy' + q);
		assert.equal(r.status, 200, q);
		assert.match(r.text, re);
		assert.match(r.text, /href="https:\/\/tietosuoja\.fi"/);
		assert.ok(r.headers.get('etag'), 'cached like a public page');
	}
});

test('every page links both statements from its footer', async () => {
	for (const path of ['/', '/p/asukaspaneeli-2024', '/report',
	    '/login', '/nothing-here']) {
		const r = await get(path + (path.includes('?') ? '&' : '?') +
		    'lang=sv');
		const footer = r.text.slice(r.text.indexOf('<footer'));
		assert.match(footer, /href="\/accessibility\?lang=sv"/, path);
		assert.match(footer, /href="\/privacy\?lang=sv"/, path);
	}
});

test('feedback is refused without the form\'s cookie and token', async () => {
	const before = count();
	const b = await feedbackBrowser();
	const stranger = new Browser();
	let r = await stranger.post('/accessibility',
	    { message: 'Ei evästettä', csrf: b.token });
	assert.equal(r.status, 403);
	assert.match(r.text, /ei tullut tältä sivustolta/);
	assert.match(textareaValue(r.text, 'message'), /Ei evästettä/,
	    'what was typed is shown back');
	r = await b.post('/accessibility', { message: 'Väärä', csrf: 'x'.repeat(43) });
	assert.equal(r.status, 403);
	r = await b.post('/accessibility', { message: 'Toinen sivusto',
	    csrf: b.token }, { origin: 'https://evil.example' });
	assert.equal(r.status, 403);
	assert.equal(count(), before, 'nothing stored');
});

test('bad feedback is a 400 with a message and stores nothing', async () => {
	const before = count();
	const b = await feedbackBrowser('en');
	let r = await b.post('/accessibility?lang=en',
	    { message: '   ', csrf: b.token });
	assert.equal(r.status, 400);
	assert.match(r.text, /Write what you found hard to use/);
	r = await b.post('/accessibility?lang=en', { message: 'x'.repeat(5001),
	    csrf: hiddenValue(r.text, 'csrf') });
	assert.equal(r.status, 400);
	assert.match(r.text, /at most 5000 characters/);
	r = await b.post('/accessibility?lang=en', { message: 'ok',
	    email: 'not an address', csrf: hiddenValue(r.text, 'csrf') });
	assert.equal(r.status, 400);
	assert.match(r.text, /e-mail address such as/);
	assert.match(r.text, /aria-invalid="true" aria-describedby="email-error"/);
	assert.equal(count(), before, 'nothing stored');
});

test('feedback is stored, then listed for admins with the days left', async () => {
	const msg = `Kontrasti on heikko <b>${RUN}</b>`;
	const b = await feedbackBrowser('sv');
	const r = await b.post('/accessibility?lang=sv', { message: msg,
	    name: 'Anna', email: 'anna@example.fi', csrf: b.token });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.equal(r.location, '/accessibility?lang=sv&sent=1#feedback');
	const thanks = await b.get('/accessibility?lang=sv&sent=1');
	assert.match(thanks.text, /Tack. Din respons har tagits emot./);
	const fid = psql('SELECT id FROM accessibility_feedback WHERE message = '
	    + `'${msg}' AND name = 'Anna' AND lang = 'sv'`);
	assert.ok(Number(fid) > 0, 'stored with its language');

	const admin = await signInNew('site-admin');
	const list = await admin.get('/b/feedback?lang=en');
	assert.equal(list.status, 200);
	assert.ok(list.text.includes(`&lt;b&gt;${RUN}&lt;/b&gt;`), 'escaped');
	assert.match(list.text, /14 days left to answer/);
	let a = await admin.post(`/b/feedback/${fid}`,
	    { csrf: admin.csrf, answered: '7' });
	assert.equal(a.status, 400);
	a = await admin.post(`/b/feedback/${fid}`, { answered: '1' });
	assert.equal(a.status, 403, 'no CSRF token');
	assert.equal(psql(`SELECT answered_at IS NULL FROM accessibility_feedback WHERE id = ${fid}`), 't');
	a = await admin.post(`/b/feedback/${fid}`,
	    { csrf: admin.csrf, answered: '1' });
	assert.equal(a.status, 303);
	assert.equal(psql(`SELECT answered_by IS NOT NULL FROM accessibility_feedback WHERE id = ${fid}`), 't');
	assert.equal(psql(`SELECT count(*) FROM audit_log WHERE event = 'feedback.answer' AND object = 'feedback/${fid}'`), '1');
	a = await admin.post('/b/feedback/999999999',
	    { csrf: admin.csrf, answered: '1' });
	assert.equal(a.status, 404);
	psql(`UPDATE accessibility_feedback SET received_at = now() - interval '20 days', answered_at = NULL WHERE id = ${fid}`);
	const late = await admin.get('/b/feedback?lang=en');
	assert.match(late.text, /Overdue: the 14 days ended 6 days ago/);

	const editor = await signInNew('site-editor', 'editor',
	    [psql('SELECT name FROM unit ORDER BY id LIMIT 1')]);
	assert.equal((await editor.get('/b/feedback')).status, 403);
	assert.equal((await editor.get('/b/site')).status, 403);
});

test('admins keep the county\'s details; bad input changes nothing', async () => {
	const admin = await signInNew('site-admin2');
	const form = await admin.get('/b/site');
	assert.equal(form.status, 200);
	const good = { csrf: admin.csrf, name: `Testialue <script>x</script> ${RUN}`,
	    name_sv: `Testområdet ${RUN}`, name_en: '', address: 'Katu 1, 00100 Helsinki',
	    phone: '09 123 4567', email: 'kirjaamo@example.fi',
	    website: 'https://example.fi', compliance: 'partial',
	    statement_date: '2025-03-31', assessed_date: '2025-03-01' };
	let r = await admin.post('/b/site', { ...good, email: 'ei osoite',
	    statement_date: '2025-02-30' });
	assert.equal(r.status, 422);
	assert.match(r.text, /aria-describedby="email-error"/);
	assert.match(r.text, /There is no such date|Päivämäärää ei ole|No such date/i);
	assert.notEqual(psql('SELECT address FROM site'), good.address);
	r = await admin.post('/b/site', { ...good, compliance: 'maybe' });
	assert.equal(r.status, 422);
	r = await admin.post('/b/site', good);
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(psql('SELECT address FROM site'), good.address);
	assert.equal(psql(`SELECT count(*) > 0 FROM history WHERE table_name = 'site'`), 't');
	await new Promise((res) => setTimeout(res, 1300));
	const home = await get('/');
	assert.ok(home.text.includes(`Testialue &lt;script&gt;x&lt;/script&gt; ${RUN}`));
	assert.ok(!home.text.includes('<script>x'), 'escaped');
	assert.match(home.text, /href="tel:091234567"/);
	assert.match(home.text, /mailto:kirjaamo@example\.fi/);
	const sv = await get('/privacy?lang=sv');
	assert.match(sv.text, new RegExp(`Personuppgiftsansvarig är Testområdet ${RUN}`));
	const stmt = await get('/accessibility?lang=en');
	assert.match(stmt.text, /partially meets/);
	assert.match(stmt.text, /prepared on 31 March 2025/);
	assert.match((await get('/accessibility')).text, /laadittu 31\.3\.2025/);
});

test('admins edit the statements\' texts; they are shown escaped', async () => {
	const admin = await signInNew('site-admin3');
	const page = await admin.get('/b/site/text/privacy');
	assert.equal(page.status, 200);
	const fi = textareaValue(page.text, 'body');
	assert.match(fi, /## Mihin tietoja käytetään/);
	let r = await admin.post('/b/site/text/privacy', { csrf: admin.csrf,
	    body: fi, body_sv: 'x'.repeat(20001), body_en: '' });
	assert.equal(r.status, 422);
	assert.equal(psql("SELECT length(body) < 20001 FROM site_text WHERE page = 'privacy' AND lang = 'sv'"), 't');
	r = await admin.post('/b/site/text/privacy', { csrf: admin.csrf,
	    body: fi, body_sv: '', body_en: `## Heading ${RUN}\n\nA <img src=x onerror=alert(1)> paragraph\n\n- one\n- two` });
	assert.equal(r.status, 303);
	await new Promise((res) => setTimeout(res, 1300));
	const en = await get('/privacy?lang=en');
	assert.ok(en.text.includes(`<h2>Heading ${RUN}</h2>`));
	assert.ok(en.text.includes('A &lt;img src=x onerror=alert(1)&gt; paragraph'));
	assert.match(en.text, /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
	const sv = await get('/privacy?lang=sv');
	assert.match(sv.text, /Mihin tietoja käytetään/, 'empty Swedish shows Finnish');
	assert.match(sv.text, /class="untranslated"/);
	const other = await admin.get('/b/site/text/other');
	assert.equal(other.status, 404);
});

test('the logo: PNG, JPEG or SVG only, served as an image', async () => {
	const admin = await signInNew('site-admin4');
	const upload = async (bytes, type, name) => {
		const fd = new FormData();
		fd.append('csrf', admin.csrf);
		fd.append('logo', new Blob([bytes], { type }), name);
		return admin.post('/b/site/logo', fd);
	};
	let r = await upload('hello', 'text/plain', 'x.txt');
	assert.equal(r.status, 400);
	assert.match(r.text, /PNG-, JPEG- tai SVG-kuva/);
	r = await upload(new Uint8Array(300000).fill(0x89), 'image/png', 'big.png');
	assert.equal(r.status, 400);
	assert.equal(psql('SELECT count(*) FROM site_logo'), '0');
	const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
	r = await upload(svg, 'image/svg+xml', 'logo.svg');
	assert.equal(r.status, 303, r.text.slice(0, 300));
	await new Promise((res) => setTimeout(res, 1300));
	const logo = await get('/logo');
	assert.equal(logo.status, 200);
	assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
	assert.match(logo.headers.get('content-security-policy'), /sandbox/);
	assert.ok(logo.headers.get('etag'));
	assert.match(logo.headers.get('cache-control'), /public/);
	assert.match((await get('/')).text, /<img class="logo" src="\/logo"/);
	const png = execFileSync('cat', ['assets/favicon.png']);
	r = await upload(png, 'image/png', 'logo.png');
	assert.equal(r.status, 303);
	await new Promise((res) => setTimeout(res, 1300));
	assert.equal((await get('/logo')).headers.get('content-type'), 'image/png');
	assert.equal((await get('/logo?x=1')).status, 400);
});

test('robots.txt allows all but the staff pages and names the sitemap', async () => {
	const r = await get('/robots.txt');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
	assert.match(r.text, /^User-agent: \*$/m);
	assert.match(r.text, /^Allow: \/$/m);
	assert.match(r.text, /^Disallow: \/b$/m);
	assert.match(r.text, /^Disallow: \/login$/m);
	assert.match(r.text, new RegExp(`^Sitemap: ${base}/sitemap.xml$`, 'm'));
});

test('sitemap.xml is well-formed and lists only published pages', async () => {
	psql(`INSERT INTO process (slug, title, published) VALUES ('piilo-${RUN}', 'Piilo', false)`);
	await new Promise((res) => setTimeout(res, 1300));
	const r = await get('/sitemap.xml');
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^application\/xml/);
	execFileSync('xmllint', ['--noout', '-'], { input: r.text });
	const locs = [...r.text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
	for (const p of ['/', '/?lang=sv', '/?lang=en', '/accessibility',
	    '/privacy?lang=en', '/report', '/p/asukaspaneeli-2024',
	    '/p/asukaspaneeli-2024?lang=sv', '/p/asukaspaneeli-2024/report'])
		assert.ok(locs.includes(base + p), p);
	assert.ok(locs.some((l) => /\/p\/asukaspaneeli-2024\/a\/[0-9]+$/.test(l)));
	assert.ok(locs.some((l) => /\/p\/asukaspaneeli-2024\/r\/[0-9]+\?lang=en$/.test(l)));
	assert.ok(!r.text.includes(`piilo-${RUN}`), 'unpublished not listed');
	assert.ok(!locs.some((l) => /\/b(\/|$)|\/login/.test(l)));
	assert.match(r.text, /<xhtml:link rel="alternate" hreflang="x-default"/);
	const unpublished = psql("SELECT count(*) FROM process WHERE NOT published");
	assert.ok(Number(unpublished) >= 1);
});

test('more addresses than one sitemap file may list: /sitemap.xml is an ' +
    'index of /sitemap-N.xml files that together list every page', WAITS,
    async () => {
	// A second server on the same database that lists at most 30
	// addresses (10 pages in three languages) in a file.
	const port = Number(new URL(base).port) + 7;
	const name = `sitemap-${process.pid}`;
	const env = { ...process.env, TOTEUMA_DATABASE:
	    process.env.TOTEUMA_APP_DATABASE, TOTEUMA_SITEMAP_URLS: '30',
	    TOTEUMA_WORKERS: '1', TOTEUMA_BASE_URL: '' };
	execFileSync('scripts/server.sh', ['start', name, String(port)], { env });
	try {
		const small = `http://127.0.0.1:${port}`;
		const whole = await get('/sitemap.xml');
		const all = [...whole.text.matchAll(/<loc>([^<]*)<\/loc>/g)]
		    .map((m) => m[1].slice(base.length));
		assert.ok(all.length > 30, 'the demo data has more than 30 addresses');
		const idx = await fetch(small + '/sitemap.xml');
		assert.equal(idx.status, 200);
		const text = await idx.text();
		execFileSync('xmllint', ['--noout', '-'], { input: text });
		assert.match(text, /^<\?xml[^>]*>\n<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
		const files = [...text.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)]
		    .map((m) => m[1]);
		assert.equal(files.length, Math.ceil(all.length / 30));
		assert.deepEqual(files, files.map((_, i) => `${small}/sitemap-${i + 1}.xml`));
		const listed = [];
		for (const f of files) {
			const r = await fetch(f);
			assert.equal(r.status, 200, f);
			const x = await r.text();
			execFileSync('xmllint', ['--noout', '-'], { input: x });
			assert.match(x, /<urlset /);
			const locs = [...x.matchAll(/<url><loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
			assert.ok(locs.length > 0 && locs.length <= 30, `${f}: ${locs.length} addresses`);
			listed.push(...locs.map((l) => l.slice(small.length)));
		}
		assert.deepEqual(listed, all, 'the files list every address once, in order');
		for (const bad of [`/sitemap-${files.length + 1}.xml`, '/sitemap-0.xml'])
			assert.equal((await fetch(small + bad)).status, 404, bad);
		assert.equal((await get('/sitemap-1.xml')).status, 404,
		    'no files where one sitemap holds every address');
	} finally {
		execFileSync('scripts/server.sh', ['stop', name], { env });
	}
});

test('the favicon answers', async () => {
	const ico = await get('/favicon.ico');
	assert.equal(ico.status, 200);
	assert.equal(ico.headers.get('content-type'), 'image/x-icon');
	const svg = await get('/assets/favicon.svg');
	assert.equal(svg.status, 200);
	assert.match((await get('/')).text, /<link rel="icon" href="\/assets\/favicon.svg" type="image\/svg\+xml">/);
});

test('pages carry a description, canonical, hreflang and OpenGraph', async () => {
	const id = psql("SELECT pr.action_id FROM process_row pr JOIN process p ON p.id = pr.process_id WHERE p.slug = 'asukaspaneeli-2024' AND pr.action_id IS NOT NULL LIMIT 1");
	const body = psql(`SELECT body FROM action WHERE id = ${id}`);
	const r = await get(`/p/asukaspaneeli-2024/a/${id}?lang=en`);
	assert.equal(r.status, 200);
	const desc = r.text.match(/<meta name="description" content="([^"]*)">/)[1];
	const words = body.replace(/\s+/g, ' ').slice(0, 40);
	assert.ok(desc.startsWith(words.replace(/&/g, '&amp;').replace(/"/g, '&quot;').slice(0, 20)), desc);
	const url = `${base}/p/asukaspaneeli-2024/a/${id}`;
	assert.ok(r.text.includes(`<link rel="canonical" href="${url}?lang=en">`));
	assert.ok(r.text.includes(`<link rel="alternate" hreflang="x-default" href="${url}">`));
	assert.ok(r.text.includes(`<link rel="alternate" hreflang="sv" href="${url}?lang=sv">`));
	assert.ok(r.text.includes(`<meta property="og:url" content="${url}?lang=en">`));
	assert.match(r.text, /<meta property="og:locale" content="en_GB">/);
	assert.match(r.text, /<meta property="og:title" content="[^"]+">/);
	assert.match(r.text, /<meta property="og:type" content="website">/);
	const home = await get('/?lang=sv');
	assert.match(home.text, /<meta name="description" content="Hur välfärdsområdet/);
	assert.match(home.text, /<meta property="og:locale" content="sv_FI">/);
});

test('feedback is limited per address and hour', async () => {
	let status = 0;
	for (let i = 0; i < 8 && status !== 429; i++) {
		const b = await feedbackBrowser();
		const r = await b.post('/accessibility', { message: `Raja ${i}`,
		    csrf: b.token });
		status = r.status;
		if (status === 429) {
			assert.match(r.text, /viimeisen tunnin aikana/);
			// The page names an address to write to only when the
			// county has given one.
			const email = psql('SELECT email FROM site');
			(email ? assert.match : assert.doesNotMatch)(r.text,
			    /yllä olevaan sähköpostiosoitteeseen/);
		} else
			assert.equal(status, 303);
	}
	assert.equal(status, 429, 'the sixth in an hour is refused');
	const before = count();
	const b = await feedbackBrowser();
	await b.post('/accessibility', { message: 'Vielä', csrf: b.token });
	assert.equal(count(), before, 'nothing stored over the limit');
});
