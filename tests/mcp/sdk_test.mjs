// Drives vmaf-mcp with the official MCP TypeScript SDK client, over stdio and
// over Streamable HTTP: tools, golden score, progress, cancellation, errors.
// usage: node sdk_test.mjs VMAF_MCP_BINARY stdio|http
import { SERVER, TESTDATA, TOKEN, GOLDEN_VMAF, scoreArgs, check, finish, sdk, startHttp } from './common.mjs';

const mode = process.argv[3] || 'stdio';
const require = sdk();
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { LATEST_PROTOCOL_VERSION } = require('@modelcontextprotocol/sdk/types.js');

let server = null;
let transport;
if (mode === 'stdio') {
  transport = new StdioClientTransport({ command: SERVER, args: [],
    env: { ...process.env, VMAF_MCP_ALLOW: TESTDATA }, stderr: 'inherit' });
} else {
  server = await startHttp();
  transport = new StreamableHTTPClientTransport(new URL(server.url + '/mcp'),
    { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
}
const client = new Client({ name: 'vmafx-test', version: '1.0.0' });
await client.connect(transport);
check(client.getServerVersion()?.name === 'vmaf-mcp', `${mode}: initialize (server vmaf-mcp)`);
if (mode === 'http')
  check(transport.sessionId && transport.sessionId.length === 32, 'http: Mcp-Session-Id assigned');
check(transport.protocolVersion === undefined || transport.protocolVersion === LATEST_PROTOCOL_VERSION,
      `${mode}: protocol ${LATEST_PROTOCOL_VERSION} agreed`);

await client.ping();
check(true, `${mode}: ping`);

const { tools } = await client.listTools();
const names = tools.map((t) => t.name).sort();
check(JSON.stringify(names) === JSON.stringify(['describe_model', 'list_features', 'list_models',
      'run_benchmark', 'vmaf_score', 'vmaf_version']), `${mode}: tools/list has the 6 tools`);
check(tools.every((t) => t.inputSchema && t.outputSchema), `${mode}: every tool has input and output schemas`);

// golden pair, with progress
const progress = [];
const r = await client.callTool({ name: 'vmaf_score', arguments: scoreArgs }, undefined,
                                { onprogress: (p) => progress.push(p) });
const vmaf = r.structuredContent?.scores?.vmaf;
console.log(`     vmaf = ${vmaf} (golden ${GOLDEN_VMAF})`);
check(!r.isError && Math.abs(vmaf - GOLDEN_VMAF) < 5e-7, `${mode}: vmaf_score gives the golden pooled VMAF`);
check(r.structuredContent.report?.pooled_metrics?.vmaf?.mean === GOLDEN_VMAF,
      `${mode}: report pooled_metrics.vmaf.mean equals the golden file`);
// (the SDK handles notifications a microtask late, so the last one may race the answer)
check(progress.length >= 1 && progress.every((p, i) => p.total === 12 && (!i || p.progress > progress[i - 1].progress)),
      `${mode}: progress notifications (${progress.length}, increasing, last ${progress.at(-1)?.progress}/${progress.at(-1)?.total})`);
check(JSON.parse(r.content[0].text).scores.vmaf === vmaf, `${mode}: text content mirrors structuredContent`);

// fork argument names and long names, per-frame, extra feature
const pf = await client.callTool({ name: 'vmaf_score', arguments: {
  reference: scoreArgs.ref, distorted: scoreArgs.dis, width: 576, height: 324, pixfmt: 'yuv420p',
  bitdepth: 8, model: 'vmaf_v0.6.1', features: ['psnr'], per_frame: true, frame_cnt: 3 } });
check(!pf.isError && pf.structuredContent.report.frames.length === 3 &&
      'psnr_y' in pf.structuredContent.report.frames[0].metrics, `${mode}: per_frame + features + frame_cnt`);

// y4m needs no geometry
const y4m = await client.callTool({ name: 'vmaf_score', arguments: {
  ref: `${TESTDATA}/city_320x180_420p10_ref.y4m`, dis: `${TESTDATA}/city_320x180_420p10_x265crf30.y4m`, frame_cnt: 2 } });
check(!y4m.isError && y4m.structuredContent.input.bitdepth === 10, `${mode}: y4m input without geometry`);

const lm = await client.callTool({ name: 'list_models', arguments: {} });
check(lm.structuredContent.models.some((m) => m.name === 'vmaf_v0.6.1'), `${mode}: list_models`);
const dm = await client.callTool({ name: 'describe_model', arguments: { name: 'vmaf_b_v0.6.3' } });
check(!dm.isError && dm.structuredContent.kind === 'collection', `${mode}: describe_model (collection)`);
const lf = await client.callTool({ name: 'list_features', arguments: {} });
check(lf.structuredContent.features.includes('psnr'), `${mode}: list_features`);
const vv = await client.callTool({ name: 'vmaf_version', arguments: {} });
check(vv.structuredContent.libvmaf_api.startsWith('3.'), `${mode}: vmaf_version`);
const bm = await client.callTool({ name: 'run_benchmark', arguments: { width: 128, height: 96, frames: 4 } });
check(!bm.isError && bm.structuredContent.frames === 4 && bm.structuredContent.fps > 0, `${mode}: run_benchmark`);

// tool errors are isError results, not crashes
const bad = await client.callTool({ name: 'vmaf_score', arguments: { ref: '/etc/passwd', dis: '/etc/passwd' } });
check(bad.isError && /outside the allowed roots/.test(bad.content[0].text), `${mode}: path outside the allowlist refused`);
const bad2 = await client.callTool({ name: 'vmaf_score', arguments: { ...scoreArgs, bogus: 1 } });
check(bad2.isError && /unknown argument/.test(bad2.content[0].text), `${mode}: unknown argument refused`);
let unknownTool = null;
try { await client.callTool({ name: 'no_such_tool', arguments: {} }); } catch (e) { unknownTool = e; }
check(unknownTool && unknownTool.code === -32602, `${mode}: unknown tool gives -32602`);

// cancellation: abort a long benchmark after its first progress, then the server still works
const ac = new AbortController();
let cancelled = false;
const t0 = Date.now();
try {
  await client.callTool({ name: 'run_benchmark', arguments: { width: 1920, height: 1080, frames: 300 } },
    undefined, { signal: ac.signal, timeout: 120000, onprogress: () => ac.abort('test cancel') });
} catch (e) {
  cancelled = true;
}
check(cancelled, `${mode}: cancelled run_benchmark rejected on the client (${Date.now() - t0} ms)`);
let freed = false;
for (let i = 0; i < 100 && !freed; i++) {
  const again = await client.callTool({ name: 'vmaf_score', arguments: { ...scoreArgs, frame_cnt: 1 } });
  freed = !again.isError;
  if (!freed) await new Promise((res) => setTimeout(res, 100));
}
check(freed, `${mode}: job slot freed after cancellation`);

await client.close();
if (server) {
  const st = await server.stop();
  check(st.code === 0, `http: clean exit on SIGTERM (code ${st.code}, signal ${st.sig})`);
}
finish();
