/** The two builds of the engine: SIMD128, and SIMD128 plus relaxed SIMD's fused multiply-add. */
export type WasmIsa = 'simd128' | 'relaxed-simd';

/** File names of the modules (in the package's wasm/ folder). */
export const WASM_FILES: Record<WasmIsa, string> = {
  simd128: 'geneft-simd128.wasm',
  'relaxed-simd': 'geneft-relaxed-simd.wasm',
};

/**
 * A minimal module whose one function runs `opcode` on three v128 constants: validating it tells
 * whether the runtime has the instruction, without fetching or compiling the engine.
 */
function probe(opcode: number[]): Uint8Array<ArrayBuffer> {
  const v128 = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const body = [0x00, ...v128, ...v128, ...v128, ...opcode, 0x1a, 0x0b]; // …, drop, end
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // type: () → ()
    ...[0x03, 0x02, 0x01, 0x00], // one function of that type
    ...[0x0a, body.length + 2, 0x01, body.length, ...body],
  ]);
}

// f32x4.relaxed_madd (0xfd 0x105) takes three v128 operands; so does SIMD128's v128.bitselect
// (0xfd 0x52), the plain SIMD check.
const RELAXED_PROBE = probe([0xfd, 0x85, 0x02]);
const SIMD_PROBE = probe([0xfd, 0x52]);

/** What this runtime validates, best first. */
export function supportedIsas(): WasmIsa[] {
  if (typeof WebAssembly !== 'object') return [];
  const isas: WasmIsa[] = [];
  if (WebAssembly.validate(RELAXED_PROBE)) isas.push('relaxed-simd');
  if (WebAssembly.validate(SIMD_PROBE)) isas.push('simd128');
  return isas;
}

/**
 * The build to load: `wanted`, or for "auto" relaxed SIMD where the runtime validates it
 * (Node ≥ 22, Chromium ≥ 114) and SIMD128 elsewhere. Throws, naming the runtimes that work,
 * when there is no SIMD128: the engine has no scalar build.
 */
export function chooseIsa(wanted: WasmIsa | 'auto' = 'auto'): WasmIsa {
  const supported = supportedIsas();
  if (!supported.includes('simd128')) {
    throw new Error(
      '@geneft/backend-wasm: this JavaScript runtime has no WebAssembly SIMD128 (needs Node ≥ 16.4, Chrome/Edge ≥ 91, Firefox ≥ 89, Safari ≥ 16.4, or VS Code ≥ 1.56); use another backend',
    );
  }
  if (wanted === 'auto') return supported[0];
  if (!supported.includes(wanted)) {
    throw new Error(`@geneft/backend-wasm: this runtime does not validate ${wanted} (supported: ${supported.join(', ')})`);
  }
  return wanted;
}
