// axe-core: no WCAG 2.1 A/AA violations on the public pages, in Finnish and
// Swedish.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, url, open, dataRows, firstTableLink, expectNoViolations, P2024,
} from './lib.mjs';

const b = useBrowser();

// Each case: name, params, and what the page must show so that axe is not
// run on an error page or an empty table by accident.
const CASES = [
  { name: 'process list /', path: '/', params: {}, check: async (page) => {
    const n = await page.locator(`main a[href*="/p/${P2024}"]`).count();
    assert.ok(n > 0, `expected the process list to link to /p/${P2024}`);
  } },
  { name: 'action table (plain)', path: `/p/${P2024}`, params: {}, rows: true },
  { name: 'action table searched q=alusta', path: `/p/${P2024}`, params: { q: 'alusta' }, rows: true },
  { name: 'action table filtered status=processed', path: `/p/${P2024}`, params: { status: 'processed' }, rows: true },
  { name: 'action table sorted sort=action&dir=desc', path: `/p/${P2024}`, params: { sort: 'action', dir: 'desc' }, rows: true },
  { name: 'action table empty result q=xyzzyqqq', path: `/p/${P2024}`, params: { q: 'xyzzyqqq' }, check: async (page) => {
    assert.equal(await dataRows(page), 0, 'expected q=xyzzyqqq to give zero table rows');
  } },
  { name: 'recommendation page', path: `/p/${P2024}`, params: {}, follow: 'r' },
  { name: 'action page', path: `/p/${P2024}`, params: {}, follow: 'a' },
  { name: '404 page /p/no-such', path: '/p/no-such', params: {}, status: 404 },
  { name: 'paginated table page 2 of 3', path: '/p/testi-sivutus', params: { per: '10', page: '2' }, rows: true },
];

// Every page gets axe in Finnish; in Swedish every other page does (the
// markup is the same, the catalogue test holds the translations), and
// every page is still opened and checked for its language.
for (const lang of ['fi', 'sv']) {
  for (const [i, c] of CASES.entries()) {
    const axe = lang === 'fi' || i % 2 === 0;
    test(`${axe ? 'axe WCAG 2.1 AA' : 'page and language'} [${lang}]: ${c.name}`, async () => {
      await b.withPage(async (page) => {
        const params = lang === 'fi' ? { ...c.params } : { ...c.params, lang };
        await open(page, url(c.path, params), c.status || 200);
        if (c.rows) {
          const n = await dataRows(page);
          assert.ok(n > 0, `expected table rows on ${page.url()}, found ${n}`);
        }
        if (c.check) await c.check(page);
        if (c.follow) {
          const target = new URL(await firstTableLink(page, c.follow));
          // Link-keeps-language is tested in lang.test.mjs; here the
          // language is forced so that this test checks accessibility only.
          if (lang !== 'fi') target.searchParams.set('lang', lang);
          await open(page, target.toString());
        }
        const htmlLang = await page.locator('html').getAttribute('lang');
        assert.equal(htmlLang, lang, `expected <html lang="${lang}"> on ${page.url()}, got ${JSON.stringify(htmlLang)}`);
        if (axe) await expectNoViolations(page, `${c.name} [${lang}]`);
      });
    });
  }
}
