// The editing backend in a real browser: accessibility (axe-core, WCAG 2.1
// A/AA) of the sign-in page, "my actions", the action form and its error,
// conflict and refused states, and the password page, in Finnish and
// Swedish; typed markup is shown as text everywhere it is shown (backend
// form, my actions, the public action page and table, the refused page);
// the form works with JavaScript off; the error summary's links move focus
// to the invalid field.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Creates its own users (unique e-mails) and edits one action of the unit
// Tietohallinto in asukaspaneeli-2024; the action's editable fields are put
// back as they were at the end so that later test files see the demo data.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, P2024, WCAG_TAGS,
  psql, sqlString, uniqueEmail, createStaffUser, signIn, submitAndWait,
  norm, mainText, watchDialogs, injected, expectInert, reloadUntil,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();

const UNIT = 'Tietohallinto';
const PASSWORD = 'Selenium-free-horse-42';

const state = { id: null, editor: null, admin: null, original: null };

// ---------------------------------------------------------------------------
// Helpers

function langParams(lang, params = {}) {
  return lang === 'fi' ? { ...params } : { ...params, lang };
}

function formUrl(lang = 'fi', params = {}) {
  return url(`/b/a/${state.id}`, langParams(lang, params));
}

// Every editable field of the action form as the browser has it.
async function readForm(page) {
  return page.evaluate(() => {
    const f = document.querySelector('main form.form');
    const v = {};
    for (const name of ['status', 'status_note', 'start', 'end', 'schedule_text',
      'actual_start', 'actual_end', 'info', 'evidence']) {
      v[name] = f.elements[name].value;
    }
    const kind = f.querySelector('input[name="schedule_kind"]:checked');
    v.schedule_kind = kind ? kind.value : 'none';
    return v;
  });
}

// Fills the fields given (status by value, schedule_kind by radio value).
async function fillForm(page, v) {
  if (v.status !== undefined) await page.locator('#status').selectOption(v.status);
  if (v.schedule_kind !== undefined) await page.locator(`#kind_${v.schedule_kind}`).check();
  for (const name of ['status_note', 'start', 'end', 'schedule_text', 'actual_start',
    'actual_end', 'info', 'evidence']) {
    if (v[name] !== undefined) await page.locator(`#${name}`).fill(v[name]);
  }
}

async function expectNoViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(results.violations.length, 0,
    `expected no WCAG 2.1 A/AA violations on ${what} (${page.url()}), found ${results.violations.length}:\n` +
    formatViolations(results.violations));
}

async function expectHtmlLang(page, lang) {
  const htmlLang = await page.locator('html').getAttribute('lang');
  assert.equal(htmlLang, lang, `expected <html lang="${lang}"> on ${page.url()}, got ${JSON.stringify(htmlLang)}`);
}

// Opens the form, types an invalid start month (months schedule) and
// submits: expects 422 with the error summary.
async function failSave(page, lang, extra = {}) {
  await open(page, formUrl(lang));
  await fillForm(page, { schedule_kind: 'months', start: '13/2025', end: '3/2026', ...extra });
  const resp = await submitAndWait(page);
  assert.equal(resp.status(), 422, `expected HTTP 422 for start=13/2025 on ${page.url()}, got ${resp.status()}`);
  const summary = page.locator('main .errors[role="alert"]');
  assert.equal(await summary.count(), 1, `expected one error summary (role=alert) on the 422 page ${page.url()}`);
  assert.ok(await summary.locator('a[href="#start"]').count() > 0,
    `expected the error summary to link to #start, got: ${await summary.innerHTML()}`);
  assert.equal(await page.locator('#start').getAttribute('aria-invalid'), 'true',
    'expected aria-invalid="true" on #start after the failed save');
  assert.equal(await page.locator('#start').inputValue(), '13/2025',
    'expected the form to keep the typed start month 13/2025');
  return resp;
}

// Saves as the admin, in the admin's own context (someone else's save).
async function saveAsOther(v) {
  const page = await session(state.admin);
  await open(page, formUrl());
  await fillForm(page, v);
  const resp = await submitAndWait(page);
  assert.equal(resp.status(), 200, `expected the admin's save to succeed, got HTTP ${resp.status()} at ${page.url()}`);
  assert.equal(new URL(page.url()).searchParams.get('saved'), '1',
    `expected the admin's save to land on ?saved=1, got ${page.url()}`);
}

// Opens the form, lets someone else save meanwhile and then submits:
// expects the 409 conflict page.
async function conflictSave(page, lang, mine = {}) {
  await open(page, formUrl(lang));
  await saveAsOther({ status_note: `Toisen tallennus ${Date.now()}` });
  await fillForm(page, { status_note: `Oma versio ${Date.now()}`, ...mine });
  const resp = await submitAndWait(page);
  assert.equal(resp.status(), 409, `expected HTTP 409 after someone else's save, got ${resp.status()} at ${page.url()}`);
  assert.ok(await page.locator('main .conflict[role="alert"] table').count() > 0,
    `expected the conflict box (role=alert) with both versions in a table on ${page.url()}`);
  const marked = page.locator('main .conflict tr.differs .diff-marker');
  assert.ok(await marked.count() > 0,
    `expected each differing field marked in words on ${page.url()}`);
  assert.ok(await marked.first().isVisible(), 'the marker is visible');
  return resp;
}

// Signed-in pages kept for several tests (signing in costs a password hash
// and a context), one per user and language; each signed in through the
// form.
const sessions = new Map();
async function session(user, lang = 'fi') {
  const key = `${user.email} ${lang}`;
  if (!sessions.has(key)) {
    const context = await b.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.setDefaultNavigationTimeout(20000);
    try {
      await signIn(page, user, lang);
    } catch (err) {
      await context.close();
      throw err;
    }
    sessions.set(key, { context, page });
  }
  return sessions.get(key).page;
}

// Ends every session of a user by making it idle for 31 minutes. The kept
// pages of that user are forgotten (a page may still be in use by the
// caller; the browser closes it at the end).
async function expireSessions(user) {
  psql(`UPDATE staff_session SET last_seen = now() - interval '31 minutes' ` +
    `WHERE user_id = (SELECT id FROM app_user WHERE email = ${sqlString(user.email)})`);
  for (const key of [...sessions.keys()]) {
    if (key.startsWith(`${user.email} `)) sessions.delete(key);
  }
}

// ---------------------------------------------------------------------------
// Users, the action, and putting it back at the end.

// Node 20 runs a top-level before() hook as soon as it is registered, not
// after the browser hook of useBrowser(), so the setup runs once, on demand,
// from each test; and the after() hooks would close the browser before a
// hook of this file could use it, so the action is put back by the last
// test.
let setupDone = null;
function setup() {
  setupDone ||= (async () => {
    state.id = psql(`SELECT a.id FROM action a JOIN action_unit au ON au.action_id = a.id
      JOIN unit u ON u.id = au.unit_id JOIN process p ON p.id = a.process_id
      WHERE u.name = ${sqlString(UNIT)} AND p.slug = ${sqlString(P2024)} ORDER BY a.id LIMIT 1`);
    assert.match(state.id, /^\d+$/, `expected an action of ${UNIT} in ${P2024}, got ${JSON.stringify(state.id)}`);
    state.editor = createStaffUser(uniqueEmail('editor'), PASSWORD, 'editor', [UNIT]);
    state.admin = createStaffUser(uniqueEmail('admin'), PASSWORD, 'admin');
    // What the form holds now, to put back at the end.
    const page = await session(state.admin);
    await open(page, formUrl());
    state.original = await readForm(page);
  })();
  return setupDone;
}

// ---------------------------------------------------------------------------
// 1. axe-core on every backend page, Finnish and Swedish.

const AXE_CASES = [
  { name: 'sign-in page /login', run: async (page, lang) => {
    await open(page, url('/login', langParams(lang)));
    assert.equal(await page.locator('main form input[type="password"]').count(), 1, 'expected the sign-in form');
  } },
  { name: 'my actions /b', signIn: true, run: async (page, lang) => {
    await open(page, url('/b', langParams(lang)));
    const link = page.locator(`main table a[href="/b/a/${state.id}"], main table a[href^="/b/a/${state.id}?"]`);
    assert.ok(await link.count() > 0, `expected /b to list action ${state.id} of ${UNIT}`);
  } },
  { name: 'action form /b/a/ID', signIn: true, run: async (page, lang) => {
    await open(page, formUrl(lang));
    assert.equal(await page.locator('main form.form textarea#status_note').count(), 1, 'expected the action form');
  } },
  { name: 'action form after a failed save (422)', signIn: true, run: failSave },
  { name: 'conflict page (409)', signIn: true, run: conflictSave },
  { name: 'password page /b/password', signIn: true, run: async (page, lang) => {
    await open(page, url('/b/password', langParams(lang)));
    assert.equal(await page.locator('main form input[type="password"]').count(), 3, 'expected the password form');
  } },
  { name: 'refused page (401, session ended before saving)', signIn: true, run: async (page, lang) => {
    await open(page, formUrl(lang));
    await fillForm(page, { status_note: 'Jäi tallentamatta' });
    await expireSessions(state.editor);
    const resp = await submitAndWait(page);
    assert.equal(resp.status(), 401, `expected HTTP 401 for a save after the session ended, got ${resp.status()}`);
  } },
];

// Every page gets axe in Finnish; in Swedish every other page does (the
// markup is the same, the catalogue test holds the translations), and
// every page is still opened and checked for its language.
for (const lang of ['fi', 'sv']) {
  for (const [i, c] of AXE_CASES.entries()) {
    const axe = lang === 'fi' || i % 2 === 0;
    test(`${axe ? 'axe WCAG 2.1 AA' : 'page and language'} [${lang}]: ${c.name}`, async () => {
      await setup();
      const check = async (page) => {
        await c.run(page, lang);
        await expectHtmlLang(page, lang);
        if (axe) await expectNoViolations(page, `${c.name} [${lang}]`);
      };
      if (c.signIn) await check(await session(state.editor, lang));
      else await b.withPage(check);
    });
  }
}

// ---------------------------------------------------------------------------
// 2. Typed markup is text.

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  '</textarea><svg onload=alert(3)>',
  'javascript:alert(4)',
  "'><img src=x onerror=alert(6)>",
  '{{csrf}}',
];
// The server accepts a link only without spaces, quotes ("), <, > and
// backslashes (RFC 3986 leaves them out; WHATWG's URL parser would
// percent-encode them), so the markup in a link that is saved is
// percent-encoded, and the raw one is refused (422) and shown back.
const EVIDENCE_RAW = 'https://example.org/?q=<script>alert(5)</script>';
const EVIDENCE = "https://example.org/?q=%3Cscript%3Ealert(5)%3C/script%3E&p='-alert(5)-'";

function payloadText(tag) {
  return `${tag} ${PAYLOADS.join(' ')}`;
}

// Markup in every text field of the editor's form (tagged tag), the
// schedule in words, and evidence as the link.
function typedFields(tag, evidence) {
  return {
    status_note: payloadText(`${tag}-note`),
    schedule_kind: 'text',
    schedule_text: payloadText(`${tag}-sched`),
    info: payloadText(`${tag}-info`),
    evidence,
  };
}

// Signs the unit editor in and types into the action's form.
async function fillAsEditor(page, typed) {
  await signIn(page, state.editor);
  await open(page, formUrl());
  await fillForm(page, typed);
}

// Reloads until main's text contains needle (workers notice changes within
// about a second).
async function openUntilText(page, target, needle, timeoutMs = 5000) {
  const { resp, text } = await reloadUntil(page, target,
    (t) => t.includes(needle), timeoutMs);
  assert.ok(text.includes(needle),
    `expected ${target} to show ${JSON.stringify(needle)} as text within ${timeoutMs} ms; main text:\n${text.slice(0, 1500)}`);
  return { resp, text };
}

// bypassCSP: the pages' CSP would block inline scripts and handlers anyway;
// with it off, markup that reached the page unescaped would really run and
// open a dialog.
const NOCSP = { bypassCSP: true };

test('XSS: markup typed into every text field is stored and shown as text (form, /b, public action page and table)', async () => {
  await setup();
  await b.withPage(NOCSP, async (page) => {
    const dialogs = watchDialogs(page);
    const tag = `xss${Date.now().toString(36)}`;
    const typed = { status: 'in_progress', ...typedFields(tag, EVIDENCE) };
    await fillAsEditor(page, typed);
    const saved = await submitAndWait(page);
    assert.equal(saved.status(), 200, `expected the save to succeed, got HTTP ${saved.status()} at ${page.url()}:\n${(await mainText(page)).slice(0, 800)}`);
    assert.equal(new URL(page.url()).searchParams.get('saved'), '1', `expected to land on ?saved=1, got ${page.url()}`);

    // The backend form after the save.
    await expectInert(page, dialogs, 'the backend form after saving', await saved.text());
    const back = await readForm(page);
    for (const name of ['status_note', 'schedule_text', 'info', 'evidence']) {
      assert.equal(back[name], typed[name], `expected the form field ${name} to hold exactly what was typed`);
    }
    assert.equal(back.schedule_kind, 'text', 'expected the schedule kind "In words" (text) to be kept');

    // What was stored is the text itself.
    const stored = psql(`SELECT status_note || E'\\n' || schedule_text || E'\\n' || info FROM action WHERE id = ${state.id}`);
    assert.equal(stored, `${typed.status_note}\n${typed.schedule_text}\n${typed.info}`,
      'expected the database to hold the typed text unchanged');

    // My actions: the row of the action shows the schedule in words.
    const bResp = await open(page, url('/b'));
    await expectInert(page, dialogs, '/b', await bResp.text());
    // The editor's own list (a reporting round's request lists actions too).
    // An exact link: /b/a/5 is not /b/a/51.
    const row = page.locator('main section.group table tr', { has: page.locator(`a[href="/b/a/${state.id}"], a[href^="/b/a/${state.id}?"]`) });
    assert.equal(await row.count(), 1, `expected one row for action ${state.id} on /b`);
    const rowText = norm(await row.innerText());
    assert.ok(rowText.includes(typed.schedule_text),
      `expected the /b row to show the schedule in words as text ${JSON.stringify(typed.schedule_text)}, got ${JSON.stringify(rowText)}`);

    // The public action page: status with its note, schedule, additional
    // information.
    const pa = await openUntilText(page, url(`/p/${P2024}/a/${state.id}`), typed.info);
    await expectInert(page, dialogs, 'the public action page', await pa.resp.text());
    for (const name of ['status_note', 'schedule_text']) {
      assert.ok(pa.text.includes(typed[name]),
        `expected the public action page to show the ${name} as text ${JSON.stringify(typed[name])}`);
    }

    // The public table: schedule, status with its note, additional information.
    const pt = await openUntilText(page, url(`/p/${P2024}`), typed.info);
    await expectInert(page, dialogs, 'the public table', await pt.resp.text());
    for (const name of ['status_note', 'schedule_text']) {
      assert.ok(pt.text.includes(typed[name]),
        `expected the public table to show the ${name} as text ${JSON.stringify(typed[name])}`);
    }
    assert.deepEqual(dialogs, [], 'expected no dialogs at all');
  });
});

test('XSS: the conflict page (409) shows the other version\'s markup as text', async () => {
  await setup();
  await b.withPage(NOCSP, async (page) => {
    const dialogs = watchDialogs(page);
    const tag = `xss409-${Date.now().toString(36)}`;
    const other = {
      status_note: payloadText(`${tag}-other-note`),
      info: payloadText(`${tag}-other-info`),
      evidence: EVIDENCE,
    };
    const mine = { status_note: payloadText(`${tag}-mine-note`) };
    await signIn(page, state.editor);
    await open(page, formUrl());
    await saveAsOther(other);
    await fillForm(page, mine);
    const resp = await submitAndWait(page);
    assert.equal(resp.status(), 409, `expected HTTP 409 after someone else's save, got ${resp.status()}`);
    await expectInert(page, dialogs, 'the conflict page', await resp.text());
    const box = norm(await page.locator('main .conflict').innerText());
    for (const name of ['status_note', 'info', 'evidence']) {
      assert.ok(box.includes(other[name]),
        `expected the conflict box to show the other version's ${name} as text ${JSON.stringify(other[name])}; box: ${box.slice(0, 1200)}`);
    }
    assert.equal(await page.locator('#status_note').inputValue(), mine.status_note, 'expected my typed note in the form');
  });
});

// The checks above are not vacuous: with the CSP bypassed, markup that
// reached a page unescaped runs (a dialog opens) and injected() finds it.
test('XSS self-check: unescaped markup in a page would be noticed', async () => {
  await b.withPage(NOCSP, async (page) => {
    const dialogs = watchDialogs(page);
    const target = url(`/p/${P2024}`);
    await page.route(target, async (route) => {
      const r = await route.fetch();
      const body = (await r.text()).replace('<main id="main" tabindex="-1">',
        `<main id="main" tabindex="-1">${PAYLOADS.join(' ')}`);
      await route.fulfill({ response: r, body });
    });
    await open(page, target);
    await page.waitForTimeout(300);
    assert.ok(dialogs.length >= 3, `expected the injected alerts to open dialogs, got ${JSON.stringify(dialogs)}`);
    const found = await injected(page);
    assert.ok(found.some((f) => /onerror/.test(f)) && found.some((f) => /onload/.test(f)) && found.some((f) => /<script>/.test(f)),
      `expected injected() to find the img, svg and script, found ${JSON.stringify(found)}`);
  });
});

for (const evidence of ['javascript:alert(4)', EVIDENCE_RAW]) {
  test(`XSS: evidence ${evidence} is refused with 422 and shown back as text`, async () => {
    await setup();
    await b.withPage(NOCSP, async (page) => {
      const dialogs = watchDialogs(page);
      await signIn(page, state.editor);
      await open(page, formUrl());
      const note = payloadText(`xss422-${Date.now().toString(36)}`);
      await fillForm(page, { status_note: note, evidence });
      const resp = await submitAndWait(page);
      assert.equal(resp.status(), 422, `expected HTTP 422 for evidence ${evidence}, got ${resp.status()}`);
      await expectInert(page, dialogs, 'the 422 page', await resp.text());
      assert.equal(await page.locator('main .errors[role="alert"] a[href="#evidence"]').count(), 1,
        'expected the error summary to link to #evidence');
      assert.equal(await page.locator('#evidence').getAttribute('aria-invalid'), 'true', 'expected aria-invalid on #evidence');
      assert.ok(await page.locator('#evidence-error').isVisible(), 'expected the evidence error message to be visible');
      assert.equal(await page.locator('#evidence').inputValue(), evidence, 'expected the typed evidence back in the form');
      assert.equal(await page.locator('#status_note').inputValue(), note, 'expected the typed status note back in the form');
      const stored = psql(`SELECT count(*) FROM action WHERE id = ${state.id} AND status_note = ${sqlString(note)}`);
      assert.equal(stored, '0', 'expected nothing saved after the 422');
    });
  });
}

test('XSS: the refused page (session ended before saving) shows the typed markup as text and runs nothing', async () => {
  await setup();
  await b.withPage(NOCSP, async (page) => {
    const dialogs = watchDialogs(page);
    const tag = `xss401-${Date.now().toString(36)}`;
    const typed = typedFields(tag, EVIDENCE_RAW);
    await fillAsEditor(page, typed);
    await expireSessions(state.editor);
    const resp = await submitAndWait(page);
    assert.equal(resp.status(), 401, `expected HTTP 401 for a save after the session ended, got ${resp.status()} at ${page.url()}`);
    await expectInert(page, dialogs, 'the refused page', await resp.text());
    const sent = await page.locator('main dl.sent pre').evaluateAll((ps) => ps.map((p) => p.innerText));
    for (const name of ['status_note', 'schedule_text', 'info', 'evidence']) {
      assert.ok(sent.includes(typed[name]),
        `expected the refused page to show the typed ${name} literally in a <pre>: ${JSON.stringify(typed[name])}; got ${JSON.stringify(sent)}`);
    }
    const text = await mainText(page);
    for (const p of [...PAYLOADS, EVIDENCE_RAW]) {
      assert.ok(text.includes(p), `expected the refused page to show ${JSON.stringify(p)} as visible text`);
    }
    const stored = psql(`SELECT count(*) FROM action WHERE id = ${state.id} AND strpos(info, ${sqlString(tag)}) > 0`);
    assert.equal(stored, '0', 'expected nothing saved by the refused POST');
  });
});

// ---------------------------------------------------------------------------
// 3. JavaScript off.

test('no-JS: sign in, change the status and the note, save, see "saved"', async () => {
  await setup();
  await b.withPage({ javaScriptEnabled: false }, async (page) => {
    await signIn(page, state.editor);
    await open(page, formUrl());
    const before = await readForm(page);
    const status = before.status === 'planned' ? 'in_progress' : 'planned';
    const note = `Ilman JavaScriptiä tallennettu ${Date.now()}`;
    await fillForm(page, { status, status_note: note });
    const resp = await submitAndWait(page);
    assert.equal(resp.status(), 200, `expected the save to succeed, got HTTP ${resp.status()} at ${page.url()}`);
    const u = new URL(page.url());
    assert.equal(u.pathname, `/b/a/${state.id}`, `expected to come back to the form, got ${page.url()}`);
    assert.equal(u.searchParams.get('saved'), '1', `expected ?saved=1, got ${page.url()}`);
    const msg = page.locator('main [role="status"]');
    assert.equal(await msg.count(), 1, 'expected one role=status message after saving');
    assert.ok(await msg.isVisible(), 'expected the saved message to be visible');
    assert.ok((await msg.innerText()).trim().length > 0, 'expected the saved message to have text');
    const after = await readForm(page);
    assert.equal(after.status, status, 'expected the new status in the form after saving');
    assert.equal(after.status_note, note, 'expected the new status note in the form after saving');
    assert.equal(psql(`SELECT s.code || '|' || a.status_note FROM action a JOIN status s ON s.id = a.status_id WHERE a.id = ${state.id}`),
      `${status}|${note}`, 'expected the database to hold the new status and note');
  });
});

// ---------------------------------------------------------------------------
// 4. Keyboard: the error summary's links move focus to the field.

test('keyboard: Enter on each error summary link moves focus to the invalid field', async () => {
  await setup();
  await b.withPage(async (page) => {
    await signIn(page, state.editor);
    await failSave(page, 'fi', { evidence: 'javascript:alert(4)' });
    const hrefs = await page.locator('main .errors[role="alert"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['#start', '#evidence'], 'expected the error summary to link to #start and #evidence, in form order');
    for (const [i, href] of hrefs.entries()) {
      await page.locator('main .errors[role="alert"] a').nth(i).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id,
        href.slice(1), { timeout: 3000 }).catch(() => {});
      const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
      assert.equal(active, href.slice(1), `expected Enter on the error link ${href} to focus #${href.slice(1)}, focus is on #${active}`);
    }
  });
});

// ---------------------------------------------------------------------------
// Last: the action's editable fields as they were before this file ran.

test('cleanup: the action is put back as it was (through the form)', async () => {
  await setup();
  const page = await session(state.admin);
  await open(page, formUrl());
  await fillForm(page, state.original);
  const resp = await submitAndWait(page);
  assert.equal(resp.status(), 200, `expected putting the action back to succeed, got HTTP ${resp.status()} at ${page.url()}`);
  assert.deepEqual(await readForm(page), state.original, 'expected the form to show the original values again');
});
