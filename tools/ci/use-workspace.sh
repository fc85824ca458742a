#!/usr/bin/env bash
# Leaves the clone as a session in the workbench (README's first command) leaves it, so that CI runs
# README's test command in a used workspace: the tests must read the shipped files, never these.
#   tools/ci/use-workspace.sh        make the clone "used"
#   tools/ci/use-workspace.sh undo   put the shipped files back and remove what the session left
# What a session leaves: an edited and saved template (e5.yaml), an unsaved draft autosaved beside
# a file (.e5.yaml.autosave, the editor's JSON), a set saved with "Save as new set" (e5-tuned.yaml),
# an import's half-written folder (hidden) and an eval's results/ folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = undo ]; then
    git checkout -- instructions datasets
    git clean -fdxq -- instructions datasets results
    exit 0
fi

grep -q '^    query: "query: {text}"$' instructions/e5.yaml
sed -i '0,/^    query: "query: {text}"$/s//    query: "query: find the passage about {text}"/' instructions/e5.yaml
sed 's/^family: e5$/family: e5-tuned/; s/^models: .*/models: []/' instructions/e5.yaml \
    > instructions/e5-tuned.yaml
cat > instructions/.e5.yaml.autosave <<'JSON'
{
  "file": "e5.yaml",
  "savedAt": "2026-01-01T00:00:00Z",
  "tasks": {
    "similarity": {
      "query": "query: a sentence like {text}",
      "document": "query: {text}",
      "instruction": "",
      "exclude_instruction_from_pooling": false
    }
  }
}
JSON
mkdir -p datasets/.my-faq.4711/qrels results/helpdesk-mini/e5-small-v2/retrieval
printf '{"_id": "d1", "text": "half written"}\n' > datasets/.my-faq.4711/corpus.jsonl
printf '{"kind": "retrieval"}\n' > results/helpdesk-mini/e5-small-v2/retrieval/results.json
git status --short
