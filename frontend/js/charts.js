// Two small chart kinds drawn as inline SVG (no libraries). Labels are SVG
// text nodes built with textContent, so data cannot inject markup.
import { svg } from './dom.js';

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Horizontal bars: data = [{label, value, text?, className?}].
 * `summary` is the accessible name (the values in words).
 */
export function barChart({ data, summary, className = '' }) {
  const rowHeight = 30;
  const labelWidth = 96;
  const valueWidth = 56;
  const width = 420;
  const barArea = width - labelWidth - valueWidth;
  const height = data.length * rowHeight + 8;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  return svg('svg', {
    class: `chart bar-chart ${className}`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary,
    preserveAspectRatio: 'xMinYMin meet',
  },
  data.map((d, index) => {
    const y = index * rowHeight + 4;
    const barWidth = d.value > 0 ? Math.max(2, (d.value / max) * barArea) : 0;
    return svg('g', { class: `bar ${d.className || ''}`, 'data-label': d.label, 'data-value': String(d.value) },
      svg('title', {}, `${d.label}: ${d.text ?? d.value}`),
      svg('text', { x: labelWidth - 8, y: y + rowHeight / 2, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, d.label),
      svg('rect', { x: labelWidth, y: y + 4, width: barArea, height: rowHeight - 10, class: 'bar-track', rx: 3 }),
      svg('rect', { x: labelWidth, y: y + 4, width: barWidth, height: rowHeight - 10, class: 'bar-fill', rx: 3 }),
      svg('text', { x: labelWidth + barArea + 8, y: y + rowHeight / 2, class: 'value-label', 'dominant-baseline': 'middle' }, String(d.text ?? d.value)));
  }));
}

/** Vertical columns: data = [{label, sublabel?, value, text?}], e.g. one per day. */
export function columnChart({ data, summary, className = '', formatAxis = String }) {
  const width = 560;
  const height = 240;
  const left = 64;
  const bottom = 40;
  const top = 22;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - 8;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.min(48, slot * 0.6);
  const ticks = [0, 0.5, 1].map((f) => ({ y: top + plotHeight * (1 - f), value: max * f }));
  return svg('svg', {
    class: `chart column-chart ${className}`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary,
    preserveAspectRatio: 'xMinYMin meet',
  },
  ticks.map((tick) => svg('g', { class: 'grid' },
    svg('line', { x1: left, x2: width - 8, y1: tick.y, y2: tick.y, class: 'grid-line' }),
    svg('text', { x: left - 6, y: tick.y, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatAxis(tick.value)))),
  data.map((d, index) => {
    const x = left + slot * index + (slot - barWidth) / 2;
    const barHeight = d.value > 0 ? Math.max(2, (d.value / max) * plotHeight) : 0;
    const y = top + plotHeight - barHeight;
    return svg('g', { class: 'column', 'data-label': d.label, 'data-value': String(d.value) },
      svg('title', {}, `${d.label}${d.sublabel ? ` ${d.sublabel}` : ''}: ${d.text ?? d.value}`),
      svg('rect', { x, y, width: barWidth, height: barHeight, class: 'bar-fill', rx: 3 }),
      d.value > 0 ? svg('text', { x: x + barWidth / 2, y: y - 5, class: 'value-label small', 'text-anchor': 'middle' }, d.shortText ?? d.text ?? String(d.value)) : null,
      svg('text', { x: x + barWidth / 2, y: height - bottom + 16, class: 'axis-label', 'text-anchor': 'middle' }, d.label),
      d.sublabel ? svg('text', { x: x + barWidth / 2, y: height - bottom + 31, class: 'axis-label muted', 'text-anchor': 'middle' }, d.sublabel) : null);
  }));
}
