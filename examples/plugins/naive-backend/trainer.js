const { cloneParams, evaluateOutputs, lossAndGradient, Optimizer } = require('@geneft/core');

/**
 * Full-batch training of e → concat(e_x, e_y) → MLP → one logit, one pair at a time, in float64.
 * Deliberately naive: the point is the contract (@geneft/core's Trainer), not speed.
 * @implements {import('@geneft/core').Trainer}
 */
class NaiveTrainer {
  /** @param {import('@geneft/core').TrainerSpec} spec */
  constructor(spec) {
    this.backend = 'naive-js';
    this.spec = spec;
    this.params = cloneParams(spec.params);
    this.grads = {
      embeddings: new Float64Array(this.params.embeddings.length),
      layers: this.params.layers.map((l) => ({ weight: new Float64Array(l.weight.length), bias: new Float64Array(l.bias.length) })),
    };
    // Core's optimizer updates our arrays in place: same rules (PyTorch's) as every backend.
    const slots = [{ value: this.params.embeddings, grad: this.grads.embeddings, group: 'encoder' }];
    this.params.layers.forEach((l, i) => {
      slots.push({ value: l.weight, grad: this.grads.layers[i].weight, group: 'decoder' });
      slots.push({ value: l.bias, grad: this.grads.layers[i].bias, group: 'decoder' });
    });
    this.optimizer = new Optimizer(spec.config.dynamics, slots);
    this.activation = spec.config.decoder.activation;
    this.done = 0;
  }

  get stepsDone() {
    return this.done;
  }

  /** k optimizer steps; the loss at the last one, before its update (the mean over training pairs). */
  async step(k) {
    let loss = NaN;
    for (let s = 0; s < k; s++) {
      loss = this.lossAndGradients();
      this.optimizer.step();
      this.done++;
    }
    return loss;
  }

  async evaluate() {
    return evaluateOutputs(await this.predict(), this.spec.data, this.spec.config.dynamics.loss);
  }

  async predict() {
    const n = this.spec.data.n;
    const out = new Float64Array(n * n);
    for (let p = 0; p < n * n; p++) out[p] = this.forward(p).output;
    return out;
  }

  async readParams() {
    return cloneParams(this.params);
  }

  async writeParams(params) {
    // In place: the optimizer holds these arrays.
    this.params.embeddings.set(params.embeddings);
    params.layers.forEach((l, i) => {
      this.params.layers[i].weight.set(l.weight);
      this.params.layers[i].bias.set(l.bias);
    });
  }

  dispose() {}

  /** Pair p = (x, y) with x = ⌊p / n⌋, y = p mod n: activations of every layer, and the derivatives of the hidden ones. */
  forward(p) {
    const { n, dim, embeddings, layers } = this.params;
    const x = Math.floor(p / n);
    const y = p % n;
    const input = new Float64Array(2 * dim);
    input.set(embeddings.subarray(x * dim, (x + 1) * dim), 0);
    input.set(embeddings.subarray(y * dim, (y + 1) * dim), dim);
    const activations = [input];
    const derivatives = [];
    layers.forEach((layer, l) => {
      const a = activations[l];
      const z = new Float64Array(layer.out);
      for (let o = 0; o < layer.out; o++) {
        let s = 0;
        for (let i = 0; i < layer.in; i++) s += a[i] * layer.weight[o * layer.in + i];
        z[o] = s + layer.bias[o];
      }
      if (l < layers.length - 1) {
        const d = new Float64Array(layer.out);
        for (let o = 0; o < layer.out; o++) {
          if (this.activation === 'tanh') {
            z[o] = Math.tanh(z[o]);
            d[o] = 1 - z[o] * z[o];
          } else {
            d[o] = z[o] > 0 ? 1 : 0; // PyTorch's relu'(0) = 0
            z[o] = Math.max(z[o], 0);
          }
        }
        derivatives.push(d);
      }
      activations.push(z);
    });
    return { x, y, activations, derivatives, output: activations[layers.length][0] };
  }

  /** Mean loss over the training pairs; writes the gradients. */
  lossAndGradients() {
    const { train, labels } = this.spec.data;
    const { dim, layers } = this.params;
    const g = this.grads;
    g.embeddings.fill(0);
    g.layers.forEach((l) => (l.weight.fill(0), l.bias.fill(0)));
    let total = 0;
    for (const p of train) {
      const { x, y, activations, derivatives, output } = this.forward(p);
      const [loss, dz] = lossAndGradient(this.spec.config.dynamics.loss, output, labels[p]);
      total += loss;
      let delta = Float64Array.of(dz / train.length);
      for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l];
        const a = activations[l];
        const back = new Float64Array(layer.in);
        for (let o = 0; o < layer.out; o++) {
          if (delta[o] === 0) continue;
          g.layers[l].bias[o] += delta[o];
          for (let i = 0; i < layer.in; i++) {
            g.layers[l].weight[o * layer.in + i] += delta[o] * a[i];
            back[i] += delta[o] * layer.weight[o * layer.in + i];
          }
        }
        if (l > 0) for (let i = 0; i < back.length; i++) back[i] *= derivatives[l - 1][i];
        delta = back;
      }
      for (let k = 0; k < dim; k++) g.embeddings[x * dim + k] += delta[k];
      for (let k = 0; k < dim; k++) g.embeddings[y * dim + k] += delta[dim + k];
    }
    return total / train.length;
  }
}

module.exports = { NaiveTrainer };
