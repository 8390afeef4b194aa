// Shared helpers of the vmaf-mcp tests: SDK install (once, into the build dir),
// server start/stop on 127.0.0.1, test data paths, small assertions.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER = process.argv[2];
export const NODE_DIR = process.env.VMAFX_MCP_NODE_DIR || path.join(here, 'node_modules', '..');
export const TESTDATA = process.env.VMAFX_TESTDATA || path.join(here, '..', '..', '..', 'shared', 'testdata');
export const REF = path.join(TESTDATA, 'cockatoo_576x324_420p8_ref.yuv');
export const DIS = path.join(TESTDATA, 'cockatoo_576x324_420p8_x264crf38.yuv');
export const GOLDEN_VMAF = JSON.parse(fs.readFileSync(
  path.join(TESTDATA, 'golden', 'cockatoo_576x324_420p8_x264crf38.yuv.default.json'), 'utf8'))
  .pooled_metrics.vmaf.mean;
export const TOKEN = 'test-token-' + process.pid;

let failures = 0;
export function check(cond, what) {
  if (cond) {
    console.log('ok   ' + what);
  } else {
    failures++;
    console.log('FAIL ' + what);
  }
}
export function finish() {
  console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
  process.exit(failures ? 1 : 0);
}

// Installs the pinned SDK into NODE_DIR once; parallel tests wait on a lock dir.
// The marker is written only after npm has finished: package files appear while
// npm is still unpacking the rest, so they cannot tell a complete install.
export function sdk() {
  const marker = path.join(NODE_DIR, '.install-complete');
  const lock = path.join(NODE_DIR, '.install-lock');
  fs.mkdirSync(NODE_DIR, { recursive: true });
  for (let waited = 0; !fs.existsSync(marker); waited++) {
    try {
      fs.mkdirSync(lock);
    } catch {
      if (waited > 600) throw new Error('timed out waiting for npm install');
      execFileSync('sleep', ['0.5']);
      continue;
    }
    try {
      fs.copyFileSync(path.join(here, 'package.json'), path.join(NODE_DIR, 'package.json'));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'],
                   { cwd: NODE_DIR, stdio: 'inherit' });
      fs.writeFileSync(marker, 'ok\n');
    } finally {
      fs.rmdirSync(lock);
    }
  }
  return createRequire(path.join(NODE_DIR, 'package.json'));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `vmaf-mcp --transport http` on a free loopback port; extra env/flags allowed.
export async function startHttp({ env = {}, args = [], token = TOKEN } = {}) {
  const port = await freePort();
  const fullEnv = { ...process.env, VMAFX_PORT: String(port), VMAFX_MCP_HTTP_BIND: '127.0.0.1',
                    VMAF_MCP_ALLOW: TESTDATA, ...env };
  if (token === null) delete fullEnv.VMAFX_MCP_HTTP_TOKEN;
  else fullEnv.VMAFX_MCP_HTTP_TOKEN = token;
  const proc = spawn(SERVER, ['--transport', 'http', ...args], { env: fullEnv,
                     stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; process.stderr.write(d); });
  const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve({ code, sig })));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200 && !stderr.includes('listening'); i++)
    await new Promise((r) => setTimeout(r, 50));
  return {
    proc, port, url, token,
    stderr: () => stderr,
    // SIGTERM, then the exit status (0 expected: clean shutdown, no sanitizer report)
    async stop() {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 60000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

export function rssKiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = status.match(/VmRSS:\s+(\d+)/);
  return m ? Number(m[1]) : -1;
}

export const scoreArgs = { ref: REF, dis: DIS, width: 576, height: 324, pixfmt: '420', bitdepth: 8 };
