// libpng reports errors by longjmp from its error callback; Swift cannot host a setjmp, so this file does.
#include "custos_png.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
    char *error;
    size_t error_capacity;
} reader_state;

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    reader_state *state = (reader_state *)png_get_io_ptr(png);
    if (count > state->size - state->offset) {
        png_error(png, "the file ends before the image data does (truncated)");
    }
    memcpy(out, state->data + state->offset, count);
    state->offset += count;
}

static void on_error(png_structp png, png_const_charp message) {
    reader_state *state = (reader_state *)png_get_error_ptr(png);
    if (state->error_capacity > 0) {
        snprintf(state->error, state->error_capacity, "%s", message);
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static int start(const uint8_t *data, size_t size, reader_state *state, png_structp *png, png_infop *info) {
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        snprintf(state->error, state->error_capacity, "not a PNG signature");
        return -1;
    }
    *png = png_create_read_struct(PNG_LIBPNG_VER_STRING, state, on_error, on_warning);
    if (*png == NULL) {
        snprintf(state->error, state->error_capacity, "libpng could not allocate a reader");
        return -1;
    }
    *info = png_create_info_struct(*png);
    if (*info == NULL) {
        png_destroy_read_struct(png, NULL, NULL);
        snprintf(state->error, state->error_capacity, "libpng could not allocate a reader");
        return -1;
    }
    png_set_read_fn(*png, state, read_from_memory);
    // Colour-profile and text chunks are not needed for pixels; a broken one must not stop decoding.
    png_set_keep_unknown_chunks(*png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    png_set_benign_errors(*png, 1);
    return 0;
}

int custos_png_read_header(const uint8_t *data, size_t size, custos_png_header *header, char *error,
                           size_t error_capacity) {
    reader_state state = {data, size, 0, error, error_capacity};
    png_structp png = NULL;
    png_infop info = NULL;
    if (start(data, size, &state, &png, &info) != 0) return -1;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_read_info(png, info);
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

int custos_png_decode_rgb(const uint8_t *data, size_t size, uint8_t *rgb, size_t capacity, char *error,
                          size_t error_capacity) {
    reader_state state = {data, size, 0, error, error_capacity};
    png_structp png = NULL;
    png_infop info = NULL;
    if (start(data, size, &state, &png, &info) != 0) return -1;
    // `rows` is set after setjmp; volatile so the cleanup path sees its value after a longjmp.
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_free(png, rows);
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info);
    if ((size_t)width * (size_t)height * 3 > capacity) {
        snprintf(error, error_capacity, "the output buffer is smaller than the image");
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    png_set_scale_16(png);
    png_set_packing(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    // Alpha and tRNS are dropped, never composited: the reference pipeline (Pillow's convert("RGB")) drops them.
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 3) {
        snprintf(error, error_capacity, "libpng did not produce 8-bit RGB rows");
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    rows = (png_bytep *)png_malloc(png, sizeof(png_bytep) * height);
    for (png_uint_32 row = 0; row < height; row++) rows[row] = rgb + (size_t)row * width * 3;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_free(png, rows);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}
