/**
 * Text preparation for search, in plain functions. PostgreSQL stems English, French and German
 * itself (its snowball configurations); Czech stemming and Chinese segmentation are not in a stock
 * PostgreSQL (managed services allow no custom dictionaries), so they happen here, on both the
 * indexed text and the query, and PostgreSQL then sees plain tokens ('simple' configuration).
 */

/** PostgreSQL text search configuration per locale (created by src/search/schema.ts, with unaccent). */
export const SEARCH_CONFIGURATION: Record<string, string> = {
  en: 'pcms_en',
  fr: 'pcms_fr',
  de: 'pcms_de',
  cs: 'pcms_simple',
  'zh-Hans': 'pcms_simple',
};

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Chinese has no spaces between words; a run of Han characters becomes its overlapping character
 * pairs (杭州市 → 杭州 州市), plus the single characters for one-character queries. A query of two
 * or more characters then matches wherever those characters stand together.
 */
export const hanBigrams = (text: string): string =>
  text.replace(HAN_RUN, (run) => {
    const chars = [...run];
    if (chars.length === 1) return ` ${run} `;
    const pairs = chars.slice(0, -1).map((char, index) => char + chars[index + 1]);
    return ` ${pairs.join(' ')} `;
  });

/** For a query: pairs when the run has two characters or more, else the character. */
const hanQueryTokens = (text: string): string => hanBigrams(text);

/**
 * A light Czech stemmer: Dolamic and Savoy's, as Lucene's CzechStemmer implements it. It removes
 * case endings and possessive suffixes and normalises the consonants they alter, so that Brna,
 * Brnu and Brnem find Brno, and partnerství, partnerstvím find each other.
 */
export const czechStem = (word: string): string => {
  let stem = removeCase(word.toLowerCase());
  stem = removePossessives(stem);
  return stem.length > 0 ? normalize(stem) : stem;
};

const endsWithAny = (word: string, suffixes: string[]) => suffixes.some((suffix) => word.endsWith(suffix));

/** The stem of a word ending in a softening vowel (ě, i, í, e): c/č → k, z/ž → h, čt → ck, št → sk; the vowel goes. */
const palatalise = (word: string): string => {
  const kept = word.slice(0, -1);
  if (endsWithAny(word, ['ci', 'ce', 'či', 'če'])) return `${kept.slice(0, -1)}k`;
  if (endsWithAny(word, ['zi', 'ze', 'ži', 'že'])) return `${kept.slice(0, -1)}h`;
  if (endsWithAny(word, ['čtě', 'čti', 'čtí'])) return `${kept.slice(0, -2)}ck`;
  if (endsWithAny(word, ['ště', 'šti', 'ští'])) return `${kept.slice(0, -2)}sk`;
  return kept;
};

const removeCase = (word: string): string => {
  const length = [...word].length;
  if (length > 7 && word.endsWith('atech')) return word.slice(0, -5);
  if (length > 6 && endsWithAny(word, ['ětem', 'etem', 'atům'])) return word.slice(0, -4);
  if (length > 5 && endsWithAny(word, ['ech', 'ich', 'ích', 'ého', 'ěmi', 'emi', 'ému', 'ěte', 'ete', 'ěti', 'eti', 'ího', 'iho', 'ími', 'ímu', 'imu'])) return palatalise(word.slice(0, -2));
  if (length > 5 && endsWithAny(word, ['ách', 'ata', 'aty', 'ých', 'ama', 'ami', 'ové', 'ovi', 'ými'])) return word.slice(0, -3);
  if (length > 4 && word.endsWith('em')) return palatalise(word.slice(0, -1));
  if (length > 4 && endsWithAny(word, ['es', 'ém', 'ím'])) return palatalise(word.slice(0, -1));
  if (length > 4 && word.endsWith('ům')) return word.slice(0, -2);
  if (length > 4 && endsWithAny(word, ['at', 'ám', 'os', 'us', 'ým', 'mi', 'ou'])) return word.slice(0, -2);
  if (length > 3 && /[aeiouůyáéíýě]$/.test(word)) return word.slice(0, -1);
  return word;
};

const removePossessives = (word: string): string => ([...word].length > 5 && endsWithAny(word, ['ov', 'in', 'ův']) ? word.slice(0, -2) : word);

const normalize = (word: string): string => {
  if (word.endsWith('čt')) return `${word.slice(0, -2)}ck`;
  if (word.endsWith('št')) return `${word.slice(0, -2)}sk`;
  if (/[cč]$/.test(word)) return `${word.slice(0, -1)}k`;
  if (/[zž]$/.test(word)) return `${word.slice(0, -1)}h`;
  if (word.length > 1 && word[word.length - 2] === 'e') return word.slice(0, -2) + word.slice(-1);
  if (word.length > 2 && word[word.length - 2] === 'ů') return `${word.slice(0, -2)}o${word.slice(-1)}`;
  return word;
};

const WORD = /[\p{L}\p{N}]+/gu;

/** The text PostgreSQL indexes for a locale (Czech stemmed, Chinese in pairs; others as written). */
export const indexableText = (locale: string, text: string): string => {
  if (locale === 'cs') return text.replace(WORD, (word) => czechStem(word));
  if (HAN.test(text)) return hanBigrams(text);
  return text;
};

/** The query prepared the same way as the indexed text. */
export const searchableQuery = (locale: string, query: string): string => {
  if (locale === 'cs') return query.replace(WORD, (word) => czechStem(word));
  if (HAN.test(query)) return hanQueryTokens(query);
  return query;
};

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Markers PostgreSQL's ts_headline puts around matches; characters no content contains. */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** A snippet whose matches are between the markers, as HTML: escaped, matches in <mark>. */
export const markedSnippet = (marked: string): string => escapeHtml(marked).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');

/**
 * A snippet of about `length` characters of `text` around its first match, as HTML: everything
 * escaped, the matches (character ranges) in <mark>. Made here rather than by ts_headline, whose
 * parser drops anything that looks like an HTML tag from the text it returns.
 */
export const snippetAround = (source: string, matches: Array<[number, number]>, length = 200): string => {
  // The markers stand for matches only: any already in the text (content saved before control
  // characters were refused) become spaces, one for one, so the match ranges still fit.
  const text = source.replace(/[\u0001\u0002]/g, ' ');
  const sorted = [...matches].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const match of sorted) {
    const last = merged[merged.length - 1];
    if (last && match[0] <= last[1]) last[1] = Math.max(last[1], match[1]);
    else merged.push([...match]);
  }
  const first = merged[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(length / 3), text.length - length));
  const end = Math.min(text.length, start + length);
  let marked = '';
  let at = start;
  for (const [from, to] of merged) {
    if (to <= start || from >= end) continue;
    marked += text.slice(at, Math.max(at, from)) + MATCH_START + text.slice(Math.max(at, from), Math.min(to, end)) + MATCH_END;
    at = Math.min(to, end);
  }
  marked += text.slice(at, end);
  return `${start > 0 ? '…' : ''}${markedSnippet(marked)}${end < text.length ? '…' : ''}`;
};

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The ranges of the words of `text` whose folded form (lower case, no accents) is one of `words`. */
export const wordMatches = (text: string, words: Set<string>): Array<[number, number]> =>
  [...text.matchAll(WORD)].filter((match) => words.has(fold(match[0]))).map((match) => [match.index!, match.index! + match[0].length]);

/** The words ts_headline marked: which surface forms PostgreSQL's stemming matched. */
export const markedWords = (headline: string): Set<string> =>
  new Set([...headline.matchAll(new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g'))].map((match) => fold(match[1])));

/**
 * A snippet for the locales whose matching happens here (Czech, Chinese): the words whose stem is
 * a query stem, and the Han pairs of the query, are marked.
 */
export const localSnippet = (locale: string, text: string, query: string, length = 200): string => {
  const wanted = new Set(fold(searchableQuery(locale, query)).match(WORD) ?? []);
  const matches: Array<[number, number]> = [];
  if (locale === 'cs') {
    for (const match of text.matchAll(WORD)) if (wanted.has(fold(czechStem(match[0])))) matches.push([match.index!, match.index! + match[0].length]);
  } else {
    for (const token of wanted) {
      if (!HAN.test(token)) continue;
      for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) matches.push([at, at + token.length]);
    }
    matches.push(...wordMatches(text, new Set([...wanted].filter((token) => !HAN.test(token)))));
  }
  return snippetAround(text, matches, length);
};
