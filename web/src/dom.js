/* global DOMParser */
// Every page builds its elements here: h() for HTML, inertSvg() for a diagram from the server.
// Server values go in as text or attributes, never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Builds an element: `text` sets its text, a boolean sets or leaves out an attribute, anything else is an attribute.
 *
 * @example h('a', { href: '#/tickets', text: 'Tickets', 'aria-current': current && 'page' })
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  node.append(...children.flat());
  return node;
}

/**
 * The diagram's SVG text as a node of this document, or null when it is not an SVG. Anything that
 * could run or reach out (scripts, foreign objects, handlers, outside links) and the inline styles
 * the CSP would refuse are left out.
 */
export function inertSvg(text) {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) return null;
  for (const node of [...root.querySelectorAll('script, foreignObject, style, iframe, image, use:not([href^="#"])')]) node.remove();
  for (const node of [root, ...root.querySelectorAll('*')]) {
    for (const { name, value } of [...node.attributes]) {
      const link = /(^|:)href$/i.test(name) && !value.trim().startsWith('#');
      if (/^on/i.test(name) || name === 'style' || link) node.removeAttribute(name);
    }
  }
  const svg = document.importNode(root, true);
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}
