// One job: its trigger in words and its next 10 fire times, its options, its actions, the reschedule form and its
// run history.
import { h, replace, time, notice, changed } from './dom.js';
import { get, post, query, ApiError } from './api.js';
import { jobActions } from './jobs.js';
import { pager } from './failures.js';
import { runsTable } from './runs.js';
import { clearErrors, showError, triggerFields, readTrigger } from './forms.js';

export async function jobPage(main, session, id) {
  const store = new URL(window.location.href).searchParams.get('store') ?? '';
  const details = h('div', { id: 'job-details' });
  const runs = h('div', { id: 'job-runs' });
  const reschedule = h('div', { id: 'reschedule-area' });
  let runPage = 0;
  let job = null;
  let refresh;
  replace(main, h('p', { className: 'crumbs' }, h('a', { href: 'jobs' }, 'Jobs'), ' / ', id), details, reschedule,
    h('h2', {}, 'Runs'), runs);
  const catalog = session.canWrite ? await get('catalog') : null;
  refresh = async () => {
    try {
      job = await get(`jobs/${encodeURIComponent(id)}${query({ store })}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(details, h('h1', {}, id), h('p', { className: 'bad', id: 'job-missing' }, error.message));
        return;
      }
      throw error;
    }
    if (changed('job', job)) replace(details,
      h('h1', {}, job.id, ' ', h('span', { id: 'job-state', className: `badge ${job.paused ? 'paused' : 'scheduled'}` },
        job.paused ? 'paused' : 'scheduled'), job.failing ? h('span', { className: 'badge failing' }, 'failing') : null),
      job.name !== job.id ? h('p', { className: 'muted' }, job.name) : null,
      session.canWrite ? h('div', { className: 'buttons', id: 'job-actions' }, jobActions(job, refresh, true),
        h('button', { type: 'button', 'data-action': 'reschedule', onclick: () => replace(reschedule,
          rescheduleForm(job, catalog, () => { replace(reschedule); refresh(); })) }, 'Reschedule')) : null,
      h('div', { className: 'columns' },
        h('section', {}, h('h2', {}, 'Trigger'),
          h('p', { id: 'trigger-words', className: 'words' }, job.triggerWords),
          h('p', {}, h('code', { id: 'trigger-description' }, job.trigger)),
          h('h3', {}, 'Next fire times'),
          job.nextFireTimes.length === 0 ? h('p', { className: 'muted' }, job.paused ? 'Paused: none.' : 'None.')
            : h('ol', { id: 'next-fire-times' }, job.nextFireTimes.map((at) => h('li', {}, time(at))))),
        h('section', {}, h('h2', {}, 'Options'),
          h('table', { id: 'job-options', className: 'options' }, h('tbody', {},
            [['task', job.task], ['job store', job.jobstore], ['executor', job.executor],
              ...Object.entries(job.options).map(([name, value]) => [name.replaceAll('_', ' '), value ?? 'none']),
              ['args', JSON.stringify(job.args)], ['kwargs', JSON.stringify(job.kwargs)]]
              .map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, String(value)))))))));
    const page = await get(`jobs/${encodeURIComponent(id)}/runs${query({ page: runPage, size: 20 })}`)
      .catch((error) => ({ error }));
    if (!changed('runs', page.error ? page.error.message : page)) return;
    if (page.error) {
      replace(runs, h('p', { className: 'muted', id: 'runs-table' }, page.error.message));
    } else {
      replace(runs, runsTable(page.runs, false, 'runs-table'), pager(page, (next) => { runPage = next; refresh(); }));
    }
  };
  return refresh;
}

function rescheduleForm(job, catalog, done) {
  const form = h('form', { id: 'reschedule-form', className: 'panel', novalidate: true },
    h('h2', {}, 'Reschedule'),
    h('p', { className: 'muted' }, 'The job runs next at the new trigger\'s first fire time from now.'),
    triggerFields(catalog.triggers, { trigger: job.triggerAlias, params: job.triggerParameters }),
    h('p', { className: 'form-error', role: 'alert' }),
    h('div', { className: 'buttons' }, h('button', { type: 'submit', className: 'primary' }, 'Reschedule'),
      h('button', { type: 'button', onclick: () => done() }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      await post(`jobs/${encodeURIComponent(job.id)}/reschedule?store=${encodeURIComponent(job.jobstore)}`,
        readTrigger(form));
      notice(`Rescheduled ${job.id}`);
      done();
    } catch (error) {
      showError(form, error);
    }
  });
  return form;
}
