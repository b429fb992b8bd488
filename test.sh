#!/usr/bin/env bash
# The one test command: builds the solution and runs every test project (unit, component, deployment and the
# Playwright end-to-end tests) in Release. Installs the Debian packages the tests drive when they are
# missing. The last line printed is "N passed, N failed, N skipped", summed over the TRX files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Playwright must never fetch a browser: the end-to-end test drives /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2
    exit 1
fi

# Debian packages the tests drive: chromium (end-to-end tests), awscli and python3-botocore (independent official
# clients that check the fake AWS's wire format).
missing=()
for package in chromium awscli python3-botocore; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if (( ${#missing[@]} > 0 )); then
    echo "test.sh: installing Debian packages: ${missing[*]}"
    sudo=""
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

results_dir="artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

started=$SECONDS
test_rc=0
dotnet test Dashboard.sln -c Release --verbosity minimal \
    --logger trx --results-directory "$results_dir" || test_rc=$?
echo "test.sh: dotnet test finished in $((SECONDS - started))s (exit code $test_rc); TRX files in $results_dir"

# Sum the <Counters> attributes of every TRX file (plain grep/sed, so no python is needed).
passed=0 failed=0 skipped=0
counter() { # counter ATTRIBUTE <<< '<Counters ...>'
    sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p"
}
shopt -s nullglob
trx_files=("$results_dir"/*.trx)
for trx in "${trx_files[@]}"; do
    line=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    [[ -n "$line" ]] || continue
    p=$(counter passed <<<"$line"); f=$(counter failed <<<"$line"); s=$(counter notExecuted <<<"$line")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done
if [[ ${#trx_files[@]} -eq 0 ]]; then
    echo "test.sh: no TRX files were written (did the build fail?)" >&2
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [[ $test_rc -ne 0 || $failed -ne 0 || ${#trx_files[@]} -eq 0 ]]; then
    exit 1
fi
