// Every word of the dashboard in Japanese (the default) and English.
import { ja, type MessageKey } from './ja';
import { en } from './en';

export type { MessageKey };
export type Lang = 'ja' | 'en';
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { ja, en };
