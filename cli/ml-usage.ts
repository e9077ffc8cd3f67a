/** Usage lines of the ml commands, apart from the commands so `twin` loads TF.js only when one of them runs. */
export const TRAIN_USAGE =
  'twin train rul|defects|failure|anomaly|forecast (--from-sim <scenario> --hours N | --format cmapss --data <train.txt> [--test <t> --truth <r>] | --format table --data <f.csv> --label <col> [--id c,..] [--drop c,..] [--time c] [--group c]) [--model net|trees|auto] [--epochs N] [--out <dir>] [--json]';
export const EVALUATE_USAGE = 'twin evaluate <modelDir> (--data <file> [--truth <RUL.txt>] | --from-sim <scenario> --hours N) [--json]';
export const PREDICT_USAGE = 'twin predict <modelDir> (--data <file> | --from-sim <scenario> --hours N) [--out scores.csv]';
export const TUNE_USAGE = 'twin tune <task> --trials N [--minutes M] [--epochs N] <data flags as for train> [--out trials.json] [--json]';
export const MODELS_USAGE =
  'twin models list [--registry <dir>] [--json] | promote <task> [--kind k] [--version vN] | rollback <task> [--kind k] | train-defaults [--scenario glass-plant] [--hours N] [--only kind/task,..] [--registry <dir>]';
