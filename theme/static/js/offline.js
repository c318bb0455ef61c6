// Offline reading, on every page: registers the service worker (/sw.js at the site's root, see
// offline-worker.js), asks it to save this page and its images when it was loaded without it,
// and on a city page the needs it links to; on the offline page (/offline/), lists the pages saved on this device.
// Without JavaScript, a service worker or http(s) (a page opened as a file), nothing changes.
"use strict";

(() => {
  const script = document.currentScript;
  const saved = document.getElementById("offline-saved");
  const works =
    script && /^https?:$/.test(location.protocol) && "serviceWorker" in navigator && "caches" in window;
  if (!works) {
    if (saved) show(saved, "unsupported");
    return;
  }
  const root = new URL("../../", script.src).href; // this file is <root>theme/js/offline.js
  const CITY_NEEDS = 30; // need pages saved with a city page
  const wasControlled = Boolean(navigator.serviceWorker.controller);

  navigator.serviceWorker
    .register(`${root}sw.js`)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = wasControlled ? [] : [pageAddress(location.href)];
      urls.push(...cityNeeds());
      const files = wasControlled ? [] : images(); // else the worker kept them as they came
      if ((urls.length || files.length) && registration.active) {
        registration.active.postMessage({ save: urls, files });
      }
    })
    .catch(() => {}); // no worker (private mode, storage full): the site works as before
  if (saved) listSaved(saved);

  function pageAddress(url) {
    const address = new URL(url);
    return address.origin + address.pathname;
  }

  // Addresses under the root, without it: "uk/cities/kyiv/" (a language is a two-letter folder).
  function path(url) {
    return url.startsWith(root) ? url.slice(root.length) : null;
  }

  // On a city page (cities/<id>/), the need pages it links to, and pages under its own address
  // (its needs when they take more than one page); never its embeds, which repeat it.
  function cityNeeds() {
    const here = pageAddress(location.href);
    if (!/^([a-z]{2}\/)?cities\/[^/]+\/$/.test(path(here) || "")) return [];
    const found = new Set();
    for (const link of document.querySelectorAll("main a[href]")) {
      const url = pageAddress(link.href);
      const relative = path(url);
      const need = relative !== null && /^([a-z]{2}\/)?needs\/[^/]+\/$/.test(relative);
      const under = url.startsWith(here) && url !== here && !url.includes("/embed/");
      if (need || under) found.add(url);
    }
    return Array.from(found).slice(0, CITY_NEEDS);
  }

  // The site's images on this page (the map's land), by their addresses.
  function images() {
    const found = new Set();
    for (const image of document.querySelectorAll("img[src], image[href]")) {
      const url = new URL(image.getAttribute("src") || image.getAttribute("href"), location.href);
      if (path(url.href) !== null) found.add(url.href);
    }
    return Array.from(found);
  }

  // The offline page: each saved page's title and link, the latest saved first.
  async function listSaved(section) {
    const name = `${root} pages`; // the worker's name for the pages' cache
    const entries = (await caches.has(name)) ? await (await caches.open(name)).keys() : [];
    const list = section.querySelector("ul");
    const suffix = document.title.slice(document.title.lastIndexOf(" · "));
    for (const request of entries.reverse()) {
      const response = await caches.match(request, { cacheName: name });
      if (!response) continue;
      const head = new DOMParser().parseFromString(headOf(await response.text()), "text/html");
      const title = head.title.endsWith(suffix) ? head.title.slice(0, -suffix.length) : head.title;
      const item = document.createElement("li");
      const link = item.appendChild(document.createElement("a"));
      link.href = request.url;
      link.textContent = title || request.url;
      const language = head.documentElement.lang;
      if (language && language !== document.documentElement.lang) {
        link.lang = link.hreflang = language;
      }
      list.appendChild(item);
    }
    const fallback = pageAddress(location.href) !== new URL(section.dataset.address, location).href;
    if (fallback || !navigator.onLine) show(section, "offline");
    if (fallback) show(section, "missing");
    show(section, list.children.length ? "saved" : "none");
  }

  // Only the page's <head>: its title and language, without parsing the whole page.
  function headOf(html) {
    const end = html.indexOf("</head>");
    return end < 0 ? html : html.slice(0, end);
  }

  function show(section, state) {
    for (const part of section.querySelectorAll(`[data-when~="${state}"]`)) part.hidden = false;
  }
})();
