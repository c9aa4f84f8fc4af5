// Shared helpers for the browser tests.
//
// Run from the repository root with a running server that has the demo data:
//   TOTEUMA_URL=http://127.0.0.1:8181 \
//     node --test --test-reporter=tap --test-concurrency=1 tests/browser/
//
// The browser is Debian's chromium, driven by playwright-core; no browser is
// ever downloaded. Each test file launches one browser (useBrowser() registers
// before/after hooks) and every test opens its own context, so cookies, the
// JavaScript setting and the viewport never leak between tests.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilderModule from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { base32Decode, signInCode, stepNow, totpCode } from '../totp.mjs';

export const BASE = (process.env.TOTEUMA_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

export const CHROMIUM = process.env.TOTEUMA_CHROMIUM || '/usr/bin/chromium';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

// Demo processes (CSV file stems of shared/data).
export const P2023 = 'asukaspaneeli-2023';
export const P2024 = 'asukaspaneeli-2024';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Screenshots to look at (var/test-out/), taken only when
// TOTEUMA_SCREENSHOTS=1 ("make screenshots"): a full-page capture costs a
// second or more, and no assertion reads them.
export const SCREENSHOTS = process.env.TOTEUMA_SCREENSHOTS === '1';

export async function shot(page, path, fullPage = true) {
  if (SCREENSHOTS) await page.screenshot({ path, fullPage });
}

// Absolute URL for a path with query parameters (undefined/null values are
// left out).
export function url(path, params = {}) {
  const u = new URL(path, BASE + '/');
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  }
  return u.toString();
}

// Registers before/after hooks that launch and close one browser for the
// file. Returns an object whose withPage() runs a function with a fresh page
// in a fresh context (closed afterwards, also on failure).
export function useBrowser() {
  const state = { browser: null };
  before(async () => {
    state.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: LAUNCH_ARGS,
    });
  });
  after(async () => {
    if (state.browser) await state.browser.close();
  });
  return {
    get browser() {
      return state.browser;
    },
    async withPage(contextOptions, fn) {
      if (typeof contextOptions === 'function') {
        fn = contextOptions;
        contextOptions = {};
      }
      assert.ok(state.browser, 'expected the browser to have been launched in before()');
      const context = await state.browser.newContext(contextOptions);
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(15000);
        page.setDefaultNavigationTimeout(20000);
        return await fn(page, context);
      } finally {
        await context.close();
      }
    },
  };
}

// Navigates and asserts the HTTP status (200 unless told).
export async function open(page, target, expectedStatus = 200) {
  const resp = await page.goto(target, { waitUntil: 'load' });
  assert.ok(resp, `expected a response for ${target}`);
  assert.equal(resp.status(), expectedStatus,
    `expected HTTP ${expectedStatus} for ${target}, got ${resp.status()}`);
  return resp;
}

// Phones lay out only the table's cards near the screen
// (content-visibility: auto): scrolls to one and waits until it is drawn,
// as a reader scrolling there would see it.  Scrolling again, since the
// place of a card is known only once the cards above it are drawn.
export async function bringNear(locator) {
  for (let i = 0; i < 20; i++) {
    await locator.scrollIntoViewIfNeeded();
    const drawn = await locator.evaluate((el) => new Promise((done) =>
      requestAnimationFrame(() => requestAnimationFrame(() =>
        done(el.checkVisibility({ contentVisibilityAuto: true }))))));
    if (drawn) return;
  }
  throw new Error('the element was not drawn when scrolled to');
}

// Waits until a scroll (End, Page Down: animated) has come to rest and
// the page's height with it: the same place for ten frames running.
export async function scrollSettled(page) {
  await page.evaluate(() => new Promise((done, fail) => {
    let last = '';
    let same = 0;
    let frames = 0;
    const look = () => {
      const now = `${window.scrollY}/${document.documentElement.scrollHeight}`;
      same = now === last ? same + 1 : 0;
      last = now;
      if (same >= 10) return done();
      if (++frames > 600) return fail(new Error(`the page did not come to rest: ${now}`));
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }));
}

export const ROWS = 'main table tbody tr';

// The pagination nav: a labelled nav with page links (not the breadcrumb,
// not the language switcher, whose links may keep page= too).
export const PAGE_LINK = 'a[href*="page="]:not([hreflang])';
export const PAGINATION = `nav[aria-label]:has(${PAGE_LINK})`;

// Data rows of the action table: body rows with more than one cell (a "no
// results" row spanning the table, if a server renders one, is not a data
// row).
export async function dataRows(page) {
  return page.locator(ROWS).evaluateAll((trs) =>
    trs.filter((tr) => tr.querySelectorAll('td, th').length > 1).length);
}

export async function dataRowTexts(page) {
  return page.locator(ROWS).evaluateAll((trs) =>
    trs.filter((tr) => tr.querySelectorAll('td, th').length > 1)
      .map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
}

// Text of the role="status" result count, and the first integer in it (0 when
// there is no number, e.g. "Ei tuloksia").
export async function statusText(page) {
  const st = page.locator('[role="status"]');
  const n = await st.count();
  assert.ok(n >= 1, `expected an element with role="status" holding the result count on ${page.url()}`);
  return (await st.first().innerText()).replace(/\s+/g, ' ').trim();
}

// The count is the largest number in the text: "Näytetään rivit 11–20, rivejä yhteensä 25."
// and "25 toimenpidettä" both give 25.
export async function resultCount(page) {
  const text = await statusText(page);
  const nums = (text.match(/\d+/g) || []).map(Number);
  return { text, count: nums.length ? Math.max(...nums) : 0 };
}

// The sort key a column header link selects. The default sort
// (recommendation) may be left out of the URL.
export const DEFAULT_SORT = 'recommendation';
export function sortKeyOf(href) {
  return new URL(href).searchParams.get('sort') || DEFAULT_SORT;
}

// href of the first recommendation (or action) link in the table, resolved
// to an absolute URL.
export async function firstTableLink(page, kind /* 'r' | 'a' */) {
  const link = page.locator(`main table a[href*="/${kind}/"]`).first();
  assert.ok(await link.count() > 0,
    `expected the action table on ${page.url()} to link to a ${kind === 'r' ? 'recommendation' : 'action'} page (a[href*="/${kind}/"])`);
  const href = await link.getAttribute('href');
  return new URL(href, page.url()).toString();
}

// All same-origin hrefs matching a CSS selector, resolved.
export async function hrefs(page, selector) {
  return page.locator(selector).evaluateAll((as) => as.map((a) => a.href));
}

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;

// axe-core finds no WCAG 2.1 A/AA violation on the page (JavaScript on).
export async function expectNoViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS)
    .setLegacyMode(true).analyze();
  assert.equal(results.violations.length, 0,
    `expected no WCAG 2.1 A/AA violations on ${what} (${page.url()}), found ` +
    `${results.violations.length}:\n` + formatViolations(results.violations));
}

export function formatViolations(violations) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 8).map((n) => JSON.stringify(n.target)).join(', ');
    const more = v.nodes.length > 8 ? ` (+${v.nodes.length - 8} more)` : '';
    return `  - ${v.id} [${v.impact}] ${v.help}: ${targets}${more}`;
  }).join('\n');
}

// ---------------------------------------------------------------------------
// Editing backend helpers (staff accounts, sign-in, the database).

// Runs SQL with psql against TOTEUMA_DATABASE and returns the unaligned,
// tuples-only output, trimmed.
export function psql(sql) {
  const db = process.env.TOTEUMA_DATABASE;
  assert.ok(db, 'expected TOTEUMA_DATABASE in the environment (tests/env.sh start prints it)');
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', db, '-c', sql],
    { encoding: 'utf8', env: process.env }).trim();
}

// A quoted SQL string literal.
export function sqlString(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

// An e-mail address no other run or test file uses.
let emailSeq = 0;
export function uniqueEmail(tag) {
  emailSeq += 1;
  const stamp = `${Date.now().toString(36)}${process.pid.toString(36)}${emailSeq}`;
  return `bt-${tag}-${stamp}@example.org`.toLowerCase();
}

// Creates a staff user with toteumactl (TOTEUMA_CTL); the password is read
// from stdin. units: unit names (editor), none for an admin.
export function createStaffUser(email, password, role, units = []) {
  const ctl = process.env.TOTEUMA_CTL;
  assert.ok(ctl, 'expected TOTEUMA_CTL in the environment (path of toteumactl)');
  const args = ['user', 'add', email, '--role', role];
  for (const u of units) args.push('--unit', u);
  execFileSync(ctl, args, { input: password + '\n', env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  return { email, password, role };
}

// Signs in through the real form (fills e-mail and password, clicks the
// submit button) and asserts landing on /b. An account with a second
// factor types the code of its authenticator app (computed from the
// secret in the database); an admin without one sets it up on the page
// it is sent to, as its owner would (the recovery codes it shows are
// kept in user.recoveryCodes). lang: 'fi' (default), 'sv', 'en'.
export async function signIn(page, user, lang = 'fi') {
  await open(page, url('/login', lang === 'fi' ? {} : { lang }));
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  let [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('main form button[type="submit"]').click(),
  ]);
  assert.ok(resp, 'expected a response to the sign-in POST');
  if (new URL(page.url()).pathname === '/login/code') {
    await page.locator('#code').fill(signInCode(user.email));
    [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('main form button[type="submit"]').first().click(),
    ]);
  } else if (new URL(page.url()).pathname === '/b/account/totp') {
    const key = base32Decode(await page.locator('#totp-secret').innerText());
    await page.locator('#code').fill(totpCode(key, stepNow()));
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('main form button[type="submit"]').first().click(),
    ]);
    user.recoveryCodes = await page.locator('#recovery-codes code').allInnerTexts();
    assert.equal(user.recoveryCodes.length, 10,
      `expected the second factor of ${user.email} to be on, got ${page.url()}`);
    resp = await open(page, url('/b', lang === 'fi' ? {} : { lang }));
  }
  const u = new URL(page.url());
  assert.equal(u.pathname, '/b',
    `expected signing in as ${user.email} to land on /b, got ${page.url()} (HTTP ${resp.status()})`);
  assert.equal(resp.status(), 200, `expected HTTP 200 for ${page.url()} after signing in`);
  return resp;
}

// Clicks the submit button of the form it is in (default: the main form of
// a backend page) and waits for the resulting page; returns its response
// (after redirects, the final one).
export async function submitAndWait(page, button = 'main form.form button[type="submit"]') {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(button).first().click(),
  ]);
  assert.ok(resp, `expected a response after submitting the form on ${page.url()}`);
  return resp;
}

// ---------------------------------------------------------------------------
// Markup typed into the service must stay text (admin_xss, backend).

// Raw markup that must never reach a response body unescaped.
export const RAW_MARKUP = ['<script>alert(', '<img src=x onerror', '<svg onload'];

// Whitespace as one space, and none at the ends.
export function norm(s) {
  return s.replace(/\s+/g, ' ').trim();
}

export async function mainText(page) {
  return norm(await page.locator('main').innerText());
}

// Opens target again every 250 ms until main's text passes shows(text)
// (workers notice changes within about a second) or timeoutMs is over;
// the last answer and text either way.
export async function reloadUntil(page, target, shows, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let resp;
  let text = '';
  for (;;) {
    resp = await open(page, target);
    text = await mainText(page);
    if (shows(text) || Date.now() > deadline) break;
    await page.waitForTimeout(250);
  }
  return { resp, text };
}

// Records the page's dialogs (an alert() that ran) and dismisses them;
// expectInert() fails on any.
export function watchDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

// Elements that only injected markup would create: inline event handlers,
// scripts mentioning alert, javascript: URLs, the payloads' img/svg.
export async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}="${a.value}">`);
        if (/^(href|src|action|formaction|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) {
          found.push(`<${el.localName} ${a.name}="${a.value}">`);
        }
      }
    }
    for (const s of document.querySelectorAll('script')) {
      if (/alert/.test(s.textContent) || /alert/.test(s.src)) found.push(`<script>${s.textContent.slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll('img[src="x"], svg[onload], img[onerror]')) {
      found.push(el.outerHTML.slice(0, 80));
    }
    return found;
  });
}

// No dialog so far (dialogs from watchDialogs), nothing injected in the
// page, and, when body (the HTML the server sent) is given, no raw markup
// in it.
export async function expectInert(page, dialogs, where, body) {
  assert.deepEqual(dialogs, [], `expected no dialog (no script ran) on ${where} (${page.url()}), got ${JSON.stringify(dialogs)}`);
  const found = await injected(page);
  assert.deepEqual(found, [], `expected no injected elements or event handlers on ${where} (${page.url()}), found:\n${found.join('\n')}`);
  if (body != null) {
    for (const raw of RAW_MARKUP) {
      const i = body.indexOf(raw);
      assert.ok(i < 0, `expected the HTML of ${where} (${page.url()}) not to contain unescaped ${JSON.stringify(raw)}; ` +
        `found at: ${JSON.stringify(body.slice(Math.max(0, i - 80), i + 80))}`);
    }
  }
}
