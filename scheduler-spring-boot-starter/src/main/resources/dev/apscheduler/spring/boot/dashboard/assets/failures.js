// Failed runs across jobs, newest first, with their error and stack trace.
import { h, replace, changed } from './dom.js';
import { get, query } from './api.js';
import { runsTable } from './runs.js';

export async function failuresPage(main) {
  const content = h('div', { id: 'failures' });
  let page = 0;
  replace(main, h('h1', {}, 'Failures'), content);
  const refresh = async () => {
    const data = await get(`failures${query({ page, size: 20 })}`);
    if (!changed('failures', data)) return;
    replace(content, runsTable(data.runs, true, 'failures-table'),
      pager(data, (next) => { page = next; refresh(); }));
  };
  return refresh;
}

export function pager(data, go) {
  const first = data.total === 0 ? 0 : data.page * data.size + 1;
  const last = Math.min(data.total, (data.page + 1) * data.size);
  return h('div', { className: 'pager' },
    h('button', { type: 'button', disabled: data.page === 0, onclick: () => go(data.page - 1) }, '‹ Newer'),
    h('span', { className: 'range' }, `${first}–${last} of ${data.total}`),
    h('button', { type: 'button', disabled: last >= data.total, onclick: () => go(data.page + 1) }, 'Older ›'));
}
