#!/usr/bin/env python3
"""The CNN reference a lossgrid user would otherwise write: a plain single-threaded PyTorch loop over the
trials of a cnn benchmark spec (conf/bench/cnn-12.yaml), on the very images, labels and trials lossgrid
generates (exported by io.lossgrid.bench.CnnBenchExport into DIR: data.bin and trials.json).

The loop does what lossgrid's runner does per trial: the same network (per conv width a 3x3 same-padded
convolution, relu, 2x2 max pooling; then the dense layers with relu; then one output per class), He-normal
weights and zero biases, alpha times the mean softmax cross-entropy, the data reshuffled every epoch and
trained in mini batches, and a row per epoch (epoch 0 before any update): the whole-data loss and the norm
of its mean gradient, computed a batch at a time with a backward pass, as lossgrid records them. It prints
per trial its wall and CPU time, per epoch its training and row times, and its loss curve. CPU time (the
process's: one thread) is what a loaded machine inflates least.

Run it as scripts/bench cnn does: OMP_NUM_THREADS=1 /usr/bin/python3 scripts/bench-pytorch-cnn.py DIR
"""
import json
import math
import struct
import sys
import time

start = time.perf_counter()
import torch  # noqa: E402  (imported after the clock starts: its import is part of the loop's cost)

torch.set_num_threads(1)


def load(directory):
    with open(directory + "/data.bin", "rb") as f:
        raw = f.read()
    n, c, h, w, k = struct.unpack_from("<5i", raw, 0)
    pixels = torch.frombuffer(bytearray(raw[20:20 + 4 * n * c * h * w]), dtype=torch.float32).reshape(n, c, h, w)
    labels = torch.frombuffer(bytearray(raw[20 + 4 * n * c * h * w:]), dtype=torch.float32).reshape(n, k)
    with open(directory + "/trials.json") as f:
        spec = json.load(f)
    return pixels, labels.argmax(dim=1), k, spec


def network(spec, channels, size, classes):
    layers = []
    for width in spec["conv"]:
        layers += [torch.nn.Conv2d(channels, width, spec["kernel"], padding=spec["kernel"] // 2), torch.nn.ReLU()]
        if spec["pool"] > 1:
            layers.append(torch.nn.MaxPool2d(spec["pool"]))
            size //= spec["pool"]
        channels = width
    layers.append(torch.nn.Flatten())
    inputs = channels * size * size
    for width in spec["dense"]:
        layers += [torch.nn.Linear(inputs, width), torch.nn.ReLU()]
        inputs = width
    layers.append(torch.nn.Linear(inputs, classes))
    net = torch.nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")  # DL4J's WeightInit.RELU: N(0, 2/fan_in)
            torch.nn.init.zeros_(m.bias)
    return net


def optimizer(trial, params):
    name, hyper = trial["optimizer"], trial["hyper"]
    if name == "sgd":
        return torch.optim.SGD(params, lr=trial["lr"])
    if name == "nesterovs":
        return torch.optim.SGD(params, lr=trial["lr"], momentum=hyper["momentum"], nesterov=True)
    if name == "adam":
        return torch.optim.Adam(params, lr=trial["lr"], betas=(hyper["beta1"], hyper["beta2"]), eps=hyper["epsilon"])
    raise SystemExit(f"bench-pytorch-cnn: optimizer {name} is not in this loop (sgd, nesterovs, adam)")


def row(net, x, y, alpha, batch):
    """Whole-data loss (unscaled) and the norm of the mean gradient of the scaled loss, a batch at a time."""
    net.zero_grad()
    n = x.shape[0]
    total = 0.0
    for i in range(0, n, batch):
        loss = torch.nn.functional.cross_entropy(net(x[i:i + batch]), y[i:i + batch], reduction="sum")
        (alpha * loss / n).backward()
        total += loss.item()
    norm = math.sqrt(sum(float((p.grad * p.grad).sum()) for p in net.parameters()))
    return total / n, norm


def main():
    pixels, labels, classes, spec = load(sys.argv[1])
    n, channels, size = pixels.shape[0], pixels.shape[1], pixels.shape[2]
    epochs, batch = spec["epochs"], spec["batchSize"]
    train_s = rows_s = 0.0
    trial_s = []
    trial_cpu = []
    for trial in spec["trials"]:
        t0 = time.perf_counter()
        c0 = time.process_time()
        torch.manual_seed(trial["seed"])
        net = network(spec, channels, size, classes)
        opt = optimizer(trial, net.parameters())
        alpha = trial["alpha"]
        r0 = time.perf_counter()
        curve = [row(net, pixels, labels, alpha, batch)[0]]
        rows_s += time.perf_counter() - r0
        order = torch.Generator().manual_seed(trial["seed"] * 1_000_003)
        for _ in range(epochs):
            e0 = time.perf_counter()
            perm = torch.randperm(n, generator=order)
            for i in range(0, n, batch):
                idx = perm[i:i + batch]
                opt.zero_grad()
                (alpha * torch.nn.functional.cross_entropy(net(pixels[idx]), labels[idx])).backward()
                opt.step()
            r0 = time.perf_counter()
            train_s += r0 - e0
            curve.append(row(net, pixels, labels, alpha, batch)[0])
            rows_s += time.perf_counter() - r0
            if not math.isfinite(curve[-1]):
                break
        trial_s.append(time.perf_counter() - t0)
        trial_cpu.append(time.process_time() - c0)
        print(f"pytorch-trial {trial['index']} {trial['id']} {trial_s[-1] * 1000:.1f} ms "
              f"({trial_s[-1] * 1000 / epochs:.1f} ms per epoch, CPU {trial_cpu[-1] * 1000:.1f} ms) "
              f"curve {' '.join(f'{v:.6g}' for v in curve)}")
    count = len(trial_s)
    print(f"pytorch: {count} trials, {sum(trial_s):.3f} s in trials, {1000 * sum(trial_s) / (count * epochs):.1f} ms per "
          f"epoch (updates {1000 * train_s / (count * epochs):.1f} ms, rows {1000 * rows_s / (count * epochs):.1f} ms), "
          f"process {time.perf_counter() - start:.2f} s; CPU {sum(trial_cpu):.3f} s over the trials, "
          f"{1000 * sum(trial_cpu) / count:.1f} ms per trial")


if __name__ == "__main__":
    main()
