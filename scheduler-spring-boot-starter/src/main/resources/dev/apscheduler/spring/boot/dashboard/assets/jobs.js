// The jobs table: search, filters, sorting by next run time and paging, all done by the server; actions per row;
// and the form that adds a job from a registered task.
import { h, replace, time, notice, changed } from './dom.js';
import { get, post, query, remove } from './api.js';
import { pager } from './failures.js';
import { field, select, clearErrors, showError, triggerFields, readTrigger } from './forms.js';

export async function jobsPage(main, session) {
  const url = new URL(window.location.href);
  const state = {
    q: url.searchParams.get('q') ?? '', store: url.searchParams.get('store') ?? '',
    paused: url.searchParams.get('paused') ?? '', failing: url.searchParams.get('failing') === 'true',
    sort: url.searchParams.get('sort') ?? 'nextRunTime', page: Number(url.searchParams.get('page') ?? 0),
  };
  const catalog = await get('catalog');
  const results = h('div', { id: 'jobs-results' });
  let refresh;
  const change = (name, value) => {
    state[name] = value;
    if (name !== 'page') state.page = 0;
    const search = query({ ...state, sort: state.sort === 'nextRunTime' ? '' : state.sort, page: state.page || '' });
    window.history.replaceState(null, '', `jobs${search}`);
    refresh();
  };
  const search = h('input', { type: 'search', id: 'job-search', placeholder: 'Search job ids', value: state.q });
  let typing;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => change('q', search.value), 250);
  });
  const store = select(['', ...catalog.jobstores], state.store);
  store.id = 'filter-store';
  store.firstChild.textContent = 'all stores';
  store.addEventListener('change', () => change('store', store.value));
  const paused = h('select', { id: 'filter-paused' }, [['', 'paused or not'], ['true', 'paused'],
    ['false', 'scheduled']].map(([value, label]) => h('option', { value, selected: value === state.paused }, label)));
  paused.addEventListener('change', () => change('paused', paused.value));
  const failing = h('input', { type: 'checkbox', id: 'filter-failing', checked: state.failing });
  failing.addEventListener('change', () => change('failing', failing.checked));
  const sort = h('select', { id: 'sort' }, [['nextRunTime', 'next run: soonest first'],
    ['-nextRunTime', 'next run: latest first']].map(([value, label]) => h('option', { value,
    selected: value === state.sort }, label)));
  sort.addEventListener('change', () => change('sort', sort.value));
  const addArea = h('div', { id: 'add-job-area' });
  replace(main, h('h1', {}, 'Jobs'),
    h('div', { className: 'toolbar' }, search, store, paused,
      h('label', { className: 'check' }, failing, 'failing only'), sort,
      session.canWrite ? h('button', { type: 'button', id: 'add-job', className: 'primary',
        onclick: () => replace(addArea, addJobForm(catalog, () => { replace(addArea); refresh(); })) },
      'Add job') : null),
    addArea, results);
  refresh = async () => {
    const data = await get(`jobs${query({ q: state.q, store: state.store, paused: state.paused,
      failing: state.failing ? 'true' : '', sort: state.sort, page: state.page, size: 25 })}`);
    if (!changed('jobs', data)) return;
    replace(results, jobsTable(data.jobs, session, refresh), pager(data, (next) => change('page', next)));
  };
  return refresh;
}

function jobsTable(jobs, session, refresh) {
  if (jobs.length === 0) return h('p', { className: 'muted', id: 'jobs-table' }, 'No job matches.');
  return h('table', { id: 'jobs-table' },
    h('thead', {}, h('tr', {}, ['Job', 'Trigger', 'Next run', 'Store', 'State', session.canWrite ? 'Actions' : null]
      .filter(Boolean).map((title) => h('th', {}, title)))),
    h('tbody', {}, jobs.map((job) => h('tr', { 'data-job-id': job.id, 'data-paused': String(job.paused) },
      h('td', {}, h('a', { href: `jobs/${encodeURIComponent(job.id)}?store=${encodeURIComponent(job.jobstore)}` },
        job.id), job.name !== job.id ? h('small', { className: 'muted block' }, `${job.name} · ${job.task}`)
        : h('small', { className: 'muted block' }, job.task)),
      h('td', { title: job.trigger }, job.triggerWords),
      h('td', { className: 'next-run' }, job.paused ? '—' : time(job.nextRunTime)),
      h('td', {}, job.jobstore),
      h('td', {}, h('span', { className: `badge ${job.paused ? 'paused' : 'scheduled'}` },
        job.paused ? 'paused' : 'scheduled'), job.failing ? h('span', { className: 'badge failing' }, 'failing') : null),
      session.canWrite ? h('td', { className: 'actions' }, jobActions(job, refresh, false)) : null))));
}

export function jobActions(job, refresh, withRemove) {
  const store = `?store=${encodeURIComponent(job.jobstore)}`;
  const path = `jobs/${encodeURIComponent(job.id)}`;
  const act = (action, message) => async () => {
    try {
      await post(`${path}/${action}${store}`);
      notice(message(job.id));
    } catch (error) {
      notice(error.message, 'error');
    }
    refresh();
  };
  return [
    job.paused ? h('button', { type: 'button', 'data-action': 'resume', onclick: act('resume', (id) => `Resumed ${id}`) },
      'Resume')
      : h('button', { type: 'button', 'data-action': 'pause', onclick: act('pause', (id) => `Paused ${id}`) }, 'Pause'),
    h('button', { type: 'button', 'data-action': 'run', onclick: act('run', (id) => `Submitted ${id} to run now`) },
      'Run now'),
    withRemove ? h('button', { type: 'button', 'data-action': 'remove', className: 'danger', onclick: async () => {
      if (!window.confirm(`Remove the job ${job.id}? Its schedule is lost.`)) return;
      try {
        await remove(`${path}${store}`);
        window.location.href = document.baseURI + 'jobs';
      } catch (error) {
        notice(error.message, 'error');
      }
    } }, 'Remove') : null,
  ];
}

function addJobForm(catalog, done) {
  const form = h('form', { id: 'add-job-form', className: 'panel', novalidate: true },
    h('h2', {}, 'Add a job'),
    h('div', { className: 'grid' },
      field('task', 'task', select(catalog.tasks, catalog.tasks[0]), 'a registered task'),
      field('id', 'id', h('input', { type: 'text' }), 'optional: a generated one otherwise'),
      field('name', 'name', h('input', { type: 'text' }), 'optional'),
      field('job store', 'jobstore', select(catalog.jobstores, 'default')),
      field('executor', 'executor', select(catalog.executors, 'default')),
      field('args (JSON list)', 'args', h('input', { type: 'text', placeholder: '[]' })),
      field('kwargs (JSON object)', 'kwargs', h('input', { type: 'text', placeholder: '{}' })),
      field('misfire grace time', 'misfire_grace_time', h('input', { type: 'text' }), 'seconds, or none'),
      field('max instances', 'max_instances', h('input', { type: 'number', min: 1 }))),
    triggerFields(catalog.triggers),
    h('label', { className: 'check' }, h('input', { type: 'checkbox', name: 'paused' }), 'add it paused'),
    h('p', { className: 'form-error', role: 'alert' }),
    h('div', { className: 'buttons' }, h('button', { type: 'submit', className: 'primary' }, 'Add'),
      h('button', { type: 'button', onclick: () => done() }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.querySelector(`[name="${name}"]`).value.trim();
    const body = { task: value('task'), ...readTrigger(form), jobstore: value('jobstore'), executor: value('executor'),
      paused: form.querySelector('[name="paused"]').checked };
    for (const name of ['id', 'name', 'misfire_grace_time']) if (value(name) !== '') body[name] = value(name);
    if (value('max_instances') !== '') body.max_instances = Number(value('max_instances'));
    for (const name of ['args', 'kwargs']) {
      if (value(name) === '') continue;
      try {
        body[name] = JSON.parse(value(name));
      } catch {
        showError(form, { field: name, message: `'${name}' is not valid JSON` });
        return;
      }
    }
    try {
      const job = await post('jobs', body);
      notice(`Added ${job.id}`);
      done();
    } catch (error) {
      showError(form, error);
    }
  });
  return form;
}
