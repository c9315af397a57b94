#!/bin/sh
# Scores the assistant on stores of eval/stores, one store at a time, with the shared scoring tool.
# Run from the project root: sh eval/stores/score.sh furniture-oakhollow cosmetics-lumelle
# Each store is a help page (any of .html .md .txt .json) and its questions (.jsonl); the brand is
# the "brand" of its questions. Only the totals are printed, so a held-out store's failures are not
# read by accident; FAILS=1 prints each failing question and its answer, VERBOSE=1 every question.
for store in "$@"; do
  doc=$(ls eval/stores/"$store".* | grep -v '\.jsonl$' | head -1)
  brand=$(head -1 eval/stores/"$store".jsonl | sed 's/.*"brand": *"\([^"]*\)".*/\1/')
  echo "== $store ($brand, $(basename "$doc"))"
  if [ -n "$VERBOSE$FAILS" ]; then
    node ../shared/tools/eval-assistant.mjs ${VERBOSE:+--verbose} --doc "$brand=$doc" eval/stores/"$store".jsonl
  else
    node ../shared/tools/eval-assistant.mjs --doc "$brand=$doc" eval/stores/"$store".jsonl | grep -v '^FAIL \|^ *-> '
  fi
done
