#!/usr/bin/env bash
# Regenerates the media files in ../assets. Needs ffmpeg with libx264 and libwebp
# (Debian/Ubuntu: `apt-get install -y ffmpeg`). The generated files are committed:
# ffmpeg is NOT needed to build, test or run the emulator.
#
# Every clip is a 1-second, 24 fps H.264 (yuv420p, High profile) MP4 of ffmpeg's
# `testsrc2` pattern with the size burnt in, written with `+faststart` so the box
# layout is `ftyp, free, moov, mdat` (moov before mdat: playable while streaming).
# The emulator serves larger files by appending a top-level `free` box.
set -euo pipefail
cd "$(dirname "$0")/../assets"

SIZES="1280x720 720x1280 1920x1080 1080x1920 1792x1024 1024x1792 720x720"
for size in $SIZES; do
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${size}:rate=24:duration=1" \
    -vf "drawtext=text='videogen emulator ${size}':fontcolor=white:fontsize=h/14:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h-th-h/10" \
    -c:v libx264 -preset veryslow -crf 42 -pix_fmt yuv420p -profile:v high \
    -g 24 -movflags +faststart -map_metadata -1 -fflags +bitexact \
    "clip-${size}.mp4" \
  || ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${size}:rate=24:duration=1" \
    -c:v libx264 -preset veryslow -crf 42 -pix_fmt yuv420p -profile:v high \
    -g 24 -movflags +faststart -map_metadata -1 -fflags +bitexact \
    "clip-${size}.mp4"
done

# OpenAI `variant=thumbnail` (WebP) and `variant=spritesheet` (JPEG, 4x2 grid of frames).
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=1:duration=1" \
  -frames:v 1 -c:v libwebp -quality 50 thumbnail.webp
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=160x90:rate=8:duration=1" \
  -vf "tile=4x2" -frames:v 1 -q:v 8 spritesheet.jpg

ls -l
