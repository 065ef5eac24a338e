import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export interface LineSeries<TKey extends string> {
  key: TKey;
  label: string;
  color: string;
}

interface LineChartFigureProps<TKey extends string> {
  title: string;
  /** One point per x value, keyed by `x` and the series' keys. */
  points: Array<{ x: string } & Record<TKey, number>>;
  series: Array<LineSeries<TKey>>;
  summary: string;
}

/** A small multi-line chart over time; its name summarises it for screen readers. */
export function LineChartFigure<TKey extends string>({ title, points, series, summary }: LineChartFigureProps<TKey>) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e3e3e3" vertical={false} />
            <XAxis dataKey="x" tick={{ fill: '#333', fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fill: '#333', fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {series.map((line) => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.label}
                stroke={line.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
