// The participation team's admin pages in a real browser: no axe-core
// WCAG 2.1 A/AA violations on the process list and form, the response
// form, the user list and form (also with its error), the unit list and
// form, the status list and form, and the import form, its problem list
// (422) and its preview, in Finnish and in Swedish.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Signs in through the real form once per language and reuses the page.
// Works on a process of its own (browser-admin); the import preview is
// left unconfirmed, so nothing is changed by the uploads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import { useBrowser, url, open, formatViolations, WCAG_TAGS, signIn } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();

const SLUG = 'browser-admin';
const UNIT = 'Selainyksikkö';
const PASSWORD = 'Selain-ylläpitäjä-2025';
const RUN = Date.now().toString(36) + process.pid.toString(36);
const ADMIN = `browser-admin-${RUN}@test.invalid`;

const HEADER =
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';
const FIXTURE = HEADER +
    '1. Selaimen suositus,,Ensimmäinen toimenpide,1/2025 – 12/2026,' +
    `Käynnissä Alku,${UNIT},Lisätieto yksi\r\n` +
    '2. Toinen suositus,2.1. Alasuositus,Toinen toimenpide,Jatkuvaa,' +
    `Käsitelty,${UNIT},Lisätieto kaksi\r\n`;
// A file with problems in two rows, and one that changes one row.
const BROKEN = HEADER +
    `1. Suositus,,Toimenpide,13/2025 – 1/2026,Käynnissä,${UNIT},\r\n` +
    `,,Toinen,1/2025,Outotila,${UNIT},\r\n`;
const CHANGED = FIXTURE.replace('Lisätieto kaksi', 'Lisätieto kaksi (muutettu)');

function psql(sql) {
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1',
    process.env.TOTEUMA_DATABASE, '-c', sql], { encoding: 'utf8' }).trim();
}

function ctl(args, input) {
  return execFileSync(process.env.TOTEUMA_CTL, args,
    { input, env: process.env, encoding: 'utf8' });
}

const ids = {};

before(() => {
  assert.ok(process.env.TOTEUMA_DATABASE && process.env.TOTEUMA_CTL,
    'expected TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start)');
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-browser-admin-'));
  const file = join(dir, `${SLUG}.csv`);
  writeFileSync(file, FIXTURE);
  ctl(['import', '--process', SLUG, '--title', 'Selaintesti', '--publish',
      file]);
  ctl(['user', 'add', ADMIN, '--role', 'admin'], PASSWORD + '\n');
  ids.process = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
  ids.rec = psql('SELECT id FROM recommendation WHERE process_id = ' +
    `${ids.process} AND number = '1'`);
  ids.status = psql("SELECT id FROM status WHERE code = 'in_progress'");
  ids.action = psql('SELECT min(id) FROM action WHERE process_id = ' +
    ids.process);
  ids.unit = psql(`SELECT id FROM unit WHERE name = '${UNIT}'`);
  ids.user = psql(`SELECT id FROM app_user WHERE email = '${ADMIN}'`);
  assert.ok(ids.process && ids.rec && ids.status && ids.unit && ids.user);
});

async function expectNoViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(results.violations.length, 0,
    `expected no WCAG 2.1 A/AA violations on ${what} (${page.url()}), found ` +
    `${results.violations.length}:\n` + formatViolations(results.violations));
}

// Clicks the main form's submit button and waits for the next page.
async function submit(page) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('main form.form button[type="submit"]').first().click(),
  ]);
  assert.ok(resp, `expected a response after submitting the form on ${page.url()}`);
  return resp;
}

async function uploadFile(page, lang, csv, name) {
  await open(page, url('/b/import', lang === 'fi' ? {} : { lang }));
  await page.locator('#process').selectOption(SLUG);
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv',
    buffer: Buffer.from(csv) });
  return submit(page);
}

// Each case: how to reach the page (a path, or a function that gets there
// and returns the final response), the status, and what must be on it.
const CASES = [
  { name: 'sign-in codes /b/account/totp', path: () => '/b/account/totp',
    sees: 'main h1' },
  { name: 'process list /b/p', path: () => '/b/p',
    sees: 'main a[href^="/b/p/"]', check: async (page) => {
      assert.ok(await page.locator(`main code:text-is("${SLUG}")`).count() > 0,
        `expected the process list to show ${SLUG}`);
    } },
  { name: 'process form /b/p/ID', path: () => `/b/p/${ids.process}`,
    sees: 'main form.form #title' },
  { name: 'response form /b/r/ID', path: () => `/b/r/${ids.rec}`,
    sees: 'main form.form input[name="response"]' },
  { name: 'action form with weights /b/a/ID', path: () => `/b/a/${ids.action}`,
    sees: 'main form.form input[type="number"][name^="weight-"]' },
  { name: 'user list /b/users', path: () => '/b/users',
    sees: 'main a[href^="/b/users/"]' },
  { name: 'new user form /b/users/new', path: () => '/b/users/new',
    sees: 'main form.form #email' },
  { name: 'user form with an error (422)', status: 422,
    sees: 'main [role="alert"]',
    go: async (page, lang) => {
      await open(page, url('/b/users/new', lang === 'fi' ? {} : { lang }));
      await page.locator('#email').fill(`browser-nounit-${RUN}@test.invalid`);
      await page.locator('#name').fill('Ilman yksikköä');
      await page.locator('#role_editor').check();
      await page.locator('#password').fill(PASSWORD);
      return submit(page);
    } },
  { name: 'unit list /b/units', path: () => '/b/units',
    sees: 'main a[href^="/b/units/"]' },
  { name: 'new unit form /b/units/new', path: () => '/b/units/new',
    sees: 'main form.form #parent' },
  { name: 'status list /b/statuses', path: () => '/b/statuses',
    sees: 'main table a[href^="/b/statuses/"]' },
  { name: 'status form /b/statuses/ID', path: () => `/b/statuses/${ids.status}`,
    sees: 'main form.form #colour' },
  { name: 'import form /b/import', path: () => '/b/import',
    sees: 'main form.form #file' },
  { name: 'import problems (422)', status: 422,
    sees: 'main table tbody tr',
    go: (page, lang) => uploadFile(page, lang, BROKEN, 'rikki.csv') },
  { name: 'import preview', status: 200,
    sees: 'main form[action^="/b/import/"]',
    go: (page, lang) => uploadFile(page, lang, CHANGED, 'muutos.csv') },
];

for (const lang of ['fi', 'sv']) {
  const session = { context: null, page: null };

  test(`sign in as an admin through the form [${lang}]`, async () => {
    session.context = await b.browser.newContext();
    const page = await session.context.newPage();
    page.setDefaultTimeout(15000);
    page.setDefaultNavigationTimeout(20000);
    session.page = page;
    // The second factor too: the code, or an admin's enrolment.
    const resp = await signIn(page, { email: ADMIN, password: PASSWORD }, lang);
    assert.equal(resp.status(), 200);
    const u = new URL(page.url());
    assert.equal(u.pathname, '/b', `expected to land on /b, got ${page.url()}`);
    assert.equal(u.searchParams.get('lang'), lang === 'fi' ? null : lang);
  });

  for (const c of CASES) {
    test(`axe WCAG 2.1 AA [${lang}]: ${c.name}`, async () => {
      const { page } = session;
      assert.ok(page, 'expected the sign-in test to have signed in');
      let resp;
      if (c.go) {
        resp = await c.go(page, lang);
        assert.equal(resp.status(), c.status,
          `expected HTTP ${c.status} for ${c.name} (${page.url()})`);
      } else {
        await open(page, url(c.path(), lang === 'fi' ? {} : { lang }),
          c.status || 200);
      }
      assert.ok(await page.locator(c.sees).count() > 0,
        `expected ${c.sees} on ${c.name} (${page.url()})`);
      if (c.check) await c.check(page);
      const htmlLang = await page.locator('html').getAttribute('lang');
      assert.equal(htmlLang, lang, `expected <html lang="${lang}"> on ${page.url()}`);
      await expectNoViolations(page, `${c.name} [${lang}]`);
    });
  }

  test(`close the signed-in page [${lang}]`, async () => {
    if (session.context) await session.context.close();
    session.context = null;
  });
}

after(() => {
  // The previews were never confirmed; they would expire in a day.
  if (ids.user)
    psql(`DELETE FROM import_upload WHERE user_id = ${ids.user}`);
});
