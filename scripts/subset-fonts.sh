#!/usr/bin/env bash
# Makes worker/fonts/ from Debian's DejaVu Sans (fonts-dejavu-core): the letters people's and
# institutions' names are written in (Latin with its extensions, Greek, Cyrillic) and the
# punctuation the documents use. Hinting and the OpenType layout tables are left out:
# pdf-lib draws glyphs by their plain advance widths, so shaping would only cost CPU, and the
# subset stays small enough to ship in the worker. The output is committed; run this again
# only to change the coverage. Needs pyftsubset (Debian: apt-get install fonttools).
set -euo pipefail
cd "$(dirname "$0")/.."

src=/usr/share/fonts/truetype/dejavu
# Basic Latin, Latin-1, Latin Extended-A and -B, IPA and spacing modifiers (ʻ ˇ ˘ ˝), combining
# accents, Greek, Cyrillic and its supplement, Latin Extended Additional (Vietnamese, Welsh),
# general punctuation („ “ – — … ·), currency signs, letterlike symbols (№), minus, replacement.
unicodes="U+0020-007E,U+00A0-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2212,U+FFFD"

for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$src/$face.ttf" \
    --unicodes="$unicodes" \
    --no-hinting \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM \
    --name-IDs='*' --name-legacy --name-languages='*' \
    --notdef-outline \
    --output-file="worker/fonts/$face.ttf"
done
ls -l worker/fonts/*.ttf
