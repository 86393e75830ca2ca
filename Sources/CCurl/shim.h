// Typed, non-variadic doors into libcurl for Swift.
//
// curl_easy_setopt and curl_easy_getinfo are variadic C functions, which Swift cannot
// call; each wrapper below fixes one argument type. CURLVERSION_NOW is a macro that
// does not import, so the version query is wrapped as well.
#ifndef THIDUA_CCURL_SHIM_H
#define THIDUA_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode thidua_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_read_function(CURL *handle, curl_read_callback value) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, value);
}

static inline CURLcode thidua_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

static inline CURLcode thidua_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode thidua_easy_getinfo_socket(CURL *handle, curl_socket_t *socket) {
    return curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, socket);
}

static inline const char *thidua_curl_version_string(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}

static inline long thidua_curl_features(void) {
    return (long)curl_version_info(CURLVERSION_NOW)->features;
}

#endif
