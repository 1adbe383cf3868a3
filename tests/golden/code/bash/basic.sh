#!/bin/bash
# Launch the inference server with tensor parallelism.
set -euo pipefail
echo "# not a comment" 'neither # this' a#b ${VAR#prefix} # trailing comment
cat <<EOT
# inside a here-document: not a comment
EOT
## Double hash: ünïcödé comment
