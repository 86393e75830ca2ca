#ifndef THIDUA_CHEIF_SHIM_H
#define THIDUA_CHEIF_SHIM_H
// libheif: the HEIC/HEIF photos iPhones take by default. It is opened at the first such
// photo, never linked: it brings four video codecs' libraries with it (x265, libde265,
// dav1d, aom), which took 5 ms to load at every start of every command, for a picture
// format most offices never receive. Its functions are reached through the table below,
// each named as libheif names it with a `thidua_` in front.
#include <dlfcn.h>
#include <pthread.h>
#include <libheif/heif.h>

typedef struct {
    __typeof__(&heif_context_alloc) context_alloc;
    __typeof__(&heif_context_free) context_free;
    __typeof__(&heif_context_set_maximum_image_size_limit) context_set_maximum_image_size_limit;
    __typeof__(&heif_context_read_from_memory_without_copy) context_read_from_memory_without_copy;
    __typeof__(&heif_context_get_primary_image_handle) context_get_primary_image_handle;
    __typeof__(&heif_image_handle_release) image_handle_release;
    __typeof__(&heif_image_handle_get_width) image_handle_get_width;
    __typeof__(&heif_image_handle_get_height) image_handle_get_height;
    __typeof__(&heif_decode_image) decode_image;
    __typeof__(&heif_image_release) image_release;
    __typeof__(&heif_image_get_plane_readonly) image_get_plane_readonly;
    __typeof__(&heif_image_get_width) image_get_width;
    __typeof__(&heif_image_get_height) image_get_height;
} thidua_heif_api;

typedef struct {
    thidua_heif_api api;
    int loaded;
} thidua_heif_state;

// State lives in functions, not at file scope: Swift emits the C functions it calls from
// this header, and what they hold, but no file-scope variable of it.
static inline thidua_heif_state *thidua_heif_shared(void) {
    static thidua_heif_state state;
    return &state;
}

static void thidua_heif_load(void) {
    thidua_heif_state *state = thidua_heif_shared();
    void *library = dlopen("libheif.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
#define THIDUA_HEIF_SYMBOL(field, name) \
    if (!(*(void **)&state->api.field = dlsym(library, #name))) return;
    THIDUA_HEIF_SYMBOL(context_alloc, heif_context_alloc)
    THIDUA_HEIF_SYMBOL(context_free, heif_context_free)
    THIDUA_HEIF_SYMBOL(context_set_maximum_image_size_limit, heif_context_set_maximum_image_size_limit)
    THIDUA_HEIF_SYMBOL(context_read_from_memory_without_copy, heif_context_read_from_memory_without_copy)
    THIDUA_HEIF_SYMBOL(context_get_primary_image_handle, heif_context_get_primary_image_handle)
    THIDUA_HEIF_SYMBOL(image_handle_release, heif_image_handle_release)
    THIDUA_HEIF_SYMBOL(image_handle_get_width, heif_image_handle_get_width)
    THIDUA_HEIF_SYMBOL(image_handle_get_height, heif_image_handle_get_height)
    THIDUA_HEIF_SYMBOL(decode_image, heif_decode_image)
    THIDUA_HEIF_SYMBOL(image_release, heif_image_release)
    THIDUA_HEIF_SYMBOL(image_get_plane_readonly, heif_image_get_plane_readonly)
    THIDUA_HEIF_SYMBOL(image_get_width, heif_image_get_width)
    THIDUA_HEIF_SYMBOL(image_get_height, heif_image_get_height)
#undef THIDUA_HEIF_SYMBOL
    state->loaded = 1;
}

/// The library's functions, opened at the first call; NULL when libheif1 is not installed
/// (or lacks one of them).
static inline const thidua_heif_api *thidua_heif(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, thidua_heif_load);
    thidua_heif_state *state = thidua_heif_shared();
    return state->loaded ? &state->api : NULL;
}

/// Whether libheif could be opened (the functions below may be called only then).
static inline int thidua_heif_available(void) { return thidua_heif() != NULL; }

static inline struct heif_context *thidua_heif_context_alloc(void) { return thidua_heif()->context_alloc(); }
static inline void thidua_heif_context_free(struct heif_context *context) { thidua_heif()->context_free(context); }
static inline void thidua_heif_context_set_maximum_image_size_limit(struct heif_context *context, int limit) {
    thidua_heif()->context_set_maximum_image_size_limit(context, limit);
}
static inline struct heif_error thidua_heif_context_read_from_memory_without_copy(
    struct heif_context *context, const void *memory, size_t size, const struct heif_reading_options *options) {
    return thidua_heif()->context_read_from_memory_without_copy(context, memory, size, options);
}
static inline struct heif_error thidua_heif_context_get_primary_image_handle(
    struct heif_context *context, struct heif_image_handle **handle) {
    return thidua_heif()->context_get_primary_image_handle(context, handle);
}
static inline void thidua_heif_image_handle_release(const struct heif_image_handle *handle) {
    thidua_heif()->image_handle_release(handle);
}
static inline int thidua_heif_image_handle_get_width(const struct heif_image_handle *handle) {
    return thidua_heif()->image_handle_get_width(handle);
}
static inline int thidua_heif_image_handle_get_height(const struct heif_image_handle *handle) {
    return thidua_heif()->image_handle_get_height(handle);
}
static inline struct heif_error thidua_heif_decode_image(
    const struct heif_image_handle *handle, struct heif_image **image, enum heif_colorspace colorspace,
    enum heif_chroma chroma, const struct heif_decoding_options *options) {
    return thidua_heif()->decode_image(handle, image, colorspace, chroma, options);
}
static inline void thidua_heif_image_release(const struct heif_image *image) { thidua_heif()->image_release(image); }
static inline const uint8_t *thidua_heif_image_get_plane_readonly(
    const struct heif_image *image, enum heif_channel channel, int *stride) {
    return thidua_heif()->image_get_plane_readonly(image, channel, stride);
}
static inline int thidua_heif_image_get_width(const struct heif_image *image, enum heif_channel channel) {
    return thidua_heif()->image_get_width(image, channel);
}
static inline int thidua_heif_image_get_height(const struct heif_image *image, enum heif_channel channel) {
    return thidua_heif()->image_get_height(image, channel);
}

#endif
