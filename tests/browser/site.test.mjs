// The accessibility statement and the privacy notice as a person sees
// them, at a phone's width and a desktop's: no axe violations, no
// sideways scrolling, the feedback form usable without JavaScript, and
// screenshots in var/test-out/ (Finnish and Swedish) to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import AxeBuilderModule from '@axe-core/playwright';
import { useBrowser, open, url, psql, shot, WCAG_TAGS } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const shots = new URL('../../var/test-out', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

// Both languages at a phone's width; Finnish alone at a desktop's.
for (const width of [375, 1280]) {
	for (const [path, lang] of [['/accessibility', 'fi'],
	    ['/accessibility', 'sv'], ['/privacy', 'fi'], ['/privacy', 'sv']]) {
		if (width === 1280 && lang === 'sv') continue;
		test(`${path}?lang=${lang} at ${width} px: axe, reflow, screenshot`,
		    () => b.withPage({ viewport: { width, height: 900 } },
		    async (page) => {
			await open(page, url(path, { lang: lang === 'fi' ? undefined : lang }));
			const results = await new AxeBuilder({ page })
			    .withTags(WCAG_TAGS).analyze();
			assert.deepEqual(results.violations.map((v) =>
			    `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [],
			    'expected no WCAG 2.1 AA violations');
			const over = await page.evaluate(() =>
			    document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(over <= 0, `expected no sideways scrolling, ${over} px`);
			await shot(page, `${shots}/site${path.replace('/', '-')}-${lang}-${width}.png`);
		}));
	}
}

test('feedback without JavaScript: an error is announced, then thanks',
    () => b.withPage({ javaScriptEnabled: false, viewport: { width: 375,
    height: 900 } }, async (page) => {
	// Every test talks from 127.0.0.1: the HTTP tests' feedback must
	// not count against this one's (five an hour from one address).
	psql('DELETE FROM feedback_attempt');
	await open(page, url('/accessibility', { lang: 'sv' }));
	await page.fill('#email', 'inte en adress');
	await page.fill('#message', 'Knappen syns inte i mörkt läge.');
	// The browser's own check of type=email would stop the post first.
	await page.evaluate(() => document.querySelector('form.form')
	    .setAttribute('novalidate', ''));
	await page.click('button[type=submit]');
	assert.match(await page.locator('[role=alert]').innerText(),
	    /Responsen skickades inte/);
	assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
	assert.equal(await page.inputValue('#message'),
	    'Knappen syns inte i mörkt läge.', 'what was typed is kept');
	await page.fill('#email', '');
	await page.click('button[type=submit]');
	assert.match(await page.locator('[role=status]').innerText(),
	    /Tack/);
	await shot(page, `${shots}/site-feedback-sent-sv-375.png`, false);
}));
