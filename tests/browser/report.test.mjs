// The council's reports in Chromium: no WCAG 2.1 A/AA violations (axe)
// on /report, a process's report and a snapshot, in Finnish and Swedish;
// and printing: a report printed to A4 PDF runs over several pages, the
// long table's header is on every page it continues on, every page
// renders, and no navigation, skip link or form is printed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, psql, sqlString, uniqueEmail,
  createStaffUser, P2024, WCAG_TAGS,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
// A process long enough for its report to run over several A4 pages.
const LONG = 'testi-sivutus';
let snapshotPath;

before(() => {
  const admin = createStaffUser(uniqueEmail('report'), 'oikein-hyvä-salasana-1', 'admin');
  // Only a day that has ended, and not before the process existed: the
  // demo process is made to have begun a month ago.
  psql(`UPDATE process SET created_at = least(created_at, now() - interval '30 days')
    WHERE slug = ${sqlString(P2024)}`);
  const id = psql(`SELECT snapshot_create((SELECT id FROM app_user WHERE email = ${sqlString(admin.email)}),
    (SELECT id FROM process WHERE slug = ${sqlString(P2024)}),
    (now() AT TIME ZONE 'Europe/Helsinki')::date - 1, 'Selaintesti', '')`);
  assert.match(id, /^\d+$/, `expected snapshot_create to return an id, got ${id}`);
  snapshotPath = `/p/${P2024}/s/${id}`;
});

const PAGES = () => [
  { name: '/report', path: '/report' },
  { name: `process report ${P2024}`, path: `/p/${P2024}/report` },
  { name: 'snapshot page', path: snapshotPath },
];

for (const lang of ['fi', 'sv']) {
  for (const i of [0, 1, 2]) {
    test(`[${lang}] report page ${i + 1}: its tables and charts` +
      (lang === 'sv' && i !== 1 ? '' : ', axe WCAG 2.1 AA'), async () => {
      const c = PAGES()[i];
      await b.withPage(async (page) => {
        await open(page, url(c.path, lang === 'fi' ? {} : { lang }));
        const htmlLang = await page.locator('html').getAttribute('lang');
        assert.equal(htmlLang, lang, `expected <html lang="${lang}"> on ${c.name}`);
        const tables = await page.locator('main table').count();
        assert.ok(tables > 0, `expected tables on ${c.name}`);
        if (i < 2) {
          const svgs = await page.locator('main svg[role="img"]').count();
          assert.ok(svgs >= 3, `expected three charts (svg role=img) on ${c.name}, found ${svgs}`);
        }
        // Report pages 1 and 3 in Swedish get axe at 375 px below.
        if (lang === 'sv' && i !== 1) return;
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        assert.equal(results.violations.length, 0,
          `expected no WCAG 2.1 A/AA violations on ${c.name} (${page.url()}), found ${results.violations.length}:\n` +
          formatViolations(results.violations));
      });
    });
  }
}

// The page printed to A4 as a PDF file in a new folder: the folder, the
// file, pdfinfo's text and its number of pages.
async function printA4(page) {
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-print-'));
  const pdf = join(dir, 'report.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return { dir, pdf, info, pages: Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]) };
}

function pageText(pdf, n) {
  return execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'],
    { encoding: 'utf8' });
}

test('print: a report on A4 repeats the table header on every page', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${LONG}/report`));
    const heads = await page.locator('table.all-actions thead th').allInnerTexts();
    assert.ok(heads.length >= 5, `expected the table of all actions to have header cells, found ${heads.length}`);
    const rows = await page.locator('table.all-actions tbody tr').count();
    assert.ok(rows >= 25, `expected at least 25 actions in ${LONG}, found ${rows}`);
    const { dir, pdf, info, pages } = await printA4(page);
    assert.ok(pages >= 3, `expected the printed report to have several pages, pdfinfo says ${pages}`);
    assert.match(info, /Page size:\s+595(\.\d+)? x 842/, 'expected A4 pages (595 x 842 pt)');

    const texts = [];
    for (let n = 1; n <= pages; n++) texts.push(pageText(pdf, n));
    const caption = await page.locator('table.all-actions caption').innerText();
    const start = texts.findIndex((t) => t.includes(caption.trim()));
    assert.ok(start >= 0, `expected the caption "${caption}" in the PDF`);
    assert.ok(start < pages - 1,
      `expected the table of all actions to continue over at least two pages (it starts on page ${start + 1} of ${pages})`);
    // The table is the last section: every page after its start holds
    // rows of it (their "last updated" dates) under its header.
    const updated = (await page.locator('table.all-actions tbody tr').last()
      .locator('td').nth(5).innerText()).trim();
    assert.match(updated, /^\d{1,2}\.\d{1,2}\.\d{4}$/, 'expected a date in the last column');
    for (let n = start + 1; n < pages; n++)
      assert.ok(texts[n].includes(updated),
        `expected rows of the table (dated ${updated}) on page ${n + 1} of ${pages}`);
    for (let n = start; n < pages; n++) {
      const flat = texts[n].replace(/\s+/g, ' ');
      for (const h of heads)
        assert.ok(flat.includes(h.replace(/\s+/g, ' ').trim()),
          `expected the header cell "${h}" on page ${n + 1} of ${pages}, page text:\n${texts[n].slice(0, 600)}`);
    }
    // Navigation, skip link and forms stay on the screen.
    const all = texts.join('\n');
    for (const word of ['Siirry sisältöön', 'Raportit', 'Muutokset alkaen', 'På svenska'])
      assert.ok(!all.includes(word), `expected "${word}" not to be printed`);

    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, join(dir, 'p')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    assert.equal(pngs.length, pages, `expected pdftoppm to render all ${pages} pages, got ${pngs.length}`);
    for (const f of pngs)
      assert.ok(statSync(join(dir, f)).size > 1000, `expected page image ${f} to have content`);
  });
});

// On a phone every report table reads as cards whose cells say what they
// are: nothing wider than the screen, nothing to scroll sideways; on a
// desktop they stay tables.
for (const [lang, i] of [['fi', 0], ['fi', 1], ['fi', 2], ['sv', 0], ['sv', 2]]) {
  // axe at 375 px in Swedish, whose words are longer; the tests above
  // run it at 1280 px in Finnish (and page 2 in Swedish).
  test(`375 px [${lang}]: the tables of report page ${i + 1} fit the screen` +
    (lang === 'sv' ? ', axe passes' : ''), async () => {
    const c = PAGES()[i];
    await b.withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
      await open(page, url(c.path, lang === 'fi' ? {} : { lang }));
      const wide = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const out = [];
        for (const t of document.querySelectorAll('main table')) {
          const w = t.getBoundingClientRect().width;
          const wrap = t.closest('.table-wrap');
          if (w > vw || (wrap && wrap.scrollWidth > wrap.clientWidth + 1))
            out.push(`${t.querySelector('caption')?.innerText}: ${Math.round(w)} px`);
        }
        if (document.documentElement.scrollWidth > vw) out.push(`page: ${document.documentElement.scrollWidth} px`);
        return out;
      });
      assert.deepEqual(wide, [], `expected every table of ${c.name} within 375 px, these were wider:\n${wide.join('\n')}`);
      const label = await page.locator('main table tbody td[data-label]').first()
        .evaluate((el) => getComputedStyle(el, '::before').content);
      assert.match(label, /^".+: "$/, `expected the cells of ${c.name} to be labelled on a phone, got ${label}`);
      if (lang !== 'sv') return;
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.equal(results.violations.length, 0,
        `expected no WCAG 2.1 A/AA violations at 375 px on ${c.name}:\n` + formatViolations(results.violations));
    });
  });
}

test('1280 px: the report tables stay tables with their header row', async () => {
  await b.withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await open(page, url(`/p/${P2024}/report`));
    const display = await page.locator('main table.report-table').first().evaluate((el) => getComputedStyle(el).display);
    assert.equal(display, 'table', 'expected a table at 1280 px');
    assert.ok(await page.locator('main table.report-table thead th').first().isVisible(),
      'expected the header row visible at 1280 px');
  });
});

test('print: every page is numbered; the report says its address, the day and the licence', async () => {
  await b.withPage(async (page) => {
    await open(page, url(`/p/${LONG}/report`, { lang: 'sv' }));
    assert.equal(await page.locator('.print-source').isVisible(), false,
      'expected the print block not to be shown on the screen');
    const { pdf, pages } = await printA4(page);
    assert.ok(pages >= 2, `expected several pages, got ${pages}`);
    const first = pageText(pdf, 1).replace(/\s+/g, ' ');
    assert.match(first, new RegExp(`Utskriven från https?://\\S+/p/${LONG}/report\\?lang=sv den \\d{1,2}\\.\\d{1,2}\\.\\d{4}`),
      `expected the absolute source address and the print day on page 1:\n${first.slice(0, 800)}`);
    assert.ok(first.includes('CC BY 4.0') && first.includes('creativecommons.org/licenses/by/4.0'),
      'expected the licence on page 1');
    for (let n = 1; n <= pages; n++) {
      const t = pageText(pdf, n).replace(/\s+/g, ' ');
      assert.match(t, new RegExp(`(^|\\s)${n} ?/ ?${pages}(\\s|$)`), `expected the page number "${n} / ${pages}" on page ${n}`);
      assert.ok(t.includes('CC BY 4.0'), `expected the licence in the margin of page ${n}`);
    }
  });
});
