#!/usr/bin/env bash
# Mutation testing of the rule modules (issue 18): one command, run from anywhere.
#
#   bash scripts/mutation.sh              # run mutmut on the rule functions, print the score per module
#   bash scripts/mutation.sh --retest     # first forget the survivors, so new tests get a chance to kill them
#   bash scripts/mutation.sh --report     # only print the scores of the last run
#   bash scripts/mutation.sh codes        # only one module (lifecycle, codes, balance, staff, reconcile)
#
# Configuration (files, headless test selection) is [tool.mutmut] in pyproject.toml; mutmut copies the
# sources into ./mutants/ (ignored by git) and keeps results there between runs. A timeout counts as
# killed (the mutant made the tests hang: they noticed). Exits 1 below 90 % killed overall.
# It runs one mutant at a time under `nice`: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
[ -x "$VENV/bin/mutmut" ] || VENV=/work/main/.venv
export QT_QPA_PLATFORM=offscreen

# The rule functions per module (fnmatch patterns on mutmut's mutant names).
declare -A PATTERNS=(
  [lifecycle]="app.services.lifecycle.x_check_transition__* app.services.lifecycle.x_is_allowed__* app.services.lifecycle.x_may_go_to_lab__*"
  [codes]="app.services.codes.*"
  [balance]="app.services.balance.*"
  [staff]="app.services.staff.x_require__* app.services.staff.x_verify_manager__* app.services.staff.x_has_manager_rights__* app.services.staff.xǁActorǁmay__*"
  [reconcile]="app.services.reconcile.x_compare__* app.services.reconcile.x__code_of__* app.services.reconcile.x__number__*"
)
ORDER=(lifecycle codes balance staff reconcile)

retest=0; report_only=0; modules=()
for arg in "$@"; do
  case "$arg" in
    --retest) retest=1 ;;
    --report) report_only=1 ;;
    lifecycle|codes|balance|staff|reconcile) modules+=("$arg") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[ ${#modules[@]} -gt 0 ] || modules=("${ORDER[@]}")

selected=()
for m in "${modules[@]}"; do for p in ${PATTERNS[$m]}; do selected+=("$p"); done; done
all=()
for m in "${ORDER[@]}"; do all+=("$m=${PATTERNS[$m]}"); done

if [ "$report_only" = 0 ]; then
  if [ "$retest" = 1 ] && [ -d mutants ]; then
    "$VENV/bin/python" - "${selected[@]}" <<'PY'
import fnmatch, json, pathlib, sys
patterns = sys.argv[1:]
for meta in pathlib.Path("mutants/app/services").glob("*.py.meta"):
    data = json.loads(meta.read_text())
    codes = data.get("exit_code_by_key", {})
    reset = [k for k, v in codes.items() if v == 0 and any(fnmatch.fnmatch(k, p) for p in patterns)]
    for k in reset:
        codes[k] = None
    if reset:
        meta.write_text(json.dumps(data))
        print(f"retesting {len(reset)} survivors of {meta.name[:-5]}")
PY
  fi
  start=$(date +%s)
  nice -n 10 "$VENV/bin/mutmut" run --max-children 1 "${selected[@]}"
  echo "mutmut ran $(( ($(date +%s) - start) / 60 )) min"
fi

"$VENV/bin/python" - "${all[@]}" <<'PY'
import fnmatch, json, pathlib, sys
KILLED = {1, 3}; TIMEOUT = {36, -24, 24, 152, 255}
total_tested = total_dead = 0
survivors = []
print(f"{'module':<10} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'untested':>8} {'score':>6}")
for spec in sys.argv[1:]:
    module, patterns = spec.split("=", 1)
    patterns = patterns.split()
    meta = pathlib.Path(f"mutants/app/services/{module}.py.meta")
    codes = json.loads(meta.read_text()).get("exit_code_by_key", {}) if meta.exists() else {}
    mine = {k: v for k, v in codes.items() if any(fnmatch.fnmatch(k, p) for p in patterns)}
    killed = sum(v in KILLED for v in mine.values())
    timeout = sum(v in TIMEOUT for v in mine.values())
    survived = [k for k, v in mine.items() if v == 0]
    other = [k for k, v in mine.items() if v is not None and v not in KILLED | TIMEOUT | {0}]
    untested = sum(v is None for v in mine.values())
    tested = killed + timeout + len(survived) + len(other)
    score = f"{100 * (killed + timeout) / tested:5.1f}%" if tested else "    -"
    print(f"{module:<10} {len(mine):>7} {killed:>6} {timeout:>7} {len(survived):>8} {untested:>8} {score:>6}")
    total_tested += tested; total_dead += killed + timeout
    survivors += survived + [f"{k} (exit code {codes[k]})" for k in other]
score = 100 * total_dead / total_tested if total_tested else 0.0
print(f"overall: {total_dead} of {total_tested} tested mutants killed (timeouts count as killed): {score:.1f}%")
if survivors:
    print("survivors (`.venv/bin/mutmut show NAME` shows the change):")
    for s in sorted(survivors):
        print("   ", s)
sys.exit(0 if total_tested and score >= 90 else 1)
PY
