#!/usr/bin/env python3
"""Writes a tiny, randomly initialised Qwen3 embedding model (laid out like Qwen/Qwen3-Embedding-0.6B) and
PyTorch reference outputs for it, for the tests of the native (DJL NDArray) decoder encoder.

Run with Debian's python3-torch (apt install python3-torch); no transformers, tokenizers or safetensors
packages are used, the files are written by hand:

    /usr/bin/python3 tools/tiny-models/make_tiny_qwen3.py [OUT_DIR]

OUT_DIR defaults to app/core/src/test/resources/org/taew/core/tiny-qwen3. The seed is fixed, so a rerun
writes the same bytes (with the same torch build). Files written into OUT_DIR:

  config.json                        Hugging Face Qwen3Config keys (model_type "qwen3"), tiny sizes
  model.safetensors                  F32 weights under Qwen3Model's own names (no "model." prefix)
  tokenizer.json                     WordLevel tokenizer, Lowercase + Whitespace, "$A <|endoftext|>"
  tokenizer_config.json              padding_side "left", pad "<|endoftext|>", eos "<|im_end|>", no BOS
  modules.json                       Transformer "" -> Pooling "1_Pooling" -> Normalize "2_Normalize"
  1_Pooling/config.json              last-token pooling, include_prompt true
  sentence_bert_config.json          max_seq_length 64
  config_sentence_transformers.json  the real model's "query"/"document" prompts
  README.md                          a three-line model card
  reference.json                     token ids, the left-padded batch, its last hidden state, the
                                     embeddings, and embeddings with one detail deliberately wrong

No 2_Normalize folder is written: Normalize has no files (sentence-transformers' Normalize.save writes
nothing), git keeps no empty folder, and a Hugging Face snapshot of the real model has none either, so a
loader must take Normalize from modules.json alone.

Primary sources the forward pass follows
  * Qwen3 Technical Report (arXiv:2505.09388): Qwen2.5-style decoder with QK-Norm, GQA, SwiGLU, RoPE,
    pre-RMSNorm; Qwen3 Embedding report (arXiv:2506.05176): last-token ([EOS]) pooling, instruction
    prepended to the query only.
  * RoPE: Su et al., RoFormer (arXiv:2104.09864); RMSNorm: Zhang & Sennrich (arXiv:1910.07467);
    SwiGLU: Shazeer (arXiv:2002.05202); GQA: Ainslie et al. (arXiv:2305.13245).
  * huggingface/transformers src/transformers/models/qwen3/modeling_qwen3.py: Qwen3RMSNorm.forward,
    Qwen3MLP.forward, Qwen3RotaryEmbedding.compute_default_rope_parameters/forward, rotate_half,
    apply_rotary_pos_emb, repeat_kv, eager_attention_forward, Qwen3Attention.forward,
    Qwen3DecoderLayer.forward, Qwen3Model.__init__/forward; configuration_qwen3.py (Qwen3Config keys).
  * UKPLab/sentence-transformers sentence_transformers/models/Pooling.py (Pooling.forward, lasttoken
    branch: the last position whose attention mask is 1, found with flip + max, so it works for left
    and right padding), models/Normalize.py, SentenceTransformer.py (save: modules.json,
    config_sentence_transformers.json; encode: prompt + text, prompt_length).

The forward pass, as written below (float32 throughout):
  x = embed_tokens[ids]
  per layer:  h = input_layernorm(x)
              q = q_proj(h) viewed [b, n, heads, head_dim];   k, v = k_proj(h), v_proj(h) as [b, n, kv, hd]
              q = q_norm(q), k = k_norm(k)   (RMSNorm over head_dim, per head, BEFORE rotary)
              q, k = q*cos + rotate_half(q)*sin, same for k   (rotate_half: (x1, x2) -> (-x2, x1), halves,
                     not interleaved; cos/sin of position * inv_freq repeated twice along head_dim;
                     inv_freq[i] = 1 / rope_theta^(2i/head_dim), i = 0 .. head_dim/2-1)
              query head j uses kv head j // (heads/kv)        (repeat_kv)
              scores = q k^T * head_dim^-0.5 + mask; mask = 0 where key <= query AND key is not padding,
                       float32 min elsewhere; softmax over keys in float32
              x = x + o_proj(concat of heads)
              x = x + down_proj(silu(gate_proj(h2)) * up_proj(h2)),  h2 = post_attention_layernorm(x)
  last_hidden_state = norm(x)
  RMSNorm(x) = weight * (x * rsqrt(mean(x^2 over last dim) + rms_norm_eps)), computed in float32.
  Position ids: Qwen3Model.forward, given no position_ids (sentence-transformers passes none), uses
  cache_position = arange(seq_len) for every row, so in a LEFT-padded row the first real token sits at
  position = number of pad tokens. RoPE makes q.k depend only on the difference of positions, so a constant
  shift per row (e.g. numbering each row's real tokens from 0) gives the same result up to float rounding.
  The reference below uses HF's arange, pads included.
  Sentence embedding: last_hidden_state at the last position whose attention mask is 1 (with left padding
  always the final column; it holds the appended <|endoftext|>), then L2-normalised.

Weights: Qwen3-Embedding-0.6B has tie_word_embeddings true and is saved by sentence-transformers through
AutoModel, i.e. as Qwen3Model (the base model, no lm_head); its safetensors keys carry no "model." prefix
(huggingface/text-embeddings-inference backends/candle/src/models/qwen3.rs, Qwen3Model::load, strips a
"model." prefix only when present and says only the Qwen3-Reranker checkpoints carry it). So this file
holds embed_tokens.weight once and no lm_head.weight. The rotary inv_freq is a non-persistent buffer in HF
and is not saved.

Sizes and scales (tuned so that every broken variant changes the embeddings visibly): hidden 32, 4 query
heads, 2 kv heads, head_dim 12 (heads*head_dim = 48 != hidden), 2 layers, intermediate 64, rope_theta 1e6,
random norm weights around 1, q/k projections scaled up so that q_norm/k_norm matter. The minimum cosine of
each broken variant to the correct embeddings is printed when the script runs.

Cross-check (done once by hand, not part of this script): in a throwaway venv, transformers 5.18.0's
AutoModel loaded this folder as Qwen3Model with no missing or unexpected keys and matched
batch_last_hidden_state on the masked positions to 2e-6 (eager and sdpa attention); AutoTokenizer and the
tokenizers library gave the same ids, left padding included; sentence-transformers 6.0.1
(SentenceTransformer(folder).encode with prompt_name "query"/"document") matched "embeddings" to 3e-7.
"""
import math
import sys
from pathlib import Path

import torch
from torch import nn

from fixture_io import (check_broken, pad_batch, report_written, tokenize, tokenizer_json, write_json,
                        write_reference, write_safetensors, write_sentence_transformers_files)

DEFAULT_OUT = "app/core/src/test/resources/org/taew/core/tiny-qwen3"

ENDOFTEXT, IM_START, IM_END, UNK = "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<unk>"
SPECIAL = [ENDOFTEXT, IM_START, IM_END, UNK]
WORDS = (
    "instruct given a web search query retrieve relevant passages that answer the "
    "how do i reset my vpn password printer paper jam to your open account page and choose new one "
    "office is on third floor holiday leave must be approved by manager before you book travel see policy "
    "expense claims attach invoice then submit it finance within thirty days what when where who why with "
    "can an of in for or are was laptop wifi ticket badge access email calendar meeting room employee "
    "approve refund software install update phone code document embedding model instruction task "
    "first second help desk support team login sign out please contact if not working after days "
    "this from at we our they will should this all any each other time year week today train "
    "car parking building lunch coffee kitchen printer network server backup file folder share "
    "drive upload download report form request hr it"
).split()
PUNCT = [":", "|", ".", ",", "?"]
VOCAB = list(dict.fromkeys(SPECIAL + WORDS + PUNCT))
TOKEN_ID = {t: i for i, t in enumerate(VOCAB)}
# the post-processor's templates: "<|endoftext|>" appended (the Qwen3-Embedding tokenizer's), second sequence type 1
SINGLE, PAIR = f"$A {ENDOFTEXT}", f"$A {ENDOFTEXT} $B:1 {ENDOFTEXT}:1"

QUERY_PROMPT = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:"
PROMPTS = {"query": QUERY_PROMPT, "document": ""}

# (prompt, text after the prompt); sentence-transformers gives the tokenizer prompt + text, no separator
TEXTS = [
    (QUERY_PROMPT, "how do i reset my vpn password?"),
    ("", "vpn"),
    ("", "To reset your password, open the account page and choose a new one."),
    (QUERY_PROMPT, "printer jam"),
    ("", "The zorblax office is on the third floor."),  # "zorblax" is not in the vocabulary
    ("", "Holiday leave must be approved by your manager before you book travel | see policy."),
    ("", "Expense claims: attach the invoice"),
]

CONFIG = {
    "architectures": ["Qwen3ForCausalLM"],  # as the real Qwen3-Embedding config.json says
    "attention_bias": False,
    "attention_dropout": 0.0,
    "bos_token_id": TOKEN_ID[ENDOFTEXT],
    "eos_token_id": TOKEN_ID[ENDOFTEXT],
    "pad_token_id": TOKEN_ID[ENDOFTEXT],
    "head_dim": 12,
    "hidden_act": "silu",
    "hidden_size": 32,
    "initializer_range": 0.02,
    "intermediate_size": 64,
    "max_position_embeddings": 64,
    "max_window_layers": 2,
    "model_type": "qwen3",
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "num_key_value_heads": 2,
    "rms_norm_eps": 1e-06,
    "rope_scaling": None,
    "rope_theta": 1000000,
    "sliding_window": None,
    "tie_word_embeddings": True,
    "torch_dtype": "float32",
    "use_cache": True,
    "use_sliding_window": False,
    "vocab_size": len(VOCAB),
}


# ---------------------------------------------------------------- model (Qwen3Model parameter names)

class RMSNorm(nn.Module):
    def __init__(self, n, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))
        self.eps = eps

    def forward(self, x):
        x32 = x.to(torch.float32)
        return self.weight * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps))


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, hd = c["hidden_size"], c["head_dim"]
        self.heads, self.kv, self.hd = c["num_attention_heads"], c["num_key_value_heads"], hd
        self.q_proj = nn.Linear(h, self.heads * hd, bias=False)
        self.k_proj = nn.Linear(h, self.kv * hd, bias=False)
        self.v_proj = nn.Linear(h, self.kv * hd, bias=False)
        self.o_proj = nn.Linear(self.heads * hd, h, bias=False)
        self.q_norm = RMSNorm(hd, c["rms_norm_eps"])
        self.k_norm = RMSNorm(hd, c["rms_norm_eps"])

    def forward(self, x, cos, sin, bias, qk_norm=True):
        b, n, _ = x.shape
        q = self.q_proj(x).view(b, n, self.heads, self.hd)
        k = self.k_proj(x).view(b, n, self.kv, self.hd)
        v = self.v_proj(x).view(b, n, self.kv, self.hd)
        if qk_norm:
            q, k = self.q_norm(q), self.k_norm(k)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)  # [b, heads, n, hd]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = self.heads // self.kv
        k = k.repeat_interleave(rep, dim=1)  # query head j <- kv head j // rep
        v = v.repeat_interleave(rep, dim=1)
        scores = torch.matmul(q, k.transpose(2, 3)) * (self.hd ** -0.5) + bias
        probs = torch.softmax(scores, dim=-1, dtype=torch.float32)
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, n, self.heads * self.hd)
        return self.o_proj(ctx)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, i = c["hidden_size"], c["intermediate_size"]
        self.gate_proj = nn.Linear(h, i, bias=False)
        self.up_proj = nn.Linear(h, i, bias=False)
        self.down_proj = nn.Linear(i, h, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = SelfAttention(c)
        self.mlp = MLP(c)
        self.input_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        self.post_attention_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])

    def forward(self, x, cos, sin, bias, qk_norm=True):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, bias, qk_norm)
        return x + self.mlp(self.post_attention_layernorm(x))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class TinyQwen3Model(nn.Module):
    """State dict = Qwen3Model's: embed_tokens, layers.{i}.*, norm (no rotary buffer, no lm_head)."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList([DecoderLayer(c) for _ in range(c["num_hidden_layers"])])
        self.norm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])

    def forward(self, input_ids, attention_mask, rope_theta=None, causal=True, qk_norm=True):
        c = self.c
        b, n = input_ids.shape
        theta = float(c["rope_theta"] if rope_theta is None else rope_theta)
        hd = c["head_dim"]
        inv_freq = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
        positions = torch.arange(n).unsqueeze(0).expand(b, n).float()  # HF: cache_position, pads included
        freqs = positions[:, :, None] * inv_freq[None, None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos()[:, None], emb.sin()[:, None]  # [b, 1, n, hd]
        keys = attention_mask.bool()[:, None, None, :]  # [b, 1, 1, n]
        allowed = keys & torch.tril(torch.ones(n, n, dtype=torch.bool))[None, None] if causal else keys
        allowed = allowed.expand(b, 1, n, n)
        bias = torch.zeros(b, 1, n, n).masked_fill(~allowed, torch.finfo(torch.float32).min)
        x = self.embed_tokens(input_ids)
        for layer in self.layers:
            x = layer(x, cos, sin, bias, qk_norm)
        return self.norm(x)


# ---------------------------------------------------------------- sentence-transformers modules

def last_token_pool(hidden, mask):
    """Pooling.forward, lasttoken: the last index whose mask is 1 (flip + max), times the mask."""
    b, n, _ = hidden.shape
    values, idx = mask.flip(1).max(1)
    idx = torch.where(values == 0, torch.full_like(idx, n - 1), idx)
    gather = n - idx - 1
    return (hidden * mask.unsqueeze(-1).float())[torch.arange(b), gather]


def mean_pool(hidden, mask):
    m = mask.unsqueeze(-1).float()
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


def normalize(v):
    return nn.functional.normalize(v, p=2, dim=1)


# ---------------------------------------------------------------- weights and files

def init_weights(model):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("q_norm.weight") or name.endswith("k_norm.weight"):
                p.copy_(1.0 + 0.4 * torch.randn_like(p))
            elif name.endswith("norm.weight"):  # input/post_attention layernorm, final norm
                p.copy_(1.0 + 0.3 * torch.randn_like(p))
            elif name == "embed_tokens.weight":
                p.copy_(torch.randn_like(p))
            elif name.endswith("q_proj.weight") or name.endswith("k_proj.weight"):
                # large, so that q_norm/k_norm visibly rescale the queries and keys
                p.copy_(3.0 * torch.randn_like(p) / math.sqrt(p.shape[1]))
            else:
                p.copy_(1.0 * torch.randn_like(p) / math.sqrt(p.shape[1]))


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20261125)
    model = TinyQwen3Model(CONFIG).eval()
    init_weights(model)
    pad_id = CONFIG["pad_token_id"]

    texts = [p + t for p, t in TEXTS]
    ids = [tokenize(t, VOCAB, SINGLE, unk=UNK) for t in texts]
    batch_ids, batch_mask = pad_batch(ids, "left", pad_id)
    r_ids, r_mask = pad_batch(ids, "right", pad_id)
    with torch.no_grad():
        hidden = model(batch_ids, batch_mask)
        emb = normalize(last_token_pool(hidden, batch_mask))
        broken = {
            "rope_theta_default": normalize(last_token_pool(model(batch_ids, batch_mask, rope_theta=10000),
                                                            batch_mask)),
            "bidirectional": normalize(last_token_pool(model(batch_ids, batch_mask, causal=False), batch_mask)),
            # padded on the right, then pooled at the last column as if the padding were on the left
            "right_padding_last_position": normalize(model(r_ids, r_mask)[:, -1]),
            "no_qk_norm": normalize(last_token_pool(model(batch_ids, batch_mask, qk_norm=False), batch_mask)),
            "mean_pooling": normalize(mean_pool(hidden, batch_mask)),
        }
        # sanity: each text alone (no padding, positions from 0) gives the same embedding as in the batch
        for i, s in enumerate(ids):
            one = torch.tensor([s])
            alone = normalize(last_token_pool(model(one, torch.ones_like(one)), torch.ones_like(one)))
            assert (alone[0] - emb[i]).abs().max() < 1e-5, (i, (alone[0] - emb[i]).abs().max())
        # sanity: right padding with correct last-token pooling gives the same embeddings
        right = normalize(last_token_pool(model(r_ids, r_mask), r_mask))
        assert (right - emb).abs().max() < 1e-5

    print("hidden state: abs max %.3f, rms %.3f" % (hidden.abs().max(), hidden.pow(2).mean().sqrt()))
    check_broken(broken, emb)

    write_safetensors(out / "model.safetensors", model.state_dict())
    write_json(out / "config.json", CONFIG)
    write_json(out / "tokenizer.json", tokenizer_json(VOCAB, SPECIAL, SINGLE, PAIR, unk=UNK), indent=1)
    write_json(out / "tokenizer_config.json", {
        "add_bos_token": False,
        "add_eos_token": False,
        "bos_token": None,
        "eos_token": IM_END,
        "pad_token": ENDOFTEXT,
        "unk_token": UNK,
        "additional_special_tokens": [IM_START, IM_END],
        "model_max_length": 64,
        "padding_side": "left",
        "tokenizer_class": "PreTrainedTokenizerFast",
    })
    write_sentence_transformers_files(out, ["Transformer", "Pooling", "Normalize"], "lasttoken",
                                      CONFIG["hidden_size"], PROMPTS)
    (out / "README.md").write_text(
        "# tiny-qwen3 (test fixture)\n"
        "A tiny, randomly initialised Qwen3 decoder (2 layers, hidden 32, GQA 4/2 heads, head_dim 12) for tests; "
        "its outputs mean nothing.\n"
        "It imitates the layout of Qwen/Qwen3-Embedding-0.6B (last-token pooling, left padding, query prompt); "
        "made by tools/tiny-models/make_tiny_qwen3.py.\n", encoding="utf-8")
    write_reference(
        out / "reference.json", texts=[(p, t, False) for p, t in TEXTS], input_ids=ids, padding_side="left",
        batch_ids=batch_ids, batch_mask=batch_mask, hidden=hidden, embeddings=emb, broken=broken)
    report_written(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
