#!/usr/bin/env bash
# Refreshes the ECharts build embedded in the page from the npm registry.
# Usage: charts/assets/refresh.sh [VERSION]   (default: the version in VERSION)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-$(cat "$here/echarts/VERSION")}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null)
tar -xzf "$tmp"/echarts-*.tgz -C "$tmp"
cp "$tmp/package/dist/echarts.min.js" "$here/echarts/echarts.min.js"
cp "$tmp/package/LICENSE" "$here/echarts/LICENSE"
cp "$tmp/package/NOTICE" "$here/echarts/NOTICE"
for l in RU FR DE ES; do
  cp "$tmp/package/i18n/lang$l.js" "$here/echarts/lang$l.js"
done
echo "$version" > "$here/echarts/VERSION"
# The world map: Natural Earth countries (public domain) as TopoJSON, from
# world-atlas (ISC licence), pinned in world-atlas/VERSION.
atlas="$(cat "$here/world-atlas/VERSION")"
(cd "$tmp" && npm pack --silent "world-atlas@$atlas" >/dev/null)
mkdir -p "$tmp/atlas"
tar -xzf "$tmp"/world-atlas-*.tgz -C "$tmp/atlas"
cp "$tmp/atlas/package/countries-110m.json" "$tmp/atlas/package/LICENSE" "$here/world-atlas/"
if grep -qi '</script' "$here/echarts/echarts.min.js"; then
  echo "refresh: echarts.min.js contains </script and cannot be inlined" >&2
  exit 1
fi
echo "echarts $version: $(wc -c < "$here/echarts/echarts.min.js") bytes"
