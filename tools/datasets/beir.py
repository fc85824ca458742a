"""Writes a dataset in BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv) and checks it.

The scenario scripts next to this file hold the hand-written text; this module only lays it out and
refuses what the issue forbids: duplicated ids, duplicated texts, unknown ids in the judgments and
queries without a relevant document.
"""

import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def write(name, docs, queries, qrels):
    """docs: [(id, title, text)]; queries: [(id, text)]; qrels: [(query id, doc id, grade)]."""
    folder = os.path.join(ROOT, "datasets", name)
    doc_ids = [d[0] for d in docs]
    query_ids = [q[0] for q in queries]
    for kind, ids in (("document", doc_ids), ("query", query_ids)):
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            sys.exit(f"{name}: duplicated {kind} ids {sorted(dup)}")
    texts = [(d[1] + " " + d[2]).strip() for d in docs]
    dup = {t for t in texts if texts.count(t) > 1}
    if dup:
        sys.exit(f"{name}: duplicated document texts {sorted(dup)[:3]}")
    qtexts = [q[1] for q in queries]
    dup = {t for t in qtexts if qtexts.count(t) > 1}
    if dup:
        sys.exit(f"{name}: duplicated query texts {sorted(dup)[:3]}")
    known_docs = set(doc_ids)
    known_queries = set(query_ids)
    pairs = set()
    relevant = {}
    for qid, did, grade in qrels:
        if qid not in known_queries or did not in known_docs:
            sys.exit(f"{name}: judgment ({qid}, {did}) names an unknown id")
        if (qid, did) in pairs:
            sys.exit(f"{name}: ({qid}, {did}) judged twice")
        if grade not in (1, 2):
            sys.exit(f"{name}: grade {grade} for ({qid}, {did}); grades are 1 and 2")
        pairs.add((qid, did))
        if grade > 0:
            relevant.setdefault(qid, []).append(did)
    missing = [q for q in query_ids if q not in relevant]
    if missing:
        sys.exit(f"{name}: queries without a relevant document: {missing}")
    os.makedirs(os.path.join(folder, "qrels"), exist_ok=True)
    with open(os.path.join(folder, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for did, title, text in docs:
            f.write(json.dumps({"_id": did, "title": title, "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(folder, "queries.jsonl"), "w", encoding="utf-8") as f:
        for qid, text in queries:
            f.write(json.dumps({"_id": qid, "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(folder, "qrels", "test.tsv"), "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for qid, did, grade in qrels:
            f.write(f"{qid}\t{did}\t{grade}\n")
    grades = {g: sum(1 for p in qrels if p[2] == g) for g in (1, 2)}
    print(f"{name}: {len(docs)} documents, {len(queries)} queries, {len(qrels)} judgments "
          f"(grade 2: {grades[2]}, grade 1: {grades[1]})")


def grouped(groups, doc_prefix, query_prefix):
    """Lays out [([(title, text)], [(query, {index in the group: grade})])] with numbered ids."""
    docs, queries, qrels = [], [], []
    for entries, asked in groups:
        ids = []
        for title, text in entries:
            ids.append(f"{doc_prefix}{len(docs) + 1:03d}")
            docs.append((ids[-1], title, text))
        for query, grades in asked:
            qid = f"{query_prefix}{len(queries) + 1:03d}"
            queries.append((qid, query))
            for index, grade in grades.items():
                qrels.append((qid, ids[index], grade))
    return docs, queries, qrels
