import type { Backend, Evaluation, Params, Trainer, TrainerSpec } from '@geneft/core';
import type { Page } from 'playwright-core';

/**
 * A Backend in Node whose trainers live in a browser page (the bundle's `GenEFTWebgl`), so core's
 * conformance suite, written for Jest in Node, drives the real WebGL backend. Typed arrays cross
 * as plain arrays; every call is one page.evaluate.
 */
export async function remoteBackend(page: Page, name: string): Promise<Backend> {
  await page.evaluate(() => {
    const g = globalThis as unknown as { __geneft?: { trainers: Map<number, unknown>; next: number } };
    g.__geneft ??= { trainers: new Map(), next: 0 };
  });
  const capabilities = await page.evaluate(async (name) => {
    const lib = (globalThis as unknown as { GenEFTWebgl: { getBackend(n: string): Promise<Backend> } }).GenEFTWebgl;
    return (await lib.getBackend(name)).capabilities;
  }, name);
  return {
    name,
    capabilities,
    async createTrainer(spec: TrainerSpec): Promise<Trainer> {
      const id = await page.evaluate(
        async ({ name, spec }) => {
          const g = globalThis as unknown as {
            GenEFTWebgl: { getBackend(n: string): Promise<Backend> };
            __geneft: { trainers: Map<number, Trainer>; next: number };
          };
          const f64 = (a: number[]) => Float64Array.from(a);
          const params: Params = {
            n: spec.params.n,
            dim: spec.params.dim,
            embeddings: f64(spec.params.embeddings),
            layers: spec.params.layers.map((l) => ({ out: l.out, in: l.in, weight: f64(l.weight), bias: f64(l.bias) })),
          };
          const labels = Uint8Array.from(spec.data.labels);
          const data = {
            n: spec.data.n,
            relation: { n: spec.data.n, data: labels },
            labels,
            train: Int32Array.from(spec.data.train),
            test: Int32Array.from(spec.data.test),
          };
          const trainer = await (await g.GenEFTWebgl.getBackend(name)).createTrainer({ config: spec.config, data, params } as TrainerSpec);
          const id = g.__geneft.next++;
          g.__geneft.trainers.set(id, trainer);
          return id;
        },
        { name, spec: plainSpec(spec) },
      );
      return new RemoteTrainer(page, name, id);
    },
  };
}

/** Tensor count in the page's tfjs engine. */
export function pageTensorCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { GenEFTWebgl: { tf: { memory(): { numTensors: number } } } }).GenEFTWebgl.tf.memory().numTensors);
}

function plainParams(p: Params) {
  return {
    n: p.n,
    dim: p.dim,
    embeddings: Array.from(p.embeddings),
    layers: p.layers.map((l) => ({ out: l.out, in: l.in, weight: Array.from(l.weight), bias: Array.from(l.bias) })),
  };
}

function plainSpec(spec: TrainerSpec) {
  return {
    config: spec.config,
    data: { n: spec.data.n, labels: Array.from(spec.data.labels), train: Array.from(spec.data.train), test: Array.from(spec.data.test) },
    params: plainParams(spec.params),
  };
}

type Call = 'step' | 'evaluate' | 'predict' | 'readParams' | 'writeParams' | 'dispose';

class RemoteTrainer implements Trainer {
  private done = 0;

  constructor(
    private readonly page: Page,
    readonly backend: string,
    private readonly id: number,
  ) {}

  get stepsDone(): number {
    return this.done;
  }

  async step(k: number): Promise<number> {
    const [loss, done] = (await this.call('step', k)) as [number, number];
    this.done = done;
    return loss;
  }

  async evaluate(): Promise<Evaluation> {
    return (await this.call('evaluate')) as Evaluation;
  }

  async predict(): Promise<Float64Array> {
    return Float64Array.from((await this.call('predict')) as number[]);
  }

  async readParams(): Promise<Params> {
    const p = (await this.call('readParams')) as ReturnType<typeof plainParams>;
    const f64 = (a: number[]) => Float64Array.from(a);
    return { n: p.n, dim: p.dim, embeddings: f64(p.embeddings), layers: p.layers.map((l) => ({ ...l, weight: f64(l.weight), bias: f64(l.bias) })) };
  }

  async writeParams(params: Params): Promise<void> {
    await this.call('writeParams', plainParams(params));
  }

  dispose(): void {
    this.call('dispose').catch(() => undefined);
  }

  private call(method: Call, arg?: unknown): Promise<unknown> {
    return this.page.evaluate(
      async ({ id, method, arg }) => {
        const g = globalThis as unknown as { __geneft: { trainers: Map<number, Trainer> } };
        const t = g.__geneft.trainers.get(id);
        if (!t) throw new Error(`no trainer ${id} in the page`);
        switch (method) {
          case 'step': {
            const loss = await t.step(arg as number);
            return [loss, t.stepsDone];
          }
          case 'evaluate':
            return t.evaluate();
          case 'predict':
            return Array.from(await t.predict());
          case 'readParams': {
            const p = await t.readParams();
            return {
              n: p.n,
              dim: p.dim,
              embeddings: Array.from(p.embeddings),
              layers: p.layers.map((l) => ({ out: l.out, in: l.in, weight: Array.from(l.weight), bias: Array.from(l.bias) })),
            };
          }
          case 'writeParams': {
            const p = arg as ReturnType<typeof plainParams>;
            const f64 = (a: number[]) => Float64Array.from(a);
            await t.writeParams({ n: p.n, dim: p.dim, embeddings: f64(p.embeddings), layers: p.layers.map((l) => ({ ...l, weight: f64(l.weight), bias: f64(l.bias) })) });
            return null;
          }
          case 'dispose':
            t.dispose();
            g.__geneft.trainers.delete(id);
            return null;
        }
      },
      { id: this.id, method, arg },
    );
  }
}
