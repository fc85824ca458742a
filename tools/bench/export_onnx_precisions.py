#!/usr/bin/env python3
"""Writes the ONNX exports of a model folder in the three precisions the Hub publishes, for the benchmark
`taew-bench onnx-precisions` (app/bench OnnxPrecisionBenchmark), which calls it on folders of random weights
of the real shapes of EmbeddingGemma-300M and Qwen3-Embedding-0.6B:

    DIR/onnx/model.onnx + model.onnx_data   fp32, the transformers model exported by torch.onnx.export
                                            (inputs input_ids, attention_mask and position_ids for
                                            decoders; output last_hidden_state), weights in the external
                                            data file as large Hub exports keep them
    DIR/onnx/model_quantized.onnx           int8: ONNX Runtime's quantize_dynamic (QInt8 weights)
    DIR/onnx/model_q4.onnx                  4-bit: ONNX Runtime's MatMulNBits quantizer (block 32,
                                            symmetric)

Every tool here is the reference one (transformers, torch.onnx, ONNX Runtime's quantizers), so the exports
are what a user downloads, not something the workbench made. Usage (a scratch environment from the local
wheelhouse, as tools/tiny-models/export_onnx.py says):

    /tmp/stvenv/bin/python tools/bench/export_onnx_precisions.py DIR

With --accuracy-level 4 the 4-bit file computes in int8 (MatMulNBits accuracy_level 4, as ONNX Runtime GenAI's
model builder writes CPU models); by default in float32 (level 0, as transformers.js' quantizer writes them).
With --q4-only, the folder's existing fp32 ONNX file (model.onnx or onnx/model.onnx, e.g. a bundled model's)
is only quantized to DIR/onnx/model_q4.onnx, for `taew-bench precision --draft q4 --models DIR,...`.
"""
import os
import sys
import tempfile
import time

import onnx
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
from transformers import AutoConfig, AutoModel, T5EncoderModel


def additive(allowed):
    """A boolean [batch, 1, query, key] mask as the additive float mask eager attention adds."""
    return torch.zeros(allowed.shape).masked_fill(~allowed, torch.finfo(torch.float32).min)


def bidirectional_masks(attention_mask, window):
    """EmbeddingGemma's masks (use_bidirectional_attention): every real token sees every real token in full
    layers, and those closer than the sliding window in sliding layers, as transformers builds them. Built here
    because transformers' own mask builder uses vmap, which the TorchScript exporter cannot trace."""
    length = attention_mask.shape[1]
    real = attention_mask.bool()[:, None, None, :].expand(-1, 1, length, length)
    at = torch.arange(length)
    near = (at[:, None] - at[None, :]).abs() < window
    return {"full_attention": additive(real), "sliding_attention": additive(real & near[None, None])}


class TokenStates(torch.nn.Module):
    """The base model's forward returning last_hidden_state only (positions given for decoders)."""

    def __init__(self, model, decoder):
        super().__init__()
        self.model = model
        self.decoder = decoder
        self.bidirectional = bool(getattr(model.config, "use_bidirectional_attention", False))

    def forward(self, input_ids, attention_mask, position_ids=None):
        if not self.decoder:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = bidirectional_masks(attention_mask, self.model.config.sliding_window) if self.bidirectional \
            else attention_mask
        return self.model(
            input_ids=input_ids, attention_mask=mask, position_ids=position_ids, use_cache=False
        ).last_hidden_state


def load(folder):
    config = AutoConfig.from_pretrained(folder)
    if config.model_type == "t5":
        return T5EncoderModel.from_pretrained(folder, dtype=torch.float32).eval(), False
    model = AutoModel.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager")
    return model.eval(), True


def export_fp32(folder, out):
    model, decoder = load(folder)
    wrapped = TokenStates(model, decoder)
    ids = torch.tensor([[5, 6, 7, 8], [9, 10, 11, 12]])
    mask = torch.ones_like(ids)
    names = ["input_ids", "attention_mask"] + (["position_ids"] if decoder else [])
    args = (ids, mask) + ((torch.arange(4).expand(2, 4),) if decoder else ())
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        torch.onnx.export(
            wrapped,
            args,
            raw,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names + ["last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
        graph = onnx.load(raw)
    onnx.save_model(
        graph, out, save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx_data"
    )


def quantize_int8(fp32, out):
    quantize_dynamic(fp32, out, weight_type=QuantType.QInt8)


def quantize_q4(fp32, out, accuracy_level=None):
    """accuracy_level None or 0: MatMulNBits computes in float32 (dequantizing each block); 4: in int8 with the
    activations quantized on the fly, as ONNX Runtime GenAI's model builder writes CPU models."""
    quantizer = MatMulNBitsQuantizer(
        onnx.load(fp32), block_size=32, is_symmetric=True, accuracy_level=accuracy_level
    )
    quantizer.process()
    quantizer.model.save_model_to_file(out, use_external_data_format=False)


def main(folder, q4_only=False, accuracy_level=None):
    onnx_dir = os.path.join(folder, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    fp32 = os.path.join(onnx_dir, "model.onnx")
    if q4_only:
        source = next(f for f in (os.path.join(folder, "model.onnx"), fp32) if os.path.isfile(f))
        out = os.path.join(onnx_dir, "model_q4.onnx")
        quantize_q4(source, out, accuracy_level)
        print(f"q4: {out} ({os.path.getsize(out) / 1e6:.0f} MB) from {source}")
        return
    steps = [
        ("fp32", lambda: export_fp32(folder, fp32), [fp32, fp32 + "_data"]),
        ("int8", lambda: quantize_int8(fp32, os.path.join(onnx_dir, "model_quantized.onnx")),
         [os.path.join(onnx_dir, "model_quantized.onnx")]),
        ("q4", lambda: quantize_q4(fp32, os.path.join(onnx_dir, "model_q4.onnx"), accuracy_level),
         [os.path.join(onnx_dir, "model_q4.onnx")]),
    ]
    for name, step, files in steps:
        start = time.time()
        step()
        size = sum(os.path.getsize(f) for f in files)
        print(f"{name}: {', '.join(os.path.basename(f) for f in files)} ({size / 1e6:.0f} MB) in "
              f"{time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    level = sys.argv.index("--accuracy-level") if "--accuracy-level" in sys.argv else -1
    main(sys.argv[1], "--q4-only" in sys.argv[2:], int(sys.argv[level + 1]) if level > 0 else None)
