#!/usr/bin/env python3
"""The reference for packed MLPs: a plain single-threaded PyTorch loop over the same 128 trials as
conf/bench/mlp-128.yaml (an 8-64-64-3 ReLU MLP, softmax cross-entropy, 1,000 rows of conf/bench/mlp-128.csv,
100 full-batch epochs, alpha x learning rate x {SGD, Adam} x 4 seeds), recording the loss of every epoch and
stopping a trial as lossgrid does (non-finite loss, or above 1000 x the first). Weights start as DL4J's XAVIER
(normal, variance 2 / (fan_in + fan_out)), biases at 0.

  /usr/bin/python3 scripts/bench-pytorch-mlp.py               run the loop (as scripts/bench mlp does)
  /usr/bin/python3 scripts/bench-pytorch-mlp.py --write-data  (re)write conf/bench/mlp-128.csv: 3 Gaussian
      blobs (std 1) centred at distance 3 on a circle in the first two of 8 features, class i mod 3, seed 1
"""
import math
import os
import sys
import time

start = time.perf_counter()
import torch  # noqa: E402  (imported after the clock starts: its import is part of the loop's cost)

torch.set_num_threads(1)
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conf", "bench", "mlp-128.csv")
ROWS, FEATURES, CLASSES = 1000, 8, 3


def write_data():
    g = torch.Generator().manual_seed(1)
    with open(DATA, "w") as f:
        f.write(",".join([f"x{j}" for j in range(FEATURES)] + ["y"]) + "\n")
        for i in range(ROWS):
            c = i % CLASSES
            x = torch.randn(FEATURES, generator=g, dtype=torch.float64)
            x[0] += 3 * math.cos(2 * math.pi * c / CLASSES)
            x[1] += 3 * math.sin(2 * math.pi * c / CLASSES)
            f.write(",".join(f"{v:.6f}" for v in x.tolist()) + f",{c}\n")


def read_data():
    rows = [line.strip().split(",") for line in open(DATA).read().splitlines()[1:]]
    x = torch.tensor([[float(v) for v in r[:-1]] for r in rows], dtype=torch.float32)
    y = torch.tensor([int(r[-1]) for r in rows], dtype=torch.long)
    return x, y


def log_range(lo, hi, steps):
    a, b = math.log10(lo), math.log10(hi)
    return [10 ** (a + (b - a) * i / (steps - 1)) for i in range(steps)]


def model():
    net = torch.nn.Sequential(torch.nn.Linear(FEATURES, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, CLASSES))
    for layer in net:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_normal_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return net


def main():
    x, y = read_data()
    trials = diverged = epochs = 0
    for opt_name in ("sgd", "adam"):
        for alpha in log_range(0.1, 100, 4):
            for lr in log_range(1e-3, 1, 4):
                for seed in (1, 2, 3, 4):
                    torch.manual_seed(seed)
                    net = model()
                    opt = (torch.optim.SGD(net.parameters(), lr=lr) if opt_name == "sgd"
                           else torch.optim.Adam(net.parameters(), lr=lr))
                    curve = []
                    for _ in range(100):
                        opt.zero_grad()
                        loss = torch.nn.functional.cross_entropy(net(x), y)
                        curve.append(loss.item())
                        epochs += 1
                        if not math.isfinite(curve[-1]) or curve[-1] > 1e3 * curve[0]:
                            diverged += 1
                            break
                        (alpha * loss).backward()
                        opt.step()
                    trials += 1
    print(f"pytorch-mlp: {trials} trials, {diverged} diverged, {epochs} epochs, "
          f"{time.perf_counter() - start:.2f} s in-process", file=sys.stderr)


if __name__ == "__main__":
    write_data() if "--write-data" in sys.argv[1:] else main()
