import type { InstrumentDefinition } from '../definition.js';
import { connectionProfile } from './connection-profile.js';
import { gad2 } from './gad2.js';
import { gad7 } from './gad7.js';
import { k10 } from './k10.js';
import { phq2 } from './phq2.js';
import { phq9 } from './phq9.js';
import { relationshipCheckin } from './relationship-checkin.js';
import { ucla3 } from './ucla3.js';

/** The instruments Liminal ships: free to reproduce, each with its sources cited. */
export const shippedInstruments: readonly InstrumentDefinition[] = [phq9, phq2, gad7, gad2, ucla3, k10];

/**
 * Liminal's own measures, written for this product in the approach's terms (no published norms):
 * the connection profile and the relationship check-in.
 */
export const liminalInstruments: readonly InstrumentDefinition[] = [connectionProfile, relationshipCheckin];

export const shippedInstrumentIds: readonly string[] = shippedInstruments.map((d) => d.questionnaire.id);

export function findShippedInstrument(id: string): InstrumentDefinition | undefined {
  return shippedInstruments.find((d) => d.questionnaire.id === id);
}

export { connectionProfile, gad2, gad7, k10, phq2, phq9, relationshipCheckin, ucla3 };
