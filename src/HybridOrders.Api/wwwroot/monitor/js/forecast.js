// The forecast view: one SKU at a location (or the network) — the daily history, the forecast and the suggested safety
// stock, drawn as inline SVG (no library, works offline). Admin keys can apply the suggestion.

import { createApi, ApiError } from './api.js';
import { h, s } from './dom.js';

const STORAGE_KEY = 'hybridorders.monitor.apiKey'; // the monitor's sign-in
const HISTORY_DAYS = 56; // the chart shows the last eight weeks of history
const $ = (sel) => document.querySelector(sel);
const els = {
  needKey: $('#need-key'), form: $('#forecast-form'), sku: $('#f-sku'), location: $('#f-location'), days: $('#f-days'),
  level: $('#f-level'), lead: $('#f-lead'), result: $('#result'), title: $('#result-title'), method: $('#result-method'),
  chart: $('#forecast-chart'), facts: $('#forecast-facts'), suggestion: $('#suggestion'), suggestionFacts: $('#suggestion-facts'),
  apply: $('#apply'), problem: $('#problem'), toast: $('#toast'),
};

const METHODS = {
  holt_winters_damped: 'Holt-Winters, weekly season, damped trend',
  holt_winters_additive: 'Holt-Winters, weekly season, additive trend',
  insufficient_history: 'Not enough history (under two full weeks)',
};
const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
const num = (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));

function showProblem(text) {
  els.problem.hidden = !text;
  els.problem.querySelector('span').textContent = text ?? '';
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([term, value, id]) => [h('dt', {}, term), h('dd', { 'data-fact': id }, value)]));
}

/** History (solid) and forecast (dashed) as polylines on one axis; dates below, units at the left. */
function drawChart(history, forecast) {
  const W = 760, H = 260, left = 44, right = 12, top = 14, bottom = 34;
  const points = [...history.map((d) => ({ ...d, kind: 'history' })), ...forecast.map((d) => ({ ...d, kind: 'forecast' }))];
  if (points.length === 0) {
    els.chart.replaceChildren(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, 'No sales recorded yet'));
    els.chart.setAttribute('aria-label', 'Chart: no sales recorded yet');
    return;
  }
  const max = Math.max(1, ...points.map((p) => p.quantity));
  const x = (i) => left + (points.length <= 1 ? 0 : (i * (W - left - right)) / (points.length - 1));
  const y = (q) => top + (H - top - bottom) * (1 - q / max);
  const line = (kind, offset) => points.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === kind)
    .map(({ p, i }) => `${x(i + offset).toFixed(1)},${y(p.quantity).toFixed(1)}`).join(' ');
  const ticks = [0, max / 2, max].map((q) => s('g', {},
    s('line', { x1: left, x2: W - right, y1: y(q), y2: y(q), class: 'grid-line' }),
    s('text', { x: left - 6, y: y(q) + 4, 'text-anchor': 'end', class: 'axis' }, num(q, q < 10 ? 1 : 0))));
  const dates = [0, history.length - 1, points.length - 1].filter((i, k, a) => i >= 0 && a.indexOf(i) === k)
    .map((i) => s('text', { x: x(i), y: H - 12, 'text-anchor': i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle', class: 'axis' }, points[i].date));
  const split = history.length > 0 && forecast.length > 0
    ? s('line', { x1: x(history.length - 0.5), x2: x(history.length - 0.5), y1: top, y2: H - bottom, class: 'today-line' }) : null;
  els.chart.replaceChildren(
    s('title', {}, `Daily sales of the last ${history.length} days and the forecast of the next ${forecast.length}`),
    ...ticks, ...dates, split,
    history.length ? s('polyline', { points: line('history', 0), class: 'history-line', 'data-points': history.length }) : null,
    forecast.length ? s('polyline', { points: line('forecast', 0), class: 'forecast-line', 'data-points': forecast.length }) : null,
  );
  els.chart.setAttribute('aria-label', `Chart: ${history.length} days of history, ${forecast.length} days of forecast, peak ${num(max, 0)} units a day`);
}

async function start() {
  const key = sessionStorage.getItem(STORAGE_KEY);
  if (!key) { els.needKey.hidden = false; return; }
  const api = createApi(key);
  let me;
  try {
    me = await api.get('me');
  } catch (e) {
    els.needKey.hidden = false;
    return;
  }
  if (me.role !== 'admin' && me.role !== 'logistics') {
    els.needKey.hidden = false;
    els.needKey.textContent = 'The forecast is for logistics and admin keys.';
    return;
  }
  try {
    const locations = await api.all('locations?limit=500');
    els.location.append(...locations.map((l) => h('option', { value: l.code }, `${l.code} · ${l.name}`)));
  } catch (e) {
    showProblem(`Locations could not be loaded: ${e.message}`);
  }
  els.form.hidden = false; // only once the locations are there: a forecast asked for before would be for the whole network
  const params = new URLSearchParams(location.search);
  if (params.get('sku')) els.sku.value = params.get('sku');
  if (params.get('location')) els.location.value = params.get('location');

  let current = null;
  let asked = 0; // the latest request wins: an earlier, slower answer never overwrites a later one
  async function load() {
    showProblem(null);
    const sku = els.sku.value.trim();
    const code = els.location.value;
    const query = new URLSearchParams({ days: els.days.value || '28', includeHistory: 'true' });
    if (code) query.set('locationCode', code);
    const mine = ++asked;
    try {
      const forecast = await api.get(`forecast/${encodeURIComponent(sku)}?${query}`);
      if (mine !== asked) return;
      const history = (forecast.history.series ?? []).slice(-HISTORY_DAYS);
      els.result.hidden = false;
      els.title.textContent = `${sku} · ${code || 'whole network'}`;
      els.method.textContent = METHODS[forecast.method] ?? forecast.method;
      els.result.dataset.method = forecast.method;
      drawChart(history, forecast.days);
      facts(els.facts, [
        ['Forecast total', `${num(forecast.total)} units over ${forecast.days.length} days`, 'total'],
        ['History', `${forecast.history.days} days${forecast.history.from ? ` from ${forecast.history.from}` : ''}`, 'history'],
        ['Backtest WAPE', `${pct(forecast.backtest.wape)} (seasonal naive ${pct(forecast.backtest.seasonalNaiveWape)}, last ${forecast.backtest.days} days)`, 'wape'],
      ]);
      current = null;
      els.suggestion.hidden = !code;
      if (code) await loadSuggestion(sku, code);
    } catch (e) {
      els.result.hidden = true;
      showProblem(e instanceof ApiError ? `${e.problem?.title ?? 'Refused'}: ${e.message}` : e.message);
    }
  }

  async function loadSuggestion(sku, code) {
    const query = new URLSearchParams({ serviceLevel: els.level.value || '0.95', leadTimeDays: els.lead.value || '2' });
    current = await api.get(`locations/${encodeURIComponent(code)}/stock/${encodeURIComponent(sku)}/safety-stock-suggestion?${query}`);
    facts(els.suggestionFacts, [
      ['Suggested', current.suggested ?? 'not enough history', 'suggested'],
      ['Current', String(current.current), 'current'],
      ['Service level · lead time', `${(current.serviceLevel * 100).toFixed(1)} % · ${current.leadTimeDays} days`, 'basis'],
      ['Daily demand', `${num(current.dailyDemandMean)} ± ${num(current.dailyDemandStdDev)} (forecast error σ)`, 'demand'],
    ]);
    els.apply.hidden = me.role !== 'admin';
    els.apply.disabled = current.suggested === null || current.suggested === current.current;
  }

  els.apply.addEventListener('click', async () => {
    if (!current || current.suggested === null) return;
    els.apply.disabled = true;
    try {
      await api.put(`locations/${encodeURIComponent(current.locationCode)}/stock/${encodeURIComponent(current.sku)}/safety-stock`, { quantity: current.suggested });
      els.toast.hidden = false;
      els.toast.textContent = `Safety stock of ${current.sku} at ${current.locationCode} set to ${current.suggested}.`;
      await loadSuggestion(current.sku, current.locationCode);
    } catch (e) {
      showProblem(e instanceof ApiError ? `${e.problem?.title ?? 'Refused'}: ${e.message}` : e.message);
      els.apply.disabled = false;
    }
  });
  els.form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  if (els.sku.value) load();
}

start();
