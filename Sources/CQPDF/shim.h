#ifndef THIDUA_CQPDF_SHIM_H
#define THIDUA_CQPDF_SHIM_H
// qpdf's C API: PDF structure (pages, /Rotate, resources, AcroForm) and page images'
// streams, undecoded or decoded by qpdf's own filters.
//
// libqpdf is opened at its first use, not linked: with GnuTLS, which it brings for its
// encryption, it took 7 ms of every thidua process's start, before main, in commands that
// never read a PDF. The daemon opens it on another thread while it starts
// (`thidua_qpdf_preload`). Its functions are reached through the table below, each named
// as qpdf names it with a `thidua_` in front.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <qpdf/qpdf-c.h>

typedef struct {
    __typeof__(&qpdf_cleanup) cleanup;
    __typeof__(&qpdf_get_error) get_error;
    __typeof__(&qpdf_get_error_message_detail) get_error_message_detail;
    __typeof__(&qpdf_get_num_pages) get_num_pages;
    __typeof__(&qpdf_get_object_by_id) get_object_by_id;
    __typeof__(&qpdf_get_page_n) get_page_n;
    __typeof__(&qpdf_get_root) get_root;
    __typeof__(&qpdf_has_error) has_error;
    __typeof__(&qpdf_init) init;
    __typeof__(&qpdf_is_encrypted) is_encrypted;
    __typeof__(&qpdf_oh_begin_dict_key_iter) oh_begin_dict_key_iter;
    __typeof__(&qpdf_oh_dict_more_keys) oh_dict_more_keys;
    __typeof__(&qpdf_oh_dict_next_key) oh_dict_next_key;
    __typeof__(&qpdf_oh_get_array_item) oh_get_array_item;
    __typeof__(&qpdf_oh_get_array_n_items) oh_get_array_n_items;
    __typeof__(&qpdf_oh_get_bool_value) oh_get_bool_value;
    __typeof__(&qpdf_oh_get_dict) oh_get_dict;
    __typeof__(&qpdf_oh_get_generation) oh_get_generation;
    __typeof__(&qpdf_oh_get_int_value_as_int) oh_get_int_value_as_int;
    __typeof__(&qpdf_oh_get_key) oh_get_key;
    __typeof__(&qpdf_oh_get_name) oh_get_name;
    __typeof__(&qpdf_oh_get_numeric_value) oh_get_numeric_value;
    __typeof__(&qpdf_oh_get_object_id) oh_get_object_id;
    __typeof__(&qpdf_oh_get_stream_data) oh_get_stream_data;
    __typeof__(&qpdf_oh_is_array) oh_is_array;
    __typeof__(&qpdf_oh_is_dictionary) oh_is_dictionary;
    __typeof__(&qpdf_oh_is_name) oh_is_name;
    __typeof__(&qpdf_oh_is_name_and_equals) oh_is_name_and_equals;
    __typeof__(&qpdf_oh_is_stream) oh_is_stream;
    __typeof__(&qpdf_push_inherited_attributes_to_page) push_inherited_attributes_to_page;
    __typeof__(&qpdf_read_memory) read_memory;
    __typeof__(&qpdf_set_suppress_warnings) set_suppress_warnings;
    __typeof__(&qpdf_silence_errors) silence_errors;
} thidua_qpdf_api;

// State lives in functions, not at file scope: Swift emits the C functions it calls from
// this header, and what they hold, but no file-scope variable of it.
static inline thidua_qpdf_api *thidua_qpdf_shared(void) {
    static thidua_qpdf_api api;
    return &api;
}

// Without libqpdf no PDF can be told from a scan: as a missing library at exec would
// have, thidua stops, saying what to install.
static void thidua_qpdf_load(void) {
    thidua_qpdf_api *api = thidua_qpdf_shared();
    void *library = dlopen("libqpdf.so.29", RTLD_LAZY | RTLD_LOCAL);
    const char *missing = library ? NULL : dlerror();
#define THIDUA_QPDF_SYMBOL(field, name) \
    if (!missing && !(*(void **)&api->field = dlsym(library, #name))) missing = #name " is missing from libqpdf.so.29";
    THIDUA_QPDF_SYMBOL(cleanup, qpdf_cleanup)
    THIDUA_QPDF_SYMBOL(get_error, qpdf_get_error)
    THIDUA_QPDF_SYMBOL(get_error_message_detail, qpdf_get_error_message_detail)
    THIDUA_QPDF_SYMBOL(get_num_pages, qpdf_get_num_pages)
    THIDUA_QPDF_SYMBOL(get_object_by_id, qpdf_get_object_by_id)
    THIDUA_QPDF_SYMBOL(get_page_n, qpdf_get_page_n)
    THIDUA_QPDF_SYMBOL(get_root, qpdf_get_root)
    THIDUA_QPDF_SYMBOL(has_error, qpdf_has_error)
    THIDUA_QPDF_SYMBOL(init, qpdf_init)
    THIDUA_QPDF_SYMBOL(is_encrypted, qpdf_is_encrypted)
    THIDUA_QPDF_SYMBOL(oh_begin_dict_key_iter, qpdf_oh_begin_dict_key_iter)
    THIDUA_QPDF_SYMBOL(oh_dict_more_keys, qpdf_oh_dict_more_keys)
    THIDUA_QPDF_SYMBOL(oh_dict_next_key, qpdf_oh_dict_next_key)
    THIDUA_QPDF_SYMBOL(oh_get_array_item, qpdf_oh_get_array_item)
    THIDUA_QPDF_SYMBOL(oh_get_array_n_items, qpdf_oh_get_array_n_items)
    THIDUA_QPDF_SYMBOL(oh_get_bool_value, qpdf_oh_get_bool_value)
    THIDUA_QPDF_SYMBOL(oh_get_dict, qpdf_oh_get_dict)
    THIDUA_QPDF_SYMBOL(oh_get_generation, qpdf_oh_get_generation)
    THIDUA_QPDF_SYMBOL(oh_get_int_value_as_int, qpdf_oh_get_int_value_as_int)
    THIDUA_QPDF_SYMBOL(oh_get_key, qpdf_oh_get_key)
    THIDUA_QPDF_SYMBOL(oh_get_name, qpdf_oh_get_name)
    THIDUA_QPDF_SYMBOL(oh_get_numeric_value, qpdf_oh_get_numeric_value)
    THIDUA_QPDF_SYMBOL(oh_get_object_id, qpdf_oh_get_object_id)
    THIDUA_QPDF_SYMBOL(oh_get_stream_data, qpdf_oh_get_stream_data)
    THIDUA_QPDF_SYMBOL(oh_is_array, qpdf_oh_is_array)
    THIDUA_QPDF_SYMBOL(oh_is_dictionary, qpdf_oh_is_dictionary)
    THIDUA_QPDF_SYMBOL(oh_is_name, qpdf_oh_is_name)
    THIDUA_QPDF_SYMBOL(oh_is_name_and_equals, qpdf_oh_is_name_and_equals)
    THIDUA_QPDF_SYMBOL(oh_is_stream, qpdf_oh_is_stream)
    THIDUA_QPDF_SYMBOL(push_inherited_attributes_to_page, qpdf_push_inherited_attributes_to_page)
    THIDUA_QPDF_SYMBOL(read_memory, qpdf_read_memory)
    THIDUA_QPDF_SYMBOL(set_suppress_warnings, qpdf_set_suppress_warnings)
    THIDUA_QPDF_SYMBOL(silence_errors, qpdf_silence_errors)
#undef THIDUA_QPDF_SYMBOL
    if (missing) {
        fprintf(stderr, "thidua: cannot open libqpdf (%s); install the libqpdf29 package\n", missing);
        abort();
    }
}

/// libqpdf's functions, opened at the first call.
static inline const thidua_qpdf_api *thidua_qpdf(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, thidua_qpdf_load);
    return thidua_qpdf_shared();
}

/// Opens libqpdf now, ahead of its first use (the daemon, on a thread of its own).
static inline void thidua_qpdf_preload(void) { (void)thidua_qpdf(); }

static inline void thidua_qpdf_cleanup(qpdf_data* qpdf) { thidua_qpdf()->cleanup(qpdf); }
static inline qpdf_error thidua_qpdf_get_error(qpdf_data qpdf) { return thidua_qpdf()->get_error(qpdf); }
static inline char const* thidua_qpdf_get_error_message_detail(qpdf_data q, qpdf_error e) { return thidua_qpdf()->get_error_message_detail(q, e); }
static inline int thidua_qpdf_get_num_pages(qpdf_data qpdf) { return thidua_qpdf()->get_num_pages(qpdf); }
static inline qpdf_oh thidua_qpdf_get_object_by_id(qpdf_data qpdf, int objid, int generation) { return thidua_qpdf()->get_object_by_id(qpdf, objid, generation); }
static inline qpdf_oh thidua_qpdf_get_page_n(qpdf_data qpdf, size_t zero_based_index) { return thidua_qpdf()->get_page_n(qpdf, zero_based_index); }
static inline qpdf_oh thidua_qpdf_get_root(qpdf_data qpdf) { return thidua_qpdf()->get_root(qpdf); }
static inline QPDF_BOOL thidua_qpdf_has_error(qpdf_data qpdf) { return thidua_qpdf()->has_error(qpdf); }
static inline qpdf_data thidua_qpdf_init(void) { return thidua_qpdf()->init(); }
static inline QPDF_BOOL thidua_qpdf_is_encrypted(qpdf_data qpdf) { return thidua_qpdf()->is_encrypted(qpdf); }
static inline void thidua_qpdf_oh_begin_dict_key_iter(qpdf_data qpdf, qpdf_oh dict) { thidua_qpdf()->oh_begin_dict_key_iter(qpdf, dict); }
static inline QPDF_BOOL thidua_qpdf_oh_dict_more_keys(qpdf_data qpdf) { return thidua_qpdf()->oh_dict_more_keys(qpdf); }
static inline char const* thidua_qpdf_oh_dict_next_key(qpdf_data qpdf) { return thidua_qpdf()->oh_dict_next_key(qpdf); }
static inline qpdf_oh thidua_qpdf_oh_get_array_item(qpdf_data qpdf, qpdf_oh oh, int n) { return thidua_qpdf()->oh_get_array_item(qpdf, oh, n); }
static inline int thidua_qpdf_oh_get_array_n_items(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_array_n_items(qpdf, oh); }
static inline QPDF_BOOL thidua_qpdf_oh_get_bool_value(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_bool_value(qpdf, oh); }
static inline qpdf_oh thidua_qpdf_oh_get_dict(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_dict(qpdf, oh); }
static inline int thidua_qpdf_oh_get_generation(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_generation(qpdf, oh); }
static inline int thidua_qpdf_oh_get_int_value_as_int(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_int_value_as_int(qpdf, oh); }
static inline qpdf_oh thidua_qpdf_oh_get_key(qpdf_data qpdf, qpdf_oh oh, char const* key) { return thidua_qpdf()->oh_get_key(qpdf, oh, key); }
static inline char const* thidua_qpdf_oh_get_name(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_name(qpdf, oh); }
static inline double thidua_qpdf_oh_get_numeric_value(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_numeric_value(qpdf, oh); }
static inline int thidua_qpdf_oh_get_object_id(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_get_object_id(qpdf, oh); }
static inline QPDF_ERROR_CODE thidua_qpdf_oh_get_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL* filtered, unsigned char** bufp, size_t* len) { return thidua_qpdf()->oh_get_stream_data(qpdf, stream_oh, decode_level, filtered, bufp, len); }
static inline QPDF_BOOL thidua_qpdf_oh_is_array(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_is_array(qpdf, oh); }
static inline QPDF_BOOL thidua_qpdf_oh_is_dictionary(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_is_dictionary(qpdf, oh); }
static inline QPDF_BOOL thidua_qpdf_oh_is_name(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_is_name(qpdf, oh); }
static inline QPDF_BOOL thidua_qpdf_oh_is_name_and_equals(qpdf_data qpdf, qpdf_oh oh, char const* name) { return thidua_qpdf()->oh_is_name_and_equals(qpdf, oh, name); }
static inline QPDF_BOOL thidua_qpdf_oh_is_stream(qpdf_data qpdf, qpdf_oh oh) { return thidua_qpdf()->oh_is_stream(qpdf, oh); }
static inline QPDF_ERROR_CODE thidua_qpdf_push_inherited_attributes_to_page(qpdf_data qpdf) { return thidua_qpdf()->push_inherited_attributes_to_page(qpdf); }
static inline QPDF_ERROR_CODE thidua_qpdf_read_memory(qpdf_data qpdf, char const* description, char const* buffer, unsigned long long size, char const* password) { return thidua_qpdf()->read_memory(qpdf, description, buffer, size, password); }
static inline void thidua_qpdf_set_suppress_warnings(qpdf_data qpdf, QPDF_BOOL value) { thidua_qpdf()->set_suppress_warnings(qpdf, value); }
static inline void thidua_qpdf_silence_errors(qpdf_data qpdf) { thidua_qpdf()->silence_errors(qpdf); }
#endif
