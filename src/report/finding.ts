// A finding of a diagnosis (SPEC §6): a stable id, a severity, the numbers that triggered it by
// SPEC name, the cause it points to and the recommended action, in Japanese and English. The
// ids are the rule catalogue's (src/domain/diagnosis/catalogue.ts, docs/diagnoses.md).
import { z } from 'zod';
import { code, key, map, words, wordsSchema } from './field.js';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Text = z.infer<typeof wordsSchema>;

export const findingSchema = z.strictObject({
  id: key(
    '所見ID',
    'Finding id',
    'The rule’s stable id, e.g. list.active_decline (docs/diagnoses.md).',
  ),
  severity: code(SEVERITIES, '重要度', 'Severity', 'info, warning or critical.'),
  title: words('所見', 'Finding', 'One line: what was found, with its numbers.'),
  evidence: map(
    z.union([z.number(), z.string(), z.null()]),
    '根拠の数値',
    'Evidence',
    'The numbers that triggered the finding, by SPEC name.',
  ),
  test: words(
    '判定の根拠',
    'Test',
    'The test the finding passed: the statistic, its value and the threshold, or the threshold on a full count (since version 3).',
  ),
  cause: words('原因', 'Cause', 'What the numbers point to.'),
  action: words('推奨アクション', 'Action', 'What to do about it.'),
});
export type Finding = z.infer<typeof findingSchema>;
export const findingsSchema = z.array(findingSchema);
