// agent-memory dashboard: plain browser JavaScript, no build step, talks only to this server.

(() => {
  const TOKEN_KEY = 'agent-memory-token';
  const MAX_EVENTS = 200;
  const MAX_TASKS = 30;

  // The token arrives once in the URL; keep it for this tab only and take it out of the address bar
  // (and so out of history and bookmarks).
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  // Which namespace to show; the server refuses any the credential does not list.
  let namespace = url.searchParams.get('namespace');

  const $ = (id) => document.getElementById(id);

  /** Builds an element; children are nodes or text (never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Number.POSITIVE_INFINITY)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fill(id, rows, emptyId) {
    $(id).replaceChildren(...rows);
    if (emptyId) $(emptyId).hidden = rows.length > 0;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '–';
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  }

  function ago(iso) {
    return `${duration(Date.now() - Date.parse(iso))} ago`;
  }

  function clock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString();
  }

  async function api(path) {
    const headers = { authorization: `Bearer ${token}` };
    if (namespace) headers['x-agent-memory-namespace'] = namespace;
    const response = await fetch(path, { headers });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.error ? `${body.error.code}: ${body.error.message}` : response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function showFailure(error) {
    const box = $('failure');
    box.hidden = !error;
    box.textContent = error
      ? error.status === 401
        ? 'The access token was refused: open the URL agent-memory serve printed.'
        : `Could not reach memory: ${error.message}`
      : '';
  }

  // ── state ───────────────────────────────────────────────────────────────────────────────────

  /** Task ids worth showing findings for, most recently active first. */
  const tasks = [];
  function noteTask(taskId) {
    if (!taskId) return;
    const at = tasks.indexOf(taskId);
    if (at >= 0) tasks.splice(at, 1);
    tasks.unshift(taskId);
    tasks.length = Math.min(tasks.length, MAX_TASKS);
  }

  /** Claims with a local deadline, so the countdown needs no clock agreement with the server. */
  let claims = [];

  // ── panels ──────────────────────────────────────────────────────────────────────────────────

  function renderStatus(status) {
    const backend = $('backend');
    backend.textContent = status.degraded ? `${status.backend} (degraded)` : status.backend;
    backend.className = `badge ${status.healthy ? (status.degraded ? 'warn' : 'ok') : 'bad'}`;
    backend.title = status.degradedReason || status.error || '';
    $('namespace').textContent = `namespace ${status.namespace}`;
    $('sessions-count').textContent = `${status.sessions} in namespace`;
    $('patterns-count').textContent = status.patterns.enabled ? `${status.patterns.count} in git` : 'off';
  }

  function renderClaims() {
    const now = Date.now();
    const live = claims.filter((c) => c.deadline > now);
    $('claims-count').textContent = live.length ? String(live.length) : '';
    fill(
      'claims',
      live.map((c) =>
        el(
          'tr',
          { 'data-task': c.taskId },
          el('td', { class: 'mono' }, c.taskId),
          el('td', {}, c.agentId),
          el('td', { class: 'num' }, c.token),
          el('td', { class: 'num' }, duration(c.deadline - now)),
        ),
      ),
      'claims-empty',
    );
  }

  function renderAgents(agents) {
    $('agents-count').textContent = agents.length ? String(agents.length) : '';
    fill(
      'agents',
      agents.map((a) =>
        el(
          'tr',
          {},
          el('td', {}, a.agentId),
          el('td', {}, el('span', { class: `role role-${a.role}` }, a.role)),
          el('td', { class: 'mono' }, a.holds.length ? a.holds.join(', ') : '–'),
          el('td', {}, ago(a.lastSeen)),
        ),
      ),
      'agents-empty',
    );
  }

  function renderSessions(sessions) {
    fill(
      'sessions',
      sessions.map((s) =>
        el(
          'tr',
          {},
          el('td', { class: 'mono', title: s.id }, s.id.length > 14 ? `${s.id.slice(0, 12)}…` : s.id),
          el('td', {}, s.userId),
          el('td', {}, s.project || '–'),
          el('td', { class: 'num' }, duration(s.ttlMs)),
        ),
      ),
      'sessions-empty',
    );
  }

  function renderTasks(findingsByTask, conflicts) {
    const blocks = [];
    for (const taskId of tasks) {
      const findings = findingsByTask.get(taskId) || [];
      const open = conflicts.filter((c) => c.taskId === taskId && c.state === 'open');
      const resolved = conflicts.filter((c) => c.taskId === taskId && c.state === 'resolved');
      if (findings.length === 0 && open.length === 0 && resolved.length === 0) continue;
      blocks.push(
        el(
          'div',
          { class: 'task', 'data-task': taskId },
          el(
            'h3',
            {},
            el('span', { class: 'mono' }, taskId),
            open.length
              ? el('span', { class: 'badge bad' }, `${open.length} conflict${open.length > 1 ? 's' : ''}`)
              : null,
          ),
          open.map((c) =>
            el(
              'div',
              { class: 'conflict', 'data-testid': 'conflict' },
              el('strong', {}, 'Conflict on '),
              el('span', { class: 'mono' }, c.subject),
              ': ',
              c.positions.map((p, i) => [
                i ? ' vs ' : '',
                el('span', { class: 'verdict' }, `${p.agentId} says ${p.verdict} (${p.confidence})`),
              ]),
            ),
          ),
          resolved.map((c) => {
            const last = c.resolutions[c.resolutions.length - 1];
            return el(
              'div',
              { class: 'resolved' },
              'Resolved ',
              el('span', { class: 'mono' }, c.subject),
              last ? ` by ${last.by}: ${last.verdict ? `${last.verdict}, ` : ''}${last.reason}` : '',
            );
          }),
          el(
            'table',
            {},
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', {}, 'agent'),
                el('th', {}, 'subject'),
                el('th', {}, 'verdict'),
                el('th', {}, 'confidence'),
                el('th', {}, 'summary'),
              ),
            ),
            el(
              'tbody',
              {},
              findings.map((f) =>
                el(
                  'tr',
                  { 'data-testid': 'finding' },
                  el('td', {}, f.agentId),
                  el('td', { class: 'mono' }, f.subject),
                  el('td', {}, el('span', { class: 'verdict' }, f.verdict)),
                  el('td', { class: 'num' }, f.confidence),
                  el('td', {}, f.summary),
                ),
              ),
            ),
          ),
        ),
      );
    }
    fill('tasks', blocks, 'tasks-empty');
  }

  function describe(event) {
    switch (event.event) {
      case 'task_claimed':
        return `claimed ${event.task_id} (token ${event.token})`;
      case 'task_released':
        return `released ${event.task_id} (${event.reason})`;
      case 'task_completed':
        return `completed ${event.task_id}`;
      case 'lease_lost':
        return `lost the lease on ${event.task_id}`;
      case 'finding_shared':
        return `on ${event.task_id}: ${event.subject} is ${event.verdict} (${event.confidence})`;
      case 'conflict_detected':
        return `conflict on ${event.task_id}: ${event.subject} (${event.agents.join(', ')})`;
      case 'conflict_resolved':
        return `resolved a conflict on ${event.task_id}: ${event.resolution}`;
      case 'analysis_complete':
        return `analysed ${event.task_id}: ${event.findings_count} findings`;
      case 'pattern_staged':
        return `staged "${event.title}"`;
      case 'pattern_promoted':
        return `promoted "${event.title}" to ${event.pattern_id}`;
      case 'pattern_rejected':
        return `rejected ${event.candidate_id}: ${event.reason}`;
      case 'agent_joined':
        return 'joined';
      case 'agent_left':
        return 'left';
      default:
        return '';
    }
  }

  function addEvent(event, id) {
    const kind = event.event.startsWith('conflict') ? 'bad' : event.event.startsWith('task') ? 'ok' : '';
    const row = el(
      'li',
      { 'data-id': id || '', 'data-event': event.event },
      el('time', {}, clock(event.ts)),
      el('span', { class: `badge ${kind}` }, event.event),
      el('strong', {}, event.agent_id),
      el('span', {}, describe(event)),
    );
    const list = $('events');
    list.prepend(row);
    while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
    $('events-empty').hidden = true;
  }

  // ── patterns ────────────────────────────────────────────────────────────────────────────────

  async function searchPatterns(query) {
    try {
      const q = query.trim();
      const { patterns } = await api(`/api/patterns?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`);
      fill(
        'patterns',
        patterns.map((p) =>
          el(
            'li',
            {},
            el(
              'button',
              { type: 'button', class: 'link', onclick: () => showPattern(p.id) },
              el('span', { class: `kind kind-${p.kind}` }, p.kind),
              ' ',
              p.title,
            ),
            p.summary ? el('p', { class: 'muted' }, p.summary) : null,
          ),
        ),
      );
      $('patterns-empty').hidden = patterns.length > 0;
      $('patterns-empty').textContent = q ? `Nothing matches "${q}".` : 'No pattern recorded yet.';
    } catch (error) {
      $('patterns').replaceChildren();
      $('patterns-empty').hidden = false;
      $('patterns-empty').textContent = error.message;
    }
  }

  async function showPattern(id) {
    const detail = $('pattern-detail');
    try {
      const [{ pattern }, { history }] = await Promise.all([
        api(`/api/patterns/${encodeURIComponent(id)}`),
        api(`/api/patterns/${encodeURIComponent(id)}/history`),
      ]);
      detail.replaceChildren(
        el('h3', {}, pattern.title),
        el(
          'p',
          { class: 'muted' },
          `${pattern.kind} · confidence ${pattern.confidence} · by ${pattern.author} · updated ${clock(pattern.updated)}`,
        ),
        pattern.tags.length
          ? el(
              'p',
              {},
              pattern.tags.map((t) => el('span', { class: 'tag' }, t)),
            )
          : null,
        pattern.summary ? el('p', {}, pattern.summary) : null,
        pattern.body ? el('pre', { class: 'body' }, pattern.body) : null,
        el('h4', {}, `History (${history.length})`),
        el(
          'ol',
          { class: 'history', 'data-testid': 'pattern-history' },
          history.map((v) =>
            el(
              'li',
              {},
              el('span', { class: 'mono' }, v.commit.slice(0, 8)),
              ` ${new Date(v.date).toLocaleString()} · ${v.agentId || v.author} · ${v.message}`,
            ),
          ),
        ),
      );
      detail.hidden = false;
    } catch (error) {
      detail.replaceChildren(el('p', {}, error.message));
      detail.hidden = false;
    }
  }

  // ── refresh and live events ─────────────────────────────────────────────────────────────────

  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const [status, sessions, agents, claimList, conflicts] = await Promise.all([
        api('/api/status'),
        api('/api/sessions'),
        api('/api/agents'),
        api('/api/claims'),
        api('/api/conflicts?state=all'),
      ]);
      renderStatus(status);
      renderSessions(sessions.sessions);
      renderAgents(agents.agents);
      const now = Date.now();
      claims = claimList.claims.map((c) => ({ ...c, deadline: now + c.msLeft }));
      for (const c of claims) noteTask(c.taskId);
      for (const c of conflicts.conflicts) if (!tasks.includes(c.taskId)) noteTask(c.taskId);
      renderClaims();
      const findings = await Promise.all(
        tasks.map((taskId) =>
          api(`/api/tasks/${encodeURIComponent(taskId)}/findings`).then((r) => [taskId, r.findings]),
        ),
      );
      renderTasks(new Map(findings), conflicts.conflicts);
      showFailure(null);
    } catch (error) {
      showFailure(error);
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        scheduleRefresh();
      }
    }
  }

  let timer;
  function scheduleRefresh() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  }

  function connect() {
    const connection = $('connection');
    // EventSource cannot send headers; /events takes the token as a query parameter instead.
    const scope = namespace ? `&namespace=${encodeURIComponent(namespace)}` : '';
    const source = new EventSource(`/events?token=${encodeURIComponent(token)}${scope}`);
    source.addEventListener('ready', () => {
      connection.textContent = 'live';
      connection.className = 'badge ok';
    });
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      addEvent(event, message.lastEventId);
      if (event.task_id) noteTask(event.task_id);
      if (event.event.startsWith('pattern_')) searchPatterns($('pattern-query').value);
      scheduleRefresh();
    };
    source.onerror = () => {
      // EventSource reconnects by itself and sends Last-Event-ID: nothing is lost meanwhile.
      connection.textContent = 'reconnecting';
      connection.className = 'badge warn';
    };
  }

  if (!token) {
    $('no-token').hidden = false;
    $('connection').textContent = 'no token';
    return;
  }
  $('pattern-search').addEventListener('submit', (e) => {
    e.preventDefault();
    searchPatterns($('pattern-query').value);
  });

  /** Only the namespaces this credential may use are offered; picking one reloads the page on it. */
  async function chooseNamespace() {
    const { namespaces } = await api('/api/namespaces');
    if (!namespace || !namespaces.includes(namespace)) namespace = namespaces[0] || null;
    const select = $('namespace-select');
    select.replaceChildren(
      ...namespaces.map((ns) => el('option', { value: ns, selected: ns === namespace }, ns)),
    );
    select.hidden = namespaces.length < 2;
    select.addEventListener('change', () => {
      const next = new URL(window.location.href);
      next.searchParams.set('namespace', select.value);
      window.location.assign(next.pathname + next.search);
    });
  }

  chooseNamespace()
    .catch(showFailure)
    .finally(() => {
      connect();
      refresh();
      searchPatterns('');
      setInterval(renderClaims, 1000);
      setInterval(refresh, 10_000);
    });
})();
