"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useSyncExternalStore } from "react";
import type { ReactNode } from "react";

// Recharts is drawn in the browser only: rendered on the server its containers would carry style
// attributes, which the nonce-based CSP (no 'unsafe-inline') blocks. In the browser it sets styles
// through the DOM, which the CSP allows; nothing is evaluated.
const noSubscription = () => () => undefined;

function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export const SERIES_COLOURS = ["#0f766e", "#1d5fb4", "#b7791f", "#b42318", "#7a4fb5", "#3d4753", "#5fb3a9", "#c05621"];

export type TSeries = { key: string; label: string };

const AXIS = { fontSize: 12, fill: "#5d6773" };

// Legend text in the body colour (series colours are too light for text); the swatch carries the colour.
const legendLabel = (value: string) => <span className="legend-label">{value}</span>;

export function ChartCard({
  title,
  description,
  testId,
  children,
  table,
}: {
  title: string;
  description?: string;
  testId: string;
  children: ReactNode;
  /** The same numbers as a table, for screen readers and for copying. */
  table: ReactNode;
}) {
  const inBrowser = useInBrowser();
  return (
    <section className="card chart-card" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      {description !== undefined && <p className="muted small chart-desc">{description}</p>}
      <div className="chart-box" aria-hidden="true">
        {inBrowser ? children : null}
      </div>
      <details className="chart-table">
        <summary>{title}</summary>
        {table}
      </details>
    </section>
  );
}

export function BarChartView({
  data,
  categoryKey,
  series,
  stacked = false,
  percent = false,
  layout = "horizontal",
}: {
  data: Record<string, string | number>[];
  categoryKey: string;
  series: TSeries[];
  stacked?: boolean;
  percent?: boolean;
  layout?: "horizontal" | "vertical";
}) {
  const format = (value: unknown) =>
    typeof value === "number" ? (percent ? `${Math.round(value * 100)}%` : String(value)) : String(value);
  const vertical = layout === "vertical";
  return (
    <ResponsiveContainer width="100%" height={vertical ? Math.max(160, data.length * 34 + 40) : 260}>
      <BarChart data={data} layout={layout} margin={{ top: 8, right: 16, bottom: 8, left: vertical ? 8 : 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
        {vertical ? (
          <>
            <XAxis type="number" tick={AXIS} tickFormatter={format} domain={percent ? [0, 1] : [0, "auto"]} />
            <YAxis
              type="category"
              dataKey={categoryKey}
              tick={AXIS}
              width={170}
              tickFormatter={(value: string) => (value.length > 26 ? `${value.slice(0, 25)}…` : value)}
            />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} tick={AXIS} />
            <YAxis tick={AXIS} tickFormatter={format} domain={percent ? [0, 1] : [0, "auto"]} allowDecimals={false} />
          </>
        )}
        <Tooltip formatter={format} />
        {series.length > 1 && <Legend formatter={legendLabel} />}
        {series.map((s, index) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
            stackId={stacked ? "stack" : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function LineChartView({
  data,
  categoryKey,
  series,
}: {
  data: Record<string, string | number>[];
  categoryKey: string;
  series: TSeries[];
}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
        <XAxis dataKey={categoryKey} tick={AXIS} />
        <YAxis tick={AXIS} allowDecimals={false} />
        <Tooltip />
        {series.length > 1 && <Legend formatter={legendLabel} />}
        {series.map((s, index) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** The numbers behind a chart as a plain table. */
export function DataTable({
  data,
  columns,
}: {
  data: Record<string, string | number>[];
  columns: { key: string; label: string; format?: (value: string | number) => string }[];
}) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => {
                const value = row[column.key] ?? "";
                return <td key={column.key}>{column.format ? column.format(value) : String(value)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
