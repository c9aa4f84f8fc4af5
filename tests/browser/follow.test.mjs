// A resident follows a process by e-mail in a real browser, without
// JavaScript: the link on the process page, the form, the confirmation
// link from the mail that arrived, the manage page, and stopping.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { P2024, open, submitAndWait, uniqueEmail, url, useBrowser }
    from './lib.mjs';
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
