// A panel member rates with their link in a real browser: the rating
// page has no WCAG 2.1 A/AA violations (axe, at one width), its radio
// groups are fieldsets with legends, a rating is chosen by its label
// and saved; the public recommendation page shows the aggregate. With
// TOTEUMA_SCREENSHOTS=1 the rating page and the aggregate are captured
// at 375 and 1280 px in Finnish and Swedish (var/test-out/verdict-*).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, WCAG_TAGS, psql, shot,
  SCREENSHOTS, submitAndWait,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const SLUG = 'browser-verdict';
const OUT = 'var/test-out';

// A new link of process pid: its token (stored only as its hash).
function newLink(pid) {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  psql('INSERT INTO verdict_link (process_id, number, token_hash) SELECT ' +
    `${pid}, coalesce(max(number), 0) + 1, decode('${hash}', 'hex') ` +
    `FROM verdict_link WHERE process_id = ${pid}`);
  return { token, id: psql(`SELECT id FROM verdict_link WHERE token_hash = decode('${hash}', 'hex')`) };
}

// The process with two recommendations, an open round, three members'
// ratings of the first and a comment read by an admin; the member's link.
function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'toteuma-browser-'));
  const file = join(dir, SLUG + '.csv');
  writeFileSync(file,
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n' +
    '1. Nuorten mielenterveyspalvelut yhdeltä luukulta,,Matalan kynnyksen palvelupiste,1/2025 – 12/2026,Käynnissä,,\r\n' +
    '2. Koulupsykologeja lisää,,Rekrytointi,1/2025 – 12/2026,Suunnitteilla,,\r\n');
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG, '--title',
    'Arvion selaintesti', '--publish', file], { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
  for (const t of ['verdict', 'verdict_link', 'verdict_round'])
    psql(`DELETE FROM ${t} WHERE process_id = ${pid}`);
  psql(`UPDATE recommendation SET response = 'partly' WHERE process_id = ${pid}`);
  psql(`INSERT INTO verdict_round (process_id, closes_on) VALUES (${pid}, current_date + 14)`);
  const rec = psql(`SELECT id FROM recommendation WHERE process_id = ${pid} AND number = '1'`);
  for (const [r, p, c] of [[4, 3, 'Hyvä alku, mutta jonot ovat yhä pitkiä.'], [2, 2, ''], [4, 3, '']]) {
    const l = newLink(pid);
    psql('INSERT INTO verdict (link_id, recommendation_id, process_id, response, progress, ' +
      `comment, seen_at) VALUES (${l.id}, ${rec}, ${pid}, ${r}, ${p}, '${c}', now())`);
  }
  return { pid, rec, member: newLink(pid) };
}

const state = setUp();

after(() => {
  psql(`UPDATE verdict_round SET closed_at = now() WHERE process_id = ${state.pid} AND closed_at IS NULL`);
});

test('the rating page: accessible, fieldsets with legends, a rating saved', async () => {
  if (SCREENSHOTS) mkdirSync(OUT, { recursive: true });
  await b.withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    const resp = await open(page, url(`/verdict/${state.member.token}`));
    assert.equal(resp.headers()['referrer-policy'], 'no-referrer');
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.equal(results.violations.length, 0,
      `expected no WCAG 2.1 A/AA violations on the rating page, found ` +
      `${results.violations.length}:\n${formatViolations(results.violations)}`);
    const legends = await page.locator('main fieldset > legend').allInnerTexts();
    assert.deepEqual(legends.slice(0, 2), ['Kuinka hyvä hyvinvointialueen vastaus on?',
      'Kuinka hyvää edistyminen on?'], 'each scale is a fieldset with its legend');
    await page.getByLabel('4 – hyvä').first().check();
    await page.getByLabel('3 – kohtalainen').nth(1).check();
    await page.locator(`#comment-${state.rec}`).fill('Palvelupiste on hyvä, <b>kiitos</b>.');
    const saved = await submitAndWait(page);
    assert.equal(saved.status(), 200);
    assert.match(await page.locator('main [role="status"]').innerText(), /Tallennettu/);
    assert.equal(await page.getByLabel('4 – hyvä').first().isChecked(), true,
      'the saved rating is shown checked');
  });
  if (!SCREENSHOTS) return;
  for (const lang of ['fi', 'sv']) {
    for (const width of [375, 1280]) {
      await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
        const q = lang === 'fi' ? {} : { lang };
        await open(page, url(`/verdict/${state.member.token}`, q));
        await shot(page, `${OUT}/verdict-rating-${lang}-${width}.png`);
        await open(page, url(`/p/${SLUG}/r/${state.rec}`, q));
        await page.locator('section.verdict').waitFor();
        await shot(page, `${OUT}/verdict-aggregate-${lang}-${width}.png`);
      });
    }
  }
});
