// Lanyard search: Pagefind in the browser. Loaded by the search page, or by the header
// box when it is first focused, so other pages never download the index.
const BOX_RESULTS = 5;
const DELAY_MS = 120;

let loading;

/** Loads Pagefind once, with the site's base path for result URLs. */
function load(form) {
  loading ??= import(form.dataset.pagefind + 'pagefind.js').then(async (pagefind) => {
    await pagefind.options({ baseUrl: form.dataset.base, bundlePath: form.dataset.pagefind });
    await pagefind.init();
    return pagefind;
  });
  return loading;
}

/** Runs a query; resolves to result data, or null when a newer query replaced it. */
function searcher(form) {
  let latest = 0;
  return async (query, limit) => {
    const ticket = ++latest;
    const pagefind = await load(form);
    const search = await pagefind.search(query);
    if (ticket !== latest) return null;
    const data = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
    return ticket === latest ? { total: search.results.length, data } : null;
  };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result: title link, date and tags, and the matching passage with <mark>s. */
function renderResult(data) {
  const item = element('li', 'search-result');
  const title = element('a', 'search-result-title', data.meta.title || data.url);
  title.href = data.url;
  item.append(title);
  const details = [data.meta.date, data.meta.tags && data.meta.tags.split(', ').map((tag) => `#${tag}`).join(' ')].filter(Boolean);
  if (details.length > 0) item.append(element('p', 'search-result-meta', details.join(' · ')));
  const excerpt = element('p', 'search-result-excerpt');
  // Pagefind's excerpt is escaped page text with <mark> around the matches.
  if (data.excerpt) excerpt.innerHTML = data.excerpt;
  else excerpt.textContent = data.meta.excerpt || '';
  item.append(excerpt);
  return item;
}

function status(form, found, query) {
  if (found === undefined) return form.dataset.failed;
  return found === 0 ? form.dataset.empty.replace('{q}', query) : form.dataset.results.replace('{n}', String(found));
}

function debounce(fn) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, DELAY_MS);
  };
}

/** Moves focus among the result links with the arrow keys; Escape goes back to the input. */
function arrowKeys(container, input, onEscape) {
  container.addEventListener('keydown', (event) => {
    const links = [...container.querySelectorAll('a')];
    const index = links.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)]?.focus();
    } else if (event.key === 'Escape') {
      onEscape();
      input.focus();
    }
  });
}

/** The header box: results drop down under it as you type; Enter opens the search page. */
export function attachBox(form) {
  if (form.dataset.attached) return;
  form.dataset.attached = 'true';
  void load(form).catch(() => undefined);
  const input = form.querySelector('input');
  const panel = element('div', 'site-search-panel');
  panel.hidden = true;
  const message = element('p', 'search-status');
  message.setAttribute('role', 'status');
  const list = element('ol', 'search-results');
  const more = element('a', 'site-search-more');
  panel.append(message, list, more);
  form.append(panel);
  const search = searcher(form);
  const close = () => { panel.hidden = true; };
  const run = debounce(async () => {
    const query = input.value.trim();
    if (query === '') return close();
    let found;
    try {
      found = await search(query, BOX_RESULTS);
      if (found === null) return;
    } catch {
      found = undefined;
    }
    message.textContent = status(form, found?.total, query);
    list.replaceChildren(...(found?.data ?? []).map(renderResult));
    more.hidden = found === undefined || found.total <= BOX_RESULTS;
    more.textContent = `${form.dataset.results.replace('{n}', String(found?.total ?? 0))} →`;
    more.href = `${form.action}?q=${encodeURIComponent(query)}`;
    panel.hidden = false;
  });
  input.addEventListener('input', run);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && !panel.hidden) {
      event.preventDefault();
      panel.querySelector('a')?.focus();
    } else if (event.key === 'Escape' && !panel.hidden) {
      // The first Escape closes the results; the browser's own (clearing the box) waits for the next.
      event.preventDefault();
      close();
    }
  });
  arrowKeys(panel, input, close);
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget)) close();
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '' && list.children.length > 0) panel.hidden = false;
  });
  if (input.value.trim() !== '') run();
}

/** The search page: searches `?q=` on load and as you type, keeping the URL in step. */
export function attachPage(form) {
  const input = form.querySelector('input');
  const section = form.parentElement;
  const message = section.querySelector('.search-status[role="status"]');
  const list = section.querySelector('.search-results');
  const search = searcher(form);
  const run = async () => {
    const query = input.value.trim();
    const url = new URL(location.href);
    if (query === '') url.searchParams.delete('q');
    else url.searchParams.set('q', query);
    history.replaceState(null, '', url);
    if (query === '') {
      message.textContent = '';
      list.replaceChildren();
      return;
    }
    let found;
    try {
      found = await search(query, 50);
      if (found === null) return;
    } catch {
      found = undefined;
    }
    message.textContent = status(form, found?.total, query);
    list.replaceChildren(...(found?.data ?? []).map(renderResult));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', debounce(run));
  input.addEventListener('keydown', (event) => {
    const first = list.querySelector('a');
    if (event.key === 'ArrowDown' && first !== null) {
      event.preventDefault();
      first.focus();
    }
  });
  arrowKeys(list, input, () => undefined);
  input.value = new URLSearchParams(location.search).get('q') ?? '';
  void load(form).catch(() => undefined);
  if (input.value !== '') void run();
}

for (const form of document.querySelectorAll('form[data-lanyard-search="page"]')) attachPage(form);
