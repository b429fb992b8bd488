#!/usr/bin/env bash
# Starts a local PostgreSQL for the tests and sets DASHBOARD_TEST_POSTGRES to a connection string for a test role.
#
#   . scripts/start-postgres.sh      # in your shell (or test.sh): exports DASHBOARD_TEST_POSTGRES
#   scripts/start-postgres.sh        # prints the export line instead
#
# Installs Debian's `postgresql` when it is missing, uses the first cluster pg_lsclusters lists (creating one
# when there is none), makes it listen on 127.0.0.1 only, starts it, and (re)creates the role `dashboard_test`
# with a random password (generated once per cluster, kept in a root-only file) and the right to create databases: each test app creates its own database and
# drops it afterwards (pg_signal_backend lets it end an autovacuum worker still in it). Needs root or sudo.
# Returns non-zero, with a message, when PostgreSQL cannot be started.

dashboard_start_postgres() {
    local sudo="" as_postgres
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo="sudo"
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        as_postgres=(runuser -u postgres --)
    else
        as_postgres=(sudo -u postgres)
    fi

    if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "start-postgres: installing Debian's postgresql" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null || return 1
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql </dev/null >/dev/null || return 1
    fi

    local version="" name="" port="" status=""
    read -r version name port status _ < <(pg_lsclusters -h | head -n 1) || true
    if [[ -z "${version:-}" ]]; then
        version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        name=main
        echo "start-postgres: creating cluster $version/$name" >&2
        $sudo pg_createcluster "$version" "$name" >/dev/null || return 1
        read -r version name port status _ < <(pg_lsclusters -h | head -n 1) || true
    fi

    # Loopback IPv4 only, in a file of the cluster's conf.d (Debian's postgresql.conf includes that folder); a
    # running cluster is restarted when the file changes.
    local conf_dir="/etc/postgresql/$version/$name/conf.d" setting="listen_addresses = '127.0.0.1'"
    if [[ "$($sudo cat "$conf_dir/50-dashboard-tests.conf" 2>/dev/null)" != "$setting" ]]; then
        $sudo mkdir -p "$conf_dir" || return 1
        echo "$setting" | $sudo tee "$conf_dir/50-dashboard-tests.conf" >/dev/null || return 1
        if [[ "$status" == online* ]]; then
            $sudo pg_ctlcluster "$version" "$name" restart || return 1
        fi
    fi
    if [[ "$status" != online* ]]; then
        $sudo pg_ctlcluster "$version" "$name" start || return 1
    fi

    local waited=0
    until pg_isready -q -h 127.0.0.1 -p "$port"; do
        if (( waited >= 30 )); then
            echo "start-postgres: cluster $version/$name did not accept connections on 127.0.0.1:$port within 30s" >&2
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done

    # One random password per cluster, kept in a root-only file: several shells (or test runs) sourcing this
    # script at once must not change the password under each other's feet.
    local password password_file="/etc/postgresql/$version/$name/dashboard-test-password"
    password=$($sudo cat "$password_file" 2>/dev/null || true)
    if [[ ! "$password" =~ ^[0-9a-f]{36}$ ]]; then
        password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
        (umask 077 && echo "$password" | $sudo tee "$password_file" >/dev/null) || return 1
    fi
    "${as_postgres[@]}" psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres -v password="$password" >/dev/null <<'SQL' || return 1
SELECT 'CREATE ROLE dashboard_test LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dashboard_test') \gexec
ALTER ROLE dashboard_test LOGIN CREATEDB PASSWORD :'password';
-- DROP DATABASE ... WITH (FORCE) after a test must also end an autovacuum worker that is busy in that database.
GRANT pg_signal_backend TO dashboard_test;
SELECT 'CREATE DATABASE dashboard_test OWNER dashboard_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'dashboard_test') \gexec
SQL

    export DASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=dashboard_test;Password=$password;Database=dashboard_test"
    echo "start-postgres: cluster $version/$name on 127.0.0.1:$port; DASHBOARD_TEST_POSTGRES is set" >&2
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    dashboard_start_postgres
    printf 'export DASHBOARD_TEST_POSTGRES=%q\n' "$DASHBOARD_TEST_POSTGRES"
else
    dashboard_start_postgres
fi
