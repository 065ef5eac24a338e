/* The dashboard's service worker: the app's files are kept on the device so it opens without a
 * connection; API calls (/graphql, /export, /calendar) always go to the network. The build writes
 * the list of files and a version in place of the two placeholders below. */
const VERSION = '__BUILD_VERSION__';
const SHELL_FILES = __SHELL_FILES__;
const CACHE = `followthrough-${VERSION}`;
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      // The page itself is served for text/html requests only.
      await cache.put(SHELL, await fetch(new Request(SHELL, { headers: { accept: 'text/html' } })));
      await cache.addAll(SHELL_FILES);
      await self.skipWaiting();
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('followthrough-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The network first (a new version, the server's headers); the kept page when offline.
    event.respondWith(fetch(request).catch(() => caches.match(SHELL)));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});
