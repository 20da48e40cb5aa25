// Sign-in, the choice of view by the key's role, and the live loop: the page polls the API every few seconds,
// says when it last updated, and says so plainly when the API cannot be reached.

import { createApi, ApiError, UnreachableError } from './api.js';
import { formatClock } from './format.js';
import { createNetworkView } from './network.js';
import { createStoreView } from './store.js';

const STORAGE_KEY = 'hybridorders.monitor.apiKey';
const $ = (sel) => document.querySelector(sel);
const els = {
  signIn: $('#sign-in'), form: $('#sign-in-form'), key: $('#api-key'), signInError: $('#sign-in-error'), signInButton: $('#sign-in-button'),
  network: $('#network-view'), store: $('#store-view'),
  who: $('#who'), role: $('#who-role'), scope: $('#who-scope'), signOut: $('#sign-out'),
  live: $('#live'), liveText: $('#live-text'), offline: $('#offline'), toast: $('#toast'), problem: $('#problem'),
};

let session = null;

/** placedAt and the fulfilment codes of each order, fetched once per order (both never change). */
function createOrderCache(api) {
  const cache = new Map();
  const failed = new Set();
  async function load(ids) {
    const missing = [...new Set(ids)].filter((id) => !cache.has(id) && !failed.has(id)).slice(0, 60);
    for (let i = 0; i < missing.length; i += 6) {
      await Promise.all(missing.slice(i, i + 6).map(async (id) => {
        try {
          const o = await api.get(`orders/${id}`);
          cache.set(id, { placedAt: o.placedAt, number: o.number, fulfilmentCodes: o.fulfilments.map((f) => f.code).sort() });
        } catch (e) {
          if (e instanceof UnreachableError) throw e;
          failed.add(id); // not readable with this key: the fulfilment's own creation time stands in
        }
      }));
    }
  }
  return { cache, load };
}

function showSignIn(message) {
  stop();
  els.network.hidden = true;
  els.store.hidden = true;
  els.who.hidden = true;
  els.live.hidden = true;
  els.offline.hidden = true;
  els.problem.hidden = true;
  els.signIn.hidden = false;
  els.signInError.hidden = !message;
  els.signInError.textContent = message ?? '';
  els.key.setAttribute('aria-invalid', message ? 'true' : 'false');
  els.signInButton.disabled = false;
  els.signInButton.textContent = 'Sign in';
  els.key.focus();
}

function stop() {
  if (session) {
    clearTimeout(session.timer);
    clearInterval(session.clock);
  }
  session = null;
}

async function signIn(key) {
  els.signInButton.disabled = true;
  els.signInButton.textContent = 'Signing in…';
  const api = createApi(key);
  let me;
  let settings;
  try {
    [me, settings] = await Promise.all([api.get('me'), api.get('monitor/settings')]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      sessionStorage.removeItem(STORAGE_KEY);
      showSignIn('This API key is not recognised. Check the key and try again.');
    } else if (e instanceof ApiError && e.status === 403) {
      sessionStorage.removeItem(STORAGE_KEY);
      showSignIn('This API key may not open the monitor.');
    } else {
      showSignIn(`The API cannot be reached, so the key could not be checked. ${e.message}`);
    }
    return;
  }
  if (me.role !== 'logistics' && me.role !== 'admin' && me.role !== 'pos') {
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn(`A ${me.role} key cannot open the monitor. Use a logistics or admin key for the whole network, or a store's POS key for its pickup queue.`);
    return;
  }
  sessionStorage.setItem(STORAGE_KEY, key);
  els.key.value = '';
  start(api, me, settings);
}

function start(api, me, settings) {
  stop();
  const orders = createOrderCache(api);
  const pos = me.role === 'pos';
  const options = { api, me, settings, orders, onError: handleError, notify };
  const view = pos
    ? createStoreView({ ...options, root: els.store })
    : createNetworkView({ ...options, root: els.network });
  session = { api, me, settings, view, timer: null, clock: null, lastUpdate: null, downSince: null };

  els.signIn.hidden = true;
  els.network.hidden = pos;
  els.store.hidden = !pos;
  els.who.hidden = false;
  els.live.hidden = false;
  els.role.textContent = me.role === 'pos' ? 'Store (POS)' : me.role === 'admin' ? 'Admin' : 'Logistics';
  els.scope.textContent = view.scopeText;
  setLive();
  session.clock = setInterval(setLive, 1000);
  tick(session);
}

async function tick(current) {
  try {
    await current.view.refresh();
    if (session !== current) return;
    current.lastUpdate = new Date();
    current.downSince = null;
    els.offline.hidden = true;
  } catch (e) {
    if (session !== current) return;
    handleError(e);
  } finally {
    if (session === current) {
      setLive();
      current.timer = setTimeout(() => tick(current), current.settings.refreshSeconds * 1000);
    }
  }
}

function handleError(e) {
  if (!session) return;
  if (e instanceof UnreachableError) {
    session.downSince ??= new Date();
    els.offline.hidden = false;
    els.offline.textContent = `The API cannot be reached (since ${formatClock(session.downSince)}). Retrying every ${session.settings.refreshSeconds} s; `
      + (session.lastUpdate ? `what you see is from ${formatClock(session.lastUpdate)}.` : 'nothing could be loaded yet.');
    setLive();
  } else if (e instanceof ApiError && e.status === 401) {
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn('Your API key is no longer accepted. Sign in again.');
  } else {
    showProblem(e instanceof ApiError ? `${e.problem?.title ?? 'Refused'}: ${e.message}` : `Something went wrong: ${e.message}`);
  }
}

function setLive() {
  if (!session) return;
  const { lastUpdate, downSince } = session;
  els.live.classList.toggle('down', Boolean(downSince));
  if (downSince) {
    els.liveText.textContent = `API unreachable${lastUpdate ? ` · last update ${formatClock(lastUpdate)}` : ''}`;
  } else if (lastUpdate) {
    const ago = Math.round((Date.now() - lastUpdate.getTime()) / 1000);
    els.liveText.textContent = `Live · updated ${formatClock(lastUpdate)}${ago >= 2 ? ` (${ago} s ago)` : ''}`;
  } else {
    els.liveText.textContent = 'Loading…';
  }
}

let toastTimer;
function notify(text) {
  els.toast.textContent = text;
  els.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { els.toast.hidden = true; }, 5000);
}

function showProblem(text) {
  els.problem.hidden = false;
  els.problem.querySelector('span').textContent = text;
}

els.problem.querySelector('button').addEventListener('click', () => { els.problem.hidden = true; });

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const key = els.key.value.trim();
  if (!key) {
    showSignIn('Enter an API key.');
    return;
  }
  signIn(key);
});

els.signOut.addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE_KEY);
  showSignIn();
});

const saved = sessionStorage.getItem(STORAGE_KEY);
if (saved) signIn(saved);
else showSignIn();
