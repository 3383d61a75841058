import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsDir } from '../paths.js';
import { lockDataDir } from './lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** Both drivers share drizzle's PgDatabase surface; repositories are written against it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Bare SQL, for the benchmarks' baseline and for maintenance. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type OpenOptions =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' };

/** Opens the database the configuration names: PostgreSQL when a URL is given, else PGlite. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    // Drizzle sends its queries unnamed, so PostgreSQL parses and plans every one again and
    // postgres.js waits for a describe first. Named (prepared) statements are cached per
    // connection by their text, which is parameterised, so the set stays small.
    type Unsafe = (query: string, params?: never[], queryOptions?: { prepare?: boolean }) => unknown;
    const prepared = (client: { unsafe: Unsafe }) => {
      const unsafe = client.unsafe.bind(client);
      client.unsafe = (query, params, queryOptions) => unsafe(query, params, { ...queryOptions, prepare: true });
    };
    prepared(sql as unknown as { unsafe: Unsafe });
    // The same inside transactions, whose statements run on a connection of their own.
    const begin = sql.begin.bind(sql) as (...args: unknown[]) => unknown;
    (sql as unknown as { begin: (...args: unknown[]) => unknown }).begin = (...args: unknown[]) => {
      const body = args.pop() as (tx: { unsafe: Unsafe }) => unknown;
      return begin(...args, (tx: { unsafe: Unsafe }) => {
        prepared(tx);
        return body(tx);
      });
    };
    const db = drizzlePostgres({ client: sql, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
      migrate: () => migratePostgres(db as never, { migrationsFolder: migrationsDir }),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const lock = options.kind === 'pglite' ? lockDataDir(options.dataDir) : undefined;
  try {
    const client =
      options.kind === 'pglite' ? await PGlite.create(path.join(options.dataDir, 'pglite')) : await PGlite.create();
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      query: async (text, params = []) => (await client.query(text, params)).rows as never,
      migrate: () => migratePglite(db as never, { migrationsFolder: migrationsDir }),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
