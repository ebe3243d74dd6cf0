import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS, channelName, t } from './index.js';
import { label } from '../../outputs/workbook/labels.js';

// The dashboard's dictionary, loaded as the dashboard's bundler does (a URL keeps the server's
// type check out of web code, which resolves imports the bundler's way).
const web = new URL('../../../web/src/i18n/messages.ts', import.meta.url).href;
const { MESSAGES } = (await import(web)) as {
  MESSAGES: Record<'ja' | 'en', Record<string, string>>;
};

test('the dashboard speaks with the same dictionary: every shared word is its word', () => {
  for (const lang of ['ja', 'en'] as const)
    for (const [k, v] of Object.entries(LABELS[lang]))
      assert.equal(MESSAGES[lang][k], v, `${lang}.${k}`);
});

test('the workbook reads its words from it too', () => {
  assert.equal(label('active_customers', 'ja'), MESSAGES.ja.active_customers);
  assert.equal(label('annual_revenue', 'ja'), MESSAGES.ja.annual_revenue);
  assert.equal(label('critical', 'en'), MESSAGES.en.severity_critical);
});

test('placeholders are filled and channel codes named', () => {
  assert.equal(t('ja', 'years_ahead', { n: 3 }), '3年後');
  assert.equal(channelName('web_ad', 'ja'), 'Web広告');
  assert.equal(channelName('WEB_AD', 'en'), 'Web ads');
  assert.equal(channelName('tiktok', 'ja'), 'tiktok', 'an unknown code stays as it is');
});
