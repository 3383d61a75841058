#!/usr/bin/env node
// The `liminal` command: runs the compiled CLI (npm start builds it first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(built)) {
  console.error('Liminal is not built yet. Run `npm run build` (or `npm start`, which builds first).');
  process.exit(2);
}
const { run } = await import(built);
run();
