// Every visible piece of text on the page with its computed contrast against what is behind it (WCAG 2.x
// relative luminance). Backgrounds are composed up the ancestors, including Bootstrap's table striping, which
// paints cells with an inset box-shadow rather than a background colour.
() => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(",").map((s) => parseFloat(s));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (fg, bg) => ({
    r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1,
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const layers = (el) => {
    const found = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      const shadow = s.boxShadow && s.boxShadow.includes("inset") ? parse(s.boxShadow) : null;
      if (shadow && shadow.a > 0) found.push(shadow);
      const bg = parse(s.backgroundColor);
      if (bg && bg.a > 0) { found.push(bg); if (bg.a >= 1) break; }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = found.length - 1; i >= 0; i--) result = over(found[i], result);
    return result;
  };
  const out = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("script, style, noscript, option, .visually-hidden, [aria-hidden='true'], :disabled")) continue;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right < 0 || box.bottom < 0) continue;
    let hidden = false;
    for (let e = el; e; e = e.parentElement) { if (parseFloat(getComputedStyle(e).opacity) === 0) { hidden = true; break; } }
    if (hidden) continue;
    const bg = layers(el);
    const fg = over(parse(s.color), bg);
    const [a, b] = [lum(fg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push({ text: text.slice(0, 24), ratio: Math.round(ratio * 100) / 100, tag: el.tagName.toLowerCase(), cls: String(el.className).slice(0, 60) });
  }
  return out;
}
