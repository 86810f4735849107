// Sluice studio: one page over the studio's JSON API. No framework, no CDN; every value from the database is put in the
// page as text (textContent), never as HTML.
'use strict';
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const state = { tenant: '', info: null, table: null, page: 1, size: 25, sort: null, dir: 'asc', filter: null,
                  data: null, row: null, editing: false, query: null, qpage: 1, healthTimer: null };
  const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    }
    for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  async function api(path, body) {
    const headers = { 'X-Sluice-Tenant': state.tenant };
    const init = { headers, credentials: 'same-origin' };
    if (body !== undefined) {
      init.method = 'POST';
      headers['Content-Type'] = 'application/json';
      headers['X-Sluice-CSRF'] = csrf;
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch (e) { json = { error: text }; }
    if (!r.ok) { const err = new Error(json.error || ('HTTP ' + r.status)); err.status = r.status; throw err; }
    return json;
  }

  function showError(e) { const box = $('error'); box.textContent = e ? e.message : ''; box.hidden = !e; }

  function show(text) {
    if (text === null || text === undefined) return el('span', { class: 'muted' }, 'NULL');
    if (typeof text !== 'string') return document.createTextNode(String(text));
    return document.createTextNode(text);
  }

  function asJson(v) {
    if (typeof v !== 'string') return null;
    const s = v.trim();
    if (!(s.startsWith('{') || s.startsWith('['))) return null;
    try { return JSON.parse(s); } catch (e) { return null; }
  }

  // ---- tabs, tenant ----
  function switchTo(view) {
    document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.view === view));
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + view; });
    clearInterval(state.healthTimer);
    showError(null);
    if (view === 'schema') loadSchema();
    if (view === 'migrations') loadMigrations();
    if (view === 'health') { loadHealth(); state.healthTimer = setInterval(loadHealth, 1000); }
    if (view === 'data') loadTables();
  }

  function tenantBanner() {
    const sel = $('tenant');
    const b = $('tenant-banner');
    const label = sel.selectedOptions[0] ? sel.selectedOptions[0].textContent : '';
    b.textContent = state.tenant ? 'Tenant: ' + label + ' (' + state.tenant + ')' : 'Tenant: all (no tenant scope)';
    b.classList.toggle('tenant-on', !!state.tenant);
  }

  async function init() {
    document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => switchTo(t.dataset.view)));
    $('tenant').addEventListener('change', () => {
      state.tenant = $('tenant').value; tenantBanner(); state.page = 1; state.row = null; state.inserting = false; $('row-detail').hidden = true;
      loadTables(); if (state.table) loadRows();
    });
    $('filter-apply').addEventListener('click', () => {
      state.filter = { col: $('filter-col').value, op: $('filter-op').value, val: $('filter-val').value }; state.page = 1; loadRows();
    });
    $('filter-clear').addEventListener('click', () => { state.filter = null; $('filter-val').value = ''; state.page = 1; loadRows(); });
    $('prev').addEventListener('click', () => { if (state.page > 1) { state.page--; loadRows(); } });
    $('next').addEventListener('click', () => { state.page++; loadRows(); });
    $('page-size').addEventListener('change', () => { state.size = Number($('page-size').value); state.page = 1; loadRows(); });
    $('edit-row').addEventListener('click', () => editRow(true));
    $('cancel-row').addEventListener('click', () => editRow(false));
    $('save-row').addEventListener('click', saveRow);
    $('insert-row').addEventListener('click', insertRow);
    $('run-sql').addEventListener('click', runSql);
    $('sql').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runSql(); });
    $('qprev').addEventListener('click', () => { if (state.qpage > 1) { state.qpage--; renderQuery(); } });
    $('qnext').addEventListener('click', () => { state.qpage++; renderQuery(); });
    $('drift-run').addEventListener('click', runDrift);
    try {
      state.info = await api('/api/info');
      $('db-info').textContent = state.info.vendor + ' · ' + state.info.database;
      $('mode').textContent = state.info.write ? 'read-write (--write)' : 'read-only';
      $('mode').classList.toggle('write', state.info.write);
      $('query-mode').textContent = state.info.write ? 'runs in a read-write transaction, committed'
        : 'runs in a read-only transaction (start with --write to change data)';
      const t = await api('/api/tenants');
      for (const x of t.tenants) $('tenant').append(el('option', { value: x.id }, x.label));
      tenantBanner();
      await loadTables();
    } catch (e) { showError(e); }
  }

  // ---- data ----
  async function loadTables() {
    try {
      const r = await api('/api/tables');
      const list = $('table-list');
      list.replaceChildren();
      for (const t of r.tables) {
        const a = el('a', { class: 'table-link' + (t.name === state.table ? ' active' : ''), href: '#', 'data-table': t.name },
          el('span', {}, t.name, t.view ? el('span', { class: 'view-tag' }, ' view') : null), el('span', { class: 'count' }, t.rows));
        a.addEventListener('click', (e) => { e.preventDefault(); openTable(t.name, null); });
        list.append(el('li', {}, a));
      }
    } catch (e) { showError(e); }
  }

  function openTable(name, filter) {
    state.table = name; state.page = 1; state.sort = null; state.dir = 'asc'; state.filter = filter; state.row = null;
    $('row-detail').hidden = true;
    document.querySelectorAll('.table-link').forEach((a) => a.classList.toggle('active', a.dataset.table === name));
    return loadRows();
  }

  async function loadRows() {
    const p = new URLSearchParams({ table: state.table, page: state.page, size: state.size });
    if (state.sort) { p.set('sort', state.sort); p.set('dir', state.dir); }
    if (state.filter) { p.set('fcol', state.filter.col); p.set('fop', state.filter.op); p.set('fval', state.filter.val || ''); }
    try {
      state.data = await api('/api/rows?' + p);
      showError(null);
      renderGrid();
    } catch (e) { showError(e); }
  }

  function renderGrid() {
    const d = state.data;
    $('grid-title').textContent = d.table + (d.view ? ' (view)' : '');
    $('filter-bar').hidden = false;
    $('pager').hidden = false;
    const fc = $('filter-col');
    if (fc.dataset.table !== d.table) {
      fc.replaceChildren(...d.columns.filter((c) => !c.secret).map((c) => el('option', { value: c.name }, c.name)));
      fc.dataset.table = d.table;
    }
    if (state.filter) { fc.value = state.filter.col; $('filter-op').value = state.filter.op; $('filter-val').value = state.filter.val || ''; }
    $('filter-info').textContent = state.filter ? 'filtered: ' + state.filter.col + ' ' + state.filter.op + ' ' + (state.filter.val || '') : '';
    $('insert-row').hidden = d.view;
    const head = el('tr');
    for (const c of d.columns) {
      const arrow = state.sort === c.name ? (state.dir === 'asc' ? ' ▲' : ' ▼') : '';
      const th = el('th', { 'data-col': c.name, title: c.type + (c.key ? ', primary key' : '') }, c.name + arrow);
      if (!c.secret) th.addEventListener('click', () => {
        state.dir = state.sort === c.name && state.dir === 'asc' ? 'desc' : 'asc'; state.sort = c.name; state.page = 1; loadRows();
      });
      head.append(th);
    }
    $('grid').tHead.replaceChildren(head);
    const body = $('grid').tBodies[0];
    body.replaceChildren();
    d.rows.forEach((row, i) => {
      const tr = el('tr', { class: 'row', 'data-index': i });
      for (const c of d.columns) {
        const v = row[c.name];
        const td = el('td', { 'data-col': c.name });
        if (c.references && v !== null) {
          const a = el('a', { class: 'fk', 'data-col': c.name, title: '→ ' + c.references.table }, String(v));
          a.addEventListener('click', (e) => { e.stopPropagation(); follow(c, v); });
          td.append(a);
        } else {
          td.append(show(v));
        }
        tr.append(td);
      }
      tr.addEventListener('click', () => selectRow(i));
      body.append(tr);
    });
    const pages = Math.max(1, Math.ceil(d.total / d.size));
    $('page-info').textContent = 'Page ' + d.page + ' of ' + pages + ' · ' + d.total + ' rows';
    $('prev').disabled = d.page <= 1;
    $('next').disabled = d.page >= pages;
  }

  function follow(column, value) {
    return openTable(column.references.table, { col: column.references.column, op: 'eq', val: String(value) });
  }

  function selectRow(i) {
    state.row = state.data.rows[i];
    state.editing = false;
    document.querySelectorAll('#grid tr.row').forEach((tr) => tr.classList.toggle('selected', Number(tr.dataset.index) === i));
    renderRow();
  }

  function renderRow() {
    const d = state.data, row = state.row;
    $('row-detail').hidden = false;
    $('row-error').hidden = true;
    $('row-title').textContent = d.table + ' ' + d.primaryKey.map((k) => row[k]).join(', ');
    const links = $('row-links');
    links.replaceChildren();
    for (const c of d.columns) {
      if (c.references && row[c.name] !== null) {
        const a = el('a', { class: 'follow', 'data-col': c.name }, '→ ' + c.references.table + ' (' + c.name + ')');
        a.addEventListener('click', () => follow(c, row[c.name]));
        links.append(a);
      }
    }
    for (const r of d.referencedBy) {
      const v = row[r.referencedColumn];
      const a = el('a', { class: 'back', 'data-table': r.table, 'data-col': r.column }, '← ' + r.table + '.' + r.column);
      a.addEventListener('click', () => openTable(r.table, { col: r.column, op: 'eq', val: String(v) }));
      links.append(a);
    }
    const t = $('row-fields');
    t.replaceChildren();
    for (const c of d.columns) {
      const v = row[c.name];
      const cell = el('td', { 'data-col': c.name });
      if (state.editing && !c.secret) {
        cell.append(el('input', { 'data-col': c.name, value: v === null ? '' : (typeof v === 'string' ? v : String(v)) }));
      } else {
        const j = asJson(v);
        cell.append(j !== null ? el('pre', { class: 'json' }, JSON.stringify(j, null, 2)) : show(v));
      }
      t.append(el('tr', {}, el('td', {}, c.name), cell));
    }
    $('edit-row').hidden = state.editing || d.view;
    $('save-row').hidden = !state.editing;
    $('cancel-row').hidden = !state.editing;
  }

  function editRow(on) { state.editing = on; if (!on) state.inserting = false; $('row-status').textContent = ''; renderRow(); }

  async function saveRow() {
    const d = state.data, key = {}, values = {};
    if (state.inserting) {
      document.querySelectorAll('#row-fields input[data-col]').forEach((i) => { if (i.value !== '') values[i.dataset.col] = i.value; });
      try {
        await api('/api/row/insert', { table: d.table, values });
        state.inserting = false; state.editing = false; $('row-detail').hidden = true;
        await loadRows(); await loadTables();
      } catch (e) { $('row-error').textContent = e.message; $('row-error').hidden = false; }
      return;
    }
    for (const k of d.primaryKey) key[k] = state.row[k];
    document.querySelectorAll('#row-fields input[data-col]').forEach((i) => {
      const old = state.row[i.dataset.col];
      const oldText = old === null ? '' : String(old);
      if (i.value !== oldText) values[i.dataset.col] = i.value === '' && old === null ? null : i.value;
    });
    try {
      const updated = await api('/api/row/update', { table: d.table, key, values });
      state.row = updated; state.editing = false;
      const idx = d.rows.findIndex((r) => d.primaryKey.every((k) => String(r[k]) === String(updated[k])));
      if (idx >= 0) d.rows[idx] = updated;
      renderGrid(); renderRow();
      $('row-status').textContent = 'Saved';
    } catch (e) { $('row-error').textContent = e.message; $('row-error').hidden = false; }
  }

  function insertRow() {
    const d = state.data;
    state.row = Object.fromEntries(d.columns.map((c) => [c.name, null]));
    state.inserting = true;
    editRow(true);
    $('row-title').textContent = 'New row in ' + d.table;
  }

  // ---- schema ----
  async function loadSchema() {
    try {
      const s = await api('/api/schema');
      const box = $('schema');
      box.replaceChildren(el('p', { class: 'muted' }, s.rowSecuritySupported
        ? 'Row-level security as it applies to role ' + s.role + '.' : 'This database has no row-level security; tenant scopes use the query layer\'s predicate.'));
      for (const t of s.tables) {
        const cols = el('table', {}, el('tr', {}, el('th', {}, 'column'), el('th', {}, 'type'), el('th', {}, 'null')));
        for (const c of t.columns) cols.append(el('tr', {}, el('td', {}, c.name + (t.primaryKey.includes(c.name) ? ' 🔑' : '')), el('td', {}, c.type), el('td', {}, c.nullable ? 'yes' : 'no')));
        const items = el('ul');
        if (t.primaryKey.length) items.append(el('li', {}, 'primary key (' + t.primaryKey.join(', ') + ')'));
        for (const f of t.foreignKeys) items.append(el('li', {}, 'foreign key ' + f.name + ' (' + f.columns.join(', ') + ') → ' + f.table + ' (' + f.referencedColumns.join(', ') + ')'));
        for (const u of t.uniqueKeys) items.append(el('li', {}, 'unique ' + u.name + ' (' + u.columns.join(', ') + ')'));
        for (const i of t.indexes) items.append(el('li', {}, (i.unique ? 'unique index ' : 'index ') + i.name + ' (' + i.columns.join(', ') + ')'));
        if (t.rowSecurity) items.append(el('li', { class: 'rls' }, 'row-level security: ' + (t.rowSecurity.enabled ? 'enabled' : 'off')
          + (t.rowSecurity.forced ? ', forced' : '') + ', ' + t.rowSecurity.policies + ' polic' + (t.rowSecurity.policies === 1 ? 'y' : 'ies')));
        box.append(el('div', { class: 'card', 'data-table': t.name }, el('h3', {}, t.name + (t.view ? ' (view)' : '')), cols, items));
      }
    } catch (e) { showError(e); }
  }

  // ---- migrations ----
  async function loadMigrations() {
    try {
      const m = await api('/api/migrations');
      $('migrations-info').textContent = m.error ? m.error
        : 'Current version ' + (m.current || 'none') + ' · history table ' + m.historyTable + ' · ' + m.locations.join(', ');
      const list = $('timeline');
      list.replaceChildren();
      for (const x of m.migrations) {
        const cls = x.failed ? 'failed' : x.applied ? 'applied' : 'pending';
        const li = el('li', { class: 'migration ' + cls, 'data-version': x.version || '' },
          el('span', { class: 'state' }, x.state), 'V' + (x.version || '?') + ' ' + x.description,
          x.downScript ? el('span', { class: 'down' }, 'down script') : null,
          el('div', { class: 'muted' }, x.script + (x.installedOn ? ' · ' + x.installedOn : '')));
        list.append(li);
      }
    } catch (e) { showError(e); }
  }

  async function runDrift() {
    $('drift').replaceChildren(el('p', { class: 'muted' }, 'Checking...'));
    try {
      const d = await api('/api/drift');
      const out = d.error ? [el('div', { class: 'error' }, d.error)]
        : [el('p', { class: d.clean ? 'ok' : 'error' }, d.summary), el('ul', {}, ...d.differences.map((x) => el('li', {}, x)))];
      $('drift').replaceChildren(...out);
    } catch (e) { $('drift').replaceChildren(el('div', { class: 'error' }, e.message)); }
  }

  // ---- health ----
  async function loadHealth() {
    try {
      const h = await api('/api/health');
      const body = $('health-table').tBodies[0];
      body.replaceChildren();
      for (const n of h.nodes) {
        const p = n.pool;
        body.append(el('tr', { class: 'node', 'data-node': n.node }, el('td', {}, n.node), el('td', {}, n.url),
          el('td', { class: 'status ' + n.status }, n.status), el('td', {}, n.state || ''),
          el('td', {}, n.latencyMs == null ? '' : n.latencyMs.toFixed(2) + ' ms'), el('td', {}, n.failures ?? ''),
          el('td', {}, p ? p.active + ' / ' + p.idle + ' / ' + p.waiting + ' / ' + p.max : ''), el('td', {}, n.lastError || '')));
      }
      chart($('chart-latency'), h.samples, (n) => n.latencyMs);
      chart($('chart-pool'), h.samples, (n) => (n.pool ? n.pool.active : null));
      $('legend').replaceChildren(...h.nodes.map((n, i) => el('span', { style: 'color:' + COLORS[i % COLORS.length] }, '■ ' + n.node)));
    } catch (e) { showError(e); clearInterval(state.healthTimer); }
  }

  // An SVG line per node over the samples kept (five minutes); a gap where a node had no value (unhealthy).
  function chart(svg, samples, value) {
    const NS = 'http://www.w3.org/2000/svg', W = 600, H = 160, PAD = 24;
    svg.replaceChildren();
    if (!samples.length) return;
    const ids = samples[samples.length - 1].nodes.map((n) => n.node);
    let max = 1;
    for (const s of samples) for (const n of s.nodes) { const v = value(n); if (v != null && v > max) max = v; }
    const x = (i) => PAD + (W - 2 * PAD) * (samples.length === 1 ? 1 : i / (samples.length - 1));
    const y = (v) => H - PAD - (H - 2 * PAD) * (v / max);
    const axis = document.createElementNS(NS, 'path');
    axis.setAttribute('d', `M${PAD},${PAD} V${H - PAD} H${W - PAD}`);
    axis.setAttribute('stroke', '#94a3b8'); axis.setAttribute('fill', 'none');
    svg.append(axis);
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', 2); label.setAttribute('y', PAD - 6); label.setAttribute('font-size', '11'); label.textContent = max.toFixed(max < 10 ? 2 : 0);
    svg.append(label);
    ids.forEach((id, k) => {
      let d = '', pen = 'M';
      samples.forEach((s, i) => {
        const n = s.nodes.find((m) => m.node === id);
        const v = n ? value(n) : null;
        if (v == null || n.status !== 'HEALTHY') { pen = 'M'; return; }
        d += `${pen}${x(i).toFixed(1)},${y(v).toFixed(1)} `; pen = 'L';
      });
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('d', d.trim()); path.setAttribute('fill', 'none'); path.setAttribute('stroke-width', '1.5');
      path.setAttribute('stroke', COLORS[k % COLORS.length]); path.setAttribute('class', 'series'); path.setAttribute('data-node', id);
      svg.append(path);
    });
  }

  // ---- query ----
  async function runSql() {
    $('query-error').hidden = true;
    $('query-info').textContent = 'Running...';
    try {
      state.query = await api('/api/query', { sql: $('sql').value });
      state.qpage = 1;
      renderQuery();
    } catch (e) {
      state.query = null;
      $('query-info').textContent = '';
      $('query-error').textContent = e.message; $('query-error').hidden = false;
      $('query-result').tHead.replaceChildren(); $('query-result').tBodies[0].replaceChildren(); $('query-pager').hidden = true;
    }
  }

  function renderQuery() {
    const q = state.query, PAGE = 50;
    const time = q.elapsedMs.toFixed(1) + ' ms';
    if (q.updateCount >= 0) {
      $('query-info').textContent = q.updateCount + ' row(s) changed in ' + time;
      $('query-result').tHead.replaceChildren(); $('query-result').tBodies[0].replaceChildren(); $('query-pager').hidden = true;
      return;
    }
    $('query-info').textContent = q.rows.length + ' row(s)' + (q.truncated ? ' (the first ' + q.rows.length + ' only)' : '') + ' in ' + time;
    $('query-result').tHead.replaceChildren(el('tr', {}, ...q.columns.map((c) => el('th', {}, c))));
    const pages = Math.max(1, Math.ceil(q.rows.length / PAGE));
    state.qpage = Math.min(state.qpage, pages);
    const body = $('query-result').tBodies[0];
    body.replaceChildren(...q.rows.slice((state.qpage - 1) * PAGE, state.qpage * PAGE)
      .map((r) => el('tr', {}, ...r.map((v) => el('td', {}, show(v))))));
    $('query-pager').hidden = pages <= 1;
    $('qpage-info').textContent = 'Page ' + state.qpage + ' of ' + pages;
    $('qprev').disabled = state.qpage <= 1;
    $('qnext').disabled = state.qpage >= pages;
  }

  init();
}());
