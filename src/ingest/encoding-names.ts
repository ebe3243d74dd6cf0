// The encodings kenshin reads and the names the --encoding flag accepts (kept apart from the
// transcoder so the command line can check a flag without loading it).

export type FileEncoding = 'utf8' | 'cp932' | 'eucjp' | 'utf16le' | 'utf16be';

/** What the --encoding flag accepts, and what each name reads as. */
export const ENCODING_FLAGS: Record<string, FileEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  // Shift_JIS files from Windows carry CP932's extra characters (①, ㈱, NEC/IBM kanji); CP932 is the
  // superset, so "sjis" is read as CP932 too.
  sjis: 'cp932',
  shift_jis: 'cp932',
  cp932: 'cp932',
  eucjp: 'eucjp',
  'euc-jp': 'eucjp',
  utf16: 'utf16le',
  utf16le: 'utf16le',
  utf16be: 'utf16be',
};
