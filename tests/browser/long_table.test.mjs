// A long table (per=all): still a table with headers on a wide screen,
// cards that a reader can scroll and jump to the end of on a phone, and no
// script doing anything per row.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, url, open, scrollSettled } from './lib.mjs';

const b = useBrowser();
const SLUG = 'selain-pitka';
const RECS = 40;
const PER_REC = 10;
const LAST = `Viimeinen toimenpide ${RECS}.${PER_REC}`;

before(() => {
  assert.ok(process.env.TOTEUMA_CTL, 'expected TOTEUMA_CTL (tests/env.sh start)');
  let csv = 'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';
  for (let r = 1; r <= RECS; r++) {
    for (let a = 1; a <= PER_REC; a++) {
      const action = r === RECS && a === PER_REC ? LAST : `Toimenpide ${r}.${a} kuvattuna muutamalla sanalla`;
      csv += `${a === 1 ? `${r}. Suositus numero ${r}` : ''},,${action},2026,,Palvelut,Lisätietoa rivistä ${r}.${a}\r\n`;
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'toteuma-long-')), `${SLUG}.csv`);
  writeFileSync(file, csv);
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG, '--title', 'Pitkä taulukko', '--publish', file],
    { env: process.env, encoding: 'utf8' });
  execFileSync('sleep', ['0.3']);
});

test('per=all at 1280px: a table with column and row headers, every row, no script', async () => {
  await b.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await open(page, url(`/p/${SLUG}`, { per: 'all' }));
    const t = await page.evaluate(() => {
      const table = document.querySelector('main table');
      return {
        display: table && getComputedStyle(table).display,
        cols: table ? table.querySelectorAll('thead th[scope="col"]').length : 0,
        groups: table ? table.querySelectorAll('tbody th[scope="rowgroup"]').length : 0,
        rows: table ? table.querySelectorAll('tbody tr').length : 0,
        scripts: document.scripts.length,
      };
    });
    assert.equal(t.display, 'table', 'expected a real table on a wide screen');
    assert.equal(t.cols, 6, 'expected six column headers');
    assert.equal(t.groups, RECS, 'expected a row header for each recommendation');
    assert.equal(t.rows, RECS * PER_REC, 'expected every action on one page');
    assert.equal(t.scripts, 0, 'expected no script on the public table');
  });
});

test('per=all at 375px: End reaches the downloads; the last card reads in full', async () => {
  await b.withPage({ viewport: { width: 375, height: 700 } }, async (page) => {
    await open(page, url(`/p/${SLUG}`, { per: 'all' }));
    await page.locator('main h1').click();
    await page.keyboard.press('End');
    await scrollSettled(page);
    // The page's end is reached (the last cards are always laid out, so
    // the end's height is real), and the table with it: the downloads are
    // above the bottom of the screen (a long footer may push them up).
    const end = await page.evaluate(() => Math.round(window.scrollY +
      window.innerHeight - document.documentElement.scrollHeight));
    assert.ok(end >= -2, `expected End to reach the end of the page, ${end}px short`);
    const box = await page.locator('#downloads-h').boundingBox();
    assert.ok(box && box.y + box.height <= 700,
      `expected the downloads heading above the screen's bottom after End, at ${box && Math.round(box.y)}px`);

    const link = page.getByRole('link', { name: LAST, exact: true });
    assert.equal(await link.count(), 1, 'expected the action link named by the action alone');
    await link.scrollIntoViewIfNeeded();
    // A card near the screen is laid out at the next frames.
    await page.waitForTimeout(300);
    const card = page.locator('main table tbody tr', { has: link });
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    for (const part of [LAST, '2026', 'Palvelut', `Lisätietoa rivistä ${RECS}.${PER_REC}`]) {
      assert.ok(text.includes(part), `expected "${part}" in the last card, got "${text}"`);
    }
    // The labels of a card come from CSS (attributes of the cells and of
    // the action link): shown, not repeated in the markup.
    const labels = await card.evaluate((tr) => [
      getComputedStyle(tr.querySelector('td.action > a'), '::before').content,
      getComputedStyle(tr.querySelector('td.action').nextElementSibling, '::before').content,
    ]);
    assert.match(labels[0], /Toimenpide/, 'expected "Toimenpide:" before the action');
    assert.match(labels[1], /Aikataulu/, 'expected "Aikataulu:" before the schedule');
  });
});
