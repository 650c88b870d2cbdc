/** Below native (3), above tfjs-wasm (1.75), webgl (1.5) and tfjs-cpu (1). */
export const WASM_PRIORITY = 2;
