"""The WCAG contrast ratio of every piece of text in some outputs, against the background it is
really drawn on: the first opaque background up the tree, with the translucent ones above it
blended in; for SVG text, the shape painted under it first."""
from __future__ import annotations

from dataclasses import dataclass

AA = 4.5  # WCAG 2 level AA for body text

MEASURE_JS = r"""
(roots) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const parse = (css) => {           // any CSS colour -> [r, g, b, a], through the canvas
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillStyle = css;
    const s = ctx.fillStyle;
    if (s.startsWith('#')) return [1, 3, 5].map(i => parseInt(s.slice(i, i + 2), 16)).concat([1]);
    const p = s.slice(s.indexOf('(') + 1, -1).split(',').map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {    // `top` painted on an opaque `bottom`
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const htmlBackground = (el) => {   // translucent layers down to the first opaque one
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = (layers.length && layers[layers.length - 1][3] >= 1) ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) colour = over(layers.pop(), colour);
    return colour;
  };
  const opacity = (el) => {
    let o = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement)
      o *= Number(getComputedStyle(node).opacity);
    return o;
  };
  const svgBackground = (el) => {    // the last filled shape before the text that lies under it
    const svg = el.ownerSVGElement;
    const box = el.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    let colour = htmlBackground(svg);
    for (const shape of svg.querySelectorAll('rect, circle, ellipse, polygon, path')) {
      if (!(shape.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const s = getComputedStyle(shape);
      if (s.fill === 'none' || s.display === 'none') continue;
      const r = shape.getBoundingClientRect();
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
      const fill = parse(s.fill);
      fill[3] *= Number(s.fillOpacity);
      colour = over(fill, colour);
    }
    return colour;
  };
  const found = [];
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (['STYLE', 'SCRIPT', 'title'].includes(el.tagName) || el.closest('title')) continue;
      const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
      if (!text || !el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible') continue;
      const inSvg = el instanceof SVGElement;
      const background = inSvg ? svgBackground(el) : htmlBackground(el);
      const fg = parse(inSvg ? style.fill : style.color);
      fg[3] *= opacity(el) * (inSvg ? Number(style.fillOpacity) : 1);
      const shown = over(fg, background);
      found.push({text: text.slice(0, 60), tag: el.tagName.toLowerCase(),
                  cls: String(el.className.baseVal ?? el.className),
                  ratio: ratio(shown, background), fg: shown.slice(0, 3), bg: background.slice(0, 3)});
    }
  }
  return found;
}
"""


@dataclass(frozen=True)
class TextContrast:
    text: str
    tag: str
    cls: str
    ratio: float
    fg: tuple
    bg: tuple

    def describe(self) -> str:
        return (f"{self.ratio:.2f}:1  <{self.tag} class={self.cls!r}> {self.text!r}  "
                f"text rgb{tuple(round(v) for v in self.fg)} on rgb{tuple(round(v) for v in self.bg)}")


def measure(page, roots) -> list[TextContrast]:
    """Every visible text element under the element handles ``roots``, with its contrast."""
    return [TextContrast(**{**item, "fg": tuple(item["fg"]), "bg": tuple(item["bg"])})
            for item in page.evaluate(MEASURE_JS, roots)]
