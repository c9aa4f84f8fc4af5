// Helpers for the HTTP tests: a real server at TOTEUMA_URL with the demo
// data, and toteumactl against the same database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretOfPage, signInCode, stepNow, totpCode } from '../totp.mjs';

export const base = process.env.TOTEUMA_URL;

// The second run of these files, against the server built with ASan and
// UBSan (tests/run), leaves out the few tests that mostly wait (for a
// timeout, a throttle window, a second server to start, or the mail
// sender, which is toteumactl and not the server): their server code
// is what the other tests run, and the waits cost minutes under the
// sanitizers.
export const WAITS = process.env.TOTEUMA_SANITIZED === '1' ?
    { skip: 'waits; run without the sanitizers' } : {};
if (!base) throw new Error('TOTEUMA_URL is not set: run through tests/run');

// A suffix of this run for what a file makes (processes, accounts), so
// that the file can run again on the same database.
export const RUN = Date.now().toString(36) + process.pid.toString(36);
// RUN in letters only: a word of its own for searches and status codes.
export const RUN_WORD = [...RUN].map((c) => 'abcdefghijklmnopqrstuvwxyz'[
    parseInt(c, 36) % 26]).join('');
// The password of the accounts the files make.
export const PW = 'oikein-hyvä-salasana-1';

// s as an SQL string literal.
export const lit = (s) => "'" + String(s).replace(/'/g, "''") + "'";

export async function get(path, headers = {}) {
	const res = await fetch(base + path, { headers, redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text };
}

// Imports CSV text as process slug; returns toteumactl's output.
export function importCsv(slug, csv, title = 'Testiprosessi') {
	const dir = mkdtempSync(join(tmpdir(), 'toteuma-http-'));
	const file = join(dir, slug + '.csv');
	writeFileSync(file, csv);
	const out = execFileSync(process.env.TOTEUMA_CTL,
	    ['import', '--process', slug, '--title', title, '--publish',
	    file],
	    { env: process.env, encoding: 'utf8' });
	// Each worker hears of the change at once (LISTEN/NOTIFY, listen.c);
	// a moment for the word to arrive.
	execFileSync('sleep', ['0.3']);
	return out;
}

export const HEADER =
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';

// The text of the result count (role="status").
export function resultCount(html) {
	const m = html.match(/role="status">([^<]*)/);
	return m ? m[1] : null;
}

// Data rows: one per <tr> in a <tbody>.
export function rowCount(html) {
	const bodies = html.match(/<tbody>[\s\S]*?<\/tbody>/g) || [];
	return bodies.reduce((n, b) => n + (b.match(/<tr>/g) || []).length, 0);
}

// Generated inputs that a run can repeat: TOTEUMA_SEED, or one from the
// clock (the file prints it). rnd(n) is a whole number below n (mulberry32),
// pick(a) one of a.
export function seeded() {
	const seed = Number(process.env.TOTEUMA_SEED || Date.now() % 100000);
	let state = seed;
	const rnd = (n) => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) % n);
	};
	return { seed, rnd, pick: (a) => a[rnd(a.length)] };
}

// Waits until the server shows new data (workers check once a second).
export async function eventually(fn, ms = 4000) {
	const end = Date.now() + ms;
	let last;
	while (Date.now() < end) {
		last = await fn();
		if (last) return last;
		await new Promise((r) => setTimeout(r, 200));
	}
	return last;
}

// ---- The staff side: sessions, the database, accounts. ----

// One browser: keeps the cookies the server sets (honouring Path and
// Max-Age=0) and sends them back. Redirects are not followed, so that
// tests see every 303. A form is sent urlencoded (encode(), which a file
// may override for forms of its own shape), or as multipart when it is
// a FormData.
export class Browser {
	constructor(headers = {}) {
		this.cookies = new Map();	// name -> { value, path }
		this.headers = headers;
	}

	cookie(name) {
		const c = this.cookies.get(name);
		return c ? c.value : undefined;
	}

	setCookie(name, value, path = '/') {
		this.cookies.set(name, { value, path });
	}

	async request(method, path, form, headers = {}) {
		const h = { ...this.headers, ...headers };
		const pathname = path.split('?')[0];
		const jar = [...this.cookies].filter(([, c]) =>
		    pathname === c.path || pathname.startsWith(
		    c.path.endsWith('/') ? c.path : c.path + '/'))
		    .map(([n, c]) => n + '=' + c.value);
		if (jar.length) h.cookie = jar.join('; ');
		let body;
		if (form instanceof FormData) {
			body = form;	// fetch writes the multipart type
		} else if (form !== undefined) {
			h['content-type'] = 'application/x-www-form-urlencoded';
			body = this.encode(form);
		}
		// The server ends a connection idle for 8 seconds
		// (http_keepalive_time); a request sent on it just then is
		// never read and fails with "other side closed". Sent again
		// once on a new connection, as a browser does.
		const send = () => fetch(base + path, { method, headers: h,
		    body, redirect: 'manual' });
		const res = await send().catch((e) => {
			if (e.cause && e.cause.code === 'UND_ERR_SOCKET')
				return send();
			throw e;
		});
		const setCookies = res.headers.getSetCookie();
		for (const sc of setCookies) {
			const [pair, ...attrs] = sc.split(';').map((s) => s.trim());
			const i = pair.indexOf('=');
			const name = pair.slice(0, i);
			const value = pair.slice(i + 1);
			const p = attrs.find((a) => /^path=/i.test(a));
			if (value === '' || attrs.some((a) => /^max-age=0$/i.test(a)))
				this.cookies.delete(name);
			else
				this.setCookie(name, value, p ? p.slice(5) : '/');
		}
		return { status: res.status, headers: res.headers,
		    location: res.headers.get('location'), setCookies,
		    text: await res.text() };
	}

	// An object, a list of pairs or URLSearchParams as a request body.
	encode(form) { return new URLSearchParams(form).toString(); }

	get(path, headers) { return this.request('GET', path, undefined, headers); }
	post(path, form, headers) {
		return this.request('POST', path, form, headers);
	}
}

// Signs in through the form as a browser does: GET /login for the
// login cookie and its CSRF value, then POST. When the account has a
// second factor (or is an admin's, which must), goes on as its owner
// would (loginSecondStep). Returns the last answer: on success a 303
// to /b, and the browser holds the session cookie.
export async function login(browser, email, password, lang = '') {
	const r = await loginPassword(browser, email, password, lang);
	return loginSecondStep(browser, email, r, lang);
}

// The sign-in form's POST alone: its answer.
export async function loginPassword(browser, email, password, lang = '') {
	const q = lang ? '?lang=' + lang : '';
	const form = await browser.get('/login' + q);
	const csrf = hiddenValue(form.text, 'csrf');
	return browser.post('/login' + q, { email, password, csrf });
}

// After the password's answer r: the code of the authenticator app at
// /login/code (computed from the secret in the database), or for an
// admin without a second factor its enrolment at /b/account/totp (the
// secret read from the page; the recovery codes are kept in
// browser.recoveryCodes). Any other answer is returned as it is.
export async function loginSecondStep(browser, email, r, lang = '') {
	const q = lang ? '?lang=' + lang : '';
	if (r.status !== 303 || !r.location) return r;
	if (r.location.startsWith('/login/code')) {
		const page = await browser.get(r.location);
		return browser.post(r.location, { code: signInCode(email),
		    csrf: hiddenValue(page.text, 'csrf') });
	}
	if (!r.location.startsWith('/b/account/totp')) return r;
	const page = await browser.get(r.location);
	const secret = secretOfPage(page.text);
	assert.ok(secret, 'the enrolment page shows the key: ' +
	    page.text.slice(0, 300));
	const done = await browser.post(r.location, {
	    code: totpCode(secret, stepNow()),
	    csrf: hiddenValue(page.text, 'csrf') });
	assert.equal(done.status, 200, 'the second factor of ' + email +
	    ' is on: ' + done.text.slice(0, 300));
	browser.recoveryCodes = [...done.text.matchAll(
	    /<li><code>([A-Z2-7-]+)<\/code><\/li>/g)].map((m) => m[1]);
	return { status: 303, location: '/b' + q, headers: done.headers,
	    setCookies: done.setCookies, text: '', enrolled: done };
}

// The value of a hidden (or any) input by name, unescaped.
export function hiddenValue(html, name) {
	const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*` +
	    'value="([^"]*)"'));
	return m ? unescapeHtml(m[1]) : null;
}

// The text of a textarea by id, unescaped.
export function textareaValue(html, id) {
	const m = html.match(new RegExp(`<textarea id="${id}"[^>]*>` +
	    '([\\s\\S]*?)</textarea>'));
	return m ? unescapeHtml(m[1]) : null;
}

// The post forms of a page whose action passes keep, each with its
// fields by name: kind, maxlength, the values its choices offer, and
// values, what a browser sends as the page stands (the ticked boxes, the
// chosen option, the text).
export function pageForms(html, keep = () => true) {
	const attrs = (tag) => Object.fromEntries([...tag.matchAll(
	    /([a-z_-]+)="([^"]*)"/g)].map((m) => [m[1], unescapeHtml(m[2])]));
	const out = [];
	for (const m of html.matchAll(
	    /<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
		const action = unescapeHtml(m[1]);
		if (!keep(action))
			continue;
		const fields = new Map();
		const add = (name, kind, max, choices, values) => {
			const f = fields.get(name) ??
			    { kind, max, choices: [], values: [] };
			f.choices.push(...choices);
			f.values.push(...values);
			fields.set(name, f);
		};
		for (const t of m[2].matchAll(/<input [^>]*>/g)) {
			const a = attrs(t[0]);
			if (!a.name || a.type === 'file')
				continue;
			const box = a.type === 'checkbox' || a.type === 'radio';
			const v = a.value ?? (box ? 'on' : '');
			add(a.name, a.type || 'text', Number(a.maxlength || 0),
			    box ? [v] : [],
			    !box || / checked[ >]/.test(t[0]) ? [v] : []);
		}
		for (const t of m[2].matchAll(
		    /<textarea ([^>]*)>([\s\S]*?)<\/textarea>/g)) {
			const a = attrs(t[1]);
			add(a.name, 'textarea', Number(a.maxlength || 0), [],
			    [unescapeHtml(t[2])]);
		}
		for (const t of m[2].matchAll(
		    /<select ([^>]*)>([\s\S]*?)<\/select>/g)) {
			const opts = [...t[2].matchAll(
			    /<option value="([^"]*)"([^>]*)>/g)].map((o) =>
			    [unescapeHtml(o[1]), / selected/.test(o[2])]);
			const sel = opts.find((o) => o[1]) ?? opts[0];
			add(attrs(t[1]).name, 'select', 0, opts.map((o) => o[0]),
			    sel ? [sel[0]] : []);
		}
		out.push({ action, fields });
	}
	return out;
}

// What a browser sends of a form of pageForms() as the page stands.
export function formPairs(form) {
	return [...form.fields].flatMap(([name, f]) =>
	    f.values.map((v) => [name, v]));
}

export function unescapeHtml(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
	    .replace(/&quot;/g, '"').replace(/&#39;/g, "'")
	    .replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

// One SQL statement against the server's database; its output as text.
export function psql(sql) {
	return execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1',
	    process.env.TOTEUMA_DATABASE, '-c', sql],
	    { encoding: 'utf8' }).replace(/\n$/, '');
}

// A staff account made with toteumactl (the password on standard input).
export function addUser(email, role, units, password) {
	const args = ['user', 'add', email, '--role', role];
	for (const u of units) args.push('--unit', u);
	return execFileSync(process.env.TOTEUMA_CTL, args,
	    { input: password + '\n', env: process.env, encoding: 'utf8' });
}

// A new browser (or b, a file's own kind) signed in as email through the
// form, holding its session and the CSRF token of its pages (b.csrf);
// fails the test if sign-in fails.
export async function signIn(email, password = PW, b = new Browser()) {
	const r = await login(b, email, password);
	assert.equal(r.status, 303, `sign-in of ${email}: ${r.text.slice(0, 300)}`);
	assert.equal(r.location, '/b');
	assert.ok(b.cookie('toteuma_session'), 'a session cookie was set');
	const home = await b.get('/b');
	assert.equal(home.status, 200);
	b.csrf = hiddenValue(home.text, 'csrf');
	assert.ok(b.csrf && b.csrf.length >= 32, 'the page carries the CSRF token');
	return b;
}

// The accounts of a file, made with toteumactl (the password PW) and
// signed in: users maps a name to { email, role, units }. Returns a
// browser per name, as signIn gives it, and anon, one without a session.
export async function signInUsers(users) {
	for (const u of Object.values(users))
		addUser(u.email, u.role, u.units, PW);
	const as = {};
	for (const [name, u] of Object.entries(users))
		as[name] = await signIn(u.email);
	as.anon = new Browser();
	return as;
}

// A new staff account (NAME-RUN@example.fi) of role, for the units
// named, signed in: its browser, as signIn gives it.
export async function signInNew(name, role = 'admin', units = []) {
	const email = `${name}-${RUN}@example.fi`;
	addUser(email, role, units, PW);
	return signIn(email);
}

// The action form (/b/a/ID) as a unit editor sends it at revision: in
// progress, a note, months 1/2025 – 12/2026, the rest empty; over
// replaces or adds fields.
export function actionSaveForm(csrf, revision, over = {}) {
	return {
		csrf, revision: String(revision), status: 'in_progress',
		status_note: 'Muistiinpano', schedule_kind: 'months',
		start: '1/2025', end: '12/2026', schedule_text: '',
		actual_start: '', actual_end: '', info: '', evidence: '',
		...over,
	};
}

// The ids of the actions of process slug, by the action's text.
export function actionIds(slug) {
	const ids = {};
	for (const line of psql('SELECT a.id, a.body FROM action a JOIN ' +
	    `process p ON p.id = a.process_id WHERE p.slug = ${lit(slug)}`)
	    .split('\n')) {
		const [id, body] = line.split('|');
		ids[body] = Number(id);
	}
	return ids;
}

// An ISO date (YYYY-MM-DD) as the pages write it in lang: 5.3.2025 in
// Finnish and Swedish, 5 March 2025 in English.
export function shownDate(iso, lang = 'fi') {
	const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
	if (lang !== 'en') return `${d}.${m}.${y}`;
	const months = ['January', 'February', 'March', 'April', 'May', 'June',
	    'July', 'August', 'September', 'October', 'November', 'December'];
	return `${d} ${months[m - 1]} ${y}`;
}

// The HTML5 problems (html-validate's standard rules) of each [what, html]
// pair, as "what:line:column rule: message"; the validator is loaded on
// first use, so the files that do not validate do not pay for it.
let validator;
export async function htmlProblems(pages) {
	if (validator === undefined) {
		const { HtmlValidate } = await import('html-validate');
		validator = new HtmlValidate({ extends: ['html-validate:standard'] });
	}
	const problems = [];
	for (const [what, html] of pages) {
		const report = await validator.validateString(html);
		for (const res of report.results)
			for (const m of res.messages)
				problems.push(`${what}:${m.line}:${m.column} ` +
				    `${m.ruleId}: ${m.message}`);
	}
	return problems;
}
