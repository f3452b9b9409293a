"""The default detector's training examples: two generators that share nothing but the contract, so the
network cannot learn one renderer's look.

    make_example(seed, split) -> dict   (the contract of dataset.make_example)

- 70 %: composite/ (2D compositing onto real pool photos and inland layouts, several plume models);
- 30 %: dataset.py (the ray-cast scene renderer in scene/, at the same ground sample distance).
Which one makes a seed is fixed by the seed, so examples stay deterministic and cacheable.
"""
from __future__ import annotations

import hashlib

from models.training import dataset
from models.training.composite import example as composite

P_COMPOSITE = 0.7


def source_of(seed: int, split: str) -> str:
    h = int.from_bytes(hashlib.sha256(f"outfall-mixed/{split}/{int(seed)}".encode()).digest()[:4], "little")
    return "composite" if (h % 1000) < P_COMPOSITE * 1000 else "render"


def make_example(seed: int, split: str = "train") -> dict:
    if source_of(seed, split) == "composite":
        ex = composite.make_example(seed, split)
        ex["kind"] = "composite/" + ex["kind"]
    else:
        ex = dataset.make_example(seed, split)
        ex["kind"] = "render/" + ex["kind"]
    return ex
