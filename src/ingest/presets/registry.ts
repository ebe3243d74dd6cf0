// Every platform preset, in detection order: the first whose signature matches the file's headers
// (and none of whose `without` headers is present) is used. Add a preset by importing it here.
import type { EntityName } from '../entities.js';
import { normaliseHeader } from '../headers.js';
import { shopify } from './shopify.js';
import { smaregiDetails } from './smaregi-details.js';
import { smaregiTransactions } from './smaregi-transactions.js';
import type { Preset } from './types.js';

/** The presets, most specific signature first. */
export const PRESETS: Preset[] = [
  // presets: one import line each above, one entry each below
  shopify,
  smaregiDetails,
  smaregiTransactions,
];

/** Returns the preset whose signature the headers carry, for the entity being imported, or null. */
export function detectPreset(entity: EntityName, headers: string[]): Preset | null {
  const have = new Set(headers.map(normaliseHeader));
  for (const p of PRESETS) {
    if (!p.entities.includes(entity)) continue;
    if (!p.signature.every((h) => have.has(normaliseHeader(h)))) continue;
    if ((p.without ?? []).some((h) => have.has(normaliseHeader(h)))) continue;
    return p;
  }
  return null;
}

/** Returns the preset of an id, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
