// The service worker's code: keeps the pages a person visits readable in a blackout. The
// worker itself is /sw.js at the site's root (its scope is its folder), written by the build
// (cities4cities/site/pages/offline.py) with the settings below, then importing this file.
//   self.OFFLINE = {version, shell: [paths], offline: {language prefix: path}, pages: N,
//                   files: N}
// Pages (HTML) come from the network first and are saved as they arrive, so nobody reads an old
// page while online; offline, the saved copy, or the offline page of the address's language.
// The theme's files (CSS, scripts) and images (the maps' land, named by their content) come from
// the cache first: a new build writes a new version into /sw.js, the browser installs the new
// worker, and it replaces the shell.
"use strict";

const SETTINGS = self.OFFLINE;
const ROOT = self.registration.scope; // the site's root, ending in "/" (a sub-path on Pages)
// Caches belong to the origin, which several sites may share (project sites on github.io):
// every name starts with the root. offline.js reads the pages' cache by the same name.
const SHELL = `${ROOT} shell ${SETTINGS.version}`;
const PAGES = `${ROOT} pages`;
const THEME = `${ROOT}theme/`;
const INSTALLED = SETTINGS.shell.map((path) => ROOT + path); // never pushed out
const SAVED_AT_ONCE = 31; // a city page and up to 30 of its needs

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(INSTALLED.map(fresh)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => {
        const old = names.filter((name) => name.startsWith(`${ROOT} shell `) && name !== SHELL);
        return Promise.all(old.map((name) => caches.delete(name)));
      })
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, event));
  } else if (request.url.startsWith(THEME) || request.destination === "image") {
    event.respondWith(file(request, event));
  } // anything else (search index, data, feeds) goes to the network as if there were no worker
});

// offline.js asks for pages to be saved: the page it runs on and its images, when it was loaded
// before the worker controlled it, and the needs a city page links to.
self.addEventListener("message", (event) => {
  const { save, files } = event.data || {};
  const pages = Array.isArray(save) ? save.slice(0, SAVED_AT_ONCE) : [];
  const others = Array.isArray(files) ? files.slice(0, SETTINGS.files) : [];
  event.waitUntil(fetchAll(others, keepFile).then(() => fetchAll(pages, keepPage)));
});

async function page(request, event) {
  try {
    const response = await fetch(request);
    event.waitUntil(keepPage(request.url, response.clone()));
    return response;
  } catch (error) {
    const saved = await caches.match(key(request.url), { cacheName: PAGES });
    return saved || (await caches.match(ROOT + offlinePage(request.url))) || Response.error();
  }
}

async function file(request, event) {
  const cached = await caches.match(request, { cacheName: SHELL, ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(fresh(request));
  event.waitUntil(keepFile(request.url, response.clone()));
  return response;
}

async function fetchAll(urls, kept) {
  for (const url of urls) {
    // One after another: a connection that comes and goes is not flooded.
    if (typeof url !== "string" || !url.startsWith(ROOT)) continue;
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin" });
    } catch (error) {
      return; // offline again: what is saved stays
    }
    await kept(url, response);
  }
}

async function keepPage(url, response) {
  if (savable(url, response)) await keep(PAGES, SETTINGS.pages, key(url), response);
}

async function keepFile(url, response) {
  if (response.ok && response.type === "basic") await keep(SHELL, SETTINGS.files, url, response);
}

// A page of the site as it was asked for (not an embed for other sites, not the offline page),
// received whole and unredirected, is worth keeping.
function savable(url, response) {
  const type = response.headers.get("Content-Type") || "";
  const path = key(url).slice(ROOT.length);
  return (
    response.ok &&
    response.type === "basic" &&
    !response.redirected &&
    type.startsWith("text/html") &&
    !path.includes("/embed/") &&
    !Object.values(SETTINGS.offline).includes(path)
  );
}

// What is kept until the next version is checked with the server first: the browser's own
// cache may still hold the previous build's file (GitHub Pages lets it keep one 10 minutes).
function fresh(request) {
  return new Request(request, { cache: "no-cache" });
}

// Saved under the address without its query: /submit/?kind=pledge is /submit/ offline.
function key(url) {
  const address = new URL(url);
  return address.origin + address.pathname;
}

// Keeps a response, then the last `limit` entries of its cache besides the installed shell.
async function keep(name, limit, url, response) {
  const cache = await caches.open(name);
  await cache.put(url, response);
  // A cache lists its entries oldest first (an entry put again moves to the end).
  const entries = (await cache.keys()).filter((entry) => !INSTALLED.includes(entry.url));
  const extra = entries.slice(0, Math.max(0, entries.length - limit));
  await Promise.all(extra.map((entry) => cache.delete(entry)));
}

// The offline page in the language of the address: /uk/needs/x/ -> uk/offline/.
function offlinePage(url) {
  const path = key(url).slice(ROOT.length);
  const prefixes = Object.keys(SETTINGS.offline).sort((a, b) => b.length - a.length);
  const prefix = prefixes.find((candidate) => path.startsWith(candidate));
  return SETTINGS.offline[prefix];
}
