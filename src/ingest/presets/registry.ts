// Every platform preset, in detection order: the first whose signature matches the file's headers
// (and none of whose `without` headers is present) is used. Add a preset by importing it here.
import type { EntityName } from '../entities.js';
import { normaliseHeader } from '../headers.js';
import { shopify } from './shopify.js';
import { mailLog } from './mail-log.js';
import { dmSendList } from './dm-send-list.js';
import { smaregiDetails } from './smaregi-details.js';
import { smaregiTransactions } from './smaregi-transactions.js';
import { amazonAllOrders } from './amazon-all-orders.js';
import { amazonNewOrders } from './amazon-new-orders.js';
import { base } from './base.js';
import { stores } from './stores.js';
import { ecCube4 } from './ec-cube-4.js';
import { futureshop } from './futureshop.js';
import { makeshop } from './makeshop.js';
import { colorme } from './colorme.js';
import { rakutenPay } from './rakuten-pay.js';
import { rakutenLegacy } from './rakuten-legacy.js';
import { yahooShoppingOrders } from './yahoo-shopping-orders.js';
import { yahooShoppingItems } from './yahoo-shopping-items.js';
import type { Preset } from './types.js';

/** The presets, most specific signature first. */
export const PRESETS: Preset[] = [
  // presets: one import line each above, one entry each below
  rakutenPay,
  rakutenLegacy,
  yahooShoppingOrders,
  yahooShoppingItems,
  amazonAllOrders,
  amazonNewOrders,
  base,
  stores,
  shopify,
  smaregiDetails,
  smaregiTransactions,
  mailLog,
  dmSendList,
  ecCube4,
  futureshop,
  makeshop,
  colorme,
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
