#!/usr/bin/env bash
# Regenerates the images in ../assets. Needs ffmpeg with libwebp
# (Debian/Ubuntu: `apt-get install -y ffmpeg`). The generated files are committed:
# ffmpeg is NOT needed to build, test or run the emulator.
#
# The video clips are not assets: the emulator makes each one in TypeScript for the job's size,
# length and frame rate (src/clip.ts, src/h264.ts, src/mp4-writer.ts).
set -euo pipefail
cd "$(dirname "$0")/../assets"

# OpenAI `variant=thumbnail` (WebP) and `variant=spritesheet` (JPEG, 4x2 grid of frames).
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=1:duration=1" \
  -frames:v 1 -c:v libwebp -quality 50 thumbnail.webp
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=160x90:rate=8:duration=1" \
  -vf "tile=4x2" -frames:v 1 -q:v 8 spritesheet.jpg

ls -l
