#!/usr/bin/env python3
"""Writes a tiny random BERT for the tests of the TorchScript path and the native encoder.

Run with Debian's python3-torch (apt install python3-torch); no model hub, no transformers:

    /usr/bin/python3 tools/tiny-bert/make_tiny_bert.py app/core/src/test/resources/org/taew/core/tiny-bert

It writes, into that folder:
  model.pt           the model scripted with torch.jit.script (TorchScript), inputs
                     (input_ids, attention_mask, token_type_ids), output the last hidden state
  model.safetensors  the same weights under Hugging Face's BERT names ([out, in] linear weights)
  config.json        Hugging Face's BERT config for these shapes
  tokenizer.json     a WordPiece tokenizer over a small vocabulary
  taew-model.json    how the workbench pools it (mean, normalised)
  reference.json     token ids of a few texts and torch's own last hidden state for them

The module below follows BERT's definition (post-norm encoder, exact GELU); its parameter names are
Hugging Face's, so its state_dict is what a BertModel checkpoint holds.
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch
from torch import nn

CONFIG = {
    "model_type": "bert",
    "vocab_size": 0,  # set from the vocabulary below
    "hidden_size": 32,
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "intermediate_size": 64,
    "hidden_act": "gelu",
    "layer_norm_eps": 1e-12,
    "max_position_embeddings": 64,
    "type_vocab_size": 2,
    "pad_token_id": 0,
}

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = (
    "the a an of to in on for and or is are was how do i my can what when where who why with "
    "reset password vpn laptop wifi printer paper jam leave days holiday expense claim train "
    "ticket office floor third badge access account email calendar meeting room book new "
    "employee manager approve travel policy refund invoice software install update phone "
    "code query search document passage retrieval embedding model instruction task"
).split()
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")
PUNCT = list(".,?!:;'\"()-/")
VOCAB = SPECIAL + WORDS + LETTERS + ["##" + c for c in LETTERS] + PUNCT


class Linear(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.dense = nn.Linear(n_in, n_out)


class SelfAttention(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.query = nn.Linear(h, h)
        self.key = nn.Linear(h, h)
        self.value = nn.Linear(h, h)


class AttentionOutput(nn.Module):
    def __init__(self, h, eps):
        super().__init__()
        self.dense = nn.Linear(h, h)
        self.LayerNorm = nn.LayerNorm(h, eps=eps)


class Attention(nn.Module):
    def __init__(self, h, eps):
        super().__init__()
        self.self = SelfAttention(h)
        self.output = AttentionOutput(h, eps)


class Output(nn.Module):
    def __init__(self, i, h, eps):
        super().__init__()
        self.dense = nn.Linear(i, h)
        self.LayerNorm = nn.LayerNorm(h, eps=eps)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, eps = c["hidden_size"], c["layer_norm_eps"]
        self.heads = c["num_attention_heads"]
        self.attention = Attention(h, eps)
        self.intermediate = Linear(h, c["intermediate_size"])
        self.output = Output(c["intermediate_size"], h, eps)

    def split(self, t, b: int, n: int, hs: int):
        return t.view(b, n, self.heads, hs).transpose(1, 2)

    def forward(self, x, bias):
        b, n, h = x.shape
        hs = h // self.heads
        a = self.attention.self
        q = self.split(a.query(x), b, n, hs)
        k = self.split(a.key(x), b, n, hs)
        v = self.split(a.value(x), b, n, hs)
        scores = q @ k.transpose(-1, -2) / math.sqrt(hs) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, h)
        o = self.attention.output
        x = o.LayerNorm(o.dense(ctx) + x)
        inner = nn.functional.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(self.output.dense(inner) + x)


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.word_embeddings = nn.Embedding(c["vocab_size"], h)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=c["layer_norm_eps"])


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])


class TinyBert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)

    def forward(self, input_ids, attention_mask, token_type_ids):
        n = input_ids.shape[1]
        positions = torch.arange(n, device=input_ids.device).unsqueeze(0)
        e = self.embeddings
        x = e.word_embeddings(input_ids) + e.token_type_embeddings(token_type_ids)
        x = e.LayerNorm(x + e.position_embeddings(positions))
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e30
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return x


def tokenizer_json():
    special = [
        {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for i, t in enumerate(SPECIAL)
    ]
    cls, sep = VOCAB.index("[CLS]"), VOCAB.index("[SEP]")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [cls], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [sep], "tokens": ["[SEP]"]},
            },
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100,
                  "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }


def write_safetensors(path, state):
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        data = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20261124)
    config = dict(CONFIG, vocab_size=len(VOCAB))
    model = TinyBert(config).eval()
    with torch.no_grad():  # larger than PyTorch's default init, so layers change the vectors visibly
        for name, p in model.named_parameters():
            if "LayerNorm" in name:
                p.copy_(1.0 + 0.1 * torch.randn_like(p) if name.endswith("weight") else 0.1 * torch.randn_like(p))
            else:
                p.copy_(0.3 * torch.randn_like(p))
    scripted = torch.jit.script(model)
    scripted.save(str(out / "model.pt"))
    write_safetensors(out / "model.safetensors", model.state_dict())
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out / "tokenizer.json").write_text(json.dumps(tokenizer_json(), indent=1) + "\n")
    (out / "taew-model.json").write_text(json.dumps(
        {"name": "tiny-bert", "family": "tiny", "pooling": "mean", "normalize": True, "max_length": 64},
        indent=2) + "\n")
    # torch's own output for two padded rows, for the Java tests to compare with
    ids = torch.tensor([[2, 10, 11, 12, 13, 3, 0], [2, 20, 21, 3, 0, 0, 0]])
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    with torch.no_grad():
        hidden = model(ids, mask, types)
    (out / "reference.json").write_text(json.dumps({
        "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
        "last_hidden_state": [[[round(v, 7) for v in tok] for tok in row] for row in hidden.tolist()],
        "torch_version": torch.__version__,
    }) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app/core/src/test/resources/org/taew/core/tiny-bert")
