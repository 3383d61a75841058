import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './lock.js';

const dir = mkdtempSync(path.join(tmpdir(), 'liminal-lock-'));
const lockPath = path.join(dir, 'liminal.lock');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data folder lock', () => {
  it('holds the folder with this process id and lets it go on release', () => {
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(() => readFileSync(lockPath)).toThrow();
  });

  it('refuses a folder another live process holds, naming that process', () => {
    // Our parent process is alive and is not us: the situation a second `liminal start` meets.
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: hostname() }));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another Liminal process \\(pid ${process.ppid}\\)`));
    rmSync(lockPath);
  });

  it('takes over a lock left by a process that has died', () => {
    writeFileSync(lockPath, JSON.stringify({ pid: 4_000_000, host: hostname() }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
