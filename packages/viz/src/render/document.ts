import { parseHTML } from 'linkedom';

/** A fresh, empty DOM document for building figures in Node (linkedom: fast, no browser needed). */
export function nodeDocument(): Document {
  return parseHTML('<html><body></body></html>').document as unknown as Document;
}
