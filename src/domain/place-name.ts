// Arabic letters that people type interchangeably: hamza forms of alef, alef maqsura, teh marbuta.
const arabicFolds: [RegExp, string][] = [
  [/[\u0622\u0623\u0625\u0671]/g, '\u0627'],
  [/\u0649/g, '\u064a'],
  [/\u0629/g, '\u0647'],
];
// Harakat, superscript alef and tatweel carry no meaning for matching a name.
const arabicMarks = /[\u064b-\u065f\u0670\u0640]/g;

// A leading definite article ("Al-Mosul", "الموصل") is as often left out as written.
const leadingArticle = /^(?:al |el |\u0627\u0644)(?=\S)/;

/**
 * The key two spellings of a place name share: case, accents, Arabic diacritics and letter variants,
 * punctuation (hyphens, apostrophes, dots), spacing and a leading definite article are ignored.
 */
export function placeNameKey(name: string): string {
  let s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(arabicMarks, '');
  for (const [from, to] of arabicFolds) s = s.replace(from, to);
  return s
    .toLowerCase()
    .replace(/[-_'’`.,()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(leadingArticle, '');
}
