// Single sign-on in a real browser: the button on /login, the provider's
// own sign-in page (oidc-provider on loopback, started here), and back
// to "My actions" signed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, open, url, uniqueEmail, createStaffUser, shot }
  from './lib.mjs';
import { startProvider, issuer } from '../oidc-provider.mjs';

const b = useBrowser();
let op;
const user = uniqueEmail('sso');

before(async () => {
  createStaffUser(user, 'oikein-hyvä-salasana-1', 'editor',
    ['Tietohallinto']);
  op = await startProvider();
  op.accounts = { 'browser-user': { email: user, email_verified: true } };
  op.subjects = { 'browser-user': 'browser-' + user };
});

after(async () => { if (op) await op.stop(); });

test('a staff member signs in with the county account', async () => {
  await b.withPage(async (page) => {
    await open(page, url('/login', { lang: 'en' }));
    const button = page.getByRole('link',
      { name: "Sign in with the county's account" });
    await button.click();
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name="login"]').fill('browser-user');
    await page.locator('input[name="password"]').fill('anything');
    await Promise.all([
      page.waitForURL((u) => u.href.startsWith(url('/b'))),
      page.locator('button[type="submit"]').click(),
    ]);
    await shot(page, 'var/test-out/sso-signed-in.png');
    assert.equal(new URL(page.url()).pathname, '/b',
      `expected to land on /b, got ${page.url()}`);
    assert.ok((await page.locator('body').innerText()).includes(user),
      'the page shows who signed in');
  });
});
