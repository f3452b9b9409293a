#!/usr/bin/python3
"""Build the two hand-weighted fixture models (not trained; their outputs are known in closed form).

Run with the system Python that has numpy and onnx:   /usr/bin/python3 scripts/make-fixture-models.py
Deterministic: the same onnx/numpy versions write byte-identical files.

Both models score "dye" with s = (R + B) / 2 - G on 0..1 RGB: red/purple dyed water scores high (about 0.5),
green/blue/brown natural water, vegetation and roads score low (below 0.1).

models/fixture-heatmap   input  "input"  float32 [N,3,256,256] NCHW, normalised (rgb - mean) / std (ImageNet)
                         output "extent" float32 [N,1,64,64]   sigmoid(30 (s - 0.22)), s pooled over 4x4 pixels
                         output "source" float32 [N,1,64,64]   sigmoid(30 (s - 0.32))
models/fixture-yolo      input  "images"  float32 [1,3,640,640] NCHW, rgb in 0..1 (mean 0, std 1)
                         output "output0" float32 [1,5,400]     Ultralytics layout: cx, cy, w, h, score for a
                         20x20 grid of stride 32; cx, cy = cell centre, w = h = 96, score = sigmoid(30 (s32 - 0.22))
                         with s32 = s averaged over the 32x32 cell.

Also writes test/fixtures/model-io/<model>.json: a fixed input (a formula on pixel coordinates, as uint8 RGB)
and the outputs the numpy reference computes, for a jest test to compare with onnxruntime.
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, ROOT)
from models.training.formula_input import formula_input  # noqa: E402  (shared with the trained models' export)
K = 30.0
EXTENT_AT = 0.22
SOURCE_AT = 0.32
DYE = np.array([0.5, -1.0, 0.5], dtype=np.float64)  # s = 0.5 R - G + 0.5 B
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def dye_score(rgb01):
    """rgb01: [N,3,H,W] in 0..1 -> s [N,1,H,W]."""
    return np.tensordot(DYE, rgb01, axes=([0], [1]))[:, None, :, :]


def avg_pool(x, k):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // k, k, w // k, k).mean(axis=(3, 5))


# ---- reference implementations (numpy, float64) ----

def reference_heatmap(rgb01):
    s = avg_pool(dye_score(rgb01), 4)
    return {'extent': sigmoid(K * (s - EXTENT_AT)), 'source': sigmoid(K * (s - SOURCE_AT))}


def yolo_grid():
    j, i = np.meshgrid(np.arange(20), np.arange(20))
    cx = ((j + 0.5) * 32).reshape(-1)
    cy = ((i + 0.5) * 32).reshape(-1)
    wh = np.full(400, 96.0)
    return np.stack([cx, cy, wh, wh])[None]  # [1,4,400]


def reference_yolo(rgb01):
    s = avg_pool(dye_score(rgb01), 32).reshape(rgb01.shape[0], 1, 400)
    return {'output0': np.concatenate([yolo_grid(), sigmoid(K * (s - EXTENT_AT))], axis=1)}


# ---- ONNX graphs ----

def f32(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def dye_conv_weights(mean, std):
    """1x1 conv 3->1 that undoes (rgb - mean) / std and computes s: s = sum w_c (x_c std_c + mean_c)."""
    w = (DYE * np.array(std)).reshape(1, 3, 1, 1)
    b = np.array([float(np.dot(DYE, mean))])
    return w, b


def save(model_dir, graph, manifest, readme):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 17)], producer_name='outfall-scout-fixture')
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    os.makedirs(model_dir, exist_ok=True)
    data = model.SerializeToString(deterministic=True)
    with open(os.path.join(model_dir, 'model.onnx'), 'wb') as f:
        f.write(data)
    manifest['sha256'] = hashlib.sha256(data).hexdigest()
    with open(os.path.join(model_dir, 'model.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    with open(os.path.join(model_dir, 'README.md'), 'w') as f:
        f.write(readme)


def build_heatmap():
    w, b = dye_conv_weights(IMAGENET_MEAN, IMAGENET_STD)
    nodes = [
        helper.make_node('AveragePool', ['input'], ['pooled'], kernel_shape=[4, 4], strides=[4, 4]),
        helper.make_node('Conv', ['pooled', 'dye_w', 'dye_b'], ['dye']),
        helper.make_node('Conv', ['dye', 'logit_w', 'logit_b'], ['logits']),
        helper.make_node('Sigmoid', ['logits'], ['probs']),
        helper.make_node('Split', ['probs', 'split'], ['extent', 'source'], axis=1),
    ]
    inits = [
        f32('dye_w', w), f32('dye_b', b),
        f32('logit_w', np.array([K, K]).reshape(2, 1, 1, 1)), f32('logit_b', [-K * EXTENT_AT, -K * SOURCE_AT]),
        numpy_helper.from_array(np.array([1, 1], dtype=np.int64), 'split'),
    ]
    graph = helper.make_graph(
        nodes, 'fixture-heatmap',
        [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 3, 256, 256])],
        [helper.make_tensor_value_info('extent', TensorProto.FLOAT, ['N', 1, 64, 64]),
         helper.make_tensor_value_info('source', TensorProto.FLOAT, ['N', 1, 64, 64])],
        inits)
    manifest = {
        'name': 'fixture-heatmap', 'version': '1.0.0', 'task': 'heatmap',
        'input': {'name': 'input', 'size': 256, 'layout': 'NCHW', 'mean': IMAGENET_MEAN, 'std': IMAGENET_STD},
        'classes': ['discharge'], 'trainingGsd': 0.03,
        'thresholds': {'confidence': 0.3, 'nmsIou': 0.5, 'extent': 0.5, 'minAreaCells': 4,
                       'mergeIou': 0.3, 'mergeOverlap': 0.1, 'mergeSourcePx': 8},
        'heatmap': {'stride': 4, 'extentOutput': 'extent', 'sourceOutput': 'source'},
    }
    save(os.path.join(ROOT, 'models', 'fixture-heatmap'), graph, manifest, HEATMAP_README)


def build_yolo():
    w, b = dye_conv_weights([0, 0, 0], [1, 1, 1])
    nodes = [
        helper.make_node('AveragePool', ['images'], ['pooled'], kernel_shape=[32, 32], strides=[32, 32]),
        helper.make_node('Conv', ['pooled', 'dye_w', 'dye_b'], ['dye']),
        helper.make_node('Conv', ['dye', 'logit_w', 'logit_b'], ['logit']),
        helper.make_node('Sigmoid', ['logit'], ['score_map']),
        helper.make_node('Reshape', ['score_map', 'score_shape'], ['score']),
        helper.make_node('Concat', ['grid', 'score'], ['output0'], axis=1),
    ]
    inits = [
        f32('dye_w', w), f32('dye_b', b),
        f32('logit_w', np.array([K]).reshape(1, 1, 1, 1)), f32('logit_b', [-K * EXTENT_AT]),
        numpy_helper.from_array(np.array([1, 1, 400], dtype=np.int64), 'score_shape'),
        f32('grid', yolo_grid()),
    ]
    graph = helper.make_graph(
        nodes, 'fixture-yolo',
        [helper.make_tensor_value_info('images', TensorProto.FLOAT, [1, 3, 640, 640])],
        [helper.make_tensor_value_info('output0', TensorProto.FLOAT, [1, 5, 400])],
        inits)
    manifest = {
        'name': 'fixture-yolo', 'version': '1.0.0', 'task': 'yolo',
        'input': {'name': 'images', 'size': 640, 'layout': 'NCHW', 'mean': [0, 0, 0], 'std': [1, 1, 1],
                  'pad': [114 / 255, 114 / 255, 114 / 255]},
        'classes': ['discharge'], 'trainingGsd': 0.03,
        'thresholds': {'confidence': 0.5, 'nmsIou': 0.45, 'mergeIou': 0.3, 'mergeOverlap': 0.1, 'mergeSourcePx': 8},
        'yolo': {'output': 'output0'},
    }
    save(os.path.join(ROOT, 'models', 'fixture-yolo'), graph, manifest, YOLO_README)


# ---- fixed inputs and expected outputs for the jest check ----

def write_io(name, n, size, reference, mean, std):
    rgb = formula_input(n, size)
    # What the model sees: (rgb / 255 - mean) / std, rounded to float32 like the TypeScript packer does.
    x = ((rgb / 255.0 - np.array(mean)[None, :, None, None]) / np.array(std)[None, :, None, None]).astype(np.float32)
    back = x.astype(np.float64) * np.array(std)[None, :, None, None] + np.array(mean)[None, :, None, None]
    outputs = reference(back)
    doc = {
        'model': name,
        'input': {'n': n, 'size': size, 'formula': 'R=(3x+5y+17n)%256, G=(2x+7y+31n)%200, B=(5x+3y+59n)%256, uint8'},
        'outputs': {k: {'dims': list(v.shape), 'data': [round(float(a), 6) for a in v.reshape(-1)]} for k, v in outputs.items()},
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'model-io', name + '.json')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')


HEATMAP_README = """# fixture-heatmap

A hand-weighted, untrained network with known outputs, for tests. Written by `scripts/make-fixture-models.py`.

- input `input` float32 [N,3,256,256], NCHW, (rgb/255 - mean) / std with the ImageNet mean and std
  (the first 1x1 conv undoes the normalisation).
- AveragePool 4x4 stride 4, then dye score s = (R + B) / 2 - G on 0..1 RGB.
- output `extent` [N,1,64,64] = sigmoid(30 (s - 0.22)); output `source` [N,1,64,64] = sigmoid(30 (s - 0.32)).

Red or purple dyed water (s about 0.5) lights both maps; natural water, vegetation and roads (s < 0.1) light
neither. A plume is most concentrated at its source, so the source map peaks there.
"""

YOLO_README = """# fixture-yolo

A hand-weighted, untrained network in the Ultralytics YOLOv8/11 detect export layout, for tests. Written by
`scripts/make-fixture-models.py`.

- input `images` float32 [1,3,640,640], NCHW, rgb/255 (mean 0, std 1); padding colour 114 grey.
- output `output0` float32 [1,5,400]: for each cell of a 20x20 grid of stride 32: cx, cy (the cell centre),
  w = h = 96, then one class score sigmoid(30 (s32 - 0.22)), s32 = (R + B) / 2 - G averaged over the cell.
"""


if __name__ == '__main__':
    build_heatmap()
    build_yolo()
    write_io('fixture-heatmap', 2, 256, reference_heatmap, IMAGENET_MEAN, IMAGENET_STD)
    write_io('fixture-yolo', 1, 640, reference_yolo, [0, 0, 0], [1, 1, 1])
    print('wrote models/fixture-heatmap, models/fixture-yolo, test/fixtures/model-io/*.json')
