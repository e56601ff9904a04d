#pragma once
#include <stddef.h>
#include <stdint.h>

/// The header of a PNG: dimensions and the source format, read without decoding pixels.
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int color_type;
    int interlaced;
} custos_png_header;

/// Reads the header of the PNG in `data`. Returns 0 on success; otherwise writes libpng's message into `error`.
int custos_png_read_header(const uint8_t *data, size_t size, custos_png_header *header, char *error,
                           size_t error_capacity);

/// Decodes the PNG in `data` into 8-bit RGB, `width * height * 3` bytes at `rgb` (`capacity` bytes available).
///
/// Palette, grey and low-bit-depth images are expanded, grey is replicated into R, G and B, alpha and tRNS are
/// dropped (not composited), and 16-bit samples are scaled to 8 bits (libpng's png_set_scale_16). Gamma and colour
/// chunks are ignored, as Pillow and the PDQ reference pipeline ignore them. Returns 0 on success; otherwise writes
/// libpng's message into `error`.
int custos_png_decode_rgb(const uint8_t *data, size_t size, uint8_t *rgb, size_t capacity, char *error,
                          size_t error_capacity);
