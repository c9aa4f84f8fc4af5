// Every edit form saved as its page gives it, as a person does who opens
// it and presses Save: the save is taken and nothing stored changes. A
// field that a page forgets to draw would be emptied by such a save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, PW, RUN, addUser, formPairs, importCsv, pageForms, psql,
    signInNew } from './lib.mjs';

const SLUG = 'tallennus-' + RUN;
importCsv(SLUG, HEADER +
    '1. Nuorten palvelut,,Nuorisotalo avataan,1/2025 – 12/2025,' +
    'Käynnissä Talo valmis,Tietohallinto,Lisätieto\r\n' +
    '1.1 Tarkennus,,Ohjaamo laajenee,Jatkuvaa,Suunnitteilla,' +
    'Tietohallinto,\r\n', 'Tallennustesti');
addUser(`tallennus-${RUN}@example.org`, 'editor', ['Tietohallinto'], PW);
const pid = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
const rec = psql(`SELECT id FROM recommendation WHERE process_id = ${pid} ` +
    'ORDER BY id LIMIT 1');
const act = psql(`SELECT id FROM action WHERE process_id = ${pid} ` +
    'ORDER BY id LIMIT 1');

// What each form keeps: its row, without what a save may touch itself
// (the time, the revision, the search terms).
const row = (table, id) => `SELECT (to_jsonb(x) - ` +
    `'{updated_at,revision,lexemes}'::text[])::text ` +
    `FROM ${table} x WHERE id = ${id}`;
const links = `SELECT string_agg(recommendation_id || ':' || weight, ',' ` +
    `ORDER BY recommendation_id) || '/' || (SELECT string_agg(unit_id::text, ` +
    `',' ORDER BY position) FROM action_unit WHERE action_id = ${act}) ` +
    `FROM recommendation_action WHERE action_id = ${act}`;

const cases = [
	['the process', `/b/p/${pid}`, `/b/p/${pid}`, row('process', pid)],
	['a recommendation', `/b/r/${rec}`, `/b/r/${rec}/define`,
	    row('recommendation', rec)],
	['the response to it', `/b/r/${rec}`, `/b/r/${rec}`,
	    row('recommendation', rec)],
	['an action, as its unit keeps it', `/b/a/${act}`, `/b/a/${act}`,
	    row('action', act)],
	['what the action is', `/b/a/${act}`, `/b/a/${act}/define`,
	    row('action', act) + ' UNION ALL ' + links],
	['a status', '/b/statuses/ID', '/b/statuses/ID', row('status', 'ID')],
	['a reason', '/b/reasons/ID', '/b/reasons/ID',
	    row('reason_category', 'ID')],
	['a unit', '/b/units/ID', '/b/units/ID', row('unit', 'ID')],
	['the settings', '/b/settings', '/b/settings',
	    'SELECT to_jsonb(s)::text FROM setting s'],
	['the site', '/b/site', '/b/site', row('site', 1)],
	['a user', '/b/users/ID', '/b/users/ID', row('app_user', 'ID') +
	    ' UNION ALL SELECT string_agg(unit_id::text, \',\' ORDER BY ' +
	    'unit_id) FROM user_unit WHERE user_id = ID'],
];

test('each edit form saved as its page gives it changes nothing stored',
    async () => {
	const admin = await signInNew('tallennus');
	const ids = {
		statuses: psql('SELECT min(id) FROM status'),
		reasons: psql('SELECT min(id) FROM reason_category'),
		units: psql("SELECT id FROM unit WHERE name = 'Tietohallinto'"),
		users: psql('SELECT id FROM app_user WHERE email = ' +
		    `'tallennus-${RUN}@example.org'`),
	};
	for (const [what, page, action, sql] of cases) {
		const id = ids[page.split('/')[2]];
		const [p, a, q] = [page, action, sql].map((s) =>
		    s.replace(/ID/g, id));
		const before = psql(q);
		assert.ok(before, `${what}: a row to keep`);
		const r = await admin.get(p);
		assert.equal(r.status, 200, `${what}: ${p}`);
		const [form] = pageForms(r.text, (x) => x.split('?')[0] === a);
		assert.ok(form, `${what}: the form that posts to ${a}`);
		const saved = await admin.post(a, formPairs(form));
		const why = saved.text.match(
		    /<div class="errors"[\s\S]{0,300}|<p class="field-error"[^<]*/);
		assert.equal(saved.status, 303, `${what}: saved as it stands ` +
		    `(${why?.[0]})`);
		assert.equal(psql(q), before, `${what}: nothing changed`);
	}
});
