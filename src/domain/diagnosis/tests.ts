// The test a finding passed, in words a manager can check: the statistic, its value and the
// threshold it crossed — or, for a rule on a full count (every customer, not a sample), that
// there is no sampling noise to test and which threshold applies. Every finding names one, so
// no finding reads as stronger evidence than it is.
import type { Text } from '../../report/index.js';

/** Returns a signed number with one decimal and a true minus sign: −3.1. */
function signed(x: number): string {
  return `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}`;
}

const Z_TESTS = {
  poisson: { ja: 'ポアソン検定(件数の変化)', en: 'Poisson test of a change in a count' },
  flows: {
    ja: '流入出の変動に対する検定(稼働顧客数の変化)',
    en: 'test of the change in a stock against the noise of its flows',
  },
  two_proportion: { ja: '2群の比率の差の検定', en: 'two-proportion z-test' },
  one_proportion: { ja: '目標に対する比率の検定', en: 'one-proportion z-test against the target' },
  above_threshold: {
    ja: '基準に対する比率の検定(新規顧客数を母数とする)',
    en: 'one-proportion z-test against the threshold (out of the new customers)',
  },
} as const;

export type ZTest = keyof typeof Z_TESTS;

/** Returns a z-test passed at `minZ` standard errors. */
export function zTest(kind: ZTest, z: number, minZ: number): Text {
  const name = Z_TESTS[kind];
  return {
    ja: `${name.ja}: z = ${signed(z)}(基準 |z| ≥ ${minZ})`,
    en: `${name.en}: z = ${signed(z)} (threshold |z| ≥ ${minZ})`,
  };
}

/** Returns a log-rank test of two survival curves passed at `minZ` (χ² with 1 degree of freedom). */
export function logRankTest(chi2: number, p: number, minZ: number): Text {
  const pText = p < 0.001 ? '< 0.001' : p.toFixed(3);
  return {
    ja: `ログランク検定: χ² = ${chi2.toFixed(1)}, p = ${pText}(基準 |z| ≥ ${minZ})`,
    en: `log-rank test: χ² = ${chi2.toFixed(1)}, p = ${pText} (threshold |z| ≥ ${minZ})`,
  };
}

/** Returns a threshold on a full count: no sample, so no sampling test; `rule` says the threshold. */
export function fullCount(rule: Text): Text {
  return {
    ja: `全数の値と基準の比較(標本ではないため統計的検定は不要): ${rule.ja}`,
    en: `a threshold on the full count (not a sample, so no statistical test): ${rule.en}`,
  };
}

/** Returns a finding about the data itself: a check of the records, not of a rate. */
export function dataCheck(rule: Text): Text {
  return { ja: `データの確認: ${rule.ja}`, en: `data check: ${rule.en}` };
}
