// Reflow (WCAG 1.4.10): at 320 CSS px wide the page does not scroll
// horizontally.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, dataRows, firstTableLink, P2023, P2024 } from './lib.mjs';

const b = useBrowser();
const NARROW = { viewport: { width: 320, height: 640 } };

async function expectNoHorizontalScroll(page) {
  const m = await page.evaluate(() => {
    const de = document.documentElement;
    // Name the widest elements to make a failure actionable.
    // Elements that stick out past the viewport, or whose content spills
    // out of them (overflow visible); the innermost ones are named.
    const cands = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      const sticksOut = r.width > 0 && r.right > de.clientWidth + 1;
      const spills = cs.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (sticksOut || spills) cands.push({ el, right: Math.round(Math.max(r.right, r.left + el.scrollWidth)) });
    }
    const innermost = cands.filter((c) => !cands.some((o) => o !== c && c.el.contains(o.el)));
    const wide = innermost.map(({ el, right }) => {
      const id = el.id ? '#' + el.id : '';
      const cls = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return `${el.tagName.toLowerCase()}${id}${cls} (right edge ${right}px)`;
    });
    return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, bodyScroll: document.body.scrollWidth, wide: wide.slice(0, 8) };
  });
  assert.ok(m.scrollWidth <= 320 + 1,
    `expected no horizontal scrolling at 320px on ${page.url()}: document scrollWidth ${m.scrollWidth} (clientWidth ${m.clientWidth}); elements past the right edge: ${m.wide.join('; ')}`);
}

test('reflow 320px: action table /p/asukaspaneeli-2023', async () => {
  await b.withPage(NARROW, async (page) => {
    await open(page, url(`/p/${P2023}`));
    const n = await dataRows(page);
    assert.ok(n > 0, `expected table rows on ${page.url()}`);
    await expectNoHorizontalScroll(page);
    const visible = await page.locator('main table tbody tr').first().isVisible();
    assert.ok(visible, 'expected the table rows to stay visible at 320px');
  });
});

test('reflow 320px: process list /', async () => {
  await b.withPage(NARROW, async (page) => {
    await open(page, url('/'));
    assert.ok(await page.locator(`main a[href*="/p/${P2023}"]`).count() > 0,
      `expected / to link to /p/${P2023}`);
    await expectNoHorizontalScroll(page);
  });
});

test('reflow 320px: action table /p/asukaspaneeli-2024 in Swedish', async () => {
  await b.withPage(NARROW, async (page) => {
    await open(page, url(`/p/${P2024}`, { lang: 'sv' }));
    assert.ok(await dataRows(page) > 0, `expected table rows on ${page.url()}`);
    await expectNoHorizontalScroll(page);
  });
});

test('reflow 320px: recommendation page', async () => {
  await b.withPage(NARROW, async (page) => {
    await open(page, url(`/p/${P2024}`));
    await open(page, await firstTableLink(page, 'r'));
    await expectNoHorizontalScroll(page);
  });
});
