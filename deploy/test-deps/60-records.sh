# shellcheck shell=bash
# Encrypted records (contacts, key rotation, crypto-shredding): the crypto-shredding test runs the Debian pg_dump
# from /usr/lib/postgresql/*/bin against its test database.
pp_apt_install postgresql-client
