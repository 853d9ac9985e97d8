#!/bin/sh
# Publish the static edition that `make site` wrote, for deploy/nginx.conf.template to serve:
#
#   deploy/publish.sh build/site /srv/pfcc-site      # then SITE_ROOT=/srv/pfcc-site/current
#
# 1. copies it to TARGET/releases/<time>, beside the releases already there;
# 2. writes a .gz beside each text file over 1 kB (the template's gzip_static sends it as it is:
#    plotly.js is 4.8 MB, 1.5 MB compressed, and compressing it per request would cost the CPU);
# 3. carries over the hashed assets/ files the current release names, so a page cached from
#    the previous release (for up to 5 minutes) still finds its plotly.js, CSS and script;
# 4. points TARGET/current at the new release in one rename: no visitor sees half a site;
# 5. keeps the three newest releases. Rolling back is pointing `current` at an older one:
#    ln -sfn releases/OLD TARGET/.current.tmp && mv -T TARGET/.current.tmp TARGET/current
#
# nginx resolves the link on every request: no reload needed. Everything published is made
# world-readable, for nginx's workers (nobody, www-data).
set -eu

usage="usage: deploy/publish.sh SITE_DIR TARGET_DIR"
src=${1:?$usage}
target=${2:?$usage}
if [ ! -f "$src/site.json" ]; then
    echo "publish.sh: $src is not a built site (no site.json); run make site first" >&2
    exit 1
fi

release=$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir -p "$target/releases"
work="$target/releases/.$release.tmp"
trap 'rm -rf "$work"' EXIT
cp -R "$src" "$work"

find "$work" -type f -size +1k \( -name '*.html' -o -name '*.css' -o -name '*.js' \
    -o -name '*.json' -o -name '*.csv' -o -name '*.svg' -o -name '*.xml' \) -exec gzip -9 -k -n -f {} +

if [ -f "$target/current/site.json" ]; then
    for asset in $(grep -o '"assets/[^"]*"' "$target/current/site.json" | tr -d '"'); do
        for f in "$asset" "$asset.gz"; do
            if [ -f "$target/current/$f" ] && [ ! -e "$work/$f" ]; then
                cp -p "$target/current/$f" "$work/$f"
            fi
        done
    done
fi

chmod -R a+rX "$work"
chmod a+rx "$target" "$target/releases"
mv "$work" "$target/releases/$release"
trap - EXIT
ln -sfn "releases/$release" "$target/.current.tmp"
mv -T "$target/.current.tmp" "$target/current"

# The newest three stay (names sort by time); the one just published is among them.
find "$target/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort | head -n -3 |
    while read -r old; do rm -rf "$old"; done
echo "published $src as $target/releases/$release; $target/current points to it"
