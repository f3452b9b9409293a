"""A heatmap network on an ImageNet-pretrained MobileNetV2 trunk.

Every network the project trained from scratch on its own generators (runs A to H of the model card) learned
those generators: none went above F1 0.51 on an outside renderer. Features learned from a million real photos
are the usual answer to that. No weights can be downloaded here except from the npm registry, and one npm
package ships a MobileNetV2 with its weights: nsfwjs 4.3.0 (MIT, Infinite Red). Its blocks 0 to 10 are the
Keras ImageNet weights, frozen when the package's classifier was trained (their layers say trainable: false);
blocks 11 to 16 and the classifier were trained further for that package's own task. We take the trunk up to
block 12 (stride 16, 96 channels) and train it further on our examples.

`backbone/fetch-mobilenet-v2.sh` makes `mobilenet_v2.bin` and `.json` (float32, dequantised from the
package's 8-bit weights) from the npm tarball, whose SHA-256 it checks.

Same contract as net.HeatmapNet: `logits(x, water)` on ImageNet-normalised input, stride 4 outputs.
"""
from __future__ import annotations

import json
import os

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from .net import MEAN, STD, HeatmapNet, Separable, TopDownNet, conv_bn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_WEIGHTS = os.path.join(HERE, "backbone", "mobilenet_v2")
EPS = 1e-3  # Keras BatchNormalization's epsilon

# (expansion, output channels, stride) of Keras MobileNetV2 (alpha 1.0) blocks 0 ("expanded_conv") to 12.
BLOCKS = [(1, 16, 1), (6, 24, 2), (6, 24, 1), (6, 32, 2), (6, 32, 1), (6, 32, 1), (6, 64, 2), (6, 64, 1),
          (6, 64, 1), (6, 64, 1), (6, 96, 1), (6, 96, 1), (6, 96, 1)]
TAPS = {2: "f4", 5: "f8", 12: "f16"}  # the block whose output each stride's lateral reads


class KerasPad(nn.Module):
    """Keras pads a stride-2 3x3 'valid' conv by one pixel at the bottom and right only."""

    def forward(self, x):
        return F.pad(x, (0, 1, 0, 1))


def _conv(cin, cout, k=1, stride=1, groups=1):
    pad = 0 if stride == 2 else k // 2
    layers = [KerasPad()] if stride == 2 else []
    return nn.Sequential(*layers, nn.Conv2d(cin, cout, k, stride, pad, groups=groups, bias=False),
                         nn.BatchNorm2d(cout, eps=EPS))


class InvertedResidual(nn.Module):
    def __init__(self, cin, expansion, cout, stride):
        super().__init__()
        mid = cin * expansion
        self.expand = _conv(cin, mid) if expansion != 1 else None
        self.depthwise = _conv(mid, mid, 3, stride, groups=mid)
        self.project = _conv(mid, cout)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = F.relu6(self.expand(x)) if self.expand is not None else x
        y = self.project(F.relu6(self.depthwise(y)))
        return x + y if self.residual else y


class MobileNetV2Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = _conv(3, 32, 3, 2)
        blocks, cin = [], 32
        for e, c, s in BLOCKS:
            blocks.append(InvertedResidual(cin, e, c, s))
            cin = c
        self.blocks = nn.ModuleList(blocks)
        # ImageNet-normalised input (the project's contract) to Keras MobileNetV2's [-1, 1]
        self.register_buffer("scale", torch.tensor(STD).view(1, 3, 1, 1) * 2.0)
        self.register_buffer("shift", torch.tensor(MEAN).view(1, 3, 1, 1) * 2.0 - 1.0)

    def forward(self, x):
        y = F.relu6(self.stem(x * self.scale + self.shift))
        taps = {}
        for i, block in enumerate(self.blocks):
            y = block(y)
            if i in TAPS:
                taps[TAPS[i]] = y
        return taps["f4"], taps["f8"], taps["f16"]

    def load_keras(self, path: str = DEFAULT_WEIGHTS):
        """Loads <path>.bin / <path>.json (fetch-mobilenet-v2.sh) into the trunk; returns the tensors set."""
        with open(path + ".json") as f:
            index = json.load(f)
        flat = np.fromfile(path + ".bin", dtype="<f4")
        weights, off = {}, 0
        for w in index:
            n = int(np.prod(w["shape"]))
            weights[w["name"]] = flat[off:off + n].reshape(w["shape"])
            off += n
        if off != flat.size:
            raise ValueError(f"{path}.bin: {flat.size} floats, the index names {off}")
        names = [("Conv1", "bn_Conv1", self.stem, False)]
        for i, block in enumerate(self.blocks):
            p = "expanded_conv" if i == 0 else f"block_{i}"
            if block.expand is not None:
                names.append((f"{p}_expand", f"{p}_expand_BN", block.expand, False))
            names.append((f"{p}_depthwise", f"{p}_depthwise_BN", block.depthwise, True))
            names.append((f"{p}_project", f"{p}_project_BN", block.project, False))
        count = 0
        for conv_name, bn_name, seq, depthwise in names:
            conv, bn = seq[-2], seq[-1]
            if depthwise:
                k = weights[f"{conv_name}/depthwise_kernel"]          # [kh, kw, C, 1]
                t = torch.from_numpy(np.ascontiguousarray(k.transpose(2, 3, 0, 1)))  # [C, 1, kh, kw]
            else:
                k = weights[f"{conv_name}/kernel"]                    # [kh, kw, in, out]
                t = torch.from_numpy(np.ascontiguousarray(k.transpose(3, 2, 0, 1)))  # [out, in, kh, kw]
            if tuple(t.shape) != tuple(conv.weight.shape):
                raise ValueError(f"{conv_name}: {tuple(t.shape)} against {tuple(conv.weight.shape)}")
            conv.weight.data.copy_(t)
            for ours, theirs in (("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
                                 ("running_var", "moving_variance")):
                getattr(bn, ours).data.copy_(torch.from_numpy(weights[f"{bn_name}/{theirs}"]))
            count += 5
        return count


class WaterBranch(nn.Module):
    """Water or land per stride-4 cell, from the trunk's features at strides 4, 8 and 16."""

    def __init__(self, width: int = 48):
        super().__init__()
        self.reduce = conv_bn(24 + 32 + 96, width, 1)
        self.mix = nn.Sequential(Separable(width, width), Separable(width, width, dilation=2))
        self.head = nn.Conv2d(width, 1, 1)

    def forward(self, f4, f8, f16):
        up = lambda f: F.interpolate(f, size=f4.shape[-2:], mode="bilinear", align_corners=False)  # noqa: E731
        return self.head(self.mix(self.reduce(torch.cat([f4, up(f8), up(f16)], 1))))


class PretrainedNet(TopDownNet):
    """MobileNetV2 trunk (strides 4, 8, 16), dilated context blocks at stride 16 and the top-down path and
    heads of net.HeatmapNet."""

    def __init__(self, context: int = 160, decoder: int = 64, water_branch: bool = False):
        super().__init__()
        self.trunk = MobileNetV2Trunk()
        # Optional: a water map read from the trunk's features alone (train_water.py fits it, trunk frozen).
        self.water_branch = WaterBranch() if water_branch else None
        self.context = nn.Sequential(Separable(96, context), Separable(context, context, dilation=2),
                                     Separable(context, context, dilation=4), Separable(context, context, dilation=8))
        self._add_top_down(24, 32, context, decoder)

    frozen_trunk = False

    def freeze_trunk(self):
        """No gradients for the trunk, and its BatchNorm keeps its statistics (ImageNet's) in training mode too."""
        self.frozen_trunk = True
        for p in self.trunk.parameters():
            p.requires_grad_(False)
        return self.train(self.training)

    def train(self, mode: bool = True):
        super().train(mode)
        if self.frozen_trunk:
            self.trunk.eval()
        return self

    def logits(self, x, water: bool = False):
        f4, f8, f16 = self.trunk(x)
        branch = self.water_branch(f4, f8, f16) if water and self.water_branch is not None else None
        return self._top_down(f4, f8, self.context(f16), water, branch)


def make_net(args: dict, load_backbone: bool = False) -> nn.Module:
    """The network a checkpoint's (or train.py's) arguments describe: HeatmapNet, or with backbone
    'mobilenet_v2' a PretrainedNet (its trunk loaded from the fetched weights when load_backbone)."""
    backbone = args.get("backbone", "none") or "none"
    if backbone == "none":
        return HeatmapNet(tuple(args.get("widths", (24, 48, 96, 192))), args.get("decoder", 48))
    if backbone != "mobilenet_v2":
        raise ValueError(f"unknown backbone {backbone!r}")
    net = PretrainedNet(args.get("widths", (0, 0, 0, 160))[3], args.get("decoder", 64), bool(args.get("water_branch")))
    if load_backbone:
        path = args.get("backbone_weights") or DEFAULT_WEIGHTS
        if not os.path.exists(path + ".bin"):
            raise SystemExit(f"{path}.bin is missing: run models/training/backbone/fetch-mobilenet-v2.sh first")
        net.trunk.load_keras(path)
    return net
