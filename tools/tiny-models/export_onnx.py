#!/usr/bin/env python3
"""Exports a tiny fixture model (tools/tiny-models/make_tiny_*.py) to ONNX the way the Hub's feature-extraction
exports of decoder embedders look (onnx-community/Qwen3-Embedding-0.6B-ONNX, optimum's feature-extraction task):
inputs input_ids, attention_mask and position_ids, output last_hidden_state, no KV cache. The transformers model
itself is exported (torch.onnx.export, TorchScript exporter, opset 17), so the graph is the reference
implementation's, not the workbench's.

Run in a scratch environment made from the local wheelhouse (torch, transformers 5.x, onnx, onnxruntime):

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install --no-index --find-links /opt/wheels --find-links /opt/pypi/files \\
        --find-links /opt/pypi-more/files torch transformers onnx onnxruntime
    /tmp/stvenv/bin/python tools/tiny-models/export_onnx.py \\
        app/core/src/test/resources/org/taew/core/tiny-qwen3 \\
        app/core/src/test/resources/org/taew/core/tiny-qwen3-onnx

Writes OUT_DIR/model.onnx only (the rest of the folder is the source fixture's: a test copies the fixture and
adds the export, which the model folder reader prefers to model.safetensors). Checks ONNX Runtime against torch on
a left-padded batch before it returns (positions of real tokens; padded positions are masked out).
"""
import os
import sys

import numpy as np
import onnxruntime as ort
import torch
from transformers import AutoModel


class LastHiddenState(torch.nn.Module):
    """The base model's forward with positions given, returning last_hidden_state only."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids):
        return self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            position_ids=position_ids,
            use_cache=False,
        ).last_hidden_state


def positions(mask):
    """As transformers computes them for left padding: running count of real tokens minus one, padding at 1."""
    return (mask.cumsum(-1) - 1).masked_fill(mask == 0, 1)


def main(src, out):
    model = AutoModel.from_pretrained(src, attn_implementation="eager").eval()
    wrapped = LastHiddenState(model)
    ids = torch.tensor([[0, 5, 6, 7], [4, 5, 6, 7]])
    mask = torch.tensor([[0, 1, 1, 1], [1, 1, 1, 1]])
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "model.onnx")
    names = ["input_ids", "attention_mask", "position_ids", "last_hidden_state"]
    torch.onnx.export(
        wrapped,
        (ids, mask, positions(mask)),
        path,
        input_names=names[:3],
        output_names=names[3:],
        dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names},
        opset_version=17,
        dynamo=False,
    )
    session = ort.InferenceSession(path)
    got = session.run(
        None,
        {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "position_ids": positions(mask).numpy()},
    )[0]
    with torch.no_grad():
        want = wrapped(ids, mask, positions(mask)).numpy()
    real = mask.numpy().astype(bool)
    diff = float(np.abs(got[real] - want[real]).max())
    print(f"{path}: {os.path.getsize(path)} bytes; ONNX Runtime vs torch on real tokens: max |diff| {diff:.2e}")
    if diff > 1e-4:
        sys.exit("the export does not reproduce torch")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
