/** Node-only entry: figures to SVG strings and PNG buffers, and a DOM document to build them in. */
export { nodeDocument } from './render/document';
export { renderSvg, type RenderSvgOptions } from './render/svg';
export { renderPng, type RenderPngOptions } from './render/png';
