// Language: chosen in the URL, reflected in <html lang>, kept by every link
// and by the search form.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, dataRows, PAGINATION, PAGE_LINK, P2023, P2024 } from './lib.mjs';

const b = useBrowser();

function langOf(href) {
  return new URL(href).searchParams.get('lang');
}

async function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

test('lang: /p/asukaspaneeli-2024?lang=sv is Swedish and its table, sort and pagination links keep lang=sv', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`, { lang: 'sv', per: 10 }));
    assert.equal(await htmlLang(page), 'sv', `expected <html lang="sv"> on ${page.url()}`);
    assert.ok(await dataRows(page) > 0, `expected rows on ${page.url()}`);
    const groups = {
      'sort (column header)': await page.locator('main table thead th a[href]').evaluateAll((as) => as.map((a) => a.href)),
      'recommendation (/r/)': await page.locator('main table a[href*="/r/"]').evaluateAll((as) => as.map((a) => a.href)),
      'action (/a/)': await page.locator('main table a[href*="/a/"]').evaluateAll((as) => as.map((a) => a.href)),
      pagination: await page.locator(`${PAGINATION} ${PAGE_LINK}`).evaluateAll((as) => as.map((a) => a.href)),
    };
    assert.ok(groups['sort (column header)'].length >= 3, `expected sort links in the column headers, found ${groups['sort (column header)'].length}`);
    assert.ok(groups['recommendation (/r/)'].length > 0, 'expected recommendation links in the table');
    const wrong = [];
    for (const [g, list] of Object.entries(groups)) {
      for (const h of list) if (langOf(h) !== 'sv') wrong.push(`${g}: ${h}`);
    }
    assert.deepEqual(wrong, [], `expected every link to keep lang=sv, these do not:\n${wrong.join('\n')}`);
  });
});

test('lang: every internal link on Swedish pages keeps lang=sv (except the language switcher)', async () => {
  await b.withPage(async (page) => {
    const wrong = [];
    let checked = 0;
    const pages = [url('/', { lang: 'sv' }), url(`/p/${P2024}`, { lang: 'sv' }), url(`/p/${P2023}`, { lang: 'sv', q: 'nuori' })];
    for (const p of pages) {
      await open(page, p);
      assert.equal(await htmlLang(page), 'sv', `expected <html lang="sv"> on ${page.url()}`);
      const links = await page.locator('a[href]:not([hreflang])').evaluateAll((as) =>
        as.map((a) => ({ href: a.href, raw: a.getAttribute('href') })));
      for (const { href, raw } of links) {
        if (raw.startsWith('#')) continue;
        const u = new URL(href);
        if (u.origin !== new URL(page.url()).origin) continue;
        // Pages (not downloads or feeds) must keep the language.
        if (!/^\/($|p\/|login)/.test(u.pathname) || /\.(csv|xlsx|json|atom)$/.test(u.pathname)) continue;
        if (/\/(assets|static)\//.test(u.pathname)) continue;
        checked++;
        if (u.searchParams.get('lang') !== 'sv') wrong.push(`${page.url()} -> ${raw}`);
      }
    }
    assert.ok(checked >= 5, `expected at least 5 internal page links to check, found ${checked}`);
    assert.deepEqual(wrong, [], `expected internal links on Swedish pages to keep lang=sv, these do not:\n${wrong.join('\n')}`);
  });
});

test('lang: the Swedish table is translated (caption, headers, form labels differ from Finnish)', async () => {
  await b.withPage(async (page) => {
    const grab = async () => page.evaluate(() => ({
      caption: document.querySelector('main table caption')?.innerText.trim(),
      headers: [...document.querySelectorAll('main table thead th')].map((th) => th.innerText.trim()).join(' | '),
      labels: [...document.querySelectorAll('form[role="search"] label')].map((l) => l.innerText.trim()).join(' | '),
      button: document.querySelector('form[role="search"] button[type="submit"]')?.innerText.trim(),
      status: document.querySelector('[role="status"]')?.innerText.trim(),
    }));
    await open(page, url(`/p/${P2024}`));
    const fi = await grab();
    await open(page, url(`/p/${P2024}`, { lang: 'sv' }));
    const sv = await grab();
    for (const k of Object.keys(fi)) {
      assert.ok(fi[k], `expected ${k} text on the Finnish page`);
      assert.ok(sv[k], `expected ${k} text on the Swedish page`);
      assert.notEqual(sv[k], fi[k], `expected the Swedish ${k} to differ from the Finnish one ("${fi[k]}")`);
    }
  });
});

test('lang: following a recommendation link from the Swedish table stays Swedish', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`, { lang: 'sv' }));
    const link = page.locator('main table a[href*="/r/"]').first();
    assert.ok(await link.count() > 0, 'expected a recommendation link in the table');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    assert.ok(/\/r\//.test(new URL(page.url()).pathname), `expected to be on a recommendation page, URL ${page.url()}`);
    assert.equal(await htmlLang(page), 'sv', `expected <html lang="sv"> on the recommendation page ${page.url()}`);
  });
});

test('lang: the search form keeps lang=sv when submitted', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`, { lang: 'sv' }));
    await page.locator('form[role="search"] input[name="q"]').fill('alusta');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('form[role="search"] button[type="submit"]').first().click(),
    ]);
    assert.equal(langOf(page.url()), 'sv', `expected lang=sv in the URL after searching, got ${page.url()}`);
    assert.equal(await htmlLang(page), 'sv', 'expected the result page in Swedish');
    assert.ok(await dataRows(page) > 0, `expected rows for q=alusta on ${page.url()}`);
  });
});

test('lang: the language switcher has hreflang links to fi, sv and en that switch the page language', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`));
    assert.equal(await htmlLang(page), 'fi', `expected Finnish by default on ${page.url()}`);
    const sw = await page.locator('a[hreflang]').evaluateAll((as) =>
      as.map((a) => ({ hreflang: a.getAttribute('hreflang'), href: a.href, lang: a.getAttribute('lang') })));
    for (const l of ['sv', 'en']) {
      const link = sw.find((s) => s.hreflang === l);
      assert.ok(link, `expected a language switcher link with hreflang="${l}", found ${JSON.stringify(sw)}`);
      assert.equal(link.lang, l, `expected the hreflang="${l}" link to be marked lang="${l}" (its name is in that language)`);
    }
    const en = sw.find((s) => s.hreflang === 'en');
    await open(page, en.href);
    assert.equal(await htmlLang(page), 'en', `expected <html lang="en"> after following the English switcher link ${en.href}`);
    assert.equal(new URL(page.url()).pathname, `/p/${P2024}`, 'expected the language switcher to stay on the same page');
  });
});

test('lang: the language switcher keeps the current search, filter and sort state', async () => {
  await b.withPage(async (page) => {
    const state = { q: 'alusta', status: 'processed', sort: 'action', dir: 'desc' };
    await open(page, url(`/p/${P2024}`, state));
    const sv = page.locator('a[hreflang="sv"]').first();
    assert.ok(await sv.count() > 0, 'expected a language switcher link with hreflang="sv"');
    const href = new URL(await sv.getAttribute('href'), page.url());
    assert.equal(href.searchParams.get('lang'), 'sv', `expected the Swedish switcher link to carry lang=sv, got ${href}`);
    for (const [k, v] of Object.entries(state)) {
      assert.equal(href.searchParams.get(k), v, `expected the Swedish switcher link to keep ${k}=${v}, got ${href}`);
    }
  });
});

test('lang: unknown slug gives a 404 page in the requested language', async () => {
  await b.withPage(async (page) => {
    for (const lang of ['fi', 'sv', 'en']) {
      const params = lang === 'fi' ? {} : { lang };
      const resp = await page.goto(url('/p/no-such', params));
      assert.equal(resp.status(), 404, `expected HTTP 404 for ${page.url()}, got ${resp.status()}`);
      assert.equal(await htmlLang(page), lang, `expected the 404 page for ${page.url()} in lang="${lang}"`);
      const text = (await page.locator('main').innerText()).trim();
      assert.ok(text.length > 0, `expected an explanatory message in <main> of the 404 page ${page.url()}`);
    }
    // The messages must differ between languages (really translated).
    const texts = [];
    for (const lang of ['fi', 'sv', 'en']) {
      await page.goto(url('/p/no-such', { lang }));
      texts.push((await page.locator('main').innerText()).trim());
    }
    assert.equal(new Set(texts).size, 3, `expected different 404 texts in fi/sv/en, got ${JSON.stringify(texts)}`);
  });
});
