// What a resident meets on a phone (375 px) and a desktop (1280 px):
// the action's history fits, a new view of the table starts at its
// results, a specification is told apart from the action, the statuses
// are explained. Screenshots are kept in var/test-out/journeys/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import AxeBuilderModule from '@axe-core/playwright';
import { useBrowser, url, open, psql, formatViolations, WCAG_TAGS, P2024,
  shot } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const PHONE = { viewport: { width: 375, height: 740 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const SHOTS = 'var/test-out/journeys';
mkdirSync(SHOTS, { recursive: true });

// An action of the 2024 panel with a few changes in its history, one of
// them a long note.
const aid = psql(`SELECT a.id FROM action a JOIN process p ON p.id = a.process_id
  WHERE p.slug = '${P2024}' ORDER BY a.id LIMIT 1`);
psql(`UPDATE action SET status_note = 'Hankinta on kilpailutettu ja ` +
  `sopimus allekirjoitettu; käyttöönotto alkaa syksyllä ' || now()::text WHERE id = ${aid}`);

async function axe(page) {
  const r = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(r.violations.length, 0, formatViolations(r.violations));
}

for (const [name, ctx] of [['375', PHONE], ['1280', DESKTOP]]) {
  test(`${name} px: the history of an action is whole, every column in view`,
    async () => {
      await b.withPage(ctx, async (page) => {
        await open(page, url(`/p/${P2024}/a/${aid}`));
        const rows = page.locator('table.history-table tbody tr');
        assert.ok(await rows.count() > 0, 'expected history rows');
        const m = await page.evaluate(() => {
          const wrap = document.querySelector('.table-wrap');
          const out = [];
          for (const c of document.querySelectorAll('table.history-table td, table.history-table tbody th')) {
            const r = c.getBoundingClientRect();
            if (r.right > document.documentElement.clientWidth + 1)
              out.push(`${c.dataset.label}: right edge ${Math.round(r.right)}`);
          }
          return { over: out, scrolls: wrap.scrollWidth > wrap.clientWidth + 1 };
        });
        assert.deepEqual(m.over, [], 'expected every history cell in view');
        assert.equal(m.scrolls, false, 'expected no sideways scrolling box');
        await axe(page);
        await shot(page, `${SHOTS}/action-${name}.png`);
      });
    });
}

test('375 px: filtering lands on the results, not on the filter panel',
  async () => {
    await b.withPage(PHONE, async (page) => {
      await open(page, url(`/p/${P2024}`));
      await page.selectOption('#status', { index: 1 });
      await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);
      assert.match(page.url(), /#results$/);
      const top = await page.locator('#results').evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 200,
        `expected the result count near the top of the screen, it is at ${top}px`);
      assert.match(await page.title(), / – .+ – Toteuma$/, 'expected the title to name the filter');
      await shot(page, `${SHOTS}/filtered-375.png`, false);
    });
  });

for (const [lang, ctx, name] of [['fi', PHONE, '375'], ['sv', PHONE, '375'],
  ['fi', DESKTOP, '1280'], ['sv', DESKTOP, '1280']]) {
  test(`${name} px ${lang}: the statuses page reads and passes axe`, async () => {
    await b.withPage(ctx, async (page) => {
      await open(page, url('/statuses', { lang: lang === 'fi' ? undefined : lang }));
      assert.equal(await page.locator('.status-item').count(),
        Number(psql('SELECT count(*) FROM status')));
      await axe(page);
      await shot(page, `${SHOTS}/statuses-${lang}-${name}.png`);
    });
  });
}

test('375 px: a process table and the front page pass axe with their new ' +
  'labels', async () => {
  await b.withPage(PHONE, async (page) => {
    await open(page, url(`/p/${P2024}`));
    await axe(page);
    await shot(page, `${SHOTS}/table-375.png`);
    await open(page, url('/', { lang: 'sv' }));
    await axe(page);
    await shot(page, `${SHOTS}/home-sv-375.png`);
  });
});
