"""The default heatmap detector: a small fully convolutional network, stride 4 outputs.

Contract (what src/inference/onnx-session.ts and decode-heatmap.ts read):
    input   float32 [N, 3, H, W], H and W multiples of 32 (256 in the exported model), NCHW RGB,
            x = (rgb / 255 - MEAN) / STD per channel (ImageNet statistics)
    extent  float32 [N, 1, H/4, W/4]  probability that the cell is discharge (plume) water
    source  float32 [N, 1, H/4, W/4]  probability-like score, peaking where the discharge enters the water
`forward` returns probabilities (the sigmoid is inside the exported graph); training uses `logits`.
Training also has a third, auxiliary head, `water` (the share of water in each cell, where the generator
knows it): it teaches the network where discharge can be at all. It is not part of the exported model.

Shape: stem to stride 2, depthwise-separable stages to strides 4, 8, 16, and at stride 16 dilated blocks
(dilation 2, 4, 8) so the receptive field (about 500 px, i.e. 15 m at 3 cm/px) takes in the bank, the pipe
and the plume's shape, not only its colour. A light top-down path (bilinear x2, add a 1x1 projection of the
stride-8 and stride-4 features, one separable block each) brings it back to stride 4; two 1x1 heads.
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
STRIDE = 4
MULTIPLE = 32  # H and W must be multiples of this (stride 16 plus one spare halving for the dilated blocks)
SOURCE_PRIOR = 0.01  # initial source probability (CenterNet: the head bias starts at logit(0.01))
EXTENT_PRIOR = 0.05


def conv_bn(cin: int, cout: int, k: int = 3, stride: int = 1, dilation: int = 1, groups: int = 1, relu: bool = True):
    layers = [nn.Conv2d(cin, cout, k, stride, padding=dilation * (k // 2), dilation=dilation, groups=groups, bias=False),
              nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class Separable(nn.Module):
    """Depthwise 3x3 (stride, dilation) + BN + ReLU, pointwise 1x1 + BN (+ ReLU); residual when shapes match."""

    def __init__(self, cin: int, cout: int, stride: int = 1, dilation: int = 1):
        super().__init__()
        self.dw = conv_bn(cin, cin, 3, stride, dilation, groups=cin)
        self.pw = conv_bn(cin, cout, 1, relu=False)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.pw(self.dw(x))
        return F.relu(x + y if self.residual else y)


class TopDownNet(nn.Module):
    """What HeatmapNet and pretrained.PretrainedNet share: the top-down path from stride 16 back to stride 4
    (bilinear x2, plus a 1x1 projection of the stride-8 and stride-4 features, one separable block each) and
    the three 1x1 heads. A subclass builds its own features, calls `_add_top_down` and defines `logits`."""

    def _add_top_down(self, c4: int, c8: int, c16: int, decoder: int):
        self.lat16 = conv_bn(c16, decoder, 1)
        self.lat8 = conv_bn(c8, decoder, 1, relu=False)
        self.lat4 = conv_bn(c4, decoder, 1, relu=False)
        self.up8 = Separable(decoder, decoder)
        self.up4 = Separable(decoder, decoder)
        self.extent_head = nn.Conv2d(decoder, 1, 1)
        self.source_head = nn.Conv2d(decoder, 1, 1)
        self.water_head = nn.Conv2d(decoder, 1, 1)
        nn.init.constant_(self.extent_head.bias, _logit(EXTENT_PRIOR))
        nn.init.constant_(self.source_head.bias, _logit(SOURCE_PRIOR))

    def _top_down(self, f4, f8, f16, water: bool = False, water_logits=None):
        """(extent, source) logits at stride 4, and with water=True the water logits: `water_logits` when
        given, else the water head's."""
        y = self.lat16(f16)
        y = self.up8(F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False) + self.lat8(f8))
        y = self.up4(F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False) + self.lat4(f4))
        if water:
            return self.extent_head(y), self.source_head(y), water_logits if water_logits is not None else self.water_head(y)
        return self.extent_head(y), self.source_head(y)

    def forward(self, x):
        extent, source = self.logits(x)
        return torch.sigmoid(extent), torch.sigmoid(source)


class HeatmapNet(TopDownNet):
    def __init__(self, widths=(24, 48, 96, 192), decoder: int = 48):
        super().__init__()
        c2, c4, c8, c16 = widths
        self.stem = conv_bn(3, c2, 3, 2)                                  # /2
        self.s4 = nn.Sequential(conv_bn(c2, c4, 3, 2), Separable(c4, c4))  # /4 (a full 3x3: texture matters here)
        self.s8 = nn.Sequential(Separable(c4, c8, 2), Separable(c8, c8))   # /8
        self.s16 = nn.Sequential(Separable(c8, c16, 2), Separable(c16, c16),
                                 Separable(c16, c16, dilation=2), Separable(c16, c16, dilation=4),
                                 Separable(c16, c16, dilation=8))          # /16, wide context
        self._add_top_down(c4, c8, c16, decoder)

    def logits(self, x, water: bool = False):
        """x: [N,3,H,W] normalised -> (extent, source) logits, each [N,1,H/4,W/4] (and water's with water=True)."""
        f4 = self.s4(self.stem(x))
        f8 = self.s8(f4)
        return self._top_down(f4, f8, self.s16(f8), water)


class WithWater(nn.Module):
    """The network as exported with its water head: (extent, source, water) probabilities. `water` is the
    share of water in each cell, learned from the pool photos' real masks and the generators' own; the decoder
    can drop a detection that does not lie on water (a red car or a culvert on land)."""

    def __init__(self, net: HeatmapNet):
        super().__init__()
        self.net = net

    def forward(self, x):
        extent, source, water = self.net.logits(x, water=True)
        return torch.sigmoid(extent), torch.sigmoid(source), torch.sigmoid(water)


def _logit(p: float) -> float:
    return float(torch.log(torch.tensor(p / (1 - p))))


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def fuse_batchnorm(model: nn.Module) -> nn.Module:
    """In eval mode, folds every conv_bn's BatchNorm into its conv (smaller, simpler ONNX graph); in place."""
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    model.eval()
    for module in model.modules():
        if isinstance(module, nn.Sequential) and len(module) >= 2 \
                and isinstance(module[0], nn.Conv2d) and isinstance(module[1], nn.BatchNorm2d):
            module[0] = fuse_conv_bn_eval(module[0], module[1])
            module[1] = nn.Identity()
    return model
