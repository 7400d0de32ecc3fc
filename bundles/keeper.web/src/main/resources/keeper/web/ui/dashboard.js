'use strict';
// Keeper's dashboard: every fact comes from the HTTP API (docs/http.md), kept live by its event stream.
// No framework and no build step: the page is three static files served by the keeper.web bundle.
(() => {
  const API = {
    children: '/api/children',
    info: '/api/info',
    action: (name, action) => `/api/children/${encodeURIComponent(name)}/${action}`,
    events: '/api/events',
    log: (name, stream) => `/api/children/${encodeURIComponent(name)}/log?follow=1&lines=200&stream=${stream}`,
  };
  const LOG_LINES_KEPT = 2000;
  // The API refuses a state change without this header, which a cross-site form or image cannot send.
  const CSRF_HEADER = 'X-Keeper-Request';
  const TOKEN_KEY = 'keeper.token';
  const ACTIONS = ['start', 'stop', 'restart'];

  const rows = new Map();
  const $ = (id) => document.getElementById(id);
  let events = null;
  let log = null;
  let refreshing = null;

  function headers(extra) {
    const all = Object.assign({ Accept: 'application/json' }, extra);
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) all.Authorization = `Bearer ${token}`;
    return all;
  }

  function say(text) {
    $('message').textContent = text || '';
  }

  // Only a server that requires authentication answers 401: then, and only then, the page asks for a token.
  function askForToken() {
    $('auth').hidden = false;
    say('This server requires a token: paste one above.');
  }

  async function call(path, init) {
    const response = await fetch(path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, init));
    if (response.status === 401) {
      askForToken();
      throw new Error('the server wants a token');
    }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: text }; }
    if (!response.ok) throw new Error((body && body.error) || `HTTP ${response.status}`);
    return body;
  }

  function uptime(child) {
    if (!child.started_at || !['running', 'stopping', 'starting'].includes(child.state)) return '';
    let seconds = Math.max(0, Math.floor((Date.now() - Date.parse(child.started_at)) / 1000));
    const days = Math.floor(seconds / 86400); seconds %= 86400;
    const hours = Math.floor(seconds / 3600); seconds %= 3600;
    const minutes = Math.floor(seconds / 60); seconds %= 60;
    const two = (n) => String(n).padStart(2, '0');
    return (days ? `${days}d ` : '') + `${two(hours)}:${two(minutes)}:${two(seconds)}`;
  }

  // status --json gives health only for a child with probes: {condition, detail, checked_at, failures}.
  function health(child) {
    const facts = child.health;
    return facts && facts.condition !== 'none' ? facts.condition : '';
  }

  function cell(row, name, text, className) {
    const td = row.querySelector(`td[data-field="${name}"]`);
    td.textContent = text;
    if (className !== undefined) td.className = className;
  }

  function newRow(name) {
    const row = document.createElement('tr');
    row.dataset.child = name;
    for (const field of ['name', 'state', 'pid', 'uptime', 'restarts', 'exit', 'health']) {
      const td = document.createElement('td');
      td.dataset.field = field;
      row.appendChild(td);
    }
    const actions = document.createElement('td');
    actions.className = 'actions';
    for (const action of ACTIONS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = action;
      button.textContent = action[0].toUpperCase() + action.slice(1);
      button.addEventListener('click', () => act(name, action, button));
      actions.appendChild(button);
    }
    const logButton = document.createElement('button');
    logButton.type = 'button';
    logButton.dataset.action = 'log';
    logButton.textContent = 'Log';
    logButton.addEventListener('click', () => showLog(name));
    actions.appendChild(logButton);
    row.appendChild(actions);
    return row;
  }

  function render(children) {
    const body = document.querySelector('#children tbody');
    const seen = new Set();
    for (const child of children) {
      seen.add(child.name);
      let entry = rows.get(child.name);
      if (!entry) {
        entry = { row: newRow(child.name) };
        rows.set(child.name, entry);
      }
      entry.child = child;
      const row = entry.row;
      row.dataset.state = child.state;
      cell(row, 'name', child.name);
      const state = row.querySelector('td[data-field="state"]');
      state.replaceChildren(Object.assign(document.createElement('span'),
        { className: `state state-${child.state}`, textContent: child.state }));
      cell(row, 'pid', child.pid && ['running', 'stopping'].includes(child.state) ? String(child.pid) : '', 'number');
      cell(row, 'uptime', uptime(child), 'number');
      cell(row, 'restarts', String(child.restarts ?? 0), 'number');
      cell(row, 'exit', child.exit_code === null || child.exit_code === undefined ? '' : String(child.exit_code), 'number');
      const healthText = health(child);
      cell(row, 'health', healthText, healthText ? `health-${healthText}` : '');
      row.querySelector('td[data-field="health"]').title = (child.health && child.health.detail) || '';
      row.querySelector('button[data-action="start"]').disabled = ['running', 'starting', 'stopping'].includes(child.state);
      row.querySelector('button[data-action="stop"]').disabled = !['running', 'backoff'].includes(child.state);
      row.querySelector('button[data-action="restart"]').disabled = child.state !== 'running';
    }
    for (const [name, entry] of rows) {
      if (!seen.has(name)) { entry.row.remove(); rows.delete(name); }
    }
    const sorted = [...rows.keys()].sort();
    sorted.forEach((name) => body.appendChild(rows.get(name).row));
  }

  // Child files the server cannot read, as status --json names them: file, line, field, message.
  function showProblems(problems) {
    $('problems').replaceChildren(...problems.map((problem) => {
      const item = document.createElement('li');
      const where = [problem.file, problem.line].filter((part) => part !== null && part !== undefined).join(':');
      item.textContent = `${where}: ${problem.field ? `field '${problem.field}': ` : ''}${problem.message}`;
      return item;
    }));
  }

  async function refresh() {
    try {
      const listing = await call(API.children, { headers: headers() });
      render(listing.children || []);
      showProblems(listing.problems || []);
      say('');
    } catch (e) {
      if (!$('auth').hidden) return;
      say(`Cannot read the children: ${e.message}`);
    }
  }

  // Many events arrive together (a restart is four moves): one refresh serves them all.
  function refreshSoon() {
    if (refreshing) return;
    refreshing = setTimeout(() => { refreshing = null; refresh(); }, 50);
  }

  async function act(name, action, button) {
    button.disabled = true;
    try {
      await call(API.action(name, action), { method: 'POST', headers: headers({ [CSRF_HEADER]: '1' }) });
      say('');
    } catch (e) {
      say(`${action} ${name}: ${e.message}`);
    }
    refreshSoon();
  }

  // A server-sent event stream read with fetch, so that it can carry the Authorization header (EventSource cannot).
  // onEvent(name, data) gets each event; onOpen(true|false) each (re)connection and loss. Reconnects with backoff.
  function follow(path, onEvent, onOpen) {
    const controller = new AbortController();
    const stream = { stopped: false, stop: () => { stream.stopped = true; controller.abort(); } };
    const run = async (delay) => {
      while (!stream.stopped) {
        try {
          const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store',
            signal: controller.signal });
          if (response.status === 401) askForToken();
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          if (onOpen) onOpen(true);
          delay = 500;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const lines = buffer.slice(0, end).split('\n');
              buffer = buffer.slice(end + 2);
              const field = (name) => lines.filter((line) => line.startsWith(`${name}:`))
                .map((line) => line.slice(name.length + 1).replace(/^ /, '')).join('\n');
              const data = field('data');
              if (data) onEvent(field('event') || 'message', data);
            }
          }
        } catch (e) {
          if (stream.stopped) return;
        }
        if (onOpen) onOpen(false);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10000);
      }
    };
    run(500);
    return stream;
  }

  function showLog(name) {
    closeLog();
    $('log').hidden = false;
    $('log-child').textContent = name;
    const pane = $('log-lines');
    pane.textContent = '';
    const stream = follow(API.log(name, $('log-stream').value), (event, data) => {
      const body = JSON.parse(data);
      if (event === 'end') {
        pane.append(`-- ${body.error || 'the log ended'} --\n`);
        stream.stop();
        return;
      }
      if (event !== 'lines') return;
      const atEnd = pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 4;
      // text nodes only: a child's output is never markup
      body.lines.forEach((line) => pane.append(`${line}\n`));
      while (pane.childNodes.length > LOG_LINES_KEPT) pane.firstChild.remove();
      if (atEnd) pane.scrollTop = pane.scrollHeight;
    }, (open) => {
      if (open) pane.textContent = ''; // a new stream starts again with the last lines
    });
    log = stream;
  }

  function closeLog() {
    if (log) log.stop();
    log = null;
    $('log').hidden = true;
  }

  function connect() {
    if (events) events.stop();
    events = follow(API.events, refreshSoon, (open) => {
      $('live').dataset.live = open ? 'yes' : 'no';
      $('live').textContent = open ? 'live' : 'offline';
      if (open) refresh();
    });
  }

  async function serverName() {
    try {
      const info = await call(API.info, { headers: headers() });
      $('server').textContent = info && info.version ? `version ${info.version}, pid ${info.pid}` : '';
    } catch (e) { /* shown by the table's refresh */ }
  }

  $('auth').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    $('token').value = '';
    $('auth').hidden = true;
    say('');
    serverName();
    connect();
  });
  $('log-close').addEventListener('click', closeLog);
  $('log-stream').addEventListener('change', () => showLog($('log-child').textContent));
  setInterval(() => rows.forEach((entry) => cell(entry.row, 'uptime', uptime(entry.child), 'number')), 1000);

  serverName();
  refresh();
  connect();
})();
