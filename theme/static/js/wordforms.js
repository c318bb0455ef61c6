// Search keys for the words of a query: the same keys cities4cities/wordforms.py gave the words
// of the pages when the site was built, from the same rules (cities4cities/data/wordforms.json,
// handed over by the page), so that "Харкова" finds a page that says "Харків". Every step here
// mirrors a function of wordforms.py; tests/test_wordforms.py runs this file in node and
// compares the two on words of the example data. No library, nothing fetched.
//
//   window.C4C_WORDFORMS.keys("Ноутбуки для шкіл", rules)  -> ["ноутбук", "школ"]
//   window.C4C_WORDFORMS.normalize("Харкова", rules)       -> "харк"
"use strict";

(() => {
  const compiled = new WeakMap(); // rules document -> what is worked out from it once
  const MARK = /\p{M}/u;
  const SEPARATORS = /[^\p{L}\p{N}]+/u;

  function compile(document) {
    let rules = compiled.get(document);
    if (rules) return rules;
    const classes = document.classes || {};
    const expand = (rule) => {
      const [ending, replacement] = typeof rule === "string" ? [rule, ""] : rule;
      const placeholder = Array.from(ending).find((c) => c in classes);
      if (placeholder === undefined) return [[ending, replacement]];
      return Array.from(classes[placeholder], (c) => [
        ending.replaceAll(placeholder, c),
        replacement.replaceAll(placeholder, c),
      ]);
    };
    const steps = {};
    for (const [name, list] of Object.entries(document.steps)) {
      steps[name] = list.map((step) => {
        const endings = new Map();
        for (const [ending, replacement] of step.rules.flatMap(expand)) {
          if (!endings.has(ending)) endings.set(ending, replacement);
        }
        const lengths = new Set(Array.from(endings.keys(), (ending) => Array.from(ending).length));
        return { minStem: step.min_stem, endings, lengths: [...lengths].sort((a, b) => b - a) };
      });
    }
    rules = {
      apostrophes: new Set(document.apostrophes),
      letters: document.letters,
      alphabets: Object.entries(document.alphabets).map(([name, letters]) => [name, new Set(letters)]),
      lookalikes: document.lookalikes,
      steps,
      stopwords: new Set(),
    };
    for (const words of Object.values(document.stopwords)) {
      for (const word of words) {
        for (const token of tokens(word, rules)) rules.stopwords.add(resolve(token, rules));
      }
    }
    compiled.set(document, rules);
    return rules;
  }

  // wordforms._tokens: lowercased (NFC), marks and apostrophes dropped, letters folded, split
  // on anything that is not a letter or a digit.
  function tokens(text, rules) {
    let folded = "";
    for (const char of text.normalize("NFC").toLowerCase()) {
      if (rules.apostrophes.has(char) || MARK.test(char)) continue;
      folded += Object.hasOwn(rules.letters, char) ? rules.letters[char] : char;
    }
    return folded.split(SEPARATORS).filter((token) => token);
  }

  // wordforms._resolve: a word in two scripts, in the script of most of its letters.
  function resolve(token, rules) {
    const chars = Array.from(token);
    const counts = rules.alphabets.map(([name, letters]) => [
      name,
      chars.filter((c) => letters.has(c)).length,
    ]);
    const written = counts.filter(([, count]) => count);
    if (written.length < 2) return token;
    let [majority, most] = written[0]; // the first listed wins a tie
    for (const [name, count] of written) {
      if (count > most) [majority, most] = [name, count];
    }
    const table = rules.lookalikes[majority] || {};
    return chars.map((c) => (Object.hasOwn(table, c) ? table[c] : c)).join("");
  }

  // wordforms._stem: the steps of the alphabet of the last letter; each replaces the longest
  // of its endings that leaves at least minStem letters (counted as Python counts them).
  function stem(token, rules) {
    let chars = Array.from(token);
    const found = rules.alphabets.find(([, letters]) => letters.has(chars[chars.length - 1]));
    for (const step of (found && rules.steps[found[0]]) || []) {
      const size = chars.length;
      for (const length of step.lengths) {
        if (size - length < step.minStem) continue;
        const replacement = step.endings.get(chars.slice(size - length).join(""));
        if (replacement !== undefined) {
          chars = [...chars.slice(0, size - length), ...Array.from(replacement)];
          break;
        }
      }
    }
    return chars.join("");
  }

  function normalize(word, document) {
    const rules = compile(document);
    return stem(resolve(tokens(word, rules).join(""), rules), rules);
  }

  function keys(text, document) {
    const rules = compile(document);
    const found = new Set();
    for (const token of tokens(text, rules)) {
      const resolved = resolve(token, rules);
      if (!rules.stopwords.has(resolved)) found.add(stem(resolved, rules));
    }
    return Array.from(found);
  }

  window.C4C_WORDFORMS = { normalize, keys };
})();
