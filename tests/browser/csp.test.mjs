// Content-Security-Policy: header present and strict, and the pages cause no
// CSP violations (inline script/style, disallowed sources).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, firstTableLink, P2023, P2024 } from './lib.mjs';

const b = useBrowser();

const PAGES = [
  ['process list', '/', {}, 200],
  ['action table', `/p/${P2024}`, {}, 200],
  ['action table sv searched', `/p/${P2024}`, { lang: 'sv', q: 'alusta' }, 200],
  ['action table 2023 sorted', `/p/${P2023}`, { sort: 'status', dir: 'desc', per: 10 }, 200],
  ['action table empty result', `/p/${P2024}`, { q: 'xyzzyqqq' }, 200],
  ['404 page', '/p/no-such', {}, 404],
  ['400 page', `/p/${P2024}`, { per: 7 }, 400],
];

function watchCsp(page) {
  const messages = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/content[- ]security[- ]policy|Refused to (load|apply|execute|connect|frame)/i.test(text)) {
      messages.push(`[console.${msg.type()}] ${text}`);
    }
  });
  page.on('pageerror', (err) => {
    if (/content[- ]security[- ]policy/i.test(String(err))) messages.push(`[pageerror] ${err}`);
  });
  return messages;
}

function checkHeader(resp, where) {
  const csp = resp.headers()['content-security-policy'];
  assert.ok(csp && csp.trim().length > 0, `expected a content-security-policy response header on ${where}`);
  assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(csp),
    `expected a strict CSP without 'unsafe-inline'/'unsafe-eval' on ${where}, got: ${csp}`);
  assert.ok(/(default-src|script-src)/.test(csp), `expected the CSP to restrict scripts (default-src or script-src) on ${where}, got: ${csp}`);
  return csp;
}

for (const [name, path, params, status] of PAGES) {
  test(`CSP: header present and no CSP console errors (${name})`, async () => {
    await b.withPage(async (page) => {
      const messages = watchCsp(page);
      const resp = await open(page, url(path, params), status);
      checkHeader(resp, page.url());
      await page.waitForTimeout(300); // let late violation reports arrive
      assert.deepEqual(messages, [], `expected no Content-Security-Policy console errors on ${page.url()}, got:\n${messages.join('\n')}`);
    });
  });
}

for (const kind of ['r', 'a']) {
  test(`CSP: header present and no CSP console errors (${kind === 'r' ? 'recommendation' : 'action'} page)`, async () => {
    await b.withPage(async (page) => {
      const messages = watchCsp(page);
      await open(page, url(`/p/${P2024}`));
      const resp = await open(page, await firstTableLink(page, kind));
      checkHeader(resp, page.url());
      await page.waitForTimeout(300);
      assert.deepEqual(messages, [], `expected no Content-Security-Policy console errors on ${page.url()}, got:\n${messages.join('\n')}`);
    });
  });
}

test('CSP: stylesheets and scripts the page references load (no blocked subresources)', async () => {
  await b.withPage(async (page) => {
    const failed = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      // The browser's own favicon probe is not something the page references.
      if (r.status() >= 400 && !/\/favicon\.ico$/.test(new URL(r.url()).pathname)) failed.push(`${r.url()} HTTP ${r.status()}`);
    });
    await open(page, url(`/p/${P2024}`));
    const sheets = await page.evaluate(() => document.styleSheets.length);
    assert.ok(sheets > 0, 'expected at least one stylesheet applied to the page');
    assert.deepEqual(failed, [], `expected every subresource of ${page.url()} to load, failed:\n${failed.join('\n')}`);
  });
});
