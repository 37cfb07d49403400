// The overview's chart of the last hour: runs per minute as bars, average lateness as a line, in plain SVG.
import { h } from './dom.js';

export function activityChart(minutes) {
  const width = 720;
  const height = 180;
  const left = 40;
  const bottom = 20;
  const plotWidth = width - left - 40;
  const plotHeight = height - bottom - 10;
  const maxRuns = Math.max(1, ...minutes.map((minute) => minute.runs + minute.missed));
  const maxLateness = Math.max(1, ...minutes.map((minute) => minute.averageLatenessMillis));
  const step = plotWidth / minutes.length;
  const bars = minutes.map((minute, index) => {
    const x = left + index * step;
    const runHeight = (minute.runs / maxRuns) * plotHeight;
    const failedHeight = (minute.failed / maxRuns) * plotHeight;
    const label = `${new Date(minute.minute).toLocaleTimeString()}: ${minute.runs} runs, ${minute.failed} failed, `
      + `${minute.missed} missed, lateness ${minute.averageLatenessMillis} ms avg / ${minute.maxLatenessMillis} ms max`;
    return h('g', { className: 'minute' },
      h('title', {}, label),
      h('rect', { x: x + 1, y: 10 + plotHeight - runHeight, width: Math.max(1, step - 2), height: runHeight,
        className: 'bar-runs' }),
      h('rect', { x: x + 1, y: 10 + plotHeight - failedHeight, width: Math.max(1, step - 2), height: failedHeight,
        className: 'bar-failed' }));
  });
  const points = minutes.map((minute, index) => `${left + index * step + step / 2},`
    + `${10 + plotHeight - (minute.averageLatenessMillis / maxLateness) * plotHeight}`).join(' ');
  return h('svg', { viewBox: `0 0 ${width} ${height}`, className: 'chart', role: 'img',
    'aria-label': 'Runs per minute and average lateness over the last hour' },
  h('line', { x1: left, y1: 10 + plotHeight, x2: left + plotWidth, y2: 10 + plotHeight, className: 'axis' }),
  h('text', { x: left - 4, y: 16, className: 'tick', 'text-anchor': 'end' }, String(maxRuns)),
  h('text', { x: left - 4, y: 10 + plotHeight, className: 'tick', 'text-anchor': 'end' }, '0'),
  h('text', { x: left + plotWidth + 4, y: 16, className: 'tick lateness' }, `${maxLateness} ms`),
  h('text', { x: left, y: height - 4, className: 'tick' }, '60 min ago'),
  h('text', { x: left + plotWidth, y: height - 4, className: 'tick', 'text-anchor': 'end' }, 'now'),
  bars,
  h('polyline', { points, className: 'line-lateness' }));
}
