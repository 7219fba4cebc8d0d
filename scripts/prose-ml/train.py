#!/usr/bin/python3
"""Trains prose-ml's keep/drop classifier and writes models/prose-ml/.

Repeatable: `scripts/prose-ml/train.sh` (installs Debian's python3-torch and
python3-onnx, builds headroom, dumps the units, runs this). Not part of CI.

What teaches the model (the "teacher"), per unit that the must-keep rule lets
go (guard/words.ts decides that; must-keep units are never labels):
  - self-information I(w | previous word) = -log2 P, from an interpolated
    bigram/unigram model of lower-cased words counted here on the training text;
  - a closed-class word list written here (determiners, pronouns, auxiliaries,
    prepositions, conjunctions, a few empty adverbs) standing in for a
    part-of-speech tagger.
  A unit is labelled "drop" when it is a closed-class word whose I is below the
  document's 90th percentile, or any word whose I is below its 40th percentile
  (about two in three of the words the rule lets go: LLMLingua-2's compression rates).
  The teacher knows only word frequencies and one word of context: it cannot
  tell which sentence matters to a reader, and it has never seen the question
  the agent is answering.
The student sees a hashed word id and 8 shape features per unit and two
convolutions of five units of context; it learns to imitate the teacher
without the bigram table, in 2 MB.
"""
import hashlib
import json
import math
import os
import random
import sys

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.environ.get('PROSE_ML_OUT') or os.path.join(ROOT, 'models', 'prose-ml')
BUCKETS = 16384
FEATURES = ['mustKeep', 'capitalised', 'comma', 'lineStart', 'lineEnd', 'sentenceStart', 'length', 'listItem']
F = len(FEATURES)
EMB, HID, WIDTH = 24, 48, 5
# The teacher's percentiles of self-information within a document (see the docstring).
LOW, CLOSED_BELOW = 40, 90
WINDOW, BATCH, STEPS = 256, 32, int(os.environ.get('PROSE_ML_STEPS', '1500'))

CLOSED = set('''
a an the this that these those some any each every either neither all both much many more most few
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
one ones itself themselves yourself ourselves myself
is am are was were be been being do does did doing done have has had having will would shall should
can could may might must
of in on at by for with about against between into through during before after above below to from
up down over under again further then once here there when where why how
and or but so if than as because while until although though whether also just very really simply
basically actually quite rather too such own same other another only even still already
which who whom whose what
'''.split())


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def word(u):
    return u.lower().strip('.,;:!?()[]"\'`*_')


class Bigram:
    def __init__(self, docs, lam=0.6):
        self.uni, self.bi, self.ctx = {}, {}, {}
        for d in docs:
            prev = '<s>'
            for u, start in zip(d['units'], d['lineStart']):
                w = word(u)
                if start:
                    prev = '<s>'
                self.uni[w] = self.uni.get(w, 0) + 1
                self.bi[(prev, w)] = self.bi.get((prev, w), 0) + 1
                self.ctx[prev] = self.ctx.get(prev, 0) + 1
                prev = w
        self.total = sum(self.uni.values())
        self.v = len(self.uni) + 1
        self.lam = lam

    def info(self, prev, w):
        pu = (self.uni.get(w, 0) + 1) / (self.total + self.v)
        c = self.ctx.get(prev, 0)
        p = (1 - self.lam) * pu + (self.lam * self.bi.get((prev, w), 0) / c if c else self.lam * pu)
        return -math.log2(p)


def teacher(doc, lm):
    """Drop labels (1 drop, 0 keep) for every unit of a document; must-keep units are 0."""
    infos, prev = [], '<s>'
    for u, start in zip(doc['units'], doc['lineStart']):
        w = word(u)
        if start:
            prev = '<s>'
        infos.append(lm.info(prev, w))
        prev = w
    drop = np.zeros(len(infos), dtype=np.int64)
    cand = [i for i, d in enumerate(doc['droppable']) if d]
    if not cand:
        return drop
    vals = np.array([infos[i] for i in cand])
    low, closed_below = np.percentile(vals, LOW), np.percentile(vals, CLOSED_BELOW)
    for i in cand:
        closed = word(doc['units'][i]) in CLOSED
        if (closed and infos[i] < closed_below) or infos[i] < low:
            drop[i] = 1
    return drop


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(BUCKETS + 1, EMB)
        self.c1 = nn.Conv1d(EMB + F, HID, WIDTH, padding=WIDTH // 2)
        self.c2 = nn.Conv1d(HID, HID, WIDTH, padding=WIDTH // 2)
        self.out = nn.Conv1d(HID, 1, 1)

    def forward(self, ids, feats):
        x = torch.cat([self.emb(ids), feats], dim=2).transpose(1, 2)
        x = torch.relu(self.c1(x))
        x = torch.relu(self.c2(x))
        return self.out(x).squeeze(1)


def held_out(name):
    # Whole packages held out for validation, chosen by hash, never by hand.
    return hashlib.sha256(name.split('/')[0].encode()).digest()[0] < 26


def tensors(doc, labels):
    ids = torch.tensor(doc['ids'], dtype=torch.int64)
    feats = torch.tensor(doc['feats'], dtype=torch.float32).view(-1, F)
    return ids, feats, torch.tensor(labels, dtype=torch.float32), torch.tensor(doc['droppable'], dtype=torch.float32)


def batches(data, rng):
    weights = np.array([len(d[0]) for d in data], dtype=np.float64)
    weights /= weights.sum()
    for _ in range(STEPS):
        ids = torch.zeros(BATCH, WINDOW, dtype=torch.int64)
        feats = torch.zeros(BATCH, WINDOW, F)
        y = torch.zeros(BATCH, WINDOW)
        m = torch.zeros(BATCH, WINDOW)
        for b in range(BATCH):
            d = data[rng.choice(len(data), p=weights)]
            n = len(d[0])
            s = rng.integers(0, max(1, n - WINDOW + 1))
            e = min(n, s + WINDOW)
            ids[b, : e - s], feats[b, : e - s], y[b, : e - s], m[b, : e - s] = d[0][s:e], d[1][s:e], d[2][s:e], d[3][s:e]
        yield ids, feats, y, m


def predict(net, doc):
    with torch.no_grad():
        ids, feats, _, _ = tensors(doc, [0] * len(doc['ids']))
        return net(ids[None], feats[None])[0].numpy()


def main():
    train_path, eval_path = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    docs = load(train_path)
    lm = Bigram(docs)
    labelled = [(d, teacher(d, lm)) for d in docs]
    train = [tensors(d, y) for d, y in labelled if not held_out(d['name'])]
    val = [(d, y) for d, y in labelled if held_out(d['name'])]
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=3e-3)
    lossf = nn.BCEWithLogitsLoss(reduction='none')
    for step, (ids, feats, y, m) in enumerate(batches(train, rng)):
        loss = (lossf(net(ids, feats), y) * m).sum() / m.sum().clamp(min=1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 250 == 0:
            print(f'step {step} loss {loss.item():.4f}', flush=True)
    net.eval()

    # Threshold: the student drops as large a share of droppable units as the teacher does on the training text.
    logits, teach = [], []
    for d, y in labelled:
        if held_out(d['name']):
            continue
        lg = predict(net, d)
        for i, dr in enumerate(d['droppable']):
            if dr:
                logits.append(lg[i])
                teach.append(y[i])
    share = float(np.mean(teach))
    threshold = float(np.quantile(np.array(logits), 1 - share))
    threshold = round(threshold, 3)

    def agreement(pairs):
        same = tot = 0
        for d, y in pairs:
            lg = predict(net, d)
            for i, dr in enumerate(d['droppable']):
                if dr:
                    tot += 1
                    same += int((lg[i] > threshold) == bool(y[i]))
        return same / max(1, tot)

    val_agree = agreement(val)
    os.makedirs(OUT, exist_ok=True)
    onnx_path = os.path.join(OUT, 'model.onnx')
    ids = torch.zeros(1, 16, dtype=torch.int64)
    feats = torch.zeros(1, 16, F)
    torch.onnx.export(net, (ids, feats), onnx_path, input_names=['ids', 'feats'], output_names=['logits'],
                      dynamic_axes={'ids': {1: 'n'}, 'feats': {1: 'n'}, 'logits': {1: 'n'}}, opset_version=13)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path))
    with open(onnx_path, 'rb') as f:
        sha = hashlib.sha256(f.read()).hexdigest()

    # The teacher's labels on the evaluation documents (its bigram table is not shipped), for the bench.
    for d in load(eval_path):
        y = teacher(d, lm)
        with open(os.path.join(ROOT, 'bench', 'prose-ml', d['name'], 'teacher.txt'), 'w') as f:
            f.write(''.join(str(int(v)) for v in y) + '\n')

    params = sum(p.numel() for p in net.parameters())
    manifest = {
        'file': 'model.onnx',
        'sha256': sha,
        'threshold': threshold,
        'buckets': BUCKETS,
        'features': FEATURES,
        'architecture': f'hashed word embedding {BUCKETS + 1}x{EMB} + {F} features, 2 x Conv1d({HID}, width {WIDTH}), ReLU, 1x1 Conv1d to a drop logit',
        'parameters': params,
        'teacher': 'self-information from an interpolated bigram model of the training text, plus a closed-class word list; drop when closed-class and below the document\'s 90th percentile of self-information, or below its 40th (scripts/prose-ml/train.py)',
        'training': {
            'documents': len(docs) - len(val), 'heldOutDocuments': len(val),
            'units': int(sum(len(d['ids']) for d in docs)),
            'teacherDropShare': round(share, 4),
            'heldOutAgreementWithTeacher': round(val_agree, 4),
            'steps': STEPS, 'window': WINDOW, 'batch': BATCH,
            'torch': torch.__version__,
        },
        'license': 'MIT (as headroom); trained on MIT-licensed npm package documentation listed in training-sources.txt',
    }
    with open(os.path.join(OUT, 'model.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    print(json.dumps(manifest['training'], indent=2))
    print(f'threshold {threshold}, {params} parameters, {os.path.getsize(onnx_path)} bytes')


if __name__ == '__main__':
    main()
