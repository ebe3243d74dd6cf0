// Follow-up steps (seed 001: "after the first purchase, contact step 1, 2, 3 …"): each step is
// a rule — N days after a customer's first purchase, if a condition holds, do an action on a
// channel. The daily job turns each step into the day's action list.
import { z } from 'zod';

export const TRIGGERS = ['after_first_purchase'] as const;
/** none: everyone N days after the first purchase; no_second_purchase: only those who have not bought again. */
export const CONDITIONS = ['none', 'no_second_purchase'] as const;
export const STEP_CHANNELS = ['dm', 'email', 'line', 'sms', 'call', 'other'] as const;

export const FollowupStep = z.object({
  /** Stable id; also the campaign_id of the contacts the step records. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'id: letters, digits, - and _ (max 40)'),
  name: z.string().min(1),
  trigger: z.enum(TRIGGERS).default('after_first_purchase'),
  /** Days after the trigger date (the first purchase is day 0). */
  days: z.number().int().min(1).max(3650),
  condition: z.enum(CONDITIONS).default('none'),
  channel: z.enum(STEP_CHANNELS),
  /** What to do, free text for the person who sends it (thank_you_dm, coupon, …). */
  action: z.string().min(1),
  /** Cost per contact in the business currency (a DM's print and postage), stored on the contact. */
  cost: z.number().min(0).nullable().default(null),
  /** Share of the day's targets held out as a control group (not contacted), 0–0.5. */
  holdout_share: z.number().min(0).max(0.5).default(0),
  active: z.boolean().default(true),
});

export type FollowupStep = z.infer<typeof FollowupStep>;

/** The two example steps of seed 001, offered by `kenshin followup add --example`. */
export const EXAMPLE_STEPS: FollowupStep[] = [
  FollowupStep.parse({
    id: 'thanks-7d',
    name: '初回購入お礼DM / thank-you DM',
    days: 7,
    channel: 'dm',
    action: 'thank_you_dm',
  }),
  FollowupStep.parse({
    id: 'coupon-30d',
    name: '2回目購入クーポン / second-purchase coupon',
    days: 30,
    condition: 'no_second_purchase',
    channel: 'email',
    action: 'coupon',
  }),
];

/** Returns the step parsed, or throws a ZodError naming the bad field. */
export function parseStep(input: unknown): FollowupStep {
  return FollowupStep.parse(input);
}
