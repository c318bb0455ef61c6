// The search page: Pagefind's UI, with the query and the ticked filters kept in the address
// (?q=pumps&sector=Energy), so a search can be shared and bookmarked. Without this script the
// page's plain form and the links to the filter pages still work.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  const text = box.dataset;
  const url = new URL(window.location.href);
  // One index per kind of record (needs, offers, cities), each maybe in several shards.
  const bundles = JSON.parse(text.bundles);
  const kind = bundles[url.searchParams.get("kind")] ? url.searchParams.get("kind") : "needs";
  const [first, ...more] = bundles[kind];
  if (!first) return;
  const chosen = document.querySelector(`.search-kinds input[value="${kind}"]`);
  if (chosen) chosen.checked = true;
  document.querySelector(".search-kinds").addEventListener("change", (event) => {
    url.searchParams.set("kind", event.target.value);
    window.location.assign(url);  // another index: load the page again for it
  });

  const ui = new PagefindUI({
    element: "#search",
    bundlePath: first,
    baseUrl: text.baseUrl, // result addresses are stored from the site root
    mergeIndex: more.map((bundlePath) => ({ bundlePath, baseUrl: text.baseUrl })),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    translations: {
      placeholder: text.placeholder,
      zero_results: text.zeroResults,
      many_results: text.manyResults,
      one_result: text.oneResult,
      filters_label: text.filtersLabel,
      load_more: text.loadMore,
      clear_search: text.clearSearch,
      searching: text.searching,
    },
    processTerm: (term) => {
      remember("q", term ? [term] : []);
      return term;
    },
  });

  // The plain form is for browsers without this script: Pagefind brings its own input, which
  // takes over the form's visible label.
  document.querySelector(".search-form .search-row").remove();
  const input = box.querySelector(".pagefind-ui__search-input");
  if (input) input.id = "search-q";
  document.getElementById("search-fallback").hidden = true;

  function remember(name, values) {
    url.searchParams.delete(name);
    values.forEach((value) => url.searchParams.append(name, value));
    window.history.replaceState(null, "", url);
  }

  box.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "checkbox" || !input.name) return;
    const ticked = box.querySelectorAll(`input[type=checkbox][name="${CSS.escape(input.name)}"]:checked`);
    remember(input.name, Array.from(ticked, (each) => each.value));
  });

  const filters = {};
  for (const [name, value] of url.searchParams) {
    if (name !== "q" && name !== "kind") (filters[name] = filters[name] || []).push(value);
  }
  if (Object.keys(filters).length) ui.triggerFilters(filters);
  const query = url.searchParams.get("q");
  if (query) ui.triggerSearch(query);
});
