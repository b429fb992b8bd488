#!/usr/bin/env bash
# Time from the README's run command to the first page that shows demo findings.
# Warm build: builds once, then runs `dotnet run --project src/Dashboard.Web` N times (default 5), each with a fresh
# data folder, signs in with the demo's sign-in button, and measures until GET /findings renders a non-zero
# findings total. Prints each run and the median.
# MODE=dll starts the built app directly (`dotnet Dashboard.Web.dll`), leaving out dotnet run's own build check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-5}
port=${PORT:-5181}
mode=${MODE:-run}
dotnet build src/Dashboard.Web --verbosity quiet >/dev/null
if [[ "$mode" == dll ]]; then
    command=(dotnet src/Dashboard.Web/bin/Debug/net10.0/Dashboard.Web.dll)
else
    command=(dotnet run --project src/Dashboard.Web)
fi

if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
    echo "port $port is already in use (a dashboard left running?); stop it or set PORT" >&2
    exit 1
fi

times=()
for i in $(seq 1 "$runs"); do
    data=$(mktemp -d)
    start=$(date +%s%N)
    Data__Directory="$data" Demo__Enabled=true "${command[@]}" --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1 &
    pid=$!
    trap 'pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true' EXIT
    deadline=$((SECONDS + 120))
    elapsed=""
    jar="$data/cookies"
    signed_in=""
    while (( SECONDS < deadline )); do
        # Sign in as a new user does: the demo's password-less button (a form post with its antiforgery token).
        if [[ -z "$signed_in" ]]; then
            page=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/account/login" 2>/dev/null || true)
            token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="//; s/"$//' || true)
            if [[ -n "$token" ]] && curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST \
                --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/findings" \
                "http://127.0.0.1:$port/account/demo-sign-in" | grep -q 302; then
                signed_in=yes
            else
                sleep 0.05
                continue
            fi
        fi
        if curl -s -b "$jar" "http://127.0.0.1:$port/findings" 2>/dev/null | grep -q 'data-testid="findings-total">[1-9]'; then
            elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
            break
        fi
        sleep 0.05
    done
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [[ -z "$elapsed" ]]; then
        echo "run $i: no demo findings within 120 s; log:" >&2
        tail -20 "$data/app.log" >&2
        exit 1
    fi
    echo "run $i: ${elapsed} ms"
    times+=("$elapsed")
    rm -rf "$data"
done

median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median of $runs runs: ${median} ms from '${command[*]}' to the first page with demo findings"
