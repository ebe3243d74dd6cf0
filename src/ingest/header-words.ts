// The header words kenshin recognises for each canonical field: the canonical name itself, common
// Japanese headers of carts, POS and spreadsheets, and English variants. Matching is done after
// normaliseHeader (full-width/half-width, case, spaces, punctuation), so write each word once in
// its natural form. Words whose meaning depends on the file (日付, 金額, 費用, チャネル, name, type)
// are listed per entity.
import type { EntityName } from './entities.js';

type Words = Record<string, string[]>;

const ID_WORDS = (ja: string[], en: string[]): string[] => [...ja, ...en];

/** Words that mean the same field in every entity that has it. */
// prettier-ignore
export const COMMON_WORDS: Words = {
  customer_id: ID_WORDS(
    ['顧客ID', '顧客番号', '顧客コード', '顧客No', '会員ID', '会員番号', '会員コード', '会員No', 'お客様番号', 'お客様ID', '得意先コード', '購入者ID'],
    ['Customer ID', 'CustomerID', 'Customer No', 'Customer Number', 'Customer Code', 'Member ID', 'Client ID', 'cust_id'],
  ),
  order_id: ID_WORDS(
    ['受注番号', '注文番号', '受注ID', '注文ID', '受注コード', '注文コード', 'オーダー番号', 'オーダーID', '伝票番号', '購入番号', '取引ID', '取引番号', 'レシート番号'],
    ['Order ID', 'OrderID', 'Order No', 'Order Number', 'Invoice', 'InvoiceNo', 'Invoice No', 'Invoice Number', 'Invoice ID', 'Transaction ID', 'Receipt No'],
  ),
  sku: ['商品コード', '品番', '商品番号', '商品ID', 'JANコード', '型番', 'SKU', 'Item Code', 'Product Code', 'Product ID', 'Item ID', 'StockCode', 'Stock Code'],
  product_name: ['商品名', '品名', '品目', 'Product Name', 'Item Name', 'Description', 'Product', 'Item'],
  category: ['カテゴリ', 'カテゴリー', '商品カテゴリ', '商品カテゴリー', '分類', '商品分類', 'ジャンル', 'Category', 'Product Category'],
  quantity: ['数量', '個数', '購入数', '注文数', '点数', 'Quantity', 'Qty', 'Units'],
  unit_price: ['単価', '販売単価', '税込単価', '商品単価', '売価', '価格', 'Unit Price', 'UnitPrice', 'Price', 'Item Price'],
  discount_amount: ['値引額', '値引き額', '値引', '値引き', '値引金額', '割引額', '割引金額', '割引', 'Discount', 'Discount Amount'],
  shipping: ['送料', '配送料', '送料合計', 'Shipping', 'Shipping Fee', 'Shipping Cost', 'Postage', 'Delivery Fee'],
  status: ['ステータス', '受注ステータス', '注文ステータス', '状態', '受注状態', '注文状態', '取引状態', '対応状況', 'Status', 'Order Status'],
  coupon_code: ['クーポンコード', 'クーポン', 'クーポンID', '割引コード', 'プロモーションコード', 'Coupon', 'Coupon Code', 'Discount Code', 'Promo Code'],
  currency: ['通貨', '通貨コード', 'Currency'],
  name: ['氏名', '名前', 'お名前', '顧客名', '会員名', 'Full Name', 'Customer Name'],
  email: ['メールアドレス', 'メール', 'Eメール', 'Eメールアドレス', 'E-mail', 'Email Address', 'Mail Address'],
  phone: ['電話番号', '電話', 'TEL', '携帯電話番号', '携帯番号', 'Phone', 'Phone Number', 'Telephone'],
  postal_code: ['郵便番号', '〒', 'Postal Code', 'Zip', 'Zip Code', 'Postcode'],
  prefecture: ['都道府県', '県', 'Prefecture', 'State', 'Province'],
  birth_date: ['生年月日', '誕生日', 'Birth Date', 'Birthday', 'Date of Birth', 'DOB'],
  gender: ['性別', 'Gender', 'Sex'],
  acquisition_channel: ['流入経路', '獲得経路', '入会経路', '登録経路', '認知経路', '集客チャネル', 'Acquisition Channel', 'Acquisition Source'],
  referred_by_customer_id: ['紹介者ID', '紹介者顧客ID', '紹介者番号', '紹介元顧客ID', '紹介者会員ID', 'Referred By', 'Referrer ID', 'Referred By Customer ID'],
  campaign_id: ['キャンペーンID', 'キャンペーン番号', 'キャンペーンコード', '施策ID', '施策コード', 'Campaign ID', 'Campaign Code'],
  contact_id: ['接触ID', '配信ID', '送付ID', 'Contact ID', 'Send ID', 'Touch ID'],
  lead_id: ['リードID', 'リード番号', '見込み客ID', '見込客ID', 'Lead ID', 'Prospect ID'],
};

/** Words whose field depends on the entity being imported. */
// prettier-ignore
export const ENTITY_WORDS: Partial<Record<EntityName | 'lines', Words>> = {
  customers: {
    created_at: ['登録日', '入会日', '会員登録日', '登録日時', '作成日', '初回登録日', 'Created', 'Created At', 'Signup Date', 'Registered At', 'Joined'],
    acquisition_channel: ['流入元', 'チャネル', 'Source', 'Channel'],
  },
  orders: {
    ordered_at: ['受注日', '注文日', '購入日', '受注日時', '注文日時', '購入日時', '売上日', '取引日', '取引日時', '伝票日付', '日付', '年月日', 'Order Date', 'Ordered At', 'Purchase Date', 'Date', 'InvoiceDate', 'Invoice Date', 'Transaction Date', 'Created At'],
    amount: ['金額', '合計金額', '売上金額', '請求金額', '受注金額', '注文金額', '購入金額', '税込金額', '総額', '合計', '売上', 'お支払い金額', '支払金額', '決済金額', 'Amount', 'Total', 'Order Total', 'Total Amount', 'Sales', 'Revenue', 'Grand Total'],
    channel: ['チャネル', '販売チャネル', '販路', '媒体', '購入経路', '受注経路', '店舗', 'Channel', 'Sales Channel', 'Source', 'Store'],
  },
  contacts: {
    sent_at: ['送付日', '配信日', '発送日', '送信日', '実施日', '送付日時', '配信日時', '送信日時', '接触日', '日付', 'Sent At', 'Sent', 'Send Date', 'Date'],
    channel: ['チャネル', '媒体', '施策', '手段', '種別', 'Channel', 'Medium', 'Type'],
    cost: ['費用', 'コスト', '単価', '送料', '金額', 'Cost', 'Unit Cost'],
  },
  campaigns: {
    name: ['キャンペーン名', '施策名', '名称', '名前', 'Campaign Name', 'Name', 'Title'],
    channel: ['チャネル', '媒体', '手段', 'Channel', 'Medium'],
    started_at: ['開始日', '実施日', '開始日時', '配信日', '送付日', 'Start Date', 'Started At', 'Start', 'Date'],
    cost: ['費用', '総費用', 'コスト', '金額', 'Cost', 'Total Cost', 'Budget'],
  },
  'ad-spend': {
    date: ['日付', '年月', '月', '期間', '対象月', '集計日', 'Date', 'Month', 'Day', 'Period'],
    channel: ['チャネル', '媒体', '広告媒体', '広告チャネル', 'Channel', 'Source', 'Medium', 'Platform'],
    amount: ['金額', '費用', '広告費', '消化金額', 'ご利用金額', '利用金額', 'コスト', 'Amount', 'Spend', 'Cost', 'Ad Spend'],
  },
  leads: {
    created_at: ['登録日', '作成日', '獲得日', '登録日時', '作成日時', '日付', 'Created', 'Created At', 'Date', 'Signup Date'],
    source: ['流入元', '流入経路', 'ソース', '獲得経路', 'チャネル', '媒体', 'Source', 'Channel', 'Medium'],
  },
  'lead-events': {
    type: ['イベント', 'イベント種別', '種別', '種類', 'アクション', 'Event', 'Event Type', 'Type', 'Action'],
    event_at: ['at', '日時', '発生日時', '日付', 'イベント日時', '発生日', 'Date', 'Time', 'Timestamp', 'Occurred At', 'Event At'],
  },
};

/** Returns the header words for a field of an entity (the canonical name first). */
export function wordsFor(entity: EntityName, field: string): string[] {
  // Line-item files read order and item fields together: both word lists apply.
  const families: (EntityName | 'lines')[] =
    entity === 'orders' || entity === 'order-items' ? ['orders'] : [entity];
  const words = [field, ...(COMMON_WORDS[field] ?? [])];
  for (const fam of families) words.push(...(ENTITY_WORDS[fam]?.[field] ?? []));
  return words;
}
