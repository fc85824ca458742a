"""Rewrites the BEIR files of the six scenario datasets from the scripts in this folder:

    python3 tools/datasets/build.py

README cards and dataset.yaml are written by hand; the numbers in the cards come from
`taew datasets results` (see docs/dataset-results.md).
"""

import code_search
import doc_to_doc
import qa_passages
import query_to_faq
import similar_questions
import structured_records

for module in (similar_questions, qa_passages, code_search, doc_to_doc, query_to_faq, structured_records):
    module.main()
