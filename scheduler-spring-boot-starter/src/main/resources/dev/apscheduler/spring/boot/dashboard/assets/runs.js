// A table of runs: outcome, times, duration, and the error with its stack trace.
import { h, time, duration } from './dom.js';

export function runsTable(runs, withJob, id) {
  if (runs.length === 0) return h('p', { className: 'muted', id }, 'No runs.');
  return h('table', { id, className: 'runs' },
    h('thead', {}, h('tr', {}, [withJob ? 'Job' : null, 'Outcome', 'Scheduled', 'Started', 'Duration', 'Attempt',
      'Error'].filter(Boolean).map((title) => h('th', {}, title)))),
    h('tbody', {}, runs.map((run) => h('tr', { 'data-run-id': run.runId, 'data-outcome': run.outcome },
      withJob ? h('td', {}, h('a', { href: `jobs/${encodeURIComponent(run.jobId)}` }, run.jobId)) : null,
      h('td', {}, h('span', { className: `badge outcome-${run.outcome.toLowerCase()}` }, run.outcome)),
      h('td', {}, time(run.scheduledAt)), h('td', {}, time(run.startedAt)),
      h('td', {}, duration(run.durationMillis)), h('td', {}, run.attempt),
      h('td', { className: 'error' }, run.errorType ? h('details', {},
        h('summary', {}, `${run.errorType}: ${run.errorMessage ?? ''}`),
        h('pre', { className: 'stack' }, run.stackTrace ?? '')) : '')))));
}
