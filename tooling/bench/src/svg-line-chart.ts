/**
 * A small hand-written SVG line chart: no charting library we looked at renders static SVG in
 * Node without a DOM, and these charts need only axes, lines, points and a legend.
 */

export interface ChartSeries {
  name: string;
  points: { x: number; y: number }[];
  /** Drawn dashed, e.g. the raw-ioredis floor beside our solid line. */
  dashed?: boolean;
  /** Series sharing a group share a colour (ours and raw of one operation). */
  group?: string;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  series: ChartSeries[];
  /** Formats tick labels on the y axis. */
  formatY?: (value: number) => string;
}

const WIDTH = 760;
const PLOT = { left: 80, right: 24, top: 44, height: 300 };
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export function renderLineChart(chart: LineChart): string {
  const series = chart.series.filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => Number.isFinite(y));
  const xLog = chart.xScale === 'log';
  const yLog = chart.yScale === 'log';
  const fmtY = chart.formatY ?? formatNumber;

  const groups = [...new Set(series.map((s) => s.group ?? s.name))];
  const legendRows = Math.ceil(series.length / 2);
  const height = PLOT.top + PLOT.height + 56 + legendRows * 18;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const bottom = PLOT.top + PLOT.height;

  const xDomain = domain(xs, xLog, false, true);
  const yDomain = domain(ys, yLog, true);
  const sx = scale(xDomain, [PLOT.left + 16, PLOT.left + plotWidth - 16], xLog);
  const sy = scale(yDomain, [bottom, PLOT.top], yLog);
  const xTicks = xLog ? [...new Set(xs)].sort((a, b) => a - b) : linearTicks(xDomain);
  const yTicks = yLog ? logTicks(yDomain) : linearTicks(yDomain);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  );
  for (const t of yTicks) {
    const y = sy(t).toFixed(1);
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${PLOT.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${escapeXml(fmtY(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    const x = sx(t).toFixed(1);
    out.push(
      `<line x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${bottom}" stroke="#f0f0f0"/>`,
      `<text x="${x}" y="${bottom + 18}" text-anchor="middle" fill="#444">${escapeXml(formatNumber(t))}</text>`,
    );
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${plotWidth}" height="${PLOT.height}" fill="none" stroke="#999"/>`,
    `<text x="${PLOT.left + plotWidth / 2}" y="${bottom + 40}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${PLOT.top + PLOT.height / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  series.forEach((s) => {
    const color = PALETTE[groups.indexOf(s.group ?? s.name) % PALETTE.length]!;
    const pts = s.points.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    const path = pts
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
      .join(' ');
    out.push(
      `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    for (const p of pts) {
      out.push(
        `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${s.dashed ? '#fff' : color}" stroke="${color}" stroke-width="1.5"><title>${escapeXml(`${s.name}: ${formatNumber(p.x)} → ${fmtY(p.y)}`)}</title></circle>`,
      );
    }
  });
  series.forEach((s, i) => {
    const color = PALETTE[groups.indexOf(s.group ?? s.name) % PALETTE.length]!;
    const x = PLOT.left + (i % 2) * (plotWidth / 2);
    const y = bottom + 60 + Math.floor(i / 2) * 18;
    out.push(
      `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${x + 34}" y="${y}" dominant-baseline="middle">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** `exact`: the data's own range (x axes, whose ticks are the data points); else rounded outwards. */
function domain(values: number[], log: boolean, fromZero: boolean, exact = false): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (log && exact) return hi > lo ? [lo, hi] : [lo / 2, hi * 2];
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
    if (hi === lo) hi = lo * 10;
    return [lo, hi];
  }
  if (fromZero) lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / 5);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function scale([d0, d1]: [number, number], [r0, r1]: [number, number], log: boolean): (v: number) => number {
  const f = log ? Math.log10 : (v: number) => v;
  const a = f(d0);
  const b = f(d1);
  return (v) => r0 + ((f(v) - a) / (b - a || 1)) * (r1 - r0);
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function linearTicks([lo, hi]: [number, number]): number[] {
  const step = niceStep((hi - lo) / 5);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let p = lo; p <= hi * 1.0001; p *= 10) {
    for (const m of [1, 2, 5]) if (p * m <= hi * 1.0001) ticks.push(Number((p * m).toPrecision(12)));
  }
  return ticks;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${trim(v / 1e6)}M`;
  if (abs >= 1e4) return `${trim(v / 1e3)}k`;
  if (abs >= 100 || Number.isInteger(v)) return String(Math.round(v));
  return trim(v);
}

function trim(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
