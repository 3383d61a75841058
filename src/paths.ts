import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tests) or dist/src/ (built). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'db', 'migrations'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the Liminal package root (package.json beside src/db/migrations).');
    dir = up;
  }
}

export const rootDir = findRoot();
export const migrationsDir = path.join(rootDir, 'src', 'db', 'migrations');
export const webDistDir = path.join(rootDir, 'dist', 'web');
