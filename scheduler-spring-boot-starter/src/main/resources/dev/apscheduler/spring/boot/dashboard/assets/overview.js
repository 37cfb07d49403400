// The overview: the scheduler's state, its stores with their job counts and health, its executors with their
// running and maximum workers, and the runs of the last hour.
import { h, replace, duration, changed } from './dom.js';
import { get } from './api.js';
import { activityChart } from './chart.js';

export async function overviewPage(main) {
  const content = h('div', { id: 'overview' });
  replace(main, h('h1', {}, 'Overview'), content);
  return async () => {
    const data = await get('overview');
    delete data.now;
    if (!changed('overview', data)) return;
    const hour = data.lastHour;
    const runs = hour.reduce((sum, minute) => sum + minute.runs, 0);
    const failed = hour.reduce((sum, minute) => sum + minute.failed, 0);
    const missed = hour.reduce((sum, minute) => sum + minute.missed, 0);
    const worst = Math.max(0, ...hour.map((minute) => minute.maxLatenessMillis));
    replace(content,
      h('section', { className: 'cards' },
        h('div', { className: 'card' }, h('span', { className: 'label' }, 'Scheduler'),
          h('strong', { id: 'scheduler-state', className: `state state-${data.state.toLowerCase()}` }, data.state),
          h('small', {}, `${data.instance} · ${data.timezone}`)),
        h('div', { className: 'card' }, h('span', { className: 'label' }, 'Runs, last hour'),
          h('strong', { id: 'runs-last-hour' }, String(runs)), h('small', {}, `${failed} failed · ${missed} missed`)),
        h('div', { className: 'card' }, h('span', { className: 'label' }, 'Worst lateness, last hour'),
          h('strong', {}, duration(worst))),
        h('div', { className: 'card' }, h('span', { className: 'label' }, 'Run history'),
          h('strong', {}, data.history.enabled ? (data.history.failure ? 'failing' : 'on') : 'off'),
          data.history.failure ? h('small', { className: 'bad' }, data.history.failure) : null)),
      h('h2', {}, 'Runs per minute and lateness, last hour'),
      h('div', { className: 'legend' }, h('span', { className: 'key key-runs' }, 'runs'),
        h('span', { className: 'key key-failed' }, 'failed'), h('span', { className: 'key key-lateness' },
          'average lateness')),
      activityChart(hour),
      h('h2', {}, 'Job stores'),
      h('table', { id: 'stores' },
        h('thead', {}, h('tr', {}, ['Store', 'Type', 'Jobs', 'Paused', 'Unrestorable', 'Health']
          .map((title) => h('th', {}, title)))),
        h('tbody', {}, data.stores.map((store) => h('tr', { 'data-store': store.alias },
          h('td', {}, h('a', { href: `jobs?store=${encodeURIComponent(store.alias)}` }, store.alias)),
          h('td', {}, store.type), h('td', {}, store.jobs ?? '—'), h('td', {}, store.paused ?? '—'),
          h('td', {}, store.unrestorable ?? '—'),
          h('td', { className: store.healthy ? 'good' : 'bad' }, store.healthy ? 'UP' : `DOWN: ${store.failure}`))))),
      h('h2', {}, 'Executors'),
      h('table', { id: 'executors' },
        h('thead', {}, h('tr', {}, ['Executor', 'Type', 'Running', 'Max workers', 'Timed out, still running']
          .map((title) => h('th', {}, title)))),
        h('tbody', {}, data.executors.map((executor) => h('tr', { 'data-executor': executor.alias },
          h('td', {}, executor.alias), h('td', {}, executor.type), h('td', {}, executor.running),
          h('td', {}, executor.maxWorkers ?? 'unbounded'), h('td', {}, executor.timedOutRunning))))));
  };
}
