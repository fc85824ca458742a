"""Shared helpers of the tiny-model fixture scripts (make_tiny_t5.py, make_tiny_qwen3.py, make_tiny_gemma3.py).

The scripts import this module by plain name: Python puts a script's own folder first on sys.path, and this file
sits next to them. Like the scripts it needs only Debian's python3-torch (no transformers, tokenizers or
safetensors packages); everything Hugging Face would write is written here by hand, deterministically, so a rerun
of a script writes the same bytes.

What the helpers write and why it looks the way it does:

  * safetensors (write_safetensors): an 8-byte little-endian header length, a JSON header with
    {"__metadata__": {"format": "pt"}} like the files transformers writes, one entry per tensor
    {"dtype": "F32", "shape", "data_offsets"} and the header space-padded to a multiple of 8 bytes as the
    safetensors writer does; then the raw little-endian float32 data, in the header's order.
  * tokenizer.json (tokenizer_json): a WordLevel model with the Lowercase normalizer and the Whitespace
    pre-tokenizer (which splits on the regex \\w+|[^\\w\\s]+), the special tokens as added tokens, and a
    TemplateProcessing post-processor. Templates are written in the tokenizers library's own short form
    ("<bos> $A <eos>", "$A </s> $B:1 </s>:1": "$A"/"$B" are the sequences, anything else a special token,
    ":1" a type id), and tokenize() applies the same single-sequence template in Python, so the reference
    token ids and the tokenizer.json cannot drift apart.
  * sentence-transformers files (write_sentence_transformers_files, write_dense): modules.json with the
    folders "" (Transformer), "{idx}_{Type}" for the others, as SentenceTransformer.save names them;
    1_Pooling/config.json; sentence_bert_config.json; config_sentence_transformers.json; a Dense module's
    config.json and model.safetensors ("linear.weight", no bias, Identity activation). Normalize saves no files,
    and git keeps no empty folder, so no folder is written for it.
  * reference.json (write_reference): token ids, the padded batch, its last hidden state, the sentence
    embeddings and the "broken" variants (embeddings with one detail deliberately wrong), floats rounded to 7
    decimals (round7); check_broken prints how far each broken variant is from the correct embeddings and asserts
    that it differs visibly (minimum cosine below 0.9999).
"""
import json
import re
import struct

import torch


# ---------------------------------------------------------------- tokenizer

def template(spec):
    """A TemplateProcessing template in the tokenizers library's short form ("$A </s> $B:1 </s>:1") as the
    list of pieces tokenizer.json holds."""
    pieces = []
    for item in spec.split():
        match = re.fullmatch(r"(.+?)(?::(\d+))?", item)
        name, type_id = match.group(1), int(match.group(2) or 0)
        if name in ("$A", "$B"):
            pieces.append({"Sequence": {"id": name[1:], "type_id": type_id}})
        else:
            pieces.append({"SpecialToken": {"id": name, "type_id": type_id}})
    return pieces


def tokenize(text, vocab, single, unk="<unk>"):
    """What tokenizer_json's tokenizer does to one text: Lowercase, Whitespace pre-tokenizer (\\w+|[^\\w\\s]+),
    WordLevel lookup (unknown words -> unk), then the single-sequence template."""
    index = {t: i for i, t in enumerate(vocab)}
    words = [index.get(w, index[unk]) for w in re.findall(r"\w+|[^\w\s]+", text.lower())]
    ids = []
    for piece in template(single):
        if "Sequence" in piece:
            ids += words
        else:
            ids.append(index[piece["SpecialToken"]["id"]])
    return ids


def tokenizer_json(vocab, specials, single, pair, unk="<unk>"):
    """tokenizer.json of a WordLevel tokenizer over `vocab` with the added tokens `specials` and the
    post-processor templates `single` and `pair` (short form, see template)."""
    index = {t: i for i, t in enumerate(vocab)}
    single, pair = template(single), template(pair)
    special_tokens = {}
    for piece in single + pair:
        if "SpecialToken" in piece:
            t = piece["SpecialToken"]["id"]
            special_tokens.setdefault(t, {"id": t, "ids": [index[t]], "tokens": [t]})
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": index[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in specials
        ],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": pair,
                           "special_tokens": special_tokens},
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": index, "unk_token": unk},
    }


def pad_batch(seqs, side, pad_id):
    """Pads token id lists to the longest on the "left" or "right"; returns (input ids, attention mask)."""
    n = max(len(s) for s in seqs)
    ids, mask = [], []
    for s in seqs:
        fill = n - len(s)
        if side == "left":
            ids.append([pad_id] * fill + s)
            mask.append([0] * fill + [1] * len(s))
        else:
            ids.append(s + [pad_id] * fill)
            mask.append([1] * len(s) + [0] * fill)
    return torch.tensor(ids), torch.tensor(mask)


# ---------------------------------------------------------------- files

def write_safetensors(path, tensors, sort_names=True):
    """Writes the tensors as F32, by name order when sort_names is true, else in the mapping's own order."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in (sorted(tensors) if sort_names else tensors):
        t = tensors[name].detach().contiguous().to(torch.float32)
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)  # the safetensors writer pads the header with spaces to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for blob in blobs:
            f.write(blob)


def write_json(path, obj, indent=2):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")


def round7(values):
    """Nested lists of floats rounded to 7 decimals (what reference.json holds)."""
    if isinstance(values, list):
        return [round7(v) for v in values]
    return round(values, 7)


def write_sentence_transformers_files(out, modules, pooling, dimension, prompts, leading=None,
                                      max_seq_length=64):
    """modules.json for the module types `modules` (e.g. ["Transformer", "Pooling", "Normalize"]),
    1_Pooling/config.json with pooling mode `pooling` ("mean_tokens" or "lasttoken", include_prompt true),
    sentence_bert_config.json and config_sentence_transformers.json (the keys in `leading` first, then the prompts,
    no default prompt, cosine similarity)."""
    write_json(out / "modules.json", [
        {"idx": i, "name": str(i), "path": f"{i}_{kind}" if i else "",
         "type": f"sentence_transformers.models.{kind}"}
        for i, kind in enumerate(modules)
    ])
    modes = ["cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens", "lasttoken"]
    assert pooling in modes, pooling
    write_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": dimension,
        **{f"pooling_mode_{mode}": mode == pooling for mode in modes},
        "include_prompt": True,
    })
    write_json(out / "sentence_bert_config.json", {"max_seq_length": max_seq_length, "do_lower_case": False})
    write_json(out / "config_sentence_transformers.json", {
        **(leading or {}),
        "prompts": prompts,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })


def write_dense(folder, weight):
    """A sentence-transformers Dense module without bias and with the Identity activation; weight [out, in]."""
    write_json(folder / "config.json", {
        "in_features": weight.shape[1], "out_features": weight.shape[0], "bias": False,
        "activation_function": "torch.nn.modules.linear.Identity",
    })
    write_safetensors(folder / "model.safetensors", {"linear.weight": weight})


# ---------------------------------------------------------------- reference outputs

def check_broken(broken, embeddings, limit=0.9999):
    """Prints the cosine of each broken variant's embeddings to the correct ones (rows are L2-normalised) and
    asserts that every variant changes at least one text visibly."""
    for name, e in broken.items():
        cos = (e * embeddings).sum(1)
        print(f"broken {name:28s} min cosine {cos.min().item():.6f}  per text {[round(v, 4) for v in cos.tolist()]}")
        assert cos.min().item() < limit, name


def write_reference(path, *, texts, input_ids, padding_side, batch_ids, batch_mask, hidden, embeddings, broken,
                    **extra):
    """reference.json; texts are (prompt, text after the prompt, exclude_prompt) triples, hidden, embeddings and
    the broken variants' embeddings tensors (rounded here), extra keys come last."""
    write_json(path, {
        "torch_version": torch.__version__,
        "texts": [{"text": prompt + body, "prompt": prompt, "exclude_prompt": exclude}
                  for prompt, body, exclude in texts],
        "input_ids": input_ids,
        "padding_side": padding_side,
        "batch_input_ids": batch_ids.tolist(),
        "batch_attention_mask": batch_mask.tolist(),
        "batch_last_hidden_state": round7(hidden.tolist()),
        "embeddings": round7(embeddings.tolist()),
        "broken": {name: round7(e.tolist()) for name, e in broken.items()},
        **extra,
    }, indent=None)


def report_written(out):
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({total} bytes)")
