// The participation team's admin pages in a real browser: markup typed
// into every admin text field is stored and shown as text, and never runs.
//
// An admin signs in through the real form in Chromium and types XSS
// payloads (page.fill) into the process form (title, question,
// description and their Swedish and English versions), the new-process
// form, the new-recommendation form, the recommendation's define form
// (text and its translations) and response reason, the new-action form,
// the action's define form (text and its translations) and the unit
// editor's fields (status note and additional information, also in
// Swedish and English), the unit, user and status forms (unit name, user
// name, status labels), and saves each form through its button. Then the
// backend pages (/b/p, /b/p/ID, /b/r/ID, /b/a/ID, /b/units, /b/users,
// /b/statuses and their edit forms, /b) and the public pages (/, /p/SLUG,
// /p/SLUG/r/ID, /p/SLUG/a/ID in Finnish, Swedish and English) are checked:
// no dialog opens, no injected element or event handler exists, the raw
// markup is not in the HTML and the payload text is shown literally (or
// held literally in the form fields).
//
// The browser context bypasses the pages' Content-Security-Policy on
// purpose: with the CSP on, injected inline scripts and handlers would be
// blocked anyway and the check could not fail. The last test but one
// proves that it can: unescaped markup spliced into a page does open
// dialogs and is found.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Works on a process of its own (xss-admin-RUN, imported with toteumactl),
// a unit, a status and users with names unique to the run, and one more
// (unpublished) process made with /b/p/new. Nothing shared is changed; the
// own process is unpublished again at the end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser, url, open, psql, sqlString, uniqueEmail, createStaffUser,
  signIn, norm, mainText, watchDialogs, injected, expectInert, reloadUntil,
} from './lib.mjs';

const b = useBrowser();

const RUN = Date.now().toString(36) + process.pid.toString(36);
const SLUG = `xss-admin-${RUN}`;
const NEW_SLUG = `xss-admin-new-${RUN}`;
// Status codes are a-z and _ only.
const CODE = `xss_${RUN.replace(/[0-9]/g, (d) => 'abcdefghij'[d])}`.slice(0, 32);
const CSV_UNIT = 'XSS-testiyksikkö';
const PASSWORD = 'Ylläpitäjän-XSS-salasana-2025';

const HEADER = 'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';
const FIXTURE = HEADER +
  `1. XSS-testin suositus,,Tuotu toimenpide,1/2025 – 12/2026,Käynnissä,${CSV_UNIT},Tuotu lisätieto\r\n`;

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  '</textarea><svg onload=alert(3)>',
  "'><img src=x onerror=alert(6)>",
  '{{csrf}}',
];

// What is typed into a field: a tag unique to the field and the run, then
// every payload (none has a ';', which unit names may not contain).
function payloadText(field) {
  return `${field}-${RUN} ${PAYLOADS.join(' ')}`;
}

// Status labels: at most 60 characters and unique per language, so one
// payload each with a short tag.
const LABELS = {
  label_fi: `fi${RUN} <script>alert(1)</script> {{csrf}}`,
  label_sv: `sv${RUN} "><img src=x onerror=alert(2)>`,
  label_en: `en${RUN} </textarea><svg onload=alert(3)>`,
};

const NOCSP = { bypassCSP: true };

// Shared by the tests, which run in order: the signed-in page (one context
// with the CSP bypassed), the dialogs it saw, the ids made and the texts
// typed.
const S = { context: null, page: null, dialogs: [], ids: {}, typed: {} };

// ---------------------------------------------------------------------------
// Helpers

function ctl(args, input) {
  return execFileSync(process.env.TOTEUMA_CTL, args,
    { input, env: process.env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function q(lang) {
  return lang === 'fi' ? {} : { lang };
}

function expectShown(text, needles, where) {
  for (const [name, needle] of Object.entries(needles)) {
    assert.ok(text.includes(norm(needle)),
      `expected ${where} to show the ${name} literally as text: ${JSON.stringify(needle)}; main text:\n${text.slice(0, 2500)}`);
  }
}

// Opens a page, checks it is inert, and returns main's text.
async function visit(page, target, where, status = 200) {
  const resp = await open(page, target, status);
  await expectInert(page, S.dialogs, where, await resp.text());
  return mainText(page);
}

// Reloads until main's text shows every needle (workers notice changes
// within about a second), then checks the page is inert.
async function visitUntil(page, target, where, needles, timeoutMs = 6000) {
  const { resp, text } = await reloadUntil(page, target,
    (t) => Object.values(needles).every((n) => t.includes(norm(n))), timeoutMs);
  await expectInert(page, S.dialogs, where, await resp.text());
  expectShown(text, needles, where);
  return text;
}

// Fills the named fields of a form (page.fill types into the field as a
// user would, firing input events).
async function fillFields(page, form, values) {
  for (const [name, value] of Object.entries(values)) {
    await page.locator(`${form} [name="${name}"]`).fill(value);
  }
}

// Clicks the form's own submit button and waits for the page it leads to
// (after the 303, the final one).
async function save(page, form) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(`${form} button[type="submit"]`).click(),
  ]);
  assert.ok(resp, `expected a response after submitting ${form} on ${page.url()}`);
  return resp;
}

// Saves and expects to land on path (and ?saved=1 unless told), HTTP 200,
// with the landing page inert.
async function saveTo(page, form, pathRe, what, saved = true) {
  const resp = await save(page, form);
  const u = new URL(page.url());
  assert.equal(resp.status(), 200,
    `expected saving ${what} to succeed, got HTTP ${resp.status()} at ${page.url()}:\n${(await mainText(page)).slice(0, 800)}`);
  assert.match(u.pathname, pathRe, `expected saving ${what} to land on ${pathRe}, got ${page.url()}`);
  if (saved) assert.equal(u.searchParams.get('saved'), '1', `expected saving ${what} to land on ?saved=1, got ${page.url()}`);
  await expectInert(page, S.dialogs, `the page after saving ${what}`, await resp.text());
  return u;
}

async function expectValues(page, form, values, where) {
  for (const [name, value] of Object.entries(values)) {
    assert.equal(await page.locator(`${form} [name="${name}"]`).inputValue(), value,
      `expected the field ${name} of ${where} to hold exactly what was typed`);
  }
}

// Types markup into a define form's text and its Swedish and English
// ones (tagged tag-body, tag-body_sv, tag-body_en), saves the form back to
// path and checks that it shows them again; returns what was typed.
async function defineTexts(page, form, path, tag, what) {
  const typed = {
    body: payloadText(`${tag}-body`),
    body_sv: payloadText(`${tag}-body_sv`),
    body_en: payloadText(`${tag}-body_en`),
  };
  await fillFields(page, form, typed);
  await saveTo(page, form, new RegExp(`^${path}$`), `the ${what}'s text`);
  await expectValues(page, form, typed, `the ${what}'s define form after saving`);
  return typed;
}

function signedIn() {
  assert.ok(S.page, 'expected the first test to have signed in');
  return S.page;
}

// ---------------------------------------------------------------------------
// Setup: the process, the admin, signing in.

test('setup: import an own process, sign in as an admin through the form (CSP bypassed)', async () => {
  assert.ok(process.env.TOTEUMA_DATABASE && process.env.TOTEUMA_CTL,
    'expected TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start)');
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-admin-xss-'));
  const file = join(dir, `${SLUG}.csv`);
  writeFileSync(file, FIXTURE);
  ctl(['import', '--process', SLUG, '--title', `XSS-testi ${RUN}`,
      '--publish', file]);
  S.ids.process = psql(`SELECT id FROM process WHERE slug = ${sqlString(SLUG)}`);
  assert.match(S.ids.process, /^\d+$/, `expected the imported process ${SLUG}`);
  assert.equal(psql(`SELECT published FROM process WHERE id = ${S.ids.process}`), 't',
    'expected the imported process to be published');
  S.admin = createStaffUser(uniqueEmail('xss-admin'), PASSWORD, 'admin');

  S.context = await b.browser.newContext(NOCSP);
  S.page = await S.context.newPage();
  S.page.setDefaultTimeout(15000);
  S.page.setDefaultNavigationTimeout(20000);
  S.dialogs = watchDialogs(S.page);
  await signIn(S.page, S.admin);
});

// ---------------------------------------------------------------------------
// Typing the payloads into every admin form.

test('XSS typed: unit name on /b/units/new', async () => {
  const page = signedIn();
  S.typed.unit = payloadText('unit');
  assert.ok(!S.typed.unit.includes(';'), 'unit names may not contain ";"');
  await open(page, url('/b/units/new'));
  const form = 'main form[action="/b/units/new"]';
  await fillFields(page, form, { name: S.typed.unit });
  await page.locator(`${form} #parent`).selectOption('');
  await saveTo(page, form, /^\/b\/units$/, 'the new unit');
  S.ids.unit = psql(`SELECT id FROM unit WHERE name = ${sqlString(S.typed.unit)}`);
  assert.match(S.ids.unit, /^\d+$/, 'expected the unit stored with exactly the typed name');
  expectShown(await mainText(page), { 'unit name': S.typed.unit }, 'the unit list after saving');
});

test('XSS typed: status labels (fi, sv, en) on /b/statuses/new', async () => {
  const page = signedIn();
  for (const [k, v] of Object.entries(LABELS)) {
    assert.ok([...v].length <= 60, `test data: ${k} has at most 60 characters (${v.length})`);
  }
  await open(page, url('/b/statuses/new'));
  const form = 'main form[action="/b/statuses/new"]';
  // A status with progress: one without is "will not be done" and
  // would ask the editor for a reason category.
  await fillFields(page, form, { code: CODE, progress: '50', ...LABELS });
  await saveTo(page, form, /^\/b\/statuses$/, 'the new status');
  S.ids.status = psql(`SELECT id FROM status WHERE code = ${sqlString(CODE)}`);
  assert.match(S.ids.status, /^\d+$/, `expected the status ${CODE} stored`);
  assert.equal(psql(`SELECT label_fi || E'\\n' || label_sv || E'\\n' || label_en FROM status WHERE id = ${S.ids.status}`),
    `${LABELS.label_fi}\n${LABELS.label_sv}\n${LABELS.label_en}`, 'expected the labels stored exactly as typed');
  expectShown(await mainText(page), LABELS, 'the status list after saving');
});

const PROCESS_FIELDS = ['title', 'question', 'description', 'title_sv', 'title_en',
  'question_sv', 'question_en', 'description_sv', 'description_en'];

test('XSS typed: process title, question, description and their sv/en on /b/p/ID', async () => {
  const page = signedIn();
  const values = {};
  for (const f of PROCESS_FIELDS) values[f] = payloadText(`process-${f}`);
  S.typed.process = values;
  const path = `/b/p/${S.ids.process}`;
  await open(page, url(path));
  const form = `main form[action="${path}"]`;
  await fillFields(page, form, values);
  assert.ok(await page.locator(`${form} #published`).isChecked(), 'expected the imported process to be published');
  await saveTo(page, form, new RegExp(`^${path}$`), 'the process');
  await expectValues(page, form, values, 'the process form after saving');
  assert.equal(psql(`SELECT title FROM process WHERE id = ${S.ids.process}`), values.title,
    'expected the title stored exactly as typed');
});

test('XSS typed: title of a new process on /b/p/new', async () => {
  const page = signedIn();
  S.typed.newProcess = payloadText('new-process-title');
  await open(page, url('/b/p/new'));
  const form = 'main form[action="/b/p/new"]';
  await fillFields(page, form, { slug: NEW_SLUG, title: S.typed.newProcess, year: '2025' });
  const u = await saveTo(page, form, /^\/b\/p\/\d+$/, 'the new process');
  S.ids.newProcess = u.pathname.split('/').pop();
  await expectValues(page, `main form[action="${u.pathname}"]`, { title: S.typed.newProcess },
    'the new process\'s form');
});

test('XSS typed: a new recommendation on /b/p/ID, its define form (text, sv, en) and the response reason on /b/r/ID', async () => {
  const page = signedIn();
  const ppath = `/b/p/${S.ids.process}`;
  await open(page, url(ppath));
  // Adding: the text typed into the form below the process.
  const addForm = `main form[action="${ppath}/recommendation"]`;
  S.typed.recAdded = payloadText('rec-added');
  await page.locator(`${addForm} #parent`).selectOption('');
  await fillFields(page, addForm, { number: '2', body: S.typed.recAdded });
  // Back on the process page, which confirms it and links it.
  const u = await saveTo(page, addForm, /^\/b\/p\/\d+$/, 'the new recommendation', false);
  S.ids.rec = u.searchParams.get('added');
  assert.match(S.ids.rec || '', /^\d+$/, `expected ?added=ID after adding, got ${u}`);
  expectShown(await mainText(page), { 'recommendation text': S.typed.recAdded }, 'the process page after adding');
  const rpath = `/b/r/${S.ids.rec}`;
  await open(page, url(rpath));
  const defForm = `main form[action="${rpath}/define"]`;
  await expectValues(page, defForm, { body: S.typed.recAdded }, 'the new recommendation\'s define form');
  expectShown(await mainText(page), { 'recommendation text': S.typed.recAdded }, 'the new recommendation\'s page');

  // Defining: the text again and its translations.
  const rec = await defineTexts(page, defForm, rpath, 'rec', 'recommendation');
  S.typed.rec = rec;

  // The county's response and its reasons.
  const respForm = `main form[action="${rpath}"]`;
  S.typed.reason = payloadText('reason');
  await page.locator(`${respForm} #r_partly`).check();
  // "Partly" needs a reason category: the first of the list.
  await page.locator(`${respForm} #reason_category`).selectOption({ index: 1 });
  await fillFields(page, respForm, { reason: S.typed.reason });
  await saveTo(page, respForm, new RegExp(`^${rpath}$`), 'the response');
  await expectValues(page, respForm, { reason: S.typed.reason }, 'the response form after saving');
  assert.equal(psql(`SELECT response || E'\\n' || response_reason || E'\\n' || body_sv FROM recommendation WHERE id = ${S.ids.rec}`),
    `partly\n${S.typed.reason}\n${rec.body_sv}`, 'expected the response, reason and translation stored exactly as typed');
});

const ACTION_FIELDS = ['status_note', 'info', 'status_note_sv', 'status_note_en', 'info_sv', 'info_en'];

test('XSS typed: a new action on /b/r/ID, its define form (text, sv, en) and the unit editor\'s fields on /b/a/ID', async () => {
  const page = signedIn();
  const rpath = `/b/r/${S.ids.rec}`;
  await open(page, url(rpath));
  const addForm = `main form[action="${rpath}/action"]`;
  S.typed.actionAdded = payloadText('action-added');
  await fillFields(page, addForm, { body: S.typed.actionAdded });
  await page.locator(`${addForm} input[name="unit"][value="${S.ids.unit}"]`).check();
  const u = await saveTo(page, addForm, /^\/b\/a\/\d+$/, 'the new action', false);
  S.ids.action = u.pathname.split('/').pop();
  const apath = `/b/a/${S.ids.action}`;
  const defForm = `main form[action="${apath}/define"]`;
  await expectValues(page, defForm, { body: S.typed.actionAdded }, 'the new action\'s define form');
  assert.ok(await page.locator(`${defForm} input[name="unit"][value="${S.ids.unit}"]`).isChecked(),
    'expected the new action to have the unit chosen');
  assert.ok(await page.locator(`${defForm} input[name="recommendation"][value="${S.ids.rec}"]`).isChecked(),
    'expected the new action to answer the recommendation');

  // Defining: the text and its translations (recommendation and unit kept).
  S.typed.action = await defineTexts(page, defForm, apath, 'action', 'action');

  // The unit editor's form: the new status, notes and information.
  const form = `main form[action="${apath}"]`;
  const values = {};
  for (const f of ACTION_FIELDS) values[f] = payloadText(`action-${f}`);
  S.typed.editor = values;
  await page.locator(`${form} #status`).selectOption(CODE);
  await fillFields(page, form, values);
  await saveTo(page, form, new RegExp(`^${apath}$`), 'the action\'s status and notes');
  await expectValues(page, form, values, 'the action form after saving');
  assert.equal(await page.locator(`${form} #status`).inputValue(), CODE, 'expected the new status chosen');
  assert.equal(psql(`SELECT status_note_en || E'\\n' || info_sv FROM action WHERE id = ${S.ids.action}`),
    `${values.status_note_en}\n${values.info_sv}`, 'expected the notes stored exactly as typed');
});

test('XSS typed: user name on /b/users/new', async () => {
  const page = signedIn();
  S.typed.user = payloadText('user-name');
  S.userEmail = uniqueEmail('xss-user');
  await open(page, url('/b/users/new'));
  const form = 'main form[action="/b/users/new"]';
  await fillFields(page, form, { email: S.userEmail, name: S.typed.user, password: PASSWORD });
  await page.locator(`${form} #role_editor`).check();
  await page.locator(`${form} input[name="unit"][value="${S.ids.unit}"]`).check();
  await saveTo(page, form, /^\/b\/users$/, 'the new user');
  S.ids.user = psql(`SELECT id FROM app_user WHERE email = ${sqlString(S.userEmail)}`);
  assert.match(S.ids.user, /^\d+$/, 'expected the user stored');
  assert.equal(psql(`SELECT name FROM app_user WHERE id = ${S.ids.user}`), S.typed.user,
    'expected the name stored exactly as typed');
});

// Forms refused with 422 show the typed values back in the fields; a save
// with a forged CSRF token shows them back in <pre> (403). Nothing is
// stored by either.
async function expect422(page, form, typed, what) {
  const resp = await save(page, form);
  assert.equal(resp.status(), 422, `expected HTTP 422 for ${what}, got ${resp.status()} at ${page.url()}`);
  await expectInert(page, S.dialogs, `the 422 page for ${what}`, await resp.text());
  assert.ok(await page.locator('main [role="alert"]').count() > 0, `expected an error message (role=alert) for ${what}`);
  await expectValues(page, form, typed, `the form refused for ${what}`);
}

test('XSS typed back: forms refused with 422 and a save with a forged CSRF token (403) show the markup as text', async () => {
  const page = signedIn();

  // A status code that exists already (the labels are new).
  await open(page, url('/b/statuses/new'));
  let form = 'main form[action="/b/statuses/new"]';
  const status = { code: CODE, label_fi: `x${LABELS.label_fi}`, label_sv: `x${LABELS.label_sv}`, label_en: `x${LABELS.label_en}` };
  await fillFields(page, form, status);
  await expect422(page, form, status, 'a status code that exists already');
  assert.equal(psql(`SELECT count(*) FROM status WHERE label_fi = ${sqlString(status.label_fi)}`), '0', 'expected no status stored');

  // A unit name with ';'.
  await open(page, url('/b/units/new'));
  form = 'main form[action="/b/units/new"]';
  const unit = { name: `${payloadText('unit-semicolon')};` };
  await fillFields(page, form, unit);
  await expect422(page, form, unit, 'a unit name with ";"');
  assert.equal(psql(`SELECT count(*) FROM unit WHERE name = ${sqlString(unit.name)}`), '0', 'expected no unit stored');

  // An editor without units.
  await open(page, url('/b/users/new'));
  form = 'main form[action="/b/users/new"]';
  const user = { email: uniqueEmail('xss-nounit'), name: payloadText('user-nounit') };
  await fillFields(page, form, { ...user, password: PASSWORD });
  await page.locator(`${form} #role_editor`).check();
  await expect422(page, form, user, 'an editor without units');
  assert.equal(psql(`SELECT count(*) FROM app_user WHERE email = ${sqlString(user.email)}`), '0', 'expected no user stored');

  // A new process with a bad address name.
  await open(page, url('/b/p/new'));
  form = 'main form[action="/b/p/new"]';
  const proc = { slug: 'Ei kelpaa', title: payloadText('bad-slug-title') };
  await fillFields(page, form, proc);
  await expect422(page, form, proc, 'a bad address name');

  // The process form with a year out of range: every field comes back.
  const ppath = `/b/p/${S.ids.process}`;
  await open(page, url(ppath));
  form = `main form[action="${ppath}"]`;
  const values = {};
  for (const f of PROCESS_FIELDS) values[f] = payloadText(`process422-${f}`);
  await fillFields(page, form, { ...values, year: '1800' });
  await expect422(page, form, values, 'the year 1800');
  assert.ok(await page.locator('main .errors[role="alert"] a[href="#year"]').count() === 1, 'expected the error list to link to #year');
  assert.equal(psql(`SELECT title FROM process WHERE id = ${S.ids.process}`), S.typed.process.title, 'expected nothing saved by the 422');

  // The same with a forged CSRF token: the refused page shows the fields.
  await open(page, url(ppath));
  const forged = {};
  for (const f of PROCESS_FIELDS) forged[f] = payloadText(`process403-${f}`);
  await fillFields(page, form, forged);
  await page.locator(`${form} input[name="csrf"]`).evaluate((el) => { el.value = 'forged'; });
  const resp = await save(page, form);
  assert.equal(resp.status(), 403, `expected HTTP 403 for a forged CSRF token, got ${resp.status()} at ${page.url()}`);
  await expectInert(page, S.dialogs, 'the refused page (forged CSRF token)', await resp.text());
  const sent = await page.locator('main dl.sent pre').evaluateAll((ps) => ps.map((p) => p.innerText));
  for (const [name, value] of Object.entries(forged)) {
    assert.ok(sent.includes(value), `expected the refused page to show the typed ${name} literally in a <pre>: ${JSON.stringify(value)}; got ${JSON.stringify(sent)}`);
  }
  assert.equal(psql(`SELECT title FROM process WHERE id = ${S.ids.process}`), S.typed.process.title, 'expected nothing saved by the 403');
});

// ---------------------------------------------------------------------------
// The backend pages show it all as text.

test('XSS shown: backend pages /b/p, /b/p/ID, /b/r/ID, /b/a/ID, /b/units, /b/users, /b/statuses, /b and the edit forms', async () => {
  const page = signedIn();
  const t = S.typed;

  let text = await visit(page, url('/b/p'), '/b/p');
  expectShown(text, { 'process title': t.process.title, 'new process title': t.newProcess }, '/b/p');

  const ppath = `/b/p/${S.ids.process}`;
  text = await visit(page, url(ppath), ppath);
  expectShown(text, { 'recommendation text': t.rec.body }, ppath);
  await expectValues(page, `main form[action="${ppath}"]`, t.process, ppath);

  const rpath = `/b/r/${S.ids.rec}`;
  text = await visit(page, url(rpath), rpath);
  expectShown(text, { 'recommendation text': t.rec.body, 'process title (breadcrumb)': t.process.title, 'unit name (checkbox label)': t.unit }, rpath);
  await expectValues(page, `main form[action="${rpath}"]`, { reason: t.reason }, rpath);
  await expectValues(page, `main form[action="${rpath}/define"]`, t.rec, rpath);

  const apath = `/b/a/${S.ids.action}`;
  text = await visit(page, url(apath), apath);
  expectShown(text, {
    'action text': t.action.body,
    'process title': t.process.title,
    'unit name': t.unit,
    // The recommendation's checkbox label is its number and text, cut.
    'recommendation (checkbox label)': `2 ${t.rec.body.slice(0, 120)}`,
  }, apath);
  await expectValues(page, `main form[action="${apath}"]`, t.editor, apath);
  await expectValues(page, `main form[action="${apath}/define"]`, t.action, apath);
  const option = norm(await page.locator(`main form[action="${apath}"] #status option:checked`).innerText());
  assert.equal(option, norm(LABELS.label_fi), `expected the chosen status option on ${apath} to read the Finnish label literally`);

  text = await visit(page, url('/b/units'), '/b/units');
  expectShown(text, { 'unit name': t.unit }, '/b/units');
  await visit(page, url(`/b/units/${S.ids.unit}`), `/b/units/${S.ids.unit}`);
  await expectValues(page, `main form[action="/b/units/${S.ids.unit}"]`, { name: t.unit }, 'the unit form');

  text = await visit(page, url('/b/users'), '/b/users');
  expectShown(text, { 'user name': t.user, 'unit name (user\'s units)': t.unit }, '/b/users');
  await visit(page, url(`/b/users/${S.ids.user}`), `/b/users/${S.ids.user}`);
  await expectValues(page, `main form[action="/b/users/${S.ids.user}"]`, { name: t.user }, 'the user form');

  text = await visit(page, url('/b/statuses'), '/b/statuses');
  expectShown(text, LABELS, '/b/statuses');
  await visit(page, url(`/b/statuses/${S.ids.status}`), `/b/statuses/${S.ids.status}`);
  await expectValues(page, `main form[action="/b/statuses/${S.ids.status}"]`, LABELS, 'the status form');

  await visit(page, url(`/b/p/${S.ids.newProcess}`), 'the new process\'s form');
  await expectValues(page, `main form[action="/b/p/${S.ids.newProcess}"]`, { title: t.newProcess }, 'the new process\'s form');

  await visit(page, url('/b'), '/b');
  const row = page.locator('main table tr', { has: page.locator(`a[href^="${apath}"]`) });
  assert.equal(await row.count(), 1, `expected one row for action ${S.ids.action} on /b (an admin sees all actions)`);
  expectShown(norm(await row.innerText()), {
    'action text': t.action.body, 'process title': t.process.title, 'status label': LABELS.label_fi, 'unit name': t.unit,
  }, 'the /b row of the action');
  assert.deepEqual(S.dialogs, [], 'expected no dialogs at all');
});

// ---------------------------------------------------------------------------
// The public pages, in each language.

// What each language shows: the translation where there is one; the unit
// name and the response's reasons have none.
function shownIn(lang) {
  const t = S.typed;
  const sfx = lang === 'fi' ? '' : `_${lang}`;
  return {
    title: t.process[`title${sfx}`],
    question: t.process[`question${sfx}`],
    description: t.process[`description${sfx}`],
    rec: t.rec[`body${sfx}`],
    action: t.action[`body${sfx}`],
    status: LABELS[`label_${lang}`],
    note: t.editor[`status_note${sfx}`],
    info: t.editor[`info${sfx}`],
    unit: t.unit,
    reason: t.reason,
  };
}

for (const lang of ['fi', 'sv', 'en']) {
  test(`XSS shown: public pages /, /p/SLUG, /p/SLUG/r/ID, /p/SLUG/a/ID [${lang}]`, async () => {
    const page = signedIn();
    const s = shownIn(lang);
    // Opens path once it shows waitFor, and checks it also shows shown.
    const see = async (path, waitFor, shown) => {
      const where = `${path} [${lang}]`;
      const text = await visitUntil(page, url(path, q(lang)), where, waitFor);
      expectShown(text, shown, where);
    };

    await see('/', { 'process title': s.title },
      { 'process question': s.question, 'status label (summary)': s.status });

    const ppath = `/p/${SLUG}`;
    await see(ppath, { 'process title': s.title, 'action text': s.action }, {
      'process question': s.question,
      'process description': s.description,
      'recommendation text': s.rec,
      'status label': s.status,
      'status note': s.note,
      'unit name': s.unit,
      'additional information': s.info,
    });
    const docTitle = await page.title();
    assert.ok(docTitle.includes(s.title), `expected the document title of ${ppath} [${lang}] to hold the process title literally, got ${JSON.stringify(docTitle)}`);
    // The filters list the status and the unit as options, read literally.
    const options = await page.locator('main form.filters option').evaluateAll((os) => os.map((o) => o.textContent));
    assert.ok(options.some((o) => o.includes(s.status)), `expected a status filter option reading ${JSON.stringify(s.status)}, got ${JSON.stringify(options)}`);
    assert.ok(options.some((o) => o.includes(s.unit)), `expected a unit filter option reading ${JSON.stringify(s.unit)}`);

    await see(`/p/${SLUG}/r/${S.ids.rec}`, {
      'recommendation text': s.rec, 'response reasons': s.reason,
    }, {
      'process title (breadcrumb)': s.title, 'action text': s.action, 'status label': s.status,
      'unit name': s.unit, 'additional information': s.info,
    });

    await see(`/p/${SLUG}/a/${S.ids.action}`, {
      'action text': s.action, 'additional information': s.info,
    }, {
      'process title (breadcrumb)': s.title, 'recommendation text': s.rec, 'status label': s.status,
      'status note': s.note, 'unit name': s.unit,
    });
    assert.deepEqual(S.dialogs, [], 'expected no dialogs at all');
  });
}

// ---------------------------------------------------------------------------
// The checks are not vacuous.

// With the CSP bypassed, a payload that reached a page unescaped (here
// spliced into the process form's title attribute and into main) runs:
// dialogs open and injected() finds the elements.
test('XSS self-check: unescaped markup in an admin page would be noticed', async () => {
  signedIn();
  const page = await S.context.newPage();
  try {
    const dialogs = watchDialogs(page);
    const path = `/b/p/${S.ids.process}`;
    const target = url(path);
    const escaped = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    await page.route(target, async (route) => {
      const r = await route.fetch();
      let body = await r.text();
      const title = S.typed.process.title;
      // The title as the server escaped it in value="...", whichever way it
      // wrote the quotes.
      const variants = [escaped(title), escaped(title).replace(/&#39;/g, '&#x27;'), escaped(title).replace(/&#39;/g, "'")];
      const v = variants.find((x) => body.includes(`value="${x}"`));
      assert.ok(v, 'self-check: expected to find the escaped title in the form');
      body = body.replace(`value="${v}"`, `value="${title}"`)
        .replace('<main id="main" tabindex="-1">', `<main id="main" tabindex="-1">${PAYLOADS.join(' ')}`);
      await route.fulfill({ response: r, body });
    });
    await page.goto(target, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    assert.ok(dialogs.length >= 3, `expected the spliced-in alerts to open dialogs, got ${JSON.stringify(dialogs)}`);
    const found = await injected(page);
    assert.ok(found.some((f) => /onerror/.test(f)) && found.some((f) => /onload/.test(f)) && found.some((f) => /<script>/.test(f)),
      `expected injected() to find the img, svg and script, found ${JSON.stringify(found)}`);
  } finally {
    await page.close();
  }
});

// ---------------------------------------------------------------------------
// Last: the own process unpublished (through the form), the context closed.

test('cleanup: the own process is unpublished again', async () => {
  const page = signedIn();
  try {
    const path = `/b/p/${S.ids.process}`;
    await open(page, url(path));
    const form = `main form[action="${path}"]`;
    await page.locator(`${form} #published`).uncheck();
    await saveTo(page, form, new RegExp(`^${path}$`), 'the unpublished process');
    assert.equal(psql(`SELECT published FROM process WHERE id = ${S.ids.process}`), 'f', 'expected the process unpublished');
    assert.deepEqual(S.dialogs, [], 'expected no dialogs at all');
  } finally {
    await S.context.close();
    S.context = null;
    S.page = null;
  }
});
