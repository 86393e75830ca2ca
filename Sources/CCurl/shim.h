// Typed, non-variadic doors into libcurl for Swift.
//
// curl_easy_setopt and curl_easy_getinfo are variadic C functions, which Swift cannot
// call; each wrapper below fixes one argument type. CURLVERSION_NOW is a macro that
// does not import, so the version query is wrapped as well.
//
// libcurl is opened at its first use, not linked: with what it brings (GnuTLS, Kerberos,
// LDAP, libssh2, RTMP, …) it took about 8 ms of every thidua process's start, before
// main, in commands that send no mail. The daemon opens it on another thread while it
// reads its configuration (`thidua_curl_preload`). Its functions are reached through the
// table below, each named as libcurl names it with a `thidua_` in front.
#ifndef THIDUA_CCURL_SHIM_H
#define THIDUA_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/socket.h>

typedef struct {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_reset) easy_reset;
    __typeof__(&curl_easy_perform) easy_perform;
    __typeof__(&curl_easy_strerror) easy_strerror;
    __typeof__(&curl_easy_send) easy_send;
    __typeof__(&curl_easy_recv) easy_recv;
    __typeof__(&curl_easy_setopt) easy_setopt;
    __typeof__(&curl_easy_getinfo) easy_getinfo;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    __typeof__(&curl_version_info) version_info;
} thidua_curl_api;

// State lives in functions, not at file scope: Swift emits the C functions it calls from
// this header, and what they hold, but no file-scope variable of it.
static inline thidua_curl_api *thidua_curl_shared(void) {
    static thidua_curl_api api;
    return &api;
}

// Without libcurl thidua can neither read nor send mail: as a missing library at exec
// would have, it stops, saying what to install.
static void thidua_curl_load(void) {
    thidua_curl_api *api = thidua_curl_shared();
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    const char *missing = library ? NULL : dlerror();
#define THIDUA_CURL_SYMBOL(field, name) \
    if (!missing && !(*(void **)&api->field = dlsym(library, #name))) missing = #name " is missing from libcurl.so.4";
    THIDUA_CURL_SYMBOL(global_init, curl_global_init)
    THIDUA_CURL_SYMBOL(easy_init, curl_easy_init)
    THIDUA_CURL_SYMBOL(easy_cleanup, curl_easy_cleanup)
    THIDUA_CURL_SYMBOL(easy_reset, curl_easy_reset)
    THIDUA_CURL_SYMBOL(easy_perform, curl_easy_perform)
    THIDUA_CURL_SYMBOL(easy_strerror, curl_easy_strerror)
    THIDUA_CURL_SYMBOL(easy_send, curl_easy_send)
    THIDUA_CURL_SYMBOL(easy_recv, curl_easy_recv)
    THIDUA_CURL_SYMBOL(easy_setopt, curl_easy_setopt)
    THIDUA_CURL_SYMBOL(easy_getinfo, curl_easy_getinfo)
    THIDUA_CURL_SYMBOL(slist_append, curl_slist_append)
    THIDUA_CURL_SYMBOL(slist_free_all, curl_slist_free_all)
    THIDUA_CURL_SYMBOL(version_info, curl_version_info)
#undef THIDUA_CURL_SYMBOL
    if (missing) {
        fprintf(stderr, "thidua: cannot open libcurl (%s); install the libcurl4 package\n", missing);
        abort();
    }
    api->global_init(CURL_GLOBAL_DEFAULT);
}

/// libcurl's functions, opened (and globally initialised) at the first call.
static inline const thidua_curl_api *thidua_curl(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, thidua_curl_load);
    return thidua_curl_shared();
}

/// Opens libcurl now, ahead of its first use (the daemon, on a thread of its own).
static inline void thidua_curl_preload(void) { (void)thidua_curl(); }

static inline CURL *thidua_curl_easy_init(void) { return thidua_curl()->easy_init(); }
static inline void thidua_curl_easy_cleanup(CURL *handle) { thidua_curl()->easy_cleanup(handle); }
static inline void thidua_curl_easy_reset(CURL *handle) { thidua_curl()->easy_reset(handle); }
static inline CURLcode thidua_curl_easy_perform(CURL *handle) { return thidua_curl()->easy_perform(handle); }
static inline const char *thidua_curl_easy_strerror(CURLcode code) { return thidua_curl()->easy_strerror(code); }
static inline CURLcode thidua_curl_easy_send(CURL *handle, const void *buffer, size_t length, size_t *sent) {
    return thidua_curl()->easy_send(handle, buffer, length, sent);
}
static inline CURLcode thidua_curl_easy_recv(CURL *handle, void *buffer, size_t length, size_t *received) {
    return thidua_curl()->easy_recv(handle, buffer, length, received);
}
static inline struct curl_slist *thidua_curl_slist_append(struct curl_slist *list, const char *text) {
    return thidua_curl()->slist_append(list, text);
}
static inline void thidua_curl_slist_free_all(struct curl_slist *list) { thidua_curl()->slist_free_all(list); }

static inline CURLcode thidua_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return thidua_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return thidua_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return thidua_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return thidua_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return thidua_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode thidua_easy_setopt_read_function(CURL *handle, curl_read_callback value) {
    return thidua_curl()->easy_setopt(handle, CURLOPT_READFUNCTION, value);
}

static inline CURLcode thidua_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value) {
    return thidua_curl()->easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

static inline CURLcode thidua_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return thidua_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode thidua_easy_getinfo_socket(CURL *handle, curl_socket_t *socket) {
    return thidua_curl()->easy_getinfo(handle, CURLINFO_ACTIVESOCKET, socket);
}

static inline const char *thidua_curl_version_string(void) {
    return thidua_curl()->version_info(CURLVERSION_NOW)->version;
}

static inline long thidua_curl_features(void) {
    return (long)thidua_curl()->version_info(CURLVERSION_NOW)->features;
}

// OpenSSL read-ahead on a connection thidua reads itself (IMAPStreamConnection).
//
// After a CURLOPT_CONNECT_ONLY transfer libcurl no longer reports the connection's SSL
// object (CURLINFO_TLS_SSL_PTR is NULL outside a transfer), so an info callback on the
// SSL_CTX notes it in `slot` when the handshake completes; the slot hangs on the SSL_CTX
// under an ex_data index of thidua's own, so nothing libcurl keeps there is touched.
// Read-ahead is switched on only once libcurl has finished driving the connection: its
// readiness checks count decrypted bytes (SSL_pending), not records read ahead, and could
// wait on a socket whose data OpenSSL already holds.
static int thidua_tls_slot_index = -1;
static pthread_once_t thidua_tls_slot_once = PTHREAD_ONCE_INIT;

static void thidua_tls_slot_init(void) {
    thidua_tls_slot_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static void thidua_tls_info_callback(const SSL *ssl, int where, int ret) {
    (void)ret;
    if ((where & SSL_CB_HANDSHAKE_DONE) && thidua_tls_slot_index >= 0) {
        void **slot = (void **)SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), thidua_tls_slot_index);
        if (slot != NULL) *slot = (void *)ssl;
    }
}

static CURLcode thidua_tls_ctx_function(CURL *handle, void *ctx, void *slot) {
    (void)handle;
    pthread_once(&thidua_tls_slot_once, thidua_tls_slot_init);
    if (thidua_tls_slot_index < 0 || !SSL_CTX_set_ex_data((SSL_CTX *)ctx, thidua_tls_slot_index, slot)) return CURLE_OK;
    SSL_CTX_set_info_callback((SSL_CTX *)ctx, thidua_tls_info_callback);
    return CURLE_OK;
}

/// Asks libcurl to note the connection's SSL object in `*slot`; CURLE_NOT_BUILT_IN (or
/// another error) when its TLS library is not OpenSSL, and `*slot` stays NULL.
static inline CURLcode thidua_easy_note_tls_object(CURL *handle, void **slot) {
    CURLcode code = thidua_curl()->easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, thidua_tls_ctx_function);
    if (code != CURLE_OK) return code;
    return thidua_curl()->easy_setopt(handle, CURLOPT_SSL_CTX_DATA, (void *)slot);
}

/// Lets OpenSSL read ahead into a buffer of `length` bytes, so that one recv takes in
/// every TLS record the server has queued rather than one record (often 4 KB) in two
/// reads, its header and its body.
static inline void thidua_tls_read_ahead(void *ssl, size_t length) {
    SSL_set_default_read_buffer_len((SSL *)ssl, length);
    SSL_free_buffers((SSL *)ssl);  /* reallocated at the new length by the next read; kept if data is pending */
    SSL_set_read_ahead((SSL *)ssl, 1);
}

/// Linux's `struct tcp_info` as far as `tcpi_min_rtt` (Linux 4.10): glibc's copy in
/// <netinet/tcp.h> ends before it, and <linux/tcp.h> clashes with that copy in Swift.
/// The kernel only ever appends to it.
struct thidua_tcp_info {
    uint8_t state_and_options[8];
    uint32_t rto_to_total_retrans[24];
    uint64_t pacing_rate, max_pacing_rate, bytes_acked, bytes_received;
    uint32_t segs_out, segs_in, notsent_bytes, min_rtt;
};
_Static_assert(offsetof(struct thidua_tcp_info, min_rtt) == 148, "tcpi_min_rtt is at byte 148 of Linux's struct tcp_info");

/// The smallest round-trip time the kernel has measured on TCP socket `socket`, in
/// microseconds; -1 when it cannot say.
static inline long thidua_socket_min_rtt(int socket) {
    struct thidua_tcp_info info;
    socklen_t length = sizeof(info);
    if (getsockopt(socket, IPPROTO_TCP, TCP_INFO, &info, &length) != 0 || length < sizeof(info)) return -1;
    return (long)info.min_rtt;
}

#endif
