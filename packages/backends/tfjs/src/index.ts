import './register';

export * from './base';
export { TFJS_CPU_PRIORITY } from './register';
