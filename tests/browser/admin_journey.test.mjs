// The participation team's journey through one process in a real
// browser, at 375 px and 1280 px, in Finnish and Swedish: the process
// page lists its actions, a recommendation is added (confirmation, the
// form again for the next), a taken number is shown back on its field,
// the recommendation's page lists its actions, and the import preview
// shows the changed fields whole and marked. No axe-core WCAG 2.1 A/AA
// violations and no sideways scrolling on these pages. The journey runs
// at 375 px in Swedish (the longer words) and at 1280 px in Finnish;
// with TOTEUMA_SCREENSHOTS=1 at both widths in both languages, with
// screenshots in var/test-out/admin-journey-*.png.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Works on a process of its own (browser-journey-RUN).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import { useBrowser, url, open, formatViolations, WCAG_TAGS, psql,
  createStaffUser, signIn, submitAndWait, shot, SCREENSHOTS, bringNear } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();

const RUN = Date.now().toString(36) + process.pid.toString(36);
const SLUG = `browser-journey-${RUN}`;
const UNIT = `Polkuyksikkö ${RUN}`;
const OUT = 'var/test-out';
const HEADER =
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';
const LONG = 'Pitkä lisätieto, joka ei saa katketa kapealla näytöllä '.repeat(6).trim();
const FIXTURE = HEADER +
    `1. Nuorten mielen hyvinvointi,,Matalan kynnyksen palvelu,1/2025 – 12/2026,` +
    `Käsitelty Päätös tehty,${UNIT},Lisätieto yksi\r\n` +
    `,,Toinen toimenpide,Jatkuvaa,Suunnitteilla,${UNIT},\r\n`;
const CHANGED = FIXTURE.replace('Käsitelty Päätös tehty', 'Toteutettu Päätös tehty')
    .replace('Lisätieto yksi', `"${LONG}"`);

const admin = { email: `journey-${RUN}@test.invalid`,
  password: 'Polun-ylläpitäjä-2025', role: 'admin' };
const ids = {};
const WORDS = {
  fi: { actions: 'Toimenpiteet', added: (n) => `Suositus ${n} lisätty.`,
taken: (n) => `Prosessissa on jo suositus ${n}.`,
    rec: (n) => `Suositus ${n}`, changed: 'Muuttuva rivi' },
  sv: { actions: 'Åtgärder', added: (n) => `Rekommendation ${n} har lagts till.`,
    taken: (n) => `Det finns redan en rekommendation ${n} i processen.`,
    rec: (n) => `Rekommendation ${n}`, changed: 'Ändrad rad' },
};

before(() => {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-journey-'));
  const file = join(dir, `${SLUG}.csv`);
  writeFileSync(file, FIXTURE);
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG,
    '--title', 'Ylläpidon polku', '--publish', file], { env: process.env });
  createStaffUser(admin.email, admin.password, 'admin');
  ids.process = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
  ids.rec = psql(`SELECT id FROM recommendation WHERE process_id = ${ids.process} AND number = '1'`);
});

async function noViolations(page, what) {
  const r = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(r.violations.length, 0, `expected no WCAG 2.1 A/AA ` +
    `violations on ${what} (${page.url()}):\n` + formatViolations(r.violations));
}

async function noSideways(page, what) {
  const [sw, cw] = await page.evaluate(() => [
    document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw + 1, `expected no sideways scrolling on ${what}: ` +
    `the page is ${sw} px wide in a ${cw} px window`);
}

async function journeyShot(page, name) {
  await shot(page, join(OUT, `admin-journey-${name}.png`));
}

let seq = 10;
for (const width of [375, 1280]) {
  for (const lang of ['fi', 'sv']) {
    if (!SCREENSHOTS && (width === 375) === (lang === 'fi')) continue;
    const w = WORDS[lang];
    const q = lang === 'fi' ? {} : { lang };
    const tag = `${width}-${lang}`;
    test(`the admin's journey at ${width} px in ${lang}`, async () => {
      const number = String(seq++);
      await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
        await signIn(page, admin, lang);
        // 1. The process page lists its actions.
        await open(page, url(`/b/p/${ids.process}`, q));
        const h = page.locator('main h2#actions');
        assert.match(await h.innerText(), new RegExp(`^${w.actions} \\(2\\)$`));
        const rows = page.locator('main table:has(caption:text-is("' +
          `${w.actions} (2)")) tbody tr`);
        assert.equal(await rows.count(), 2, 'two actions listed');
        assert.ok(await rows.first().locator('a[href^="/b/a/"]').isVisible(),
          'each action links to its page');
        await noSideways(page, 'the process page');
        await noViolations(page, 'the process page');
        await journeyShot(page, `${tag}-1-process`);
        // 2. A recommendation is added: confirmation, the form again.
        await page.locator('#number').fill(number);
        await page.locator('#rec_body').fill(`Polun suositus ${number}`);
        await submitAndWait(page, 'form[action*="/recommendation"] button[type="submit"]');
        const notice = page.locator('main p.notice[role="status"]');
        assert.ok((await notice.innerText()).startsWith(w.added(number)),
          `expected "${w.added(number)}", got "${await notice.innerText()}"`);
        const nb = await notice.boundingBox();
        assert.ok(nb && nb.y >= 0 && nb.y + nb.height <= 900,
          `the confirmation is in view where the page lands: ${JSON.stringify(nb)}`);
        assert.ok(await page.locator('#number').isVisible());
        assert.equal(await page.locator('#number').inputValue(), '',
          'an empty form for the next one');
        await noViolations(page, 'the process page after adding');
        await journeyShot(page, `${tag}-2-added`);
        // 3. The same number again: the form with a message on its field.
        await page.locator('#number').fill(number);
        await page.locator('#rec_body').fill('Toinen samalla numerolla');
        const resp = await submitAndWait(page,
          'form[action*="/recommendation"] button[type="submit"]');
        assert.equal(resp.status(), 422);
        const err = page.locator('#number-error');
        assert.ok(await err.isVisible(), 'the message beside the number');
        assert.ok((await err.innerText()).startsWith(w.taken(number)));
        assert.equal(await page.locator('#number').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.locator('#rec_body').inputValue(), 'Toinen samalla numerolla');
        await noSideways(page, 'the refused recommendation');
        await noViolations(page, 'the refused recommendation');
        await journeyShot(page, `${tag}-3-taken`);
        // 4. The recommendation's page: titled, its actions listed.
        await open(page, url(`/b/r/${ids.rec}`, q));
        assert.equal(await page.locator('main h1').innerText(), w.rec('1'));
        assert.ok((await page.title()).startsWith(w.rec('1') + ': Nuorten'));
        assert.equal(await page.locator('main h2#actions + div table tbody tr').count(), 2);
        await noSideways(page, 'the recommendation page');
        await noViolations(page, 'the recommendation page');
        await journeyShot(page, `${tag}-4-recommendation`);
        // 5. The import preview: only the changed fields, whole, marked.
        await open(page, url('/b/import', q));
        await page.locator('#process').selectOption(SLUG);
        await page.locator('#file').setInputFiles({ name: 'muutos.csv',
          mimeType: 'text/csv', buffer: Buffer.from(CHANGED) });
        await submitAndWait(page);
        // The recommendations added above are not in the file: removed rows.
        const diff = page.locator('main table.import-diff').filter({
          has: page.locator(`caption:has-text("${w.changed}")`) });
        assert.equal(await diff.count(), 1, 'one changed row');
        assert.ok(await page.locator('main table.import-diff caption .tag-removed').count() >= 1,
          'the rows the file no longer has are labelled as removed');
        assert.equal(await diff.locator('del').first().innerText(), 'Käsitelty Päätös tehty');
        assert.equal(await diff.locator('ins').first().innerText(), 'Toteutettu Päätös tehty');
        const ins = diff.locator('ins').nth(1);
        assert.equal(await ins.innerText(), LONG, 'the whole text');
        const box = await ins.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width + 1,
          `the text fits the ${width} px window: ${JSON.stringify(box)}`);
        const decoration = await diff.locator('del').first().evaluate((e) =>
          getComputedStyle(e).textDecorationLine);
        assert.match(decoration, /line-through/, 'marked not by colour alone');
        await noSideways(page, 'the import preview');
        await noViolations(page, 'the import preview');
        await journeyShot(page, `${tag}-5-import`);
      });
    });
  }
}

for (const width of [375, 1280]) {
  test(`a unit's Swedish name, given in the unit form, on the public table ` +
    `at ${width} px; English readers see the Finnish name marked`, async () => {
    const sv = `Stigens enhet ${width} ${RUN}`;
    const uid = psql(`SELECT id FROM unit WHERE name = '${UNIT}'`);
    await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
      await signIn(page, admin, 'sv');
      await open(page, url(`/b/units/${uid}`, { lang: 'sv' }));
      await page.locator('#name_sv').fill(sv);
      await page.locator('#name_en').fill('');
      await submitAndWait(page);
      await noViolations(page, 'the unit list after saving');
      await open(page, url(`/b/units/${uid}`, { lang: 'sv' }));
      assert.equal(await page.locator('#name_sv').inputValue(), sv);
      await noViolations(page, 'the unit form');
      await journeyShot(page, `${width}-sv-6-unit`);
      // Workers see new data within a second.
      let cell = '';
      for (let i = 0; i < 20 && cell !== sv; i++) {
        await open(page, url(`/p/${SLUG}`, { lang: 'sv' }));
        const td = page.locator('main table tbody td[data-label="Ansvarig"]').first();
        await bringNear(td);
        cell = (await td.innerText()).trim();
        if (cell !== sv) await page.waitForTimeout(250);
      }
      assert.equal(cell, sv, 'the Swedish table names the unit in Swedish');
      await noSideways(page, 'the Swedish table');
      await journeyShot(page, `${width}-sv-7-public`);
      await open(page, url(`/p/${SLUG}`, { lang: 'en' }));
      const span = page.locator('main table tbody td[data-label="Responsible"] span[lang="fi"]').first();
      await bringNear(span);
      assert.equal((await span.innerText()).trim(), UNIT,
        'no English name: the Finnish one, marked as Finnish');
    });
  });
}
