"""PyTorch side of tools/bench: times full-batch float32 training of the GenEFT model built by
tools/torch_peer/geneft_torch.py, from parameters and a split made by GenEFT's core.

Run by tools/bench/run.js with Debian's interpreter (/usr/bin/python3, python3-torch), one
thread: torch.set_num_threads(1) here and OPENBLAS_NUM_THREADS=1 in the environment.

  single JOB.json OUT.json
      JOB: {"config", "params", "train", "labels", "reps", "seconds"}
      OUT: {"k", "rates": [steps/s per timed call], "firstLoss", "torch"}
  sweep JOB.json
      JOB: {"config", "runs": [{"params", "train", "labels"}], "k"}
      Builds every run, trains each for one warm-up step, prints "ready"; then for each "go"
      line on stdin trains every run for k steps and prints "done SECONDS"; exits on EOF.
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "torch_peer"))
from geneft_torch import GenEFTModel, make_loss, make_optimizer  # noqa: E402


def trainer(config, params, train_pairs, labels):
    """A closure doing one optimizer step (zero_grad, forward, loss, backward, step)."""
    model = GenEFTModel(config, params, torch.float32)
    pairs = torch.tensor(train_pairs, dtype=torch.long)
    targets = torch.tensor([labels[p] for p in train_pairs], dtype=torch.float32)
    optimizer = make_optimizer(model, config["dynamics"])
    criterion = make_loss(config["dynamics"])

    def step():
        optimizer.zero_grad()
        loss = criterion(model.outputs(pairs), targets)
        loss.backward()
        optimizer.step()
        return loss

    return step


def timed(step, k):
    start = time.perf_counter()
    for _ in range(k):
        step()
    return time.perf_counter() - start


def single(job_path, out_path):
    with open(job_path) as f:
        job = json.load(f)
    step = trainer(job["config"], job["params"], job["train"], job["labels"])
    first = step().item()
    k = 1
    while True:  # grow k until one timed call lasts about `seconds`, as run.js does for JS backends
        took = timed(step, k)
        if took >= 0.8 * job["seconds"]:
            break
        k = max(k + 1, round(k * job["seconds"] / max(took, 1e-4)))
    rates = [k / timed(step, k) for _ in range(job["reps"])]
    with open(out_path, "w") as f:
        json.dump({"k": k, "rates": rates, "firstLoss": first, "torch": torch.__version__}, f)


def sweep(job_path):
    with open(job_path) as f:
        job = json.load(f)
    steps = [trainer(job["config"], r["params"], r["train"], r["labels"]) for r in job["runs"]]
    first = [s().item() for s in steps]
    print("ready " + json.dumps(first), flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        start = time.perf_counter()
        for s in steps:
            for _ in range(job["k"]):
                s()
        print("done %.6f" % (time.perf_counter() - start), flush=True)


def main(argv):
    torch.set_num_threads(1)
    if len(argv) == 4 and argv[1] == "single":
        single(argv[2], argv[3])
        return 0
    if len(argv) == 3 and argv[1] == "sweep":
        sweep(argv[2])
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
