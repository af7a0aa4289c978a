"""PyTorch reference for test/bench/multitask: the same MMoE, batch and optimizer, one thread.

Usage: /usr/bin/python3 multitask.py '<json>' where the JSON holds the model config of
test/bench/multitask/config.ts plus warmupSteps, trainSteps and inferenceRuns. Prints one JSON line.
"""
import json
import os
import statistics
import sys
import time

# One BLAS thread too: torch.set_num_threads does not reach Debian's OpenBLAS, which starts one per core.
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import torch  # noqa: E402 (after the thread setting, which OpenBLAS reads when it loads)
from torch import nn

torch.set_num_threads(1)  # more threads busy-wait in OpenMP on this 2-core machine
torch.manual_seed(0)


class MMoE(nn.Module):
    def __init__(self, c):
        super().__init__()
        input_dim = c["numeric"] + c["categorical"] * c["embeddingDim"]
        first, second = c["expertUnits"]
        self.embeddings = nn.ModuleList(nn.Embedding(c["vocab"], c["embeddingDim"]) for _ in range(c["categorical"]))
        self.experts = nn.ModuleList(
            nn.Sequential(nn.Linear(input_dim, first), nn.ReLU(), nn.Linear(first, second), nn.ReLU())
            for _ in range(c["experts"])
        )
        self.gates = nn.ModuleList(nn.Linear(input_dim, c["experts"]) for _ in range(c["tasks"]))
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(second, c["towerUnits"]), nn.ReLU(), nn.Linear(c["towerUnits"], 1))
            for _ in range(c["tasks"])
        )

    def forward(self, numeric, categorical):
        x = torch.cat([numeric] + [table(categorical[:, i]) for i, table in enumerate(self.embeddings)], 1)
        experts = torch.stack([expert(x) for expert in self.experts], 1)  # [B, E, U]
        logits = []
        for gate, tower in zip(self.gates, self.towers):
            weights = torch.softmax(gate(x), 1)
            logits.append(tower((weights.unsqueeze(2) * experts).sum(1)))
        return torch.cat(logits, 1)


def batch(c, size):
    numeric = torch.randn(size, c["numeric"])
    categorical = torch.randint(0, c["vocab"], (size, c["categorical"]))
    labels = (numeric @ torch.randn(c["numeric"], c["tasks"]) > 0).float()
    return numeric, categorical, labels


def timed(run, runs, warmup):
    for _ in range(warmup):
        run()
    ms = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        ms.append((time.perf_counter() - start) * 1000)
    return statistics.median(ms), min(ms)


def main():
    c = json.loads(sys.argv[1])
    model = MMoE(c)
    optimizer = torch.optim.Adam(model.parameters(), lr=c["learningRate"])
    loss_fn = nn.BCEWithLogitsLoss()
    batches = [batch(c, c["batch"]) for _ in range(4)]
    losses = []

    def train_step():
        numeric, categorical, labels = batches[len(losses) % len(batches)]
        optimizer.zero_grad()
        loss = loss_fn(model(numeric, categorical), labels) * c["tasks"]
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    step_ms, step_min_ms = timed(train_step, c["trainSteps"], c["warmupSteps"])
    numeric, categorical, _ = batches[0]
    single = batch(c, 1)
    with torch.inference_mode():
        inference_ms, _ = timed(lambda: torch.sigmoid(model(numeric, categorical)).numpy(), c["inferenceRuns"], 2)
        latency_ms, _ = timed(lambda: torch.sigmoid(model(single[0], single[1])).numpy(), c["inferenceRuns"] * 5, 5)
    print(json.dumps({
        "label": f"PyTorch {torch.__version__} (1 thread)",
        "parameters": sum(p.numel() for p in model.parameters()),
        "train": {
            "stepMs": step_ms,
            "stepMinMs": step_min_ms,
            "steps": c["trainSteps"],
            "firstLoss": losses[0],
            "lastLoss": losses[-1],
        },
        "inferenceMs": inference_ms,
        "latencyMs": latency_ms,
    }))


if __name__ == "__main__":
    main()
