"""Train the default heatmap detector (net.HeatmapNet) on synthetic examples, CPU only.

    /usr/bin/python3 -m models.training.train --examples 8000 --epochs 10 --minutes 50 --out /tmp/outfall-train

Data: `make_example(seed, split)` from models/training/dataset.py (or --generator module:function), run by a
pool of worker processes. Each example is cached as <cache>/<split>-<seed>.npz (the cache folder is keyed by
a hash of the generator's sources, so a changed generator never reuses stale examples). The first epoch
trains on examples in seed order as the workers deliver them (generation overlaps training); later epochs
draw from memory in a seeded shuffle. Validation: `--val` examples of the 'train' split with seeds from
VAL_SEED0 on (disjoint from the training seeds); the 'heldout' split is left for the final evaluation.

Writes <out>/best.pt (the checkpoint with the lowest validation loss) and <out>/train-log.json.
--minutes stops training at a time budget (after validating the partial epoch), keeping the best checkpoint.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import multiprocessing as mp
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

if __package__ in (None, ""):
    sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")))
    __package__ = "models.training"
from . import land_objects  # noqa: E402
from .dataset import TRAINING_GSD  # noqa: E402
from .net import MEAN, STD, count_parameters  # noqa: E402
from .pretrained import make_net  # noqa: E402

VAL_SEED0 = 1_000_000
DEFAULT_GENERATOR = "models.training.mixed:make_example"
# Files under the generator's folder that do not make examples (so editing them keeps the cache).
OWN_FILES = {"net.py", "train.py", "export.py", "make_heldout.py", "dataset_sheet.py", "calibrate.py", "formula_input.py", "pretrained.py", "train_water.py", "land_objects.py"}


# ---- examples: generation, cache, memory ----

def load_generator(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "make_example")


def generator_fingerprint(spec: str) -> str:
    """Hash of every .py under the generator module's folder (its scene code included), ours excepted."""
    root = os.path.dirname(importlib.import_module(spec.partition(":")[0]).__file__)
    h = hashlib.sha256(spec.encode())
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".py") and not f.startswith("test_") and not (folder == root and f in OWN_FILES):
                with open(os.path.join(folder, f), "rb") as fh:
                    h.update(f.encode() + fh.read())
    return h.hexdigest()[:12]


def _unknown_water(shape) -> np.ndarray:
    """The water map of an example whose generator gives none: NaN, which the water loss skips."""
    return np.full(shape, np.nan, np.float16)


def shrink(image, extent, source, water, factor: int):
    """An example seen `factor` times coarser (the network then trains at factor × the generator's GSD on
    tiles factor times smaller): the image and the extent and water maps are averaged over factor × factor
    blocks (a NaN, unknown water, stays unknown), the source heatmap keeps each block's maximum, so a peak
    stays a peak. The stride between image and maps is unchanged."""
    if factor == 1:
        return image, extent, source, water

    def pool(a, how):
        h, w = a.shape[0] // factor, a.shape[1] // factor
        blocks = a[:h * factor, :w * factor].reshape(h, factor, w, factor, *a.shape[2:]).astype(np.float32)
        return blocks.mean(axis=(1, 3)) if how == "mean" else blocks.max(axis=(1, 3))
    return (np.clip(np.rint(pool(image, "mean")), 0, 255).astype(np.uint8), pool(extent, "mean").astype(np.float16),
            pool(source, "max").astype(np.float16), pool(water, "mean").astype(np.float16))


def _make(job):
    """Worker: one example, from the cache or generated (then cached), shrunk by the job's factor (the cache
    keeps the generator's own resolution); compact arrays. The water map is optional (NaN when the generator
    gives none). The last item says whether the example is fit for training (see `coherent`)."""
    spec, seed, split, cache, factor, min_region = job
    image, extent, source, kind, water = _load_or_make(spec, seed, split, cache)
    usable = min_region <= 0 or coherent(extent, source, min_region)     # judged at the generator's resolution
    image, extent, source, water = shrink(image, extent, source, water, factor)
    return image, extent, source, kind, water, usable


def _load_or_make(spec, seed, split, cache):
    path = os.path.join(cache, f"{split}-{seed:07d}.npz") if cache else None
    if path and os.path.exists(path):
        with np.load(path) as z:
            water = z["water"] if "water" in z.files else _unknown_water(z["extent"].shape)
            return z["image"], z["extent"], z["source"], str(z["kind"]), water
    try:
        ex = load_generator(spec)(seed, split)
    except Exception as e:
        raise RuntimeError(f"{spec} failed on {split} seed {seed}: {e!r}") from e
    image = np.ascontiguousarray(ex["image"], dtype=np.uint8)
    extent = np.asarray(ex["extent"], dtype=np.float16)
    source = np.asarray(ex["source"], dtype=np.float16)
    water = np.asarray(ex["water"], dtype=np.float16) if ex.get("water") is not None else _unknown_water(extent.shape)
    kind = str(ex.get("kind", ""))
    if path:
        tmp = f"{path}.{os.getpid()}.tmp.npz"
        np.savez(tmp, image=image, extent=extent, source=source, water=water, kind=np.array(kind))
        os.replace(tmp, path)
    return image, extent, source, kind, water


class Examples:
    """Preallocated uint8 images [E,H,W,3] and float16 maps [E,h,w] (extent, source, water; water NaN where unknown)."""

    def __init__(self, count: int):
        self.count, self.filled = count, 0
        self.images = self.extent = self.source = self.water = None
        self.kinds: list[str] = []
        self.usable: list[bool] = []      # False: left out of training (train.py --min-region)

    def add(self, item):
        image, extent, source, kind = item[:4]
        water = item[4] if len(item) > 4 else _unknown_water(extent.shape)
        self.usable.append(bool(item[5]) if len(item) > 5 else True)
        if self.images is None:
            self.images = np.empty((self.count, *image.shape), np.uint8)
            self.extent = np.empty((self.count, *extent.shape), np.float16)
            self.source = np.empty((self.count, *source.shape), np.float16)
            self.water = np.empty((self.count, *extent.shape), np.float16)
        i = self.filled
        self.images[i], self.extent[i], self.source[i], self.water[i] = image, extent, source, water
        self.kinds.append(kind)
        self.filled += 1


def coherent(extent, source, min_cells: int) -> bool:
    """Whether every labelled source of an example has its plume as one visible region of at least
    `min_cells` cells (extent ≥ 0.5, 8-connected) within 3 cells of it. Where a dark or grey effluent barely
    departs from dark water, the labelling rule (more than 32/255 and twice the water's texture, per pixel)
    leaves scattered fragments: a source with a few specks of extent beside it, which no network can learn
    and which teach it to hedge on every dark or pale plume. Such examples are left out of training."""
    labels, n = ndimage.label(np.asarray(extent, np.float32) >= 0.5, np.ones((3, 3), bool))
    sizes = np.bincount(labels.ravel(), minlength=n + 1)
    peaks = source_peaks(torch.from_numpy(np.asarray(source, np.float32))[None, None])[0, 0]
    for y, x in peaks.nonzero().tolist():
        near = labels[max(0, y - 3):y + 4, max(0, x - 3):x + 4]
        if not (near > 0).any() or sizes[near[near > 0]].max() < min_cells:
            return False
    return True


def with_sources(ex: "Examples") -> list[int]:
    """Indices of the usable examples with at least one labelled discharge source."""
    return [i for i in range(ex.filled) if ex.usable[i] and float(ex.source[i].max()) > 0.5]


# ---- augmentation and batches ----

def make_batch(ex: Examples, idx, rng: np.random.RandomState | None, water: bool = False, grey: float = 0.0,
               recolour: float = 0.0, land: float = 0.0, gsd: float = TRAINING_GSD,
               land_kinds: tuple[str, ...] = land_objects.DEFAULT_KINDS):
    """Tensors (x normalised [B,3,H,W], extent [B,1,h,w], source [B,1,h,w]) and, with water=True, the water
    map [B,1,h,w] (NaN where unknown); augmented when rng is given (a share `land` of the tiles get unlabelled
    objects on their land (land_objects.py; tiles `gsd` m/px), a share `recolour` of the tiles with a plume get
    a new plume colour, a share `grey` of all tiles lose their colour)."""
    images, extents, sources = ex.images[idx], ex.extent[idx].astype(np.float32), ex.source[idx].astype(np.float32)
    waters = ex.water[idx].astype(np.float32)
    if rng is not None:
        images, extents, sources, waters = images.copy(), extents.copy(), sources.copy(), waters.copy()
        for b in range(len(idx)):
            k, flip = rng.randint(4), rng.randint(2)
            im, e, s, wa = np.rot90(images[b], k), np.rot90(extents[b], k), np.rot90(sources[b], k), np.rot90(waters[b], k)
            if flip:
                im, e, s, wa = im[:, ::-1], e[:, ::-1], s[:, ::-1], wa[:, ::-1]
            images[b], extents[b], sources[b], waters[b] = im, e, s, wa
            if land > 0 and rng.rand() < land:
                images[b] = land_objects.paste(images[b], waters[b], gsd, rng, kinds=land_kinds)
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float().div_(255.0)
    extent = torch.from_numpy(extents)[:, None]
    source = torch.from_numpy(sources)[:, None]
    wt = torch.from_numpy(np.ascontiguousarray(waters))[:, None]
    if rng is not None:
        if recolour > 0:
            x = recolour_plumes(x, extent, rng, recolour)
        x, extent, source, wt = colour_and_pad(x, extent, source, rng, wt, grey)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    return (x, extent, source, wt) if water else (x, extent, source)


def recolour_plumes(x, extent, rng, share: float):
    """Gives the discharge in a share of the tiles with one a new colour, so that the network learns a plume by
    its contrast with the water around it, its shape and its source, not by the generators' palettes. x: RGB in
    0..1 [B,3,H,W]; extent [B,1,h,w]. The plume's mean colour difference to a ring of cells around it (mostly
    its water) becomes a random one: in 3 of 10 tiles darker or lighter without hue (black, grey, milky
    effluent), else a random direction; 0.12 to 0.4 in size (30 to 100 of 255), above the labels' own 32/255
    threshold. Each pixel moves by that change times its extent, bilinearly spread, so the plume's texture
    and its soft edge stay."""
    out = x.clone()
    up = F.interpolate(extent, size=x.shape[-2:], mode="bilinear", align_corners=False).clamp_(0.0, 1.0)
    for b in range(x.shape[0]):
        if float(extent[b].max()) < 0.5 or rng.rand() >= share:
            continue
        core = extent[b:b + 1] >= 0.5
        ring = (F.max_pool2d(core.float(), 9, 1, 4) > 0) & (extent[b:b + 1] < 0.05)
        ring_px = F.interpolate(ring.float(), size=x.shape[-2:], mode="nearest")[0, 0] > 0
        plume_px = up[b, 0] >= 0.5
        if int(plume_px.sum()) < 16 or int(ring_px.sum()) < 16:
            continue
        now = x[b][:, plume_px].mean(dim=1) - x[b][:, ring_px].mean(dim=1)
        size = rng.uniform(0.12, 0.4)
        if rng.rand() < 0.3:
            direction = np.full(3, 1.0 if rng.rand() < 0.5 else -1.0) / np.sqrt(3.0)
        else:
            direction = rng.normal(size=3)
            direction /= max(np.linalg.norm(direction), 1e-6)
        wanted = torch.from_numpy(direction * size).float()
        out[b] = (x[b] + up[b] * (wanted - now).view(3, 1, 1)).clamp_(0.0, 1.0)
    return out


def colour_and_pad(x, extent, source, rng, water=None, grey: float = 0.0):
    """Photometric augmentation, drawn anew every epoch: brightness ±25 %, contrast ±25 %, per-channel gain
    ±8 %, saturation ±30 %, gamma 0.8 to 1.25 (the generators add their own camera finish; this keeps the
    network from relying on any one exposure or white balance); 15 % of tiles get a right or bottom band of
    padding (the mean colour, as packTiles fills tiles at a photo's edge) with empty targets under it.
    With `grey` > 0, that share of the tiles loses its colour altogether: a black, grey or milky discharge
    differs from its water in brightness and texture, not hue, and grey tiles make the network learn those
    cues (the shape of the plume, its source at the bank) rather than colour alone."""
    n = x.shape[0]
    bright = torch.from_numpy(rng.uniform(0.75, 1.25, (n, 1, 1, 1))).float()
    gain = torch.from_numpy(rng.uniform(0.92, 1.08, (n, 3, 1, 1))).float()
    contrast = torch.from_numpy(rng.uniform(0.75, 1.25, (n, 1, 1, 1))).float()
    sat = torch.from_numpy(rng.uniform(0.7, 1.3, (n, 1, 1, 1))).float()
    if grey > 0:
        sat[torch.from_numpy(rng.rand(n) < grey)] = 0.0
    gamma = torch.from_numpy(np.exp(rng.uniform(np.log(0.8), np.log(1.25), (n, 1, 1, 1)))).float()
    x = x.clamp(1e-4, 1.0) ** gamma
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    x = ((x - m) * contrast + m) * bright * gain
    grey = x.mean(dim=1, keepdim=True)
    x = grey + (x - grey) * sat
    x = x.clamp_(0.0, 1.0)
    stride = x.shape[-1] // extent.shape[-1]
    maps = [extent, source] + ([water] if water is not None else [])
    for b in range(n):
        if rng.rand() < 0.15:
            cells = rng.randint(2, extent.shape[-1] // 2)
            mean = torch.tensor(MEAN).view(3, 1, 1)
            if rng.randint(2):                               # a band on the right
                x[b, :, :, -cells * stride:] = mean
                for target in maps:
                    target[b, :, :, -cells:] = 0
            else:                                            # a band at the bottom
                x[b, :, -cells * stride:, :] = mean
                for target in maps:
                    target[b, :, -cells:, :] = 0
    return (x, extent, source) if water is None else (x, extent, source, water)


# ---- losses ----

def source_peaks(source):
    """Cells that are 3x3 local maxima of the Gaussian target above 0.5: the positives of the focal loss."""
    return (source >= F.max_pool2d(source, 3, 1, 1)) & (source > 0.5)


def focal_loss(logits, target, alpha: float = 2.0, beta: float = 4.0):
    """CenterNet's penalty-reduced focal loss on a Gaussian heatmap, normalised by the number of peaks."""
    pos = source_peaks(target).float()
    p = torch.sigmoid(logits)
    log_p, log_1p = F.logsigmoid(logits), F.logsigmoid(-logits)
    pos_loss = (1 - p) ** alpha * log_p * pos
    neg_loss = (1 - target) ** beta * p ** alpha * log_1p * (1 - pos)
    return -(pos_loss.sum() + neg_loss.sum()) / pos.sum().clamp(min=1.0)


def losses(model, x, extent, source, water=None, water_weight: float = 0.5):
    """BCE + soft dice on the extent, CenterNet focal loss on the source, and (where the water map is known)
    BCE on the auxiliary water head, weighted `water_weight`."""
    if water is None:
        e_logit, s_logit = model.logits(x)
    else:
        e_logit, s_logit, w_logit = model.logits(x, water=True)
    bce = F.binary_cross_entropy_with_logits(e_logit, extent)
    p = torch.sigmoid(e_logit)
    dice = 1 - (2 * (p * extent).sum() + 1) / (p.sum() + extent.sum() + 1)
    focal = focal_loss(s_logit, source)
    out = {"total": bce + dice + focal, "bce": bce, "dice": dice, "focal": focal}
    if water is not None:
        known = ~torch.isnan(water)
        if bool(known.any()):
            wl = F.binary_cross_entropy_with_logits(w_logit[known], water[known])
        else:
            wl = w_logit.sum() * 0.0
        out["water"] = wl
        out["total"] = out["total"] + water_weight * wl
    return out, p


@torch.no_grad()
def validate(model, ex: Examples, batch: int, min_cells: int = 4):
    """Mean loss, extent IoU at 0.5 over all cells, and the share of plume-free tiles with ≥ min_cells cells
    predicted ≥ 0.5 (a rough false-alarm rate)."""
    model.eval()
    totals, inter, union, neg, neg_fp = {}, 0.0, 0.0, 0, 0
    for i in range(0, ex.filled, batch):
        idx = np.arange(i, min(i + batch, ex.filled))
        x, extent, source = make_batch(ex, idx, None)
        parts, p = losses(model, x, extent, source)
        for k, v in parts.items():
            totals[k] = totals.get(k, 0.0) + float(v) * len(idx)
        pred, truth = p >= 0.5, extent >= 0.5
        inter += float((pred & truth).sum())
        union += float((pred | truth).sum())
        empty = truth.flatten(1).sum(1) == 0
        neg += int(empty.sum())
        neg_fp += int((empty & (pred.flatten(1).sum(1) >= min_cells)).sum())
    model.train()
    out = {k: v / max(ex.filled, 1) for k, v in totals.items()}
    out.update(iou=inter / max(union, 1.0), neg_fp=neg_fp / max(neg, 1), negatives=neg)
    return out


# ---- the loop ----

def parse_args(argv=None):
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--examples", type=int, default=8000, help="training examples (seeds 0..examples-1)")
    a.add_argument("--val", type=int, default=160, help="validation examples ('train' split, seeds from %d)" % VAL_SEED0)
    a.add_argument("--epochs", type=int, default=10)
    a.add_argument("--batch", type=int, default=16)
    a.add_argument("--lr", type=float, default=3e-3, help="peak learning rate (warm-up, then cosine)")
    a.add_argument("--weight-decay", type=float, default=1e-4)
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--threads", type=int, default=2, help="torch intra-op threads (1 while the workers generate)")
    a.add_argument("--workers", type=int, default=2, help="example generator processes")
    a.add_argument("--minutes", type=float, default=0.0, help="stop training after this many minutes (0: no limit)")
    a.add_argument("--cache", default="/tmp/outfall-examples", help="example cache folder ('' for none)")
    a.add_argument("--generator", default=DEFAULT_GENERATOR, help="module:function making one example")
    a.add_argument("--widths", type=int, nargs=4, default=[24, 48, 96, 192], help="channels at strides 2, 4, 8, 16 (with --backbone mobilenet_v2 only the last counts: the context blocks')")
    a.add_argument("--decoder", type=int, default=48, help="channels of the top-down path")
    a.add_argument("--downsample", type=int, default=1, choices=(1, 2, 4),
                   help="train on examples shrunk this many times (coarser GSD, smaller tiles, about factor² faster)")
    a.add_argument("--recolour", type=float, default=0.0, help="share of tiles with a plume whose plume gets a new colour")
    a.add_argument("--land-objects", type=float, default=0.0,
                   help="share of training tiles that get unlabelled objects on their land (land_objects.py; kinds: --land-kinds)")
    a.add_argument("--land-kinds", default=",".join(land_objects.DEFAULT_KINDS),
                   help="comma-separated kinds for --land-objects, drawn uniformly (a name twice: twice as often): "
                        + ", ".join(land_objects.KINDS))
    a.add_argument("--grey", type=float, default=0.0, help="share of training tiles shown in grey (augmentation)")
    a.add_argument("--min-region", type=int, default=0,
                   help="leave out training examples with a source whose plume region has fewer cells than this (0: keep all)")
    a.add_argument("--positive-repeat", type=int, default=1,
                   help="from epoch 2 on, show each example with a discharge source this many times per epoch")
    a.add_argument("--water-weight", type=float, default=0.5, help="weight of the auxiliary water head's loss (0: off)")
    a.add_argument("--backbone", default="none", choices=("none", "mobilenet_v2"),
                   help="none: net.HeatmapNet from scratch; mobilenet_v2: pretrained.PretrainedNet (ImageNet trunk)")
    a.add_argument("--backbone-weights", default="", help="<path> of <path>.bin/.json (default: pretrained.DEFAULT_WEIGHTS)")
    a.add_argument("--backbone-lr", type=float, default=1.0, help="the trunk's learning rate as a share of --lr")
    a.add_argument("--init", default="", help="start from this checkpoint's weights (best.pt or last.pt) instead of random ones")
    a.add_argument("--resume", action="store_true", help="continue from <out>/last.pt (saved after every epoch)")
    a.add_argument("--stop-after", type=int, default=0, help="stop after this many epochs (to test --resume)")
    a.add_argument("--out", required=True)
    return a.parse_args(argv)


def lr_at(step: int, total: int, peak: float) -> float:
    """Linear warm-up from peak/20 over the first 10 % of steps, then cosine down to peak/400. `total` may
    shrink mid-run (a time budget): the cosine then continues from the new, later phase."""
    warm = max(1, int(0.1 * total))
    if step < warm:
        return peak * (0.05 + 0.95 * step / warm)
    phase = min(1.0, (step - warm) / max(1, total - warm))
    return peak * (0.0025 + 0.9975 * 0.5 * (1 + math.cos(math.pi * phase)))


def seed_everything(seed: int):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _state(model, opt, rng, epoch, step, epochs, best, log, elapsed, args):
    return {"model": model.state_dict(), "opt": opt.state_dict(), "rng": rng.get_state(),
            "torch_rng": torch.get_rng_state(), "epoch": epoch, "step": step, "epochs": epochs, "best": best,
            "log": log, "elapsed": elapsed, "args": vars(args)}


def _save(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    land_kinds = land_objects.parse_kinds(args.land_kinds)   # refused now, not after the examples are in
    t0 = time.time()
    os.makedirs(args.out, exist_ok=True)
    last_path = os.path.join(args.out, "last.pt")
    resume = torch.load(last_path, map_location="cpu", weights_only=False) if args.resume and os.path.exists(last_path) else None
    if resume is not None:
        defaults = vars(parse_args(["--out", args.out]))   # for options newer than the checkpoint
        for k in ("examples", "val", "batch", "lr", "weight_decay", "seed", "generator", "widths", "decoder", "epochs",
                  "water_weight", "downsample", "backbone", "backbone_lr", "grey", "recolour", "land_objects", "land_kinds", "init", "min_region", "positive_repeat"):
            if resume["args"].get(k, defaults[k]) != getattr(args, k):
                raise SystemExit(f"--resume: {k} was {resume['args'].get(k)!r} in {last_path}, now {getattr(args, k)!r}")
    elapsed0 = resume["elapsed"] if resume else 0.0
    deadline = t0 - elapsed0 + args.minutes * 60 if args.minutes > 0 else float("inf")
    cache = ""
    if args.cache:
        cache = os.path.join(args.cache, generator_fingerprint(args.generator))
        os.makedirs(cache, exist_ok=True)
    jobs = [(args.generator, VAL_SEED0 + i, "train", cache, args.downsample, 0) for i in range(args.val)] + \
           [(args.generator, i, "train", cache, args.downsample, args.min_region) for i in range(args.examples)]
    pool = mp.get_context("fork").Pool(args.workers)  # before torch spins up its threads
    stream = pool.imap(_make, jobs, chunksize=4)

    seed_everything(args.seed)
    torch.set_num_threads(1 if args.workers >= args.threads else args.threads)  # cores go to the workers first
    model = make_net(vars(args), load_backbone=resume is None)
    positives: list[int] = []          # known once the training examples are in (epoch 1, or at once on --resume)

    def total_steps(n_epochs: int) -> int:
        """Optimiser steps of a run of n_epochs: epoch 1 shows every example once, in seed order; later epochs
        add (positive_repeat - 1) more showings of each example with a source."""
        first = -(-args.examples // args.batch)
        later = -(-(args.examples + (args.positive_repeat - 1) * len(positives)) // args.batch)
        return first + (n_epochs - 1) * later
    trunk = {id(p) for p in model.trunk.parameters()} if hasattr(model, "trunk") else set()
    groups = [{"params": [p for p in model.parameters() if id(p) not in trunk], "scale": 1.0}]
    if trunk and args.backbone_lr > 0:
        groups.append({"params": list(model.trunk.parameters()), "scale": args.backbone_lr})
    elif trunk:                  # frozen: no gradients, and its BatchNorm statistics stay
        model.freeze_trunk()
    opt = torch.optim.AdamW(groups, lr=args.lr, weight_decay=args.weight_decay)
    print(f"model: {count_parameters(model):,} parameters, widths {args.widths}, decoder {args.decoder}; "
          f"{args.examples} examples x {args.epochs} epochs, batch {args.batch}, {args.threads} threads, "
          f"{args.workers} workers; examples shrunk {args.downsample}x; cache {cache or 'off'}", flush=True)

    if args.init and resume is None:
        start = torch.load(args.init, map_location="cpu", weights_only=False)
        model.load_state_dict(start["model"])
        print(f"weights from {args.init} (epoch {start.get('epoch')})", flush=True)
    rng = np.random.RandomState(args.seed)
    best, log, stopped, step, epochs, epoch = float("inf"), [], False, 0, args.epochs, 0
    if resume is not None:
        model.load_state_dict(resume["model"])
        opt.load_state_dict(resume["opt"])
        rng.set_state(resume["rng"])
        torch.set_rng_state(resume["torch_rng"])
        best, log, step, epochs, epoch = resume["best"], resume["log"], resume["step"], resume["epochs"], resume["epoch"]
        print(f"resumed from {last_path}: epoch {epoch} done, step {step}, {elapsed0 / 60:.1f} min spent", flush=True)

    val, train = Examples(args.val), Examples(args.examples)
    for _ in range(args.val):
        val.add(next(stream))
    print(f"validation set ready: {args.val} examples, {time.time() - t0:.0f} s", flush=True)
    if resume is not None:                          # the examples come back from the cache
        while train.filled < args.examples:
            train.add(next(stream))
        pool.close()
        torch.set_num_threads(args.threads)
        print(f"training set reloaded: {args.examples} examples, {time.time() - t0:.0f} s", flush=True)
        if args.positive_repeat > 1:
            positives = with_sources(train)

    def set_lr():
        """The schedule's rate at `step`, times each parameter group's share (the trunk's: --backbone-lr)."""
        for group in opt.param_groups:
            group["lr"] = lr_at(step, total_steps(epochs), args.lr) * group["scale"]

    set_lr()
    while epoch < epochs:
        epoch += 1
        te, sums, seen = time.time(), {}, 0
        if epoch == 1:
            order = np.arange(args.examples)
        else:                                           # positives is empty unless --positive-repeat > 1
            extra = np.asarray(positives * (args.positive_repeat - 1), dtype=np.int64)
            order = rng.permutation(np.concatenate([np.arange(args.examples), extra]))
        for start in range(0, len(order), args.batch):
            idx = order[start:start + args.batch]
            while train.filled <= idx.max():  # first epoch: wait for the workers
                train.add(next(stream))
            idx = idx[[train.usable[i] for i in idx]]
            if idx.size == 0:
                continue
            x, extent, source, water = make_batch(train, idx, rng, water=True, grey=args.grey, recolour=args.recolour,
                                                  land=args.land_objects, gsd=TRAINING_GSD * args.downsample,
                                                  land_kinds=land_kinds)
            parts, _ = losses(model, x, extent, source, water if args.water_weight > 0 else None, args.water_weight)
            opt.zero_grad(set_to_none=True)
            parts["total"].backward()
            opt.step()
            step += 1
            set_lr()
            for k, v in parts.items():
                sums[k] = sums.get(k, 0.0) + float(v) * len(idx)
            seen += len(idx)
            if time.time() > deadline:
                stopped = True
                break
        if epoch == 1 and resume is None and args.positive_repeat > 1:
            positives = with_sources(train)
            print(f"--positive-repeat {args.positive_repeat}: {len(positives)} examples with a source, "
                  f"{args.examples + (args.positive_repeat - 1) * len(positives)} showings per epoch from epoch 2", flush=True)
        if epoch == 1 and args.min_region > 0:
            print(f"--min-region {args.min_region}: {train.usable.count(False)} of {train.filled} training examples "
                  "left out (a source without a plume region of that size)", flush=True)
        if epoch == 1 and resume is None:
            pool.close()
            torch.set_num_threads(args.threads)  # generation is over
        secs = time.time() - te
        v = validate(model, val, args.batch)
        row = {"epoch": epoch, "examples": seen, "seconds": round(secs, 1), "examples_per_s": round(seen / secs, 1),
               "lr": opt.param_groups[0]["lr"], **{f"train_{k}": s / max(seen, 1) for k, s in sums.items()},
               **{f"val_{k}": val_v for k, val_v in v.items()}}
        log.append(row)
        mark = ""
        if v["total"] < best:
            best, mark = v["total"], " *"
            _save({"model": model.state_dict(), "epoch": epoch, "val": v, "args": vars(args),
                   "parameters": count_parameters(model)}, os.path.join(args.out, "best.pt"))
        print(f"epoch {epoch:2d}  loss {row['train_total']:.3f} (bce {row['train_bce']:.3f} dice {row['train_dice']:.3f} "
              f"focal {row['train_focal']:.3f})  val {v['total']:.3f} iou {v['iou']:.3f} neg-fp {v['neg_fp']:.2f}  "
              f"{row['examples_per_s']:.1f} ex/s  {secs:.0f} s{mark}", flush=True)
        if stopped:
            print(f"time budget of {args.minutes} min reached in epoch {epoch}", flush=True)
            break
        if epoch >= 2 and epoch < epochs and deadline < float("inf"):  # generation is over: epoch times are now the training's own
            fit = epoch + int((deadline - time.time()) / (time.time() - te))
            if fit < epochs:
                epochs = max(fit, epoch + 1)
                print(f"time budget: {epochs} epochs instead of {args.epochs}; the schedule anneals sooner", flush=True)
        set_lr()                                    # the schedule as a resumed run will compute it
        _save(_state(model, opt, rng, epoch, step, epochs, best, log, elapsed0 + time.time() - t0, args), last_path)
        if args.stop_after and epoch >= args.stop_after:
            print(f"stopped after epoch {epoch} (--stop-after)", flush=True)
            break
    pool.terminate()
    minutes = (elapsed0 + time.time() - t0) / 60
    with open(os.path.join(args.out, "train-log.json"), "w") as f:
        json.dump({"args": vars(args), "epochs": log, "best_val_loss": best, "minutes": round(minutes, 2)}, f, indent=2)
    print(f"best val loss {best:.4f}; {args.out}/best.pt; {minutes:.1f} min in all", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
