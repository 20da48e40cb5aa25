// The store view (POS keys): the store's pickup queue in three columns — to pick, ready for pickup, collected today —
// with the buttons for each step, and what the store still has to send out.

import { h, replaceChildrenKeepingFocus } from './dom.js';
import { formatDuration, formatInZone, formatLocalMoment, dayInZone, formatAddress } from './format.js';
import { targetIssues, placedAt } from './targets.js';

export function createStoreView({ api, me, settings, orders, root, onError, notify }) {
  const $ = (sel) => root.querySelector(sel);
  const els = {
    title: $('#store-title'), sub: $('#store-sub'),
    pick: $('#col-pick'), ready: $('#col-ready'), collected: $('#col-collected'),
    pickCount: $('#count-pick'), readyCount: $('#count-ready'), collectedCount: $('#count-collected'),
    outgoing: $('#outgoing'), outgoingSection: $('#outgoing-section'),
  };
  const code = me.locationCode;
  const state = { location: null, fulfilments: [], loads: 0, busy: new Set(), signature: null };

  async function refresh() {
    if (state.loads++ % 12 === 0 || !state.location) state.location = await api.get(`locations/${encodeURIComponent(code)}`);
    const statuses = ['allocated', 'in_transit', 'ready_for_pickup', 'collected'];
    const lists = await Promise.all(statuses.map((st) => api.all(`fulfilments?limit=500&status=${st}&locationCode=${encodeURIComponent(code)}`, st === 'collected' ? 1 : 4)));
    state.fulfilments = lists.flat();
    await orders.load(state.fulfilments.map((f) => f.orderId));
    render();
  }

  function render() {
    const zone = state.location?.timeZone;
    const today = dayInZone(new Date(), zone);
    const here = (f) => f.destination?.locationCode === code && f.type !== 'delivery';
    const byAge = (a, b) => placedAt(a, orders.cache) - placedAt(b, orders.cache);
    const toPick = state.fulfilments.filter((f) => here(f) && (f.status === 'allocated' || f.status === 'in_transit')).sort(byAge);
    const ready = state.fulfilments.filter((f) => here(f) && f.status === 'ready_for_pickup')
      .sort((a, b) => new Date(a.pickupDeadline) - new Date(b.pickupDeadline));
    const collected = state.fulfilments.filter((f) => here(f) && f.status === 'collected' && f.collectedAt && dayInZone(new Date(f.collectedAt), zone) === today)
      .sort((a, b) => new Date(b.collectedAt) - new Date(a.collectedAt));
    const outgoing = state.fulfilments.filter((f) => f.originLocationCode === code && f.type !== 'pickup' && f.status === 'allocated').sort(byAge);

    const signature = JSON.stringify([state.location, [toPick, ready, collected, outgoing].map((l) => l.map((f) => [f.id, f.status])),
      [...state.busy], Math.floor(Date.now() / 60000), orders.cache.size]);
    if (signature === state.signature) return;
    state.signature = signature;

    els.title.textContent = state.location ? `${state.location.name}` : code;
    els.sub.textContent = state.location ? `${code} · pickup queue · store time ${formatInZone(new Date().toISOString(), zone)} (${zone})` : code;
    column(els.pick, els.pickCount, toPick, 'Nothing to pick.');
    column(els.ready, els.readyCount, ready, 'No pickups waiting.');
    column(els.collected, els.collectedCount, collected, 'Nothing collected yet today.');
    els.outgoingSection.hidden = outgoing.length === 0;
    replaceChildrenKeepingFocus(els.outgoing, outgoing.map(ticket));
  }

  function column(list, counter, items, empty) {
    counter.textContent = String(items.length);
    replaceChildrenKeepingFocus(list, items.length ? items.map(ticket) : h('li', { className: 'empty' }, empty));
  }

  function ticket(f) {
    const zone = state.location?.timeZone;
    const issues = targetIssues(f, settings, orders.cache);
    const late = issues.some((i) => i.kind === 'late');
    const age = Date.now() - placedAt(f, orders.cache).getTime();
    let note = null;
    let step = null;
    if (f.type === 'pickup' && f.status === 'allocated') step = ['ready', 'Mark ready'];
    if (f.type === 'transfer_to_pickup' && f.status === 'allocated' && f.destination?.locationCode === code) note = `Coming from ${f.originLocationCode}; not sent yet.`;
    if (f.type === 'transfer_to_pickup' && f.status === 'in_transit') { note = `On its way from ${f.originLocationCode}.`; step = ['receive', 'Receive']; }
    if (f.status === 'ready_for_pickup') step = ['collect', 'Collect'];
    if (f.originLocationCode === code && f.type !== 'pickup' && f.status === 'allocated') {
      note = f.type === 'delivery' ? `Delivery to ${formatAddress(f.destination?.address) || 'the customer'}.` : `Transfer to ${f.destination?.locationCode}.`;
      step = ['ship', f.type === 'delivery' ? 'Mark shipped' : 'Send to store'];
    }
    const busy = state.busy.has(f.id);
    const titleId = `t-${f.id}`;
    return h('li', {},
      h('article', { className: `ticket${late ? ' late' : ''}${issues.length && !late ? ' warn' : ''}`, 'data-code': f.code, 'aria-labelledby': titleId },
        h('header', {}, h('h4', { id: titleId }, f.code), h('span', { className: 'age', title: 'Since the order was placed' }, formatDuration(age))),
        h('ul', { className: 'ticket-lines', 'aria-label': 'Items' }, f.lines.map((l) => h('li', {}, h('b', {}, `${l.quantity} ×`), ` ${l.sku}`))),
        note ? h('p', { className: 'ticket-note' }, note) : null,
        f.status === 'ready_for_pickup' && f.pickupDeadlineLocal ? h('p', { className: 'ticket-deadline' }, `Collect by ${formatLocalMoment(f.pickupDeadlineLocal)}`) : null,
        f.status === 'collected' ? h('p', { className: 'ticket-note' }, `Collected ${formatInZone(f.collectedAt, zone) ?? ''}`) : null,
        issues.map((i) => h('p', { className: `flag flag-${i.kind}` }, h('span', { 'aria-hidden': 'true' }, '⚠ '), i.text)),
        step ? h('button', {
          type: 'button', className: 'primary', disabled: busy, 'data-focus-key': `step-${f.id}`,
          'aria-label': `${step[1]}: ${f.code}`,
          onclick: () => act(f, step[0]),
        }, busy ? 'Working…' : step[1]) : null));
  }

  const done = { ready: 'is ready for pickup', collect: 'was collected', receive: 'arrived and is ready for pickup', ship: 'was sent' };

  async function act(f, step) {
    state.busy.add(f.id);
    render();
    try {
      await api.post(`fulfilments/${f.id}/${step}`);
      notify(`${f.code} ${done[step]}.`);
    } catch (e) {
      onError(e);
    } finally {
      state.busy.delete(f.id);
    }
    try {
      await refresh();
    } catch (e) {
      onError(e);
    }
    root.querySelector(`[data-code="${CSS.escape(f.code)}"] button`)?.focus();
  }

  return { refresh, scopeText: `Store ${code}` };
}
