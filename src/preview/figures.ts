import { coord, svgDocument, svgText } from "./svg.js";
import type { PreviewView, ViewPath } from "./view-model.js";

const WIDTH = 800;

/**
 * Draws the objective per step, one line per sentence, with the value
 * range on the y axis and a legend naming each sentence.
 */
export function objectiveSvg(view: PreviewView): string {
  const height = 320;
  const box = { left: 70, right: WIDTH - 20, top: 40, bottom: 250 };
  const values = view.paths.flatMap((p) => p.steps.map((s) => s.objective));
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const span = hi - lo || 1;

  const steps = Math.max(1, ...view.paths.map((p) => p.steps.length - 1));
  const x = (i: number) => box.left + (i / steps) * (box.right - box.left);
  const y = (v: number) =>
    box.bottom - ((v - lo) / span) * (box.bottom - box.top);

  const body = [
    svgText(box.left, 24, "Objective per step", 'font-size="16"'),
    `<path d="M${box.left} ${box.top}V${box.bottom}H${box.right}" fill="none" stroke="#5f6368"/>`,
    svgText(box.left - 6, box.top + 4, hi.toPrecision(4), 'text-anchor="end"'),
    svgText(box.left - 6, box.bottom, lo.toPrecision(4), 'text-anchor="end"'),
    svgText(
      box.right,
      box.bottom + 18,
      `step (0-${steps})`,
      'text-anchor="end"',
    ),
  ];
  view.paths.forEach((path, i) => {
    const color = view.pathColors[i % view.pathColors.length];
    const points = path.steps.map(
      (s, j) => `${coord(x(j))},${coord(y(s.objective))}`,
    );
    body.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`,
      legendEntry(box.left + 10, box.bottom + 40 + i * 16, color, path.text),
    );
  });
  return svgDocument(WIDTH, height + view.paths.length * 16, body);
}

/**
 * Lists each sentence's nearest words before and after the dream, with
 * cosine similarities, as two columns of bars.
 */
export function neighborsSvg(view: PreviewView): string {
  const rowsPerPath = Math.max(
    1,
    ...view.paths.map((p) =>
      Math.max(
        p.steps[0]?.neighbors.length ?? 0,
        p.steps.at(-1)?.neighbors.length ?? 0,
      ),
    ),
  );
  const block = 40 + rowsPerPath * 18;
  const body = [
    svgText(20, 24, "Nearest words before and after", 'font-size="16"'),
  ];
  view.paths.forEach((path, i) => {
    const top = 44 + i * block;
    body.push(svgText(20, top + 14, path.text, 'font-weight="bold"'));
    body.push(...neighborColumn(path, "before", 20, top + 24));
    body.push(...neighborColumn(path, "after", WIDTH / 2, top + 24));
  });
  return svgDocument(WIDTH, 44 + view.paths.length * block + 10, body);
}

function neighborColumn(
  path: ViewPath,
  which: "before" | "after",
  left: number,
  top: number,
): string[] {
  const step = which === "before" ? path.steps[0] : path.steps.at(-1);
  const parts = [svgText(left, top + 12, which, 'fill="#5f6368"')];
  (step?.neighbors ?? []).forEach((n, j) => {
    const y = top + 18 + j * 18;
    const bar = Math.max(0, n.similarity) * 150;
    parts.push(
      `<rect x="${coord(left + 110)}" y="${coord(y + 2)}" width="${coord(bar)}" height="12" fill="#aecbfa"/>`,
      svgText(left, y + 12, n.word),
      svgText(left + 114 + bar, y + 12, n.similarity.toFixed(3)),
    );
  });
  return parts;
}

/**
 * Draws the layout: every point coloured by kind, and each sentence's
 * dream as a path from start to end with an arrow head.
 */
export function layoutSvg(view: PreviewView): string {
  const height = 620;
  const pad = 30;
  const x = (v: number) => pad + v * (WIDTH - 2 * pad);
  const y = (v: number) => height - pad - v * (height - 2 * pad - 30);
  const body = [svgText(20, 24, view.title, 'font-size="16"'), "<defs>"];
  view.paths.forEach((_, i) => {
    const color = view.pathColors[i % view.pathColors.length];
    body.push(
      `<marker id="arrow-${i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    );
  });
  body.push("</defs>");
  for (const p of view.points) {
    const r = p.kind === "word" ? 2.5 : 4;
    const fill = view.kindColors[p.kind] ?? "#9aa0a6";
    body.push(
      `<circle cx="${coord(x(p.x))}" cy="${coord(y(p.y))}" r="${r}" fill="${fill}"/>`,
    );
  }
  view.paths.forEach((path, i) => {
    const color = view.pathColors[i % view.pathColors.length];
    const points = path.rows.map((row) => {
      const p = view.points[row]!;
      return `${coord(x(p.x))},${coord(y(p.y))}`;
    });
    body.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${i})"/>`,
    );
  });
  return svgDocument(WIDTH, height, body);
}

function legendEntry(x: number, y: number, color: string, text: string) {
  return `<rect x="${coord(x)}" y="${coord(y - 9)}" width="10" height="10" fill="${color}"/>${svgText(x + 16, y, text)}`;
}
