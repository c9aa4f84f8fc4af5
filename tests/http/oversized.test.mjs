// Requests whose request line or headers do not fit in http_header_max
// (8192 bytes, conf/toteuma.conf.in) get 414 or 431 and a clean close
// (src/web/conn.c), not a reset without a word. Raw sockets, so that the test
// sees exactly what comes back and how the connection ends: 'end' is the
// server's FIN, ECONNRESET a reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { base, get } from './lib.mjs';

const LIMIT = 8192;

const pad = (n) => 'a'.repeat(n);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Writes the parts (a number waits that many ms) and collects the answer
// until the connection closes. how: 'end' (the server's FIN), an error
// code or 'timeout'; errors: every error, also after the FIN. The socket
// stays writable after the server's FIN (allowHalfOpen), so that bytes
// sent after a hasty close draw the reset a client would see.
function exchange(parts) {
	const u = new URL(base);
	return new Promise((resolve) => {
		const s = net.connect({ port: Number(u.port), host: u.hostname,
		    allowHalfOpen: true });
		let data = '', how = null, sent = false, fin = false;
		const errors = [];
		s.setTimeout(10000, () => {
			how = how || 'timeout';
			s.destroy();
		});
		s.setEncoding('latin1');
		s.on('data', (d) => { data += d; });
		s.on('end', () => {
			how = how || 'end';
			fin = true;
			if (sent)
				s.end();
		});
		s.on('error', (e) => {
			how = how || e.code;
			errors.push(e.code);
		});
		s.on('close', () => resolve({ data, how, errors }));
		(async () => {
			for (const p of parts) {
				if (typeof p === 'number')
					await sleep(p);
				else if (!s.destroyed)
					s.write(p);
			}
			sent = true;
			if (fin && !s.destroyed)
				s.end();
		})();
	});
}

// The responses in data: status and lower-cased headers, body by length.
function responses(data) {
	const out = [];
	let rest = data;
	while (rest.length > 0) {
		const end = rest.indexOf('\r\n\r\n');
		assert.ok(end > 0, 'a complete header block: ' +
		    JSON.stringify(rest.slice(0, 200)));
		const [line, ...fields] = rest.slice(0, end).split('\r\n');
		const headers = {};
		for (const f of fields) {
			const i = f.indexOf(':');
			const name = f.slice(0, i).toLowerCase();
			headers[name] = f.slice(i + 1).trim();
		}
		const len = Number(headers['content-length'] ?? 0);
		out.push({ status: Number(line.split(' ')[1]), line, headers,
		    body: rest.slice(end + 4, end + 4 + len) });
		rest = rest.slice(end + 4 + len);
	}
	return out;
}

function assertRefused(r, status) {
	const rs = responses(r.data);
	assert.equal(rs.length, 1, 'one answer: ' + JSON.stringify(r.data));
	const [res] = rs;
	assert.equal(res.status, status, res.line);
	assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
	assert.equal(res.headers.connection, 'close');
	assert.equal(res.headers['x-content-type-options'], 'nosniff');
	assert.equal(res.headers['cache-control'], 'no-store');
	assert.ok(res.body.length > 0, 'a short explanation');
	assert.equal(r.how, 'end', 'closed with FIN, not a reset');
	assert.deepEqual(r.errors, [], 'no reset, also not after the FIN');
}

test('a request target longer than the limit gets 414 and a clean close',
    async () => {
	const r = await exchange(['GET /' + pad(9000) +
	    ' HTTP/1.1\r\nHost: localhost\r\n\r\n']);
	assertRefused(r, 414);
	assert.match(responses(r.data)[0].line,
	    /^HTTP\/1\.1 414 URI Too Long$/);
});

test('headers longer than the limit get 431; just under it is served',
    async () => {
	// The rest of the header comes after the answer: the server reads
	// it before it closes, else the close would turn into a reset.
	const head = 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: ';
	const r = await exchange([head + pad(LIMIT), 300, pad(800), 300,
	    '\r\n\r\n']);
	assertRefused(r, 431);
	assert.match(responses(r.data)[0].line,
	    /^HTTP\/1\.1 431 Request Header Fields Too Large$/);

	const ok = await exchange(['GET / HTTP/1.1\r\nHost: localhost\r\n' +
	    'Connection: close\r\nX-Pad: ' + pad(7000) + '\r\n\r\n']);
	const rs = responses(ok.data);
	assert.deepEqual(rs.map((x) => x.status), [200]);
	assert.match(rs[0].body, /<html lang="fi">/);
	assert.equal(ok.how, 'end');
});

test('an oversized request on a kept-alive connection gets 431, and the ' +
    'server goes on answering', async () => {
	const r = await exchange([
	    'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', 300,
	    'GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: ' + pad(9000) +
	    '\r\n\r\n']);
	const rs = responses(r.data);
	assert.deepEqual(rs.map((x) => x.status), [200, 431], r.data);
	assert.equal(r.how, 'end', 'closed with FIN, not a reset');
	assert.deepEqual(r.errors, []);

	const after = await get('/');
	assert.equal(after.status, 200);
	assert.match(after.text, /<html lang="fi">/);
});
