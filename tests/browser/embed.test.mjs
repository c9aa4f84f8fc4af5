// The embeds in a real iframe: a county's page on another origin (an
// https server on 127.0.0.2, allowed by the site's settings) shows the
// directory, and its paging stays in the frame while its links open the
// full site apart; the same page on an origin not on the list (127.0.0.3)
// gets nothing. And the embed itself at phone width: axe-clean, its own
// language, no site chrome.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import { psql } from '../http/lib.mjs';
import { useBrowser, url, open, formatViolations, shot, SCREENSHOTS, P2024,
    WCAG_TAGS,
    BASE } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'toteuma-embed-'));
const servers = [];
let allowed, other, saved;

// A county's page with the embed, over https on host.
function county(host) {
	const page = '<!DOCTYPE html><html lang="fi"><title>Kunta</title>' +
	    '<h1>Kunnan sivu</h1><iframe src="' + BASE +
	    '/embed/actions?per=10" title="Toteuma" width="1000" ' +
	    'height="700"></iframe></html>';
	const s = createServer({ key: readFileSync(join(dir, 'key.pem')),
	    cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(page);
	});
	servers.push(s);
	return new Promise((res) => s.listen(0, host, () =>
	    res('https://' + host + ':' + s.address().port)));
}

before(async () => {
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
	    '-subj', '/CN=127.0.0.2', '-days', '1', '-keyout',
	    join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
	    { stdio: 'ignore' });
	allowed = await county('127.0.0.2');
	other = await county('127.0.0.3');
	saved = psql('SELECT embed_origins FROM site');
	psql(`UPDATE site SET embed_origins = '{${allowed}}'`);
	// Each worker reads the site's settings again at the next data version.
	for (let i = 0; i < 40; i++) {
		const r = await fetch(BASE + '/embed/actions', { headers: { connection: 'close' } });
		if ((r.headers.get('content-security-policy') || '').includes(allowed))
			break;
		await new Promise((res) => setTimeout(res, 100));
	}
});

after(() => {
	psql(`UPDATE site SET embed_origins = '${saved}'`);
	for (const s of servers) s.close();
	rmSync(dir, { recursive: true, force: true });
});

// The frame of the page that shows the embed.
async function embedFrame(page, origin) {
	await page.goto(origin + '/', { waitUntil: 'load' });
	const frame = page.frames().find((f) => f !== page.mainFrame());
	assert.ok(frame, 'the county\'s page has a frame');
	return frame;
}

test('an allowed site shows the directory in a frame; links open apart',
    async () => {
	await b.withPage({ ignoreHTTPSErrors: true,
	    viewport: { width: 1280, height: 900 } }, async (page, context) => {
		const frame = await embedFrame(page, allowed);
		await frame.waitForSelector('caption', { timeout: 5000 });
		assert.match(frame.url(), /\/embed\/actions\?per=10$/);
		assert.ok(await frame.locator('main table tbody tr').count() > 0);
		await shot(page, 'var/test-out/embed-in-frame-1280.png');
		// Paging stays inside the frame.
		await frame.locator('nav.pager a[rel="next"]').click();
		await frame.waitForURL(/\/embed\/actions\?per=10&page=2#results$/);
		assert.equal(page.url(), allowed + '/', 'the county\'s page stays');
		// A search from the frame's form stays there too.
		await frame.fill('#q', 'palvelu');
		await frame.locator('form.filters button[type="submit"]').click();
		await frame.waitForURL(/\/embed\/actions\?.*q=palvelu/);
		// An action opens the full site in a new window.
		const link = frame.locator('td.action a[href*="/a/"][target="_blank"]').first();
		assert.match(await link.innerText(), /opens in a new window|avautuu uuteen ikkunaan/);
		const [popup] = await Promise.all([context.waitForEvent('page'),
		    link.click()]);
		await popup.waitForLoadState('load');
		assert.match(popup.url(), new RegExp('^' + BASE + '/p/[a-z0-9-]+/a/\\d+'));
		assert.equal(await popup.evaluate(() => window.opener), null,
		    'noopener');
	});
});

test('a site not on the list gets no embed', async () => {
	await b.withPage({ ignoreHTTPSErrors: true }, async (page) => {
		const refused = [];
		page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
		const frame = await embedFrame(page, other);
		await page.waitForTimeout(500);
		assert.equal(await frame.locator('caption').count(), 0,
		    'the frame shows no table');
		assert.ok(frame.url().startsWith('chrome-error:') ||
		    refused.length > 0, 'the browser refused the frame: ' +
		    frame.url());
	});
});

test('axe: the embed at phone width, in Swedish', async () => {
	await b.withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
		await open(page, url('/embed/p/' + P2024, { lang: 'sv' }));
		assert.equal(await page.getAttribute('html', 'lang'), 'sv');
		assert.equal(await page.locator('.site-header').count(), 0);
		assert.ok(await page.locator('main table caption').count() === 1);
		const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
		assert.equal(results.violations.length, 0,
		    formatViolations(results.violations));
		await shot(page, 'var/test-out/embed-process-375-sv.png');
	});
});

// To look at (make screenshots): the directory and an embed, at phone and
// desktop width, in Finnish and Swedish.
test('screenshots of the directory and the embeds', { skip: !SCREENSHOTS },
    async () => {
	for (const width of [375, 1280])
		for (const lang of ['fi', 'sv'])
			await b.withPage({ viewport: { width, height: 900 } },
			    async (page) => {
				await open(page, url('/actions', { lang, per: 10 }));
				await shot(page, `var/test-out/actions-${width}-${lang}.png`);
				await open(page, url('/embed/actions', { lang, per: 10 }));
				await shot(page, `var/test-out/embed-actions-${width}-${lang}.png`);
			});
});
