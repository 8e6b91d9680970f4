import { describe, expect, it } from 'vitest';
import { formatNumber, renderLineChart } from './svg-line-chart.js';

describe('renderLineChart', () => {
  const svg = renderLineChart({
    title: 'p50 <ours> & "raw"',
    xLabel: 'agents',
    yLabel: 'ms',
    xScale: 'log',
    yScale: 'log',
    series: [
      {
        name: 'ours',
        points: [
          { x: 1, y: 0.05 },
          { x: 8, y: 0.2 },
          { x: 512, y: 9 },
        ],
      },
      {
        name: 'raw',
        dashed: true,
        group: 'ours',
        points: [
          { x: 1, y: 0.03 },
          { x: 512, y: 4 },
        ],
      },
      { name: 'empty', points: [] },
    ],
  });

  it('draws one line per non-empty series, dashed where asked, sharing the colour of its group', () => {
    const paths = svg.split('\n').filter((line) => line.startsWith('<path '));
    expect(paths).toHaveLength(2);
    const stroke = (line: string) => /stroke="(#[0-9a-f]+)"/.exec(line)?.[1];
    expect(/d="([^"]+)"/.exec(paths[0]!)?.[1]?.split(' ')).toHaveLength(3);
    expect(paths[0]).not.toContain('stroke-dasharray');
    expect(paths[1]).toContain('stroke-dasharray');
    expect(stroke(paths[0]!)).toBe(stroke(paths[1]!));
    expect(svg).not.toContain('>empty<');
  });

  it('escapes text and labels the x axis with the data points on a log scale', () => {
    expect(svg).toContain('p50 &lt;ours&gt; &amp; &quot;raw&quot;');
    for (const tick of ['>1<', '>8<', '>512<']) expect(svg).toContain(tick);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('formats numbers compactly', () => {
    expect(formatNumber(125_000)).toBe('125k');
    expect(formatNumber(2_500_000)).toBe('2.5M');
    expect(formatNumber(0.0123)).toBe('0.0123');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
});
