#!/usr/bin/env bash
# The C++ sources keep the style of .clang-format (clang-format 14, as Debian 12 ships it).
# Usage: format_check.sh SOURCE_DIR        (prints the files that differ; `make format` fixes them)
set -euo pipefail
src=${1:?usage: format_check.sh SOURCE_DIR}
command -v clang-format-14 >/dev/null || { echo "clang-format-14 is not installed (.ci/install-deps installs it)"; exit 1; }
cd "$src"
mapfile -d '' files < <(find sim viz tests \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
[[ ${#files[@]} -gt 100 ]] || { echo "found only ${#files[@]} sources under $src: wrong directory?"; exit 1; }
bad=()
for f in "${files[@]}"; do
  clang-format-14 --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
  echo "${#bad[@]} of ${#files[@]} files differ from .clang-format (make format fixes them):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "${#files[@]} files keep .clang-format"
