/* global DOMParser */
// What the lifecycle pages share: calls to the API that keep the status and details of a refusal,
// diagrams brought in as inert SVG nodes, and a DOM builder.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A refusal of the API, with its HTTP status, its code and its details (findings, fields). */
export class ApiRefusal extends Error {
  constructor(status, error) {
    super(error?.message ?? `Erreur ${status}`);
    this.status = status;
    this.code = error?.code;
    this.details = error?.details ?? {};
  }
}

/** Calls the API with the session's token; `accept` other than JSON answers the body as text. */
export function apiClient(session) {
  return async function call(method, path, body, accept = 'application/json') {
    const headers = { accept, authorization: `Bearer ${session.token()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) session.expired();
    if (!response.ok) throw new ApiRefusal(response.status, (await response.json().catch(() => null))?.error);
    return accept === 'application/json' ? response.json() : response.text();
  };
}

/** Builds an element: `text` sets its text, a boolean sets or leaves out an attribute, anything else is an attribute. */
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

/** Local date and time in the page's language. */
export const when = (t, iso) => new Date(iso).toLocaleString(t.locale, { dateStyle: 'short', timeStyle: 'short' });
