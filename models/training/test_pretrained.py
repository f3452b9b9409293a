"""Tests of the pretrained trunk's weight loading (models/training/pretrained.py).

    cd /work/main && /usr/bin/python3 -m unittest models.training.test_pretrained -v

The real weights (backbone/fetch-mobilenet-v2.sh) were checked once against TensorFlow.js running the
same Keras model: strides 4, 8 and 16 agreed to 4e-5 (model card). These tests check the layout rules on
made-up weights, so they need neither the network nor the fetched file.
"""
from __future__ import annotations

import json
import os
import tempfile
import unittest

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover
    torch = None


def keras_index(trunk) -> list[tuple[str, tuple]]:
    """The Keras names and shapes of every tensor the trunk takes, in a shuffled order (Keras's own is not ours)."""
    out = []

    def conv(name, bn, c, depthwise):
        w = c.weight
        shape = (w.shape[2], w.shape[3], w.shape[0], 1) if depthwise else (w.shape[2], w.shape[3], w.shape[1], w.shape[0])
        out.append((f"{name}/{'depthwise_kernel' if depthwise else 'kernel'}", shape))
        for k in ("gamma", "beta", "moving_mean", "moving_variance"):
            out.append((f"{bn}/{k}", (w.shape[0],)))
    conv("Conv1", "bn_Conv1", trunk.stem[-2], False)
    for i, b in enumerate(trunk.blocks):
        p = "expanded_conv" if i == 0 else f"block_{i}"
        if b.expand is not None:
            conv(f"{p}_expand", f"{p}_expand_BN", b.expand[-2], False)
        conv(f"{p}_depthwise", f"{p}_depthwise_BN", b.depthwise[-2], True)
        conv(f"{p}_project", f"{p}_project_BN", b.project[-2], False)
    out.append(("dense_1/kernel", (4, 2)))  # a tensor the trunk does not take (the package's classifier)
    order = np.random.RandomState(0).permutation(len(out))
    return [out[i] for i in order]


@unittest.skipIf(torch is None, "needs Debian's PyTorch (apt-get install python3-torch), run with /usr/bin/python3")
class KerasWeightsTest(unittest.TestCase):
    def setUp(self):
        from .pretrained import MobileNetV2Trunk
        self.trunk = MobileNetV2Trunk().eval()
        self.dir = tempfile.mkdtemp()
        rng = np.random.RandomState(1)
        self.values = {}
        parts, index = [], []
        for name, shape in keras_index(self.trunk):
            v = rng.uniform(0.5, 1.5, shape).astype("<f4") if name.endswith("variance") else rng.normal(0, 0.1, shape).astype("<f4")
            self.values[name] = v
            parts.append(v.ravel())
            index.append({"name": name, "shape": list(shape)})
        self.path = os.path.join(self.dir, "w")
        np.concatenate(parts).tofile(self.path + ".bin")
        with open(self.path + ".json", "w") as f:
            json.dump(index, f)

    def test_every_conv_and_batchnorm_of_the_trunk_is_loaded_in_torch_layout(self):
        self.assertEqual(self.trunk.load_keras(self.path), 5 * (1 + 3 * 12 + 2))
        k = self.values["block_3_expand/kernel"]                      # [1, 1, in, out]
        np.testing.assert_array_equal(self.trunk.blocks[3].expand[-2].weight.detach().numpy()[:, :, 0, 0], k[0, 0].T)
        d = self.values["block_6_depthwise/depthwise_kernel"]         # [3, 3, C, 1]
        np.testing.assert_array_equal(self.trunk.blocks[6].depthwise[-2].weight.detach().numpy()[:, 0], d[:, :, :, 0].transpose(2, 0, 1))
        np.testing.assert_array_equal(self.trunk.blocks[12].project[-1].running_var.numpy(),
                                      self.values["block_12_project_BN/moving_variance"])

    def test_a_stride_2_conv_pads_bottom_and_right_as_keras_does(self):
        self.trunk.load_keras(self.path)
        x = torch.randn(1, 3, 32, 32)
        conv = self.trunk.stem[-2]
        ours = self.trunk.stem[:-1](x)                                # KerasPad, then the 'valid' conv
        keras = F.conv2d(F.pad(x, (0, 1, 0, 1)), conv.weight, stride=2)
        torch.testing.assert_close(ours, keras)
        self.assertEqual(tuple(ours.shape), (1, 32, 16, 16))

    def test_the_network_gives_stride_4_maps_and_a_short_file_is_refused(self):
        from .pretrained import PretrainedNet
        net = PretrainedNet(32, 16).eval()
        net.trunk.load_keras(self.path)
        with torch.no_grad():
            e, s, w = net.logits(torch.randn(2, 3, 128, 128), water=True)
        self.assertEqual(tuple(e.shape), (2, 1, 32, 32))
        self.assertTrue(torch.isfinite(e).all() and torch.isfinite(s).all())
        with open(self.path + ".bin", "ab") as f:
            f.write(b"\0\0\0\0")
        with self.assertRaisesRegex(ValueError, "floats"):
            net.trunk.load_keras(self.path)

    def test_with_a_water_branch_the_water_map_comes_from_the_trunk_and_the_heads_are_unchanged(self):
        from .pretrained import PretrainedNet
        torch.manual_seed(0)
        plain = PretrainedNet(32, 16).eval()
        torch.manual_seed(0)
        branched = PretrainedNet(32, 16, water_branch=True).eval()
        branched.load_state_dict(plain.state_dict(), strict=False)
        x = torch.randn(1, 3, 64, 64)
        with torch.no_grad():
            e0, s0, w0 = plain.logits(x, water=True)
            e1, s1, w1 = branched.logits(x, water=True)
            f4, f8, f16 = branched.trunk(x)
            torch.testing.assert_close(w1, branched.water_branch(f4, f8, f16))
        torch.testing.assert_close(e0, e1)
        torch.testing.assert_close(s0, s1)
        self.assertEqual(tuple(w1.shape), (1, 1, 16, 16))
        self.assertFalse(torch.allclose(w0, w1))

    def test_a_frozen_trunk_keeps_its_batchnorm_statistics_while_the_rest_trains(self):
        from .pretrained import PretrainedNet
        net = PretrainedNet(32, 16)
        net.freeze_trunk()
        net.train()
        self.assertFalse(net.trunk.training)
        self.assertTrue(net.training)
        before = {k: v.clone() for k, v in net.state_dict().items() if "running_mean" in k}
        net.logits(torch.randn(2, 3, 64, 64) * 3 + 1)
        after = net.state_dict()
        moved = {k for k, v in before.items() if not torch.equal(v, after[k])}
        self.assertTrue(moved, "no BatchNorm outside the trunk updated its statistics")
        self.assertFalse({k for k in moved if k.startswith("trunk.")}, "the frozen trunk's statistics moved")


if __name__ == "__main__":
    unittest.main()
