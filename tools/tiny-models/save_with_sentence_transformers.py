#!/usr/bin/env python3
"""Saves the tiny BERT, T5, Qwen3 and Gemma 3 fixtures with sentence-transformers itself, with a length limit
shorter than the texts and prompts that hold a line break, and writes what sentence-transformers' encode() gives
for them: the reference of ModelLayoutTest (app/core), which checks that the workbench reads a model folder as
sentence-transformers reads it.

Needs the reference libraries, not Debian's torch: a scratch virtual environment from the local wheelhouse,

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install --no-index --find-links WHEELHOUSE torch sentence-transformers==6.0.1
    /tmp/stvenv/bin/python tools/tiny-models/save_with_sentence_transformers.py [OUT_DIR]

OUT_DIR defaults to app/core/src/test/resources/org/taew/core. For each ARCH in bert, t5, qwen3, gemma3 it
writes OUT_DIR/tiny-st6-ARCH/: the folder exactly as SentenceTransformer.save writes it (sentence-transformers 6
keeps the limit as tokenizer_config.json "model_max_length" and no longer writes "max_seq_length" into
sentence_bert_config.json), plus st-reference.json:

  limit           the limit the model was saved with (model.max_seq_length)
  texts           [{"side": "query"|"document", "text": ..., "tokens": token count with the side's prompt and no
                  limit, "truncated": tokens > limit}]
  prompts         the prompts the folder was saved with
  embeddings      encode(texts of a side, prompt_name=side), the folder loaded back from disk
  embeddings_full the same with no limit (what a reader that misses the limit computes), to show it differs

Before writing, the script also checks that sentence-transformers gives the same vectors for the older layout
(the limit in sentence_bert_config.json, the tokenizer's own model_max_length left in tokenizer_config.json),
which ModelLayoutTest builds from these folders the same way.
"""
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import sentence_transformers
import torch
import transformers
from sentence_transformers import SentenceTransformer
from sentence_transformers.models import Normalize, Pooling, Transformer

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "..", "app", "core", "src", "test", "resources", "org", "taew", "core")
LIMIT = 24

# Each prompt holds a line break, as Qwen3-Embedding's does; words come from the fixture's vocabulary.
PROMPTS = {
    "bert": {"query": "search query:\nfind the passage for this question: ", "document": "passage:\n"},
    "t5": {
        "query": "represent the question\nfor retrieving supporting documents: ",
        "document": "represent the document for retrieval:\n",
    },
    "qwen3": {
        "query": "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:",
        "document": "",
    },
    "gemma3": {"query": "task: search result\n| query: ", "document": "title: none | text: "},
}

QUERIES = [
    "how do i reset my vpn password?",
    "where is the printer paper jam help desk on the third floor, and who can open a ticket for my laptop wifi"
    " access when the network is slow?",
    "new employee badge access",
]
DOCUMENTS = [
    "the vpn client needs a new password every ninety days; open a ticket with the help desk if the login does"
    " not work after the reset, and the support team will update your account within a week.",
    "the office is on the third floor.",
    "holiday leave must be approved by your manager before you book travel; see the travel policy for expense"
    " claims, attach the invoice and submit it to finance within thirty days of the end of the month.",
]


def load(arch):
    if arch == "bert":
        # tiny-bert is a workbench descriptor folder; sentence-transformers builds its modules from it
        src = os.path.join(RESOURCES, "tiny-bert")
        transformer = Transformer(src)
        pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
        return SentenceTransformer(modules=[transformer, pooling, Normalize()], device="cpu")
    return SentenceTransformer(os.path.join(RESOURCES, "tiny-" + arch), device="cpu")


def encode(model, prompts):
    out = []
    for side, texts in (("query", QUERIES), ("document", DOCUMENTS)):
        if prompts.get(side):
            v = model.encode(texts, prompt_name=side, convert_to_numpy=True, normalize_embeddings=False)
        else:
            v = model.encode(texts, convert_to_numpy=True, normalize_embeddings=False)
        out.extend(v.tolist())
    return np.array(out, dtype=np.float64)


def min_cosine(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(axis=1).min())


def set_key(path, key, value):
    with open(path) as f:
        cfg = json.load(f)
    cfg[key] = value
    with open(path, "w") as f:
        json.dump(cfg, f, indent=2)


def older_layout(folder, target, tokenizer_limit):
    """The folder as sentence-transformers < 6 left it: max_seq_length in sentence_bert_config.json, the
    tokenizer's own limit in tokenizer_config.json."""
    shutil.copytree(folder, target)
    set_key(os.path.join(target, "sentence_bert_config.json"), "max_seq_length", LIMIT)
    set_key(os.path.join(target, "tokenizer_config.json"), "model_max_length", tokenizer_limit)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else RESOURCES
    torch.manual_seed(0)
    for arch, prompts in PROMPTS.items():
        model = load(arch)
        model.prompts = dict(prompts)
        model.max_seq_length = LIMIT
        target = os.path.join(out_dir, "tiny-st6-" + arch)
        if os.path.exists(target):
            shutil.rmtree(target)
        model.save(target)
        # the Normalize module's config is the only file in its folder, which git keeps
        loaded = SentenceTransformer(target, device="cpu")
        assert loaded.max_seq_length == LIMIT, (arch, loaded.max_seq_length)
        with open(os.path.join(target, "sentence_bert_config.json")) as f:
            assert "max_seq_length" not in json.load(f), "sentence-transformers 6 no longer writes it"
        vectors = encode(loaded, prompts)
        tokenizer = loaded.tokenizer
        rows = []
        for side, texts in (("query", QUERIES), ("document", DOCUMENTS)):
            for t in texts:
                n = len(tokenizer(prompts.get(side, "") + t, truncation=False)["input_ids"])
                rows.append({"side": side, "text": t, "tokens": n, "truncated": n > LIMIT})
        assert any(r["truncated"] for r in rows) and not all(r["truncated"] for r in rows), rows
        with tempfile.TemporaryDirectory() as tmp:
            old = os.path.join(tmp, "old")
            older_layout(target, old, 512)
            old_vectors = encode(SentenceTransformer(old, device="cpu"), prompts)
            assert min_cosine(vectors, old_vectors) > 0.9999999, (arch, "older layout differs")
        loaded.max_seq_length = 512 if arch == "t5" else 64
        full = encode(loaded, prompts)
        print(f"{arch}: {sum(r['truncated'] for r in rows)} of {len(rows)} texts cut at {LIMIT} tokens;"
              f" min cosine to the uncut vectors {min_cosine(vectors, full):.4f}")
        reference = {
            "versions": {
                "sentence_transformers": sentence_transformers.__version__,
                "transformers": transformers.__version__,
                "torch": torch.__version__,
            },
            "limit": LIMIT,
            "prompts": prompts,
            "texts": rows,
            "embeddings": [[round(x, 7) for x in v] for v in vectors.tolist()],
            "embeddings_full": [[round(x, 7) for x in v] for v in full.tolist()],
        }
        with open(os.path.join(target, "st-reference.json"), "w") as f:
            json.dump(reference, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
