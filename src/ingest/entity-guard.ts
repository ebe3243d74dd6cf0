// A file of one entity imported as another is refused before anything is read: a leads file
// imported as customers would take its customer_id (only a reference there: the customer a lead
// became) as the customers' key and overwrite their signup dates with the leads' dates. Pure.
//
// The sign of another entity's file: a column the asked entity does not read is that entity's own
// id (lead_id, order_id, campaign_id, contact_id, customer_id); the asked entity's key comes from
// a column that is only a reference in that entity's files (or has no column, as a contacts file
// without contact_id); and the file's headers fit that entity better than the asked one.
import { ENTITIES, type EntityName } from './entities.js';
import { ImportError } from './errors.js';
import { normaliseHeader, stripHeaderNotes, wordIndex, type MappedColumn } from './headers.js';
import type { ImportPlan } from './plan.js';
import { suggestedCommand } from './problems.js';

/** Entities with an id of their own, and how the messages name them. */
const OWN_ID: Partial<Record<EntityName, { id: string; ja: string; en: string }>> = {
  customers: { id: 'customer_id', ja: '顧客', en: 'a customer' },
  orders: { id: 'order_id', ja: '受注', en: 'an order' },
  contacts: { id: 'contact_id', ja: '接触（DM・メール）', en: 'a contact' },
  campaigns: { id: 'campaign_id', ja: 'キャンペーン', en: 'a campaign' },
  leads: { id: 'lead_id', ja: 'リード', en: 'a lead' },
};

/** What the guard found: the entity the file looks like, the column that says so, the asked key's column. */
export interface EntityMismatch {
  looksLike: EntityName;
  /** The header of the other entity's id. */
  idColumn: string;
  /** The header the asked entity's key would come from (a reference there), or null (no key column). */
  keyColumn: string | null;
}

/** Returns the entity the file evidently belongs to instead of the asked one, or null. */
export function entityMismatch(plan: ImportPlan): EntityMismatch | null {
  for (const [other, spec] of Object.entries(OWN_ID) as [EntityName, { id: string }][]) {
    if (other === plan.entity) continue;
    const idCol = unreadColumn(plan, other, spec.id);
    if (!idCol || !keyIsReferenceIn(plan, other)) continue;
    if (fittingColumns(plan.headers, other) <= plan.mapping.columns.filter((c) => c.field).length)
      continue;
    return { looksLike: other, idColumn: idCol.header, keyColumn: keyColumn(plan) };
  }
  return null;
}

/** Throws ImportError('wrong_entity') when the file is evidently another entity's. */
export function guardEntity(plan: ImportPlan, file: string): void {
  const m = entityMismatch(plan);
  if (!m) return;
  const other = OWN_ID[m.looksLike]!;
  const command = suggestedCommand(m.looksLike, file, []);
  const ignore = `--map "${m.idColumn}=-"`;
  const ref = m.keyColumn
    ? {
        ja: `、「${m.keyColumn}」はそこでは参照の列です`,
        en: ` and "${m.keyColumn}" only refers to ${OWN_ID[plan.entity]?.en ?? plan.entity} there`,
      }
    : { ja: '', en: '' };
  throw new ImportError(
    'wrong_entity',
    `このファイルは ${m.looksLike}（${other.ja}）のファイルのようです: 列「${m.idColumn}」は${other.ja}の ID です${ref.ja}。` +
      `何も取り込んでいません。${m.looksLike} として取り込むには: ${command}（本当に ${plan.entity} なら ${ignore} でその列を無視してください） / ` +
      `this file looks like ${m.looksLike}, not ${plan.entity}: column "${m.idColumn}" is ${other.en}'s id${ref.en}. ` +
      `Nothing was stored. To import it as ${m.looksLike}: ${command} (if it really is ${plan.entity}, ignore the column with ${ignore})`,
  );
}

// The column that is `other`'s own id by its header, when the asked entity does not read it (a
// column the user set aside with --map is the user's decision and is not looked at).
function unreadColumn(plan: ImportPlan, other: EntityName, id: string): MappedColumn | undefined {
  const words = wordIndex(
    other,
    ENTITIES[other].fields.filter((f) => f.name === id),
  );
  return plan.mapping.columns.find(
    (c) =>
      c.field === null &&
      c.note !== '--map' &&
      (words.get(normaliseHeader(c.header)) === id || words.get(stripHeaderNotes(c.header)) === id),
  );
}

// True when the asked entity's key is only a reference in `other` (a leads file's customer_id),
// or it is an optional key the file has no column for (a contacts file derives its key from the
// other columns). A required key without a column is the missing-column error's to report.
function keyIsReferenceIn(plan: ImportPlan, other: EntityName): boolean {
  const spec = ENTITIES[plan.entity];
  const key = spec.key;
  const optional = key.every((k) => !spec.fields.find((f) => f.name === k)?.required);
  if (key.every((k) => plan.mapping.fields[k] === undefined)) return optional;
  const theirs = ENTITIES[other];
  return key.every((k) => theirs.fields.some((f) => f.name === k) && !theirs.key.includes(k));
}

function keyColumn(plan: ImportPlan): string | null {
  const i = plan.mapping.fields[ENTITIES[plan.entity].key[0]];
  return i === undefined ? null : plan.headers[i];
}

// How many of the headers are fields of `other`: a file that fits the asked entity at least as
// well (a customers file that also records the lead a customer came from) is not refused.
function fittingColumns(headers: string[], other: EntityName): number {
  const words = wordIndex(other, ENTITIES[other].fields);
  const fields = new Set<string>();
  for (const h of headers) {
    const f = words.get(normaliseHeader(h)) ?? words.get(stripHeaderNotes(h));
    if (f) fields.add(f);
  }
  return fields.size;
}
