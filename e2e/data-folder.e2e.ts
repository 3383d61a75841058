import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const liminal = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['bin/liminal.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });

describe('the liminal command beside a running server', () => {
  it('a second process on the data folder the server holds is refused with a clear message', () => {
    const second = liminal(['migrate'], { LIMINAL_DATA_DIR: inject('dataDir') });
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/in use by another Liminal process \(pid \d+\)/);
  });

  it('`seed --demo` refuses while the folder is held, and an unknown command explains the usage', () => {
    expect(liminal(['seed', '--demo'], { LIMINAL_DATA_DIR: inject('dataDir') }).status).toBe(3);
    const unknown = liminal(['frobnicate'], {});
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command “frobnicate”[\s\S]*audit verify/);
  });

  it('on a folder of its own: migrate, load the demo, and verify the audit chain', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liminal-cli-'));
    try {
      expect(liminal(['migrate'], { LIMINAL_DATA_DIR: dir }).stdout).toMatch(/up to date/);
      const seeded = liminal(['seed', '--demo'], { LIMINAL_DATA_DIR: dir, LIMINAL_DEMO_PASSWORD: 'cli-demo-passphrase' });
      expect(seeded.status).toBe(0);
      expect(seeded.stdout).toMatch(/noor@harbour\.example/);
      const again = liminal(['seed', '--demo'], { LIMINAL_DATA_DIR: dir });
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/already loaded/);
      const verified = liminal(['audit', 'verify'], { LIMINAL_DATA_DIR: dir });
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(/audit rows verify/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
