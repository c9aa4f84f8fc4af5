// One long-lived psql session for the bench scripts: sql(q) sends q and
// resolves to the next line psql prints (-At: unaligned, tuples only),
// line() to the one after; end() closes the session.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export function psqlSession(conninfo) {
	const psql = spawn('psql', ['-X', '-At', '-q', conninfo],
	    { stdio: ['pipe', 'pipe', 'inherit'] });
	const lines = createInterface({ input: psql.stdout })[
	    Symbol.asyncIterator]();
	return {
		async sql(q) {
			psql.stdin.write(q + '\n');
			return (await lines.next()).value;
		},
		async line() { return (await lines.next()).value; },
		end() { psql.stdin.end(); },
	};
}
