// A unit editor's confirmation in a reporting round, as a person sees it
// at 375 px and 1280 px in Finnish and Swedish: status, schedule and last
// update beside each confirm button; an action without a status asks for
// the box "I have checked that this is still true" and says why; with
// JavaScript off the confirmation still works once the box is ticked.
// Screenshots go to var/test-out/.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, WCAG_TAGS, psql, sqlString,
  uniqueEmail, createStaffUser, signIn, submitAndWait,
  shot } from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const SLUG = 'browser-rounds-check';
const UNIT = 'Selaimen tarkistusyksikkö';
const OUT = 'var/test-out';
const state = {};

after(() => {
  if (state.round) psql(`UPDATE round SET closed_at = now() WHERE id = ${state.round}`);
});

test('set-up: a round with an action that has no status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-browser-'));
  const file = join(dir, SLUG + '.csv');
  writeFileSync(file,
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n' +
    `1. Tarkistettava suositus,,Tilaton toimenpide,1/2025 – 12/2027,,${UNIT},\r\n`);
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG, '--title',
    'Tarkistus selaimessa', file], { env: process.env, stdio: 'pipe' });
  state.editor = createStaffUser(uniqueEmail('rcheck-editor'), 'Selenium-free-horse-42',
    'editor', [UNIT]);
  state.round = psql('INSERT INTO round (title, deadline) VALUES ' +
    "('Tarkistuskierros', current_date + 10) RETURNING id").split('\n')[0];
  psql(`INSERT INTO round_process (round_id, process_id) SELECT ${state.round}, id ` +
    `FROM process WHERE slug = ${sqlString(SLUG)}`);
  state.action = psql('SELECT a.id FROM action a JOIN process p ON p.id = a.process_id ' +
    `WHERE p.slug = ${sqlString(SLUG)}`);
  mkdirSync(OUT, { recursive: true });
});

for (const lang of ['fi', 'sv']) {
  for (const width of [375, 1280]) {
    test(`the confirm shows the facts and asks for the check (${lang}, ${width} px)`, async () => {
      await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
        await signIn(page, state.editor, lang);
        const row = page.locator(`section[aria-labelledby="round-${state.round}"] tr`,
          { has: page.locator(`input[name="action"][value="${state.action}"]`) });
        const text = await row.innerText();
        assert.match(text, lang === 'fi' ? /Ei annettu/ : /Inte angiven|Inte angivet|Ej angiven/,
          'expected "no status" said in words');
        assert.match(text, /1\/2025 – 12\/2027/, 'expected the schedule beside the button');
        assert.match(text, /\d{1,2}\.\d{1,2}\.\d{4}/, 'expected the last update as a date');
        const box = row.locator('input[name="checked"]');
        assert.ok(await box.isVisible(), 'expected the check box to be visible');
        const label = row.locator('label[for^="checked-"]');
        assert.ok(await label.isVisible(), 'expected the check box to have a visible label');
        const lb = await label.boundingBox();
        assert.ok(lb && lb.x >= 0 && lb.x + lb.width <= width + 1,
          `expected the label within the ${width} px viewport`);
        await row.scrollIntoViewIfNeeded();
        await shot(page, `${OUT}/round-confirm-${lang}-${width}.png`);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        assert.equal(results.violations.length, 0,
          `expected no WCAG violations: ${formatViolations(results.violations)}`);
        await open(page, url(`/b/a/${state.action}`, lang === 'fi' ? {} : { lang }));
        const sec = page.locator('section.round-request');
        assert.equal(await sec.count(), 1, 'expected the round request on the action page');
        assert.ok(await sec.locator('input[name="checked"]').isVisible());
        await shot(page, `${OUT}/action-round-${lang}-${width}.png`);
      });
    });
  }
}

test('with JavaScript off: the box must be ticked, then the answer is stored', async () => {
  await b.withPage({ javaScriptEnabled: false }, async (page) => {
    await signIn(page, state.editor);
    const form = `section[aria-labelledby="round-${state.round}"] ` +
      `form:has(input[name="action"][value="${state.action}"])`;
    await page.locator(`${form} button[type="submit"]`).click();
    assert.equal(psql(`SELECT count(*) FROM round_answer WHERE round_id = ${state.round}`), '0',
      'expected nothing stored while the box is not ticked');
    await page.locator(`${form} input[name="checked"]`).check();
    const resp = await submitAndWait(page, `${form} button[type="submit"]`);
    assert.equal(resp.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/b');
  });
  assert.equal(psql(`SELECT kind FROM round_answer WHERE round_id = ${state.round} ` +
    `AND action_id = ${state.action}`), 'confirmed');
});
