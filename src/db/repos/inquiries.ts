import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { inquiries, inquiryReplies, outbox, publicFormHits, users } from '../schema/index.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import { createClient } from './clients.js';

const preferred = alias(users, 'preferred');

const inquiryFields = {
  id: inquiries.id,
  name: inquiries.name,
  contact: inquiries.contact,
  whatBrings: inquiries.whatBrings,
  preferredPractitionerId: inquiries.preferredPractitionerId,
  preferredPractitionerName: preferred.displayName,
  status: inquiries.status,
  createdAt: inquiries.createdAt,
  clientId: inquiries.clientId,
};

export async function listInquiries(db: Db, practiceId: string, status?: string) {
  return db
    .select(inquiryFields)
    .from(inquiries)
    .leftJoin(preferred, and(eq(preferred.practiceId, inquiries.practiceId), eq(preferred.id, inquiries.preferredPractitionerId)))
    .where(and(eq(inquiries.practiceId, practiceId), status ? eq(inquiries.status, status) : undefined))
    .orderBy(sql`${inquiries.status} = 'new' desc`, desc(inquiries.createdAt))
    .limit(500);
}

export async function getInquiry(db: Db, practiceId: string, id: string) {
  const [row] = await db
    .select(inquiryFields)
    .from(inquiries)
    .leftJoin(preferred, and(eq(preferred.practiceId, inquiries.practiceId), eq(preferred.id, inquiries.preferredPractitionerId)))
    .where(and(eq(inquiries.practiceId, practiceId), eq(inquiries.id, id)));
  if (!row) throw notFound('The inquiry');
  const replies = await db
    .select({ id: inquiryReplies.id, authorId: inquiryReplies.authorId, authorName: users.displayName, body: inquiryReplies.body, createdAt: inquiryReplies.createdAt })
    .from(inquiryReplies)
    .leftJoin(users, and(eq(users.practiceId, inquiryReplies.practiceId), eq(users.id, inquiryReplies.authorId)))
    .where(and(eq(inquiryReplies.practiceId, practiceId), eq(inquiryReplies.inquiryId, id)))
    .orderBy(asc(inquiryReplies.createdAt));
  return { ...row, replies };
}

/** Fixed-window limit on the public form per address: a person is never blocked, a script is. */
export async function countPublicHit(db: Db, practiceId: string, key: string, limit: number, windowMs: number, now = new Date()) {
  const windowStart = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(publicFormHits)
    .values({ practiceId, key, hits: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [publicFormHits.practiceId, publicFormHits.key],
      set: {
        hits: sql`case when ${publicFormHits.windowStartedAt} < ${windowStart.toISOString()} then 1 else ${publicFormHits.hits} + 1 end`,
        windowStartedAt: sql`case when ${publicFormHits.windowStartedAt} < ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else ${publicFormHits.windowStartedAt} end`,
      },
    })
    .returning({ hits: publicFormHits.hits, windowStartedAt: publicFormHits.windowStartedAt });
  if (row && row.hits > limit) {
    const wait = Math.max(1, Math.ceil((row.windowStartedAt.getTime() + windowMs - now.getTime()) / 60_000));
    throw new DomainError('rate_limited', `We have received several messages from you in a short time. Please wait ${wait} minute${wait === 1 ? '' : 's'} before sending another.`, {
      retryAfterSeconds: wait * 60,
    });
  }
}

export async function createInquiry(
  db: Db,
  practiceId: string,
  input: { name: string; contact: string; whatBrings: string; preferredPractitionerId: string | null },
) {
  const [row] = await db.insert(inquiries).values({ practiceId, ...input }).returning({ id: inquiries.id });
  return row!.id;
}

export async function replyToInquiry(db: Db, practiceId: string, id: string, authorId: string, body: string, practiceName: string) {
  const inquiry = await getInquiry(db, practiceId, id);
  await db.transaction(async (tx) => {
    await tx.insert(inquiryReplies).values({ practiceId, inquiryId: id, authorId, body });
    await tx.insert(outbox).values({
      practiceId,
      toAddress: inquiry.contact,
      subject: `Your message to ${practiceName}`,
      body,
      kind: 'inquiry_reply',
      createdBy: authorId,
    });
    if (inquiry.status === 'new') {
      await tx.update(inquiries).set({ status: 'replied', handledBy: authorId, updatedAt: new Date() }).where(and(eq(inquiries.practiceId, practiceId), eq(inquiries.id, id)));
    }
  });
}

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** Accepting creates the client and opens their first chapter in reaching out. */
export async function acceptInquiry(db: Db, practiceId: string, id: string, acceptedBy: string, primaryPractitionerId: string) {
  const inquiry = await getInquiry(db, practiceId, id);
  if (inquiry.status === 'accepted') throw new DomainError('conflict', 'This inquiry was already accepted.');
  if (inquiry.status === 'declined') throw new DomainError('conflict', 'This inquiry was declined; it cannot be accepted now.');
  const contact = inquiry.contact.trim();
  const clientId = await createClient(db, practiceId, {
    profile: {
      name: inquiry.name,
      legalName: '',
      pronouns: '',
      culturalIdentities: '',
      communities: '',
      email: looksLikeEmail(contact) ? contact : '',
      phone: !looksLikeEmail(contact) && /^[+()\d\s.-]{5,40}$/.test(contact) ? contact : '',
      preferredContact: contact,
      dateOfBirth: null,
      emergencyContactName: '',
      emergencyContactPhone: '',
      emergencyContactRelationship: '',
      concerns: inquiry.whatBrings,
      resilience: '',
      connection: '',
      vitality: '',
    },
    primaryPractitionerId,
    createdBy: acceptedBy,
    openingNote: 'Reached out through the practice’s page.',
  });
  const done = await db
    .update(inquiries)
    .set({ status: 'accepted', clientId, handledBy: acceptedBy, updatedAt: new Date() })
    .where(and(eq(inquiries.practiceId, practiceId), eq(inquiries.id, id), sql`${inquiries.status} in ('new','replied')`))
    .returning({ id: inquiries.id });
  if (done.length === 0) throw new DomainError('conflict', 'Someone else handled this inquiry a moment ago.');
  return clientId;
}

export async function declineInquiry(db: Db, practiceId: string, id: string, by: string, reason: string) {
  const inquiry = await getInquiry(db, practiceId, id);
  if (inquiry.status === 'accepted') throw new DomainError('conflict', 'This inquiry was already accepted.');
  await db.transaction(async (tx) => {
    await tx.update(inquiries).set({ status: 'declined', handledBy: by, updatedAt: new Date() }).where(and(eq(inquiries.practiceId, practiceId), eq(inquiries.id, id)));
    if (reason) await tx.insert(inquiryReplies).values({ practiceId, inquiryId: id, authorId: by, body: `Declined: ${reason}` });
  });
}
