#!/usr/bin/python3
"""Reference values for lossgrid's losses, computed by PyTorch (reduction='mean').

Run with Debian's python3 and python3-torch (apt-get install python3-torch):

    /usr/bin/python3 sweep-core/src/test/resources/loss/torch_reference.py > sweep-core/src/test/resources/loss/torch_reference.json

For every case and dtype (float64, float32) it writes the loss and its gradient with respect to the
logits (the output layer's pre-activations). Inputs are fixed below; nothing is random. The Java test
(io.lossgrid.loss.TorchReferenceTest) reads the JSON; no test needs PyTorch at run time.
"""
import json
import sys

import torch
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma):
    """torchvision.ops.sigmoid_focal_loss (torchvision 0.14), reduction='mean', copied verbatim."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    return loss.mean()


def softmax_focal_loss(logits, classes, gamma, weight):
    """Mean over examples of w_y (1 - p_y)^gamma (-log p_y); PyTorch has no built-in."""
    logp = F.log_softmax(logits, dim=1).gather(1, classes.unsqueeze(1)).squeeze(1)
    p = logp.exp()
    w = torch.ones_like(logp) if weight is None else weight[classes]
    return (w * (1 - p) ** gamma * (-logp)).mean()


REGRESSION_Z = [[0.5, -1.25, 2.0], [1.5, 0.25, -0.75], [-2.0, 3.0, 0.125], [0.0, -0.5, 1.0]]
REGRESSION_Y = [[1.0, -1.0, 0.5], [0.5, 0.75, -2.0], [-1.0, 2.0, 1.5], [0.25, 0.5, -1.0]]
# One output: moderate logits and two large ones, where a clipped probability would be wrong.
BINARY_Z = [[0.3], [-1.7], [2.4], [-30.0], [25.0], [0.05]]
BINARY_Y = [[1.0], [0.0], [1.0], [1.0], [0.0], [0.0]]
CLASS_Z = [[0.2, -0.4, 1.0], [0.0, 0.5, -0.5], [2.0, 1.0, -1.0], [-0.3, 0.8, 0.1], [1.5, -2.0, 0.25]]
CLASSES = [2, 0, 0, 1, 2]
WEIGHTS = [0.5, 2.0, 1.5]


def one_hot(classes, k):
    return [[1.0 if j == c else 0.0 for j in range(k)] for c in classes]


def cases():
    """(name, params, logits, labels as the Java side sees them, loss of (z, dtype))."""
    w = lambda dt: torch.tensor(WEIGHTS, dtype=dt)
    cls = torch.tensor(CLASSES)
    ry = lambda dt: torch.tensor(REGRESSION_Y, dtype=dt)
    by = lambda dt: torch.tensor(BINARY_Y, dtype=dt)
    yield "mse", {}, REGRESSION_Z, REGRESSION_Y, lambda z, dt: F.mse_loss(z, ry(dt))
    yield "mae", {}, REGRESSION_Z, REGRESSION_Y, lambda z, dt: F.l1_loss(z, ry(dt))
    yield "xent", {}, CLASS_Z, one_hot(CLASSES, 3), lambda z, dt: F.cross_entropy(z, cls)
    yield ("xent", {"classWeights": WEIGHTS}, CLASS_Z, one_hot(CLASSES, 3),
           lambda z, dt: F.cross_entropy(z, cls, weight=w(dt)))
    yield "bce", {}, BINARY_Z, BINARY_Y, lambda z, dt: F.binary_cross_entropy_with_logits(z, by(dt))
    yield ("bce", {"posWeight": 2.5}, BINARY_Z, BINARY_Y,
           lambda z, dt: F.binary_cross_entropy_with_logits(z, by(dt), pos_weight=torch.tensor([2.5], dtype=dt)))
    yield ("focal", {"gamma": 2.0, "balance": 0.25}, BINARY_Z, BINARY_Y,
           lambda z, dt: sigmoid_focal_loss(z, by(dt), 0.25, 2.0))
    yield ("focal", {"gamma": 2.0}, BINARY_Z, BINARY_Y, lambda z, dt: sigmoid_focal_loss(z, by(dt), -1, 2.0))
    yield ("focal", {"gamma": 0.5, "balance": 0.75}, BINARY_Z, BINARY_Y,
           lambda z, dt: sigmoid_focal_loss(z, by(dt), 0.75, 0.5))
    yield ("focal", {"gamma": 2.0}, CLASS_Z, one_hot(CLASSES, 3),
           lambda z, dt: softmax_focal_loss(z, cls, 2.0, None))
    yield ("focal", {"gamma": 1.5, "classWeights": WEIGHTS}, CLASS_Z, one_hot(CLASSES, 3),
           lambda z, dt: softmax_focal_loss(z, cls, 1.5, w(dt)))


def main():
    out = []
    for name, params, logits, labels, loss_fn in cases():
        for dtype_name, dt in (("double", torch.float64), ("float", torch.float32)):
            z = torch.tensor(logits, dtype=dt, requires_grad=True)
            loss = loss_fn(z, dt)
            loss.backward()
            out.append({
                "loss": name,
                "params": params,
                "dtype": dtype_name,
                "logits": logits,
                "labels": labels,
                "value": loss.item(),
                "gradient": z.grad.double().tolist(),
            })
    # One case a line, so that a change of reference shows as a readable diff.
    sys.stdout.write('{"torch": %s, "reduction": "mean", "cases": [\n' % json.dumps(torch.__version__))
    sys.stdout.write(",\n".join(json.dumps(case) for case in out))
    sys.stdout.write("\n]}\n")


if __name__ == "__main__":
    main()
