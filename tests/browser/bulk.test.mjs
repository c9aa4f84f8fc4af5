// The bulk form of "My actions" in a real browser: no WCAG 2.1 A/AA
// violation (axe-core) on the list with its boxes, the page that says
// what was saved, and the review queue; and the whole bulk update done
// with the keyboard only (Tab to each box, Space to tick it, the status
// chosen by typing, the note typed, Enter on the button).
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Imports a process of its own with a unit of its own, so that the
// editor's list holds only its actions and the demo data stays as it is.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser, url, open, psql, sqlString, uniqueEmail, createStaffUser,
  signIn, expectNoViolations,
} from './lib.mjs';

const b = useBrowser();
const STAMP = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const SLUG = `bulk-browser-${STAMP}`;
const UNIT = `Selainmassa ${STAMP}`;
const PASSWORD = 'Keyboard-only-bulk-42';
const ids = {};
let editor, admin;

before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-bulk-'));
  const file = join(dir, `${SLUG}.csv`);
  writeFileSync(file, 'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n' +
    `1. Selainsuositus,,Näppäin yksi,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n` +
    `,,Näppäin kaksi,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n` +
    `,,Näppäin kolme,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n`);
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG,
    '--title', 'Selaintesti', '--publish', file], { env: process.env });
  for (const line of psql('SELECT a.id || \'|\' || a.body FROM action a JOIN process p ' +
    `ON p.id = a.process_id WHERE p.slug = ${sqlString(SLUG)}`).split('\n')) {
    const [id, body] = line.split('|');
    ids[body] = Number(id);
  }
  editor = createStaffUser(uniqueEmail('bulk-editor'), PASSWORD, 'editor', [UNIT]);
  admin = createStaffUser(uniqueEmail('bulk-admin'), PASSWORD, 'admin');
});

// Presses Tab until the focused element matches selector; fails after max.
async function tabTo(page, selector, max = 150) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`expected Tab to reach ${selector} within ${max} presses`);
}

function status(id) {
  return psql(`SELECT coalesce(s.code, '') || '|' || a.status_note FROM action a ` +
    `LEFT JOIN status s ON s.id = a.status_id WHERE a.id = ${id}`);
}

test('"My actions" with its boxes has no WCAG 2.1 A/AA violations', async () => {
  await b.withPage(async (page) => {
    await signIn(page, editor);
    assert.equal(await page.locator('main input[type="checkbox"][name="a"]').count(), 3,
      'expected a box for each of the editor\'s three actions');
    await expectNoViolations(page, '"My actions" with the bulk form');
    await open(page, url('/b', { lang: 'sv' }));
    await expectNoViolations(page, '"My actions" in Swedish');
  });
});

// The page's width and, of each list, how much its box hides.
async function widths(page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    hidden: [...document.querySelectorAll('main .table-wrap')].map(
      (w) => w.scrollWidth - w.clientWidth),
  }));
}

test('"My actions" fits a phone in Swedish, and its lists use a wide screen', async () => {
  await b.withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
    await signIn(page, editor);
    // The change form's menus hold the longest texts: a fieldset is as
    // wide as its widest menu unless told otherwise.
    await open(page, url('/b', { lang: 'sv' }));
    const w = await widths(page);
    assert.ok(w.page <= 320, `expected no horizontal scrolling at 320 px (scrollWidth ${w.page})`);
    assert.equal(await page.locator('main table.backend thead').first().evaluate(
      (h) => h.getBoundingClientRect().height <= 1), true,
      'expected the cards to carry their labels, the header row only read');
  });
  await b.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await signIn(page, editor);
    await open(page, url('/b', { lang: 'sv' }));
    const w = await widths(page);
    assert.ok(w.hidden.length > 0, 'expected the lists of actions');
    assert.deepEqual(w.hidden.filter((n) => n > 1), [],
      `expected every column of the lists in view at 1280 px (hidden: ${w.hidden.join(', ')} px)`);
  });
});

test('a bulk update with the keyboard only', async () => {
  await b.withPage({ javaScriptEnabled: false }, async (page) => {
    await signIn(page, editor);
    await page.locator('body').focus();
    await tabTo(page, `#a-${ids['Näppäin yksi']}`);
    await page.keyboard.press('Space');
    await tabTo(page, `#a-${ids['Näppäin kolme']}`);
    await page.keyboard.press('Space');
    assert.equal(await page.locator(`#a-${ids['Näppäin kaksi']}`).isChecked(), false);
    await tabTo(page, '#bulk-status');
    await page.keyboard.type('Toteutettu');
    assert.equal(await page.locator('#bulk-status').inputValue(), 'done',
      'typing the label chooses the status');
    await tabTo(page, '#bulk-note');
    await page.keyboard.type('Valmis näppäimistöllä');
    await tabTo(page, '#bulk-change button[type="submit"]');
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(resp.status(), 200, `expected the result page, got HTTP ${resp.status()}`);
    assert.match(await page.locator('main h2#bulk-saved').innerText(), /Tallennettu: 2/);
    assert.equal(status(ids['Näppäin yksi']), 'done|Valmis näppäimistöllä');
    assert.equal(status(ids['Näppäin kolme']), 'done|Valmis näppäimistöllä');
    assert.equal(status(ids['Näppäin kaksi']), 'in_progress|', 'the box not ticked stays');
  });
});

test('the result page and the review queue have no WCAG 2.1 A/AA violations', async () => {
  await b.withPage(async (page) => {
    await signIn(page, editor);
    const id = ids['Näppäin kaksi'];
    psql(`UPDATE action SET info = 'Välissä' WHERE id = ${id}`);
    await page.locator(`#a-${id}`).check();
    await page.locator(`#a-${ids['Näppäin yksi']}`).check();
    psql(`UPDATE action SET info = 'Välissä taas' WHERE id = ${id}`);
    await page.locator('#bulk-note').fill('Siirtyy');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('#bulk-change button[type="submit"]').click(),
    ]);
    assert.match(await page.locator('main').innerText(), /Joku muu muutti sillä välin/);
    await expectNoViolations(page, 'the bulk result page');
  });
  psql(`UPDATE process SET review = true WHERE slug = ${sqlString(SLUG)}`);
  await b.withPage(async (page) => {
    await signIn(page, editor);
    await page.locator(`#a-${ids['Näppäin kolme']}`).check();
    await page.locator('#bulk-note').fill('Odottaa <b>tarkistusta</b>');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('#bulk-change button[type="submit"]').click(),
    ]);
    assert.match(await page.locator('main').innerText(), /Odottaa tarkistusta: 1/);
  });
  await b.withPage(async (page) => {
    await signIn(page, admin);
    await open(page, url('/b/review'));
    assert.match(await page.locator('main').innerText(), /Odottaa <b>tarkistusta<\/b>/,
      'the note is shown as text in the queue');
    await expectNoViolations(page, 'the review queue');
  });
  psql(`UPDATE process SET review = false, published = false WHERE slug = ${sqlString(SLUG)}`);
});
