"""The GenEFT model in PyTorch: the independent peer that core's reference backend is checked
against (float64, exact agreement) and that the benchmarks race (float32).

Input is what GenEFT writes: a resolved experiment config (see packages/core/src/config/types.ts),
parameters in the params.json layout (weights as PyTorch's [out][in]), and the training pair
indices of the dataset split (pair p is (p // n, p % n)). Nothing here re-implements GenEFT's
PRNG: the split and the initial parameters always come from GenEFT, so any disagreement is in
the training arithmetic.

Usage:
  /usr/bin/python3 geneft_torch.py train IN.json OUT.json
    IN:  {"config": ..., "params": ..., "train": [pair indices], "labels": [0/1 per pair],
          "steps": K, "dtype": "float64"|"float32"}
    OUT: {"losses": [...], "params": params.json layout}
"""
import json
import sys

import torch


def activation(name):
    return {
        "tanh": torch.tanh,
        "relu": torch.relu,
        "gelu": torch.nn.functional.gelu,
        "linear": lambda x: x,
    }[name]


class GenEFTModel:
    """Embedding table + decoder, with parameters as plain leaf tensors in params.json order."""

    def __init__(self, config, params, dtype):
        self.config = config
        self.n = config["task"]["n"]
        self.embeddings = torch.tensor(params["embeddings"], dtype=dtype, requires_grad=True)
        self.layers = [
            (
                torch.tensor(layer["weight"], dtype=dtype, requires_grad=True),
                torch.tensor(layer["bias"], dtype=dtype, requires_grad=True),
            )
            for layer in params["decoder"]
        ]

    def decoder_parameters(self):
        return [t for layer in self.layers for t in layer]

    def features(self, pairs):
        decoder = self.config["decoder"]
        e1 = self.embeddings[torch.div(pairs, self.n, rounding_mode="floor")]
        e2 = self.embeddings[pairs % self.n]
        kind = decoder["kind"]
        if kind == "mlp":
            combine = decoder["combine"]
            if combine == "concat":
                return torch.cat([e1, e2], dim=1)
            if combine == "diff":
                return e1 - e2
            return (e1 - e2) ** 2
        tau = decoder["threshold"]
        if kind == "ideal-distance":
            return torch.relu(tau - ((e1 - e2) ** 2).sum(dim=1, keepdim=True)) / tau
        return torch.clamp(torch.relu(e2[:, :1] - e1[:, :1]) / tau, max=1.0)

    def outputs(self, pairs):
        decoder = self.config["decoder"]
        act = activation(decoder.get("activation", "linear")) if decoder["kind"] == "mlp" else (lambda x: x)
        h = self.features(pairs)
        for i, (weight, bias) in enumerate(self.layers):
            h = torch.nn.functional.linear(h, weight, bias)
            if i < len(self.layers) - 1:
                h = act(h)
        return h[:, 0]

    def params_json(self):
        return {
            "embeddings": self.embeddings.detach().tolist(),
            "decoder": [{"weight": w.detach().tolist(), "bias": b.detach().tolist()} for w, b in self.layers],
        }


def make_optimizer(model, dynamics):
    groups = [
        {"params": [model.embeddings], "lr": dynamics["lrEncoder"], "weight_decay": dynamics["weightDecayEncoder"]},
        {"params": model.decoder_parameters(), "lr": dynamics["lrDecoder"], "weight_decay": dynamics["weightDecayDecoder"]},
    ]
    name = dynamics["optimizer"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=dynamics["lrDecoder"], momentum=dynamics["momentum"])
    cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
    return cls(groups, lr=dynamics["lrDecoder"], betas=(dynamics["beta1"], dynamics["beta2"]), eps=dynamics["eps"])


def make_loss(dynamics):
    if dynamics["loss"] == "bce":
        return torch.nn.BCEWithLogitsLoss()
    return torch.nn.MSELoss()


def train(config, params, train_pairs, labels, steps, dtype):
    """Full-batch training for `steps` steps; returns the loss at each step and the final model."""
    model = GenEFTModel(config, params, dtype)
    pairs = torch.tensor(train_pairs, dtype=torch.long)
    targets = torch.tensor([labels[p] for p in train_pairs], dtype=dtype)
    optimizer = make_optimizer(model, config["dynamics"])
    criterion = make_loss(config["dynamics"])
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = criterion(model.outputs(pairs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses, model


def main(argv):
    if len(argv) != 4 or argv[1] != "train":
        sys.stderr.write(__doc__)
        return 2
    with open(argv[2]) as f:
        job = json.load(f)
    dtype = torch.float64 if job.get("dtype", "float64") == "float64" else torch.float32
    torch.set_num_threads(1)
    losses, model = train(job["config"], job["params"], job["train"], job["labels"], job["steps"], dtype)
    with open(argv[3], "w") as f:
        json.dump({"losses": losses, "params": model.params_json(), "torch": torch.__version__}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
