// The dashboard page: live state from the bridge's event stream (/api/events), the assistant and the simulator
// through the bridge's /api routes. Elements are created once and updated in place; uPlot draws the plot.
'use strict';

const $ = (selector) => document.querySelector(selector);
const SESSION = 'dashboard-' + Math.random().toString(36).slice(2, 10);

const P = {
  cabin: 'Vehicle.Cabin.HVAC.AmbientAirTemperature',
  outside: 'Vehicle.Exterior.AirTemperature',
  speed: 'Vehicle.Speed',
  gear: 'Vehicle.Powertrain.Transmission.SelectedGear',
  battery: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed',
  sunroof: 'Vehicle.Cabin.Sunroof.Position',
  trunkOpen: 'Vehicle.Body.Trunk.Rear.IsOpen',
  trunkLocked: 'Vehicle.Body.Trunk.Rear.IsLocked',
  lightSwitch: 'Vehicle.Body.Lights.LightSwitch',
  highBeam: 'Vehicle.Body.Lights.Beam.High.IsOn',
  dome: 'Vehicle.Cabin.Light.IsDomeOn',
  mirrorLeft: 'Vehicle.Body.Mirrors.DriverSide.IsFolded',
  mirrorRight: 'Vehicle.Body.Mirrors.PassengerSide.IsFolded',
};
// Seats and doors by position: front/rear, left (driver side) / right.
const PLACES = {
  fl: {door: 'Row1.DriverSide', hvac: 'Row1.Driver'},
  fr: {door: 'Row1.PassengerSide', hvac: 'Row1.Passenger'},
  rl: {door: 'Row2.DriverSide', hvac: 'Row2.Driver'},
  rr: {door: 'Row2.PassengerSide', hvac: 'Row2.Passenger'},
};
const setpoint = (place) => `Vehicle.Cabin.HVAC.Station.${PLACES[place].hvac}.Temperature`;

const signals = new Map(); // path -> {definition and latest state, row}

// ---------------------------------------------------------------- formatting

function formatValue(signal) {
  if (signal.availability !== 'AVAILABLE' || signal.value === null || signal.value === undefined) {
    return '–';
  }
  const value = signal.value;
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  if (typeof value === 'number' && (signal.type === 'FLOAT' || signal.type === 'DOUBLE')) {
    return (Math.round(value * 100) / 100).toString();
  }
  return String(value);
}

function formatAge(at) {
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
  return Math.floor(seconds / 3600) + ' h';
}

function protoValue(value) {
  if (!value) return '–';
  const key = Object.keys(value)[0];
  if (key === undefined) return '–';
  const v = value[key];
  if (v && typeof v === 'object' && Array.isArray(v.values)) return v.values.join(', ');
  if (typeof v === 'number') return String(Math.round(v * 100) / 100);
  return String(v);
}

const shortPath = (path) => (path || '').replace(/^Vehicle\./, '');
const statusName = (status) => (status || '').replace(/^WRITE_STATUS_/, '').replace(/_/g, ' ').toLowerCase();

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- live values

function valueOf(path) {
  const signal = signals.get(path);
  return signal && signal.availability === 'AVAILABLE' ? signal.value : null;
}

function apply(state) {
  let signal = signals.get(state.path);
  if (!signal) {
    signal = {path: state.path};
    signals.set(state.path, signal);
  }
  Object.assign(signal, state);
  if (!signal.row) {
    signal.row = makeRow(signal);
  }
  signal.row.cells[1].textContent = formatValue(signal);
  signal.row.cells[3].textContent = formatAge(signal.at);
  signal.row.cells[4].textContent = signal.availability.toLowerCase().replace(/_/g, ' ');
  signal.row.cells[4].className = 'avail-' + signal.availability;
  signal.row.title = signal.reason || signal.description || '';
}

function makeRow(signal) {
  const row = el('tr');
  row.dataset.path = signal.path;
  // Every path starts with "Vehicle."; without it the part that tells signals apart fits the column.
  const path = el('td', 'path', signal.path.replace(/^Vehicle\./, ''));
  path.title = signal.path;
  row.append(path, el('td', 'num value'), el('td', 'unit', signal.unit || ''),
      el('td', 'num age'), el('td'));
  $('#signals tbody').append(row);
  filterRow(row);
  return row;
}

function filterRow(row) {
  const filter = $('#signal-filter').value.trim().toLowerCase();
  row.classList.toggle('hidden', filter !== '' && !row.dataset.path.toLowerCase().includes(filter));
}

function number(path, digits) {
  const value = valueOf(path);
  return typeof value === 'number' ? value.toFixed(digits) : '–';
}

function renderCar() {
  $('#hdr-speed').textContent = number(P.speed, 0);
  $('#hdr-gear').textContent = valueOf(P.gear) ?? '–';
  $('#hdr-cabin').textContent = number(P.cabin, 1);
  $('#hdr-outside').textContent = number(P.outside, 1);
  $('#hdr-battery').textContent = number(P.battery, 0);
  const cabin = valueOf(P.cabin);
  $('#cabin-temp').textContent = typeof cabin === 'number' ? cabin.toFixed(1) + ' °C' : '–';

  for (const place of Object.keys(PLACES)) {
    const door = `Vehicle.Cabin.Door.${PLACES[place].door}`;
    const open = valueOf(door + '.IsOpen') === true;
    const doorNode = $('#door-' + place);
    doorNode.classList.toggle('open', open);
    const [hx, hy] = doorNode.dataset.hinge.split(',');
    const angle = place.endsWith('l') ? 40 : -40;
    doorNode.setAttribute('transform', open ? `rotate(${angle} ${hx} ${hy})` : '');

    const locked = valueOf(door + '.IsLocked');
    $('#lock-' + place).classList.toggle('unlocked', locked === false);
    $('#lock-' + place).classList.toggle('unavailable', locked === null);

    const position = valueOf(door + '.Window.Position');
    const glass = $('#win-' + place);
    const full = place.startsWith('f') ? 90 : 84;
    glass.setAttribute('height', typeof position === 'number' ? (full * position / 100).toFixed(1) : 0);
    $(`#win-${place}-label`).textContent = typeof position === 'number' ? position + ' %' : '–';

    const set = valueOf(setpoint(place));
    $('#set-' + place).textContent = typeof set === 'number' ? set.toFixed(1) + '°' : '–';
    const heating = valueOf(`Vehicle.Cabin.Seat.${PLACES[place].door}.Heating`);
    $('#heat-' + place).textContent = typeof heating === 'number' ? (heating > 0 ? 'heat ' + heating + '%' : 'heat off') : '';
    const seat = $(`#seat-${place} rect`);
    seat.style.fill = typeof heating === 'number' && heating > 0
        ? `color-mix(in srgb, var(--heat) ${20 + heating * 0.7}%, #c4ccd6)` : '';
  }

  const sunroof = valueOf(P.sunroof);
  $('#sunroof-open').setAttribute('height', typeof sunroof === 'number' ? (84 * sunroof / 100).toFixed(1) : 0);
  $('#sunroof-label').textContent = typeof sunroof === 'number' ? `sunroof ${sunroof} %` : 'sunroof –';

  const trunkOpen = valueOf(P.trunkOpen) === true;
  $('#trunk').classList.toggle('open', trunkOpen);
  $('#trunk-label').textContent = trunkOpen ? 'trunk open' : 'trunk';
  $('#lock-trunk').classList.toggle('unlocked', valueOf(P.trunkLocked) === false);

  const lightSwitch = valueOf(P.lightSwitch);
  const lightsOn = lightSwitch !== null && lightSwitch !== 'OFF';
  $('#light-left').classList.toggle('on', lightsOn);
  $('#light-right').classList.toggle('on', lightsOn);
  const high = valueOf(P.highBeam) === true;
  $('#beam-left').classList.toggle('on', high);
  $('#beam-right').classList.toggle('on', high);
  $('#lights-label').textContent = 'lights ' + (lightSwitch ? lightSwitch.toLowerCase().replace(/_/g, ' ') : '–')
      + (high ? ', high beam' : '');
  $('#dome').classList.toggle('on', valueOf(P.dome) === true);
  $('#mirror-left').classList.toggle('folded', valueOf(P.mirrorLeft) === true);
  $('#mirror-right').classList.toggle('folded', valueOf(P.mirrorRight) === true);

  const all = [...signals.values()];
  $('#signals-sub').textContent = `${all.length} signals, ${all.filter((s) => s.availability === 'AVAILABLE').length} available`;
}

// ---------------------------------------------------------------- plot (uPlot)

const WINDOW_SECONDS = 600;
const series = [[], [], [], [], []];
let plot;

function makePlot() {
  const box = $('#plot');
  plot = new uPlot({
    width: box.clientWidth, height: 160,
    legend: {live: false},
    scales: {x: {time: true}},
    axes: [{}, {label: '°C', size: 44}],
    series: [
      {},
      {label: 'cabin air', stroke: '#1f6feb', width: 2},
      {label: 'driver set', stroke: '#e8590c', width: 1.5, dash: [6, 4]},
      {label: 'passenger set', stroke: '#8b5cf6', width: 1.5, dash: [6, 4]},
      {label: 'outside', stroke: '#94a3b8', width: 1},
    ],
  }, series, box);
  new ResizeObserver(() => plot.setSize({width: box.clientWidth, height: 160})).observe(box);
}

/** The bridge's recent past of the plotted signals (PlotHistory), so a page opened now starts with the last minutes. */
function loadHistory(history) {
  const plotted = [P.cabin, setpoint('fl'), setpoint('fr'), P.outside];
  series[0] = history.t.slice();
  plotted.forEach((path, i) => {
    const column = history.paths.indexOf(path);
    series[i + 1] = column >= 0 ? history.series[column].slice() : history.t.map(() => null);
  });
  plot.setData(series);
}

function sample() {
  const now = Date.now() / 1000;
  const values = [now, valueOf(P.cabin), valueOf(setpoint('fl')), valueOf(setpoint('fr')), valueOf(P.outside)];
  values.forEach((value, i) => series[i].push(typeof value === 'number' ? value : null));
  while (series[0].length && series[0][0] < now - WINDOW_SECONDS) {
    series.forEach((s) => s.shift());
  }
  plot.setData(series);
}

// ---------------------------------------------------------------- SOME/IP view and ECUs

function formatTime(millis) {
  return new Date(millis).toLocaleTimeString([], {hour12: false});
}

/** How long ago the bridge heard the service's last offer; refreshed every second (refreshLastOffers). */
function formatAgo(at) {
  const seconds = Math.max(0, (Date.now() - at) / 1000);
  return (seconds < 10 ? seconds.toFixed(1) + ' s' : formatAge(at)) + ' ago';
}

function refreshLastOffers() {
  document.querySelectorAll('#someip td.last-offer[data-at]').forEach((cell) => {
    cell.textContent = formatAgo(Number(cell.dataset.at));
  });
}

const someIpRows = new Map(); // service name -> row, created once and updated in place

function someIpRow(service) {
  let row = someIpRows.get(service.service);
  if (!row) {
    row = el('tr');
    row.dataset.service = service.service;
    row.append(el('td', '', service.service), el('td', '', service.serviceId + ' / ' + service.instanceId),
        el('td', 'state'), el('td', 'endpoint'), el('td', 'since'), el('td', 'num last-offer'),
        el('td', 'num subs'), el('td', 'num reboots'));
    $('#someip tbody').append(row);
    someIpRows.set(service.service, row);
  }
  return row;
}

function renderSomeIp(view) {
  for (const service of view.services) {
    const row = someIpRow(service);
    const [, , state, endpoint, since, lastOffer, subs, reboots] = row.cells;
    row.className = service.up ? 'up' : 'down';
    row.title = service.fullName + ': ' + service.reason;
    state.className = 'state ' + (service.up ? 'up' : 'down');
    state.textContent = service.up ? 'UP' : 'DOWN';
    endpoint.textContent = service.up ? service.endpoint : service.reason;
    since.textContent = formatTime(service.since);
    if (service.lastOffer) {
      lastOffer.dataset.at = service.lastOffer;
      lastOffer.title = 'offer received at ' + formatTime(service.lastOffer);
      lastOffer.textContent = formatAgo(service.lastOffer);
    } else {
      lastOffer.textContent = '–';
    }
    subs.textContent = service.up ? `${service.acknowledged}/${service.subscriptions}` : '–';
    reboots.textContent = String(service.reboots);
  }
  const up = view.services.filter((s) => s.up).length;
  $('#hdr-services').textContent = `${up}/${view.services.length}`;
  $('#someip-sub').textContent = `bridge node ${view.node}`;
  $('#someip-reason').textContent = `subs: eventgroup subscriptions acknowledged / held; reboots seen by SD: ${view.reboots}`
      + (view.rebootPeers.length ? ' (' + view.rebootPeers.map((p) => `${p.peer} ×${p.count}, last ${formatTime(p.last)}`).join('; ') + ')' : '');
}

let ecuView = null;

/** The fault target choices: the whole selected ECU, or one of its service instances. */
function fillFaultServices(view) {
  const ecu = view.ecus.find((e) => e.name === $('#fault-ecu').value);
  const all = el('option', '', 'all its services');
  all.value = '';
  $('#fault-service').replaceChildren(all, ...(ecu ? ecu.services : []).map((s) => {
    const option = el('option', '', s.name.replace(/^.*\./, ''));
    option.value = `${s.serviceId}/${s.instanceId}`;
    return option;
  }));
}

function faultTarget() {
  const service = $('#fault-service').value;
  if (!service) return {ecu: $('#fault-ecu').value};
  const [serviceId, instanceId] = service.split('/').map(Number);
  return {service: {serviceId, instanceId}};
}

function faultTargetName() {
  const service = $('#fault-service');
  return service.value ? service.selectedOptions[0].textContent : $('#fault-ecu').value;
}

function renderEcus(view) {
  const off = $('#fault-off');
  const usable = view.configured && !view.error;
  off.classList.toggle('hidden', usable);
  off.textContent = view.hint || view.error || '';
  document.querySelectorAll('.faults button, .faults select').forEach((b) => { b.disabled = !usable; });
  if (!usable) return;
  const select = $('#fault-ecu');
  const names = view.ecus.map((e) => e.name);
  if ([...select.options].map((o) => o.value).join() !== names.join()) {
    select.replaceChildren(...view.ecus.map((e) => {
      const option = el('option', '', e.name);
      option.value = e.name;
      return option;
    }));
    select.value = names.includes('body-ecu') ? 'body-ecu' : names[0];
    fillFaultServices(view);
  }
  ecuView = view;
  $('#ecus').replaceChildren(...view.ecus.map((e) => {
    const item = el('li');
    item.dataset.ecu = e.name;
    const state = (e.state || '').replace(/^ECU_STATE_/, '').toLowerCase();
    const faults = (e.faults || []).map((f) => Object.keys(f.fault).find((k) => k !== 'target')).join(', ');
    item.append(el('span', '', e.name), el('span', 'state ' + (state === 'running' ? 'up' : 'down'),
        state + (faults ? ' · ' + faults : '')));
    return item;
  }));
}

// ---------------------------------------------------------------- calls to the bridge's /api

async function post(path, body) {
  const response = await fetch(path, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(json.error || response.statusText);
  return json;
}

async function fault(body, what) {
  const message = $('#fault-msg');
  try {
    const answer = await post('/api/simulator/fault', body);
    message.className = 'msg';
    message.textContent = `${what} on ${faultTargetName()}: fault ${answer.fault.faultId}`;
  } catch (e) {
    message.className = 'msg bad';
    message.textContent = e.message;
  }
}

async function drive(speed, gear) {
  const message = $('#fault-msg');
  try {
    await post('/api/simulator/drive', {profile: {segments: [{durationMs: 0, targetSpeedKmh: speed, gear}]}});
    message.className = 'msg';
    message.textContent = `drive profile: ${gear} at ${speed} km/h`;
  } catch (e) {
    message.className = 'msg bad';
    message.textContent = e.message;
  }
}

// ---------------------------------------------------------------- assistant

let openQuestion = null;

function stepItem(kind, className, detail) {
  const item = el('li', className);
  item.append(el('span', 'kind', kind));
  if (detail instanceof Node) item.append(detail); else if (detail) item.append(el('span', 'detail', detail));
  $('#steps').append(item);
  item.scrollIntoView({block: 'nearest'});
  return item;
}

function badge(text, tone) {
  return el('span', 'badge ' + tone, text);
}

function showStep(step) {
  if (step.understood) {
    const u = step.understood;
    const actions = (u.actions || []).map((a) => `${shortPath(a.path)} → ${protoValue(a.value)}`).join('; ');
    stepItem('Understood', 'understood', `${actions || 'no action'} · engine ${u.engine}, ${(u.language || '').toLowerCase()}`
        + (u.fallbackReason ? ` (fallback: ${u.fallbackReason})` : ''));
  } else if (step.decision) {
    for (const a of step.decision.actions || []) {
      const status = statusName(a.status);
      const allowed = status === 'allowed';
      const line = el('span', 'detail');
      line.append(badge(status, allowed ? 'ok' : status === 'needs confirmation' ? 'warn' : 'bad'), ' ',
          `${shortPath(a.path)} → ${protoValue(a.value)}`);
      const verdict = a.verdict || {};
      if (verdict.reason) line.append(` · ${verdict.ruleId ? 'rule ' + verdict.ruleId + ': ' : ''}${verdict.reason}`);
      stepItem('Policy', allowed ? 'allowed' : 'refused', line);
    }
  } else if (step.writeIssued) {
    stepItem('Write', 'write', `${shortPath(step.writeIssued.path)} = ${protoValue(step.writeIssued.value)}`);
  } else if (step.writeResult) {
    const r = step.writeResult;
    const status = statusName(r.status);
    const line = el('span', 'detail');
    line.append(badge(status, status === 'confirmed' ? 'ok' : 'bad'), ' ', `${shortPath(r.path)}`
        + (r.confirmedValue ? ` = ${protoValue(r.confirmedValue)}` : '') + (r.reason ? ` · ${r.reason}` : ''));
    stepItem('ECU', status === 'confirmed' ? 'confirmed' : 'refused', line);
  } else if (step.question) {
    stepItem('Question', 'question', step.question.text);
    openQuestion = step.question;
    $('#question-text').textContent = step.question.text;
    $('#question').classList.remove('hidden');
  } else if (step.reply) {
    const outcome = (step.reply.outcome || '').replace(/^OUTCOME_/, '').toLowerCase().replace(/_/g, ' ');
    const reply = $('#reply');
    reply.className = 'reply ' + (outcome === 'refused' || outcome === 'error' ? outcome : '');
    reply.replaceChildren(el('span', 'outcome', outcome), el('span', 'text', step.reply.text));
    reply.dataset.outcome = outcome;
  } else if (step.error) {
    stepItem('Error', 'error', step.error.message);
  }
}

async function stream(path, body) {
  $('#ask-send').disabled = true;
  try {
    const response = await fetch(path, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
    if (!response.ok) {
      const json = await response.json();
      stepItem('Error', 'error', json.error || response.statusText);
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, {stream: true});
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (!line) continue;
        const step = JSON.parse(line);
        if (step.error && typeof step.error === 'string') stepItem('Error', 'error', step.error); else showStep(step);
      }
    }
  } catch (e) {
    stepItem('Error', 'error', e.message);
  } finally {
    $('#ask-send').disabled = false;
  }
}

function ask(text) {
  if (!text.trim()) return;
  openQuestion = null;
  $('#question').classList.add('hidden');
  $('#reply').classList.add('hidden');
  $('#steps').replaceChildren();
  stepItem('You', 'you', text);
  showWorking();
  stream('/api/assistant/ask', {sessionId: SESSION, text});
}

/** The reply box while a request or an answer is on its way; its outcome stays empty until the reply step. */
function showWorking() {
  $('#reply').className = 'reply';
  $('#reply').replaceChildren(el('span', 'outcome', 'working…'));
  $('#reply').dataset.outcome = '';
}

function answer(accept) {
  if (!openQuestion) return;
  const question = openQuestion;
  openQuestion = null;
  $('#question').classList.add('hidden');
  stepItem('You', 'you', accept ? 'yes' : 'no');
  showWorking();
  stream('/api/assistant/confirm', {sessionId: SESSION, questionId: question.questionId, accept});
}

// ---------------------------------------------------------------- start

async function start() {
  makePlot();
  const config = await (await fetch('/api/dashboard')).json();
  if (!config.assistant.configured) {
    $('#assistant-off').textContent = config.assistant.hint;
    $('#assistant-off').classList.remove('hidden');
    document.querySelectorAll('#ask-form input, #ask-form button, .example').forEach((b) => { b.disabled = true; });
  }
  if (!config.simulator.configured) {
    for (const id of ['#drive-off', '#fault-off']) {
      $(id).textContent = config.simulator.hint;
      $(id).classList.remove('hidden');
    }
    document.querySelectorAll('.drive button, .drive input, .drive select, .faults button, .faults select')
        .forEach((b) => { b.disabled = true; });
  }

  $('#ask-form').addEventListener('submit', (event) => {
    event.preventDefault();
    ask($('#ask-input').value);
  });
  document.querySelectorAll('.example').forEach((button) => button.addEventListener('click', () => {
    $('#ask-input').value = button.dataset.text;
    ask(button.dataset.text);
  }));
  $('#confirm-yes').addEventListener('click', () => answer(true));
  $('#confirm-no').addEventListener('click', () => answer(false));
  $('#signal-filter').addEventListener('input', () => document.querySelectorAll('#signals tbody tr').forEach(filterRow));
  document.querySelectorAll('.drive button[data-speed]').forEach((button) => button.addEventListener('click',
      () => drive(Number(button.dataset.speed), button.dataset.gear)));
  $('#drive-apply').addEventListener('click', () => drive(Number($('#drive-speed').value), $('#drive-gear').value));
  $('#fault-ecu').addEventListener('change', () => { if (ecuView) fillFaultServices(ecuView); });
  const seconds = () => Number($('#fault-seconds').value);
  // The bridge checks the numbers (FaultCheck) and the page shows its message; nothing is clamped here.
  $('#fault-restart').addEventListener('click', () => fault({fault: {target: {ecu: $('#fault-ecu').value},
    ecuRestart: {downMs: Math.round(seconds() * 1000)}}}, `restart, down ${seconds()} s`));
  $('#fault-stop').addEventListener('click', () => fault({fault: {target: faultTarget(), stopOffer: {}},
    durationMs: Math.round(seconds() * 1000)}, `stop offer for ${seconds()} s`));
  $('#fault-loss').addEventListener('click', () => fault({fault: {target: faultTarget(),
    packetLoss: {percent: Number($('#fault-percent').value)}}, durationMs: Math.round(seconds() * 1000)},
    `${$('#fault-percent').value} % packet loss for ${seconds()} s`));
  $('#fault-clear').addEventListener('click', async () => {
    try {
      const answer = await post('/api/simulator/clear', {all: true});
      $('#fault-msg').className = 'msg';
      $('#fault-msg').textContent = `cleared ${(answer.clearedFaultIds || []).length} fault(s)`;
    } catch (e) {
      $('#fault-msg').className = 'msg bad';
      $('#fault-msg').textContent = e.message;
    }
  });

  const events = new EventSource('/api/events');
  const conn = $('#conn');
  events.onopen = () => { conn.className = 'conn live'; conn.textContent = 'live'; };
  events.onerror = () => { conn.className = 'conn down'; conn.textContent = 'reconnecting…'; };
  events.addEventListener('snapshot', (event) => {
    const snapshot = JSON.parse(event.data);
    snapshot.signals.forEach(apply);
    if (snapshot.history) loadHistory(snapshot.history);
    renderCar();
  });
  events.addEventListener('signals', (event) => {
    JSON.parse(event.data).forEach(apply);
    renderCar();
  });
  events.addEventListener('someip', (event) => renderSomeIp(JSON.parse(event.data)));
  events.addEventListener('ecus', (event) => renderEcus(JSON.parse(event.data)));

  setInterval(() => {
    sample();
    refreshLastOffers();
    for (const signal of signals.values()) signal.row.cells[3].textContent = formatAge(signal.at);
  }, 1000);
}

start();
