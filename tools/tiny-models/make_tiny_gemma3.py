#!/usr/bin/env python3
"""Writes a tiny random EmbeddingGemma-style model (bidirectional Gemma 3 text encoder) plus reference outputs.

Run with Debian's python3-torch (no transformers, tokenizers or safetensors packages needed):

    /usr/bin/python3 tools/tiny-models/make_tiny_gemma3.py [OUTPUT_DIR]

OUTPUT_DIR defaults to app/core/src/test/resources/org/taew/core/tiny-gemma3. The seed is fixed, so reruns write
byte-identical files. The folder has the layout of a sentence-transformers EmbeddingGemma checkpoint
(google/embeddinggemma-300m):

  config.json                     Gemma3TextConfig keys (model_type "gemma3_text", architectures ["Gemma3TextModel"])
  model.safetensors               F32 weights under the names Gemma3TextModel.save_pretrained writes
  tokenizer.json                  WordLevel tokenizer; post-processor "<bos> $A <eos>"
  tokenizer_config.json           padding_side "right", special tokens
  modules.json                    0 Transformer "", 1 Pooling, 2 Dense, 3 Dense, 4 Normalize
  1_Pooling/config.json           mean pooling, include_prompt true
  2_Dense/{config.json,model.safetensors}   hidden -> 4*hidden, no bias, Identity
  3_Dense/{config.json,model.safetensors}   4*hidden -> hidden, no bias, Identity
  sentence_bert_config.json, config_sentence_transformers.json (EmbeddingGemma's prompts), README.md
  reference.json                  token ids, the right-padded batch, its last hidden state, the sentence
                                  embeddings, and embeddings with one detail deliberately wrong ("broken")
(4_Normalize has no files in a sentence-transformers save, so no folder is written for it; git keeps no empty folder.)

Primary sources the forward pass follows
----------------------------------------
Gemma 3 Technical Report (arXiv:2503.19786); EmbeddingGemma (arXiv:2509.20354). Hugging Face transformers:
  models/gemma3/modeling_gemma3.py   Gemma3RMSNorm, Gemma3TextScaledWordEmbedding, Gemma3MLP, Gemma3RotaryEmbedding,
                                     rotate_half/apply_rotary_pos_emb, repeat_kv, eager_attention_forward,
                                     Gemma3Attention, Gemma3DecoderLayer, _bidirectional_window_overlay,
                                     Gemma3TextModel.forward
  models/gemma3/configuration_gemma3.py   Gemma3TextConfig (sliding window adjustment, rope thetas)
  masking_utils.py                   create_causal_mask, create_sliding_window_causal_mask, sliding_window_overlay,
                                     or_masks/and_masks, padding_mask_function, sdpa_mask/eager_mask
  models/gemma3/convert_gemma3_weights.py  the EmbeddingGemma export (key names, tokenizer flags, ST modules, prompts)

What it computes (x: [batch, seq, hidden]; the weights are stored as float32, the reference outputs are computed
from exactly those values in float64, i.e. they are the exact result for the stored weights):
  * embedding: embed_tokens.weight[ids] * sqrt(hidden_size)            (Gemma3TextScaledWordEmbedding)
  * RMSNorm (Gemma): x * rsqrt(mean(x^2, last dim) + eps) * (1 + weight), upcast to float32 in HF  (Gemma3RMSNorm)
  * each layer (Gemma3DecoderLayer, "sandwich" norms):
        h = x + post_attention_layernorm(self_attn(input_layernorm(x)))
        out = h + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(h)))
  * attention (Gemma3Attention): q = q_proj(x) split into num_attention_heads x head_dim, k/v into
    num_key_value_heads x head_dim; q_norm/k_norm (Gemma RMSNorm over head_dim, weight [head_dim]) BEFORE rotary;
    rotary with rotate_half (first half / second half, cos/sin = cat(freqs, freqs)), inv_freq =
    1 / base^(arange(0, head_dim, 2) / head_dim), positions 0..seq-1 (also for padded rows); base = rope_theta for
    "full_attention" layers and rope_local_base_freq for "sliding_attention" layers; key/value head of query head h
    is h // (num_attention_heads / num_key_value_heads) (repeat_kv); scores = q.k * query_pre_attn_scalar^-0.5
    (NOT head_dim^-0.5); no softcapping (attn_logit_softcapping null); additive mask, softmax (float32 in HF); o_proj.
  * MLP (Gemma3MLP): down_proj(gelu_tanh(gate_proj(x)) * up_proj(x)), gelu_pytorch_tanh = tanh approximation.
  * final norm; no biases anywhere.
  * mask (use_bidirectional_attention true): the 2-D attention mask only removes padded KEYS (padding_mask_function).
    full_attention layers: every real token attends to every real token (or_mask_function returns True).
    sliding_attention layers: Gemma3TextConfig.__init__ replaces sliding_window by (sliding_window // 2) + 1 when
    use_bidirectional_attention is true ("due to fa we set exclusive bounds"); Gemma3TextModel.forward then ORs the
    causal sliding mask (i - w < j <= i, masking_utils.sliding_window_overlay + causal_mask_function) with
    _bidirectional_window_overlay(w): abs(i - j) < w. The union is abs(i - j) < w. With the value written in
    config.json (W = 4 here, 512 in EmbeddingGemma) a token i sees key j iff
            abs(i - j) < W // 2 + 1,   i.e.  abs(i - j) <= W // 2   (here: <= 2, a 5-token band).
    Masked scores get the dtype's most negative value added (eager_mask), so padded query rows stay finite.
  * sentence-transformers chain: mean over real tokens (include_prompt true, so prompt tokens are kept) ->
    Dense 2 (x @ W2^T) -> Dense 3 (x @ W3^T) -> L2 normalise.

Checkpoint names: the EmbeddingGemma export saves a bare Gemma3TextModel at the folder root
(convert_gemma3_weights.py strips the "model." prefix), so keys have NO "model." prefix:
embed_tokens.weight, layers.{i}.{input_layernorm,post_attention_layernorm,pre_feedforward_layernorm,
post_feedforward_layernorm}.weight, layers.{i}.self_attn.{q,k,v,o}_proj.weight, layers.{i}.self_attn.{q,k}_norm.weight,
layers.{i}.mlp.{gate,up,down}_proj.weight, norm.weight. Gemma3TextModel has no lm_head, so there is no tied copy of
the embedding. Dense modules hold "linear.weight" [out, in]. Files carry {"__metadata__": {"format": "pt"}} as
Hugging Face's safetensors writer does.

Broken variants (each computed with exactly one detail wrong; the script prints min cosine to the correct embeddings
and asserts it is below 0.9999):
  norm_without_one    every RMSNorm multiplies by w instead of (1 + w)
  no_embedding_scale  embeddings not multiplied by sqrt(hidden_size)
  causal              causal masks instead of bidirectional ones (what Gemma3TextModel does with
                      use_bidirectional_attention false: full layers j <= i, sliding layers i - W < j <= i, W unhalved)
  single_rope_base    sliding layers use rope_theta too
  no_sliding_window   sliding layers attend to every real token
  gelu_exact          erf GELU instead of the tanh approximation
  no_dense            the two Dense modules skipped (pool -> normalise)
  window_not_halved   (extra) sliding band abs(i - j) < W taken straight from config.json, without (W // 2) + 1
  scale_by_head_dim   (extra) scores scaled by head_dim^-0.5 instead of query_pre_attn_scalar^-0.5
How they are made to matter: query_pre_attn_scalar (20) != head_dim (12); sliding_window 4 with texts up to 19
tokens; four layers of which three are sliding; norm weights random around 0. The tanh/erf GELU difference is
below 1e-3 for ordinary inputs, so the fixture gives hidden dimension 0 a large constant value in every token
embedding (a "bias channel"), which gate_proj uses to push the gate pre-activations to about -2.8 where the two
GELUs differ by a few percent relative; post_feedforward_layernorm rescales the small MLP output back to O(1).
Attention, up_proj and the output rows for dimension 0 are damped, and the final norm almost removes dimension 0,
so the channel does not dominate the sentence embeddings. The price is conditioning: in the GELU tail 1 + tanh(z)
cancels, so a float32 forward differs from the float64 reference by about 2.5e-5 in the last hidden state (printed
as "float32 forward vs float64 reference"); sentence vectors agree to a cosine of 1 - 1e-7.

Tokenizer: EmbeddingGemma's real tokenizer is a SentencePiece GemmaTokenizer with add_bos_token and add_eos_token
true and padding_side "right" (convert_gemma3_weights.py); this fixture keeps those flags but, because its
tokenizer.json is a WordLevel one, names "tokenizer_class": "PreTrainedTokenizerFast" (transformers would otherwise
pick GemmaTokenizer for model_type gemma3_text and replace the normalizer and pre-tokenizer). Pair template:
<bos> $A <eos> <bos> $B <eos>, as GemmaTokenizerFast builds it with both flags set.

Checked once outside this script (scratch virtualenv: torch 2.13.0+cpu, transformers 5.18.0, sentence-transformers
6.0.1, tokenizers 0.23.2): Rust tokenizers gives the same ids; AutoModel (Gemma3TextModel, eager and sdpa) matches
batch_last_hidden_state to 2.6e-5; SentenceTransformer(folder).encode matches "embeddings" to 1.5e-6 and
encode_query uses the "query" prompt; the broken variants causal, gelu_exact, single_rope_base, no_sliding_window,
window_not_halved and scale_by_head_dim equal what transformers computes with the matching config change
(use_bidirectional_attention false, hidden_activation "gelu", rope_local_base_freq 1e6, sliding_window 100,
sliding_window 7, query_pre_attn_scalar 12) to 1e-5.
"""
import copy
import math
import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from fixture_io import (check_broken, pad_batch, report_written, tokenize, tokenizer_json, write_dense, write_json,
                        write_reference, write_safetensors, write_sentence_transformers_files)

SEED = 20261129
HIDDEN = 32
CONFIG = {
    "architectures": ["Gemma3TextModel"],
    "model_type": "gemma3_text",
    "attention_bias": False,
    "attention_dropout": 0.0,
    "attn_logit_softcapping": None,
    "bos_token_id": 2,
    "eos_token_id": 1,
    "pad_token_id": 0,
    "final_logit_softcapping": None,
    "head_dim": 12,
    "hidden_activation": "gelu_pytorch_tanh",
    "hidden_size": HIDDEN,
    "initializer_range": 0.02,
    "intermediate_size": 40,
    "layer_types": ["sliding_attention", "sliding_attention", "full_attention", "sliding_attention"],
    "max_position_embeddings": 64,
    "num_attention_heads": 4,
    "num_hidden_layers": 4,
    "num_key_value_heads": 2,
    "query_pre_attn_scalar": 20,
    "rms_norm_eps": 1e-06,
    "rope_local_base_freq": 10000.0,
    "rope_scaling": None,
    "rope_theta": 1000000.0,
    "sliding_window": 4,
    "torch_dtype": "float32",
    "use_bidirectional_attention": True,
    "use_cache": True,
    "vocab_size": 0,  # set from the vocabulary below
}
DENSE_OUT = 4 * HIDDEN

SPECIAL = ["<pad>", "<eos>", "<bos>", "<unk>"]
PUNCT = [":", "|", ".", ",", "?"]
WORDS = (
    "task search result query title none text sentence similarity classification clustering code retrieval "
    "question answering summarization fact checking document passage "
    "the a an of to in on for and or is are was be by how do i my can what when where who why with your our "
    "it this that at from has have again must within not all new "
    "reset password vpn laptop wifi printer paper jam leave days holiday expense claims claim travel approved "
    "manager ticket office floor third badge access account email calendar meeting room book employee policy "
    "refund invoice software install update phone cat sat mat dog ran park weather today sunny rain cold "
    "hello world thirty two one three four five week month year team project report deadline help desk "
    "network server down slow fast login locked out screen monitor keyboard mouse coffee kitchen parking "
    "car bike train bus station city map lunch dinner menu price cost budget"
).split()
VOCAB = SPECIAL + WORDS + PUNCT
# the post-processor's templates, as GemmaTokenizerFast builds them with add_bos_token and add_eos_token true
SINGLE, PAIR = "<bos> $A <eos>", "<bos> $A <eos> <bos>:1 $B:1 <eos>:1"

QUERY = "task: search result | query: "
DOCUMENT = "title: none | text: "
STS = "task: sentence similarity | query: "
PROMPTS = {  # EmbeddingGemma's config_sentence_transformers.json (convert_gemma3_weights.py task_prompts)
    "query": QUERY,
    "document": DOCUMENT,
    "BitextMining": "task: search result | query: ",
    "Clustering": "task: clustering | query: ",
    "Classification": "task: classification | query: ",
    "InstructionRetrieval": "task: code retrieval | query: ",
    "MultilabelClassification": "task: classification | query: ",
    "PairClassification": "task: sentence similarity | query: ",
    "Reranking": "task: search result | query: ",
    "Retrieval": "task: search result | query: ",
    "Retrieval-query": QUERY,
    "Retrieval-document": DOCUMENT,
    "STS": STS,
    "Summarization": "task: summarization | query: ",
}
TEXTS = [  # (prompt, text after the prompt)
    ("", "hello"),
    (QUERY, "how do i reset my vpn password?"),
    (DOCUMENT, "the printer on the third floor has a paper jam again."),
    (STS, "a cat sat on the mat"),
    ("", "expense claims for travel must be approved by your manager within thirty days."),
    ("", "zyxqv flurble on the network"),
    (DOCUMENT, "badge access"),
]

VARIANTS = ["norm_without_one", "no_embedding_scale", "causal", "single_rope_base", "no_sliding_window",
            "gelu_exact", "no_dense", "window_not_halved", "scale_by_head_dim"]


# ---------------------------------------------------------------------------------------------- model

class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(dim))


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, hd = c["hidden_size"], c["head_dim"]
        self.q_proj = nn.Linear(h, c["num_attention_heads"] * hd, bias=False)
        self.k_proj = nn.Linear(h, c["num_key_value_heads"] * hd, bias=False)
        self.v_proj = nn.Linear(h, c["num_key_value_heads"] * hd, bias=False)
        self.o_proj = nn.Linear(c["num_attention_heads"] * hd, h, bias=False)
        self.q_norm = RMSNorm(hd)
        self.k_norm = RMSNorm(hd)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, i = c["hidden_size"], c["intermediate_size"]
        self.gate_proj = nn.Linear(h, i, bias=False)
        self.up_proj = nn.Linear(h, i, bias=False)
        self.down_proj = nn.Linear(i, h, bias=False)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.input_layernorm = RMSNorm(h)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(h)
        self.pre_feedforward_layernorm = RMSNorm(h)
        self.mlp = MLP(c)
        self.post_feedforward_layernorm = RMSNorm(h)


class Gemma3Text(nn.Module):
    """Parameter names as Gemma3TextModel's state_dict; forward as described in the module docstring."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.dtype = torch.float32
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])
        self.norm = RMSNorm(c["hidden_size"])

    def rms(self, x, norm, broken):
        x = x.to(self.dtype)
        out = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.c["rms_norm_eps"])
        w = norm.weight.to(self.dtype)
        return out * (w if broken == "norm_without_one" else 1.0 + w)

    def rotary(self, n, base):
        hd = self.c["head_dim"]
        inv_freq = 1.0 / (base ** (torch.arange(0, hd, 2, dtype=torch.int64).to(self.dtype) / hd))
        freqs = torch.arange(n, dtype=self.dtype)[:, None] * inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos(), emb.sin()

    @staticmethod
    def rotate_half(x):
        half = x.shape[-1] // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)

    def mask(self, attention_mask, sliding, broken):
        n = attention_mask.shape[1]
        i = torch.arange(n)[:, None]
        j = torch.arange(n)[None, :]
        w = self.c["sliding_window"]
        if broken == "causal":
            allowed = (j <= i) & (j > i - w) if sliding else (j <= i)
        elif not sliding or broken == "no_sliding_window":
            allowed = torch.ones(n, n, dtype=torch.bool)
        elif broken == "window_not_halved":
            allowed = (i - j).abs() < w
        else:
            allowed = (i - j).abs() < (w // 2 + 1)
        allowed = allowed[None, None, :, :] & attention_mask.bool()[:, None, None, :]
        zero = torch.tensor(0.0, dtype=self.dtype)
        return torch.where(allowed, zero, torch.tensor(torch.finfo(self.dtype).min, dtype=self.dtype))

    def attention(self, layer, x, cos, sin, mask, broken):
        c, a = self.c, layer.self_attn
        b, n, _ = x.shape
        hd, nh, nkv = c["head_dim"], c["num_attention_heads"], c["num_key_value_heads"]
        q = a.q_proj(x).view(b, n, nh, hd).transpose(1, 2)
        k = a.k_proj(x).view(b, n, nkv, hd).transpose(1, 2)
        v = a.v_proj(x).view(b, n, nkv, hd).transpose(1, 2)
        q = self.rms(q, a.q_norm, broken)
        k = self.rms(k, a.k_norm, broken)
        q = q * cos + self.rotate_half(q) * sin
        k = k * cos + self.rotate_half(k) * sin
        rep = nh // nkv
        k = k[:, :, None].expand(b, nkv, rep, n, hd).reshape(b, nh, n, hd)
        v = v[:, :, None].expand(b, nkv, rep, n, hd).reshape(b, nh, n, hd)
        scale = hd ** -0.5 if broken == "scale_by_head_dim" else c["query_pre_attn_scalar"] ** -0.5
        scores = torch.matmul(q, k.transpose(2, 3)) * scale + mask
        probs = F.softmax(scores, dim=-1, dtype=self.dtype)
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, n, nh * hd)
        return a.o_proj(ctx)

    def forward(self, input_ids, attention_mask, broken=None, probe=None):
        c = self.c
        n = input_ids.shape[1]
        x = self.embed_tokens(input_ids)
        if broken != "no_embedding_scale":
            x = x * torch.tensor(c["hidden_size"] ** 0.5, dtype=self.dtype)
        ropes = {
            "full_attention": self.rotary(n, c["rope_theta"]),
            "sliding_attention": self.rotary(n, c["rope_theta"] if broken == "single_rope_base"
                                             else c["rope_local_base_freq"]),
        }
        masks = {t: self.mask(attention_mask, t == "sliding_attention", broken)
                 for t in ("full_attention", "sliding_attention")}
        for li, layer in enumerate(self.layers):
            kind = c["layer_types"][li]
            cos, sin = ropes[kind]
            h = self.attention(layer, self.rms(x, layer.input_layernorm, broken), cos, sin, masks[kind], broken)
            x = x + self.rms(h, layer.post_attention_layernorm, broken)
            m = self.rms(x, layer.pre_feedforward_layernorm, broken)
            if probe is not None:
                probe.append(m)
            gate = layer.mlp.gate_proj(m)
            act = F.gelu(gate) if broken == "gelu_exact" else F.gelu(gate, approximate="tanh")
            h = layer.mlp.down_proj(act * layer.mlp.up_proj(m))
            x = x + self.rms(h, layer.post_feedforward_layernorm, broken)
        return self.rms(x, self.norm, broken)


def sentence_embeddings(hidden, attention_mask, dense2, dense3, broken=None):
    m = attention_mask[:, :, None].to(hidden.dtype)
    pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    if broken != "no_dense":
        pooled = pooled @ dense2.t()
        pooled = pooled @ dense3.t()
    return F.normalize(pooled, p=2, dim=1)


# ---------------------------------------------------------------------------------------------- weights

def init_weights(model, c, batch_ids, batch_mask):
    g = torch.Generator().manual_seed(SEED)

    def randn(*shape):
        return torch.randn(*shape, generator=g)

    with torch.no_grad():
        h = c["hidden_size"]
        emb = 0.35 * randn(c["vocab_size"], h)
        emb[:, 0] = 2.0 + 0.05 * randn(c["vocab_size"])  # the constant "bias channel" (see docstring)
        model.embed_tokens.weight.copy_(emb)
        for layer in model.layers:
            for norm in (layer.input_layernorm, layer.post_attention_layernorm, layer.pre_feedforward_layernorm,
                         layer.post_feedforward_layernorm, layer.self_attn.q_norm, layer.self_attn.k_norm):
                norm.weight.copy_(0.3 * randn(norm.weight.shape[0]))
            a, mlp = layer.self_attn, layer.mlp
            for lin in (a.q_proj, a.k_proj, a.v_proj, mlp.up_proj):
                w = randn(*lin.weight.shape) / math.sqrt(h)
                w[:, 0] *= 0.1
                lin.weight.copy_(w)
            w = randn(*a.o_proj.weight.shape) / math.sqrt(a.o_proj.weight.shape[1])
            w[0, :] *= 0.1
            a.o_proj.weight.copy_(w)
            w = 2.0 * randn(*mlp.down_proj.weight.shape) / math.sqrt(mlp.down_proj.weight.shape[1])
            w[0, :] *= 0.1
            mlp.down_proj.weight.copy_(w)
            w = 0.45 * randn(*mlp.gate_proj.weight.shape) / math.sqrt(h - 1)
            w[:, 0] = 0.0
            mlp.gate_proj.weight.copy_(w)
        model.norm.weight.copy_(0.3 * randn(h))
        model.norm.weight[0] = -0.95
        # calibrate gate_proj column 0 layer by layer: every gate unit's mean pre-activation over the real tokens
        # of the reference batch becomes -2.8 (a deterministic function of the weights drawn above)
        real = batch_mask.bool()
        for li, layer in enumerate(model.layers):
            probe = []
            model(batch_ids, batch_mask, probe=probe)
            m = probe[li][real]  # [tokens, hidden]
            gw = layer.mlp.gate_proj.weight
            rest = (m @ gw.t()).mean(0)  # column 0 is zero here
            gw[:, 0] = (-2.8 - rest) / m[:, 0].mean()
        dense2 = randn(DENSE_OUT, h) / math.sqrt(h)
        dense3 = randn(h, DENSE_OUT) / math.sqrt(DENSE_OUT)
    return dense2, dense3


# ---------------------------------------------------------------------------------------------- files

def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    c = dict(CONFIG, vocab_size=len(VOCAB))

    full_texts = [p + t for p, t in TEXTS]
    ids = [tokenize(t, VOCAB, SINGLE) for t in full_texts]
    batch_ids, batch_mask = pad_batch(ids, "right", c["pad_token_id"])

    model = Gemma3Text(c).eval()
    dense2, dense3 = init_weights(model, c, batch_ids, batch_mask)
    # The stored weights are float32; the reference outputs are computed from exactly those values in float64,
    # so they are the exact result for the stored weights and a float32 implementation is judged against that.
    ref = copy.deepcopy(model).double()
    ref.dtype = torch.float64
    d2, d3 = dense2.double(), dense3.double()

    with torch.no_grad():
        probe = []
        hidden = ref(batch_ids, batch_mask, probe=probe)
        assert torch.isfinite(hidden).all()
        emb = sentence_embeddings(hidden, batch_mask, d2, d3)
        real = batch_mask.bool()
        h32 = model(batch_ids, batch_mask)
        e32 = sentence_embeddings(h32, batch_mask, dense2, dense3)
        print(f"float32 forward vs float64 reference: hidden max abs diff "
              f"{(h32.double() - hidden)[real].abs().max():.2e}, "
              f"embedding min cosine {(e32.double() * emb).sum(1).min().item():.9f}")
        for li in range(c["num_hidden_layers"]):
            gate = ref.layers[li].mlp.gate_proj(probe[li][real])
            print(f"layer {li} gate pre-activation mean {gate.mean():.3f} std {gate.std():.3f} "
                  f"min {gate.min():.3f} max {gate.max():.3f}")
        print(f"last hidden state: abs max {hidden[real].abs().max():.3f}, rms {hidden[real].pow(2).mean().sqrt():.3f}")
        broken = {}
        for name in VARIANTS:
            if name == "no_dense":
                broken[name] = sentence_embeddings(hidden, batch_mask, d2, d3, broken=name)
            else:
                broken[name] = sentence_embeddings(ref(batch_ids, batch_mask, broken=name), batch_mask, d2, d3)
        check_broken(broken, emb)
        other = (emb @ emb.t()).fill_diagonal_(-1).max().item()
        print(f"max cosine between different texts {other:.4f}")

    # in state_dict order (layer by layer), not sorted by name as the other fixtures
    write_safetensors(out / "model.safetensors", model.state_dict(), sort_names=False)
    write_json(out / "config.json", c)
    write_json(out / "tokenizer.json", tokenizer_json(VOCAB, SPECIAL, SINGLE, PAIR), indent=1)
    write_json(out / "tokenizer_config.json", {
        "add_bos_token": True,
        "add_eos_token": True,
        "bos_token": "<bos>",
        "eos_token": "<eos>",
        "pad_token": "<pad>",
        "unk_token": "<unk>",
        "model_max_length": 64,
        "padding_side": "right",
        "tokenizer_class": "PreTrainedTokenizerFast",
    })
    write_sentence_transformers_files(
        out, ["Transformer", "Pooling", "Dense", "Dense", "Normalize"], "mean_tokens", HIDDEN, PROMPTS,
        leading={"model_type": "SentenceTransformer"})
    write_dense(out / "2_Dense", dense2)
    write_dense(out / "3_Dense", dense3)
    (out / "README.md").write_text(
        "# tiny-gemma3: a tiny random test fixture, not a trained model\n"
        "It imitates google/embeddinggemma-300m (bidirectional Gemma 3 text encoder, mean pooling, two Dense layers, "
        "L2 normalisation, task prompts); the real model's 768-d output supports Matryoshka truncation to "
        "768/512/256/128.\n"
        "Written by tools/tiny-models/make_tiny_gemma3.py with random weights; outputs are meaningless.\n")
    write_reference(
        out / "reference.json", texts=[(p, t, False) for p, t in TEXTS], input_ids=ids, padding_side="right",
        batch_ids=batch_ids, batch_mask=batch_mask, hidden=hidden, embeddings=emb, broken=broken)
    report_written(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app/core/src/test/resources/org/taew/core/tiny-gemma3")
