// The network view (logistics and admin keys): map, filterable and sortable table, summary and the detail panel
// of one fulfilment with its timeline and routing decision. A fulfilment its origin rejected is drawn with a distinct mark
// and linked to the fulfilments that took over its units; each location shows the capacity it has used today.

import { UnreachableError } from './api.js';
import { h, replaceChildrenKeepingFocus } from './dom.js';
import {
  STATUSES, OPEN_STATUSES, TYPES, statusLabel, typeLabel, typeShort, strategyLabel, formatHours, isOpen, formatInstant, formatInZone,
  formatLocalMoment, formatDuration, formatKm, formatAddress, destinationLabel, rejectionLabel,
} from './format.js';
import { renderMap, wireMap } from './map.js';
import { targetIssues, placedAt } from './targets.js';

const COLUMNS = [
  { key: 'code', label: 'Fulfilment' },
  { key: 'type', label: 'Type' },
  { key: 'status', label: 'Status' },
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
  { key: 'distance', label: 'Distance', num: true },
  { key: 'age', label: 'Age', num: true },
  { key: 'target', label: 'Service target' },
  { key: 'deadline', label: 'Pickup by', title: 'Pickup deadline in the store’s own time' },
];

export function createNetworkView({ api, me, settings, orders, root, onError }) {
  const $ = (sel) => root.querySelector(sel);
  const els = {
    map: $('#map'), tip: $('#map-tip'), mapSummary: $('#map-summary'), legend: $('#legend'),
    side: $('#side'), summary: $('#summary'), detail: $('#detail'),
    status: $('#filter-status'), type: $('#filter-type'), location: $('#filter-location'), late: $('#filter-late'),
    head: $('#fulfilments thead'), body: $('#fulfilments tbody'), count: $('#table-count'), scope: $('#scope'),
  };
  const state = {
    locations: [], capacity: new Map(), fulfilments: [], selectedId: null, detail: null, opener: null, loads: 0,
    filters: { status: 'open', type: '', location: '', lateOnly: false },
    sort: { key: 'age', dir: 'desc' },
    signatures: {},
  };

  const issuesOf = (f) => targetIssues(f, settings, orders.cache);
  const locationOf = (code) => state.locations.find((l) => l.code === code);
  const byId = (id) => state.fulfilments.find((f) => f.id === id) ?? (state.detail?.id === id ? state.detail : null);
  const replacementsOf = (f) => state.fulfilments.filter((r) => r.replacesFulfilmentId === f.id).sort((a, b) => a.code.localeCompare(b.code));
  const replacedOf = (f) => (f.replacesFulfilmentId ? byId(f.replacesFulfilmentId) : null);
  const isReroute = (f) => f.routing?.strategy === 'reroute_after_rejection';
  const capacityOf = (code) => state.capacity.get(code) ?? null;

  function splitOf(f) {
    if (f.status === 'rejected') return null;
    const order = orders.cache.get(f.orderId);
    // a rejected part is no longer one of the order's parts; what took over from it is
    const rejected = new Set(state.fulfilments.filter((x) => x.orderId === f.orderId && x.status === 'rejected').map((x) => x.code));
    const codes = order?.fulfilmentCodes.filter((c) => !rejected.has(c));
    if (codes && codes.length > 1) {
      return { index: codes.indexOf(f.code) + 1, count: codes.length };
    }
    if (!order && f.routing?.strategy?.startsWith('split')) {
      const count = f.routing.candidates.filter((c) => c.chosen).length;
      return count > 1 ? { index: Number(f.code.split('-').pop()) || 1, count } : null;
    }
    return null;
  }

  // ----- filters and sorting -----
  replaceChildrenKeepingFocus(els.status,
    h('option', { value: 'open' }, 'Open (not finished)'),
    h('option', { value: 'all' }, 'All statuses'),
    Object.keys(STATUSES).map((st) => h('option', { value: st }, STATUSES[st].long)));
  replaceChildrenKeepingFocus(els.type, h('option', { value: '' }, 'All types'), Object.entries(TYPES).map(([v, l]) => h('option', { value: v }, l)));
  els.status.addEventListener('change', () => { state.filters.status = els.status.value; refresh().catch(onError); });
  els.type.addEventListener('change', () => { state.filters.type = els.type.value; render(); });
  els.location.addEventListener('change', () => { state.filters.location = els.location.value; render(); });
  els.late.addEventListener('change', () => { state.filters.lateOnly = els.late.checked; render(); });

  wireMap(els.map, els.tip, {
    fulfilment: (id, el) => openDetail(id, el),
    location: (code) => {
      state.filters.location = state.filters.location === code ? '' : code;
      els.location.value = state.filters.location;
      render();
    },
  });

  renderLegend();

  // the map is drawn in CSS pixels: draw it again when its width changes
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const width = Math.round(els.map.clientWidth);
    if (Math.abs(width - drawnWidth) > 2 && state.locations.length) {
      drawnWidth = width;
      state.signatures.map = null;
      render();
    }
  }).observe(els.map.parentElement);

  function renderLegend() {
    replaceChildrenKeepingFocus(els.legend,
      OPEN_STATUSES.map((st) => h('li', {}, h('span', { className: `swatch st-${st}`, 'aria-hidden': 'true' }), statusLabel(st))),
      h('li', {}, h('span', { className: 'swatch line-solid', 'aria-hidden': 'true' }), 'Delivery'),
      h('li', {}, h('span', { className: 'swatch line-dashed', 'aria-hidden': 'true' }), 'Transfer to pickup store'),
      h('li', {}, h('span', { className: 'swatch dot', 'aria-hidden': 'true' }), 'Pickup waiting at a store'),
      h('li', {}, h('span', { className: 'swatch late-halo', 'aria-hidden': 'true' }), 'Past a service target'),
      h('li', {}, h('span', { className: 'swatch split-ring', 'aria-hidden': 'true' }), 'Split order'),
      h('li', {}, h('span', { className: 'swatch reject-swatch', 'aria-hidden': 'true' }, '✕'), 'Rejected at its origin'),
      h('li', {}, h('span', { className: 'swatch reroute-swatch', 'aria-hidden': 'true' }), 'Re-routed: from the rejecting location to the new origin'),
      h('li', {}, h('span', { className: 'swatch capacity-swatch', 'aria-hidden': 'true' }), 'Capacity used today'),
      h('li', {}, h('span', { className: 'swatch shape-store', 'aria-hidden': 'true' }), 'Store'),
      h('li', {}, h('span', { className: 'swatch shape-warehouse', 'aria-hidden': 'true' }), 'Warehouse'),
    );
  }

  function matches(f) {
    const { status, type, location, lateOnly } = state.filters;
    if (status === 'open' ? !isOpen(f) : status !== 'all' && f.status !== status) return false;
    if (type && f.type !== type) return false;
    if (location && f.originLocationCode !== location && f.destination?.locationCode !== location) return false;
    if (lateOnly && issuesOf(f).length === 0) return false;
    return true;
  }

  const sortValue = {
    code: (f) => f.code,
    type: (f) => typeLabel(f.type),
    status: (f) => Object.keys(STATUSES).indexOf(f.status),
    from: (f) => f.originLocationCode,
    to: (f) => destinationLabel(f),
    distance: (f) => f.distanceKm,
    age: (f) => -placedAt(f, orders.cache).getTime(),
    target: (f) => issuesOf(f).length,
    deadline: (f) => (f.pickupDeadline ? new Date(f.pickupDeadline).getTime() : Number.MAX_SAFE_INTEGER),
  };

  function sorted(list) {
    const value = sortValue[state.sort.key];
    const dir = state.sort.dir === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return c * dir || a.code.localeCompare(b.code);
    });
  }

  // ----- loading -----
  async function refresh() {
    if (state.loads++ % 12 === 0 || state.locations.length === 0) {
      state.locations = await api.all('locations?limit=500');
      syncLocationOptions();
    }
    const { status } = state.filters;
    // rejected ones always: an open replacement is drawn linked to what it replaces
    const statuses = status === 'all' ? [null] : [...new Set([...OPEN_STATUSES, 'rejected', ...(status === 'open' ? [] : [status])])];
    const [lists] = await Promise.all([
      Promise.all(statuses.map((st) => api.all(`fulfilments?limit=500${st ? `&status=${st}` : ''}`, st === 'rejected' ? 1 : 4))),
      loadCapacity()]);
    const found = new Map();
    lists.flat().forEach((f) => found.set(f.id, f));
    state.fulfilments = [...found.values()];
    // an order's cached parts are stale once a reject added fulfilments to it
    state.fulfilments.filter((f) => orders.cache.get(f.orderId)?.fulfilmentCodes.includes(f.code) === false).forEach((f) => orders.cache.delete(f.orderId));
    await orders.load(state.fulfilments.map((f) => f.orderId));
    if (state.selectedId) {
      state.detail = found.get(state.selectedId) ?? await api.get(`fulfilments/${state.selectedId}`);
    }
    render();
  }

  // capacity used today per location (GET /locations/{code}/capacity), every few refreshes; a server without the route shows none
  async function loadCapacity() {
    const load = state.loads - 1;
    if (state.locations.length === 0 || load % (state.capacity.size || load === 0 ? 4 : 12) !== 0) return;
    const results = await Promise.all(state.locations.slice(0, 200).map(async (l) => {
      try {
        return [l.code, await api.get(`locations/${encodeURIComponent(l.code)}/capacity`)];
      } catch (e) {
        if (e instanceof UnreachableError) throw e;
        return [l.code, null];
      }
    }));
    state.capacity = new Map(results.filter(([, c]) => c));
  }

  function syncLocationOptions() {
    const current = state.filters.location;
    replaceChildrenKeepingFocus(els.location, h('option', { value: '' }, 'All locations'),
      state.locations.map((l) => h('option', { value: l.code }, `${l.code} (${l.kind})`)));
    els.location.value = state.locations.some((l) => l.code === current) ? current : '';
    state.filters.location = els.location.value;
  }

  // ----- rendering -----
  function render() {
    const shown = sorted(state.fulfilments.filter(matches));
    const open = shown.filter(isOpen);
    // a rejected fulfilment stays on the map while what took over from it is open, linked to it
    const onMap = [...open, ...state.fulfilments.filter((f) => f.status === 'rejected' && open.some((r) => r.replacesFulfilmentId === f.id))];
    const minute = Math.floor(Date.now() / 60000);

    const mapSig = JSON.stringify([state.locations.map((l) => [l.code, l.active, capacityOf(l.code)]), onMap.map((f) => [f.id, f.status, issuesOf(f).length, splitOf(f)]),
      state.selectedId, state.filters.location]);
    if (mapSig !== state.signatures.map) {
      state.signatures.map = mapSig;
      replaceChildrenKeepingFocus(els.map, renderMap(els.map, {
        locations: state.locations, fulfilments: onMap, selectedId: state.selectedId, issuesOf, splitOf, locationFilter: state.filters.location,
        capacityOf, replacementsOf,
      }));
      drawnWidth = Math.round(els.map.clientWidth);
    }
    const routes = open.filter((f) => f.type !== 'pickup').length;
    const rerouted = open.filter(isReroute).length;
    els.mapSummary.textContent = `${state.locations.length} locations · ${routes} route${routes === 1 ? '' : 's'} · ${open.length - routes} pickup${open.length - routes === 1 ? '' : 's'} at stores`
      + (rerouted ? ` · ${rerouted} re-routed` : '');

    const tableSig = JSON.stringify([shown.map((f) => [f.id, f.status, f.pickupDeadline, splitOf(f), replacementsOf(f).map((r) => r.code), replacedOf(f)?.code]),
      state.sort, state.selectedId, minute, orders.cache.size]);
    if (tableSig !== state.signatures.table) {
      state.signatures.table = tableSig;
      renderHead();
      replaceChildrenKeepingFocus(els.body, shown.length ? shown.map(row) : h('tr', {}, h('td', { colspan: COLUMNS.length, className: 'empty' }, 'No fulfilments match these filters.')));
    }
    els.count.textContent = `${shown.length} of ${state.fulfilments.length} shown`;

    if (state.selectedId && state.detail) renderDetail(state.detail, minute);
    else renderSummary(minute);
  }

  function renderHead() {
    replaceChildrenKeepingFocus(els.head, h('tr', {}, COLUMNS.map((c) => {
      const active = state.sort.key === c.key;
      return h('th', { scope: 'col', className: c.num ? 'num' : '', title: c.title, 'aria-sort': active ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
        h('button', {
          type: 'button', className: 'sort', 'data-focus-key': `sort-${c.key}`,
          onclick: () => {
            state.sort = { key: c.key, dir: active && state.sort.dir === 'asc' ? 'desc' : 'asc' };
            state.signatures.table = null;
            render();
          },
        }, c.label, h('span', { className: 'sort-mark', 'aria-hidden': 'true' }, active ? (state.sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
    })));
  }

  function row(f) {
    const issues = issuesOf(f);
    const split = splitOf(f);
    const age = Date.now() - placedAt(f, orders.cache).getTime();
    const late = issues.some((i) => i.kind === 'late');
    return h('tr', {
      className: [late ? 'late' : '', issues.length && !late ? 'warn' : '', f.id === state.selectedId ? 'selected' : ''].filter(Boolean).join(' '),
      'data-id': f.id, 'data-code': f.code,
      onclick: (e) => { if (!e.target.closest('button')) openDetail(f.id, e.currentTarget.querySelector('button')); },
    },
    h('td', {}, h('button', { type: 'button', className: 'link', 'data-focus-key': `row-${f.id}`, 'aria-label': `Open ${f.code}`, onclick: (e) => openDetail(f.id, e.currentTarget) }, f.code),
      split ? h('span', { className: 'badge split-badge', title: `Order ${f.orderNumber} is split over ${split.count} locations` }, `split ${split.index}/${split.count}`) : null,
      linkBadge(f)),
    h('td', { className: 'type' }, typeShort(f.type)),
    h('td', {}, h('span', { className: `pill st-${f.status}` }, statusLabel(f.status))),
    h('td', {}, f.originLocationCode),
    h('td', { className: 'wrap', title: formatAddress(f.destination?.address) || null }, destinationLabel(f)),
    h('td', { className: 'num' }, formatKm(f.distanceKm)),
    h('td', { className: 'num', title: `Placed ${formatInstant(placedAt(f, orders.cache).toISOString())}` }, formatDuration(age)),
    h('td', { className: 'target' }, issues.length ? issues.map((i) => h('span', { className: `flag flag-${i.kind}` }, h('span', { 'aria-hidden': 'true' }, '⚠ '), i.text)) : h('span', { className: 'ok' }, 'On track')),
    h('td', { className: 'deadline' }, f.pickupDeadlineLocal
      ? [formatLocalMoment(f.pickupDeadlineLocal, false), h('span', { className: 'zone' }, f.pickupDeadlineLocal.timeZone)]
      : '—'));
  }

  /** The mark of a rejected fulfilment, or of one that took over from it, in the table. */
  function linkBadge(f) {
    if (f.status === 'rejected') {
      const next = replacementsOf(f);
      return h('span', { className: 'badge reject-badge', title: `Rejected at ${f.originLocationCode}: ${rejectionLabel(f.rejectionReason)}`
        + `${next.length ? `; taken over by ${next.map((r) => r.code).join(', ')}` : ''}` }, '✕ rejected');
    }
    const old = replacedOf(f);
    if (!f.replacesFulfilmentId) return null;
    const oldCode = old?.code ?? 'a rejected fulfilment';
    return isReroute(f)
      ? h('span', { className: 'badge reroute-badge', title: `Re-routed: replaces ${oldCode}${old ? `, rejected at ${old.originLocationCode}` : ''}` }, '↻ re-routed')
      : h('span', { className: 'badge kept-badge', title: `The rest of ${oldCode}, still sent by ${old?.originLocationCode ?? 'its origin'}` }, 'rest');
  }

  function renderSummary() {
    const open = state.fulfilments.filter(isOpen);
    const late = open.filter((f) => issuesOf(f).some((i) => i.kind === 'late'));
    const soon = open.filter((f) => issuesOf(f).some((i) => i.kind === 'deadline'));
    const routes = open.filter((f) => f.type !== 'pickup');
    const totalKm = routes.reduce((sum, f) => sum + f.distanceKm, 0);
    const longest = routes.reduce((max, f) => (!max || f.distanceKm > max.distanceKm ? f : max), null);
    const perOrigin = [...open.reduce((m, f) => m.set(f.originLocationCode, (m.get(f.originLocationCode) ?? 0) + 1), new Map())]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    const sig = JSON.stringify(['summary', open.map((f) => [f.id, f.status]), late.map((f) => f.id), soon.map((f) => f.id)]);
    if (sig === state.signatures.side) return;
    state.signatures.side = sig;
    els.detail.hidden = true;
    els.summary.hidden = false;
    const tile = (label, n, cls) => h('div', { className: `tile ${cls}` }, h('span', { className: 'tile-n' }, String(n)), h('span', { className: 'tile-l' }, label));
    replaceChildrenKeepingFocus(els.summary,
      h('h2', {}, 'Open fulfilments'),
      h('div', { className: 'tiles' },
        OPEN_STATUSES.map((st) => tile(statusLabel(st), open.filter((f) => f.status === st).length, `st-${st}`)),
        tile('Past a target', late.length, late.length ? 'tile-late' : ''),
        tile('Deadline soon', soon.length, soon.length ? 'tile-warn' : '')),
      h('p', { className: 'targets' }, `Service targets: ready for pickup within ${formatHours(settings.readyForPickupWithinHours)}, `
        + `shipped within ${formatHours(settings.shipWithinHours)}; pickups are flagged ${formatHours(settings.pickupDeadlineWarningHours)} before their deadline.`),
      late.length ? h('div', {}, h('h3', {}, 'Needs attention'),
        h('ul', { className: 'attention' }, sorted(late).slice(0, 6).map((f) => h('li', {},
          h('button', { type: 'button', className: 'link', 'data-focus-key': `att-${f.id}`, onclick: (e) => openDetail(f.id, e.currentTarget) }, f.code),
          ` ${issuesOf(f).map((i) => i.text).join('; ')}`)))) : null,
      h('h3', {}, 'How far goods travel'),
      routes.length === 0 ? h('p', { className: 'muted' }, 'No open deliveries or transfers.') : h('dl', { className: 'facts' },
        h('dt', {}, 'Open routes'), h('dd', {}, `${routes.length} (${formatKm(totalKm)} in all)`),
        h('dt', {}, 'Average'), h('dd', {}, formatKm(totalKm / routes.length)),
        h('dt', {}, 'Longest'), h('dd', {},
          h('button', { type: 'button', className: 'link', 'data-focus-key': `long-${longest.id}`, onclick: (e) => openDetail(longest.id, e.currentTarget) }, longest.code),
          ` ${formatKm(longest.distanceKm)} from ${longest.originLocationCode}`)),
      perOrigin.length ? [h('h3', {}, 'Busiest origins'),
        h('ul', { className: 'bars' }, perOrigin.map(([code, n]) => h('li', {},
          h('button', {
            type: 'button', className: 'link', 'data-focus-key': `origin-${code}`, 'aria-label': `${code}: ${n} open; filter the table`,
            onclick: () => { state.filters.location = code; els.location.value = code; render(); },
          }, code),
          h('span', { className: 'bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.round((n / perOrigin[0][1]) * 100)}%` })),
          h('span', { className: 'bar-n' }, String(n)))))] : null,
      h('p', { className: 'hint' }, 'Select a route, a pickup dot or a table row to see its lines, timeline and routing decision. Select a location to filter the table.'));
  }

  // ----- detail -----
  async function openDetail(id, opener) {
    state.selectedId = id;
    state.opener = opener?.getAttribute?.('data-focus-key') ?? null;
    state.detail = state.fulfilments.find((f) => f.id === id) ?? null;
    state.signatures.side = null;
    try {
      state.detail = await api.get(`fulfilments/${id}`);
      await orders.load([state.detail.orderId]);
    } catch (e) {
      onError(e);
    }
    render();
    els.detail.querySelector('h2')?.focus();
  }

  function closeDetail() {
    state.selectedId = null;
    state.detail = null;
    state.signatures.side = null;
    render();
    const back = state.opener && root.querySelector(`[data-focus-key="${CSS.escape(state.opener)}"]`);
    (back || els.body.querySelector('button'))?.focus();
  }

  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selectedId) closeDetail();
  });

  function timeline(f) {
    const origin = locationOf(f.originLocationCode);
    const pickupStore = f.destination?.locationCode ? locationOf(f.destination.locationCode) : null;
    const order = orders.cache.get(f.orderId);
    const step = (label, at, where) => ({ label, at, where });
    const steps = [step('Order placed', order?.placedAt ?? f.createdAt, null), step(`Allocated to ${f.originLocationCode}`, f.createdAt, origin)];
    if (f.type === 'delivery') {
      steps.push(step(`Shipped from ${f.originLocationCode}`, f.shippedAt, origin), step('Delivered to the customer', f.deliveredAt, null));
    } else {
      if (f.type === 'transfer_to_pickup') {
        steps.push(step(`Left ${f.originLocationCode} for ${f.destination.locationCode}`, f.shippedAt, origin),
          step(`Arrived at ${f.destination.locationCode}`, f.receivedAt, pickupStore));
      }
      steps.push(step(`Ready for pickup at ${f.destination.locationCode}`, f.readyAt, pickupStore));
      if (f.pickupDeadline) steps.push({ label: 'Pickup deadline', at: f.pickupDeadline, local: f.pickupDeadlineLocal, deadline: true });
      if (f.status === 'expired') steps.push(step('Expired: not collected in time', f.expiredAt, pickupStore));
      else steps.push(step('Collected by the customer', f.collectedAt, pickupStore));
    }
    if (f.cancelledAt) steps.push(step('Cancelled', f.cancelledAt, null));
    if (f.rejectedAt) steps.push(step(`Rejected at ${f.originLocationCode}: ${rejectionLabel(f.rejectionReason)}`, f.rejectedAt, origin));
    return steps;
  }

  function renderDetail(f) {
    const issues = issuesOf(f);
    const split = splitOf(f);
    const old = replacedOf(f);
    const next = replacementsOf(f);
    const sig = JSON.stringify(['detail', f, issues, split, state.locations.length, Math.floor(Date.now() / 60000), old?.id, next.map((r) => r.id)]);
    if (sig === state.signatures.side) return;
    state.signatures.side = sig;
    els.summary.hidden = true;
    els.detail.hidden = false;
    const age = Date.now() - placedAt(f, orders.cache).getTime();
    const canAct = me.role === 'logistics' || me.role === 'admin';
    const actions = [];
    if (canAct && f.status === 'allocated' && f.type !== 'pickup') actions.push(['ship', f.type === 'delivery' ? 'Mark shipped' : 'Mark sent to store']);
    if (canAct && f.status === 'shipped' && f.type === 'delivery') actions.push(['deliver', 'Mark delivered']);

    replaceChildrenKeepingFocus(els.detail,
      h('div', { className: 'detail-head' },
        h('h2', { id: 'detail-title', tabindex: '-1' }, f.code),
        h('span', { className: `pill st-${f.status}` }, statusLabel(f.status)),
        h('button', { type: 'button', className: 'icon', 'aria-label': 'Close details', title: 'Close (Esc)', 'data-focus-key': 'detail-close', onclick: closeDetail }, '×')),
      h('p', { className: 'detail-sub' }, `${typeLabel(f.type)} · order ${f.orderNumber}`, split ? ` · part ${split.index} of ${split.count} (split order)` : ''),
      issues.length ? h('p', { className: 'detail-issues' }, issues.map((i) => h('span', { className: `flag flag-${i.kind}` }, '⚠ ', i.text))) : null,
      h('dl', { className: 'facts' },
        h('dt', {}, 'From'), h('dd', {}, `${f.originLocationCode}${locationOf(f.originLocationCode) ? ` — ${locationOf(f.originLocationCode).name}` : ''}`),
        h('dt', {}, 'To'), h('dd', {}, f.destination?.locationCode
          ? `${f.destination.locationCode}${locationOf(f.destination.locationCode) ? ` — ${locationOf(f.destination.locationCode).name}` : ''}`
          : formatAddress(f.destination?.address) || 'Customer address'),
        h('dt', {}, 'Distance'), h('dd', {}, formatKm(f.distanceKm)),
        h('dt', {}, 'Age'), h('dd', {}, `${formatDuration(age)} since the order was placed`),
        f.status === 'rejected' ? [h('dt', {}, 'Rejected'), h('dd', { className: 'rejected-why' }, `at ${f.originLocationCode}: ${rejectionLabel(f.rejectionReason)}, ${formatInstant(f.rejectedAt)}`)] : null,
        f.replacesFulfilmentId ? [h('dt', {}, isReroute(f) ? 'Replaces' : 'Rest of'), h('dd', {}, linkButton(old, f.replacesFulfilmentId),
          old?.status === 'rejected' ? ` (rejected at ${old.originLocationCode}: ${rejectionLabel(old.rejectionReason)})` : '')] : null,
        next.length ? [h('dt', {}, 'Taken over by'), h('dd', {}, next.map((r, i) => [i ? ', ' : '', linkButton(r, r.id), ` from ${r.originLocationCode}`]))] : null),
      actions.length ? h('div', { className: 'actions' }, actions.map(([step, label]) =>
        h('button', { type: 'button', className: 'primary', 'data-focus-key': `act-${step}`, onclick: (e) => act(f, step, e.currentTarget) }, label))) : null,
      h('h3', {}, 'Lines'),
      h('table', { className: 'mini' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col', className: 'num' }, 'Quantity'),
        f.status === 'rejected' ? h('th', { scope: 'col', className: 'num' }, 'Rejected') : null)),
        h('tbody', {}, f.lines.map((l) => h('tr', {}, h('td', {}, l.sku), h('td', { className: 'num' }, String(l.quantity)),
          f.status === 'rejected' ? h('td', { className: 'num' }, String(l.rejectedQuantity ?? 0)) : null)))),
      h('h3', {}, 'Timeline'),
      h('ol', { className: 'timeline' }, timeline(f).map((st) => {
        const local = st.deadline ? formatLocalMoment(st.local)
          : st.where && st.at ? `${formatInZone(st.at, st.where.timeZone)} at ${st.where.code} (${st.where.timeZone})` : null;
        return h('li', { className: st.at ? (st.deadline ? 'deadline' : 'done') : 'pending' },
          h('span', { className: 'step' }, st.label),
          h('span', { className: 'when' }, st.at ? (st.deadline ? local : formatInstant(st.at)) : 'not yet'),
          local && !st.deadline ? h('span', { className: 'local' }, `Store time: ${local}`) : null,
          st.deadline ? h('span', { className: 'local' }, `Your time: ${formatInstant(st.at)}`) : null);
      })),
      h('h3', {}, 'Routing decision'),
      h('p', { className: 'strategy' }, h('span', { className: 'muted' }, 'Strategy: '), strategyLabel(f.routing?.strategy)),
      (f.routing?.candidates ?? []).length === 0
        ? h('p', { className: 'muted' }, 'No other location was considered.')
        : h('ol', { className: 'candidates', 'aria-label': 'Every candidate location, nearest first' }, f.routing.candidates.map((c) =>
          h('li', { className: c.chosen ? 'chosen' : '' },
            h('div', { className: 'cand-head' },
              h('span', { className: 'cand-code' }, c.locationCode),
              h('span', { className: 'cand-km' }, formatKm(c.distanceKm)),
              c.chosen ? h('span', { className: 'chosen-mark' }, '✓ chosen') : h('span', { className: 'not-chosen' }, 'not chosen'),
              h('span', { className: `tag ${c.canFulfilAll ? 'tag-yes' : 'tag-no'}` }, c.canFulfilAll ? 'has everything' : 'lacks some items')),
            h('div', { className: 'cand-why' }, c.reason)))));
  }

  function linkButton(target, id) {
    return h('button', { type: 'button', className: 'link', 'data-focus-key': `link-${id}`, onclick: (e) => openDetail(id, e.currentTarget) },
      target?.code ?? 'open');
  }

  async function act(f, step, button) {
    button.disabled = true;
    try {
      state.detail = await api.post(`fulfilments/${f.id}/${step}`);
      await refresh();
    } catch (e) {
      onError(e);
      button.disabled = false;
    }
  }

  return {
    refresh,
    scopeText: 'Whole network',
  };
}
