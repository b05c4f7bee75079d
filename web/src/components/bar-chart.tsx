// A bar chart (Chart.js) for figures that are also shown as a table: the canvas is an image with a
// short description, the numbers themselves stay readable by screen readers in the table beside it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { createEffect, onCleanup, onMount } from "solid-js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = '"Source Sans 3", "Segoe UI", system-ui, -apple-system, Arial, sans-serif';
Chart.defaults.color = "#4a5566";

export type BarSeries = { label: string; data: number[]; color: string };

export function BarChart(props: {
  /** What the chart shows, for people who cannot see it. */
  description: string;
  labels: string[];
  series: BarSeries[];
  stacked?: boolean;
  /** Bars from left to right, e.g. for long institution names. */
  horizontal?: boolean;
  /** Axis maximum, e.g. 100 for percentages. */
  max?: number;
  /** Axis tick suffix, e.g. " %". */
  unit?: string;
  height: number;
}) {
  let canvas!: HTMLCanvasElement;
  onMount(() => {
    const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const valueAxis = {
      stacked: props.stacked,
      beginAtZero: true,
      max: props.max,
      ticks: { precision: 0, callback: (value: string | number) => `${value}${props.unit ?? ""}` },
      grid: { color: "#e3e8ee" },
    };
    const categoryAxis = { stacked: props.stacked, grid: { display: false } };
    const chart = new Chart<"bar", number[], string>(canvas, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: props.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion ? false : { duration: 300 },
        plugins: {
          legend: { display: props.series.length > 1, position: "bottom" },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}${props.unit ?? ""}` },
          },
        },
        scales: props.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    createEffect(() => {
      chart.data.labels = props.labels;
      chart.data.datasets = props.series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: s.color,
        borderRadius: 3,
        maxBarThickness: 48,
      }));
      chart.update();
    });
    onCleanup(() => chart.destroy());
  });
  return (
    <div class="chart" style={{ height: `${props.height}px` }}>
      <canvas ref={canvas} role="img" aria-label={props.description} />
    </div>
  );
}
