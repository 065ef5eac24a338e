import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export interface BarDatum {
  label: string;
  value: number;
  /** What the bar's label says ("43 %", "12"). */
  display: string;
}

interface BarChartFigureProps {
  title: string;
  data: BarDatum[];
  /** The largest value the axis shows (1 for shares); the data's largest when left out. */
  max?: number;
}

/**
 * Horizontal bars with their figure written beside each: readable on a phone, and the whole chart is
 * one image whose name lists every figure for screen readers.
 */
export function BarChartFigure({ title, data, max }: BarChartFigureProps) {
  const summary = data.map((datum) => `${datum.label} ${datum.display}`).join(', ');
  const height = Math.max(120, data.length * 34 + 20);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" role="img" aria-label={`${title}: ${summary || 'no figures yet'}`}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <XAxis type="number" hide domain={[0, max ?? 'dataMax']} />
            <YAxis
              type="category"
              dataKey="label"
              width={110}
              tickLine={false}
              axisLine={false}
              tick={{ fill: '#333', fontSize: 13 }}
            />
            <Bar dataKey="value" fill="#2f6f4e" isAnimationActive={false} minPointSize={2}>
              <LabelList dataKey="display" position="right" fill="#1d1d1d" fontSize={13} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
