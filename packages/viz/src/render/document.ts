import { parseHTML } from 'linkedom';
import type { DomDocument } from '../dom';

/** A fresh, empty DOM document for building figures in Node (linkedom: fast, no browser needed). */
export function nodeDocument(): DomDocument {
  return parseHTML('<html><body></body></html>').document as unknown as DomDocument;
}
