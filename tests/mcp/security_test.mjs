// Security checks of vmaf-mcp over HTTP (and malformed input over stdio):
// bearer token on every route, path allowlist, body limit, JSON-RPC error
// codes, session/protocol/Origin headers, busy answers beyond the job cap.
// usage: node security_test.mjs VMAF_MCP_BINARY
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER, TESTDATA, TOKEN, REF, DIS, scoreArgs, check, finish, startHttp } from './common.mjs';

const auth = { Authorization: `Bearer ${TOKEN}` };
const json = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

// an allowed root holding a symlink that escapes it, and a file next to it
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vmaf-mcp-root-'));
fs.symlinkSync('/etc/passwd', path.join(root, 'escape.yuv'));
fs.symlinkSync(REF, path.join(root, 'ref.yuv'));  // a link to a file outside is an escape too
fs.copyFileSync(DIS, path.join(root, 'dis.yuv'));

const srv = await startHttp({ env: { VMAF_MCP_ALLOW: root }, args: ['--max-jobs', '1', '--max-body', '65536'] });
const U = srv.url;

// ---- 401 on every route, without and with a wrong token
const routes = [['GET', '/healthz'], ['GET', '/readyz'], ['GET', '/metrics'], ['POST', '/v1/score'],
                ['POST', '/mcp'], ['GET', '/mcp'], ['DELETE', '/mcp'], ['GET', '/nope']];
for (const [method, route] of routes) {
  for (const [label, headers] of [['no token', {}], ['wrong token', { Authorization: 'Bearer wrong' }],
                                  ['token prefix', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
                                  ['basic auth', { Authorization: `Basic ${TOKEN}` }]]) {
    const r = await fetch(U + route, { method, headers: { ...json, ...headers },
                                       body: method === 'POST' ? '{}' : undefined });
    check(r.status === 401, `${method} ${route} ${label}: 401 (got ${r.status})`);
  }
}
const ok = await fetch(U + '/healthz', { headers: auth });
check(ok.status === 200, 'GET /healthz with the token: 200');
const ready = await (await fetch(U + '/readyz', { headers: auth })).json();
check(ready.status === 'ready', 'GET /readyz: ready');
const metrics = await (await fetch(U + '/metrics', { headers: auth })).text();
check(/vmaf_mcp_http_requests_total\{route="\/healthz",code="401"\} \d+/.test(metrics) &&
      /vmaf_mcp_jobs_running 0/.test(metrics), 'GET /metrics: Prometheus text with counters');

// ---- a server without a token refuses everything (fail closed)
const open = await startHttp({ token: null });
const r0 = await fetch(open.url + '/healthz', { headers: { Authorization: 'Bearer ' } });
const r1 = await fetch(open.url + '/healthz', { headers: auth });
check(r0.status === 401 && r1.status === 401, 'no token configured: every request 401');
check((await open.stop()).code === 0, 'tokenless server: clean exit');

// ---- path allowlist via REST
async function score(args) {
  const r = await fetch(U + '/v1/score', { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(args) });
  return { status: r.status, body: await r.json() };
}
const geo = { width: 576, height: 324, pixfmt: '420', bitdepth: 8 };
const refused = [
  ['traversal', { ref: path.join(root, '..', '..', 'etc', 'passwd'), dis: path.join(root, 'dis.yuv') }],
  ['relative traversal', { ref: '../../../../../../etc/passwd', dis: path.join(root, 'dis.yuv') }],
  ['symlink escape', { ref: path.join(root, 'escape.yuv'), dis: path.join(root, 'dis.yuv') }],
  ['symlink to outside file', { ref: path.join(root, 'ref.yuv'), dis: path.join(root, 'dis.yuv') }],
  ['outside allowlist', { ref: REF, dis: path.join(root, 'dis.yuv') }],
  ['NUL byte', { ref: path.join(root, 'dis.yuv') + '\u0000x', dis: path.join(root, 'dis.yuv') }],
  ['file URL', { ref: 'file://' + path.join(root, 'dis.yuv'), dis: path.join(root, 'dis.yuv') }],
  ['http URL', { ref: 'http://127.0.0.1/x.yuv', dis: path.join(root, 'dis.yuv') }],
  ['stdin', { ref: '-', dis: path.join(root, 'dis.yuv') }],
  ['directory', { ref: root, dis: path.join(root, 'dis.yuv') }],
  ['model path outside', { ref: path.join(root, 'dis.yuv'), dis: path.join(root, 'dis.yuv'), model: 'path=/etc/passwd' }],
];
for (const [label, args] of refused) {
  const r = await score({ ...args, ...geo });
  check(r.status >= 400 && r.status < 500 && /refused|not accepted|not supported|NUL/.test(r.body.error),
        `path ${label}: refused (${r.status}: ${String(r.body.error).slice(0, 90)})`);
}
const inside = await score({ ref: path.join(root, 'dis.yuv'), dis: path.join(root, 'dis.yuv'), ...geo, frame_cnt: 1 });
check(inside.status === 200 && inside.body.scores.vmaf > 90, 'file inside the root: scored');

// ---- body limit (declared and chunked)
const big = 'x'.repeat(200000);
const b1 = await fetch(U + '/mcp', { method: 'POST', headers: { ...auth, ...json }, body: big });
check(b1.status === 413, `oversized body with Content-Length: 413 (got ${b1.status})`);
const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
const b2 = await fetch(U + '/v1/score', { method: 'POST', headers: { ...auth, ...json }, body: stream, duplex: 'half' });
check(b2.status === 413, `oversized chunked body: 413 (got ${b2.status})`);

// ---- JSON-RPC error codes over HTTP
async function rpc(body, headers = {}) {
  const r = await fetch(U + '/mcp', { method: 'POST', headers: { ...auth, ...json, ...headers }, body });
  const text = await r.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* empty or SSE */ }
  return { status: r.status, body: parsed, headers: r.headers };
}
const init = await rpc(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }));
const sid = init.headers.get('mcp-session-id');
check(init.status === 200 && sid && init.body.result.protocolVersion === '2025-06-18', 'initialize: 200, session id, version 2025-06-18 echoed');
const old = await rpc(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 't', version: '1' } } }));
check(old.body.result.protocolVersion === '2025-11-25', 'initialize with an unknown version: server answers its latest');
const S = { 'Mcp-Session-Id': sid, 'MCP-Protocol-Version': '2025-06-18' };
const cases = [
  ['parse error', '{"jsonrpc":"2.0","id":1,', -32700],
  ['trailing garbage', '{"jsonrpc":"2.0","id":1,"method":"ping"} x', -32700],
  ['batch', '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', -32600],
  ['not an object', '42', -32600],
  ['no jsonrpc', '{"id":1,"method":"ping"}', -32600],
  ['wrong jsonrpc', '{"jsonrpc":"1.0","id":1,"method":"ping"}', -32600],
  ['bad id type', '{"jsonrpc":"2.0","id":{},"method":"ping"}', -32600],
  ['method not a string', '{"jsonrpc":"2.0","id":1,"method":5}', -32600],
  ['deep nesting', '{"jsonrpc":"2.0","id":1,"method":"ping","params":' + '['.repeat(200) + ']'.repeat(200) + '}', -32700],
  ['unknown method', '{"jsonrpc":"2.0","id":1,"method":"nope"}', -32601],
  ['tools/call without name', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{}}', -32602],
  ['params not an object', '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}', -32602],
  ['unknown tool', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x"}}', -32602],
];
for (const [label, body, code] of cases) {
  const r = await rpc(body, S);
  check(r.body?.error?.code === code, `JSON-RPC ${label}: ${code} (got ${r.body?.error?.code}, HTTP ${r.status})`);
}
const noSession = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}');
check(noSession.status === 400, `request without Mcp-Session-Id: 400 (got ${noSession.status})`);
const badSession = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', { 'Mcp-Session-Id': 'f'.repeat(32) });
check(badSession.status === 404, `unknown session: 404 (got ${badSession.status})`);
const badVersion = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', { ...S, 'MCP-Protocol-Version': '2000-01-01' });
check(badVersion.status === 400, `unsupported MCP-Protocol-Version: 400 (got ${badVersion.status})`);
const evil = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', { ...S, Origin: 'http://evil.example' });
check(evil.status === 403, `foreign Origin: 403 (got ${evil.status})`);
const local = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', { ...S, Origin: `http://127.0.0.1:${srv.port}` });
check(local.status === 200, `local Origin: 200 (got ${local.status})`);
const ctype = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', { ...S, 'Content-Type': 'text/plain' });
check(ctype.status === 415, `wrong Content-Type: 415 (got ${ctype.status})`);
const note = await rpc('{"jsonrpc":"2.0","method":"notifications/initialized"}', S);
check(note.status === 202, `notification: 202 (got ${note.status})`);
const get = await fetch(U + '/mcp', { headers: { ...auth, ...S, Accept: 'text/event-stream' } });
check(get.status === 405, `GET /mcp: 405 (got ${get.status})`);
const del = await fetch(U + '/mcp', { method: 'DELETE', headers: { ...auth, ...S } });
const after = await rpc('{"jsonrpc":"2.0","id":1,"method":"ping"}', S);
check(del.status === 200 && after.status === 404, 'DELETE /mcp ends the session');

// ---- flood beyond the job cap (1): busy answers, no crash
const flood = await Promise.all(Array.from({ length: 12 }, () =>
  score({ ref: path.join(root, 'dis.yuv'), dis: path.join(root, 'dis.yuv'), ...geo })));
const busy = flood.filter((r) => r.status === 503 && /busy/.test(r.body.error)).length;
const done = flood.filter((r) => r.status === 200).length;
check(busy + done === 12 && busy >= 1 && done >= 1, `flood of 12 with max-jobs 1: ${done} scored, ${busy} busy`);
check((await fetch(U + '/healthz', { headers: auth })).status === 200, 'server alive after the flood');

const st = await srv.stop();
check(st.code === 0, `clean exit on SIGTERM (code ${st.code})`);

// ---- malformed input over stdio: error answers, then a normal answer
const lines = ['{bad', '[]', '{"jsonrpc":"2.0","id":7,"method":"nope"}', '"x"',
               '{"jsonrpc":"2.0","id":8,"method":"ping"}'];
const out = await new Promise((resolve) => {
  const p = spawn(SERVER, [], { env: { ...process.env, VMAF_MCP_ALLOW: TESTDATA }, stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = '';
  p.stdout.on('data', (d) => { buf += d; });
  p.on('exit', (code) => resolve({ code, buf }));
  p.stdin.end(lines.join('\n') + '\n' + 'x'.repeat(2 << 20) + '\n');
});
const answers = out.buf.trim().split('\n').map((l) => JSON.parse(l));
check(JSON.stringify(answers.map((a) => a.error?.code ?? 'ok')) ===
      JSON.stringify([-32700, -32600, -32601, -32600, 'ok', -32600]) && out.code === 0,
      `stdio: malformed lines answered with -32700/-32600/-32601, over-long line refused, exit ${out.code}`);

fs.rmSync(root, { recursive: true, force: true });
finish();
