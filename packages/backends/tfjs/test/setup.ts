import * as tf from '@tensorflow/tfjs-core';

// tfjs's test mode: every kernel is checked for leaked data ids, and no console advice.
tf.env().set('IS_TEST', true);
