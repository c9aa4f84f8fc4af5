// Reporting rounds in a real browser: an admin opens a round through the
// form; accessibility (axe-core, WCAG 2.1 A/AA) of the list and form (also
// with its errors), the round's report, the unit editor's page with the
// request, and the public report, in Finnish and Swedish; and a unit editor
// confirms an action with JavaScript off.
//
// Needs TOTEUMA_URL, TOTEUMA_DATABASE and TOTEUMA_CTL (tests/env.sh start).
// Imports a process of its own (browser-rounds) with a unit of its own and
// makes its own users; the round it opens is closed at the end.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, WCAG_TAGS, psql, sqlString,
  uniqueEmail, createStaffUser, signIn, submitAndWait,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();

const SLUG = 'browser-rounds';
const UNIT = 'Selaintestin kierrosyksikkö';
const PASSWORD = 'Selenium-free-horse-42';
const state = { round: null, admin: null, editor: null, actions: [], pid: null };

function importProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-browser-'));
  const file = join(dir, SLUG + '.csv');
  writeFileSync(file,
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n' +
    `1. Selaimen suositus,,Selaimen toimenpide 1,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n` +
    `,,Selaimen toimenpide 2,1/2025 – 12/2026,Käynnissä,${UNIT},\r\n`);
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG, '--title',
    'Kierrokset selaimessa', '--publish', file], { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function expectNoViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(results.violations.length, 0,
    `expected no WCAG 2.1 A/AA violations on ${what} (${page.url()}), found ` +
    `${results.violations.length}:\n${formatViolations(results.violations)}`);
}

const q = (lang) => (lang === 'fi' ? {} : { lang });

after(() => {
  if (state.round) psql(`UPDATE round SET closed_at = now() WHERE id = ${state.round} AND closed_at IS NULL`);
});

test('an admin opens a round through the form', async () => {
  importProcess();
  state.admin = createStaffUser(uniqueEmail('rounds-admin'), PASSWORD, 'admin');
  state.editor = createStaffUser(uniqueEmail('rounds-editor'), PASSWORD, 'editor', [UNIT]);
  const pid = psql(`SELECT id FROM process WHERE slug = ${sqlString(SLUG)}`);
  state.pid = pid;
  state.actions = psql('SELECT id FROM action WHERE process_id = ' + pid +
    ' AND deleted_at IS NULL ORDER BY id').split('\n').map(Number);
  const deadline = psql('SELECT (current_date + 10)::text');
  await b.withPage(async (page) => {
    await signIn(page, state.admin);
    await open(page, url('/b/rounds'));
    await page.locator('#title').fill('Selaimen kierros');
    await page.locator('#deadline').fill(deadline);
    await page.locator('#message').fill('Tarkistakaa toimenpiteenne, kiitos.');
    await page.locator(`#process-${pid}`).check();
    const resp = await submitAndWait(page);
    assert.equal(resp.status(), 200, 'expected the round page after opening');
    const m = new URL(page.url()).pathname.match(/^\/b\/rounds\/(\d+)$/);
    assert.ok(m, `expected to land on the round's page, got ${page.url()}`);
    state.round = Number(m[1]);
    await page.locator('h1', { hasText: 'Selaimen kierros' }).waitFor();
  });
});

for (const lang of ['fi', 'sv']) {
  test(`axe: /b/rounds, its errors and /b/rounds/ID (${lang})`, async () => {
    assert.ok(state.round, 'expected the round to have been opened');
    await b.withPage(async (page) => {
      await signIn(page, state.admin, lang);
      await open(page, url('/b/rounds', q(lang)));
      await expectNoViolations(page, `the list of rounds (${lang})`);
      // A deadline in the past: 422 with the error list.
      await page.locator('#title').fill('Virheellinen kierros');
      await page.locator('#deadline').fill(psql('SELECT (current_date - 5)::text'));
      await page.locator(`#process-${state.pid}`).check();
      const resp = await submitAndWait(page);
      assert.equal(resp.status(), 422, 'expected 422 for a deadline in the past');
      assert.ok(await page.locator('.errors a[href="#deadline"]').count() === 1,
        'expected the error list to link to the deadline');
      await expectNoViolations(page, `the refused round form (${lang})`);
      await open(page, url(`/b/rounds/${state.round}`, q(lang)));
      await expectNoViolations(page, `the round's report (${lang})`);
    });
  });

  test(`axe: the editor's page with the request, and /round/ID (${lang})`, async () => {
    assert.ok(state.round, 'expected the round to have been opened');
    await b.withPage(async (page) => {
      await signIn(page, state.editor, lang);
      const section = page.locator(`section[aria-labelledby="round-${state.round}"]`);
      assert.equal(await section.count(), 1, 'expected the request on the editor\'s page');
      await expectNoViolations(page, `the editor's page with a round (${lang})`);
      await open(page, url(`/round/${state.round}`, q(lang)));
      await expectNoViolations(page, `the public round report (${lang})`);
      const text = await page.locator('main').innerText();
      assert.ok(!/@/.test(text), 'expected no e-mail address on the public report');
    });
  });
}

test('an editor confirms an action with JavaScript off', async () => {
  assert.ok(state.round, 'expected the round to have been opened');
  const action = state.actions[0];
  await b.withPage({ javaScriptEnabled: false }, async (page) => {
    await signIn(page, state.editor);
    const button = `section[aria-labelledby="round-${state.round}"] ` +
      `form:has(input[name="action"][value="${action}"]) button[type="submit"]`;
    assert.equal(await page.locator(button).count(), 1, 'expected a confirm button for the action');
    const resp = await submitAndWait(page, button);
    assert.equal(resp.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/b');
    await page.locator('.notice', { hasText: 'vahvistettiin' }).waitFor();
    const row = page.locator(`section[aria-labelledby="round-${state.round}"] tr`,
      { has: page.locator(`input[name="action"][value="${action}"]`) });
    assert.match(await row.innerText(), /Vastattu: vahvistettu/,
      'expected the action to show as answered');
  });
  assert.equal(psql(`SELECT kind FROM round_answer WHERE round_id = ${state.round} ` +
    `AND action_id = ${action}`), 'confirmed', 'expected the answer to be stored');
});
