// The savings report as a self-contained HTML page (`headroom savings --html FILE`).
export { MAX_CHART_ROWS, renderHtml } from './render.js';
