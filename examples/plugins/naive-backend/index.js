// Loading this module registers the backend (`geneft run --plugin geneft-naive-backend`).
const { registerBackend } = require('@geneft/core');
const { naiveBackend } = require('./backend');

// Priority 0.5: above the reference (0), below the project's engines, so it is only picked by default
// when nothing faster is installed.
registerBackend('naive-js', naiveBackend, 0.5);

module.exports = { naiveBackend };
