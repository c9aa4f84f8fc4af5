#!/bin/sh
# Writes the schema of a migrated database as plain SQL, without the
# lines that differ between machines (comments with versions, owners,
# grants), so that the file in sql/schema.dump can be compared with a
# database. Usage: tools/schema-dump.sh CONNINFO > sql/schema.dump
set -eu
conn=${1:?usage: $0 CONNINFO}
pg_dump --schema-only --no-owner --no-privileges --no-comments \
    --exclude-table=schema_migrations --exclude-table=schema_functions \
    "$conn" |
    grep -v '^--' | grep -v '^SET \|^SELECT pg_catalog.set_config\|^\\\(un\)\?restrict ' |
    cat -s
