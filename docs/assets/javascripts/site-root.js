/* Loaded only by 404.html, from each folder that may be the site root (overrides/404.html): the
   first copy that loads names the root, two folders above itself. */
window.__siteRoot = window.__siteRoot || new URL("../../", document.currentScript.src).pathname
