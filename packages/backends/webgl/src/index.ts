import './register';

export { webglBackend, type WebglBackendOptions } from './backend';
export { WEBGL_PRIORITY } from './register';
