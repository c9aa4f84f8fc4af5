// The public pages work with JavaScript off: search form, filters, per-page,
// sorting by column header links, pagination.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, url, open, dataRows, dataRowTexts, resultCount, PAGINATION, PAGE_LINK,
  P2023, P2024,
} from './lib.mjs';

const b = useBrowser();
const NOJS = { javaScriptEnabled: false };

async function submitSearch(page) {
  const button = page.locator('form[role="search"] button[type="submit"]');
  assert.ok(await button.count() > 0,
    `expected a submit button[type=submit] in form[role=search] on ${page.url()}`);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    button.first().click(),
  ]);
}

// The search form's one select of this name (the test fails without it).
async function searchSelect(page, name) {
  const sel = page.locator(`form[role="search"] select[name="${name}"]`);
  assert.equal(await sel.count(), 1, `expected one select[name=${name}] in the search form`);
  return sel;
}

function optionValues(sel) {
  return sel.locator('option').evaluateAll((os) => os.map((o) => o.value));
}

// Chooses value in the search form's select name and submits the form,
// which must carry it to the new address.
async function submitChoice(page, name, value) {
  await (await searchSelect(page, name)).selectOption(value);
  await submitSearch(page);
  assert.equal(new URL(page.url()).searchParams.get(name), value, `expected ${name}=${value} in ${page.url()}`);
}

test('no-JS: JavaScript really is off in this context', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    // With JS off, page.evaluate still works (it runs via the debugger), but
    // the page's own scripts do not; a <noscript> is rendered. Check that
    // the setting is applied by evaluating a script element's effect.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__jsran = true';
      document.head.appendChild(s);
      return window.__jsran === true;
    });
    assert.equal(ran, false, 'expected page scripts not to run in a context with javaScriptEnabled:false');
  });
});

test('no-JS: search form submits q and shows matching rows', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    const q = page.locator('form[role="search"] input[name="q"]');
    assert.equal(await q.count(), 1, `expected one input[name=q] in form[role=search] on ${page.url()}`);
    await q.fill('alusta');
    await submitSearch(page);
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('q'), 'alusta', `expected the URL after submitting to contain q=alusta, got ${page.url()}`);
    assert.ok(u.pathname.endsWith(`/p/${P2024}`), `expected to stay on /p/${P2024}, got ${u.pathname}`);
    const rows = await dataRowTexts(page);
    assert.ok(rows.length > 0, `expected rows for q=alusta on ${page.url()}`);
    assert.ok(rows.some((r) => r.includes('Digiasiointialustan')),
      `expected a row containing "Digiasiointialustan" for q=alusta, rows: ${JSON.stringify(rows)}`);
  });
});

test('no-JS: search with no hits shows zero rows and a message', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    await page.locator('form[role="search"] input[name="q"]').fill('xyzzyqqq');
    await submitSearch(page);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'xyzzyqqq', `expected q=xyzzyqqq in ${page.url()}`);
    assert.equal(await dataRows(page), 0, 'expected zero rows for q=xyzzyqqq');
    const { text, count } = await resultCount(page);
    assert.equal(count, 0, `expected the role=status count to say 0 (or no number) for q=xyzzyqqq, got "${text}"`);
    assert.ok(text.length > 0, 'expected an explanatory message in role=status for an empty result');
  });
});

test('no-JS: status filter from the select is applied', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    const values = await optionValues(await searchSelect(page, 'status'));
    assert.ok(values.includes('processed'), `expected a status option with value "processed", options: ${JSON.stringify(values)}`);
    await submitChoice(page, 'status', 'processed');
    const n = await dataRows(page);
    assert.ok(n > 0, `expected rows with status=processed (all demo rows are "Käsitelty"), found ${n}`);
    const selected = await page.locator('form[role="search"] select[name="status"]').inputValue();
    assert.equal(selected, 'processed', 'expected the status select to keep the chosen value after submitting');
  });
});

test('no-JS: unit filter from the select is applied', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    const before = await dataRows(page);
    const sel = await searchSelect(page, 'unit');
    const opts = await sel.locator('option').evaluateAll((os) =>
      os.map((o) => ({ value: o.value, text: o.textContent.trim() })).filter((o) => /^\d+$/.test(o.value)));
    assert.ok(opts.length > 0, 'expected unit options with numeric ids in select[name=unit]');
    const tieto = opts.find((o) => /^Tietohallinto$/.test(o.text)) || opts[0];
    await submitChoice(page, 'unit', tieto.value);
    const rows = await dataRowTexts(page);
    assert.ok(rows.length > 0 && rows.length <= before,
      `expected between 1 and ${before} rows for unit "${tieto.text}", found ${rows.length}`);
    assert.ok(rows.every((r) => r.includes(tieto.text)),
      `expected every row for unit filter "${tieto.text}" to name that unit, rows: ${JSON.stringify(rows)}`);
  });
});

test('no-JS: changing per (rows per page) and submitting is applied', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2023}`));
    const sel = await searchSelect(page, 'per');
    const values = await optionValues(sel);
    for (const v of ['10', '25', '50', '100', 'all']) {
      assert.ok(values.includes(v), `expected per option "${v}", options: ${JSON.stringify(values)}`);
    }
    const current = await sel.inputValue();
    const choice = current === '10' ? '25' : '10';
    await submitChoice(page, 'per', choice);
    assert.equal(await page.locator('form[role="search"] select[name="per"]').inputValue(), choice,
      `expected the per select to show ${choice} after submitting`);
    const n = await dataRows(page);
    const { count } = await resultCount(page);
    assert.ok(n > 0, `expected rows on ${page.url()}`);
    assert.equal(n, Math.min(count, Number(choice)),
      `expected min(result count ${count}, per ${choice}) rows on ${page.url()}, found ${n}`);
  });
});

test('no-JS: clicking a column header link sorts and sets aria-sort', async () => {
  await b.withPage(NOJS, async (page) => {
    await open(page, url(`/p/${P2024}`));
    const link = page.locator('main table thead th[scope="col"] a[href*="sort=action"]');
    assert.ok(await link.count() > 0, 'expected a sort link (href with sort=action) in the "action" column header');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.first().click()]);
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('sort'), 'action', `expected sort=action in ${page.url()}`);
    const dir = u.searchParams.get('dir') || 'asc';
    const th = page.locator('main table thead th[scope="col"]').filter({ has: page.locator('a[href*="sort=action"]') });
    assert.equal(await th.getAttribute('aria-sort'), dir === 'desc' ? 'descending' : 'ascending',
      `expected the action column header to have aria-sort matching dir=${dir}`);
    const sortedCount = await page.locator('main table thead th[aria-sort]').count();
    assert.equal(sortedCount, 1, `expected exactly one header with aria-sort, found ${sortedCount}`);
    const n = await dataRows(page);
    assert.ok(n > 0, `expected rows after sorting, found ${n}`);

    // Clicking the sorted column again must reverse the direction.
    const again = th.locator('a[href*="sort=action"]');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), again.first().click()]);
    const dir2 = new URL(page.url()).searchParams.get('dir') || 'asc';
    assert.notEqual(dir2, dir, `expected clicking the sorted header again to reverse dir (was ${dir}), URL ${page.url()}`);
    const th2 = page.locator('main table thead th[scope="col"]').filter({ has: page.locator('a[href*="sort=action"]') });
    assert.equal(await th2.getAttribute('aria-sort'), dir2 === 'desc' ? 'descending' : 'ascending',
      `expected aria-sort to follow dir=${dir2}`);
  });
});

test('no-JS: pagination with per=10 (nav with aria-current)', async () => {
  await b.withPage(NOJS, async (page) => {
    // tests/env.sh imports testi-sivutus: 30 rows, three pages of 10.
    const best = { slug: 'testi-sivutus' };
    await open(page, url(`/p/${best.slug}`, { per: 10 }));
    best.count = (await resultCount(page)).count;
    assert.equal(best.count, 30, `expected the 30 rows of testi-sivutus on ${page.url()}`);
    const n = await dataRows(page);
    assert.equal(n, 10, `expected 10 rows with per=10, found ${n}`);
    const pageLinks = page.locator(`${PAGINATION} ${PAGE_LINK}`);
    assert.ok(await pageLinks.count() > 0, `expected a pagination nav[aria-label] with page links when ${best.count} > 10`);
    const current = page.locator(`${PAGINATION} [aria-current="page"]`);
    assert.equal(await current.count(), 1, 'expected exactly one aria-current="page" in the pagination nav');
    assert.match(await current.innerText(), /\b1\b/, 'expected page 1 to be the current page');
    const firstRows = await dataRowTexts(page);
    const to2 = page.locator(`${PAGINATION} a[href*="page=2"]:not([hreflang])`).first();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), to2.click()]);
    assert.equal(new URL(page.url()).searchParams.get('page'), '2', `expected page=2 in ${page.url()}`);
    assert.equal(new URL(page.url()).searchParams.get('per'), '10', `expected per=10 kept in ${page.url()}`);
    assert.match(await page.locator(`${PAGINATION} [aria-current="page"]`).innerText(), /\b2\b/,
      'expected page 2 to be aria-current after following the link');
    const secondRows = await dataRowTexts(page);
    assert.ok(secondRows.length > 0, 'expected rows on page 2');
    assert.notDeepEqual(secondRows, firstRows, 'expected page 2 to show other rows than page 1');
  });
});
