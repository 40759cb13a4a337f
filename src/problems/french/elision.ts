// Words that drop their vowel before a vowel sound: je ai -> j'ai, le ai -> l'ai, ne est -> n'est, que il -> qu'il,
// de arriver -> d'arriver. Complements are single items ("de l'eau"), so their words are never elided here.
const ELIDING_WORDS = new Set(["je", "me", "te", "se", "le", "la", "ne", "que", "de"]);

// Every h in the curated verbs and complements is mute (habiter, s'habiller), so h counts as a vowel sound here.
const VOWEL_SOUND = /^[aeiouyhàâäéèêëîïôöûùüœæ]/i;

export interface WrittenWord {
  text: string;
  /** Elided words are glued to the next word with no space. */
  glued: boolean;
}

/** Applies elision across a sequence of words; the result joins back with `joinWords`. */
export function elide(words: readonly string[]): WrittenWord[] {
  return words.map((word, i) => {
    const next = words[i + 1];
    if (next !== undefined && ELIDING_WORDS.has(word) && VOWEL_SOUND.test(next)) {
      return { text: `${word.slice(0, -1)}'`, glued: true };
    }
    return { text: word, glued: false };
  });
}

export function joinWords(words: readonly WrittenWord[]): string {
  return words.map((w, i) => (w.glued || i === words.length - 1 ? w.text : `${w.text} `)).join("");
}
