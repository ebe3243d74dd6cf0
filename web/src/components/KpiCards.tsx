// The headline cards of a report page, from their models (report/page-cards.ts): the label and
// format come from the report's field catalogue, the delta is the model's, its colour says
// whether the move is good news.
import { useI18n } from '../i18n';
import { fieldLabel, fmtField } from '../report/fields';
import type { CardModel } from '../report/cards';
import { fmtChange } from '../format';
import { rateEvidence, readRate, TOO_FEW_TO_JUDGE } from '@report/format.js';
import { Stat } from './ui';

/** Returns a signed delta as it reads: +3.2% for a change, +2.1pt for rates, +140 for counts. */
function fmtDelta(c: NonNullable<CardModel['compare']>): string {
  const d = c.delta;
  if (d === null) return '—';
  if (c.kind === 'change') return fmtChange(d);
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  if (c.kind === 'points') return `${sign}${Math.abs(d * 100).toFixed(1)}pt`;
  return `${sign}${Math.abs(d).toLocaleString('ja-JP')}`;
}

/** Returns the tone of a card's delta: good news green, bad news red. */
function toneOf(card: CardModel): 'up' | 'down' | 'flat' {
  const d = card.compare?.delta ?? null;
  if (d === null || Math.abs(d) < 0.0005) return 'flat';
  return d > 0 === (card.good !== 'down') ? 'up' : 'down';
}

/** Returns one card; `label` overrides the catalogue's (the list diagnosis names the comparison). */
export function KpiCard({
  card,
  currency,
  label,
}: {
  card: CardModel;
  currency: string;
  label?: string;
}) {
  const { t, lang } = useI18n();
  const c = card.compare;
  const when =
    c && (c.when.days === 365 ? t('vs_last_year') : t('days_before', { n: c.when.days }));
  const previous = c ? `${when} ${fmtField(card.field, c.previous, lang, currency)}` : undefined;
  const reading = card.base && readRate(card.value, card.base.n, card.base.min);
  if (reading && !reading.judged)
    return (
      <Stat
        testId={`kpi-${card.id}`}
        label={label ?? fieldLabel(card.field, lang)}
        value={TOO_FEW_TO_JUDGE[lang]}
        note={rateEvidence(reading, lang)}
      />
    );
  return (
    <Stat
      testId={`kpi-${card.id}`}
      label={label ?? fieldLabel(card.field, lang)}
      value={fmtField(card.field, card.value, lang, currency)}
      delta={c && when ? `${fmtDelta(c)} ${t('delta_vs', { when })}` : undefined}
      deltaTone={toneOf(card)}
      note={[reading ? rateEvidence(reading, lang) : null, previous].filter(Boolean).join(' · ')}
    />
  );
}

/** Returns the row of cards. */
export function KpiCards({
  cards,
  currency,
  className = 'kpis',
}: {
  cards: CardModel[];
  currency: string;
  className?: string;
}) {
  return (
    <div className={className}>
      {cards.map((c) => (
        <KpiCard key={c.id} card={c} currency={currency} />
      ))}
    </div>
  );
}
