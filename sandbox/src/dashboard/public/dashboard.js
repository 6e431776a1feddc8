// The sandbox's Settings → Webhooks page. Reads /_sandbox/dashboard/*, acts through /_sandbox
// controls, and builds every node with textContent: webhook URLs and errors are data, not HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const POLL_MS = 2000;

/** The last snapshot, re-rendered every 30 s so rotation countdowns stay true. */
let current = null;
/** Delivery ids already shown, so new rows can be highlighted. */
const seen = new Set();
let firstRender = true;

document.addEventListener('DOMContentLoaded', () => {
  loadEvents();
  connect();
  // Done forgets the secret before the dialog closes: the dialog's close event comes a task later.
  $('secret-done').addEventListener('click', () => {
    forgetSecret();
    $('secret-dialog').close();
  });
  $('secret-dialog').addEventListener('close', forgetSecret);
  $('secret-copy').addEventListener('click', copySecret);
  setInterval(() => current && render(current), 30_000);
});

// ---- live data -------------------------------------------------------------------------------

function connect() {
  if (!('EventSource' in window)) return poll();
  const source = new EventSource('/_sandbox/dashboard/stream');
  source.addEventListener('snapshot', (e) => render(JSON.parse(e.data)));
  source.addEventListener('open', () => setLive('live', 'Live'));
  // EventSource reconnects by itself (the stream asks for a 2 s retry).
  source.addEventListener('error', () => setLive('down', 'Reconnecting…'));
}

async function poll() {
  setLive('polling', `Refreshing every ${POLL_MS / 1000} s`);
  try {
    render(await getJson('/_sandbox/dashboard/webhooks'));
  } catch {
    setLive('down', 'Sandbox unreachable, retrying…');
  }
  setTimeout(poll, POLL_MS);
}

function setLive(state, text) {
  $('live').dataset.state = state;
  $('live-text').textContent = text;
}

async function getJson(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

const post = (path, body = {}) =>
  getJson(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// ---- fire buttons ----------------------------------------------------------------------------

async function loadEvents() {
  let events;
  try {
    events = (await getJson('/_sandbox/dashboard/events')).data;
  } catch (e) {
    return showResult('error', `Could not load the event catalog: ${e.message}`);
  }
  const groups = new Map();
  for (const event of events) {
    if (!groups.has(event.resource)) groups.set(event.resource, []);
    groups.get(event.resource).push(event);
  }
  const root = $('event-groups');
  for (const [resource, list] of groups) {
    const group = el('div', 'event-group');
    group.append(el('h3', null, plural(resource)));
    const buttons = el('div', 'event-buttons');
    for (const event of list) buttons.append(fireButton(event));
    group.append(buttons);
    root.append(group);
  }
}

function fireButton(event) {
  const button = el('button', 'fire');
  button.type = 'button';
  button.dataset.event = event.name;
  button.title = event.description;
  button.setAttribute('aria-label', `Fire ${event.label} (${event.name})`);
  button.append(el('span', 'fire-label', event.label), el('span', 'fire-name', event.name));
  button.addEventListener('click', () => fire(event, button));
  return button;
}

async function fire(event, button) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  showResult('pending', `Firing ${event.name}…`);
  try {
    const { fired } = await post(`/_sandbox/events/${encodeURIComponent(event.name)}`);
    showResult(...describeFired(event, fired));
  } catch (e) {
    showResult('error', `Could not fire ${event.name}: ${e.message}`);
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** "order.shipped (with order.status_changed): 3 deliveries, 2 delivered, 1 failed." */
function describeFired(event, fired) {
  const names = fired.map((f) => f.event);
  const also = names.filter((n) => n !== event.name);
  const what = `${event.name}${also.length ? ` (with ${also.join(', ')})` : ''}`;
  const deliveries = fired.flatMap((f) => f.deliveries);
  if (deliveries.length === 0) return ['info', `Fired ${what}. No active webhook is subscribed, so nothing was delivered.`];
  const failed = deliveries.filter((d) => !d.ok).length;
  const counts = `${count(deliveries.length, 'delivery', 'deliveries')}: ${deliveries.length - failed} delivered, ${failed} failed`;
  return [failed ? 'warn' : 'ok', `Fired ${what}. ${counts}.`];
}

function showResult(kind, text) {
  const result = $('fire-result');
  result.dataset.kind = kind;
  result.textContent = text;
}

// ---- webhooks --------------------------------------------------------------------------------

function render(snapshot) {
  current = snapshot;
  const { cap, distribuCap, webhooks } = snapshot;
  const meter = $('usage-meter');
  meter.max = cap;
  meter.value = webhooks.length;
  meter.high = cap - 1;
  meter.optimum = 0;
  const full = webhooks.length >= cap;
  $('usage').classList.toggle('full', full);
  $('usage-text').textContent = `${webhooks.length} of ${cap} webhooks used${full ? ' — delete one to add another' : ''}`;
  // The live demo raises the cap (it holds more webhooks at once than Distribu allows): say so next to the meter.
  const raised = $('usage-raised');
  raised.hidden = cap === distribuCap;
  raised.textContent = `This sandbox allows ${cap} for the demo; Distribu allows ${distribuCap} per company.`;
  $('empty').hidden = webhooks.length > 0;

  // Cards are updated in place and only moved when out of order: moving a node drops its focus.
  const list = $('webhooks');
  const ids = new Set(webhooks.map((w) => w.id));
  for (const stale of [...list.children].filter((card) => !ids.has(card.dataset.webhookId))) stale.remove();
  const cards = new Map([...list.children].map((card) => [card.dataset.webhookId, card]));
  webhooks.forEach((webhook, index) => {
    const card = cards.get(webhook.id) || newCard(webhook);
    fillCard(card, webhook);
    if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
  });
  firstRender = false;
}

function newCard(webhook) {
  const card = $('webhook-template').content.firstElementChild.cloneNode(true);
  card.dataset.webhookId = webhook.id;
  card.querySelector('.rotate').addEventListener('click', (e) => rotate(card.dataset.webhookId, card.dataset.url, e.currentTarget));
  return card;
}

function fillCard(card, webhook) {
  card.dataset.url = webhook.url;
  card.dataset.active = String(webhook.isActive);
  card.setAttribute('aria-label', `Webhook ${webhook.url}`);
  card.querySelector('.webhook-url').textContent = webhook.url;
  const state = card.querySelector('.state');
  state.textContent = webhook.isActive ? 'Active' : 'Disabled';
  state.dataset.kind = webhook.isActive ? 'ok' : 'muted';

  const chips = card.querySelector('.chips');
  chips.replaceChildren(...webhook.events.map((name) => el('li', 'chip', name)));
  chips.setAttribute('aria-label', `${count(webhook.events.length, 'event', 'events')}`);

  const rotation = card.querySelector('.rotation');
  rotation.replaceChildren(...rotationText(webhook.secretRotationGraceExpiresAt));

  const button = card.querySelector('.rotate');
  button.setAttribute('aria-label', `Rotate the signing secret of ${webhook.url}`);

  const body = card.querySelector('.deliveries tbody');
  const rows = webhook.deliveries.map(deliveryRow);
  if (rows.length === 0) {
    const cell = el('td', 'none', 'No deliveries yet.');
    cell.colSpan = 4;
    rows.push(el('tr', null, cell));
  }
  body.replaceChildren(...rows);
}

function rotationText(graceEnd) {
  const left = graceEnd ? Date.parse(graceEnd) - Date.now() : 0;
  if (left <= 0) return [el('span', 'muted', 'Hidden — shown once when created or rotated.')];
  return [
    el('span', 'badge', 'Rotation window'),
    ' The previous secret still signs ',
    el('code', null, 'X-Webhook-Signature-Old'),
    ' until ',
    timeEl(graceEnd, formatDateTime(graceEnd)),
    ` (${formatLeft(left)} left).`,
  ];
}

function deliveryRow(delivery) {
  const row = el('tr');
  row.dataset.deliveryId = delivery.id;
  row.dataset.outcome = delivery.outcome;
  if (!firstRender && !seen.has(delivery.id)) row.classList.add('fresh');
  seen.add(delivery.id);
  const ok = delivery.outcome === 'delivered';
  const label = delivery.status !== null ? String(delivery.status) : delivery.outcome === 'timeout' ? 'Timeout' : 'Network error';
  const status = el('span', `status ${ok ? 'ok' : 'fail'}`);
  status.append(el('span', null, ok ? '✓ ' : '✕ ', { 'aria-hidden': 'true' }), label, el('span', 'sr-only', ok ? ', delivered' : ', failed'));
  if (delivery.error) status.title = delivery.error;
  const cell = el('td', 'status-cell', status);
  // A failure someone caused on purpose says so (the demo stops n8n to show the Polling Trigger catching up).
  if (delivery.note) cell.append(el('span', 'note', delivery.note));
  row.append(
    el('td', 'event', breakable(delivery.event)),
    cell,
    el('td', 'num', `${delivery.durationMs} ms`),
    el('td', null, timeEl(delivery.at, formatTime(delivery.at))),
  );
  return row;
}

// ---- rotation --------------------------------------------------------------------------------

async function rotate(id, url, button) {
  button.disabled = true;
  try {
    const { secret, secretRotationGraceExpiresAt } = await post(`/_sandbox/webhooks/${encodeURIComponent(id)}/rotate-secret`);
    $('secret-webhook').textContent = url;
    $('secret-value').textContent = secret;
    $('secret-copy').textContent = 'Copy';
    $('secret-grace').replaceChildren(
      'Until ',
      timeEl(secretRotationGraceExpiresAt, formatDateTime(secretRotationGraceExpiresAt)),
      ', deliveries also carry ',
      el('code', null, 'X-Webhook-Signature-Old'),
      ', signed with the previous secret: update your receiver before then.',
    );
    $('secret-dialog').showModal();
  } catch (e) {
    showResult('error', `Could not rotate the secret of ${url}: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

async function copySecret() {
  try {
    await navigator.clipboard.writeText($('secret-value').textContent);
    $('secret-copy').textContent = 'Copied';
  } catch {
    // No clipboard permission: select it so Ctrl+C works.
    getSelection().selectAllChildren($('secret-value'));
    $('secret-copy').textContent = 'Press Ctrl+C';
  }
}

/** Once the dialog is closed the secret is gone from the page, as in Distribu. */
function forgetSecret() {
  $('secret-value').textContent = '';
  $('secret-webhook').textContent = '';
  $('secret-grace').textContent = '';
}

// ---- helpers ---------------------------------------------------------------------------------

function el(tag, className, content, attributes) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.append(content);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

/** An event name that may wrap after its dots and underscores on narrow screens. */
function breakable(name) {
  const code = el('code');
  name.split(/(?<=[._])/).forEach((part, i) => code.append(...(i ? [el('wbr'), part] : [part])));
  return code;
}

function timeEl(iso, text) {
  const node = el('time', null, text);
  node.dateTime = iso;
  node.title = new Date(iso).toString();
  return node;
}

const formatTime = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const formatDateTime = (iso) =>
  new Date(iso).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function formatLeft(ms) {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const plural = (resource) => `${resource.charAt(0).toUpperCase()}${resource.slice(1)}s`;
