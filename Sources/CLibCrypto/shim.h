// The system's libcrypto (OpenSSL 3), used only through its EVP digest interface.
#ifndef THIDUA_CLIBCRYPTO_SHIM_H
#define THIDUA_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
