// Bounded loopback load test: 500 requests over 16 keep-alive connections
// (REST probes, MCP tools/list and tool calls, a few real scoring jobs).
// Every request must be answered; the server's RSS before and after is
// reported and must not grow by more than 16 MiB.
// usage: node load_test.mjs VMAF_MCP_BINARY [requests] [connections]
import fs from 'node:fs';
import http from 'node:http';
import { SERVER, TOKEN, scoreArgs, check, finish, rssKiB, startHttp } from './common.mjs';

const total = Number(process.argv[3] || 500);
const conns = Number(process.argv[4] || 16);
// two malloc arenas: glibc's default (8 per core) makes the plateau depend on
// which connection threads happened to touch which arena
const srv = await startHttp({ args: ['--max-jobs', '4'], env: { MALLOC_ARENA_MAX: '2' } });
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });

function request(method, path, body, headers = {}) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request({ host: '127.0.0.1', port: srv.port, path, method, agent,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json',
                 Accept: 'application/json, text/event-stream',
                 ...(data ? { 'Content-Length': data.length } : {}), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
                                    body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.setTimeout(120000, () => req.destroy(new Error('timeout')));
    if (data) req.write(data);
    req.end();
  });
}

const init = await request('POST', '/mcp', { jsonrpc: '2.0', id: 0, method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'load', version: '1' } } });
const S = { 'Mcp-Session-Id': init.headers['mcp-session-id'] };

// request i of the mix
function job(i) {
  switch (i % 10) {
  case 0: return request('GET', '/healthz');
  case 1: return request('GET', '/readyz');
  case 2: return request('GET', '/metrics');
  case 3: case 4: return request('POST', '/mcp', { jsonrpc: '2.0', id: i, method: 'tools/list' }, S);
  case 5: return request('POST', '/mcp', { jsonrpc: '2.0', id: i, method: 'ping' }, S);
  case 6: return request('POST', '/mcp', { jsonrpc: '2.0', id: i, method: 'tools/call',
                          params: { name: 'vmaf_version', arguments: {} } }, S);
  case 7: return request('POST', '/mcp', { jsonrpc: '2.0', id: i, method: 'tools/call',
                          params: { name: 'list_models', arguments: {} } }, S);
  case 8: return request('POST', '/v1/score', { ...scoreArgs, frame_cnt: 1 });
  default: return request('POST', '/mcp', '{"jsonrpc":"2.0","id":', S); // parse error path
  }
}

async function run(n) {
  let next = 0;
  const results = [];
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: conns }, async () => {
    while (next < n) {
      const i = next++;
      results[i] = await job(i);
    }
  }));
  return { results, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

// warm-up: the malloc arenas grow to their working size on first use;
// after that a leak shows as steady growth
const rss0 = rssKiB(srv.proc.pid);
await run(total);
const before = rssKiB(srv.proc.pid);
console.log(`     server RSS at start ${rss0} KiB, after a ${total}-request warm-up ${before} KiB`);
const { results, seconds } = await run(total);
const after = rssKiB(srv.proc.pid);
const statusOf = (r, i) => i % 10 === 9 ? r.status === 400 : i % 10 === 8 ? r.status === 200 || r.status === 503 : r.status === 200;
const answered = results.filter((r) => r && r.status > 0).length;
const expected = results.filter(statusOf).length;
const busy = results.filter((r, i) => i % 10 === 8 && r.status === 503).length;
console.log(`     ${total} requests, ${conns} connections: ${answered} answered, ${expected} with the expected status ` +
            `(${busy} busy answers), ${seconds.toFixed(2)} s, ${(total / seconds).toFixed(0)} req/s`);
console.log(`     server RSS before ${before} KiB, after ${after} KiB (delta ${after - before} KiB)`);
check(answered === total, 'every request answered');
check(expected === total, 'every answer has the expected status');
// ASan keeps freed memory in quarantine, so RSS says nothing there; its leak
// checker at exit (a non-zero status) does that job instead
const asan = fs.readFileSync(SERVER).includes('__asan_init');
check(asan || after - before < 16 * 1024, asan ? 'RSS limit skipped under ASan (LeakSanitizer checks at exit)'
                                               : 'RSS growth under 16 MiB');
agent.destroy();
const st = await srv.stop();
check(st.code === 0, `clean exit on SIGTERM (code ${st.code})`);
finish();
