"""Contact sheet of training examples (image, extent outline in magenta, sources as cyan dots, the kind),
and the time per example.

    /usr/bin/python3 -m models.training.dataset_sheet --out /tmp/dataset-sheet.png --n 32 --split train
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from models.training import dataset as D


def panel(ex: dict) -> Image.Image:
    img = ex["image"].copy()
    m = np.kron(ex["extent"] > 0.25, np.ones((D.STRIDE, D.STRIDE), bool))
    edge = m & ~ndimage.binary_erosion(m)
    img[edge] = (255, 0, 255)
    im = Image.fromarray(img)
    dr = ImageDraw.Draw(im)
    for x, y in ex["sources"]:
        dr.ellipse((x - 4, y - 4, x + 4, y + 4), outline=(0, 255, 255), width=2)
    dr.rectangle((0, 0, D.TILE, 12), fill=(0, 0, 0))
    dr.text((3, 1), ex["kind"], fill=(255, 255, 255))
    return im


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="/tmp/dataset-sheet.png")
    ap.add_argument("--n", type=int, default=32)
    ap.add_argument("--split", default="train")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--cols", type=int, default=8)
    a = ap.parse_args(argv)
    D.make_example(10 ** 9, a.split)   # warm the caches (noise banks, real photos)
    t = time.perf_counter()
    exs = [D.make_example(a.start + i, a.split) for i in range(a.n)]
    dt = (time.perf_counter() - t) / a.n
    rows = (a.n + a.cols - 1) // a.cols
    sheet = Image.new("RGB", (a.cols * (D.TILE + 4), rows * (D.TILE + 4)), (0, 0, 0))
    for i, ex in enumerate(exs):
        sheet.paste(panel(ex), ((i % a.cols) * (D.TILE + 4), (i // a.cols) * (D.TILE + 4)))
    sheet.save(a.out)
    print(f"{a.n} examples, {dt * 1000:.1f} ms each; discharges {sum(e['kind'].startswith('discharge') for e in exs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
