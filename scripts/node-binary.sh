#!/usr/bin/env bash
# Prints the path of a Node binary of the given major version (e.g. `22`), taken
# from the npm `node` package through `npm exec` (cached by npm after the first
# fetch, about 5 s). Used by .ci/run to test on Node 20, 22 and 24.
set -euo pipefail
version="${1:?usage: node-binary.sh MAJOR}"
npm exec --yes --package="node@$version" -- node -p process.execPath | tail -n 1
