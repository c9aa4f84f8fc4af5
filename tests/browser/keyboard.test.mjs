// Keyboard: skip link first, visible when focused, moves to main; every
// focusable element shows a focus indicator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, dataRows, P2024 } from './lib.mjs';

const b = useBrowser();

function describeActive() {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body' };
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    cls: typeof el.className === 'string' ? el.className : '',
    href: el.getAttribute('href'),
    name: el.getAttribute('name'),
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    inMain: !!el.closest('main'),
    isMain: el.id === 'main',
    rect: { x: r.x, y: r.y, w: r.width, h: r.height },
    vw: window.innerWidth,
    vh: window.innerHeight,
    outlineStyle: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth) || 0,
    boxShadow: cs.boxShadow,
    opacity: parseFloat(cs.opacity),
    visibility: cs.visibility,
    clip: cs.clip,
    clipPath: cs.clipPath,
  };
}

for (const [name, path] of [['action table', `/p/${P2024}`], ['process list', '/']]) {
  test(`keyboard: first Tab focuses a visible skip link to #main that moves focus into main (${name})`, async () => {
    await b.withPage(async (page) => {
      await open(page, url(path));
      await page.keyboard.press('Tab');
      const a = await page.evaluate(describeActive);
      assert.equal(a.tag, 'a', `expected the first Tab to focus a link (the skip link), focused ${JSON.stringify(a)}`);
      assert.ok(/(^|\s)skip-link(\s|$)/.test(a.cls), `expected the first focused link to have class skip-link, got class "${a.cls}"`);
      assert.equal(a.href, '#main', `expected the skip link's href to be "#main", got ${JSON.stringify(a.href)}`);
      // Visible when focused: on screen, not clipped away, opaque.
      assert.ok(a.rect.w >= 8 && a.rect.h >= 8, `expected the focused skip link to have a visible size, got ${a.rect.w}x${a.rect.h}`);
      assert.ok(a.rect.x >= 0 && a.rect.y >= 0 && a.rect.x + a.rect.w <= a.vw + 1 && a.rect.y + a.rect.h <= a.vh + 1,
        `expected the focused skip link inside the viewport, got ${JSON.stringify(a.rect)}`);
      assert.ok(a.opacity > 0.5 && a.visibility === 'visible', `expected the focused skip link visible (opacity ${a.opacity}, visibility ${a.visibility})`);
      assert.ok(a.clip === 'auto' || a.clip === '' || a.clip === undefined,
        `expected the focused skip link not to be clipped, clip: ${a.clip}`);
      assert.ok(!a.clipPath || a.clipPath === 'none', `expected no clip-path on the focused skip link, got ${a.clipPath}`);
      const mainCount = await page.locator('main#main').count();
      assert.equal(mainCount, 1, 'expected exactly one <main id="main">');

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main', null, { timeout: 3000 }).catch(() => {});
      assert.equal(new URL(page.url()).hash, '#main', `expected activating the skip link to go to #main, URL ${page.url()}`);
      const after = await page.evaluate(describeActive);
      if (!(after.isMain || after.inMain)) {
        // Without tabindex on <main>, browsers move the sequential focus
        // starting point: the next Tab must land inside main.
        await page.keyboard.press('Tab');
        const next = await page.evaluate(describeActive);
        assert.ok(next.inMain, `expected focus (or the next Tab) to be inside <main> after the skip link, next focus ${JSON.stringify(next)}`);
      }
      const mainTop = await page.locator('main#main').evaluate((m) => m.getBoundingClientRect().top);
      const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
      if (scrollable) {
        assert.ok(Math.abs(mainTop) <= 2 || mainTop < 0,
          `expected the page scrolled to <main> after the skip link, main top ${mainTop}`);
      }
    });
  });
}

async function tabThrough(page, max) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const a = await page.evaluate(describeActive);
    if (a.tag === 'body') break;
    const key = `${a.tag}|${a.href}|${a.name}|${a.text}|${a.rect.x},${a.rect.y}`;
    if (seen.length && seen[0].key === key) break; // wrapped around
    seen.push({ ...a, key });
  }
  return seen;
}

for (const [name, path, params] of [
  ['action table', `/p/${P2024}`, {}],
  ['action table sv sorted', `/p/${P2024}`, { lang: 'sv', sort: 'action', dir: 'desc' }],
  ['process list', '/', {}],
]) {
  test(`keyboard: every focused element has a visible focus indicator (${name})`, async () => {
    await b.withPage(async (page) => {
      await open(page, url(path, params));
      if (path !== '/') assert.ok(await dataRows(page) > 0, `expected table rows on ${page.url()}`);
      const seen = await tabThrough(page, 60);
      const kinds = new Set(seen.map((s) => s.tag));
      assert.ok(seen.length >= 5, `expected at least 5 focusable elements reached by Tab on ${page.url()}, got ${seen.length}`);
      if (path !== '/') {
        for (const k of ['a', 'input', 'select', 'button']) {
          assert.ok(kinds.has(k), `expected Tab to reach a <${k}> on ${page.url()}; reached ${[...kinds].join(', ')}`);
        }
      }
      const bad = seen.filter((s) => !((s.outlineStyle !== 'none' && s.outlineWidth > 0) || (s.boxShadow && s.boxShadow !== 'none')));
      assert.equal(bad.length, 0,
        `expected an outline or box-shadow on every focused element on ${page.url()}; without one:\n` +
        bad.map((s) => `  <${s.tag}${s.name ? ` name=${s.name}` : ''}${s.href ? ` href=${s.href}` : ''}> "${s.text}" outline ${s.outlineStyle} ${s.outlineWidth}px, box-shadow ${s.boxShadow}`).join('\n'));
      const hidden = seen.filter((s) => s.rect.w < 1 || s.rect.h < 1 || s.visibility !== 'visible');
      assert.equal(hidden.length, 0,
        `expected every element reached by Tab to be visible when focused; invisible: ${hidden.map((s) => `<${s.tag} href=${s.href}> "${s.text}"`).join(', ')}`);
    });
  });
}
