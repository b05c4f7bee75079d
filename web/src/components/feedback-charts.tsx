// The results page's charts (Chart.js), each with its numbers in a table beside it. Apart from
// feedback.tsx so that the answer and participant pages do not load chart.js.
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { createEffect, onCleanup, onMount } from "solid-js";
import { BarChart } from "./bar-chart";
import "./feedback.css";

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** Bars of a distribution; the canvas is an image with a description, the numbers are in the table beside it. */
export function DistributionChart(props: { labels: string[]; counts: number[]; description: string }) {
  return (
    <BarChart
      description={props.description}
      labels={props.labels}
      series={[{ label: "", data: props.counts, color: "#1d5c96" }]}
      height={224}
    />
  );
}

/** The mean per session as a line from 1 to 5; hidden points are gaps. */
export function TrendChart(props: { labels: string[]; means: (number | null)[]; description: string }) {
  let canvas!: HTMLCanvasElement;
  onMount(() => {
    const chart = new Chart<"line", (number | null)[], string>(canvas, {
      type: "line",
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // No animation: the figures are read, not watched (and screenshots show the final state).
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 }, grid: { color: "#e3e8ee" } } },
      },
    });
    createEffect(() => {
      chart.data.labels = props.labels;
      chart.data.datasets = [
        { data: props.means, borderColor: "#163a5f", backgroundColor: "#163a5f", pointRadius: 5, spanGaps: false },
      ];
      chart.update();
    });
    onCleanup(() => chart.destroy());
  });
  return (
    <div class="feedback-chart feedback-chart-trend">
      <canvas ref={canvas} role="img" aria-label={props.description} />
    </div>
  );
}
