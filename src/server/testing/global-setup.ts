import { openDatabase } from '../../db/client.js';

/** With DATABASE_URL, the suite shares one PostgreSQL database: migrate it once, before any test. */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ kind: 'postgres', url, max: 1 });
  await database.migrate();
  await database.close();
}
