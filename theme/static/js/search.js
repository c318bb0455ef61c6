// The search page: one search over needs, offers and cities (Pagefind's JavaScript API), with
// filters that combine and need no word. The address holds every choice (?q=pumps&sector=energy
// &kind=need), so a search can be shared, bookmarked and gone back to. Open needs, available
// offers and cities come first; reserved and closed records after them, marked. Query words are
// turned into the keys the pages were indexed with (wordforms.js, the rules the build used); a
// search that finds little tries a one-letter correction, and one that finds nothing offers the
// other language's site.
"use strict";

(() => {
  const form = document.getElementById("search-form");
  const configElement = document.getElementById("search-config");
  if (!form || !configElement) return;
  const config = JSON.parse(configElement.textContent);
  const say = config.messages;
  const PAGE = 10; // results shown at a time
  const FEW = 3; // results: with fewer, a search tries to correct a word the records do not have
  const names = Array.from(form.querySelectorAll("fieldset[data-filter]"), (f) => f.dataset.filter);
  const statusLine = document.getElementById("search-status");
  const correction = document.getElementById("search-correction");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const elsewhere = document.getElementById("search-elsewhere");
  const panel = document.getElementById("search-filters");
  // The filters are open beside the results on a wide screen, folded above them on a phone.
  if (window.matchMedia("(min-width: 50em)").matches) panel.open = true;
  let counted = null; // the search whose counts are shown
  let pagefind = null;
  let shown = [];
  let run = 0; // the latest search: an older one that finishes late draws nothing

  async function index() {
    if (!pagefind) {
      const [first, ...others] = config.bundles;
      pagefind = await import(`${first}pagefind.js`);
      await pagefind.options({ baseUrl: config.baseUrl });
      for (const bundle of others) await pagefind.mergeIndex(bundle, { baseUrl: config.baseUrl });
    }
    return pagefind;
  }

  // -- the state: the form <-> the address -------------------------------------------------

  function stateOf(params) {
    const chosen = {};
    for (const name of names) chosen[name] = params.getAll(name);
    return { q: (params.get("q") || "").trim(), exact: params.has("exact"), chosen };
  }

  function fromForm() {
    return stateOf(new URLSearchParams(new FormData(form))); // a new search: corrected again
  }

  function show(state) {
    form.elements.q.value = state.q;
    for (const box of form.querySelectorAll("input[type=checkbox]")) {
      box.checked = (state.chosen[box.name] || []).includes(box.value);
    }
    for (const folded of form.querySelectorAll("details[data-folded]")) {
      if ((state.chosen[folded.dataset.folded] || []).length) folded.open = true;
    }
  }

  function address(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of names) for (const value of state.chosen[name]) params.append(name, value);
    if (state.exact) params.set("exact", "1");
    const query = params.toString();
    return query ? `?${query}` : window.location.pathname;
  }

  // -- asking Pagefind ---------------------------------------------------------------------

  function terms(text) {
    if (!text) return null;
    const forms = window.C4C_WORDFORMS;
    return forms && config.wordforms ? forms.keys(text, config.wordforms).join(" ") : text;
  }

  function filtersOf(chosen, except) {
    const filters = {};
    for (const name of names) {
      if (name !== except && chosen[name].length) filters[name] = { any: chosen[name] };
    }
    return filters;
  }

  // Open records first, then the others, each in Pagefind's order (newest first without words).
  async function ranked(found, term, chosen) {
    const sort = term ? undefined : { posted: "desc" };
    const filters = filtersOf(chosen);
    if (chosen.status.length) {
      const all = await found.search(term, { filters, sort });
      return first(await place(found, term, chosen), all.results);
    }
    const open = await found.search(term, { filters: { ...filters, state: "open" }, sort });
    const others = { ...filters, state: { any: ["taken", "closed"] } };
    const rest = await found.search(term, { filters: others, sort });
    return first(await place(found, term, chosen), [...open.results, ...rest.results]);
  }

  // A search for a city's name shows that city's page first, whatever else mentions it more.
  async function place(found, term, chosen) {
    const city = term && config.places[term];
    if (!city || (chosen.kind.length && !chosen.kind.includes("city"))) return [];
    const filters = { ...filtersOf(chosen), kind: "city", city };
    return (await found.search(term, { filters })).results;
  }

  function first(leading, results) {
    const ids = new Set(leading.map((result) => result.id));
    return [...leading, ...results.filter((result) => !ids.has(result.id))];
  }

  // How many results each option would give with the other filters as they are: worked out
  // only while the filters are open (folded on a phone), since it loads every filter's index
  // (Pagefind counts the values of a filter only once its index is loaded: filters() loads all).
  async function counts(found, term, chosen) {
    if (!panel.open) return;
    const all = await found.filters();
    for (const name of names) {
      const filters = filtersOf(chosen, name);
      const none = !term && !Object.keys(filters).length;
      const numbers = none ? all[name] || {} : (await found.search(term, { filters })).filters[name] || {};
      for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
        const count = numbers[box.value] || 0;
        box.parentElement.querySelector(".count").textContent = `(${count})`;
        // Long lists keep only what can be found, and what is ticked.
        if (form.querySelector(`details[data-folded="${name}"]`)) {
          box.closest("li").hidden = !count && !box.checked;
        }
      }
    }
  }

  // -- a one-letter correction -------------------------------------------------------------

  const vocabularies = {};
  function words(length) {
    if (!vocabularies[length]) {
      vocabularies[length] = fetch(`${config.words}${length}.json`)
        .then((response) => (response.ok ? response.json() : {}))
        .catch(() => ({}));
    }
    return vocabularies[length];
  }

  function oneApart(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    const tail = (x, y) => a.slice(x) === b.slice(y);
    if (a.length === b.length) {
      return tail(i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && tail(i + 2, i + 2));
    }
    return a.length > b.length ? tail(i + 1, i) : tail(i, i + 1);
  }

  async function corrected(text) {
    let changed = false;
    const out = [];
    for (const word of text.split(/\s+/)) {
      const plain = word.toLocaleLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
      if ([...plain].length < config.correctedFrom) {
        out.push(word);
        continue;
      }
      const n = [...plain].length;
      const known = await Promise.all([words(n - 1), words(n), words(n + 1)]);
      if (known[1][plain]) {
        out.push(word);
        continue;
      }
      let best = null;
      for (const table of known) {
        for (const [candidate, seen] of Object.entries(table)) {
          if ((!best || seen > best[1]) && oneApart(plain, candidate)) best = [candidate, seen];
        }
      }
      out.push(best ? best[0] : word);
      changed = changed || Boolean(best);
    }
    return changed ? out.join(" ") : null;
  }

  // -- showing -----------------------------------------------------------------------------

  function excerpt(html) {
    // Pagefind's excerpt: the page's text with <mark> around the words found. Keep just that.
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const out = document.createElement("p");
    out.className = "result-excerpt";
    for (const node of holder.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(node.textContent);
      }
    }
    return out;
  }

  // The excerpt around the words found, unless they were found only among the hidden words
  // at the end of the page (its keys, other names): then the page's summary.
  function summaryOf(page) {
    const shown = page.word_count - Number(page.meta.hidden || 0);
    if ((page.locations || []).some((at) => at < shown)) return excerpt(page.excerpt || "");
    const summary = document.createElement("p");
    summary.className = "result-excerpt";
    summary.textContent = page.meta.summary || "";
    return summary;
  }

  async function drawMore() {
    const next = shown.slice(list.children.length, list.children.length + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    for (const page of data) {
      const item = document.createElement("li");
      const closed = !(page.filters.state || []).includes("open");
      item.className = `result result-${(page.filters.kind || ["page"])[0]}${closed ? " result-closed" : ""}`;
      const heading = document.createElement("h2");
      const link = document.createElement("a");
      link.href = page.url;
      link.textContent = page.meta.title;
      heading.append(link);
      const about = document.createElement("p");
      about.className = "result-meta";
      const parts = [page.meta.kind, page.meta.place, page.meta.posted].filter(Boolean);
      about.textContent = parts.join(" · ");
      item.append(heading, about);
      if (closed && page.meta.status) {
        const badge = document.createElement("p");
        badge.className = "badge badge-closed";
        badge.textContent = page.meta.status;
        item.append(badge);
      }
      item.append(summaryOf(page));
      list.append(item);
    }
    more.hidden = list.children.length >= shown.length;
  }

  async function search(state) {
    const mine = ++run;
    statusLine.textContent = say.searching;
    const found = await index();
    let term = terms(state.q);
    let results = await ranked(found, term, state.chosen);
    let fixed = null;
    // Few results and a word the records do not have: the same search with the word corrected,
    // if that finds more.
    if (results.length < FEW && state.q && !state.exact) {
      fixed = await corrected(state.q);
      const better = fixed ? await ranked(found, terms(fixed), state.chosen) : [];
      if (better.length > results.length) {
        term = terms(fixed);
        results = better;
      } else {
        fixed = null;
      }
    }
    if (mine !== run) return;
    counted = { term, chosen: state.chosen };
    await counts(found, term, state.chosen);
    if (mine !== run) return;
    shown = results;
    list.replaceChildren();
    const n = results.length;
    statusLine.textContent = n === 0 ? say.none : n === 1 ? say.result : say.results.replace("%(count)s", n);
    correction.hidden = !(fixed && n);
    if (fixed && n) {
      correction.textContent = `${say.corrected.replace("%(corrected)s", `“${fixed}”`)} `;
      const original = document.createElement("a");
      original.href = address({ ...state, exact: true });
      original.textContent = say.original.replace("%(original)s", `“${state.q}”`);
      correction.append(original);
    }
    elsewhere.hidden = n > 0 || !state.q;
    if (!elsewhere.hidden) {
      const link = elsewhere.querySelector("a");
      link.href = `${config.otherSearch}?q=${encodeURIComponent(state.q)}`;
      link.textContent = say.elsewhere.replace("%(language)s", config.otherLanguage);
    }
    more.textContent = say.more;
    await drawMore();
    form.dataset.done = mine; // for tests and tools: this search is on the page
  }

  function go(state, how) {
    window.history[how]({}, "", address(state));
    return search(state);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(fromForm(), "pushState");
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") go(fromForm(), "pushState");
  });
  more.addEventListener("click", drawMore);
  panel.addEventListener("toggle", async () => {
    if (counted) await counts(await index(), counted.term, counted.chosen);
  });
  window.addEventListener("popstate", () => {
    const state = stateOf(new URLSearchParams(window.location.search));
    show(state);
    search(state);
  });

  const start = stateOf(new URLSearchParams(window.location.search));
  show(start);
  search(start);
})();
