// Corrections: an admin can mark a save of an action as the correction
// of a published value, with a reason; the action's public history shows
// those changes as a correction and why, while a normal save stays a
// normal change. An editor can not mark one; a correction without a
// reason, or with one too long, is refused and nothing changes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, HEADER, RUN, psql, lit, signInNew, unescapeHtml }
    from './lib.mjs';

const SLUG = 'korjaukset-' + RUN;
const UNIT = 'Korjausyksikkö ' + RUN;
let admin, editor, aid;

importCsv(SLUG, HEADER +
    `1. Suositus,,Korjattava toimi,1/2025 - 6/2025,Käynnissä,${UNIT},\n`,
    'Korjaustesti');

before(async () => {
	aid = psql('SELECT a.id FROM action a JOIN process p ON p.id = ' +
	    `a.process_id WHERE p.slug = ${lit(SLUG)}`);
	admin = await signInNew('korjaus-admin');
	editor = await signInNew('korjaus-ed', 'editor', [UNIT]);
});

function form(b, fields) {
	return { csrf: b.csrf, revision: psql('SELECT revision FROM action ' +
	    `WHERE id = ${aid}`), status: 'in_progress', status_note: '',
	    schedule_kind: 'months', start: '1/2025', end: '6/2025',
	    schedule_text: '', actual_start: '', actual_end: '', info: '',
	    evidence: '', status_note_sv: '', status_note_en: '', info_sv: '',
	    info_en: '', reason: '', correction: '', correction_reason: '',
	    ...fields };
}
const revision = () => psql(`SELECT revision FROM action WHERE id = ${aid}`);

test('an admin\'s correction is shown as one in the public history, with ' +
    'its reason; a normal save is not', async () => {
	const f = await admin.get(`/b/a/${aid}`);
	assert.match(f.text, /<input type="checkbox" id="correction" name="correction" value="1"/,
	    'an admin\'s form has the correction box');
	const plain = await admin.post(`/b/a/${aid}`, form(admin, {
	    status_note: 'Edistyy hyvin' }));
	assert.equal(plain.status, 303, plain.text.slice(0, 300));
	const fixed = await admin.post(`/b/a/${aid}`, form(admin, {
	    status_note: 'Edistyy hyvin', end: '9/2025', correction: '1',
	    correction_reason: 'Päättymiskuukausi oli <b>väärin</b> ' +
	    'tuonnissa.' }));
	assert.equal(fixed.status, 303, fixed.text.slice(0, 300));
	const page = await get(`/p/${SLUG}/a/${aid}`);
	const rows = page.text.match(/<tr[ >][\s\S]*?<\/tr>/g);
	const sched = rows.find((r) => r.includes('>Aikataulu<br>') ||
	    r.includes('>Aikataulu</th>'));
	assert.ok(sched, 'the schedule change is in the history');
	assert.match(sched, /^<tr class="correction">/);
	assert.ok(sched.includes('<span class="correction-note">Korjaus: ' +
	    '<span lang="fi">Päättymiskuukausi oli &lt;b&gt;väärin&lt;/b&gt; ' +
	    'tuonnissa.</span></span>'), 'the reason, as text: ' + sched);
	const note = rows.find((r) => r.includes('Edistyy hyvin'));
	assert.ok(note && !note.includes('correction'),
	    'the normal save is not a correction');
	const sv = await get(`/p/${SLUG}/a/${aid}?lang=sv`);
	assert.match(sv.text, /Rättelse: <span lang="fi">/);
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'action.update' AND object = 'action/${aid}' AND ` +
	    "detail->>'correction' LIKE 'Päättymiskuukausi%'"), '1');
});

test('refused: an editor\'s correction, a correction without a reason or ' +
    'with too long a one; nothing changed', async () => {
	const f = await editor.get(`/b/a/${aid}`);
	assert.doesNotMatch(f.text, /id="correction"/,
	    'an editor\'s form has no correction box');
	const cases = [
		[editor, { correction: '1', correction_reason: 'Minä korjaan' },
		    'Vain pääkäyttäjät voivat merkitä tallennuksen korjaukseksi.'],
		[admin, { correction: '1', correction_reason: '' },
		    'Kerro, mitä korjattiin ja miksi.'],
		[admin, { correction: '1', correction_reason: 'ä'.repeat(501) },
		    'Perustelu on liian pitkä: enintään 500 merkkiä.'],
	];
	for (const [b, fields, message] of cases) {
		const before = revision();
		const r = await b.post(`/b/a/${aid}`, form(b, { end: '12/2025',
		    ...fields }));
		assert.equal(r.status, 422, message);
		assert.ok(unescapeHtml(r.text).includes(message), message);
		assert.equal(revision(), before, 'nothing changed');
	}
	assert.equal(psql('SELECT count(*) FROM history WHERE table_name = ' +
	    `'action' AND row_id = ${aid} AND correction IS NOT NULL`), '1',
	    'one correction in all');
});
