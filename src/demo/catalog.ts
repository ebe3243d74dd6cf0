// The demo shop's product catalogue: ~40 SKUs in four categories, tax-included yen prices.
// Entry products (trial sets) are what many first orders contain; gift products sell in the
// December (お歳暮・おせち) and summer (お中元) seasons. Names contain no comma or quote, so the
// CSV writer never needs to quote them (catalog.test.ts checks that).

/** A product category. */
export type Category = 'サプリメント' | 'スキンケア' | '食品' | '雑貨';

/** The categories, in a fixed order (indices are used in sampling tables). */
export const CATEGORIES: readonly Category[] = ['サプリメント', 'スキンケア', '食品', '雑貨'];

/** A product of the catalogue. */
export interface Product {
  sku: string;
  name: string;
  category: Category;
  /** Unit price in yen, tax included. */
  price: number;
  /** Relative popularity in a normal month. */
  weight: number;
  /** A trial set sold to first-time buyers. */
  entry?: boolean;
  /** Sells mostly in the gift seasons. */
  gift?: 'winter' | 'summer' | 'both';
}

const p = (
  sku: string,
  name: string,
  category: Category,
  price: number,
  weight: number,
  extra: Partial<Product> = {},
): Product => ({
  sku,
  name,
  category,
  price,
  weight,
  ...extra,
});

/** The catalogue. */
// prettier-ignore
export const PRODUCTS: readonly Product[] = [
  p('SP-001', 'マルチビタミン 30日分', 'サプリメント', 1980, 10),
  p('SP-002', '国産青汁 30包', 'サプリメント', 3240, 9),
  p('SP-003', 'コラーゲンドリンク 10本', 'サプリメント', 4320, 6),
  p('SP-004', 'DHA・EPA 120粒', 'サプリメント', 3780, 6),
  p('SP-005', '乳酸菌サプリ 30日分', 'サプリメント', 2980, 8),
  p('SP-006', '黒酢カプセル 90粒', 'サプリメント', 2700, 4),
  p('SP-007', 'グルコサミン 180粒', 'サプリメント', 4980, 5),
  p('SP-008', 'ルテイン 30日分', 'サプリメント', 3300, 4),
  p('SP-009', 'ソイプロテイン 1kg', 'サプリメント', 4200, 3),
  p('SP-010', 'お試しサプリ 7日分', 'サプリメント', 500, 0.5, { entry: true }),
  p('SK-001', 'オールインワンジェル 80g', 'スキンケア', 3980, 10),
  p('SK-002', '保湿化粧水 150ml', 'スキンケア', 3300, 8),
  p('SK-003', '美容液 30ml', 'スキンケア', 6600, 5),
  p('SK-004', '保湿クリーム 50g', 'スキンケア', 5280, 5),
  p('SK-005', '洗顔フォーム 120g', 'スキンケア', 1650, 7),
  p('SK-006', 'クレンジングオイル 200ml', 'スキンケア', 2420, 6),
  p('SK-007', '日焼け止め SPF50', 'スキンケア', 1980, 4),
  p('SK-008', 'シートマスク 7枚', 'スキンケア', 1540, 5),
  p('SK-009', 'エイジングケア 3点セット', 'スキンケア', 12800, 2),
  p('SK-010', 'スキンケア トライアルセット', 'スキンケア', 1000, 0.5, { entry: true }),
  p('FD-001', '国産はちみつ 500g', '食品', 3240, 5),
  p('FD-002', '有機玄米 5kg', '食品', 4860, 5),
  p('FD-003', 'だしパック 詰め合わせ', '食品', 2916, 6),
  p('FD-004', '無添加ドライフルーツ', '食品', 1296, 6),
  p('FD-005', '紅茶ティーバッグ 50袋', '食品', 1620, 5),
  p('FD-006', '素焼きミックスナッツ 1kg', '食品', 3980, 5),
  p('FD-007', '紀州南高梅 500g', '食品', 2592, 4),
  p('FD-008', '和牛すき焼きセット', '食品', 10800, 0.6, { gift: 'both' }),
  p('FD-009', '水ようかん 詰め合わせ', '食品', 4320, 0.4, { gift: 'summer' }),
  p('FD-010', 'フルーツゼリー 詰め合わせ', '食品', 5400, 0.5, { gift: 'summer' }),
  p('FD-011', '海鮮おせち 三段重', '食品', 21600, 0.3, { gift: 'winter' }),
  p('FD-012', '年越しそば 4人前', '食品', 2980, 0.4, { gift: 'winter' }),
  p('GD-001', '今治タオル 2枚組', '雑貨', 2750, 5),
  p('GD-002', 'ステンレスボトル 500ml', '雑貨', 3300, 3),
  p('GD-003', 'アロマディフューザー', '雑貨', 5980, 2),
  p('GD-004', '折りたたみエコバッグ', '雑貨', 1100, 4),
  p('GD-005', 'シルク枕カバー', '雑貨', 4980, 2),
  p('GD-006', '竹製カトラリーセット', '雑貨', 1980, 2),
  p('GD-007', '薬用入浴剤 10包', '雑貨', 1320, 4),
  p('GD-008', 'マッサージクッション', '雑貨', 9800, 1),
  p('GD-009', '今治タオル ギフトセット', '雑貨', 5500, 0.5, { gift: 'both' }),
];

/** How much more a gift product sells in each calendar month (index 0 = January). */
// prettier-ignore
const GIFT_BOOST: Record<NonNullable<Product['gift']>, readonly number[]> = {
  winter: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 14],
  summer: [1, 1, 1, 1, 1, 4, 10, 5, 1, 1, 1, 1],
  both: [1, 1, 1, 1, 1, 3, 8, 3, 1, 1, 4, 10],
};

/** Cumulative product weights per calendar month and category (index 4 = all categories). */
export interface ProductTables {
  /** [month][category or 4] → cumulative weights over PRODUCTS. */
  byMonth: Float64Array[][];
  /** Indices of the entry products. */
  entries: number[];
}

/** Returns the sampling tables: a product's weight is its popularity × its month's gift boost. */
export function productTables(): ProductTables {
  const byMonth: Float64Array[][] = [];
  for (let month = 0; month < 12; month++) {
    const row: Float64Array[] = [];
    for (let c = 0; c <= CATEGORIES.length; c++) {
      const cum = new Float64Array(PRODUCTS.length);
      let s = 0;
      PRODUCTS.forEach((prod, i) => {
        const inCategory = c === CATEGORIES.length || prod.category === CATEGORIES[c];
        const w =
          inCategory && !prod.entry
            ? prod.weight * (prod.gift ? GIFT_BOOST[prod.gift][month] : 1)
            : 0;
        cum[i] = s += w;
      });
      row.push(cum);
    }
    byMonth.push(row);
  }
  const entries = PRODUCTS.flatMap((prod, i) => (prod.entry ? [i] : []));
  return { byMonth, entries };
}
