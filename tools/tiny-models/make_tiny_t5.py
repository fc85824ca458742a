#!/usr/bin/env python3
"""Writes a tiny random T5 encoder in the layout of INSTRUCTOR (hkunlp/instructor-base), plus reference outputs.

Run with Debian's python3-torch (apt install python3-torch); no transformers, tokenizers or safetensors packages:

    /usr/bin/python3 tools/tiny-models/make_tiny_t5.py [OUT_DIR]

OUT_DIR defaults to app/core/src/test/resources/org/taew/core/tiny-t5. The seed is fixed, so a rerun writes the
same bytes. It writes, into that folder, a sentence-transformers model as INSTRUCTOR ships it:

  config.json                     Hugging Face T5Config (model_type "t5", T5 v1.1 "gated-gelu" feed-forward,
                                  d_kv * num_heads = 48 != d_model = 32, so the attention's inner width is exercised)
  model.safetensors               the weights of transformers' T5EncoderModel under its own names, F32 (see below)
  tokenizer.json                  a WordLevel tokenizer (Lowercase, Whitespace) whose post-processor appends "</s>"
                                  as T5's does: single "$A </s>", pair "$A </s> $B </s>"; "<pad>" 0, "</s>" 1, "<unk>" 2
  tokenizer_config.json           padding_side "right" (T5's), the special token strings
  modules.json                    0 Transformer (folder root), 1 Pooling, 2 Dense, 3 Normalize
  sentence_bert_config.json       max_seq_length 64, do_lower_case false
  config_sentence_transformers.json  the two INSTRUCTOR-style prompts, default_prompt_name null
  1_Pooling/config.json           mean pooling, include_prompt true (INSTRUCTOR leaves its instruction out itself)
  2_Dense/config.json, 2_Dense/model.safetensors   d_model -> d_model, no bias, Identity activation
  README.md                       a three-line model card
  reference.json                  token ids, one right-padded batch, its last hidden state, the final embeddings,
                                  and the embeddings with one detail deliberately wrong ("broken")
(3_Normalize has no files; sentence-transformers creates it empty, git cannot hold an empty folder, so it is absent.)

Primary sources the forward pass follows:
  * Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer" (T5),
    and T5 v1.1 (gated GELU feed-forward, Shazeer 2020 "GLU Variants Improve Transformer").
  * Hugging Face transformers src/transformers/models/t5/modeling_t5.py: T5LayerNorm.forward (RMS norm, no mean,
    no bias), T5DenseGatedActDense.forward (act(wi_0 x) * wi_1 x -> wo), T5DenseActDense, T5LayerFF.forward and
    T5LayerSelfAttention.forward (pre-norm + residual), T5Attention._relative_position_bucket / compute_bias /
    forward (no 1/sqrt(d) scaling; bias from the block 0 embedding only), T5Stack.forward (bias computed once and
    passed to every block; padding mask (1 - mask) * finfo(float32).min added to it; final_layer_norm; no scaling of
    the token embeddings), T5EncoderModel.__init__ (shared embedding handed to the stack as embed_tokens).
  * configuration_t5.py: T5Config.__init__ ("gated-gelu" -> dense_act_fn "gelu_new", is_gated_act true).
  * activations.py NewGELUActivation ("gelu_new": 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))).
  * INSTRUCTOR, github xlang-ai/instructor-embedding InstructorEmbedding/instructor.py:
    INSTRUCTOR.prepare_input_features (instruction attention mask minus its last column, i.e. the instruction's
    token count without "</s>", is removed from the pooled mask) and INSTRUCTORTransformer.forward
    (attention_mask * instruction_mask goes to the pooling, the encoder itself sees the full mask).
  * sentence-transformers SentenceTransformer.save / _get_prompt_length, models/Pooling.py, Dense.py, Normalize.py.

Parameter names: exactly T5EncoderModel's state_dict. T5EncoderModel builds one nn.Embedding "shared" and hands
the same module to T5Stack as embed_tokens, so its state_dict holds both "shared.weight" and
"encoder.embed_tokens.weight" on one storage. save_pretrained with safetensors (the default, and what
sentence-transformers' Transformer.save calls) drops the duplicate names listed in _tied_weights_keys
(["encoder.embed_tokens.weight"]), so the file has "shared.weight" only, as this script writes it. (A torch.save
pytorch_model.bin, as instructor-base ships, holds both names with equal values; a loader should take
"shared.weight" and fall back to "encoder.embed_tokens.weight".) The safetensors header carries
{"__metadata__": {"format": "pt"}} like the files transformers writes, and is space-padded to 8 bytes.

Sizes and scales were tuned so that every listed detail visibly changes the embeddings (the minimum cosine of
each broken variant to the correct embeddings is printed and checked to be < 0.9999): q and k weights of std
d_model^-0.5 give raw attention scores of std about sqrt(d_kv) = 3.5, so the missing 1/sqrt(d_kv) matters; the
relative-attention bias has std 1; the token embeddings carry a per-token offset, so a mean-subtracting norm differs
from T5's RMS norm; 16 buckets with max_distance 16 and texts of up to 23 tokens reach the exact, the logarithmic
and the clamped bucket ranges in both directions.

Checked once (outside this script, in a throw-away virtual environment with torch 2.13.0+cpu, transformers 5.18.0,
sentence-transformers 6.0.1, tokenizers 0.23.2): the Rust tokenizer loads tokenizer.json and gives the same ids;
T5EncoderModel.from_pretrained(folder) loads with no missing or unexpected keys and its last hidden state matches
batch_last_hidden_state within 4e-6; its own save_pretrained writes exactly the tensor names of this file;
SentenceTransformer(folder).encode(body, prompt=...) (Pooling include_prompt set to false for the exclude_prompt
texts) matches "embeddings" within 4e-7.
"""
import math
import sys
from pathlib import Path

import torch
from torch import nn

from fixture_io import (check_broken, pad_batch, report_written, tokenize, tokenizer_json, write_dense, write_json,
                        write_reference, write_safetensors, write_sentence_transformers_files)

D_MODEL, HEADS, D_KV, D_FF, LAYERS = 32, 4, 12, 48, 3
BUCKETS, MAX_DISTANCE, EPS = 16, 16, 1e-6

SPECIAL = ["<pad>", "</s>", "<unk>"]  # ids 0, 1, 2 as in T5's sentencepiece vocabulary
WORDS = (
    "represent the question for retrieving supporting documents document retrieval "
    "a an of to in on and or is are was be it this that with from by at as not no "
    "how do does i my me you your we our can what when where who why which "
    "reset password vpn laptop wifi printer paper jam leave days holiday expense claim train ticket "
    "office floor third badge access account email calendar meeting room book new employee manager "
    "approve approval travel policy refund invoice software install update phone client needs every "
    "ninety change must request form submit within after before week month year team support desk "
    "open ticket network connect connection error message screen login code query search passage "
    "find answer help guide steps first then set up use using get got works working broken slow "
    "kitchen coffee machine parking car bike lunch"
).split()
PUNCT = [":", "|", ".", ",", "?"]
VOCAB = SPECIAL + list(dict.fromkeys(WORDS)) + PUNCT
PAD, EOS, UNK = 0, 1, 2
SINGLE, PAIR = "$A </s>", "$A </s> $B </s>"  # the post-processor's templates, as T5's

PROMPTS = {
    "query": "Represent the question for retrieving supporting documents: ",
    "document": "Represent the document for retrieval: ",
}
# (prompt name or None, text after the prompt, exclude_prompt)
TEXTS = [
    ("query", "how do i reset my vpn password?", True),
    ("document", "the vpn client needs a new password every ninety days, or open a ticket.", True),
    ("query", "where is the printer", False),
    (None, "wifi", False),
    (None, "expense claim for the train ticket to the zurich office", False),  # "zurich" is unknown
    ("document", "book a meeting room on the third floor", True),
    (None, "holiday policy, leave days | approval.", False),
]

CONFIG = {
    "architectures": ["T5EncoderModel"],
    "d_ff": D_FF,
    "d_kv": D_KV,
    "d_model": D_MODEL,
    "decoder_start_token_id": 0,
    "dense_act_fn": "gelu_new",
    "dropout_rate": 0.1,
    "eos_token_id": EOS,
    "feed_forward_proj": "gated-gelu",
    "initializer_factor": 1.0,
    "is_encoder_decoder": True,
    "is_gated_act": True,
    "layer_norm_epsilon": EPS,
    "model_type": "t5",
    "num_decoder_layers": LAYERS,
    "num_heads": HEADS,
    "num_layers": LAYERS,
    "pad_token_id": PAD,
    "relative_attention_max_distance": MAX_DISTANCE,
    "relative_attention_num_buckets": BUCKETS,
    "tie_word_embeddings": False,
    "torch_dtype": "float32",
    "use_cache": True,
    "vocab_size": len(VOCAB),
}


# ---------------------------------------------------------------- model (T5EncoderModel's module tree)

class Attention(nn.Module):
    def __init__(self, has_bias):
        super().__init__()
        inner = HEADS * D_KV
        self.q = nn.Linear(D_MODEL, inner, bias=False)
        self.k = nn.Linear(D_MODEL, inner, bias=False)
        self.v = nn.Linear(D_MODEL, inner, bias=False)
        self.o = nn.Linear(inner, D_MODEL, bias=False)
        if has_bias:
            self.relative_attention_bias = nn.Embedding(BUCKETS, HEADS)


class Norm(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(D_MODEL))


class SelfAttentionLayer(nn.Module):
    def __init__(self, has_bias):
        super().__init__()
        self.SelfAttention = Attention(has_bias)
        self.layer_norm = Norm()


class GatedFF(nn.Module):
    def __init__(self):
        super().__init__()
        self.wi_0 = nn.Linear(D_MODEL, D_FF, bias=False)
        self.wi_1 = nn.Linear(D_MODEL, D_FF, bias=False)
        self.wo = nn.Linear(D_FF, D_MODEL, bias=False)


class FFLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.DenseReluDense = GatedFF()
        self.layer_norm = Norm()


class Block(nn.Module):
    def __init__(self, i):
        super().__init__()
        self.layer = nn.ModuleList([SelfAttentionLayer(i == 0), FFLayer()])


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = nn.ModuleList([Block(i) for i in range(LAYERS)])
        self.final_layer_norm = Norm()


class T5Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.shared = nn.Embedding(len(VOCAB), D_MODEL)
        self.encoder = Stack()


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def rms_norm(x, weight, with_mean=False):
    if with_mean:  # broken variant: an ordinary LayerNorm without bias
        x = x - x.mean(-1, keepdim=True)
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + EPS))


def relative_position_bucket(relative_position, bidirectional=True):
    """T5Attention._relative_position_bucket, float32 log as torch computes it there."""
    num_buckets = BUCKETS
    buckets = torch.zeros_like(relative_position)
    if bidirectional:
        num_buckets //= 2
        buckets = buckets + (relative_position > 0).to(torch.long) * num_buckets
        relative_position = torch.abs(relative_position)
    else:
        relative_position = -torch.min(relative_position, torch.zeros_like(relative_position))
    max_exact = num_buckets // 2
    is_small = relative_position < max_exact
    if_large = max_exact + (
        torch.log(relative_position.float() / max_exact)
        / math.log(MAX_DISTANCE / max_exact)
        * (num_buckets - max_exact)
    ).to(torch.long)
    if_large = torch.min(if_large, torch.full_like(if_large, num_buckets - 1))
    return buckets + torch.where(is_small, relative_position, if_large)


def bucket_matrix(n, bidirectional=True):
    context = torch.arange(n, dtype=torch.long)[:, None]
    memory = torch.arange(n, dtype=torch.long)[None, :]
    return relative_position_bucket(memory - context, bidirectional)  # [query, key]


def encode(model, ids, mask, broken=None):
    """T5Stack.forward of the encoder (eval mode: dropout is the identity). Returns the last hidden state."""
    b, n = ids.shape
    x = model.shared(ids)  # no sqrt(d_model) scaling in T5
    # computed once from block 0's embedding, then shared by every block (T5Stack passes position_bias on)
    rel = model.encoder.block[0].layer[0].SelfAttention.relative_attention_bias
    values = rel(bucket_matrix(n, bidirectional=(broken != "unidirectional_buckets")))  # [q, k, heads]
    bias = values.permute(2, 0, 1).unsqueeze(0)  # [1, heads, q, k]
    if broken == "no_relative_bias":
        bias = torch.zeros_like(bias)
    extended = (1.0 - mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
    bias = bias + extended  # [b, heads, q, k]
    with_mean = broken == "layernorm_with_mean"
    for block in model.encoder.block:
        sa = block.layer[0]
        att = sa.SelfAttention
        h = rms_norm(x, sa.layer_norm.weight, with_mean)
        q = att.q(h).view(b, n, HEADS, D_KV).transpose(1, 2)
        k = att.k(h).view(b, n, HEADS, D_KV).transpose(1, 2)
        v = att.v(h).view(b, n, HEADS, D_KV).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(3, 2))  # no 1/sqrt(d_kv): folded into T5's initialisation
        if broken == "scaled_attention":
            scores = scores / math.sqrt(D_KV)
        scores = scores + bias
        weights = torch.softmax(scores.float(), dim=-1)
        ctx = torch.matmul(weights, v).transpose(1, 2).contiguous().view(b, n, HEADS * D_KV)
        x = x + att.o(ctx)
        ff = block.layer[1]
        h = rms_norm(x, ff.layer_norm.weight, with_mean)
        d = ff.DenseReluDense
        x = x + d.wo(gelu_new(d.wi_0(h)) * d.wi_1(h))
    return rms_norm(x, model.encoder.final_layer_norm.weight, with_mean)


def sentence_embeddings(hidden, mask, skip, dense):
    """Pooling (mean over the mask minus the first `skip[i]` tokens of row i) -> Dense (no bias, Identity) ->
    Normalize."""
    pool_mask = mask.clone().to(torch.float32)
    for i, s in enumerate(skip):
        pool_mask[i, :s] = 0  # right padding: the leading real tokens are the instruction's
    summed = (hidden * pool_mask.unsqueeze(-1)).sum(1)
    mean = summed / torch.clamp(pool_mask.sum(1, keepdim=True), min=1e-9)
    projected = dense(mean)
    return nn.functional.normalize(projected, p=2, dim=1)


# ---------------------------------------------------------------- weights and files

def init_weights(model, dense):
    with torch.no_grad():
        # token embeddings: std 1 as Hugging Face initialises T5's, plus a per-token offset so that subtracting
        # the mean in the norms (a broken variant) makes a visible difference
        model.shared.weight.copy_(torch.randn(len(VOCAB), D_MODEL) + 0.8 * torch.randn(len(VOCAB), 1))
        for name, p in model.named_parameters():
            if name == "shared.weight":
                continue
            if name.endswith("layer_norm.weight"):
                p.copy_(1.0 + 0.25 * torch.randn_like(p))
            elif name.endswith("relative_attention_bias.weight"):
                p.copy_(1.0 * torch.randn_like(p))
            elif name.endswith((".q.weight", ".k.weight", ".v.weight", "wi_0.weight", "wi_1.weight")):
                p.copy_(torch.randn_like(p) / math.sqrt(D_MODEL))
            elif name.endswith((".o.weight", "wo.weight")):
                p.copy_(torch.randn_like(p) / math.sqrt(p.shape[1]))
            else:
                raise AssertionError(name)
        dense.weight.copy_(torch.randn_like(dense.weight) / math.sqrt(D_MODEL))


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20261129)
    model = T5Encoder().eval()
    dense = nn.Linear(D_MODEL, D_MODEL, bias=False)
    init_weights(model, dense)

    # --- files of the model folder
    write_safetensors(out / "model.safetensors", model.state_dict())
    write_json(out / "config.json", CONFIG)
    write_json(out / "tokenizer.json", tokenizer_json(VOCAB, SPECIAL, SINGLE, PAIR), indent=1)
    write_json(out / "tokenizer_config.json", {
        "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>",
        "model_max_length": 512, "padding_side": "right",
        # not "T5Tokenizer": that class expects a sentencepiece Unigram model, this one is WordLevel
        "tokenizer_class": "PreTrainedTokenizerFast",
    })
    write_sentence_transformers_files(
        out, ["Transformer", "Pooling", "Dense", "Normalize"], "mean_tokens", D_MODEL, PROMPTS,
        # the versions this fixture was checked against (see the module docstring)
        leading={"__version__": {"sentence_transformers": "6.0.1", "transformers": "5.18.0",
                                 "pytorch": "2.13.0+cpu"}})
    write_dense(out / "2_Dense", dense.weight)
    (out / "README.md").write_text(
        "# tiny-t5 (test fixture)\n"
        "A tiny, randomly initialised T5 encoder (3 layers, d_model 32) with no meaning: a test fixture only.\n"
        "It imitates the layout of INSTRUCTOR (hkunlp/instructor-base): T5EncoderModel, mean pooling, Dense, "
        "Normalize; written by tools/tiny-models/make_tiny_t5.py.\n")

    # --- reference outputs
    texts, input_ids, skip = [], [], []
    for name, body, exclude in TEXTS:
        prompt = PROMPTS[name] if name else ""
        texts.append((prompt, body, exclude))
        input_ids.append(tokenize(prompt + body, VOCAB, SINGLE))
        # sentence-transformers / INSTRUCTOR: the prompt's ids without the trailing "</s>"
        skip.append(len(tokenize(prompt, VOCAB, SINGLE)) - 1 if prompt and exclude else 0)
    batch_ids, batch_mask = pad_batch(input_ids, "right", PAD)
    n = batch_ids.shape[1]

    with torch.no_grad():
        hidden = encode(model, batch_ids, batch_mask)
        embeddings = sentence_embeddings(hidden, batch_mask, skip, dense)
        # the same rows one at a time, unpadded: padding must not change the real positions
        for i, ids in enumerate(input_ids):
            alone = encode(model, torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))
            assert torch.allclose(alone[0], hidden[i, :len(ids)], atol=1e-5), i
        broken = {}
        for variant in ["scaled_attention", "unidirectional_buckets", "layernorm_with_mean", "instruction_pooled",
                        "no_relative_bias"]:
            h = encode(model, batch_ids, batch_mask, broken=variant)
            s = [0] * len(skip) if variant == "instruction_pooled" else skip
            broken[variant] = sentence_embeddings(h, batch_mask, s, dense)
        check_broken(broken, embeddings)

    buckets = bucket_matrix(n)
    print("buckets used:", sorted(set(buckets.flatten().tolist())), "of", BUCKETS, "; longest text", n, "tokens")
    write_reference(
        out / "reference.json", texts=texts, input_ids=input_ids, padding_side="right", batch_ids=batch_ids,
        batch_mask=batch_mask, hidden=hidden, embeddings=embeddings, broken=broken,
        # extra, for debugging: T5's bidirectional bucket of every (query row, key column) pair at the batch length
        relative_position_bucket=buckets.tolist())
    report_written(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app/core/src/test/resources/org/taew/core/tiny-t5")
