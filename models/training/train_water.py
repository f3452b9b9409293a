"""Fit PretrainedNet's water branch: water or land per cell, read from the frozen ImageNet trunk.

    /usr/bin/python3 -m models.training.train_water --checkpoint /tmp/outfall-train/best.pt --out /tmp/outfall-train/water.pt

Why: the water head that trains beside the detector learns from tiles that are mostly water, and on whole
photos it calls parks, roads and gravel water, so the decoder's water check (thresholds.minWater) dropped
almost nothing. This branch learns land and water from the real coastal pool photos' masks (training split
only; surf counts as water) and from the generators' own water maps, half and half, with the trunk frozen:
its features, learnt from real photos, already tell grass, roads and roofs from water. Everything else in
the checkpoint is kept as it is. Deterministic for a seed; a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

if __package__ in (None, ""):
    sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")))
    __package__ = "models.training"
from . import land_objects  # noqa: E402
from .composite import pool  # noqa: E402
from .dataset import TRAINING_GSD  # noqa: E402
from .net import MEAN, STD, STRIDE  # noqa: E402
from .export import SIZE  # noqa: E402
from .pretrained import make_net  # noqa: E402
from .train import DEFAULT_GENERATOR, Examples, _make, colour_and_pad, generator_fingerprint, seed_everything  # noqa: E402


def pool_batch(rng: np.random.Generator, n: int, size: int, gsd: float):
    """n crops of the pool's training photos at about `gsd` m/px, and their water share per stride-4 cell."""
    images, waters = [], []
    while len(images) < n:
        c = pool.crop(rng, "train", (size, size), gsd * rng.uniform(0.8, 1.6), need=str(rng.choice(["any", "land", "water", "bank"])))
        if c is None:
            continue
        wet = (c["labels"] != pool.LAND).astype(np.float32)
        images.append(np.clip(c["rgb"], 0, 255).astype(np.uint8))
        waters.append(wet.reshape(size // STRIDE, STRIDE, size // STRIDE, STRIDE).mean(axis=(1, 3)))
    return np.stack(images), np.stack(waters)


def to_tensors(images, waters, rng: np.random.RandomState, land: float = 0.0, gsd: float = TRAINING_GSD,
               kinds: tuple[str, ...] = land_objects.DEFAULT_KINDS):
    """Rotated, photometrically augmented, normalised tiles; a share `land` of them get objects on their land
    (land_objects.py), which stays land."""
    for b in range(len(images)):
        k = rng.randint(4)
        images[b], waters[b] = np.rot90(images[b], k), np.rot90(waters[b], k)
        if land > 0 and rng.rand() < land:
            images[b] = land_objects.paste(images[b], np.asarray(waters[b], np.float32), gsd, rng, kinds=kinds)
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float().div_(255.0)
    w = torch.from_numpy(np.ascontiguousarray(waters, dtype=np.float32))[:, None]
    zero = torch.zeros_like(w)
    x, _, _, w = colour_and_pad(x, zero, zero.clone(), rng, w)
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1), w


def main(argv=None):
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--checkpoint", required=True, help="a PretrainedNet checkpoint of train.py (best.pt)")
    a.add_argument("--out", required=True, help="the checkpoint with its water branch")
    a.add_argument("--steps", type=int, default=1500)
    a.add_argument("--batch", type=int, default=16, help="tiles per step: half pool crops, half generated")
    a.add_argument("--examples", type=int, default=3000, help="generated examples with a water map (seeds 0..)")
    a.add_argument("--lr", type=float, default=2e-3)
    a.add_argument("--land-objects", type=float, default=0.0, help="share of tiles with objects pasted on their land")
    a.add_argument("--land-kinds", default=",".join(land_objects.DEFAULT_KINDS), help="as train.py's --land-kinds")
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--cache", default="/tmp/outfall-examples")
    args = a.parse_args(argv)
    if not pool.available():
        raise SystemExit(f"the coastal pool is missing ({pool.POOL}): it is what the water branch learns from")
    state = torch.load(args.checkpoint, map_location="cpu", weights_only=False)
    targs = dict(state["args"])
    if targs.get("backbone") != "mobilenet_v2":
        raise SystemExit(f"{args.checkpoint}: not a PretrainedNet (train.py --backbone mobilenet_v2)")
    factor = int(targs.get("downsample", 1))
    size, gsd = SIZE // factor, TRAINING_GSD * factor
    seed_everything(args.seed)
    net = make_net({**targs, "water_branch": True})
    missing, unexpected = net.load_state_dict(state["model"], strict=False)
    if unexpected or any(not k.startswith("water_branch.") for k in missing):
        raise SystemExit(f"checkpoint does not fit: missing {missing}, unexpected {unexpected}")
    for p in net.parameters():
        p.requires_grad_(False)
    for p in net.water_branch.parameters():
        p.requires_grad_(True)
    net.eval()                       # the trunk's BatchNorm keeps its statistics
    net.water_branch.train()

    cache = os.path.join(args.cache, generator_fingerprint(targs.get("generator", DEFAULT_GENERATOR)))
    jobs = [(targs.get("generator", DEFAULT_GENERATOR), i, "train", cache, factor, 0) for i in range(args.examples)]
    with mp.get_context("fork").Pool(2) as workers:
        made = list(workers.imap(_make, jobs, chunksize=8))
    known = [m for m in made if not np.isnan(np.asarray(m[4], np.float32)).any()]
    ex = Examples(len(known))
    for m in known:
        ex.add(m)
    print(f"water branch: {len(known)} of {args.examples} generated examples have a water map; "
          f"pool: {len(pool.names('train'))} training photos; tiles {size} px at {gsd} m/px", flush=True)

    rng, grng = np.random.RandomState(args.seed), np.random.default_rng(args.seed)
    opt = torch.optim.AdamW(net.water_branch.parameters(), lr=args.lr, weight_decay=1e-4)
    t0, run = time.time(), []
    half = args.batch // 2
    kinds = land_objects.parse_kinds(args.land_kinds)
    for step in range(1, args.steps + 1):
        for g in opt.param_groups:
            g["lr"] = args.lr * 0.5 * (1 + np.cos(np.pi * step / args.steps))
        pi, pw = pool_batch(grng, half, size, gsd)
        idx = rng.randint(0, ex.filled, args.batch - half)
        gi, gw = ex.images[idx], ex.water[idx].astype(np.float32)
        x, w = to_tensors(np.concatenate([pi, gi]), np.concatenate([pw, gw]), rng, args.land_objects, gsd, kinds)
        with torch.no_grad():
            f4, f8, f16 = net.trunk(x)
        loss = F.binary_cross_entropy_with_logits(net.water_branch(f4, f8, f16), w)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        run.append(float(loss))
        if step % 100 == 0:
            print(f"step {step}  water BCE {np.mean(run[-100:]):.3f}  {time.time() - t0:.0f} s", flush=True)
    out = {**state, "model": net.state_dict(), "args": {**targs, "water_branch": True},
           "water": {"steps": args.steps, "batch": args.batch, "examples": len(known), "seed": args.seed,
                     "land_objects": args.land_objects, "land_kinds": args.land_kinds,
                     "final_bce": float(np.mean(run[-100:]))}}
    torch.save(out, args.out)
    print(f"written {args.out}", flush=True)


if __name__ == "__main__":
    main()
