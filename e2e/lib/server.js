// Starts a fresh Balie for the suite: its own data folder, a free port, the demo data loaded.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_EMAIL = 'beheer@balie.example';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(base, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`balie exited early:\n${output.join('')}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`balie did not become ready:\n${output.join('')}`);
}

/** Starts `balie serve --demo`; resolves to { base, dataDir, output, stop }. */
export async function startBalie() {
  const bin = process.env.BALIE_BIN;
  if (!bin) throw new Error('BALIE_BIN must name the balie binary (e2e/run.sh sets it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'balie-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output = [];
  const child = spawn(bin, ['serve', '--demo'], {
    env: {
      ...process.env,
      BALIE_DATA_DIR: dataDir,
      BALIE_LISTEN: `127.0.0.1:${port}`,
      BALIE_BASE_URL: base,
      BALIE_ADMIN_EMAIL: ADMIN_EMAIL,
      BALIE_PORTAL_NAME: 'Zorgsoft Klantportaal',
      BALIE_VENDOR_NAME: 'Zorgsoft',
      BALIE_SUPPORT_PHONE: '088-123 28 28',
      BALIE_REMOTE_HELP_URL: 'https://hulp.zorgsoft.example/',
      BALIE_ANONYMOUS_REQUESTS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  await waitUntilReady(base, child, output);
  return {
    base,
    dataDir,
    output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
