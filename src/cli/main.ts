import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { demoExists, hasAnyPractice, seedDemo, type DemoSummary } from '../db/seed/demo.js';
import { DomainError, isDomainError } from '../domain/shared/errors.js';
import { verifyAuditChain } from '../server/audit/log.js';
import { buildApp } from '../server/app.js';
import { runMeasure } from './measure.js';

const usage = `Liminal — relationship-centred mental-health care

Usage: liminal <command>

  start           migrate, load the demo practice on first run, and serve the app
  migrate         bring the database up to date
  seed --demo     load the demo practice (refused if it exists)
  audit verify    re-compute the audit chain; exit 1 and name the first broken row if altered
  measure …       score measures, reliable change, NHS Talking Therapies outcomes, as JSON
                  (no database; liminal measure --help)

Settings (environment): PORT (3000), HOST (127.0.0.1), LIMINAL_DATA_DIR (./data),
DATABASE_URL (PostgreSQL instead of the embedded database), LIMINAL_DEMO_PASSWORD,
LIMINAL_PUBLIC_URL, LIMINAL_LOG_LEVEL.`;

/** Exit codes by error code: 2 for what the person can fix, 3 when the database is busy or down. */
const exitCodeOf = (e: DomainError): number => (e.code === 'unavailable' ? 3 : 2);

async function open(config: Config): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  await database.migrate();
  return database;
}

function printLogins(summary: DemoSummary, password: string, generated: boolean, url: string): void {
  const lines = [
    '',
    `  Demo practice: ${summary.practiceName}  (sign in at ${url}/sign-in, practice “${summary.slug}”)`,
    `  Reach-out page: ${url}/p/${summary.slug}`,
    '',
    ...summary.logins.map((l) => `    ${l.email.padEnd(34)} ${l.note}`),
    '',
    generated
      ? `  Password for every demo account: ${password}\n  (generated now and shown only once; set LIMINAL_DEMO_PASSWORD to choose it)`
      : '  Password for every demo account: the value of LIMINAL_DEMO_PASSWORD',
    '',
  ];
  console.log(lines.join('\n'));
}

async function seed(database: Database, config: Config): Promise<void> {
  const generated = !config.demoPassword;
  const password = config.demoPassword ?? `demo-${randomBytes(6).toString('base64url')}`;
  const summary = await seedDemo(database.db, { password });
  printLogins(summary, password, generated, config.publicUrl);
}

async function start(config: Config): Promise<void> {
  const database = await open(config);
  if (!(await hasAnyPractice(database.db))) {
    console.log('First run: loading the demo practice…');
    await seed(database, config);
  }
  const app = await buildApp({ database, config, serveWeb: true });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port: config.port, host: config.host });
  console.log(`\n  Liminal is running at ${config.publicUrl}  (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})\n  API documentation: ${config.publicUrl}/api/docs\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  // Pure scoring: no settings, no database.
  if (command === 'measure') {
    console.log(runMeasure(rest));
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1; // keep running
    case 'migrate': {
      const database = await open(config);
      await database.close();
      console.log('The database is up to date.');
      return 0;
    }
    case 'seed': {
      if (rest[0] !== '--demo') throw new DomainError('invalid', 'Say what to load: liminal seed --demo');
      const database = await open(config);
      try {
        if (await demoExists(database.db)) throw new DomainError('conflict', 'The demo practice is already loaded.');
        await seed(database, config);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw new DomainError('invalid', 'Usage: liminal audit verify');
      const database = await open(config);
      try {
        const result = await verifyAuditChain(database.db);
        console.log(result.message);
        return result.ok ? 0 : 1;
      } finally {
        await database.close();
      }
    }
    default:
      throw new DomainError('invalid', `Unknown command “${command}”.\n\n${usage}`);
  }
}

export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (e: unknown) => {
      if (isDomainError(e)) {
        console.error(e.message);
        process.exit(exitCodeOf(e));
      }
      console.error(e);
      process.exit(1);
    },
  );
}
