/** Creates an element with attributes and children; text children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, string | boolean | undefined>,
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attributes?: Record<string, string | boolean | undefined>, ...children: (Node | string | null | undefined)[]): HTMLElement;
export function h(tag: string, attributes: Record<string, string | boolean | undefined> = {}, ...children: (Node | string | null | undefined)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) element.append(child);
  return element;
}
