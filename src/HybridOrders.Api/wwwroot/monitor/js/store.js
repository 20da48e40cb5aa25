// The store view (POS keys): the store's pickup queue in three columns — to pick, ready for pickup, collected today —
// with the buttons for each step, and what the store still has to send out. Every card the store itself has to pick or send
// has a "can't find it" action: a short form (how many of each line, and why) that rejects those units, so they are
// routed again at once to another location (or cancelled on the order when nobody has them).

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
  const state = { location: null, fulfilments: [], loads: 0, busy: new Set(), signature: null, reject: null };

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
      [...state.busy], Math.floor(Date.now() / 60000), orders.cache.size, state.reject?.id]);
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
    const canReject = f.originLocationCode === code && f.status === 'allocated';
    const rejecting = canReject && state.reject?.id === f.id;
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
        }, busy ? 'Working…' : step[1]) : null,
        canReject && !rejecting ? h('button', {
          type: 'button', className: 'ghost reject-open', disabled: busy, 'data-focus-key': `reject-${f.id}`,
          'aria-label': `Can't find it: ${f.code}`, 'aria-expanded': 'false',
          onclick: () => openReject(f),
        }, 'Can’t find it') : null,
        rejecting ? rejectForm(f, busy) : null));
  }

  const REASONS = [['not_found', 'Not on the shelf'], ['damaged', 'Damaged'], ['store_unable', 'Store cannot do it now']];

  function openReject(f) {
    state.reject = { id: f.id, reason: 'not_found', quantities: Object.fromEntries(f.lines.map((l) => [l.sku, l.quantity])) };
    render();
    root.querySelector(`[data-focus-key="reject-qty-${f.id}-0"]`)?.focus();
  }

  function closeReject(f) {
    state.reject = null;
    render();
    root.querySelector(`[data-focus-key="reject-${f.id}"]`)?.focus();
  }

  // The form keeps what was typed in state, so the refresh every few seconds redraws it unchanged.
  function rejectForm(f, busy) {
    const form = state.reject;
    const formId = `rf-${f.id}`;
    return h('form', {
      className: 'reject-form', 'aria-label': `Can't find it: ${f.code}`, novalidate: true,
      onsubmit: (e) => { e.preventDefault(); reject(f); },
    },
    h('p', { className: 'reject-help' }, 'How many could not be found, and why? They are sent from another location instead.'),
    f.lines.map((l, i) => h('label', { className: 'reject-line' },
      h('span', {}, l.sku),
      h('input', {
        type: 'number', min: '0', max: String(l.quantity), step: '1', value: String(form.quantities[l.sku] ?? 0), inputmode: 'numeric',
        'data-focus-key': `reject-qty-${f.id}-${i}`, 'aria-label': `Quantity of ${l.sku} not found (of ${l.quantity})`,
        oninput: (e) => { form.quantities[l.sku] = e.target.value; },
      }),
      h('span', { className: 'muted' }, `of ${l.quantity}`))),
    h('label', { className: 'reject-reason', for: `${formId}-reason` }, 'Reason'),
    h('select', {
      id: `${formId}-reason`, 'data-focus-key': `reject-reason-${f.id}`,
      onchange: (e) => { form.reason = e.target.value; },
    }, REASONS.map(([value, label]) => h('option', { value, selected: form.reason === value }, label))),
    form.error ? h('p', { className: 'form-error', role: 'alert' }, form.error) : null,
    h('div', { className: 'reject-actions' },
      h('button', { type: 'submit', className: 'danger', disabled: busy, 'data-focus-key': `reject-submit-${f.id}` }, busy ? 'Working…' : 'Reject these'),
      h('button', { type: 'button', className: 'ghost', disabled: busy, 'data-focus-key': `reject-cancel-${f.id}`, onclick: () => closeReject(f) }, 'Cancel')));
  }

  async function reject(f) {
    const form = state.reject;
    const lines = f.lines.map((l) => ({ sku: l.sku, quantity: Number(form.quantities[l.sku]) }));
    const bad = lines.find((l, i) => !Number.isInteger(l.quantity) || l.quantity < 0 || l.quantity > f.lines[i].quantity);
    if (bad || lines.every((l) => l.quantity === 0)) {
      form.error = bad ? `Enter a whole number from 0 to ${f.lines.find((l) => l.sku === bad.sku).quantity} for ${bad.sku}.` : 'Enter at least one unit.';
      state.signature = null;
      render();
      return;
    }
    state.busy.add(f.id);
    state.signature = null;
    render();
    try {
      const result = await api.post(`fulfilments/${f.id}/reject`, { reason: form.reason, lines: lines.filter((l) => l.quantity > 0) });
      state.reject = null;
      const moved = result.replacements.map((r) => `${r.code} from ${r.originLocationCode}`);
      const cancelled = result.cancelledLines.map((c) => `${c.quantity} × ${c.sku}`);
      notify(`${f.code} rejected.${moved.length ? ` Re-routed: ${moved.join(', ')}.` : ''}${cancelled.length ? ` Nobody has ${cancelled.join(', ')}: cancelled on the order.` : ''}`);
    } catch (e) {
      form.error = e.message;
      onError(e);
    } finally {
      state.busy.delete(f.id);
      state.signature = null;
    }
    try {
      await refresh();
    } catch (e) {
      onError(e);
    }
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
