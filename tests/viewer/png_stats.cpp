// png_stats FILE: prints "WIDTH HEIGHT COLOURS" (distinct RGB colours) of a PNG, so that
// the viewer tests can tell a real screenshot from a blank or black one.
#include <stb_image.h>

#include <cstdio>
#include <unordered_set>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: png_stats FILE.png\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "png_stats: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::unordered_set<unsigned> colours;
  for (long i = 0; i < static_cast<long>(w) * h; ++i)
    colours.insert((unsigned{px[3 * i]} << 16) | (unsigned{px[3 * i + 1]} << 8) | px[3 * i + 2]);
  stbi_image_free(px);
  std::printf("%d %d %zu\n", w, h, colours.size());
  return 0;
}
