// Loading this module registers the decoder kind (`geneft run --plugin geneft-bilinear-decoder`).
const { registerDecoder } = require('@geneft/core');
const { bilinearDecoder } = require('./bilinear');

registerDecoder('bilinear', bilinearDecoder);

module.exports = { bilinearDecoder };
