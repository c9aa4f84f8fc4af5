// What an anonymous request could once do, and must not any more: poison
// cached downloads through the Host header, lock a staff account for its
// owner, pass a sign-in limit by racing it, post a staff form from
// another site, keep someone's session after another sign-in, fill the
// audit log, and see a healthy /healthz while the database is away.
// Needs tests/env.sh: a server that trusts 127.0.0.1 as its proxy (so
// that X-Forwarded-For names the client) and TOTEUMA_TEST_PGDIR/LOG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { readFileSync, statSync } from 'node:fs';
import { get, base, Browser, login, psql, addUser, eventually, WAITS }
    from './lib.mjs';

const PW = 'hyvin-pitkä-salasana-7';
const run = Date.now().toString(36);
const mail = (who) => `${who}-${run}@hardening.example`;
let next = 1;
// A client address of its own for each use, behind the trusted proxy
// (documentation addresses; a part of its own for each run).
const net = Math.floor(Math.random() * 0xffff).toString(16);
const addr = () => `2001:db8:${net}::${(next++).toString(16)}`;
const from = (ip) => new Browser({ 'x-forwarded-for': ip });

test('a Host header never reaches a cached download or feed', async () => {
	for (const path of ['/p/asukaspaneeli-2024.json?q=nuori',
	    '/p/asukaspaneeli-2024.csv?q=nuori',
	    '/p/asukaspaneeli-2024/feed.atom', '/feed.atom']) {
		const evil = await get(path, { host: 'evil.example' });
		assert.ok(evil.status < 500, path + ' with a foreign Host');
		assert.doesNotMatch(evil.text, /evil\.example/,
		    path + ': the foreign Host is not in its answer');
		const normal = await get(path);
		assert.equal(normal.status, 200, path);
		assert.doesNotMatch(normal.text, /evil\.example/,
		    path + ': nor in the next one\'s');
		assert.ok(normal.text.includes(base), path + ' names ' + base);
	}
});

test('no version banner', async () => {
	const r = await get('/');
	assert.equal(r.headers.get('server'), 'toteuma');
});

test('wrong passwords from one address do not lock the account for ' +
    'another', async () => {
	const email = mail('locked');
	addUser(email, 'admin', [], PW);
	const attacker = addr();
	for (let i = 1; i <= 7; i++) {
		const r = await login(from(attacker), email, 'väärin-' + i, 'en');
		assert.equal(r.status, i <= 5 ? 401 : 429, 'attempt ' + i +
		    ' from the attacker\'s address');
	}
	const same = await login(from(attacker), email, PW, 'en');
	assert.equal(same.status, 429, 'the right password from the ' +
	    'attacker\'s address waits too');
	const owner = from(addr());
	const r = await login(owner, email, PW, 'en');
	assert.equal(r.status, 303, 'the right password from elsewhere signs ' +
	    'in, admin included');
	assert.ok(owner.cookie('toteuma_session'), 'with a session');
});

test('twenty simultaneous wrong passwords: exactly five are checked',
    async () => {
	const email = mail('race');
	addUser(email, 'admin', [], PW);
	const ip = addr();
	const browsers = [];
	const forms = [];
	for (let i = 0; i < 20; i++) {
		const b = from(ip);
		const f = await b.get('/login?lang=en');
		browsers.push(b);
		forms.push(f.text.match(/name="csrf" value="([^"]+)"/)[1]);
	}
	const res = await Promise.all(browsers.map((b, i) =>
	    b.post('/login?lang=en', { email, password: 'väärin-' + i,
	    csrf: forms[i] })));
	const st = res.map((r) => r.status);
	assert.equal(st.filter((s) => s === 401).length, 5,
	    'five checked and wrong: ' + st.join(' '));
	assert.equal(st.filter((s) => s === 429).length, 15,
	    'fifteen refused before a password was checked');
	assert.equal(psql('SELECT count(*) FROM login_attempt WHERE ' +
	    `email = '${email}'`), '5', 'five attempts recorded');
});

test('behind the proxy, one address\'s failures do not block everyone',
    async () => {
	const noisy = addr();
	const emails = [];
	for (let i = 0; i < 10; i++) emails.push(mail('spray' + i));
	let last;
	for (let i = 0; i < 52; i++) {
		last = await login(from(noisy), emails[i % 10], 'väärin', 'en');
		if (i < 50)
			assert.equal(last.status, 401, 'failure ' + (i + 1));
	}
	assert.equal(last.status, 429, 'the address that failed 50 times ' +
	    'waits');
	const email = mail('bystander');
	addUser(email, 'admin', [], PW);
	const ok = await login(from(addr()), email, PW, 'en');
	assert.equal(ok.status, 303, 'another address signs in');
});

test('many failures from many addresses slow an account down, not lock it',
    WAITS, async () => {
	const email = mail('slow');
	addUser(email, 'admin', [], PW);
	const home = addr();
	assert.equal((await login(from(home), email, PW, 'en')).status, 303,
	    'the owner signs in once from home');
	for (let i = 0; i < 10; i++) {
		const r = await login(from(addr()), email, 'väärin', 'en');
		assert.equal(r.status, 401, 'failure ' + (i + 1) +
		    ' from its own address');
	}
	const stranger = await login(from(addr()), email, 'väärin', 'en');
	assert.equal(stranger.status, 429, 'one more from a new address ' +
	    'within seconds waits');
	assert.match(stranger.text, /Wait a few seconds/);
	const known = await login(from(home), email, PW, 'en');
	assert.equal(known.status, 303, 'the owner\'s known address is never ' +
	    'slowed down');
	await new Promise((r) => setTimeout(r, 5500));
	const later = await login(from(addr()), email, PW, 'en');
	assert.equal(later.status, 303, 'after a pause the right password ' +
	    'works from a new address too');
});

test('bogus sign-in posts write no audit rows', async () => {
	const before = psql('SELECT count(*) FROM audit_log');
	await Promise.all(Array.from({ length: 50 }, () =>
	    fetch(base + '/login', { method: 'POST', headers: {
	    'content-type': 'application/x-www-form-urlencoded',
	    cookie: 'toteuma_login=' + 'x'.repeat(43) },
	    body: 'email=a%40b.c&password=x&csrf=' + 'y'.repeat(43) })));
	assert.equal(psql('SELECT count(*) FROM audit_log'), before);
});

test('a staff post from another site is refused, and changes nothing',
    async () => {
	const email = mail('origin');
	addUser(email, 'admin', [], PW);
	const b = from(addr());
	assert.equal((await login(b, email, PW, 'en')).status, 303);
	const form = await b.get('/b/settings?lang=en');
	const csrf = form.text.match(/name="csrf" value="([^"]+)"/)[1];
	const days = psql('SELECT stale_days FROM setting');
	const post = (origin) => b.post('/b/settings?lang=en',
	    { csrf, stale_days: '77', due_soon_days: '20' },
	    origin ? { origin } : {});
	const foreign = await post('https://evil.example');
	assert.equal(foreign.status, 403, 'a foreign Origin');
	assert.equal(psql('SELECT stale_days FROM setting'), days,
	    'nothing changed');
	assert.equal((await post('null')).status, 403, 'Origin: null');
	const own = await post(base);
	assert.equal(own.status, 303, 'this site\'s own Origin');
	assert.equal(psql('SELECT stale_days FROM setting'), '77');
	psql(`UPDATE setting SET stale_days = ${days}`);
	const signin = await from(addr()).post('/login', { email, password: PW,
	    csrf: 'x' }, { origin: 'https://evil.example' });
	assert.equal(signin.status, 403, 'a sign-in posted from elsewhere');
});

test('signing in ends the session the browser had before', async () => {
	const a = mail('first');
	const b = mail('second');
	addUser(a, 'admin', [], PW);
	addUser(b, 'admin', [], PW);
	const br = from(addr());
	assert.equal((await login(br, a, PW, 'en')).status, 303);
	const old = br.cookie('toteuma_session');
	assert.equal((await login(br, b, PW, 'en')).status, 303);
	assert.notEqual(br.cookie('toteuma_session'), old, 'a new session');
	const hash = createHash('sha256').update(old).digest('hex');
	assert.equal(psql('SELECT count(*) FROM staff_session WHERE ' +
	    `token_hash = decode('${hash}', 'hex')`), '0',
	    'the earlier user\'s session is gone');
	const replay = new Browser();
	replay.setCookie('toteuma_session', old);
	assert.equal((await replay.get('/b')).status, 303,
	    'its cookie signs nobody in');
});

test('old sign-in attempts and audit rows are pruned', () => {
	const email = mail('old');
	psql(`INSERT INTO login_attempt (email, ip, at, success) VALUES ` +
	    `('${email}', '192.0.2.1', now() - interval '31 days', false), ` +
	    `('${email}', '192.0.2.1', now() - interval '29 days', false)`);
	psql(`INSERT INTO audit_log (email, event, at) VALUES ` +
	    `('${email}', 'login', now() - interval '731 days'), ` +
	    `('${email}', 'login', now() - interval '700 days')`);
	const out = execFileSync(process.env.TOTEUMA_CTL, ['prune'],
	    { env: process.env, encoding: 'utf8' });
	assert.match(out, /removed \d+ sign-in attempts and \d+ audit rows/);
	assert.equal(psql(`SELECT count(*) FROM login_attempt WHERE ` +
	    `email = '${email}'`), '1', 'the attempt of 31 days ago went');
	assert.equal(psql(`SELECT count(*) FROM audit_log WHERE ` +
	    `email = '${email}'`), '1', 'the audit row of 731 days ago went');
	const bad = (() => {
		try {
			execFileSync(process.env.TOTEUMA_CTL, ['prune',
			    '--audit-days', '1'], { env: process.env,
			    stdio: 'pipe' });
			return 0;
		} catch (e) { return e.status; }
	})();
	assert.equal(bad, 2, 'an audit retention under 30 days is refused');
});

test('/healthz: 503 when not migrated or the database is away; the log ' +
    'stays short', async () => {
	assert.equal((await get('/healthz')).status, 200);
	const last = psql('SELECT version || \'|\' || name || \'|\' || ' +
	    'checksum FROM schema_migrations ORDER BY version DESC LIMIT 1')
	    .split('|');
	psql(`DELETE FROM schema_migrations WHERE version = ${last[0]}`);
	try {
		const r = await get('/healthz');
		assert.equal(r.status, 503, 'a schema behind the program');
		assert.match(r.text, /not migrated/);
	} finally {
		psql('INSERT INTO schema_migrations (version, name, checksum) ' +
		    `VALUES (${last[0]}, '${last[1]}', '${last[2]}')`);
	}
	assert.equal((await get('/healthz')).status, 200, 'migrated again');

	const dir = process.env.TOTEUMA_TEST_PGDIR;
	const log = process.env.TOTEUMA_TEST_LOG;
	const aid = psql('SELECT max(id) FROM action');
	execFileSync('scripts/cluster.sh', ['stop', dir]);
	try {
		// A page that needs the database: 503, with an id the log
		// names together with the request and its cause.
		const before = statSync(log).size;
		const f = await get(`/p/asukaspaneeli-2024/a/${aid}?lang=sv`);
		assert.equal(f.status, 503);
		const id = f.headers.get('x-request-id');
		assert.match(id, /^[0-9]+-[0-9]+$/);
		const line = new RegExp(`request ${id}: 503 GET ` +
		    `/p/asukaspaneeli-2024/a/${aid}: .*connect`);
		assert.ok(await eventually(async () => line.test(readFileSync(log,
		    'utf8').slice(before)), 3000), 'one line: the id, the ' +
		    'request, the cause');
		// A staff page: no session can be read, and nothing was sent.
		const staff = await fetch(base + '/b?lang=en', { redirect:
		    'manual', headers: { cookie: 'toteuma_session=' +
		    'A'.repeat(43) } });
		assert.equal(staff.status, 503);
		assert.match(await staff.text(), /<h1>The service is not /,
		    'a page view is not headed "Not saved"');
		await new Promise((r) => setTimeout(r, 1000));
		const size = statSync(log).size;
		let down = 0;
		for (let i = 0; i < 200; i++) {
			const r = await get('/healthz');
			if (r.status === 503) down++;
		}
		assert.equal(down, 200, 'every health check says 503');
		const lines = readFileSync(log, 'utf8').slice(size).split('\n')
		    .filter((l) => l !== '').length;
		assert.ok(lines <= 20, '200 failing requests logged ' + lines +
		    ' lines (repeats are counted, not logged)');
	} finally {
		execFileSync('scripts/cluster.sh', ['start', dir]);
	}
	assert.ok(await eventually(async () =>
	    (await get('/healthz')).status === 200, 8000), 'healthy again');
});

// What a connection whose headers trickle in a byte a second gets (a
// 408 at the 10 s header timeout), and what an idle kept-alive
// connection gets: closed quietly after 8 s (http_keepalive_time), so
// that a client reusing it can never read a 408 as the answer to its
// next request. A connection silent after half its headers is idle too.
// All three at once.
function rawConnection(first, trickle) {
	const u = new URL(base);
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		let timer;
		const s = connect(Number(u.port), u.hostname, () => {
			s.write(first);
			if (trickle)
				timer = setInterval(() => s.write('a'), 1000);
		});
		let d = '';
		const done = (ms) => { clearInterval(timer); resolve({ data: d, ms }); };
		s.on('data', (b) => { d += b; });
		s.on('close', () => done(Date.now() - t0));
		s.on('error', (e) => { clearInterval(timer); reject(e); });
		setTimeout(() => { s.destroy(); done(-1); }, 15000);
	});
}

test('headers that trickle in get 408 in about 10 s; an idle or silent ' +
    'connection is closed before that, quietly', WAITS, async () => {
	const [slow, idle, silent] = await Promise.all([
	    rawConnection('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', true),
	    rawConnection('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
	    rawConnection('GET / HTTP/1.1\r\nHost: x\r\n')]);
	assert.match(slow.data, /^HTTP\/1\.1 408/, 'a 408: ' + slow.data.slice(0, 40));
	assert.ok(slow.ms > 0 && slow.ms < 13000, `within 13 s: ${slow.ms} ms`);
	const answers = idle.data.match(/^HTTP\/1\.1 \d+/gm) || [];
	assert.deepEqual(answers.map((a) => a.slice(9)), ['200'],
	    'one answer, to the one request, and no 408 after it');
	for (const [what, c] of [['idle', idle], ['silent', silent]])
		assert.ok(c.ms > 0 && c.ms < slow.ms, `the ${what} connection ` +
		    `closed (${c.ms} ms) before the header timeout (${slow.ms} ms)`);
	assert.equal(silent.data, '', 'nothing sent to the silent one');
});
