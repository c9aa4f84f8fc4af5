// Units saving while residents read (make bench's mixed run): signs in
// through the form as a unit editor and saves actions through the action
// form, as a browser does (GET the form for its revision and CSRF value,
// then POST), at a steady rate: RATE saves a second among OTHER_IDS (a
// process the readers do not read) and one every SAME_EVERY seconds
// among SAME_IDS (the process they read), for SECONDS. Each save gives
// the action a new status note. Prints "saves p50_ms p99_ms max_ms
// errors", the times being those of the POST that saves.
//
// Usage: node bench/writer.mjs BASE EMAIL PASSWORD SECONDS OTHER_IDS
//        SAME_IDS [RATE] [SAME_EVERY]   (ids comma-separated)
const [base, email, password, secs, other, same, rate = '2',
    sameEvery = '5'] = process.argv.slice(2);
const cookies = new Map();

async function request(method, path, form) {
	const headers = {};
	if (cookies.size)
		headers.cookie = [...cookies].map(([n, v]) => `${n}=${v}`).join('; ');
	let body;
	if (form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(form).toString();
	}
	const res = await fetch(base + path, { method, headers, body,
	    redirect: 'manual' });
	for (const sc of res.headers.getSetCookie()) {
		const pair = sc.split(';')[0];
		const i = pair.indexOf('=');
		if (pair.slice(i + 1) === '' || /max-age=0/i.test(sc))
			cookies.delete(pair.slice(0, i));
		else
			cookies.set(pair.slice(0, i), pair.slice(i + 1));
	}
	return { status: res.status, text: await res.text() };
}

const hidden = (html, name) => {
	const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
	return m ? m[1] : null;
};

const login = await request('GET', '/login');
const r = await request('POST', '/login', { email, password,
    csrf: hidden(login.text, 'csrf') });
if (r.status !== 303)
	throw new Error(`sign-in of ${email}: HTTP ${r.status}`);

const ms = [];
let errors = 0, n = 0;
async function save(id) {
	const form = await request('GET', `/b/a/${id}`);
	const csrf = hidden(form.text, 'csrf');
	const revision = hidden(form.text, 'revision');
	if (form.status !== 200 || !csrf || !revision) {
		errors++;
		return;
	}
	const t0 = process.hrtime.bigint();
	const res = await request('POST', `/b/a/${id}`, {
		csrf, revision, status: 'in_progress',
		status_note: `Tilanne päivitetty ${++n}`, schedule_kind: 'months',
		start: '1/2025', end: '12/2026', schedule_text: '',
		actual_start: '', actual_end: '', info: '', evidence: '',
	});
	ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
	if (res.status !== 303) errors++;
}

const others = other.split(',');
const sames = same.split(',');
const start = Date.now();
const gap = 1000 / Number(rate);
let k = 0, nextSame = start + Number(sameEvery) * 1000;
while (Date.now() - start < Number(secs) * 1000) {
	const due = start + k * gap;
	if (Date.now() < due)
		await new Promise((res) => setTimeout(res, due - Date.now()));
	if (Date.now() >= nextSame) {
		nextSame += Number(sameEvery) * 1000;
		await save(sames[k % sames.length]);
	}
	await save(others[k % others.length]);
	k++;
}
ms.sort((a, b) => a - b);
const at = (q) => ms.length ?
    ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] : 0;
console.log(`${ms.length} ${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ` +
    `${(ms.length ? ms[ms.length - 1] : 0).toFixed(1)} ${errors}`);
