"""The fixed model input the jest equivalence tests rebuild in TypeScript (test/unit/inference-onnx-session.test.ts):
uint8-valued RGB [n, 3, size, size] from integer arithmetic only. One definition for the fixture models
(scripts/make-fixture-models.py) and the trained ones (models/training/export.py)."""
import numpy as np


def formula_input(n: int, size: int) -> np.ndarray:
    y, x = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    out = np.zeros((n, 3, size, size), dtype=np.int64)
    for k in range(n):
        out[k, 0] = (x * 3 + y * 5 + 17 * k) % 256
        out[k, 1] = (x * 2 + y * 7 + 31 * k) % 200
        out[k, 2] = (x * 5 + y * 3 + 59 * k) % 256
    return out
