import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type TooltipItem,
} from 'chart.js';

// Only what the dashboard draws, so that the bundle carries no other chart type.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = "Inter, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = '#1c2434';

/** Colours that stay apart for common colour-vision deficiencies; the tables say everything the colours say. */
export const CHART_COLOURS = {
  blue: '#1d4ed8',
  teal: '#0f766e',
  amber: '#b45309',
  slate: '#64748b',
  red: '#b91c1c',
  sky: '#7dd3fc',
} as const;

/** One series of a chart: bars, or (for a target) a tick across each group of bars. */
export interface ChartSeries {
  label: string;
  values: number[];
  /** One colour, or one per bar (a single series of different things). */
  colour: string | string[];
  /** Drawn as a tick at its level across each group of bars: a target to compare the bars with. */
  target?: boolean;
}

export interface ChartSpec {
  kind: 'bar' | 'doughnut';
  labels: string[];
  series: ChartSeries[];
  /** Bars along the horizontal axis, for long category names. */
  horizontal: boolean;
  /** How values read on the axis and in tooltips ("12 000 €", "5,7 %"). */
  format: (value: number) => string;
  /** A tooltip line from a series (or slice) label and a formatted value. */
  tooltip: (label: string, value: string) => string;
}

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

type MixedType = 'bar' | 'line' | 'doughnut';

function dataset(series: ChartSeries, spec: ChartSpec): ChartDataset<MixedType, number[]> {
  if (spec.kind === 'doughnut') {
    return { type: 'doughnut', label: series.label, data: series.values, backgroundColor: series.colour };
  }
  if (series.target) {
    // A bold tick across each group of bars at the target's level: no line between categories, which would suggest
    // a trend where there is none.
    return {
      type: 'line',
      label: series.label,
      data: series.values,
      borderColor: series.colour,
      backgroundColor: series.colour,
      showLine: false,
      pointStyle: 'line',
      pointRadius: 22,
      pointHoverRadius: 24,
      pointBorderWidth: 3,
      pointHoverBorderWidth: 4,
    };
  }
  return {
    type: 'bar',
    label: series.label,
    data: series.values,
    backgroundColor: series.colour,
    borderRadius: 3,
    maxBarThickness: 42,
  };
}

/** Draws a chart on a canvas; the caller destroys it (and draws again when the data or the language change). */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): Chart<MixedType, number[], string> {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const single = spec.series.length === 1;
  const tooltipLabel = (item: TooltipItem<MixedType>) =>
    spec.tooltip(
      spec.kind === 'doughnut' || single ? item.label : (item.dataset.label ?? ''),
      spec.format(Number(item.raw)),
    );
  const config: ChartConfiguration<MixedType, number[], string> = {
    type: spec.kind,
    data: { labels: spec.labels, datasets: spec.series.map((series) => dataset(series, spec)) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      plugins: {
        legend: { display: spec.kind === 'doughnut' || !single, position: 'bottom', labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: tooltipLabel } },
      },
      ...(spec.kind === 'bar'
        ? {
            indexAxis: spec.horizontal ? 'y' : 'x',
            scales: {
              [valueAxis]: {
                beginAtZero: true,
                ticks: { callback: (value: string | number) => spec.format(Number(value)) },
              },
            },
          }
        : {}),
    },
  };
  return new Chart(canvas, config);
}
