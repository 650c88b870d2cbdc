/**
 * The DOM types that viz's public API names. A program compiled with the DOM lib (browsers,
 * webviews) sees the DOM's own types; one without it (Node code that only renders SVG or PNG)
 * sees the little that a caller does with them, so using @geneft/viz needs no `"lib": ["DOM"]`.
 */

/** `typeof globalThis` has `Document`, `Element`, … exactly when the DOM lib is in the program. */
type DomClass<Name extends string, Fallback> = typeof globalThis extends Record<Name, { prototype: infer T }> ? T : Fallback;

/** An element where the DOM lib is absent: what callers read from a figure in Node. */
export interface ElementLike {
  readonly outerHTML: string;
}

/** A document where the DOM lib is absent: made by `nodeDocument()`, passed through to the factories. */
export interface DocumentLike {
  createElement(tagName: string): ElementLike;
}

export type DomDocument = DomClass<'Document', DocumentLike>;
export type DomElement = DomClass<'Element', ElementLike>;
export type DomSvgElement = DomClass<'SVGSVGElement', ElementLike>;
export type DomHtmlElement = DomClass<'HTMLElement', ElementLike>;
