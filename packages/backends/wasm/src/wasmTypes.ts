/**
 * WebAssembly's types as the public API names them. Where the consumer's program declares
 * WebAssembly (the DOM lib, or @types/node from v22) they are its own; where it does not (Node
 * code compiled with `lib: ["ES2022"]` and @types/node 20) they are opaque objects, so using
 * this package needs no `"lib": ["DOM"]`.
 */
type WasmClass<Name extends string> = typeof globalThis extends { WebAssembly: Record<Name, { prototype: infer T }> } ? T : object;

export type WasmModule = WasmClass<'Module'>;
export type WasmMemory = WasmClass<'Memory'>;
