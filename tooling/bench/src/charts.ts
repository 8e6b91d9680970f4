import type { BenchReport, CurveSeries } from './report-model.js';
import { type ChartSeries, renderLineChart } from './svg-line-chart.js';

export interface ChartFile {
  file: string;
  title: string;
  svg: string;
}

const msLabel = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));

function curveSeries(curves: CurveSeries[], y: (p: CurveSeries['points'][number]) => number): ChartSeries[] {
  return curves.map((c) => ({
    name: c.label,
    group: c.op,
    dashed: c.impl !== 'ours',
    points: c.points.map((p) => ({ x: p.x, y: y(p) })),
  }));
}

/** Every chart the report embeds, from the numbers already in it. */
export function buildCharts(report: BenchReport): ChartFile[] {
  const charts: ChartFile[] = [];
  const add = (file: string, chart: Parameters<typeof renderLineChart>[0]) =>
    charts.push({ file, title: chart.title, svg: renderLineChart(chart) });
  const { concurrency, window } = report.scale;
  if (concurrency.length > 0) {
    add('concurrency-latency.svg', {
      title: 'p50 latency vs concurrent agents (solid: agent-memory, dashed: raw ioredis)',
      xLabel: 'concurrent agents (one process, one connection)',
      yLabel: 'p50 latency (ms, log)',
      xScale: 'log',
      yScale: 'log',
      formatY: msLabel,
      series: curveSeries(concurrency, (p) => p.p50Us / 1000),
    });
    add('concurrency-throughput.svg', {
      title: 'Throughput vs concurrent agents (solid: agent-memory, dashed: raw ioredis)',
      xLabel: 'concurrent agents (one process, one connection)',
      yLabel: 'operations per second',
      xScale: 'log',
      series: curveSeries(concurrency, (p) => p.opsPerSec),
    });
  }
  if (window.length > 0) {
    add('window-latency.svg', {
      title: 'Window read p50 latency vs window length',
      xLabel: 'messages in the window (L)',
      yLabel: 'p50 latency (ms, log)',
      xScale: 'log',
      yScale: 'log',
      formatY: msLabel,
      series: curveSeries(window, (p) => p.p50Us / 1000),
    });
    add('window-throughput.svg', {
      title: 'Window read throughput vs window length',
      xLabel: 'messages in the window (L)',
      yLabel: 'reads per second (log)',
      xScale: 'log',
      yScale: 'log',
      series: curveSeries(window, (p) => p.opsPerSec),
    });
  }
  if (report.patterns.length > 0) {
    const at = (y: (r: BenchReport['patterns'][number]) => number) =>
      report.patterns.map((r) => ({ x: r.corpus, y: y(r) }));
    add('pattern-search.svg', {
      title: 'Pattern search latency vs corpus size',
      xLabel: 'patterns in the repository',
      yLabel: 'latency (ms)',
      xScale: 'log',
      formatY: msLabel,
      series: [
        { name: 'search p50', points: at((r) => r.search.p50 / 1000) },
        { name: 'search p95', points: at((r) => r.search.p95 / 1000), dashed: true, group: 'search p50' },
      ],
    });
    add('pattern-index.svg', {
      title: 'Index build and store open vs corpus size',
      xLabel: 'patterns in the repository',
      yLabel: 'time (ms, log)',
      xScale: 'log',
      yScale: 'log',
      formatY: msLabel,
      series: [
        { name: 'reindex() (every file re-read)', points: at((r) => r.reindexMs) },
        { name: 'cold open + first search (no snapshot)', points: at((r) => r.coldOpenMs) },
        { name: 'warm open + first search (snapshot)', points: at((r) => r.warmOpenMs) },
        { name: 'history(id) p50', points: at((r) => r.history.p50 / 1000) },
      ],
    });
  }
  return charts;
}
