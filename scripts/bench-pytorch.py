#!/usr/bin/env python3
"""The reference a lossgrid user would otherwise write: a plain single-threaded PyTorch loop over the
same 128 trials as conf/bench/linear-128.yaml (linear regression on 200 points, 100 full-batch epochs,
alpha x learning rate x {SGD, Adam} x 2 seeds), recording the loss of every epoch.
Run it as scripts/bench does: /usr/bin/python3 scripts/bench-pytorch.py (Debian's python3-torch)."""
import math
import sys
import time

start = time.perf_counter()
import torch  # noqa: E402  (imported after the clock starts: its import is part of the loop's cost)

torch.set_num_threads(1)


def log_range(lo, hi, steps):
    a, b = math.log10(lo), math.log10(hi)
    return [10 ** (a + (b - a) * i / (steps - 1)) for i in range(steps)]


def main():
    g = torch.Generator().manual_seed(1)
    x = torch.rand(200, 1, generator=g) * 2 - 1
    y = 2 * x + 1 + 0.1 * torch.randn(200, 1, generator=g)
    alphas = log_range(0.01, 100, 8)
    lrs = log_range(1e-4, 0.1, 4)
    trials = 0
    diverged = 0
    for opt_name in ("sgd", "adam"):
        for alpha in alphas:
            for lr in lrs:
                for seed in (1, 2):
                    torch.manual_seed(seed)
                    model = torch.nn.Linear(1, 1)
                    torch.nn.init.zeros_(model.weight)
                    torch.nn.init.zeros_(model.bias)
                    opt = (torch.optim.SGD(model.parameters(), lr=lr) if opt_name == "sgd"
                           else torch.optim.Adam(model.parameters(), lr=lr))
                    curve = []
                    for _ in range(100):
                        opt.zero_grad()
                        loss = torch.nn.functional.mse_loss(model(x), y)
                        curve.append(loss.item())
                        (alpha * loss).backward()
                        opt.step()
                        if not math.isfinite(curve[-1]) or curve[-1] > 1e3 * curve[0]:
                            diverged += 1
                            break
                    trials += 1
    print(f"pytorch: {trials} trials, {diverged} diverged, {time.perf_counter() - start:.2f} s in-process",
          file=sys.stderr)


if __name__ == "__main__":
    main()
