// Small lists that make the demo customers look Japanese: common family and given names (with a
// romanisation for the e-mail address), the 47 prefectures weighted by population (2020 census,
// 10,000 people) with the range of the first three postal-code digits, and mobile prefixes.
// None of it is anyone's real personal data: names are combined at random and e-mail addresses
// use the reserved example domains.

/** A name in kanji with its romanisation. */
export type Name = readonly [kanji: string, romaji: string];

/** Common family names. */
// prettier-ignore
export const FAMILY_NAMES: readonly Name[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'],
  ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'],
  ['吉田', 'yoshida'], ['山田', 'yamada'], ['佐々木', 'sasaki'], ['山口', 'yamaguchi'], ['松本', 'matsumoto'],
  ['井上', 'inoue'], ['木村', 'kimura'], ['林', 'hayashi'], ['斎藤', 'saito'], ['清水', 'shimizu'],
  ['山崎', 'yamazaki'], ['森', 'mori'], ['池田', 'ikeda'], ['橋本', 'hashimoto'], ['阿部', 'abe'],
  ['石川', 'ishikawa'], ['山下', 'yamashita'], ['中島', 'nakajima'], ['石井', 'ishii'], ['小川', 'ogawa'],
  ['前田', 'maeda'], ['岡田', 'okada'], ['長谷川', 'hasegawa'], ['藤田', 'fujita'], ['後藤', 'goto'],
  ['近藤', 'kondo'], ['村上', 'murakami'], ['遠藤', 'endo'], ['青木', 'aoki'], ['坂本', 'sakamoto'],
];

/** Common female given names. */
// prettier-ignore
export const FEMALE_NAMES: readonly Name[] = [
  ['陽子', 'yoko'], ['恵子', 'keiko'], ['京子', 'kyoko'], ['幸子', 'sachiko'], ['和子', 'kazuko'],
  ['裕子', 'yuko'], ['直美', 'naomi'], ['真由美', 'mayumi'], ['智子', 'tomoko'], ['久美子', 'kumiko'],
  ['美穂', 'miho'], ['愛', 'ai'], ['さくら', 'sakura'], ['陽菜', 'hina'], ['結衣', 'yui'],
  ['美咲', 'misaki'], ['麻衣', 'mai'], ['由美', 'yumi'], ['明美', 'akemi'], ['綾', 'aya'],
  ['香織', 'kaori'], ['舞', 'mai'], ['千尋', 'chihiro'], ['優子', 'yuko'], ['典子', 'noriko'],
];

/** Common male given names. */
// prettier-ignore
export const MALE_NAMES: readonly Name[] = [
  ['大輔', 'daisuke'], ['健太', 'kenta'], ['拓也', 'takuya'], ['翔太', 'shota'], ['誠', 'makoto'],
  ['浩', 'hiroshi'], ['隆', 'takashi'], ['茂', 'shigeru'], ['博', 'hiroshi'], ['和夫', 'kazuo'],
  ['健一', 'kenichi'], ['直樹', 'naoki'], ['哲也', 'tetsuya'], ['亮', 'ryo'], ['蓮', 'ren'],
  ['悠真', 'yuma'], ['大翔', 'hiroto'], ['剛', 'tsuyoshi'], ['修', 'osamu'], ['聡', 'satoshi'],
];

/** A prefecture: name, population weight and the first-three-digit range of its postal codes. */
export interface Prefecture {
  name: string;
  weight: number;
  postalFrom: number;
  postalTo: number;
}

const P = (name: string, weight: number, postalFrom: number, postalTo: number): Prefecture => ({
  name,
  weight,
  postalFrom,
  postalTo,
});

/** The 47 prefectures. */
// prettier-ignore
export const PREFECTURES: readonly Prefecture[] = [
  P('北海道', 522, 40, 99), P('青森県', 124, 30, 39), P('岩手県', 121, 20, 29), P('宮城県', 230, 980, 989),
  P('秋田県', 96, 10, 19), P('山形県', 107, 990, 999), P('福島県', 183, 960, 979), P('茨城県', 287, 300, 319),
  P('栃木県', 193, 320, 329), P('群馬県', 194, 370, 379), P('埼玉県', 734, 330, 369), P('千葉県', 628, 260, 299),
  P('東京都', 1405, 100, 208), P('神奈川県', 924, 210, 259), P('新潟県', 220, 940, 959), P('富山県', 104, 930, 939),
  P('石川県', 113, 920, 929), P('福井県', 77, 910, 919), P('山梨県', 81, 400, 409), P('長野県', 205, 380, 399),
  P('岐阜県', 198, 500, 509), P('静岡県', 363, 410, 439), P('愛知県', 754, 440, 499), P('三重県', 177, 510, 519),
  P('滋賀県', 141, 520, 529), P('京都府', 258, 600, 629), P('大阪府', 884, 530, 599), P('兵庫県', 547, 650, 679),
  P('奈良県', 132, 630, 639), P('和歌山県', 92, 640, 649), P('鳥取県', 55, 680, 689), P('島根県', 67, 690, 699),
  P('岡山県', 189, 700, 719), P('広島県', 280, 720, 739), P('山口県', 134, 740, 759), P('徳島県', 72, 770, 779),
  P('香川県', 95, 760, 769), P('愛媛県', 133, 790, 799), P('高知県', 69, 780, 789), P('福岡県', 514, 800, 839),
  P('佐賀県', 81, 840, 849), P('長崎県', 131, 850, 859), P('熊本県', 174, 860, 869), P('大分県', 112, 870, 879),
  P('宮崎県', 107, 880, 889), P('鹿児島県', 159, 890, 899), P('沖縄県', 147, 900, 909),
];

/** Reserved example domains (RFC 2606 style and the .jp equivalents), so no address is real. */
export const EMAIL_DOMAINS: readonly string[] = [
  'example.jp',
  'example.com',
  'example.ne.jp',
  'example.co.jp',
  'example.org',
];

/** Mobile phone prefixes. */
export const MOBILE_PREFIXES: readonly string[] = ['090', '080', '070'];
