// Print styles: the table is printed, the search form is not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, dataRows, P2024 } from './lib.mjs';

const b = useBrowser();

test('print: table visible, search form hidden', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${P2024}`));
    const form = page.locator('form[role="search"]');
    assert.equal(await form.count(), 1, 'expected a form[role=search] on the screen page');
    assert.ok(await form.isVisible(), 'expected the search form to be visible on screen');
    assert.ok(await dataRows(page) > 0, `expected table rows on ${page.url()}`);

    await page.emulateMedia({ media: 'print' });
    const formDisplay = await form.evaluate((el) => getComputedStyle(el).display);
    assert.equal(formDisplay, 'none', `expected the search form to have display:none in print, got ${formDisplay}`);
    const table = page.locator('main table').first();
    assert.ok(await table.isVisible(), 'expected the action table to be visible in print');
    const tableDisplay = await table.evaluate((el) => getComputedStyle(el).display);
    assert.notEqual(tableDisplay, 'none', 'expected the table not to be display:none in print');
    const rowsVisible = await page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.filter((tr) => tr.getBoundingClientRect().height > 0).length);
    assert.ok(rowsVisible > 0, 'expected table rows to be rendered in print');
    const caption = page.locator('main table caption');
    assert.ok(await caption.count() > 0 && await caption.first().isVisible(),
      'expected the table caption to be printed');
  });
});
