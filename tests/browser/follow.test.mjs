// A resident follows a process by e-mail in a real browser, without
// JavaScript: the link on the process page, the form, the confirmation
// link from the mail that arrived, the manage page, and stopping. Then a
// unit's page and the same pages again, each checked by axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { P2024, expectNoViolations, open, psql, shot, submitAndWait,
    uniqueEmail, url, useBrowser } from './lib.mjs';
import { mailTo } from '../http/maillib.mjs';

const b = useBrowser();

test('follow → confirm → stop, in Swedish, with JavaScript off', async () => {
	await b.withPage({ javaScriptEnabled: false }, async (page) => {
		const email = uniqueEmail('follow');
		await open(page, url(`/p/${P2024}`, { lang: 'sv' }));
		await Promise.all([page.waitForNavigation(),
		    page.getByRole('link', { name: 'Bevaka den här processen per e-post' }).click()]);
		await page.getByLabel('E-postadress').fill(email);
		const sent = await submitAndWait(page);
		assert.equal(sent.status(), 200);
		assert.match(await page.locator('main [role="status"]').innerText(),
		    new RegExp(email.replace(/[.+]/g, '\\$&')));

		const m = await mailTo(email);
		const confirm = m.text.match(/https?:\/\/\S+/g).pop();
		await open(page, confirm);
		const manage = await submitAndWait(page);
		assert.equal(manage.status(), 200);
		assert.match(new URL(page.url()).pathname, /^\/follow\/manage\//);
		assert.match(await page.locator('main [role="status"]').innerText(),
		    /bevakningen har börjat/);
		const stopped = await submitAndWait(page,
		    'main form button:has-text("Sluta bevaka allt")');
		assert.equal(stopped.status(), 200);
		assert.match(await page.locator('main h1').innerText(),
		    /Du bevakar inte längre något/);
	});
});

test('a unit\'s page and following it pass axe at phone width (fi)', async () => {
	const unit = psql('SELECT au.unit_id FROM action_unit au JOIN action a ON ' +
	    'a.id = au.action_id AND a.deleted_at IS NULL JOIN process p ON ' +
	    `p.id = a.process_id AND p.published WHERE p.slug = '${P2024}' ` +
	    'ORDER BY au.unit_id LIMIT 1');
	await b.withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
		const email = uniqueEmail('unit-follow');
		await open(page, url(`/unit/${unit}`));
		await expectNoViolations(page, 'a unit\'s page');
		await shot(page, 'var/test-out/unit-375-fi.png');
		const wide = await page.evaluate(() =>
		    document.documentElement.scrollWidth);
		assert.ok(wide <= 375, `the page fits 375 px (scrollWidth ${wide})`);
		await Promise.all([page.waitForNavigation(),
		    page.getByRole('link', { name: 'Seuraa tätä yksikköä sähköpostitse' }).click()]);
		await expectNoViolations(page, 'the follow form');
		await page.getByLabel('Sähköpostiosoite').fill(email);
		assert.equal((await submitAndWait(page)).status(), 200);
		await expectNoViolations(page, 'the page that asks to check the mail');
		const m = await mailTo(email);
		await open(page, m.text.match(/https?:\/\/\S+/g).pop());
		await expectNoViolations(page, 'the confirmation page');
		assert.equal((await submitAndWait(page)).status(), 200);
		assert.match(await page.locator('main h1').innerText(), /Seuraamasi asiat/);
		await expectNoViolations(page, 'the manage page');
		await shot(page, 'var/test-out/follow-manage-375-fi.png');
	});
});
