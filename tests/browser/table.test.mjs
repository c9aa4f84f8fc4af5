// Action table semantics and search behaviour (JavaScript on).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, url, open, dataRows, dataRowTexts, resultCount, statusText, sortKeyOf, P2023, P2024, shot, bringNear,
} from './lib.mjs';

const b = useBrowser();

test('table: caption, th[scope=col], result count in role=status, main#main', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`));
    assert.equal(await page.locator('main#main').count(), 1, 'expected exactly one <main id="main">');
    const caption = page.locator('main table caption');
    assert.equal(await caption.count(), 1, 'expected the table to have one <caption>');
    assert.ok((await caption.innerText()).trim().length > 0, 'expected a non-empty caption');
    const ths = await page.locator('main table thead th[scope="col"]').count();
    assert.ok(ths >= 6, `expected at least 6 column headers th[scope=col] (recommendation, action, schedule, status, unit, info), found ${ths}`);
    const unscoped = await page.locator('main table thead th:not([scope])').count();
    assert.equal(unscoped, 0, `expected every header cell in thead to have scope, ${unscoped} without`);
    const n = await dataRows(page);
    const { text, count } = await resultCount(page);
    assert.ok(n > 0, 'expected rows');
    assert.ok(count >= n, `expected the role=status count (${text}) to be at least the ${n} rows shown`);
  });
});

for (const key of ['recommendation', 'action', 'schedule', 'status', 'unit', 'info']) {
  for (const dir of ['asc', 'desc']) {
    test(`table: sort=${key}&dir=${dir} marks that column aria-sort=${dir === 'asc' ? 'ascending' : 'descending'}`, async () => {
      await b.withPage(async (page) => {
        await open(page, url(`/p/${P2024}`, { sort: key, dir }));
        assert.ok(await dataRows(page) > 0, `expected rows on ${page.url()}`);
        const sorted = await page.locator('main table thead th[aria-sort]').evaluateAll((ths) =>
          ths.map((th) => ({ sort: th.getAttribute('aria-sort'), links: [...th.querySelectorAll('a[href]')].map((a) => a.href) })));
        const active = sorted.filter((s) => s.sort === 'ascending' || s.sort === 'descending');
        assert.equal(active.length, 1, `expected exactly one column header with aria-sort ascending/descending, got ${JSON.stringify(sorted)}`);
        assert.equal(active[0].sort, dir === 'asc' ? 'ascending' : 'descending', `expected aria-sort to match dir=${dir}`);
        assert.ok(active[0].links.length > 0 && active[0].links.every((h) => sortKeyOf(h) === key),
          `expected the aria-sort header to be the ${key} column (its link sorts by ${key}), links: ${JSON.stringify(active[0].links)}`);
        // Its link reverses the direction.
        const linkDir = new URL(active[0].links[0]).searchParams.get('dir') || 'asc';
        assert.notEqual(linkDir, dir, `expected the sorted column's link to reverse dir=${dir}, link: ${active[0].links[0]}`);
      });
    });
  }
}

test('table: desc reverses asc order for sort=action', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`, { sort: 'action', dir: 'asc', per: 'all' }));
    const asc = await dataRowTexts(page);
    await open(page, url(`/p/${P2024}`, { sort: 'action', dir: 'desc', per: 'all' }));
    const desc = await dataRowTexts(page);
    assert.ok(asc.length >= 2, `expected at least 2 rows to compare, got ${asc.length}`);
    assert.equal(desc.length, asc.length, 'expected the same rows in both directions');
    assert.notDeepEqual(desc, asc, 'expected dir=desc to change the order of rows compared to dir=asc');
  });
});

for (const [slug, q, expect] of [
  [P2023, 'nuori', 'nuorten'],
  [P2024, 'alusta', 'Digiasiointialustan'],
  [P2023, 'Keusote', 'Keusoteen'],
]) {
  test(`search: q=${q} on ${slug} finds a row containing "${expect}"`, async () => {
    await b.withPage(async (page) => {
      await open(page, url(`/p/${slug}`, { q }));
      const rows = await dataRowTexts(page);
      assert.ok(rows.length > 0, `expected rows for q=${q} on ${page.url()}, got none (status: "${await statusText(page)}")`);
      assert.ok(rows.some((r) => r.includes(expect)), `expected a row containing "${expect}" for q=${q}, rows: ${JSON.stringify(rows.map((r) => r.slice(0, 120)))}`);
      const { count } = await resultCount(page);
      assert.ok(count >= rows.length, `expected the result count (${count}) to cover the ${rows.length} rows shown`);
      assert.equal(await page.locator('form[role="search"] input[name="q"]').inputValue(), q, 'expected the search box to keep the query');
    });
  });
}

test('search: q=xyzzyqqq gives zero rows and an explanatory message', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`, { q: 'xyzzyqqq' }));
    assert.equal(await dataRows(page), 0, `expected zero rows on ${page.url()}`);
    const { text, count } = await resultCount(page);
    assert.equal(count, 0, `expected the role=status count to be 0 or absent, got "${text}"`);
    assert.ok(/[A-Za-zÅÄÖåäö]{3,}/.test(text), `expected an explanatory message in role=status, got "${text}"`);
  });
});

test('errors: invalid parameters give HTTP 400 with a message', async () => {
  await b.withPage(async (page) => {
    for (const params of [{ per: 7 }, { sort: 'nonsense' }, { dir: 'up' }, { page: 0 }, { lang: 'xx' }]) {
      const resp = await page.goto(url(`/p/${P2024}`, params));
      assert.equal(resp.status(), 400, `expected HTTP 400 for ${page.url()}, got ${resp.status()}`);
      const text = (await page.locator('body').innerText()).trim();
      assert.ok(text.length > 0, `expected an explanatory message on the 400 page ${page.url()}`);
    }
  });
});

test('errors: unknown slug /p/no-such gives HTTP 404 in Finnish by default', async () => {
  await b.withPage(async (page) => {
    const resp = await page.goto(url('/p/no-such'));
    assert.equal(resp.status(), 404, `expected HTTP 404 for ${page.url()}, got ${resp.status()}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fi', 'expected the 404 page in Finnish by default');
  });
});

test('process list: both demo processes listed with per-status counts', async () => {
  await b.withPage(async (page) => {
    await open(page, url('/'));
    for (const slug of [P2023, P2024]) {
      const link = page.locator(`main a[href*="/p/${slug}"]`);
      assert.ok(await link.count() > 0, `expected / to link to /p/${slug}`);
    }
    const text = await page.locator('main').innerText();
    assert.ok(/\d/.test(text), 'expected counts (numbers) on the process list');
    // Follow the 2023 link: it opens its table.
    const link = page.locator(`main a[href*="/p/${P2023}"]`).first();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    assert.ok(new URL(page.url()).pathname.endsWith(`/p/${P2023}`), `expected to open /p/${P2023}, got ${page.url()}`);
    assert.ok(await dataRows(page) > 0, `expected rows on ${page.url()}`);
  });
});

// Each progress bar is as wide as its text says (in steps of 5 %), on a
// phone and on a desktop; the text is what a screen reader reads.
for (const [name, width] of [['375', 375], ['1280', 1280]]) {
  test(`progress at ${name}px: each bar is as wide as its text says, on the table and the front page`, async () => {
    await b.withPage({ viewport: { width, height: 800 } }, async (page) => {
      for (const path of ['/p/testi-sivutus', '/']) {
        await open(page, url(path));
        // Each bar as a reader sees it: scrolled to, since on a phone the
        // cards far from the viewport are laid out only when near it
        // (content-visibility).
        const bars = [];
        const all = page.locator('main .progress');
        for (let i = 0, n = await all.count(); i < n; i++) {
          const one = all.nth(i);
          await bringNear(one);
          bars.push(await one.evaluate((el) => {
            const bar = el.querySelector('.progress-bar');
            const fill = el.querySelector('.progress-fill');
            return {
              text: el.querySelector('.progress-text').innerText,
              hidden: bar && bar.getAttribute('aria-hidden'),
              ratio: bar ? fill.getBoundingClientRect().width / bar.clientWidth : null,
              barWidth: bar ? bar.getBoundingClientRect().width : 0,
            };
          }));
        }
        assert.ok(bars.length > 0, `expected progress on ${path}`);
        for (const b of bars) {
          const m = b.text.match(/(\d+)\s%/);
          assert.ok(m, `expected "NN %" in ${JSON.stringify(b.text)} on ${path}`);
          assert.equal(b.hidden, 'true', 'expected the bar hidden from screen readers');
          assert.ok(b.barWidth >= 100, `expected a visible bar (${b.barWidth}px) on ${path}`);
          assert.ok(Math.abs(b.ratio * 100 - Number(m[1])) <= 3,
            `expected the bar ${Math.round(b.ratio * 100)} % full for ${b.text} on ${path}`);
        }
      }
      await open(page, url('/p/testi-sivutus'));
      await shot(page, `var/test-out/progress-table-${name}.png`);
      await open(page, url('/'));
      await shot(page, `var/test-out/progress-home-${name}.png`, false);
    });
  });
}
